"""The baseline: today's findings, recorded so that only new ones are reported.

A finding's fingerprint is its code and the text it points at with a little context on
its line, not its line number: a paragraph inserted above leaves it unchanged. The
baseline keys entries by path (relative to the baseline file's folder, so it survives
moving the checkout), code and fingerprint, and counts duplicates: an entry with count 2
hides two such findings in that file, and a third is new. An entry for a JSONL record
(``data.jsonl:7``) also names its file, which is what a run checks.

The file is JSON, sorted, one entry per line, so that a change to it reads well in a diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from doclint.errors import ConfigError
from doclint.models import Finding, Notice
from doclint.spool import FindingSpool

FORMAT_VERSION = 1
# Letters and digits of the finding's line kept on each side of its span.
CONTEXT = 16
# Findings that are never recorded: they report a bug, not the document.
NEVER_BASELINED = frozenset({"DOC001"})

Key = tuple[str, str, str]  # (path, code, fingerprint)


def fingerprint(finding: Finding) -> str:
    """A short hash of the finding's code and the text it points at, with context."""
    before, text, after = _span(finding)
    extra = str(finding.end_line - finding.line)
    material = "\0".join((finding.code, before, text, after, extra))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _span(finding: Finding) -> tuple[str, str, str]:
    """The letters and digits before the span, the span, and the letters and digits after.

    Context keeps letters and digits only, so that a fix of spacing or punctuation beside
    a finding (``--fix`` removing a space before a comma) does not make it new.
    """
    line = finding.snippet  # the line from snippet_start (see Finding): all the context needs
    start = finding.column - 1 - finding.snippet_start
    end = finding.end_column - 1 - finding.snippet_start if finding.end_line == finding.line else len(line)
    end = max(start, end)
    window = 4 * CONTEXT
    before = "".join(char for char in line[max(0, start - window) : start] if char.isalnum())[-CONTEXT:]
    after = "".join(char for char in line[end : end + window] if char.isalnum())[:CONTEXT]
    return before, line[start:end], after


@dataclass(frozen=True)
class Entry:
    """Findings recorded for one document: ``path`` names it, ``file`` is its file.

    The two differ for a record of a JSONL file (``data.jsonl:7`` in ``data.jsonl``); the
    file is written only then, so that a baseline of plain files reads as before.
    """

    path: str
    code: str
    fingerprint: str
    count: int
    text: str = ""
    file: str = ""

    def __post_init__(self) -> None:
        if not self.file:
            object.__setattr__(self, "file", self.path)

    @property
    def key(self) -> Key:
        return (self.path, self.code, self.fingerprint)

    def to_json(self) -> str:
        record = {"code": self.code, "count": self.count, "fingerprint": self.fingerprint, "path": self.path}
        record["text"] = self.text
        if self.file != self.path:
            record["file"] = self.file
        return json.dumps(record, ensure_ascii=False, sort_keys=True)

    def moved(self, old: Path, new: Path) -> Entry:
        """This entry of a baseline in folder ``old`` as a baseline in ``new`` names it."""
        file, path = _placed(os.path.join(old, self.file), os.path.join(old, self.path), new)
        return Entry(path, self.code, self.fingerprint, self.count, self.text, file)


def relative(path: str, folder: Path) -> str:
    """A finding's path as the baseline in ``folder`` names it (POSIX, relative)."""
    absolute = os.path.abspath(path)
    try:
        return PurePosixPath(Path(os.path.relpath(absolute, folder)).as_posix()).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


def _placed(file: str, path: str, folder: Path) -> tuple[str, str]:
    """A document's file and path as the baseline in ``folder`` names them.

    Only the file is made relative: a record's name after it (``data.jsonl:a/../b``) is
    kept as it is, not read as part of a path.
    """
    relative_file = relative(file, folder)
    if path != file and path.startswith(file):
        return relative_file, relative_file + path[len(file) :]
    return relative_file, relative(path, folder)


def _shown(finding: Finding) -> str:
    text = _span(finding)[1]
    return text if len(text) <= 60 else text[:59] + "…"


def entries_of(findings: Iterable[Finding], folder: Path) -> list[Entry]:
    counts: Counter[Key] = Counter()
    texts: dict[Key, str] = {}
    files: dict[Key, str] = {}
    for finding in findings:
        if finding.code in NEVER_BASELINED:
            continue
        file, path = _placed(finding.file, finding.path, folder)
        key = (path, finding.code, fingerprint(finding))
        counts[key] += 1
        texts.setdefault(key, _shown(finding))
        files.setdefault(key, file)
    return [Entry(*key, count, texts[key], files[key]) for key, count in counts.items()]


