"""Helpers the encoding rules share: where prose is, and how to show odd characters."""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from doclint.models import Document
from doclint.text import MASK

# Formats in which a backslash escape is the format's own syntax, not export residue.
BACKSLASH_MARKUP = frozenset({".md", ".markdown", ".mdown", ".mkd", ".rst", ".tex", ".latex"})
# Formats in which character references and tags are the format's own syntax.
HTML_MARKUP = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".xml", ".svg"})


_LONE_CR = re.compile(r"\r(?!\n)")
_PROSE: weakref.WeakKeyDictionary[Document, str] = weakref.WeakKeyDictionary()


def prose_of(doc: Document) -> str:
    """``doc.prose``, as it reads once the safe fixes of ENC013, ENC008 and ENC009 are made.

    The core breaks lines at LF only, so a CR-only Markdown file is one line (an indented
    code block, when it starts with a tab); once ENC013 fixes its line endings, its
    paragraphs appear. And a removable character can split Markdown's marks: two
    backticks, U+001F and a backtick are no run of three. So the prose is that of the
    text with a lone CR read as a line break and, where their removal may unmask prose,
    without the REMOVABLE characters, which are put back where they were: the prose view
    must be the same before and after those fixes.
    """
    prose = _PROSE.get(doc)
    if prose is None:
        text = doc.text
        shadow = _LONE_CR.sub("\n", text) if "\r" in text and _LONE_CR.search(text) else text
        removed = removable_at(doc)
        if removed and not _removal_may_unmask(doc, removed):
            removed = []
        if removed:
            shadow = REMOVABLE.sub("", shadow)
        prose = doc.prose if shadow is text else Document(doc.path, shadow, doc.decoding).prose
        if removed:
            prose = _put_back(prose, text, removed)
        _PROSE[doc] = prose
    return prose


_REMOVABLE_AT: weakref.WeakKeyDictionary[Document, list[int]] = weakref.WeakKeyDictionary()


def removable_at(doc: Document) -> list[int]:
    """The offsets of the REMOVABLE characters in the document's text, found once."""
    found = _REMOVABLE_AT.get(doc)
    if found is None:
        found = _REMOVABLE_AT[doc] = [match.start() for match in REMOVABLE.finditer(doc.text)]
    return found


def _removal_may_unmask(doc: Document, removed: list[int]) -> bool:
    """True when removing the REMOVABLE characters (at ``removed``) may make prose of text masked before.

    A removal can undo a URL or an e-mail address where it joins their first character
    to a letter before ("x\u200bwww.site.com" holds no word boundary before "www" once
    U+200B goes): a run of removable characters in a word that holds "://", "@" or
    "www." counts. In Markdown a removal can also undo markup (a run of backticks, a
    closing fence at a line's start, a blank line that ends an HTML block), which needs
    a character other than a letter or a digit beside the removed ones. The case this
    leaves out: one inside the name of the tag that closes a script, pre, style or
    textarea block.
    """
    text = doc.text
    anchored = _URL_ANCHOR.search(text) is not None
    for start, end in _runs(removed):
        between_letters = start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
        if (doc.is_markdown and not between_letters) or (
            anchored and _URL_ANCHOR.search(_word_around(text, start, end))
        ):
            return True
    return False


def _runs(offsets: list[int]) -> Iterator[tuple[int, int]]:
    """The ``[start, end)`` of each run of consecutive ``offsets`` (in order)."""
    start = end = offsets[0]
    for offset in offsets[1:]:
        if offset != end + 1:
            yield start, end + 1
            start = offset
        end = offset
    yield start, end + 1


def _word_around(text: str, start: int, end: int) -> str:
    """The characters up to white space either side of ``[start, end)``, at most a URL's length."""
    before = start
    while before > max(0, start - _LONGEST_URL) and not text[before - 1].isspace():
        before -= 1
    after = end
    while after < min(len(text), end + _LONGEST_URL) and not text[after].isspace():
        after += 1
    return text[before:after]


