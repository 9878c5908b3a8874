"""Paragraph-level facts the quotation rules share."""

from __future__ import annotations

from doclint import Document
from doclint.text import MASK

# A paragraph that ends in one of these (possibly followed by closing quotes or brackets)
# ends a sentence; anything else, followed by a paragraph that starts in lowercase, is a
# paragraph broken mid-sentence: the truncation family's finding, not ours.
TERMINAL = ".!?:;…。！？"
TRAILING = "\"'”’»」』)]*_" + MASK


def first_char(prose: str, start: int, end: int) -> str:
    """The first character of ``prose[start:end]`` that is not white space or a mask."""
    for index in range(start, end):
        char = prose[index]
        if not char.isspace() and char != MASK:
            return char
    return ""


# Enough of a paragraph's end to hold its last character before the closing marks and
# white space: the paragraph is only copied whole when the window holds nothing else.
END_WINDOW = 64


def ends_sentence(prose: str, start: int, end: int) -> bool:
    """True when ``prose[start:end]`` ends with terminal punctuation (quotes and brackets aside)."""
    if end > start and prose[end - 1] in TERMINAL:
        return True  # most paragraphs: nothing to strip (no terminal mark is a trailing one)
    tail = prose[max(start, end - END_WINDOW) : end].rstrip(TRAILING + " \t\r\n")
    if not tail and end - END_WINDOW > start:
        tail = prose[start:end].rstrip(TRAILING + " \t\r\n")
    return bool(tail) and tail[-1] in TERMINAL


def broken_mid_sentence(document: Document, index: int) -> bool:
    """True when block ``index`` ends without terminal punctuation and the next goes on in lowercase."""
    blocks = document.blocks
    if index + 1 >= len(blocks):
        return False
    prose = document.prose
    block = blocks[index]
    tail = prose[block.start : block.end].rstrip(TRAILING + " \t\r\n")
    if not tail or tail[-1] in TERMINAL:
        return False
    if tail[-1] in ",-–—":
        return True
    following = blocks[index + 1]
    head = prose[following.start : following.end].lstrip("\"'“‘«„" + MASK + " \t")
    return bool(head) and (head[0].islower() or head[0] in ",;")
