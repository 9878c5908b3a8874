"""Paths -> documents -> findings: rules run per document (in parallel) and per corpus.

A rule that raises does not stop the run: it becomes one internal-error finding (DOC001)
for that rule and document, and the run ends with exit code 2.
"""

from __future__ import annotations

import bisect
import itertools
import os
import traceback
from array import array
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING, TypeVar

from doclint.config import Config
from doclint.discovery import Target, path_matches
from doclint.errors import ConfigError, DoclintError, SkipFile
from doclint.models import Document, FeatureRow, Finding, FixedEdits, Notice, PlacedEdit, Severity, Violation
from doclint.plugin_manager import PluginManager, build_plugin_manager
from doclint.registry import Registry, matches
from doclint.rules import Rule
from doclint.spool import FindingSpool
from doclint.suppression import suppressed

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from doclint.cache import ResultCache

T = TypeVar("T")
INTERNAL_ERROR = "DOC001"
# Below this many files a process pool costs more than it saves (the pre-commit case).
PARALLEL_THRESHOLD = 16
# How many of an edited file's siblings are asked for their cache entries before all are.
SIBLINGS_SAMPLE = 64
# The documents of one file (JSONL) go to the processes in batches of about this much text.
BATCH_CHARACTERS = 1 << 18


@dataclass
class RunResult:
    # A file's findings as its rules gave them; a run's (``run``) in report order, spooled.
    findings: list[Finding] | FindingSpool = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files_checked: int = 0
    # The corpus features of each document of the file, in order (see
    # doclint_document_features): cached with its findings, folded by the corpus pass.
    # None when they were not computed (no corpus rule asks for any) or not kept.
    features: list[FeatureRow] | None = None

    @property
    def internal_errors(self) -> int:
        """How many rules crashed (DOC001): a run's spool counted them as they came (no pass
        over findings held on disk)."""
        findings = self.findings
        if isinstance(findings, FindingSpool):
            return findings.codes[INTERNAL_ERROR]
        return sum(finding.code == INTERNAL_ERROR for finding in findings)

    def fails(self, threshold: Severity) -> bool:
        """Whether a finding is at ``threshold`` or above."""
        findings = self.findings
        severities = findings.severities if isinstance(findings, FindingSpool) else {f.severity for f in findings}
        return any(severity.rank >= threshold.rank for severity in severities)

    def merge(self, other: RunResult) -> None:
        self.findings.extend(other.findings)
        self.notices.extend(other.notices)
        self.files_checked += other.files_checked


