"""Helpers shared by the boilerplate rules: lines of the prose view."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from doclint import Document
from doclint.text import MASK

WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def lines_at(document: Document, positions: Iterable[int]) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each line of the prose view that holds any of ``positions``, in order, each once.

    Lines are trimmed of surrounding spaces; blank lines and lines that hold masked
    material (code, a URL, a table) are left out: no boilerplate rule judges them.

    A rule whose lines must contain some phrase or character finds them with one search
    over the prose and reads only those lines, not every line of the document.
    """
    prose = document.prose
    for start in sorted({prose.rfind("\n", 0, position) + 1 for position in positions}):
        end = prose.find("\n", start)
        line = _line(start, prose[start : len(prose) if end < 0 else end])
        if line is not None:
            yield line


def _line(start: int, text: str) -> tuple[int, int, str] | None:
    stripped = text.strip()
    if not stripped or MASK in stripped:
        return None
    start += len(text) - len(text.lstrip())
    return start, start + len(stripped), stripped


# re.IGNORECASE matches these with ASCII letters, which str.lower() keeps apart (or, for
# 'İ', turns into two characters); no other character lowers to, or matches, an ASCII letter.
_LETTERS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def folded(text: str) -> str:
    """``text`` lowercased so that ASCII letters compare as under re.IGNORECASE; offsets hold."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_LETTERS)
    return text.lower()


# (document, its folded prose): BOI002 and BOI004 search the same document one after the other.
_last_folded: list = [None, ""]


# The characters str.lower() (with _LETTERS) turns into an ASCII letter: "İ", "ı", "ſ"
# and U+212A KELVIN SIGN ("k").
_LOWER_TO_ASCII = ("İ", "ı", "ſ", "\u212a")


def folded_prose(document: Document) -> str:
    """The prose folded for finding ASCII needles (letters and spaces) in it, as they
    would be found in ``folded(document.prose)``; computed once for the document the
    rules are checking.

    What a non-ASCII character folds to matters only when it folds to an ASCII letter:
    where the prose holds none of those, each non-ASCII character becomes one "?" (so
    offsets hold, and no needle matches it) and the ASCII text is lowered, several
    times faster than str.lower() on the whole prose.
    """
    if _last_folded[0] is not document:
        prose = document.prose
        if any(char in prose for char in _LOWER_TO_ASCII):
            text = folded(prose)
        else:
            text = prose.encode("ascii", "replace").lower().decode("ascii")
        _last_folded[:] = [document, text]
    return _last_folded[1]


def find_all(text: str, needles: Iterable[str]) -> list[int]:
    """Where each needle occurs in ``text`` (str.find: far faster than a regex alternation)."""
    found = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + 1)
    return found


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def shown(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