@dataclass(frozen=True)
class Baseline:
    """The entries of a baseline file; ``folder`` is where its paths are relative to."""

    folder: Path
    entries: tuple[Entry, ...] = ()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"baseline file {path} does not exist (write it with --write-baseline {path})") from None
        except OSError as exc:
            raise ConfigError(f"cannot read baseline file {path}: {exc.strerror or exc}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConfigError(f"baseline file {path} is not valid JSON: {exc}") from None
        try:
            if data.get("version") != FORMAT_VERSION:
                raise ConfigError(
                    f"baseline file {path} has version {data.get('version')!r}, expected {FORMAT_VERSION}"
                )
            entries = tuple(
                Entry(
                    item["path"],
                    item["code"],
                    item["fingerprint"],
                    int(item["count"]),
                    item.get("text", ""),
                    item.get("file", ""),
                )
                for item in data["findings"]
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            raise ConfigError(f"baseline file {path} is not a doclint baseline") from None
        return cls(path.resolve().parent, entries)

    def filter(
        self, findings: Iterable[Finding], checked: Iterable[str], codes: Iterable[str]
    ) -> tuple[FindingSpool, list[Notice]]:
        """The findings the baseline does not hold (in their order), and a notice per file with stale entries.

        An entry is stale when its file was checked and its rule ran, yet fewer findings
        matched it than it counts; ``--write-baseline`` drops it.
        """
        left: Counter[Key] = Counter()
        for entry in self.entries:
            left[entry.key] += entry.count
        kept = FindingSpool()
        for finding in findings:
            if finding.code in NEVER_BASELINED:
                kept.append(finding)
                continue
            key = (_placed(finding.file, finding.path, self.folder)[1], finding.code, fingerprint(finding))
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        checked_files = {relative(path, self.folder) for path in checked}
        active = set(codes)
        files = {entry.key: entry.file for entry in self.entries}
        stale: dict[str, Counter[str]] = {}
        for key, count in left.items():
            file, code = files[key], key[1]
            if count > 0 and file in checked_files and code in active:
                stale.setdefault(file, Counter())[code] += count
        notices = []
        for path, by_code in sorted(stale.items()):
            count = sum(by_code.values())
            codes_text = ", ".join(sorted(by_code))
            notices.append(
                Notice(
                    os.path.relpath(self.folder / path),
                    f"{count} baseline entr{'y' if count == 1 else 'ies'} no longer match ({codes_text});"
                    " --write-baseline drops them",
                )
            )
        return kept, notices


def write(
    path: Path | None, findings: Iterable[Finding], checked: Iterable[str], codes: Iterable[str], old: Baseline | None
) -> list[Entry]:
    """Record ``findings``; ``path`` None writes to stdout. Returns the entries written.

    Entries of the old baseline for files not checked in this run, or for rules that did
    not run, are kept, so that writing a baseline from a partial run loses nothing.
    """
    folder = path.resolve().parent if path is not None else Path.cwd().resolve()
    entries = entries_of(findings, folder)
    if old is not None:
        checked_files = {relative(name, old.folder) for name in checked}
        active = set(codes)
        for entry in old.entries:
            if entry.file in checked_files and entry.code in active:
                continue
            entries.append(entry.moved(old.folder, folder))
    merged: dict[Key, Entry] = {}
    for entry in entries:
        if entry.key in merged:
            first = merged[entry.key]
            entry = Entry(*entry.key, first.count + entry.count, first.text, first.file)
        merged[entry.key] = entry
    ordered = sorted(merged.values(), key=lambda entry: (entry.path, entry.code, entry.text, entry.fingerprint))
    body = ",\n".join(f"    {entry.to_json()}" for entry in ordered)
    text = (
        f'{{\n  "findings": [\n{body}\n  ],\n  "version": {FORMAT_VERSION}\n}}\n'
        if ordered
        else (f'{{\n  "findings": [],\n  "version": {FORMAT_VERSION}\n}}\n')
    )
    if path is None:
        import sys

        sys.stdout.write(text)
    else:
        from doclint.atomic import write_atomic

        write_atomic(path, text.encode("utf-8"))
    return ordered