@dataclass(frozen=True)
class Session:
    """What checking needs in one process: the plugins, the selected rules, the config."""

    config: Config
    manager: PluginManager
    rules: tuple[Rule, ...]
    cache: ResultCache | None = None

    @classmethod
    def create(cls, config: Config, manager: PluginManager | None = None) -> Session:
        manager = manager or build_plugin_manager(config.disable_plugins)
        registry = Registry.from_plugins(manager)
        rules = registry.select([*config.select, *config.extend_select], config.ignore)
        rules = tuple(rule for rule in rules if config.scope in ("all", rule.scope))
        registry.check_selectors(code for _, codes in config.per_file_ignores for code in codes)
        check_option_tables(config, manager)
        from doclint.cache import ResultCache, activate

        cache = ResultCache.open(config, manager, rules) if config.cache else None
        activate(cache)  # document_feature uses this run's cache, or none
        return cls(config, manager, rules, cache)

    @property
    def document_rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.scope == "document")

    @property
    def corpus_rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.scope == "corpus")

    def ignored(self, file: str, code: str) -> bool:
        """Whether per-file-ignores hide ``code`` in ``file`` (a file's display path, not a record's)."""
        return any(matches(code, codes) for glob, codes in self.config.per_file_ignores if path_matches(file, [glob]))

    def documents(self, target: Target) -> Iterable[Document]:
        """The documents of a file as its reader yields them (a JSONL file streams); raises SkipFile or OSError."""
        documents = self.manager.hook.doclint_read_documents(
            path=target.path, display_path=target.display, config=self.config
        )
        if documents is None:
            raise SkipFile("no reader for this file")
        return documents

    def check_target(self, target: Target, jobs: int = 1) -> RunResult:
        """The result of one file (``run`` reads the cached ones first: this one is computed).

        With ``jobs`` > 1, a file of many documents (JSONL) has them checked in that many processes.
        """
        if self.cache is not None:
            return self.cache.computed(target, partial(self._check_target, jobs=jobs))
        return self._check_target(target, jobs)

    def _check_target(self, target: Target, jobs: int = 1) -> RunResult:
        result = RunResult(features=[] if self.features else None)
        try:
            # Documents are checked as they are read, so a large container is never held whole.
            checked = map(self.check_one, self.documents(target)) if jobs <= 1 else _checked_in(self, target, jobs)
            for findings, row in checked:
                result.files_checked = 1
                result.findings.extend(findings)
                if result.features is not None and row is not None:
                    result.features.append(row)
            result.files_checked = 1
        except SkipFile as exc:
            result.notices.append(Notice(target.display, f"skipped: {exc}"))
        except OSError as exc:
            result.notices.append(Notice(target.display, f"cannot read: {exc.strerror or exc}", is_error=True))
        except DoclintError:
            raise
        except Exception as exc:  # a reader plugin's bug
            result.notices.append(Notice(target.display, f"reader failed: {type(exc).__name__}: {exc}", is_error=True))
        return result

    @cached_property
    def features(self) -> tuple[tuple[str, Callable[[Document], bytes]], ...]:
        """The per-document features the selected corpus rules will ask for."""
        if not self.corpus_rules:
            return ()
        return tuple(feature for group in self.manager.hook.doclint_document_features() for feature in group)

    def check_one(self, document: Document) -> tuple[list[Finding], FeatureRow | None]:
        """A document's findings, and its corpus features if corpus rules are selected."""
        return self.check_document(document), self.extract_features(document) if self.features else None

    def extract_features(self, document: Document) -> FeatureRow:
        """Compute the corpus features of a document while its structure is at hand.

        A feature whose extraction raises is left out: the corpus pass computes it again
        and its rule reports the error.
        """
        values = {}
        for name, extract in self.features:
            try:
                values[name] = extract(document)
            except Exception:
                continue
        return FeatureRow.of(document, values)

    def sibling_features(self, target: Target) -> list[FeatureRow] | None:
        """The corpus features of the documents of a file the run compares but does not
        check (through ``document_feature``, so they are kept for the next run); None if
        anything fails, to be met again, and reported, where the corpus pass reads it."""
        from doclint.cache import computed_features

        extracts = dict(self.features)
        try:
            return [computed_features(document, extracts) for document in self.documents(target)]
        except Exception:  # the corpus pass reads the file again, and reports what fails
            return None

    def fingerprint_ignored(self, finding: Finding) -> bool:
        ignored = self.config.ignore_fingerprints
        if not ignored:
            return False
        from doclint.baseline import fingerprint  # only with ignore-fingerprints: start-up counts

        return fingerprint(finding) in ignored

    def check_document(self, document: Document) -> list[Finding]:
        """The findings of the document rules on one document (what ``--fix`` runs each round)."""
        findings: list[Finding] = []
        for rule in self.document_rules:
            findings.extend(self._run_rule(rule, document, lambda r=rule: r.check(document, self.options(r))))
        return findings

    def check_corpus(self, documents: Sequence[Document], reported: Sequence[str]) -> Iterator[Finding]:
        """The corpus rules' findings in the files ``reported`` (normalised display paths,
        sorted), as the rules find them."""
        for rule in self.corpus_rules:
            for finding in self._run_rule(rule, None, lambda r=rule: r.check(documents, self.options(r))):
                if finding.code == INTERNAL_ERROR or _among(reported, os.path.normpath(finding.file)):
                    yield finding

    def options(self, rule: Rule):
        return self.config.options_for(rule.plugin)

    def _run_rule(
        self, rule: Rule, document: Document | None, call: Callable[[], Iterable[Violation]]
    ) -> Iterator[Finding]:
        """The findings of a rule as it finds them; if it raises, those before, then the error."""
        try:
            for violation in call():
                target = violation.document or document
                if target is None:
                    raise ValueError("a corpus rule's violation must name its document")
                if not self.ignored(target.file, rule.code) and not suppressed(target, rule.code, violation.start):
                    finding = place(target, rule, violation)
                    if not self.fingerprint_ignored(finding):
                        yield finding
        except DoclintError:  # a plugin's options are wrong: a config error, not a rule's bug
            raise
        except Exception as exc:  # a rule's bug must not stop the run
            if document is None:
                yield internal_error(rule, "the corpus", exc)
            else:
                yield internal_error(rule, document.path, exc, file=document.file)


