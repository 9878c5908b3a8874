"""Suppression comments in Markdown: ``<!-- doclint: disable=CODE -->`` and friends.

A document's text is its data, so plain text files cannot carry suppressions; Markdown
hides HTML comments when rendered, so there doclint honours them, as Vale and
markdownlint do::

    <!-- doclint: disable=QUO001,PUN -->   from here on, these codes (or prefixes) are off
    <!-- doclint: enable=QUO001 -->        from here on, QUO001 is on again
    <!-- doclint: disable -->              every rule off (``enable`` turns all back on)
    <!-- doclint: disable-next-line=ENC004 -->

The last directive before a finding that names its code decides. A comment inside a code
span or code block is text, not a directive.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from doclint.models import Document
from doclint.registry import ALL, matches
from doclint.text import CODE_SPAN

DIRECTIVE = re.compile(
    r"<!--[ \t]*doclint:[ \t]*(?P<action>disable-next-line|disable|enable)\b"
    r"(?:[ \t]*=[ \t]*(?P<codes>[A-Za-z0-9, \t]*?))?[ \t]*-->"
)


@dataclass(frozen=True)
class Directive:
    offset: int  # where the comment ends: it applies to findings from here on
    line: int  # the 1-based line the comment ends on
    action: str
    codes: tuple[str, ...]  # selectors; ("ALL",) when none are named

    def names(self, code: str) -> bool:
        return matches(code, self.codes)


_cache: weakref.WeakKeyDictionary[Document, tuple[Directive, ...]] = weakref.WeakKeyDictionary()


def directives(document: Document) -> tuple[Directive, ...]:
    """The suppression directives of a Markdown document, in order (none for plain text)."""
    found = _cache.get(document)
    if found is None:
        found = _find(document) if document.is_markdown and "doclint:" in document.text else ()
        _cache[document] = found
    return found


def suppressed(document: Document, code: str, offset: int) -> bool:
    """Whether a finding of ``code`` starting at ``offset`` is switched off by a comment."""
    found = directives(document)
    if not found:
        return False
    off = False
    line = None
    for directive in found:
        if directive.action == "disable-next-line":
            if directive.offset <= offset and directive.names(code):
                line = line or document.position(offset)[0]
                if line == directive.line + 1:
                    return True
            continue
        if directive.offset > offset:
            break
        if directive.names(code):
            off = directive.action == "disable"
    return off


def _find(document: Document) -> tuple[Directive, ...]:
    text = document.text
    allowed = _comment_ranges(document)
    found = []
    for match in DIRECTIVE.finditer(text):
        if not any(start <= match.start() and match.end() <= end for start, end in allowed):
            continue
        codes = tuple(code.strip().upper() for code in (match.group("codes") or "").split(",") if code.strip())
        found.append(Directive(match.end(), document.position(match.end())[0], match.group("action"), codes or (ALL,)))
    return tuple(found)


def _comment_ranges(document: Document) -> list[tuple[int, int]]:
    """Offsets where markdown-it sees HTML (blocks, or inline outside code spans)."""
    from markdown_it import MarkdownIt

    text = document.text
    starts = document.line_starts

    def span(first: int, last: int) -> tuple[int, int]:
        return starts[first], starts[last] if last < len(starts) else len(text)

    ranges: list[tuple[int, int]] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.map is None:
            continue
        if token.type == "html_block":
            ranges.append(span(*token.map))
        elif token.type == "inline" and any(child.type == "html_inline" for child in token.children or ()):
            start, end = span(*token.map)
            position = start
            for code in CODE_SPAN.finditer(text, start, end):
                ranges.append((position, code.start()))
                position = code.end()
            ranges.append((position, end))
    return ranges
