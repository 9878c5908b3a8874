"""Where ftfy's repair of a line differs from the line: the spans ENC001 reports.

ftfy gives back a repaired line, not what it changed. The line and its repair are cut
into units and aligned, and each run of units that differ is a repair of its own, with
its own finding and fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from doclint import diffing

# Units for comparing a line with its repair: a run of ASCII letters and digits, another
# ASCII or an invisible character alone, or a run of other non-ASCII characters (mojibake
# always replaces such a run). Words as units keep the comparison fast on long lines. Invisible
# characters are never part of mojibake, and ENC009 reports them on their own.
INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_UNIT = re.compile(rf"[^\x00-\x7f{INVISIBLE}]+|[A-Za-z0-9]+|.", re.DOTALL)
# Control and invisible characters a repair may keep as they were (ENC008's and ENC009's to judge).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")


def differences(original: str, fixed: str, repair: Callable[[str], str]) -> Iterator[tuple[int, int, str, bool]]:
    """The spans of ``original`` that differ from ``fixed``, with their replacement, and
    whether the span is exactly what changed (see ``_changes``).

    ``repair`` is what made ``fixed`` of ``original``. Where a line changed in several
    places, a span that ``repair`` alone makes something else of was paired with the
    wrong text ("ä¸\xadå¿ƒ" read as "是 中心", the "是" taken from a word before), and the
    changes are then taken together, as one, not exact. A span that ``repair`` leaves
    alone is no evidence: ftfy judges a few characters alone too short to repair ("Ã¥").
    """
    # The text before the first and after the last change is the same: leave it out.
    head = 0
    limit = min(len(original), len(fixed))
    while head < limit and original[head] == fixed[head] and original[head].isascii():
        head += 1
    while head and original[head - 1].isalnum():
        head -= 1  # back to the start of a word, so that units line up
    tail = 0
    while tail < limit - head and original[-1 - tail] == fixed[-1 - tail] and original[-1 - tail].isascii():
        tail += 1
    while tail and original[len(original) - tail].isalnum():
        tail -= 1
    original, fixed = original[head : len(original) - tail], fixed[head : len(fixed) - tail]
    changes, exact = _unit_differences(original, fixed)
    if exact and len(changes) > 1 and any(_misread(original[start:end], part, repair) for start, end, part in changes):
        changes, exact = [(0, len(original), fixed)], False
    for start, end, replacement in changes:
        yield head + start, head + end, replacement, exact


def _misread(span: str, part: str, repair: Callable[[str], str]) -> bool:
    """True when ``repair`` makes of ``span`` alone something other than it and ``part``
    (white space aside: "Ã " alone is "à ", in its line "à" and the next space)."""
    alone = repair(span)
    return alone != span and alone.split() != part.split()


def _unit_differences(original: str, fixed: str) -> tuple[list[tuple[int, int, str]], bool]:
    a = [(m.start(), m.end(), m.group()) for m in _UNIT.finditer(original)]
    b = [m.group() for m in _UNIT.finditer(fixed)]
    changes, exact = _changes([unit for _, _, unit in a], b)
    return [_span(a, b, original, *change) for change in changes], exact


def _changes(a: list[str], b: list[str]) -> tuple[list[list[int]], bool]:
    """The ``[a_start, a_end, b_start, b_end]`` of each run of units that differ, and
    whether they are exactly what changed.

    Mojibake replaces runs of non-ASCII characters in place, so when the units pair off
    one for one (every other unit the same) they are compared in place. Otherwise difflib
    aligns them; its longest match may pair a repaired run with the wrong one ("Ã© é é"
    fixed as "é é é" read as "Ã© " deleted and " é" added at the end). A repair never
    makes text longer (a character's UTF-8 bytes read one character each are at least as
    many as its characters), so when a change does, the changes are taken together, as
    one, which may hold unchanged text too: not exact. A change that only removes ("Â"
    before a soft hyphen) stays on its own.
    """
    if len(a) == len(b) and all(x == y or not (x.isascii() or y.isascii()) for x, y in zip(a, b, strict=True)):
        opcodes = [
            ("equal" if x == y else "replace", i, i + 1, i, i + 1) for i, (x, y) in enumerate(zip(a, b, strict=True))
        ]
    else:
        opcodes = diffing.opcodes(a, b)
    changes: list[list[int]] = []
    pending: list[int] | None = None  # [a_start, a_end, b_start, b_end] of merged changes
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if pending:
                changes.append(pending)
                pending = None
        elif pending is None:
            pending = [i1, i2, j1, j2]
        else:
            pending[1], pending[3] = i2, j2
    if pending:
        changes.append(pending)
    if len(changes) > 1 and any(_length(b, j1, j2) > _length(a, i1, i2) for i1, i2, j1, j2 in changes):
        return [[changes[0][0], changes[-1][1], changes[0][2], changes[-1][3]]], False
    return changes, True


def _length(units: list[str], start: int, end: int) -> int:
    return sum(map(len, units[start:end]))


def _span(a: list, b: list, original: str, i1: int, i2: int, j1: int, j2: int) -> tuple[int, int, str]:
    start = a[i1][0] if i1 < len(a) else len(original)
    end = a[i2 - 1][1] if i2 > i1 else start
    return start, end, "".join(b[j1:j2])


def trim(original: str, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    """Leave out what the repair keeps at either edge, as long as something is replaced.

    "\ufffdâ€™" repaired as "\ufffd’" is a replacement character and then mojibake.
    """
    while end - start > 1 and len(replacement) > 1 and original[start] == replacement[0]:
        start, replacement = start + 1, replacement[1:]
    while end - start > 1 and len(replacement) > 1 and original[end - 1] == replacement[-1]:
        end, replacement = end - 1, replacement[:-1]
    return start, end, replacement


def split_at_kept_controls(original: str, replacement: str) -> Iterator[tuple[int, int, str]]:
    """Split a repair where it keeps a control character as it was ("â€™\\x81Ã©").

    ENC008 judges such a character; a repair that spanned it would hide it.
    """
    if not _CONTROLS.search(replacement):
        yield 0, len(original), replacement
        return
    # Cut the opcodes at each kept control character: (start, end, replacement start,
    # replacement end, changed) pieces, and a kept control ends the current part.
    part: list = []
    for tag, i1, i2, j1, j2 in diffing.opcodes(original, replacement):
        if tag != "equal":
            part.append((i1, i2, j1, j2, True))
            continue
        for offset in range(i2 - i1):
            if _CONTROLS.match(original[i1 + offset]):
                yield from _part(part, replacement)
                part = []
            else:
                part.append((i1 + offset, i1 + offset + 1, j1 + offset, j1 + offset + 1, False))
    yield from _part(part, replacement)


def _part(pieces: list, replacement: str) -> Iterator[tuple[int, int, str]]:
    if any(changed for *_, changed in pieces):
        yield pieces[0][0], pieces[-1][1], replacement[pieces[0][2] : pieces[-1][3]]