def _put_back(prose: str, text: str, removed: list[int]) -> str:
    """``prose`` of the text less the characters at ``removed``, with those characters of ``text`` put back."""
    pieces = []
    done = 0  # in prose
    for count, index in enumerate(removed):
        pieces += (prose[done : index - count], text[index])
        done = index - count
    pieces.append(prose[done:])
    return "".join(pieces)


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
_REMOVABLE_RUN = re.compile(REMOVABLE.pattern + "*")  # as many as stand in a row, maybe none
# What every URL or e-mail address holds (see ``doclint.text.URL``), and how far to look for it.
_URL_ANCHOR = re.compile(r"://|@|www\.", re.IGNORECASE)
_LONGEST_URL = 2048
# The same less U+00AD SOFT HYPHEN, which is also the Latin-1 reading of the byte 0xAD
# that UTF-8 sequences hold ("ä¸\xad" for "中"): ftfy must see it.
C1 = re.compile("[\x80-\x9f]")
INVISIBLE_TO_FTFY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u180e\u2061-\u2064]")
# The characters of C1 and INVISIBLE_TO_FTFY one by one, for holds_any (a test checks them).
C1_CHARS = "".join(chr(code) for code in range(0x80, 0xA0))
INVISIBLE_TO_FTFY_CHARS = "".join(chr(code) for code in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]) + (
    "\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"
)


# Zero-width and invisible characters ENC009 finds, unless invisible_needed says they do a job.
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061-\u2064]")
ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064"

# Scripts written without spaces, where U+200B and U+2060 mark where a line may break:
# Thai, Lao, Tibetan, Myanmar, Khmer, and CJK (kana, ideographs, Hangul).
# Ranges, not a regex: a class this wide takes the regex compiler milliseconds at start-up.
_SPACELESS = (
    ("\u0e00", "\u0fff"),
    ("\u1000", "\u109f"),
    ("\u1780", "\u17ff"),
    ("\u3000", "\u9fff"),
    ("\uac00", "\ud7af"),
    ("\uf900", "\ufaff"),
)


def _spaceless(char: str) -> bool:
    return any(low <= char <= high for low, high in _SPACELESS)


def _needs_joiner_control(before: str, after: str) -> bool:
    """True when ZWJ or ZWNJ sits where a script or an emoji sequence uses it.

    Emoji sequences (👩‍💻, ❤️‍🔥) and the scripts that shape joined letters (Arabic, Persian,
    Hebrew, Syriac, the Indic scripts and others) all lie above U+0590; Latin, Greek and
    Cyrillic lie below and never need one.
    """
    return any(char and (ord(char) >= 0x0590 or char in "\ufe0f\u200d") for char in (before, after))


def invisible_needed(char: str, before: str, after: str) -> bool:
    """True when the invisible ``char`` does a job between the characters ``before`` and ``after``.

    U+200B and U+2060 mark line breaks in scripts written without spaces, U+180E separates
    Mongolian vowels, and ZWJ and ZWNJ join or part letters and emoji. ENC009 leaves these.
    """
    if char in "\u200b\u2060":
        return _spaceless(before) or _spaceless(after)
    if char == "\u180e":
        return "\u1800" <= before <= "\u18af" or "\u1800" <= after <= "\u18af"
    if char in "\u200c\u200d":
        return _needs_joiner_control(before, after)
    return False


def visible_neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The nearest characters either side of ``[start, end)`` that are not REMOVABLE (or "").

    An invisible character is judged by what a reader sees around it: the others beside
    it ("\u200d\u200b") do no job of their own, and may go in the same round.
    """
    return neighbours(text, removable_span(text, start, end))


def removable_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened over the REMOVABLE characters either side of it."""
    while start > 0 and REMOVABLE.match(text, start - 1):
        start -= 1
    return start, _REMOVABLE_RUN.match(text, end).end()