def check_option_tables(config: Config, manager: PluginManager) -> None:
    """A table under [tool.doclint] must name a plugin: a misspelt key is an error, not options."""
    known = manager.installed | set(manager.infos)
    for name, _ in config.plugin_options:
        if name not in known:
            raise ConfigError(f"unknown config table [tool.doclint.{name}]: no plugin is named {name!r}")


def place(document: Document, rule: Rule, violation: Violation) -> Finding:
    """A Violation (offsets) as a Finding (lines and columns)."""
    line, column = document.position(violation.start)
    end_line, end_column = document.position(max(violation.end, violation.start))
    snippet, snippet_start = document.snippet(line, column - 1, end_column - 1 if end_line == line else None)
    fix = None
    if violation.fix is not None:
        edits = tuple(
            PlacedEdit(
                edit.start, edit.end, *document.position(edit.start), *document.position(edit.end), edit.replacement
            )
            for edit in violation.fix.edits
        )
        fix = FixedEdits(violation.fix.applicability, edits)
    return Finding(
        path=document.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.code,
        rule=rule.name,
        severity=violation.severity or rule.severity,
        message=violation.message,
        fix=fix,
        related=violation.related,
        snippet=snippet,
        file=document.file,
        snippet_start=snippet_start,
    )


def internal_error(rule: Rule, where: str, exc: Exception, *, file: str = "") -> Finding:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    origin = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    return Finding(
        path=where,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        code=INTERNAL_ERROR,
        rule="internal-error",
        severity=Severity.ERROR,
        message=f"rule {rule.code} ({rule.name}) of plugin {rule.plugin!r} raised {type(exc).__name__}: {exc}{origin}",
        file=file,
    )


