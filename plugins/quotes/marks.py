"""Quotation marks in a paragraph: which open, which close, which are apostrophes.

A straight ``"`` has no direction of its own; like CommonMark's emphasis delimiters it
is read from what flanks it: after a space and before a letter it opens, after a letter
and before a space or punctuation it closes. ``’`` is both the closing single quote and
the apostrophe, so it only ever closes a ``‘`` that is open; it never counts as a stray
closer (students’, ’90s, rock ’n’ roll).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from doclint.text import MASK, Block

from .options import STYLES
from .words import ATTRIBUTION_VERBS

# A sentence that ends before an opening mark: ". “" (after closing brackets or quotes).
SENTENCE_END = re.compile(r"[.!?…:][)\]’”\"']*\s*$")
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(ATTRIBUTION_VERBS)) + r")\b", re.IGNORECASE)

# Characters after which a straight quote still opens: brackets, dashes, slashes, other quotes.
OPENING_CONTEXT = "([{<—–-/‘“«„‚「『" + MASK
# Characters before which a straight quote still closes.
CLOSING_CONTEXT = ".,;:!?)]}>…—–-/’”»」』" + MASK

OPEN, CLOSE, TOGGLE, INCH, CLOSE_OR_APOSTROPHE = "open", "close", "toggle", "inch", "close-or-apostrophe"


class Mark(NamedTuple):
    """A quotation mark at ``offset``: its style and the role its context gives it.

    A named tuple, not a frozen dataclass: one is built for every mark of every paragraph."""

    offset: int
    char: str
    style: str
    role: str


@dataclass(frozen=True)
class Balance:
    """What pairing left over in one paragraph, in text order."""

    marks: tuple[Mark, ...]
    unclosed: tuple[Mark, ...]
    stray_closers: tuple[Mark, ...]

    @property
    def first(self) -> Mark | None:
        return self.marks[0] if self.marks else None


# Quotation marks in disguise: an HTML entity or a mis-decoded UTF-8 sequence is the
# encoding family's finding, but still a quotation mark for pairing. Without this, every
# “community quotasâ€\x9d (mojibake) was also reported as an unbalanced quotation.
DISGUISED = re.compile(
    r"&(?:quot|#34|#x22|ldquo|rdquo|lsquo|rsquo|#822[01]|#821[67]);|â€[œ\x9d\ufffd˜™]", re.IGNORECASE
)
DISGUISED_AS = {
    "&quot;": '"',
    "&#34;": '"',
    "&#x22;": '"',
    "&ldquo;": "“",
    "&#8220;": "“",
    "&rdquo;": "”",
    "&#8221;": "”",
    "&lsquo;": "‘",
    "&#8216;": "‘",
    "&rsquo;": "’",
    "&#8217;": "’",
    "â€œ": "“",
    "â€\x9d": "”",
    "â€\ufffd": "”",
    "â€˜": "‘",
    "â€™": "’",
}


def _table(styles: tuple[str, ...]) -> tuple[dict[str, list[tuple[str, str]]], re.Pattern[str]]:
    """The roles each mark character can take, and a pattern that finds the marks and disguises."""
    cached = _TABLES.get(styles)
    if cached is None:
        table: dict[str, list[tuple[str, str]]] = {}
        for style in styles:
            opening, closing = STYLES[style]
            for char in opening:
                table.setdefault(char, []).append((style, OPEN))
            for char in closing:
                table.setdefault(char, []).append((style, CLOSE))
        # A plain character class is scanned far faster than an alternation; a disguise is
        # then matched where its first character is. No disguise holds a mark character.
        chars = "".join(sorted(set(table) | set(DISGUISE_STARTS)))
        cached = _TABLES[styles] = (table, re.compile(f"[{re.escape(chars)}]"))
    return cached


_TABLES: dict[tuple[str, ...], tuple[dict[str, list[tuple[str, str]]], re.Pattern[str]]] = {}
DISGUISE_STARTS = "&âÂ"


def marks_of_blocks(prose: str, blocks: Sequence[Block], styles: Iterable[str]) -> list[list[Mark]]:
    """The quotation marks of each block, apostrophes left out.

    The text is scanned once, and a block without a mark character is not read.
    """
    table, pattern = _table(tuple(styles))
    found = [match.start() for match in pattern.finditer(prose)]
    result: list[list[Mark]] = []
    for block in blocks:
        first = bisect_left(found, block.start)
        if first == len(found) or found[first] >= block.end:
            result.append([])  # most paragraphs
            continue
        offsets = found[first : bisect_left(found, block.end, first)]
        result.append(_marks_at(prose, block.start, block.end, table, offsets))
    return result


def _marks_at(
    prose: str, start: int, end: int, table: dict[str, list[tuple[str, str]]], offsets: list[int]
) -> list[Mark]:
    """The marks of ``prose[start:end]`` at ``offsets``, where its pattern matched, in order."""
    marks: list[Mark] = []
    resume = start  # the end of the last disguise: a walk would have skipped its characters
    disguisable: bool | None = None
    for offset in offsets:
        if offset < resume:
            continue
        char = prose[offset]
        width = 1
        if char in DISGUISE_STARTS:
            if disguisable is None:
                # as before: disguises are read where a lowercase start is ("Â€œ" alone is not)
                disguisable = prose.find("&", start, end) >= 0 or prose.find("â", start, end) >= 0
            disguise = DISGUISED.match(prose, offset, end) if disguisable else None
            if disguise is None:
                continue
            width = disguise.end() - offset
            resume = offset + width
            char = DISGUISED_AS[disguise.group().lower()]
        entries = table.get(char)
        if not entries:
            continue
        before = prose[offset - 1] if offset > start else " "
        after = prose[offset + width] if offset + width < end else " "
        seen: set[str] = set()
        for style, role in entries:
            role = _role(char, role, before, after)
            if role is not None and style not in seen:  # '"' is listed as opener and closer
                seen.add(style)
                marks.append(Mark(offset, char, style, role))
    return marks


def _role(char: str, role: str, before: str, after: str) -> str | None:
    if char == '"':
        left = before.isspace() or before in OPENING_CONTEXT
        right = after.isspace() or after in CLOSING_CONTEXT
        if before.isdigit() and not after.isalnum():
            return INCH  # 12" screens: closes a quotation if one is open, else no quotation mark
        if left and not right:
            return OPEN
        if right and not left:
            return CLOSE
        return TOGGLE
    if char == "“" and role == OPEN and after.isspace():
        # a closer typed with the opening glyph: ‘Argentina, “ said’
        return TOGGLE if before.isspace() else CLOSE
    if char in "’‘" and before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: don’t, (mistyped) don‘t
    if char == "‘" and role == OPEN and after.isdigit():
        return None  # ‘90s typed with the wrong mark
    if char == "’":
        if role == OPEN:  # ’ as the opener of the low-high single style is too ambiguous
            return None
        if after.isalnum():
            return None  # ’90s, ’n’, ’tis
        return CLOSE_OR_APOSTROPHE
    return role


NO_MARKS = Balance((), (), ())


def balance(marks: list[Mark], prose: str = "") -> Balance:
    """Pair openers with closers of the same style, innermost first.

    An opener that starts a new sentence while a quotation of its style is open, with no
    attribution in between, continues that quotation: the convention of a quotation over
    several paragraphs, kept by text whose paragraphs were joined into one line.
    """
    if not marks:
        return NO_MARKS  # most paragraphs
    stack = _Open()
    unclosed: list[Mark] = []
    strays: list[Mark] = []
    # A character listed under two styles (“ opens curly and closes low-high) yields two
    # Marks; whichever pairs first wins and its twin is dropped.
    skip: set[int] = set()
    seen: set[int] = set()
    twinned: set[int] = set()  # the offsets of such pairs: only their marks have a twin to ask
    for mark in marks:
        (twinned if mark.offset in seen else seen).add(mark.offset)
    twins: dict[int, list[Mark]] = {}  # the marks of each such offset
    if twinned:  # most paragraphs have none
        for mark in marks:
            if mark.offset in twinned:
                twins.setdefault(mark.offset, []).append(mark)
    for mark in marks:
        if mark.offset in skip:
            continue
        depth = stack.find(mark.style)
        if mark.role == OPEN:
            if mark.offset in twinned and _twin_closes(twins[mark.offset], mark, stack):
                continue
            if depth is not None and depth == len(stack.marks) - 1 and _continues(prose, stack.marks[depth], mark):
                stack.marks[depth] = mark  # the same style, at the same depth
                continue
            stack.push(mark)
            continue
        if mark.role in (CLOSE, CLOSE_OR_APOSTROPHE) or (mark.role in (TOGGLE, INCH) and depth is not None):
            if depth is None:
                if mark.role == CLOSE and not (mark.offset in twinned and _twin_opens(twins[mark.offset], mark)):
                    strays.append(mark)
                continue
            unclosed.extend(stack.close(depth))
            skip.add(mark.offset)
        elif mark.role == TOGGLE:
            stack.push(mark)
    unclosed.extend(stack.marks)
    unclosed.sort(key=lambda mark: mark.offset)
    return Balance(tuple(marks), tuple(unclosed), tuple(strays))


class _Open:
    """The quotations open at a point of a paragraph, innermost last, with the depths of
    each style's: the innermost of a style is found at once, where a walk down the stack
    made a paragraph of thousands of open quotations take the square of their number."""

    def __init__(self) -> None:
        self.marks: list[Mark] = []
        self._depths: dict[str, list[int]] = {}

    def find(self, style: str) -> int | None:
        """The depth of the innermost open quotation of ``style``, if one is open."""
        depths = self._depths.get(style)
        return depths[-1] if depths else None

    def push(self, mark: Mark) -> None:
        self._depths.setdefault(mark.style, []).append(len(self.marks))
        self.marks.append(mark)

    def close(self, depth: int) -> list[Mark]:
        """Close the quotation at ``depth``; those opened inside it are given back, unclosed."""
        for mark in self.marks[depth:]:
            self._depths[mark.style].pop()  # each style's deepest are the last of its depths
        inside = self.marks[depth + 1 :]
        del self.marks[depth:]
        return inside


def _continues(prose: str, opener: Mark, mark: Mark) -> bool:
    if not prose:
        return False
    between = prose[opener.offset + 1 : mark.offset]
    return bool(SENTENCE_END.search(between)) and not SPEECH_VERB.search(between)


def _twin_closes(twins: list[Mark], mark: Mark, stack: _Open) -> bool:
    """True when the same character (``twins``: the marks of its offset) also closes an open quotation of another style."""
    return any(other is not mark and other.role == CLOSE and stack.find(other.style) is not None for other in twins)


def _twin_opens(twins: list[Mark], mark: Mark) -> bool:
    return any(other is not mark and other.role == OPEN for other in twins)