def neighbours(text: str, span: tuple[int, int]) -> tuple[str, str]:
    """The characters just before and just after ``span`` (or "" at the text's ends)."""
    start, end = span
    return (text[start - 1] if start > 0 else "", text[end] if end < len(text) else "")


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
    """A text less some of its characters, and where each of the others came from."""

    text: str
    origins: tuple[int, ...] | None  # None: nothing was removed, offsets are the same

    @classmethod
    def without(cls, text: str, dropped: Iterable[int]) -> View:
        """``text`` less the characters at the offsets ``dropped`` (in order, no repeats)."""
        kept = []  # the spans between dropped characters; the text is sliced, not walked
        start = 0
        for index in dropped:
            kept.append((start, index))
            start = index + 1
        if not kept:
            return cls(text, None)
        kept.append((start, len(text)))
        origins = tuple(chain.from_iterable(range(begin, end) for begin, end in kept))
        return cls("".join(text[begin:end] for begin, end in kept), origins)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the text of the view's ``[start, end)`` (``end > start``)."""
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
        if not removable_at(doc) and not C1.search(text):
            view = View(prose, None)
        else:
            from doclint.plugins.encoding.invisible import c1_goes_safely  # it needs this module

            dropped = set(removable_at(doc))
            dropped.update(match.start() for match in C1.finditer(text) if c1_goes_safely(doc, match.start()))
            view = View.without(prose, sorted(dropped))
        _VIEWS[doc] = view
    return view


# A run of literal "\\n", "\\r" and "\\t" that ENC007 turns into line breaks and tabs:
# only when what follows could start a line (a capital, a quote, another escape, the
# end of a line), not a lowercase letter, a digit, a space or closing punctuation, so
# that "\\newcommand", "\\nu" and "\\theta" (LaTeX) and "separated by \\n characters"
# (prose about the escape) are left alone.
ESCAPED_BREAKS = r"(?<!\\)(?:\\[rnt])+(?=[^a-z0-9 \t\n.,;:!?)\]}/`|+=*_-]|$)"

# Where ftfy's lines end once the fixes are made, besides the line breaks: at a run of
# literal escapes holding a "\\n" or "\\r" (ENC007 makes it a line break).
ESCAPED_LINE_BREAK = re.compile(ESCAPED_BREAKS.replace(r"(?:\\[rnt])+", r"(?:\\t)*\\[rn](?:\\[rnt])*"), re.MULTILINE)
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def lines(text: str, prose: str | None = None) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each line of ``text``, as ftfy will see them after the fixes.

    A run of literal escapes ends a line where ENC007 reads one in ``prose``, the text's
    prose (``prose_of``; the text itself when None): not in a code span or a URL, and
    through the REMOVABLE characters (a backslash, U+001F and "r" become a line break in
    the round of fixes that removes U+001F).
    """
    start = 0
    breaks = (match.span() for match in LINE_BREAK.finditer(text))
    if "\\" in text:
        breaks = heapq.merge(breaks, _escaped_line_breaks(text if prose is None else prose))
    for line_end, after in breaks:
        if line_end > start:
            yield start, line_end
        start = after
    if start < len(text):
        yield start, len(text)


def _escaped_line_breaks(prose: str) -> list[tuple[int, int]]:
    """The spans of ``prose`` that ENC007 makes line breaks, read through the REMOVABLE characters."""
    view = View.without(prose, (match.start() for match in REMOVABLE.finditer(prose)))
    return [view.span(*match.span()) for match in ESCAPED_LINE_BREAK.finditer(view.text)]


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


def span_holding(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of ``spans`` (in order, none overlapping another) that holds ``offset``, found by bisection."""
    index = bisect.bisect_right(spans, offset, key=itemgetter(0)) - 1
    return spans[index] if index >= 0 and offset < spans[index][1] else None