class LazyDocuments(Sequence[Document]):
    """The documents of many files, read when a corpus rule asks for them.

    Only one file's documents are held at a time, so memory stays bounded by the largest
    file (a JSONL file streams: by its largest record) however large the folder.
    Documents are numbered in the order iteration yields them, for indexing too: a file
    that is skipped holds none, a JSONL file one per record. Each full pass notes how
    many documents each file held (``len`` or an index before any pass makes one), so
    ``documents[i]`` reads back only the file that holds document ``i``.

    ``rows`` gives, file by file, the corpus features the run computed for its documents
    (None where it has none): the first pass hands them out, ``features`` without reading
    the files, iteration through ``document_feature``. ``reported`` names (normalised
    display paths, sorted) the files whose findings the run keeps, if not all of them.
    """

    def __init__(
        self,
        session: Session,
        targets: Sequence[Target],
        rows: Iterable[list[FeatureRow] | None] | None = None,
        reported: Sequence[str] | None = None,
    ) -> None:
        self._session = session
        self._targets = targets
        self._rows = rows
        # 1 for each target the run reports on, or None if it reports on all of them.
        self._reported: bytes | None = None
        if reported is not None:
            flags = bytes(_among(reported, _normalised(target.display)) for target in targets)
            self._reported = None if all(flags) else flags
        self._reported_documents: bytes | None = None  # the same, a byte per document
        # The number of each target's first document, then the number of documents.
        self._starts: array | None = None
        # Where the last index left a file's documents (target, next number, the rest):
        # indexing in increasing order reads a container such as JSONL once, not once per
        # document asked for.
        self._cursor: tuple[int, int, Generator[Document, None, None]] | None = None

    def __len__(self) -> int:
        return self._numbering()[-1]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        starts = self._numbering()
        number = index + starts[-1] if index < 0 else index
        if not 0 <= number < starts[-1]:
            raise IndexError(f"document {index} of {starts[-1]}")
        target = bisect.bisect_right(starts, number) - 1
        cursor = self._cursor
        if cursor is not None and cursor[0] == target and cursor[1] <= number:
            _, position, documents = cursor
        else:
            if cursor is not None:
                cursor[2].close()  # closes the file it reads
            position, documents = starts[target], self._documents(self._targets[target])
        document = next(itertools.islice(documents, number - position, None), None)
        if document is None:  # the file changed since it was counted
            self._cursor = None
            raise IndexError(f"document {index} is no longer in {self._targets[target].display}")
        self._cursor = (target, number + 1, documents)
        return document

    def __iter__(self) -> Iterator[Document]:
        from doclint.cache import ship

        def documents(target: Target, known: list[FeatureRow] | None) -> Iterator[Document]:
            # The run's rows, in the order the checking process read the documents: each one
            # is handed to document_feature while its document is read, if it is that
            # document's (by name and text).
            rows = iter(known or ())
            try:
                for document in self._documents(target):
                    ship(document, next(rows, None))
                    yield document
            finally:
                ship(None, None)

        return self._pass(documents)

    def partly_reported(self) -> bool:
        """Whether the run keeps the findings of only some files: known before the first
        pass, unlike ``reported``."""
        return self._reported is not None

    def reported(self) -> bytes | None:
        """A byte per document, 1 where the run keeps its findings; None if it keeps those
        of every document. A one-file check compares its file with the whole folder: a
        corpus rule can leave out the work that could only find something in two others."""
        if self._reported is None:
            return None
        if self._reported_documents is None:  # asked by each corpus rule: made once
            spans = zip(self._reported, itertools.pairwise(self._numbering()), strict=True)
            self._reported_documents = b"".join(bytes((flag,)) * (end - start) for flag, (start, end) in spans)
        flags = self._reported_documents
        return flags if 0 in flags else None  # the files not reported on held no document

    def features(self, extracts: Mapping[str, Callable[[Document], bytes]]) -> Iterator[FeatureRow]:
        """Each document's row of features (``extracts``: name -> extract), in the order of
        iteration: one pass for a corpus rule's tables.

        The features the run computed come without reading their file again; a file the
        run has none for (or not all of ``extracts``) is read, and its features computed
        through ``document_feature``.
        """
        from doclint.cache import computed_features

        def rows(target: Target, known: list[FeatureRow] | None) -> Iterable[FeatureRow]:
            if known is not None and all(extracts.keys() <= row.values.keys() for row in known):
                return known
            return (computed_features(document, extracts) for document in self._documents(target))

        return self._pass(rows)

    def _pass(self, each: Callable[[Target, list[FeatureRow] | None], Iterable[T]]) -> Iterator[T]:
        """What ``each`` gives for every file in turn, given the run's features for it; notes
        how many documents each held."""
        starts = array("Q", [0])  # 8 bytes a file, not an int object
        for target, known in zip(self._targets, self._take_rows(), strict=False):
            count = 0
            for item in each(target, known):
                count += 1
                yield item
            starts.append(starts[-1] + count)
        self._starts = starts

    def _take_rows(self) -> Iterator[list[FeatureRow] | None]:
        """The run's features, file by file, for the first pass, then None without end (a
        later pass reads the files)."""
        rows, self._rows = self._rows, None
        return itertools.chain(rows or (), itertools.repeat(None))

    def _numbering(self) -> array:
        if self._starts is None:
            for _ in self:
                pass
        assert self._starts is not None
        return self._starts

    def _documents(self, target: Target) -> Generator[Document, None, None]:
        """A file's documents as its reader yields them; none after it stops on an error."""
        try:
            yield from self._session.documents(target)
        except (SkipFile, OSError):
            return


