"""Applying fixes: whole fixes in rounds until stable, then the file written back as it was.

A fix is one or more edits that repair a finding together. In each round every fix that
does not overlap a fix already taken is applied whole; a fix that overlaps waits for the
next round, when the rules run again on the new text (and may no longer offer it). Rounds
stop when no fix applies, so fixing a fixed text changes nothing. Fixes that have not
settled after ``MAX_ROUNDS`` (a rule that keeps changing the text, or two that undo each
other) leave the file as it was, with a notice: what they wrote cannot be trusted.

A file is written only when its bytes change, atomically (a temporary file in the same
folder, then ``os.replace``), with the encoding, byte order mark, line endings and
permissions it had. A file is fixed only when writing its text back unchanged reproduces
its bytes exactly: a file that is not valid UTF-8 is fixed in the legacy encoding it was
read with only when that encoding round-trips it byte for byte, and a file a plugin
reader turned into documents is never written. The records of a JSONL file (documents
whose ``file`` is not their ``path``) are never fixed: the file gets one notice saying so.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from doclint.atomic import write_atomic
from doclint.errors import SkipFile
from doclint.models import Applicability, Document, Edit, Finding, Notice

if TYPE_CHECKING:
    from doclint.discovery import Target
    from doclint.runner import Session

# Rules that keep offering fixes after this many rounds are fighting each other. A chain
# of fixes that each wait for the one before (PUN002 takes one ", " of ", , , ," a round)
# settles well within it.
MAX_ROUNDS = 100
NOT_SETTLED = (
    f"not fixed: the fixes did not settle after {MAX_ROUNDS} rounds (a rule keeps changing the text,"
    " or two undo each other); the file is left as it is"
)
# Writing fixed records back would mean rewriting the whole container around them.
RECORDS_NOT_FIXED = "fixing the records of a file (JSONL) is not supported; the file is left as it is"


def _conflict(a: Edit, b: Edit) -> bool:
    """Whether two edits cannot both apply: they overlap, or their order is ambiguous."""
    if max(a.start, b.start) < min(a.end, b.end):
        return True
    if a.start == a.end and b.start < a.start < b.end:
        return True
    if b.start == b.end and a.start < b.start < a.end:
        return True
    return a.start == a.end == b.start == b.end


def well_formed(edits: Sequence[Edit], length: int) -> bool:
    """Whether a fix's edits lie inside a text of ``length`` and do not conflict."""
    if not edits or any(not 0 <= edit.start <= edit.end <= length for edit in edits):
        return False
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    return not any(_conflict(a, b) for a, b in itertools.pairwise(ordered))


