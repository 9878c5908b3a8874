"""Helpers the encoding rules share: where prose is, and how to show odd characters."""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from doclint.models import Document
from doclint.text import MASK

# Formats in which a backslash escape is the format's own syntax, not export residue.
BACKSLASH_MARKUP = frozenset({".md", ".markdown", ".mdown", ".mkd", ".rst", ".tex", ".latex"})
# Formats in which character references and tags are the format's own syntax.
HTML_MARKUP = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".xml", ".svg"})


_LONE_CR = re.compile(r"\r(?!\n)")
_PROSE: weakref.WeakKeyDictionary[Document, str] = weakref.WeakKeyDictionary()


def prose_of(doc: Document) -> str:
    """``doc.prose``, with a lone CR read as the line break ENC013's fix makes of it.

    The core breaks lines at LF only, so a CR-only Markdown file is one line (an indented
    code block, when it starts with a tab); once ENC013 fixes its line endings, its
    paragraphs appear. The prose view must be the same before and after that fix.
    """
    prose = _PROSE.get(doc)
    if prose is None:
        if "\r" in doc.text and _LONE_CR.search(doc.text):
            shadow = Document(doc.path, _LONE_CR.sub("\n", doc.text), doc.decoding)
            prose = shadow.prose
        else:
            prose = doc.prose
        _PROSE[doc] = prose
    return prose


def span_is_prose(doc: Document, start: int, end: int) -> bool:
    """True when no character of ``[start, end)`` is masked out of the prose view."""
    prose = prose_of(doc)
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


def line_break(text: str) -> str:
    """The line ending ENC013 leaves: CRLF when more line feeds follow a CR than not."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf * 2 > text.count("\n") else "\n"


# Characters ENC008 and ENC009 remove (C0 controls but tab and line breaks, DEL, zero-width
# and soft-hyphen characters). The pattern rules look through them, so that removing one
# never makes a new finding appear: "\\\u200b$" is an escaped dollar before and after.
REMOVABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad\u180e\u2061-\u2064]")
# The same less U+00AD SOFT HYPHEN, which is also the Latin-1 reading of the byte 0xAD
# that UTF-8 sequences hold ("ä¸\xad" for "中"): ftfy must see it.
C1 = re.compile("[\x80-\x9f]")
INVISIBLE_TO_FTFY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u180e\u2061-\u2064]")
# The characters of C1 and INVISIBLE_TO_FTFY one by one, for holds_any (a test checks them).
C1_CHARS = "".join(chr(code) for code in range(0x80, 0xA0))
INVISIBLE_TO_FTFY_CHARS = "".join(chr(code) for code in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]) + (
    "\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"
)


def holds_any(text: str, chars: str) -> bool:
    """True when ``text`` holds one of ``chars``.

    A plain search for each character is far faster than a regex of a character class,
    which tries every position: the rules ask this first about the rare characters.
    """
    return any(char in text for char in chars)


def ascii_around(text: str, index: int, gone: Callable[[int], bool] | None = None) -> bool:
    """True when the characters either side of ``index`` are ASCII (or the text's ends).

    Characters that go in the same round of fixes are looked past: the REMOVABLE ones,
    and those ``gone`` says go. Mojibake needs non-ASCII characters side by side (or one
    and a space), so an edit between ASCII characters cannot make any.
    """
    before = index - 1
    while before >= 0 and (REMOVABLE.match(text[before]) or (gone is not None and gone(before))):
        before -= 1
    after = index + 1
    while after < len(text) and (REMOVABLE.match(text[after]) or (gone is not None and gone(after))):
        after += 1
    return (before < 0 or text[before].isascii()) and (after >= len(text) or text[after].isascii())


@dataclass(frozen=True)
class View:
    """The prose of a document less the removable characters, and where each came from."""

    text: str
    origins: tuple[int, ...] | None  # None: nothing was removed, offsets are the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the document of the view's ``[start, end)`` (``end > start``)."""
        if self.origins is None:
            return start, end
        return self.origins[start], self.origins[end - 1] + 1


_VIEWS: weakref.WeakKeyDictionary[Document, View] = weakref.WeakKeyDictionary()


def prose_view(doc: Document) -> View:
    """``doc.prose`` without the characters the safe fixes remove, cached per document.

    Those are the REMOVABLE characters and the C1 controls ENC008 safely removes.
    """
    view = _VIEWS.get(doc)
    if view is None:
        prose = prose_of(doc)
        text = doc.text
        if not REMOVABLE.search(text) and not C1.search(text):
            view = View(prose, None)
        else:
            from doclint.plugins.encoding.invisible import c1_goes_safely  # it needs this module

            dropped = {match.start() for match in REMOVABLE.finditer(text)}
            dropped.update(match.start() for match in C1.finditer(text) if c1_goes_safely(doc, match.start()))
            kept = []  # the spans between dropped characters, found without a walk through every character
            start = 0
            for index in sorted(dropped):
                kept.append((start, index))
                start = index + 1
            kept.append((start, len(text)))
            origins = tuple(chain.from_iterable(range(begin, end) for begin, end in kept))
            view = View("".join(prose[begin:end] for begin, end in kept), origins)
        _VIEWS[doc] = view
    return view


# A run of literal "\\n", "\\r" and "\\t" that ENC007 turns into line breaks and tabs:
# only when what follows could start a line (a capital, a quote, another escape, the
# end of a line), not a lowercase letter, a digit, a space or closing punctuation, so
# that "\\newcommand", "\\nu" and "\\theta" (LaTeX) and "separated by \\n characters"
# (prose about the escape) are left alone.
ESCAPED_BREAKS = r"(?<!\\)(?:\\[rnt])+(?=[^a-z0-9 \t\n.,;:!?)\]}/`|+=*_-]|$)"

# Where ftfy's lines end once the fixes are made: at a line break, and at a run of
# literal escapes holding a "\\n" or "\\r" (ENC007 makes it a line break).
LINE_END = re.compile(
    r"\r\n|\r|\n|" + ESCAPED_BREAKS.replace(r"(?:\\[rnt])+", r"(?:\\t)*\\[rn](?:\\[rnt])*"), re.MULTILINE
)

_PLAIN_LINE_END = re.compile(r"\r\n|\r|\n")  # LINE_END where the text has no backslash


def lines(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each line of ``text``, as ftfy will see them after the fixes."""
    start = 0
    for match in (LINE_END if "\\" in text else _PLAIN_LINE_END).finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


# A base character and the combining marks after it; NFC may compose them. Only Latin,
# Greek and Cyrillic bases count (below U+0590): other scripts' normalization involves
# composition exclusions and mark order (Hebrew points, Devanagari nukta).
DECOMPOSED = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)


def composes(cluster: str) -> bool:
    """True when ENC014 composes ``cluster``, a DECOMPOSED match."""
    return ord(cluster[0]) < 0x0590 and cluster[0].isalpha() and unicodedata.normalize("NFC", cluster) != cluster


def compose(text: str) -> str:
    """``text`` with the clusters ENC014 composes in NFC."""
    return DECOMPOSED.sub(lambda m: unicodedata.normalize("NFC", m.group()) if composes(m.group()) else m.group(), text)
