"""ftfy's ``is_bad``, with the same answer, without running its regex over clean text.

ftfy's badness regex is some forty alternatives, and searching a document with it tries
them all at every character: ENC001 spent most of its time there, on text with no
mojibake. Every alternative needs, at a fixed place, one of a few non-ASCII characters
("Ã", "€", a C1 control...), and a match is at most a few characters long. So the regex
is only run over short windows around those characters, which most documents lack:
the answer is the same, since any match lies in such a window.

The alternatives are read from ftfy's own pattern, so a newer ftfy with other sequences
is followed; a pattern of a shape this module does not expect makes it fall back on
ftfy's own test over the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

try:  # the regex parser is private: Python 3.11 renamed it
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The punctuation of English prose (curly quotes, dashes, the no-break space), the most
# common non-ASCII characters of the text doclint checks: where an alternative of
# ftfy's regex needs one of several characters, the gate takes a class without them
# when it can (accented letters rather than quotes), so that fewer windows are searched.
# Only the speed depends on this list, never the answer.
_COMMON = frozenset("“”‘’–—…\u00a0«»·•")
# Every character the gate can hold lies in these ranges (ftfy's sequences are made of
# Latin-1, Windows-1252, Greek, Cyrillic, box-drawing and a few other characters), and
# the gate holds none of the common punctuation above; a test checks both against the
# installed ftfy. A text with no character of these ranges but the common ones (English
# prose with curly quotes; Chinese, Japanese, Thai) is not bad, and is answered without
# importing ftfy, which costs a one-file run tens of milliseconds.
_GATE_RANGES = ((0x80, 0x25FF), (0xFB01, 0xFB02), (0xFFFD, 0xFFFD))


def _class_of(ranges: tuple[tuple[int, int], ...], without: frozenset[str]) -> str:
    """A regex class of the code points in ``ranges`` (inclusive), less ``without``."""
    parts = []
    for low, high in ranges:
        for skipped in sorted(ord(char) for char in without if low <= ord(char) <= high):
            if low < skipped:
                parts.append((low, skipped - 1))
            low = skipped + 1
        if low <= high:
            parts.append((low, high))
    return "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in parts) + "]"


_MAY_BE_BAD = re.compile(_class_of(_GATE_RANGES, _COMMON))


@cache
def _searcher() -> Callable[[str], bool]:
    from ftfy.badness import BADNESS_RE, is_bad

    plan = _gate_and_reach(BADNESS_RE)
    if plan is None:
        return is_bad
    gate, reach = plan
    search = BADNESS_RE.search

    def looks_bad(text: str) -> bool:
        # Windows of ``reach`` characters either side of each gate character, merged
        # where they overlap; ``search`` with bounds keeps "^" to the real start.
        window_end = -1
        window_start = 0
        for match in gate.finditer(text):
            index = match.start()
            if index - reach > window_end:
                if window_end >= 0 and search(text, window_start, window_end):
                    return True
                window_start = max(0, index - reach)
            window_end = min(len(text), index + reach + 1)
        return window_end >= 0 and search(text, window_start, window_end) is not None

    return looks_bad


def is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``: True when ``text`` looks like it holds mojibake."""
    return _MAY_BE_BAD.search(text) is not None and _searcher()(text)


def _gate_and_reach(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], int] | None:
    """A class of characters every match holds, and the longest match; None if unsure.

    Each alternative of the pattern must be a fixed sequence of characters or classes of
    characters, with at most optional single characters, no lookaround, and one
    position whose class is all non-ASCII characters; that position's class joins the gate.
    """
    if pattern.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # any surprise: fall back on ftfy's own test
        return None
    items = list(tree)
    branch = len(items) == 1 and items[0][0] is sre_constants.BRANCH
    alternatives = items[0][1][1] if branch else [tree]
    gate: set[str] = set()
    reach = 0
    for alternative in alternatives:
        length = 0
        best: set[str] | None = None
        for op, value in alternative:
            if op is sre_constants.MAX_REPEAT or op is sre_constants.MIN_REPEAT:
                _, high, inner = value
                inner = list(inner)
                if high > 1 or len(inner) != 1 or _width(inner[0]) is None:
                    return None
                length += 1
                continue
            width = _width((op, value))
            if width is None:
                return None
            length += width
            chars = _chars((op, value))
            non_ascii = chars is not None and all(ord(char) > 0x7F for char in chars)
            if non_ascii and (best is None or _cost(chars) < _cost(best)):
                best = chars
        if best is None:
            return None
        gate |= best
        reach = max(reach, length)
    body = "".join(re.escape(char) for char in sorted(gate))
    return re.compile(f"[{body}]"), reach


def _width(item: tuple) -> int | None:
    op, value = item
    if op is sre_constants.AT:  # "^" only: a window's end must not look like the text's
        return 0 if value in (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING) else None
    if op in (sre_constants.LITERAL, sre_constants.IN, sre_constants.ANY, sre_constants.NOT_LITERAL):
        return 1
    return None


def _chars(item: tuple) -> set[str] | None:
    op, value = item
    if op is sre_constants.LITERAL:
        return {chr(value)}
    if op is not sre_constants.IN:
        return None
    chars: set[str] = set()
    for kind, argument in value:
        if kind is sre_constants.LITERAL:
            chars.add(chr(argument))
        elif kind is sre_constants.RANGE:
            chars.update(chr(code) for code in range(argument[0], argument[1] + 1))
        else:  # a negated class or a category (\s, \w): not a closed set
            return None
    return chars


def _cost(chars: set[str]) -> tuple[int, int]:
    return len(chars & _COMMON), len(chars)
