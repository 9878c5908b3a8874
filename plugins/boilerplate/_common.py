"""Helpers shared by the boilerplate rules: lines of the prose view."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint import Document
from doclint.text import MASK

LINE = re.compile(r"[^\n]+")
WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def prose_lines(document: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each non-blank line of the prose view, surrounding spaces trimmed.

    Lines that hold masked material (code, a URL, a table) are left out: no boilerplate
    rule judges them.
    """
    prose = document.prose
    for match in LINE.finditer(prose):
        text = match.group()
        stripped = text.strip()
        if not stripped or MASK in stripped:
            continue
        start = match.start() + (len(text) - len(text.lstrip()))
        yield start, start + len(stripped), stripped


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def shown(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
