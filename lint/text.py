"""The structure of a document that rules share: its blocks and its prose view.

Rules about prose must not look inside a URL, an e-mail address, a code span or a
Markdown link target. ``analyse`` returns the document's blocks (paragraphs, headings,
list items ...) and a *prose view*: a string as long as the text in which everything that
is not prose is replaced by ``MASK`` (newlines are kept), so that a regex run over it finds
prose only and its match offsets are offsets into the text.

Plain text is split into blocks at blank lines, each of kind ``paragraph``: a plain text
file has no markup to tell a heading from a paragraph, and rules judge that themselves.
Markdown is parsed with markdown-it-py; code, HTML, front matter, tables and link
reference definitions are masked, and the markers of headings, lists and block quotes too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from doclint.models import Document

# A private-use character: not a letter, digit, space or punctuation, so no rule's
# pattern matches it and it reads as neither upper- nor lowercase.
MASK = "\ue000"

# A URL may hold balanced parentheses (wiki/Foo_(bar)) but no brackets, so that it never
# runs on into Markdown's "](" of a nested link; its last character is not punctuation.
# Its body is the longest run of URL characters and parenthesised groups that ends in a
# character other than punctuation or in a group, written as repeats of (punctuation, then
# non-punctuation or a group): the same matches as "(?:char|group)*(?:last char|group)", but
# the runs are single-class repeats, which the regex engine steps through several times faster.
_URL_PUNCTUATION = r"[.,;:!?]"
_URL_NON_PUNCTUATION = r"""[^\s<>"'“”‘’()\[\].,;:!?]"""
_URL_PARENS = r"\([^\s()<>\[\]]*\)"
URL = re.compile(
    rf"""(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)(?:{_URL_PUNCTUATION}*(?:{_URL_NON_PUNCTUATION}+|{_URL_PARENS}))+"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b""",
    re.IGNORECASE,
)
# A code span opens with a whole run of backticks. The run's first "`" comes before the
# lookbehind that makes it first (rather than after a "(?<!`)"), so that the regex engine
# skips to each "`" instead of trying every position: 3-4 times faster, same matches.
CODE_SPAN = re.compile(r"(`(?<!``)`*)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
INLINE_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>")
LINE_MARKER = re.compile(
    r"[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}(?=[ \t]|$)[ \t]*)?"
)
# The markers of a block's lines after its first: only where there is one (the lookahead),
# so that no empty span is made for the many lines without.
CONTINUATION_MARKERS = re.compile(r"^(?=[ \t>])[ \t]*(?:>[ \t]?)*", re.MULTILINE)
TRAILING_CRS = re.compile(r"\r+$", re.MULTILINE)  # what str.rstrip("\r") takes off each line
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*$")
BLANK_LINES = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*")
# What a block masks besides URLs, each with a string it cannot match without (a cheap
# test that skips most scans of plain paragraphs).
INLINE_MARKUP = ((CODE_SPAN, "`"), (AUTOLINK, "<"), (INLINE_HTML, "<"), (LINK_TARGET, "]("))
# What every match of URL holds (its anchors): a scheme's "://", "www." or an e-mail
# address's "@".
SCHEME_END = re.compile("://")
AT_SIGN = re.compile("@")
WWW = re.compile(r"www\.", re.IGNORECASE)
SPACE = re.compile(r"\s")
# What a block's start skips (``\s`` is exactly what ``str.isspace`` and ``str.strip`` take as space).
LEADING_NON_PROSE = re.compile(rf"[\s{MASK}]*")
FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*\r?$", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """A run of text that stands on its own: offsets ``[start, end)`` into the text.

    ``kind`` is ``paragraph``, ``heading``, ``list_item`` or ``quote`` (a paragraph in a
    block quote); plain text has only paragraphs. ``start`` and ``end`` exclude markup
    markers and surrounding white space.
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Structure:
    blocks: tuple[Block, ...]
    prose: str


def analyse(document: Document) -> Structure:
    if document.is_markdown:
        return _analyse_markdown(document.text)
    return _analyse_plain(document.text)


def _analyse_plain(text: str) -> Structure:
    pieces: list[str] = []
    done = 0
    for url in find_urls(text):
        pieces += (text[done : url.start()], MASK * (url.end() - url.start()))
        done = url.end()
    prose = "".join((*pieces, text[done:])) if pieces else text
    bounds = [0]
    for gap in BLANK_LINES.finditer(text):
        bounds.extend(gap.span())
    bounds.append(len(text))
    blocks = (_block(prose, start, end, "paragraph") for start, end in zip(bounds[::2], bounds[1::2], strict=True))
    return Structure(tuple(block for block in blocks if block is not None), prose)


def _analyse_markdown(text: str) -> Structure:
    lines = text.split("\n")
    line_starts = list(accumulate(map(add, map(len, lines[:-1]), repeat(1)), initial=0))
    spans = _block_spans(markdown_source(text, lines))

    # What is not prose is gathered as spans of the text (the lines outside blocks, and in
    # blocks their markup), then the prose is pieced together in one pass from slices of the
    # text and of its all-masked view. URLs and trailing CRs are found in one pass over the
    # text each: those outside blocks fall in masked lines anyway, and a block's are the
    # same in the text as in its lines (a URL lies within a line; so do a line's CRs).
    hidden = [match.span() for match in find_urls(text)]
    if "\r" in text:
        hidden += [match.span() for match in TRAILING_CRS.finditer(text)]
    ranges: list[tuple[int, int, str]] = []
    done = 0
    for first, stop, kind in spans:  # in the order of their lines, sharing none
        begin = line_starts[first]
        finish = line_starts[stop - 1] + len(lines[stop - 1])
        hidden.append((done, begin))
        hidden += _markup(text, begin, finish, lines[first])
        if kind == "heading":
            hidden += _heading_markup(lines, line_starts, first, stop)
        ranges.append((begin, finish, kind))
        done = finish
    hidden.append((done, len(text)))
    prose = _masking(text, "\n".join(map(MASK.__mul__, map(len, lines))), hidden)
    blocks = (_markdown_block(prose, begin, finish, kind) for begin, finish, kind in ranges)
    return Structure(tuple(block for block in blocks if block is not None), prose)


def _markdown_block(prose: str, begin: int, finish: int, kind: str) -> Block | None:
    """The block of the lines ``prose[begin:finish]``."""
    block = _block(prose, begin, finish, kind)
    if block is not None and kind == "heading":  # a heading's closing hashes are markup
        heading = prose[block.start : block.end].rstrip(MASK + " \t")
        block = Block(block.start, block.start + len(heading), kind)
    return block


def _markup(text: str, begin: int, finish: int, first_line: str) -> list[tuple[int, int]]:
    """The spans of the block ``text[begin:finish]`` (whole lines) that are not prose, in any order.

    They are the first line's marker (matched before its trailing CRs, as ``$`` must see
    the end of the line), the other lines' markers, and inline code, HTML and link targets.
    Each pattern runs on ``text`` from ``begin`` to ``finish`` and finds there what it finds
    in the block's lines alone: a pattern sees the text end at ``finish``, and the newline
    before ``begin`` satisfies no lookbehind (they look for backticks). A newline may fall
    in a span or between them: the text and its all-masked view hold the same newlines.
    """
    marker = LINE_MARKER.match(text, begin, begin + len(first_line.rstrip("\r"))).end()
    hidden = [(begin, marker)] if marker > begin else []
    line_break = begin + len(first_line)
    if line_break < finish:
        hidden += [match.span() for match in CONTINUATION_MARKERS.finditer(text, line_break + 1, finish)]
    for pattern, needed in INLINE_MARKUP:
        if text.find(needed, begin, finish) >= 0:
            if pattern is LINK_TARGET:  # a link target is masked from its "(": the "]" before it is prose
                hidden += [(match.start() + 1, match.end()) for match in pattern.finditer(text, begin, finish)]
            else:
                hidden += [match.span() for match in pattern.finditer(text, begin, finish)]
    return hidden


def _heading_markup(lines: list[str], line_starts: list[int], first: int, stop: int) -> list[tuple[int, int]]:
    """The closing hashes and setext underline of the heading on lines ``first``..``stop``."""
    hidden = []
    for index in range(first, stop):
        line = lines[index].rstrip("\r")
        start = line_starts[index]
        if index > first and SETEXT_UNDERLINE.match(line):
            hidden.append((start, start + len(line)))
        elif closing := CLOSING_HASHES.search(line):
            hidden.append((start + closing.start(), start + len(line)))
    return hidden


def _masking(text: str, masked: str, hidden: list[tuple[int, int]]) -> str:
    """``text`` with the spans ``hidden`` (any order, may overlap) taken from ``masked``.

    The prose is pieced together from slices rather than from a list of its characters,
    a str object per character (~80 bytes).
    """
    hidden.sort()
    pieces: list[str] = []
    done = 0
    for start, end in hidden:
        if end > done:
            start = max(start, done)
            pieces += (text[done:start], masked[start:end])
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def find_urls(text: str) -> Iterator[re.Match[str]]:
    """``URL.finditer(text)``, with ``URL`` tried only on the words that hold an anchor.

    A match holds no white space and an anchor, so none starts before the word of the next
    anchor, and every match that starts in that word ends in it: matching within the word
    (which ends at white space, a non-word character like the end of the text) finds the
    same matches as a scan of the text at every position, at a fraction of its cost.
    """
    done = 0
    for anchor in _url_anchors(text):
        if anchor < done:  # in a word already matched
            continue
        start = anchor
        while start > done and not text[start - 1].isspace():
            start -= 1
        space = SPACE.search(text, anchor)  # an anchor holds no white space
        done = space.start() if space else len(text)
        yield from URL.finditer(text, start, done)


def _url_anchors(text: str) -> list[int]:
    """Where a URL's anchor ("://", "www." in any case, "@") starts in ``text``, in order.

    Each anchor is searched for on its own: "://" and "@" as literals, which the regex engine
    finds at the speed of ``str.find`` (one pattern of the three would be tried at every
    position), and "www." only when the text's UTF-8 bytes hold it in any case: it is
    ASCII, so its bytes occur in the encoding only where its characters occur in the text,
    and ``bytes.lower`` folds exactly the "W" that ``WWW`` takes for a "w" (no other
    character folds to "w" or ".").
    ``bytes.lower`` is several times faster than ``str.lower`` on text that is not ASCII.
    No anchor overlaps another occurrence of itself, and no two start alike.
    """
    anchors = [match.start() for match in SCHEME_END.finditer(text)]
    anchors += [match.start() for match in AT_SIGN.finditer(text)]
    if b"www." in text.encode("utf-8", "surrogatepass").lower():
        anchors += [match.start() for match in WWW.finditer(text)]
    anchors.sort()  # two or three runs of sorted offsets: linear
    return anchors


def markdown_source(text: str, lines: list[str]) -> str:
    """The text as markdown-it is to read it, with the lines of ``text.split("\\n")`` (``lines``)."""
    # Front matter is blanked (not removed) so that token line numbers stay those of the text.
    front = FRONT_MATTER.match(text)
    skipped = text.count("\n", 0, front.end()) + 1 if front else 0
    source = "\n" * skipped + "\n".join(lines[skipped:]) if skipped else text
    # markdown-it breaks lines at a lone CR too; doclint counts lines at LF only, so a lone
    # CR is read as a space. The rest is what markdown-it's "normalize" (a core rule, not
    # run: the block parser is called directly) does: CRLF to LF and NUL to U+FFFD.
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", " ")
    if "\0" in source:
        source = source.replace("\0", "\ufffd")
    return source


# The tokens that open or close a container of paragraphs, and the kind of its paragraphs.
_CONTAINER_OPEN = {"bullet_list_open": "list_item", "ordered_list_open": "list_item", "blockquote_open": "quote"}
_CONTAINER_CLOSE = frozenset({"bullet_list_close", "ordered_list_close", "blockquote_close"})


def _block_spans(source: str) -> list[tuple[int, int, str]]:
    """The paragraphs and headings of the Markdown ``source``: (first line, end line, kind), in order."""
    parser = _block_parser()
    tokens: list[Token] = []
    parser.block.parse(source, parser, {}, tokens)
    spans: list[tuple[int, int, str]] = []
    containers: list[str] = []
    for token in tokens:
        if token.type == "paragraph_open" and token.map:
            spans.append((token.map[0], token.map[1], containers[-1] if containers else "paragraph"))
        elif token.type == "heading_open" and token.map:
            spans.append((token.map[0], token.map[1], "heading"))
        elif token.type in _CONTAINER_OPEN:
            containers.append(_CONTAINER_OPEN[token.type])
        elif token.type in _CONTAINER_CLOSE:
            containers.pop()
    return spans


_parser = None


def _block_parser() -> MarkdownIt:
    """One markdown-it parser for the process, of which only the block parser is run.

    ``MarkdownIt.parse`` would run the core chain: "normalize" (done by ``markdown_source``),
    "block", and "inline" and "text_join", which make and join inline tokens that are never read.
    ``md.block.parse`` (``ParserBlock.parse``, public) runs the block rules alone.
    """
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        _parser = MarkdownIt("commonmark")
    return _parser


def _block(prose: str, start: int, end: int, kind: str) -> Block | None:
    """The block ``prose[start:end]`` less leading masks and surrounding white space.

    Trailing masks stay: a paragraph that ends in a URL or a code span ends there.
    """
    if start < end and (prose[start].isspace() or prose[start] == MASK):  # most blocks start with prose
        start = LEADING_NON_PROSE.match(prose, start, end).end()
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Block(start, end, kind) if start < end else None