# The session of a worker process: inherited from the parent where processes fork (so
# plugins registered in-process work too), built from the config where they spawn.
_worker_session: Session | None = None


def _init_worker(config: Config) -> None:
    global _worker_session
    if _worker_session is None:
        _worker_session = Session.create(config)


def _in_worker(work: Callable[[Session, Target], T], targets: Sequence[Target]) -> list[T]:
    """``work`` on a batch of targets in a worker; the cache entries it stored are written
    at its end (a worker does not run ``atexit``)."""
    assert _worker_session is not None
    results = [work(_worker_session, target) for target in targets]
    if _worker_session.cache is not None:
        _worker_session.cache.flush()
    return results


def run(
    session: Session,
    targets: Sequence[Target],
    *,
    jobs: int = 1,
    corpus: Sequence[Target] = (),
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Check ``targets``; corpus rules see ``corpus`` (the targets if empty) but report on ``targets`` only.

    The findings come in report order (``Finding.sort_key``), held on disk past a bound.
    """
    result = RunResult(FindingSpool())
    documents = corpus or targets
    # Sorted, not a set: 8 bytes a file beside the names the targets hold, not about 100.
    reported = sorted({_normalised(target.display) for target in targets})

    def merged(checked: Iterable[RunResult]) -> Iterator[tuple[Target, RunResult]]:
        for target, one in zip(targets, checked, strict=True):
            result.merge(one)
            if progress:
                progress(1)
            yield target, one

    def check_corpus(rows: Iterator[list[FeatureRow] | None] | None = None) -> None:
        if not session.corpus_rules:
            return

        def compare() -> Iterator[Finding]:
            some = None if documents is targets else reported  # a folder's run reports on every file
            return session.check_corpus(LazyDocuments(session, documents, rows, some), reported)

        cache = session.cache
        result.findings.extend(cache.corpus(documents, reported, session.corpus_rules, compare) if cache else compare())

    if session.features:
        # The corpus pass folds each file's features (computed by the processes that check
        # the files) as its result comes in: no file is read twice, no feature is held
        # longer than it takes to fold it, and this process works while the others check.
        arrivals = merged(_check_all(session, targets, jobs))
        check_corpus(_feature_rows(session, targets, documents, arrivals, jobs))
        for _ in arrivals:  # the results the corpus pass did not wait for
            pass
    else:
        # The corpus rules read the documents themselves: here, while the workers check them.
        for _ in merged(_check_all(session, targets, jobs, meanwhile=check_corpus)):
            pass
    return result


def _among(names: Sequence[str], name: str) -> bool:
    """Whether ``name`` is one of the sorted ``names``."""
    index = bisect.bisect_left(names, name)
    return index < len(names) and names[index] == name


def _normalised(display: str) -> str:
    """``os.path.normpath(display)``, but ``display`` itself when that changes nothing (not a copy of it)."""
    normal = os.path.normpath(display)
    return display if normal == display else normal


def _feature_rows(
    session: Session,
    targets: Sequence[Target],
    documents: Sequence[Target],
    arrivals: Iterator[tuple[Target, RunResult]],
    jobs: int,
) -> Iterator[list[FeatureRow] | None]:
    """The features of each file of ``documents`` in turn, as the corpus pass asks for them.

    A file checked in this run gives those of its result, taken as it comes in (results
    come in the order of ``targets``); a file compared but not checked (an edited file's
    siblings), or one whose result came from the manifest (which keeps no features),
    gives those of its cache entry, or, when many siblings have none (the first check
    after a change of rules or config), those ``jobs`` processes compute; None leaves the
    file to be read.
    """
    # Sets of names only when the corpus is not the files checked: in a folder's run every
    # file is both, and the sets cost about 150 bytes a file.
    checked = None if documents is targets else {target.display for target in targets}
    compared = None if documents is targets else {target.display for target in documents}
    # Results that came in before their turn. When the corpus is the folder checked, both
    # come in discovery order and this holds nothing; when the targets are files named in
    # another order (pre-commit) it holds at most their features.
    early: dict[str, list[FeatureRow] | None] = {}

    def take(came: tuple[Target, RunResult]) -> None:
        if compared is None or came[0].display in compared:
            early[came[0].display] = came[1].features
        came[1].features = None  # handed over: the result is kept for the manifest only

    computing, computed = _computed_siblings(session, documents, checked, jobs)
    if computing:
        # The files checked first: the processes that check them (or a JSONL file's
        # records) are gone before the siblings' start, so no more than ``jobs`` run.
        for came in arrivals:
            take(came)
    for target in documents:
        known = None
        if checked is None or target.display in checked:
            while target.display not in early:
                came = next(arrivals, None)
                if came is None:
                    break
                take(came)
            known = early.pop(target.display, None)
        elif target.display in computing:
            try:
                known = next(computed)
            except Exception:  # a worker died (killed, out of memory): the rest are computed here
                computing = set()
        if known is None and session.cache is not None:
            known = session.cache.features(target)
        yield known


def _computed_siblings(
    session: Session, documents: Sequence[Target], checked: set[str] | None, jobs: int
) -> tuple[set[str], Iterator[list[FeatureRow] | None]]:
    """The files compared but not checked that no cache entry holds features of, and
    their features, in order, computed in ``jobs`` processes: none when they are too few
    to share out. A JSONL file is left to the corpus pass, which streams its records. The
    processes end when the pass lets the rows go (it stops at the last file)."""
    from doclint.readers.jsonl import is_jsonl

    if checked is None or jobs <= 1:
        return set(), iter(())
    siblings = [target for target in documents if target.display not in checked and not is_jsonl(target.path)]
    if session.cache is not None and _shared_out(siblings, jobs):
        # Asking whether an entry is stored reads its row about as fast as reading it, so
        # an even sample is asked first: a cache that holds all of it is taken as warm
        # (any sibling missed is then computed in the corpus pass).
        sample = siblings[:: max(1, len(siblings) // SIBLINGS_SAMPLE)]
        siblings = session.cache.unstored(siblings) if session.cache.unstored(sample) else []
    if not _shared_out(siblings, jobs):
        return set(), iter(())
    return {target.display for target in siblings}, parallel_map(session, Session.sibling_features, siblings, jobs)


def _check_all(
    session: Session, targets: Sequence[Target], jobs: int, meanwhile: Callable[[], None] = lambda: None
) -> Iterator[RunResult]:
    """The result of each target; ``meanwhile`` runs in this process while the workers check them.

    With a cache, the results it holds are looked up at once (before the corpus rules ask
    for the files' keys), and only the other targets go to the workers: a re-run on an
    unchanged folder starts no process.
    """
    cache = session.cache
    if cache is None:
        return parallel_map(session, _checking(targets, jobs), targets, jobs, meanwhile)
    # A run over many files reads the manifest; a small one (pre-commit) only its files'
    # entries, and leaves the manifest of the whole folder as it is.
    manifest = len(targets) >= PARALLEL_THRESHOLD
    held = [cache.lookup(target, manifest=manifest) for target in targets]
    missed = [target for target, restore in zip(targets, held, strict=True) if restore is None]
    checked = parallel_map(session, _checking(missed, jobs), missed, jobs, meanwhile)

    def in_order() -> Iterator[RunResult]:
        for number, target in enumerate(targets):
            restore, held[number] = held[number], None  # a cached result is restored in its turn
            result = next(checked) if restore is None else restore()
            if result is None:  # its manifest entry was damaged
                result = session.check_target(target)
            cache.note(target, result)
            yield result
        next(checked, None)  # the end of the workers' results: runs ``meanwhile``, closes the pool
        cache.flush()
        if manifest:
            cache.write_manifest()

    return in_order()


def _checking(targets: Sequence[Target], jobs: int) -> Callable[[Session, Target], RunResult]:
    """How each target is checked: by a process each, or, for too few files to share out
    (``data.jsonl`` alone), in this process with the documents of each shared out."""
    if jobs > 1 and not _shared_out(targets, jobs):
        return partial(Session.check_target, jobs=jobs)
    return Session.check_target


def _shared_out(targets: Sequence[Target], jobs: int) -> bool:
    """Whether ``parallel_map`` checks ``targets`` in a pool of processes, a file each."""
    return jobs > 1 and len(targets) >= PARALLEL_THRESHOLD


def parallel_map(
    session: Session,
    work: Callable[[Session, Target], T],
    targets: Sequence[Target],
    jobs: int,
    meanwhile: Callable[[], None] = lambda: None,
) -> Iterator[T]:
    """``work(session, target)`` for each target, in order, in ``jobs`` processes when there
    are enough targets to pay for them; ``meanwhile`` runs in this process meanwhile.
    ``work`` must be picklable (a module-level function, or a partial of one)."""
    if not _shared_out(targets, jobs):
        yield from (work(session, target) for target in targets)
        meanwhile()
        return
    size = max(1, min(32, len(targets) // (jobs * 8)))
    batches = [targets[start : start + size] for start in range(0, len(targets), size)]
    with _worker_pool(session, jobs) as pool:
        results = pool.map(partial(_in_worker, work), batches)  # all submitted
        # The corpus rules run here meanwhile, so the parent's core is not idle: the
        # speed-up of --jobs would otherwise be capped by their serial share.
        meanwhile()
        for batch in results:
            yield from batch


@contextmanager
def _worker_pool(session: Session, jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` processes, each with the session: inherited where processes fork
    (so plugins registered in-process work too), made from its config where they spawn."""
    # Imported here: a one-file run (the pre-commit case) never starts a pool.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_all_start_methods, get_context

    global _worker_session
    forking = "fork" in get_all_start_methods()
    context = get_context("fork") if forking else get_context()
    _worker_session = session if forking else None
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_init_worker, initargs=(session.config,)
        ) as pool:
            yield pool
    finally:
        _worker_session = None


def _checked_in(session: Session, target: Target, jobs: int) -> Iterator[tuple[list[Finding], FeatureRow | None]]:
    """``session.check_one`` for each document of the file, in order, in ``jobs`` processes
    once it has more than one batch of them (a JSONL file; a plain file never starts them).

    The documents are read here and sent out in batches, at most two per process at a
    time, so the file is still never held whole. A reader that stops (a line that is not
    JSON) stops the file after the documents it gave before, as it does in one process.
    """
    stopped: list[Exception] = []
    batches = _batches(session.documents(target), stopped)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    if second is None:
        yield from map(session.check_one, first or ())
    else:
        with _worker_pool(session, jobs) as pool:
            pending: deque[Future[list[tuple[list[Finding], FeatureRow | None]]]] = deque()
            for batch in itertools.chain((first, second), batches):
                pending.append(pool.submit(_check_in_worker, batch))
                if len(pending) >= 2 * jobs:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    if stopped:
        raise stopped[0]


def _batches(documents: Iterable[Document], stopped: list[Exception]) -> Iterator[list[Document]]:
    """The documents in lists of about BATCH_CHARACTERS of text (at least one document
    each); an error of the reader is put in ``stopped`` after the documents before it."""
    batch: list[Document] = []
    size = 0
    try:
        for document in documents:
            batch.append(document)
            size += len(document.text)
            if size >= BATCH_CHARACTERS:
                yield batch
                batch, size = [], 0
    except Exception as exc:  # raised again once the documents before it are checked
        stopped.append(exc)
    if batch:
        yield batch


def _check_in_worker(documents: list[Document]) -> list[tuple[list[Finding], FeatureRow | None]]:
    assert _worker_session is not None
    checked = [_worker_session.check_one(document) for document in documents]
    if _worker_session.cache is not None:
        _worker_session.cache.flush()  # features kept through document_feature, if any
    return checked
