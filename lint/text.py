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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doclint.models import Document

# A private-use character: not a letter, digit, space or punctuation, so no rule's
# pattern matches it and it reads as neither upper- nor lowercase.
MASK = "\ue000"

# A URL may hold balanced parentheses (wiki/Foo_(bar)) but no brackets, so that it never
# runs on into Markdown's "](" of a nested link; its last character is not punctuation.
_URL_CHAR = r"""[^\s<>"'“”‘’()\[\]]"""
_URL_PARENS = r"\([^\s()<>\[\]]*\)"
URL = re.compile(
    rf"""(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)(?:{_URL_CHAR}|{_URL_PARENS})*(?:[^\s<>"'“”‘’()\[\].,;:!?]|{_URL_PARENS})"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b""",
    re.IGNORECASE,
)
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
INLINE_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>")
LINE_MARKER = re.compile(
    r"[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}(?=[ \t]|$)[ \t]*)?"
)
CONTINUATION_MARKER = re.compile(r"[ \t]*(?:>[ \t]?)*")
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*$")
LONE_CR = re.compile(r"\r(?!\n)")
BLANK_LINES = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*")
NOT_NEWLINE = re.compile(r"[^\n]")
# What a block masks, in order, each with a string it cannot match without (a cheap test
# that skips most scans of plain paragraphs).
INLINE_MARKUP = ((CODE_SPAN, "`"), (AUTOLINK, "<"), (INLINE_HTML, "<"), (LINK_TARGET, "]("), (URL, ""))
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
    prose = URL.sub(_masked, text) if _may_hold_url(text) else text
    bounds = [0]
    for gap in BLANK_LINES.finditer(text):
        bounds.extend(gap.span())
    bounds.append(len(text))
    blocks = (_block(prose, start, end, "paragraph") for start, end in zip(bounds[::2], bounds[1::2], strict=True))
    return Structure(tuple(block for block in blocks if block is not None), prose)


def _analyse_markdown(text: str) -> Structure:
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)

    # Front matter is blanked (not removed) so that token line numbers stay those of the text.
    front = FRONT_MATTER.match(text)
    skipped = text.count("\n", 0, front.end()) + 1 if front else 0
    source = "\n" * skipped + "\n".join(lines[skipped:])
    # markdown-it also breaks lines at a lone CR; doclint counts lines at LF only.
    source = LONE_CR.sub(" ", source)

    chars = list("\n".join(MASK * len(line) for line in lines))
    spans: list[tuple[int, int, str]] = []  # (first line, end line, kind)
    containers: list[str] = []
    for token in _block_parser().parse(source):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            containers.append("list_item")
        elif token.type == "blockquote_open":
            containers.append("quote")
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif token.type in ("paragraph_open", "heading_open") and token.map:
            kind = "heading" if token.type == "heading_open" else (containers[-1] if containers else "paragraph")
            spans.append((token.map[0], token.map[1], kind))
    blocks = [_markdown_block(text, chars, line_starts, lines, *span) for span in spans]
    prose = "".join(chars)
    return Structure(tuple(block for block in blocks if block is not None), prose)


def _markdown_block(
    text: str, chars: list[str], line_starts: list[int], lines: list[str], first: int, stop: int, kind: str
) -> Block | None:
    """Unmask the prose of lines ``first``..``stop`` less their markers; mask inline code and links."""
    for index in range(first, stop):
        line = lines[index].rstrip("\r")
        if kind == "heading" and index > first and SETEXT_UNDERLINE.match(line):
            continue
        marker = (LINE_MARKER if index == first else CONTINUATION_MARKER).match(line).end()
        end = len(line)
        if kind == "heading":
            closing = CLOSING_HASHES.search(line)
            end = closing.start() if closing else end
        start = line_starts[index]
        chars[start + marker : start + end] = text[start + marker : start + end]
    begin = line_starts[first]
    finish = line_starts[stop - 1] + len(lines[stop - 1])
    segment = text[begin:finish]
    for pattern, needed in INLINE_MARKUP:
        if needed not in segment or (pattern is URL and not _may_hold_url(segment)):
            continue
        for match in pattern.finditer(segment):
            # A link target is masked from its "(": the "]" before it is prose.
            start, end = begin + match.start() + (pattern is LINK_TARGET), begin + match.end()
            chars[start:end] = NOT_NEWLINE.sub(MASK, text[start:end])
    block = _block("".join(chars[begin:finish]), 0, finish - begin, kind, shift=begin)
    if block is not None and kind == "heading":  # a heading's closing hashes are markup
        end = block.end
        while end > block.start and chars[end - 1] in (MASK, " ", "\t"):
            end -= 1
        block = Block(block.start, end, kind)
    return block


def _masked(match: re.Match[str]) -> str:
    return MASK * (match.end() - match.start())


def _may_hold_url(text: str) -> bool:
    """False when ``URL`` cannot match: a quick test that saves its scan of most plain prose."""
    return "@" in text or "://" in text or "www." in text.lower()


_parser = None


def _block_parser():
    """One markdown-it parser for the process, with inline parsing off: only block tokens are read."""
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        _parser = MarkdownIt("commonmark").disable("inline")
    return _parser


def _block(prose: str, start: int, end: int, kind: str, shift: int = 0) -> Block | None:
    """The block ``prose[start:end]`` less leading masks and surrounding white space.

    Trailing masks stay: a paragraph that ends in a URL or a code span ends there.
    """
    while start < end and (prose[start].isspace() or prose[start] == MASK):
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Block(start + shift, end + shift, kind) if start < end else None
