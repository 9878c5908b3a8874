"""Helpers the encoding rules share: where prose is, and how to show odd characters."""

from __future__ import annotations

import unicodedata

from doclint.models import Document
from doclint.text import MASK


def is_masked(doc: Document, offset: int) -> bool:
    """True when ``offset`` lies in code, a URL or markup rather than prose."""
    return doc.prose[offset] == MASK and doc.text[offset] != MASK


def span_is_prose(doc: Document, start: int, end: int) -> bool:
    """True when no character of ``[start, end)`` is masked out of the prose view."""
    prose = doc.prose
    text = doc.text
    return all(prose[i] != MASK or text[i] == MASK for i in range(start, end))


def show(text: str) -> str:
    """``text`` in single quotes, with invisible and control characters spelt out."""
    parts = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\t\n\r" or category in ("Cc", "Cf", "Zl", "Zp") or char == "\xa0":
            parts.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            parts.append(char)
    return "'" + "".join(parts) + "'"


def char_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point and its Unicode name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()