def apply_fixes(text: str, fixes: Iterable[Sequence[Edit]]) -> tuple[str, int]:
    """``text`` with every fix applied that fits, and how many fixes were applied.

    Fixes are taken in order of position; a fix any of whose edits conflicts with an edit
    already taken is left out whole (for a later round), so a fix never applies in half.
    A fix whose own edits overlap or fall outside the text never applies.
    """
    taken: list[Edit] = []  # disjoint, sorted by (start, end)
    keys: list[tuple[int, int]] = []
    applied = 0
    candidates = [tuple(fix) for fix in fixes if fix]
    candidates.sort(key=lambda fix: [(edit.start, edit.end, edit.replacement) for edit in sorted_edits(fix)])
    for fix in candidates:
        if not well_formed(fix, len(text)) or any(_clashes(edit, taken, keys) for edit in fix):
            continue
        for edit in fix:
            index = bisect.bisect_right(keys, (edit.start, edit.end))
            keys.insert(index, (edit.start, edit.end))
            taken.insert(index, edit)
        applied += 1
    pieces = []
    position = 0
    for edit in taken:
        pieces.append(text[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), applied


def sorted_edits(edits: Iterable[Edit]) -> list[Edit]:
    return sorted(edits, key=lambda edit: (edit.start, edit.end))


def _clashes(edit: Edit, taken: list[Edit], keys: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_left(keys, (edit.start, -1))
    before = index - 1
    while before >= 0 and taken[before].end >= edit.start:
        if _conflict(edit, taken[before]):
            return True
        before -= 1
    after = index
    while after < len(taken) and taken[after].start <= edit.end:
        if _conflict(edit, taken[after]):
            return True
        after += 1
    return False


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """``text`` with single edits applied (each its own fix), and how many were applied."""
    return apply_fixes(text, ((edit,) for edit in edits))


def applies(finding: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` when ``unsafe``) applies a finding's fix."""
    return finding.fix is not None and (unsafe or finding.fix.applicability is Applicability.SAFE)


def fix_edits(finding: Finding) -> tuple[Edit, ...]:
    assert finding.fix is not None
    return tuple(Edit(edit.start, edit.end, edit.replacement) for edit in finding.fix.edits)


def fix_document(
    document: Document, find: Callable[[Document], Sequence[Finding]], *, unsafe: bool = False
) -> tuple[Document, int, bool]:
    """The document after fixing in rounds, how many fixes applied, and whether it settled.

    ``find`` runs the rules on a document. A round that applies nothing, or that would
    bring back a text seen before (two rules undoing each other), ends the rounds.
    """
    seen = {document.text}
    applied = 0
    for rounds in range(MAX_ROUNDS + 1):  # the last only checks that nothing is left to fix
        fixes = [fix_edits(finding) for finding in find(document) if applies(finding, unsafe)]
        if not fixes:
            return document, applied, True
        if rounds == MAX_ROUNDS:
            break
        text, count = apply_fixes(document.text, fixes)
        if count == 0 or text in seen:
            return document, applied, count == 0
        seen.add(text)
        applied += count
        document = Document(document.path, text, document.decoding, document.file)
    return document, applied, False


def encode(text: str, document: Document) -> bytes:
    """The bytes of ``text`` as the file ``document`` came from stores it (encoding, BOM)."""
    decoding = document.decoding
    data = text.encode(decoding.encoding)
    if decoding.bom and decoding.encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        data = b"\xef\xbb\xbf" + data
    return data


@dataclass
class FileFix:
    """What fixing did (or would do) to one file."""

    path: str
    original: str = ""
    fixed: str = ""
    applied: int = 0
    notices: list[Notice] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff from the original to the fixed text (empty if unchanged)."""
        if not self.changed:
            return ""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
        )
        out = []
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def fix_target(session: Session, target: Target, *, unsafe: bool, write: bool) -> FileFix:
    """Fix one file with the session's document rules; write it back when ``write``."""
    result = FileFix(target.display)
    try:
        documents = iter(session.documents(target))
        document = next(documents, None)
        if document is not None and document.file != document.path:
            # A record of a JSONL file: only its first is read, so a large file costs nothing.
            result.notices.append(Notice(target.display, f"not fixed: {RECORDS_NOT_FIXED}"))
            return result
        if document is None or next(documents, None) is not None:
            return result
        data = target.path.read_bytes()
    except SkipFile as exc:
        result.notices.append(Notice(target.display, f"skipped: {exc}"))
        return result
    except OSError as exc:
        result.notices.append(Notice(target.display, f"cannot read: {exc.strerror or exc}", is_error=True))
        return result
    result.original = result.fixed = document.text
    fixed, applied, settled = fix_document(document, session.check_document, unsafe=unsafe)
    if not settled:
        result.notices.append(Notice(target.display, NOT_SETTLED))
        return result
    if applied == 0:
        return result
    encoding = document.decoding.encoding
    try:
        reason = "" if encode(document.text, document) == data else f"its text does not round-trip through {encoding}"
    except (UnicodeError, LookupError):
        reason = f"its text does not round-trip through {encoding}"
    if reason and document.decoding.valid_utf8:
        reason = "the file holds more than its document's text (a format reader read it)"
    if not reason:
        try:
            new_data = encode(fixed.text, document)
        except UnicodeError:
            reason = f"the fixed text cannot be written in {encoding}"
    if reason:
        result.notices.append(Notice(target.display, f"not fixed: {reason}"))
        return result
    result.fixed = fixed.text
    result.applied = applied
    if write and new_data != data:
        try:
            write_atomic(target.path, new_data)
        except OSError as exc:
            result.notices.append(Notice(target.display, f"cannot write: {exc.strerror or exc}", is_error=True))
            result.fixed, result.applied = result.original, 0
    return result


def fix_targets(
    session: Session, targets: Sequence[Target], *, unsafe: bool, write: bool, jobs: int = 1
) -> Iterator[FileFix]:
    """Fix every target (in parallel when there are many), in the order given."""
    from doclint.runner import parallel_map

    return parallel_map(session, partial(fix_target, unsafe=unsafe, write=write), targets, jobs)
