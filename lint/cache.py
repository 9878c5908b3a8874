"""The result cache: a file's findings, kept until its content or the run's setup changes.

An entry holds what the document rules found in one file (findings and notices) and is
keyed by a hash of

- the file's bytes and the name it is reported under,
- the *run key*: the cache format, doclint's version, the versions of the libraries
  that decode files and parse Markdown (charset-normalizer, markdown-it-py), every
  loaded plugin's name, distribution, version and source files (so an edited rule
  invalidates the cache even before its version changes, as in CI or an editable
  install), the selected rules, and every config value that can change a finding
  (plugin options, per-file ignores, ignored fingerprints ...; any config field not
  known to be harmless counts).

A run over many files also writes a manifest of their results, read at once by the next:
it keeps the digest of each file's bytes with the file's absolute path and its stat data
(size, times of change of the content and of the inode, inode and device number, much as
git's index keeps), so that a re-run reads only the files whose stat data differ. An edit
that keeps the size and puts the old time back (``touch -r``, ``cp -p``, ``rsync -t``)
still changes the inode's time of change, which no user can set; a file changed within
``RACY_NS`` of the run that recorded it has no digest kept, and is read again by the next.

Corpus rules compare documents with each other: their findings are kept for a corpus
whose every file is unchanged (an entry keyed by the run key, the corpus rules, and the
name and bytes of every file of the corpus), and what they derive from each document
alone is kept with ``document_feature``, so that a run after one file changed reads
the others' features instead of analysing them again. Entries live in
``.doclint_cache/`` at the config root (the folder of the config file, else the current
folder), which holds its own ``.gitignore``: under a folder per run key, the entries are
rows of one SQLite database (``doclint.entry_store``) and the manifest a file written to
a temporary name and renamed into place, so parallel workers and concurrent runs never
see half of either. An unreadable entry is a miss, and a cache that cannot be written is
silently skipped.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache, partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, TypeVar

from doclint.atomic import write_atomic
from doclint.errors import DoclintError
from doclint.models import (
    Applicability,
    Document,
    FeatureRow,
    Finding,
    FixedEdits,
    Notice,
    PlacedEdit,
    Related,
    Severity,
)

if TYPE_CHECKING:
    from doclint.config import Config
    from doclint.discovery import Target
    from doclint.plugin_manager import PluginManager
    from doclint.rules import Rule
    from doclint.runner import RunResult

T = TypeVar("T")
CACHE_DIR = ".doclint_cache"
# Bump when the layout or the entry format changes.
FORMAT = 8
# Run keys kept side by side (e.g. a run with the default rules and one with --select).
KEEP_RUN_KEYS = 4
# Entries the corpus pass reads read, or asked whether stored, in one query (``_entry_in_turn``).
READ_AHEAD = 256
# Config fields that decide which files are checked, which rule scopes run (the rules are
# in the key) or how the result is shown, never what a file's findings are. Every other
# field is part of the run key.
NOT_IN_KEY = frozenset(
    {"include", "exclude", "output_format", "fail_on", "corpus_root", "baseline", "root", "source", "cache", "scope"}
)
CHUNK = 1 << 20
MANIFEST = "manifest.json"
# The keys of the newest corpus entries of each kind, newest last; older ones are removed.
CORPUS_ENTRIES = "corpus-entries.json"
KEEP_CORPUS_ENTRIES = 8
_CORPUS_KEY = re.compile(r"[0-9a-f]{40}")
# Between a manifest entry's header (key, absolute path and stat data, digest) and its
# result, both JSON: a lookup reads the header alone. JSON has no raw tab, in a string or out.
_RESULT = "\t"
# A file changed this close to a run's start may change again within the same tick of the
# clock, unseen by its stat data: the manifest keeps no digest for it.
RACY_NS = 2_000_000_000
# Libraries whose version changes what a file's findings are: charset-normalizer decides
# how a file that is not UTF-8 is decoded, markdown-it-py what a Markdown file's
# structure (and so its prose view) is.
LIBRARIES = ("charset-normalizer", "markdown-it-py")
GITIGNORE = "# Created by doclint: the result cache, safe to delete.\n*\n"
# The bytes of the digest before each value ``remember`` keeps, checked by ``recall``.
MEMO_DIGEST = 16


class ResultCache:
    """Entries of one run key under ``folder``."""

    def __init__(self, folder: Path, run_key: str) -> None:
        self.root = folder
        self.folder = folder / run_key[:24]
        self.run_key = run_key
        self._prepared = False
        # A digest of the bytes of each file this run read, by absolute path and stat data:
        # read once for its entry's key and the corpus's (a forked worker inherits those the
        # parent read). A file unchanged since an earlier run is not read: its digest comes
        # from its manifest entry, and its key is kept with its lookup. The absolute path,
        # not the display path: runs from other folders share the cache (config.root) and
        # may show other files under the same relative name.
        self._contents: dict[tuple[str, Stamp], bytes] = {}
        # The manifest: display path -> its entry as text, a header [key, [absolute path,
        # *stat data], digest of the bytes] (the last two only for a file that had not changed
        # for RACY_NS when that run started) and the result, both JSON, between them _RESULT.
        # Read at the first lookup that uses it; a header is parsed when its file is looked
        # up and a result when the run reports it, so the run holds one string a file, not
        # the entry's objects (about 1 KB a file).
        self._manifest: dict[str, str] | None = None
        self._started = time.time_ns()
        # The folder relative names are resolved from (``os.path.abspath`` asks the system
        # for it at every call: a few milliseconds a thousand files on a re-run).
        self._cwd = os.getcwd()
        self._manifest_outdated = False
        # What each lookup saw: display path -> (stat data, key). A result is stored under
        # that key only while the file still has that stat data. The corpus rules' files
        # that are not checked (an edited file's siblings) are taken in too (``corpus``).
        self._looked_up: dict[str, tuple[Stamp, str]] = {}
        # The keys of the files whose features the corpus pass reads from their entries,
        # in order (``corpus``): those it compares and the run does not check (an edited
        # file's siblings), and those whose result came from the manifest (which keeps no
        # features); how many of them ``features`` has read, READ_AHEAD at a time; and the
        # entries read and not yet asked for.
        self._to_read: list[str] = []
        self._read = 0
        self._read_ahead: dict[str, bytes] = {}
        # The files whose manifest entry served their lookup with its digest (so its stat
        # data and digest are still true): ``note`` keeps their entry's text as it is.
        self._current: set[str] = set()
        # Imported here: sqlite3 and its library would cost a run without the cache 3 ms and 1 MB.
        from doclint.entry_store import EntryStore

        self._entries = EntryStore(self.folder)

    @classmethod
    def open(cls, config: Config, manager: PluginManager, rules: Iterable[Rule]) -> ResultCache:
        return cls(Path(config.root) / CACHE_DIR, run_key(config, manager, rules))

    def lookup(self, target: Target, *, manifest: bool = False) -> Callable[[], RunResult | None] | None:
        """Whether ``target``'s result is cached: None if not, else what restores it. With
        ``manifest``, it is looked up in the manifest first (a run over many files: one file
        read instead of one per file), and restored from it only when the run's turn comes
        to it, so that a run does not hold every cached result at once. A manifest entry
        found damaged then restores None, and the file is checked again."""
        if manifest and self._manifest is None:
            self._manifest = self._read_manifest()
        held = self._held(target.display) if manifest else None
        where = self._absolute(target.filename)
        stamped = self._stamped_key(target, held, where)
        if stamped is None:
            return None
        key = stamped[1]
        self._looked_up[target.display] = stamped
        if manifest:
            if held is not None and held[0] == key:
                if (where, stamped[0]) in self._contents:
                    # The file was read: its entry held no digest of these stat data (or a
                    # damaged one). Written again with it, so the next run need not read it.
                    self._manifest_outdated = True
                else:
                    self._current.add(target.display)  # its digest served: the entry is true
                return partial(self._restored, target.display)
            self._manifest_outdated = True
        return partial(self.load, key) if self._entries.has(key) else None  # read in its turn too

    def _held(self, display: str) -> list[Any] | None:
        """The key, absolute path, stat data and digest of the manifest's entry for
        ``display`` (its result is left unread: ``_restored``); None if it has no entry or
        a damaged one."""
        text = self._manifest.get(display) if self._manifest is not None else None
        if not isinstance(text, str):
            return None
        try:
            held = json.loads(text.partition(_RESULT)[0])
        except ValueError:
            return None
        return held if isinstance(held, list) and len(held) in (1, 3) else None

    def _restored(self, display: str) -> RunResult | None:
        """The result of ``display``'s manifest entry; None, and the entry to be written
        again, if it is damaged."""
        assert self._manifest is not None
        try:
            return _decode(json.loads(self._manifest[display].partition(_RESULT)[2]))
        except (ValueError, KeyError, TypeError, AttributeError):
            self._current.discard(display)
            self._manifest_outdated = True
            return None

    def note(self, target: Target, result: RunResult) -> None:
        """Take the result of a file of a run over many files into the manifest (see
        ``write_manifest``). A file that changed since its lookup is left out: its result
        may be of other bytes than its key's. An entry that served the file's lookup with
        its digest is kept as it was read."""
        if self._manifest is None or target.display in self._current:
            return
        looked = self._looked_up.get(target.display)
        if looked is None or _stamp(target) != looked[0] or not _cacheable(result):
            self._manifest.pop(target.display, None)
        else:
            # Without the corpus features: a re-run whose corpus is unchanged needs none,
            # and one that needs them reads them from the files' entries (``features``).
            header = json.dumps([looked[1], *self._content(target, looked[0])], separators=(",", ":"))
            body = json.dumps(_encode(result, features=False), separators=(",", ":"))
            self._manifest[target.display] = header + _RESULT + body

    def write_manifest(self) -> None:
        """Write the manifest if a lookup in it missed what the run then found or computed.

        The entries of files this run did not check stay (another run checked them), so a
        subset of the folder does not empty it.
        """
        if self._manifest is not None and self._manifest_outdated:
            with contextlib.suppress(OSError):  # a read-only or full disk must not fail the run
                self._prepare()
                write_atomic(self.folder / MANIFEST, _json_object(self._manifest), durable=False, own=True)
        self._current.clear()  # what the next run's lookups find is theirs to say

    def _content(self, target: Target, stamp: Stamp) -> list[Any]:
        """The file's absolute path and stat data, and the digest of its bytes, for the
        manifest; none for a file changed shortly before this run started, which a write in
        the same tick of the clock could change again unseen."""
        where = self._absolute(target.filename)
        digest = self._contents.get((where, stamp))
        if digest is None or max(stamp.changed, stamp.inode_changed) > self._started - RACY_NS:
            return []
        return [[where, *stamp], digest.hex()]

    def _absolute(self, filename: str) -> str:
        """``os.path.abspath(filename)`` from the folder the run started in."""
        return os.path.normpath(os.path.join(self._cwd, filename))

    def _read_manifest(self) -> dict[str, str]:
        """The manifest (entries as JSON text, parsed as their files are looked up)."""
        try:
            manifest = json.loads((self.folder / MANIFEST).read_bytes())
            # A run that only reads the cache keeps its run key among the newest (_prepare).
            os.utime(self.folder)
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) else {}

    def features(self, target: Target) -> list[FeatureRow] | None:
        """The corpus features of the file's documents, from its entry (None if it has none).

        The key ``corpus`` took for a sibling serves while the file's stat data are the
        same; a file changed since is keyed again, and its features are those of its new
        bytes, which the corpus rules will read back."""
        key = self.key(target)
        data = self._entry_in_turn(key) if key is not None else None
        if data is None:
            return None
        try:
            return _features(json.loads(data))  # its findings are not decoded: only its features are asked for
        except (ValueError, KeyError, TypeError):
            return None

    def unstored(self, targets: Sequence[Target]) -> list[Target]:
        """The ``targets`` without an entry under the key the run took for them (``corpus``
        took the siblings'), whose features must then be computed; a file the run could
        not key is left out."""
        keyed = [(target, taken[1]) for target in targets if (taken := self._looked_up.get(target.display))]
        stored: set[str] = set()
        for start in range(0, len(keyed), READ_AHEAD):
            stored |= self._entries.stored([key for _, key in keyed[start : start + READ_AHEAD]])
        return [target for target, key in keyed if key not in stored]

    def _entry_in_turn(self, key: str) -> bytes | None:
        """The entry ``key``; with it the next ones the corpus pass will read, when it is the
        next of them, all read in one query (a query per entry took about three times as
        long)."""
        data = self._read_ahead.pop(key, None)
        if data is not None:
            return data
        to_read, read = self._to_read, self._read
        if read < len(to_read) and to_read[read] == key:
            batch = to_read[read : read + READ_AHEAD]
            self._read = read + len(batch)
            self._read_ahead = self._entries.get_many(batch)
            return self._read_ahead.pop(key, None)
        return self._entries.get(key)

    def computed(self, target: Target, compute: Callable[[Target], RunResult]) -> RunResult:
        """``compute(target)``, stored for next time (the run looked it up first: ``lookup``).

        Not stored when the file changed while it was checked: the result may be of other
        bytes than the key's.
        """
        stamped = self._stamped_key(target)
        result = compute(target)
        if stamped is not None and _cacheable(result) and _stamp(target) == stamped[0]:
            self.store(stamped[1], result)
        return result

    def key(self, target: Target) -> str | None:
        stamped = self._stamped_key(target)
        return stamped[1] if stamped is not None else None  # None: the run reports it

    def _stamped_key(
        self, target: Target, held: list[Any] | None = None, where: str | None = None
    ) -> tuple[Stamp, str] | None:
        """The file's stat data, and its entry's key: the run key, its name and a digest of
        its bytes. The digest is kept per absolute path (``where``, if the caller has it)
        and stat data, so the bytes are read once however often the run asks; it is taken
        from the file's manifest entry ``held`` when that has the same absolute path and
        stat data (so that a re-run reads only the files that changed). None when the file
        cannot be read."""
        stamp = _stamp(target)
        if stamp is None:
            return None
        looked = self._looked_up.get(target.display)
        if looked is not None and looked[0] == stamp:
            return looked  # the key its lookup took: the file has not changed since
        if held is None and self._manifest is not None:  # a file of the corpus not checked
            held = self._held(target.display)
        known = (where or self._absolute(target.filename), stamp)
        content = self._contents.get(known)
        if content is None and held is not None and len(held) == 3 and held[1] == [known[0], *stamp]:
            # Not kept in _contents: the lookup keeps the key, and the entry stays as it is.
            with contextlib.suppress(TypeError, ValueError):  # a damaged digest: the file is read
                content = bytes.fromhex(held[2])
        if content is None:
            hashed = hashlib.blake2b(digest_size=20)
            try:
                with open(target.filename, "rb") as file:
                    while chunk := file.read(CHUNK):
                        hashed.update(chunk)
            except OSError:
                return None
            content = self._contents[known] = hashed.digest()
        digest = hashlib.blake2b(digest_size=20)
        for part in (self.run_key.encode(), target.display.encode("utf-8", "surrogateescape"), content):
            digest.update(part + b"\0")
        return stamp, digest.hexdigest()

    def corpus(
        self,
        targets: Sequence[Target],
        reported: Iterable[str],
        rules: Iterable[Rule],
        compute: Callable[[], Iterable[Finding]],
    ) -> Iterator[Finding]:
        """The corpus rules' findings on ``reported``: those of their entry, or those
        ``compute()`` gives, stored for next time as they pass.

        A re-run on an unchanged folder then neither reads the documents' features nor
        compares them; any changed, added, removed or unreadable file misses. The entry is
        a finding per line, then a digest of those lines; it is read and written a finding
        at a time, as a folder may hold one in every file.
        """
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self.run_key.encode())
        for part in ("corpus", [(rule.code, rule.plugin, rule.severity.value) for rule in rules], sorted(reported)):
            digest.update(repr(part).encode("utf-8", "surrogateescape") + b"\n")
        # The keys the run's lookups took (its files are looked up first), others taken now
        # and kept for ``features``: a file that changes after its key is taken is then seen
        # changed below, and not stored.
        looked_up = self._looked_up
        stamped = []
        for target in targets:
            taken = looked_up.get(target.display)
            if taken is None:
                taken = self._stamped_key(target)
                if taken is not None:
                    looked_up[target.display] = taken
            stamped.append(taken)
        if None in stamped:
            return iter(compute())  # an unreadable file: the run reports it, and nothing is stored
        checked, restored = set(reported), self._current
        if len(checked) < len(targets) or restored:  # not a folder's run whose results were all computed
            self._to_read = [
                each[1]
                for target, each in zip(targets, stamped, strict=True)
                if target.display in restored or os.path.normpath(target.display) not in checked
            ]
        for each in stamped:
            digest.update(each[1].encode() + b"\0")  # name and bytes
        key = digest.hexdigest()  # "corpus" is in what it digests: no file's key can equal it
        whole = len(checked) >= len(targets)
        stored = self._stored_findings(key)
        if stored is not None:
            self._note_corpus_entry(key, whole)
            return stored
        return self._storing(key, compute(), targets, stamped, whole)

    def _stored_findings(self, key: str) -> Iterator[Finding] | None:
        """The findings of the corpus entry ``key``, or None if it has none or a damaged one:
        its last line is a digest of the others, checked before the first finding is given."""
        stream = self._entries.open(key)
        if stream is None:
            return None
        digest = hashlib.blake2b(digest_size=20)
        count, last = 0, b""
        try:
            for line in stream:
                digest.update(last)
                count, last = count + 1, line
            stream.seek(0)
        except OSError:
            last = b""
        if last != digest.hexdigest().encode() + b"\n":
            stream.close()
            return None
        return _findings_in(stream, count - 1)

    def _storing(
        self,
        key: str,
        findings: Iterable[Finding],
        targets: Sequence[Target],
        stamped: list[tuple[Stamp, str]],
        whole: bool,
    ) -> Iterator[Finding]:
        """``findings``, each written to the corpus entry ``key`` as it passes; the entry is
        stored once they are all given, unless a rule crashed or a file changed meanwhile
        (the findings may then be of other bytes). ``whole``: a folder's run (see
        ``_note_corpus_entry``)."""
        from doclint.entry_store import INLINE_LIMIT
        from doclint.runner import INTERNAL_ERROR

        crashed = False
        digest = hashlib.blake2b(digest_size=20)
        # In memory up to INLINE_LIMIT, which the entry's row holds; past it, on disk.
        with tempfile.SpooledTemporaryFile(max_size=INLINE_LIMIT) as lines:
            for finding in findings:
                crashed = crashed or finding.code == INTERNAL_ERROR
                line = json.dumps(_finding_data(finding), separators=(",", ":")).encode("ascii") + b"\n"
                digest.update(line)
                lines.write(line)
                yield finding
            if not crashed and all(_stamp(target) == each[0] for target, each in zip(targets, stamped, strict=True)):
                lines.write(digest.hexdigest().encode() + b"\n")
                lines.seek(0)
                self._write(key, lines)
                self._note_corpus_entry(key, whole)

    def _note_corpus_entry(self, key: str, whole: bool) -> None:
        """Note ``key`` as the newest corpus entry of its kind (a folder's run, or a run that
        reports some of its files: ``whole`` or not), stored or read, and remove all but the
        newest ``KEEP_CORPUS_ENTRIES`` of that kind. Each holds the corpus rules' findings
        on a folder (16 MB on a folder of 23,728 copies), and every commit to the folder
        makes another; a one-file check's small ones do not push out a folder's. A key that
        is not a corpus entry's (a damaged list) is dropped, never removed; one that fails to
        be removed is kept in the list, to be removed next time. Two runs noting one at once
        may leave one of them out of the list, and so never removed."""
        path = self.folder / CORPUS_ENTRIES
        try:
            noted = json.loads(path.read_bytes())
        except (OSError, ValueError):
            noted = {}
        kinds = {
            kind: [each for each in held if isinstance(each, str) and _CORPUS_KEY.fullmatch(each)]
            for kind in ("folder", "files")
            if isinstance(noted, dict) and isinstance(held := noted.get(kind), list)
        }
        kind = "folder" if whole else "files"
        recent = kinds.get(kind, [])
        if recent[-1:] == [key]:
            return  # already the newest (a re-run of an unchanged folder writes nothing)
        recent = [each for each in recent if each != key] + [key]
        kinds[kind] = recent[-KEEP_CORPUS_ENTRIES:]
        stale = recent[:-KEEP_CORPUS_ENTRIES]
        with contextlib.suppress(OSError):
            try:
                self._entries.delete(stale)
            except OSError:
                kinds[kind] = recent
            write_atomic(path, json.dumps(kinds).encode(), durable=False, own=True)

    def load(self, key: str) -> RunResult | None:
        data = self._entries.get(key)
        if data is None:
            return None
        try:
            return _decode(json.loads(data))
        except (ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, result: RunResult) -> None:
        self._write(key, json.dumps(_encode(result), separators=(",", ":")).encode("ascii"))

    def feature(self, document: Document, name: str, compute: Callable[[], bytes]) -> bytes:
        """A per-document feature (bytes) stored under the document's name and text."""
        key = identity(document)
        value = self.recall(name, [key]).get(key)
        if value is None:
            value = compute()
            self.remember(name, key, value)
        return value

    def recall(self, name: str, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """What ``remember`` kept under ``name`` for each of ``keys`` (those it has, and whose
        digest checks: a damaged one is a miss), read in one query."""
        entries = {self._memo_key(name, key): key for key in keys}
        found = {}
        for entry, data in self._entries.get_many(list(entries)).items():
            value = data[MEMO_DIGEST:]
            if data[:MEMO_DIGEST] == hashlib.blake2b(value, digest_size=MEMO_DIGEST).digest():
                found[entries[entry]] = value
        return found

    def remember(self, name: str, key: bytes, value: bytes) -> None:
        """Keep ``value`` for ``recall``, after a digest of it."""
        self._write(self._memo_key(name, key), hashlib.blake2b(value, digest_size=MEMO_DIGEST).digest() + value)

    def _memo_key(self, name: str, key: bytes) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (self.run_key.encode(), name.encode("utf-8", "surrogateescape"), key):
            digest.update(len(part).to_bytes(4, "little") + part)
        return f"memo-{digest.hexdigest()}"  # not a result's key, which is hexadecimal alone

    def flush(self) -> None:
        """Write the entries this process stored and has not written yet (they are written
        in batches), this cache's and any other's (``document_feature`` uses the active
        one): at the end of a worker's share of a run, and of the run."""
        from doclint.entry_store import flush_all

        flush_all()

    def _write(self, key: str, data: bytes | Iterable[bytes]) -> None:
        """Store an entry; a read-only or full disk must not fail the run."""
        try:
            self._prepare()
            self._entries.put(key, data)
        except OSError:
            pass

    def _prepare(self) -> None:
        """Create the cache folder with its .gitignore; drop the oldest run keys."""
        if self._prepared:
            return
        self._prepared = True
        fresh = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.root / ".gitignore"
        if not gitignore.exists():
            write_atomic(gitignore, GITIGNORE.encode(), durable=False)
        os.utime(self.folder)
        if fresh:
            siblings = [path for path in self.root.iterdir() if path.is_dir()]
            siblings.sort(key=_mtime, reverse=True)
            for stale in siblings[KEEP_RUN_KEYS:]:
                shutil.rmtree(stale, ignore_errors=True)


class Stamp(NamedTuple):
    """A file's stat data: what tells that it changed (times in nanoseconds)."""

    size: int
    changed: int  # the content's time of change (mtime), which tools can set back
    inode_changed: int  # the inode's (ctime), set by the system on every change
    inode: int
    device: int


def _stamp(target: Target) -> Stamp | None:
    try:
        stat = os.stat(target.filename)
    except OSError:
        return None
    return Stamp(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


# The cache of the run in this process (and its forked workers), for document_feature;
# Session.create sets it.
_active: ResultCache | None = None


def activate(cache: ResultCache | None) -> None:
    global _active
    _active = cache


# The document a run's LazyDocuments is yielding, and the features the process that
# checked it computed (see doclint_document_features), by name.
_shipped: tuple[Document, dict[str, bytes]] | None = None


def ship(document: Document | None, row: FeatureRow | None) -> None:
    """Hand ``row``'s features to document_feature while ``document`` is read, if they are
    that document's (its name and text); ``ship(None, None)`` forgets them."""
    global _shipped
    _shipped = (document, row.values) if document is not None and row is not None and row.belongs_to(document) else None


def document_feature(document: Document, name: str, compute: Callable[[], bytes]) -> bytes:
    """``compute()``, or what it returned for this document's path and text in an earlier run.

    For corpus rules: what a rule derives from one document alone (word fingerprints, a
    summary of its lines) can be kept, so that a run whose corpus changed, or a one-file
    call whose siblings are unchanged, reads the feature instead of analysing every
    sibling again. ``name`` says what the bytes are (e.g. ``"corpus.fingerprints"``);
    entries belong to the run key, so a changed plugin or config starts afresh. Without a
    cache (``--no-cache``, library use) it just computes.

    While a run's documents are iterated, the feature the process that checked the
    document computed (see ``doclint_document_features``) is handed out instead. A rule
    that folds features of every document into tables reads them faster with
    ``document_features``, which reads no file whose features the run has.
    """
    shipped = _shipped[1].get(name) if _shipped is not None and _shipped[0] is document else None
    if shipped is not None:
        return shipped
    if _active is None:
        return compute()
    return _active.feature(document, name, compute)


def identity(document: Document) -> bytes:
    """A digest of what a document is (its name, file, decoding and text): what a corpus rule
    keys what it derives from the document with (``document_feature``, ``recall``)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (document.path, document.file, repr(document.decoding), document.text):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.digest()


def recall(name: str, keys: Sequence[bytes]) -> dict[bytes, bytes]:
    """What ``remember`` kept under ``name`` for each of ``keys`` in an earlier run (or this
    one) with the same run key: those it has, by key. Empty without a cache.

    For corpus rules: what a rule derives from several documents together (two copies'
    aligned paragraphs, what one copy lost against the other) is kept under a key made of
    their ``identity``, so that a folder's run after one file changed computes again only
    what involves that file. Ask for many keys at once: they are read in one query.
    """
    return _active.recall(name, keys) if _active is not None else {}


def keeping() -> bool:
    """Whether the run has a cache for ``remember`` to keep values in: without one, making
    them (packing, compressing) is wasted."""
    return _active is not None


def remember(name: str, key: bytes, value: bytes) -> None:
    """Keep ``value`` under ``name`` and ``key`` for ``recall``, if the run has a cache."""
    if _active is not None:
        _active.remember(name, key, value)


def computed_features(document: Document, extracts: Mapping[str, Callable[[Document], bytes]]) -> FeatureRow:
    """A document's row of its feature for each of ``extracts``, through ``document_feature``."""
    values = {name: document_feature(document, name, partial(extract, document)) for name, extract in extracts.items()}
    return FeatureRow.of(document, values)


def document_features(
    documents: Sequence[Document], extracts: Mapping[str, Callable[[Document], bytes]]
) -> Iterator[FeatureRow]:
    """Each document's row of features (``extracts``: name -> extract), in order: what a
    corpus rule folds into its tables in one pass over the run's documents.

    A run's documents hand out the features that the processes that checked them
    computed, without reading the files again; any other sequence is iterated and each
    feature computed through ``document_feature``.
    """
    from doclint.runner import LazyDocuments

    if isinstance(documents, LazyDocuments):
        return documents.features(extracts)
    return (computed_features(document, extracts) for document in documents)


def run_key(config: Config, manager: PluginManager, rules: Iterable[Rule]) -> str:
    from doclint import __version__

    digest = hashlib.blake2b(digest_size=20)

    def add(*parts: object) -> None:
        digest.update(repr(parts).encode("utf-8", "surrogateescape") + b"\n")

    add("format", FORMAT, __version__, sys.version_info[:2])
    add("core", _source_digest(Path(__file__).resolve().parent))
    add("libraries", [(name, _installed_version(name)) for name in LIBRARIES])
    for name, info in sorted(manager.infos.items()):
        add("plugin", name, info.distribution, info.version, _plugin_digest(manager.get_plugin(name)))
    # Only document rules are cached: a run with --scope corpus or without corpus rules shares the entries.
    add("rules", [(rule.code, rule.plugin, rule.severity.value) for rule in rules if rule.scope == "document"])
    for field in dataclasses.fields(config):
        if field.name not in NOT_IN_KEY:
            add("config", field.name, _stable(getattr(config, field.name)))
    return digest.hexdigest()


def _installed_version(distribution: str) -> str | None:
    # importlib.metadata, not an import of the library: charset-normalizer is imported
    # only when a file is not UTF-8, and a cached run may analyse no Markdown at all.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def _plugin_digest(plugin: object) -> str:
    """A digest of a plugin's source files, or its module name when it has none."""
    if plugin is None:
        return ""
    paths = getattr(plugin, "__path__", None)
    if paths:
        return _source_digest(*map(Path, paths))
    module = sys.modules.get(getattr(plugin, "__module__", "") or "")
    filename = getattr(plugin, "__file__", None) or getattr(module, "__file__", None)
    if filename:
        return _file_digest(Path(filename))
    return repr(type(plugin))


def _source_digest(*folders: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + _file_digest(path).encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return ""


def _stable(value: Any) -> Any:
    """A value whose repr does not depend on set or dict order."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(_stable, value), key=repr)
    if isinstance(value, dict):
        return sorted(((key, _stable(item)) for key, item in value.items()), key=repr)
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    return value


def _cacheable(result: RunResult) -> bool:
    # A read error or a rule's crash may not happen next time: never remember it.
    return not result.internal_errors and not any(notice.is_error for notice in result.notices)


def _json_object(entries: Mapping[str, str]) -> Iterator[bytes]:
    """``json.dumps(entries)`` as ASCII bytes, an entry at a time (the manifest of a large
    folder need not be held as one string, then as its bytes)."""
    yield b"{"
    for number, (name, text) in enumerate(entries.items()):
        yield (b"," if number else b"") + f"{json.dumps(name)}:{json.dumps(text)}".encode("ascii")
    yield b"}"


def _findings_in(stream: BinaryIO, count: int) -> Iterator[Finding]:
    """The ``count`` findings of a corpus entry, a line each, and the entry closed after them.

    Its digest was checked: a read that fails now, after some findings were given, is the
    disk's failure, which ends the run with one line rather than a report missing some."""
    with stream:
        try:
            for line in itertools.islice(stream, count):
                yield _finding(json.loads(line))
        except OSError as error:
            raise DoclintError(
                f"cannot read the result cache ({error}): delete {CACHE_DIR}/ or use --no-cache"
            ) from None


def _encode(result: RunResult, *, features: bool = True) -> dict[str, Any]:
    """A result as JSON data. ASCII escapes when written: a file name that is not UTF-8
    holds lone surrogates, which only escaped JSON can carry."""
    data: dict[str, Any] = {
        "files_checked": result.files_checked,
        "findings": [_finding_data(finding) for finding in result.findings],
        "notices": [dict(vars(notice)) for notice in result.notices],
    }
    if features and result.features is not None:
        # The corpus features of the file's documents travel with its findings: a re-run,
        # or a run that compares an edited file with this one, reads them from here.
        data["features"] = [
            [path, checksum, {name: base64.b64encode(value).decode("ascii") for name, value in values.items()}]
            for path, checksum, values in result.features
        ]
    return data


def _finding_data(finding: Finding) -> dict[str, Any]:
    # By hand rather than dataclasses.asdict, which deep-copies every value: the cache
    # encodes every finding of a run, twice (its entry and the manifest).
    data = _fields_of(finding)
    if finding.fix is not None:
        data["fix"] = {
            "applicability": finding.fix.applicability,
            "edits": [_fields_of(edit) for edit in finding.fix.edits],
        }
    data["related"] = [_fields_of(other) for other in finding.related]
    return data


def _fields_of(made: Any) -> dict[str, Any]:
    """A dataclass's fields by name, in order (what ``vars`` gives of a class without slots)."""
    names = _field_names(type(made))
    # attrgetter of several names gives a tuple: each of these classes has several fields.
    return dict(zip(names, attrgetter(*names)(made), strict=True))


def _decode(data: dict[str, Any]) -> RunResult:
    from doclint.runner import RunResult

    return RunResult(
        findings=[_finding(item) for item in data["findings"]],
        notices=[Notice(**item) for item in data["notices"]],
        files_checked=data["files_checked"],
        features=_features(data),
    )


def _features(data: dict[str, Any]) -> list[FeatureRow] | None:
    """The features of an entry's JSON data (None if it keeps none)."""
    if "features" not in data:
        return None
    return [
        FeatureRow(path, checksum, {name: base64.b64decode(value) for name, value in values.items()})
        for path, checksum, values in data["features"]
    ]


_SEVERITIES = {severity.value: severity for severity in Severity}
_APPLICABILITIES = {applicability.value: applicability for applicability in Applicability}


def _finding(item: dict[str, Any]) -> Finding:
    values = dict(item)  # the manifest's own stays JSON: it is written again
    fix = item["fix"]
    if fix is not None:
        edits = tuple(_restored(PlacedEdit, edit) for edit in fix["edits"])
        values["fix"] = _restored(FixedEdits, {"applicability": _APPLICABILITIES[fix["applicability"]], "edits": edits})
    values["related"] = tuple(Related(**other) for other in item["related"])
    values["severity"] = _SEVERITIES[item["severity"]]
    return _restored(Finding, values)


def _restored(kind: type[T], values: dict[str, Any]) -> T:
    """The frozen dataclass ``kind`` (with slots) with ``values`` as its fields, made as
    pickle makes it, without ``__init__``: a re-run decodes every finding of the folder, and
    a frozen dataclass's ``__init__`` costs several times as much as the rest."""
    if tuple(values) != _field_names(kind):  # as _fields_of wrote them
        raise KeyError(f"{kind.__name__} fields: {sorted(values)}")
    made = object.__new__(kind)
    for name, value in values.items():
        object.__setattr__(made, name, value)
    return made


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
