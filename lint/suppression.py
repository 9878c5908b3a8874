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

import bisect
import itertools
import re
import weakref
from dataclasses import dataclass
from typing import NamedTuple

from doclint.models import Document
from doclint.registry import ALL, matches
from doclint.text import CODE_SPAN, markdown_source

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


class _Directives(NamedTuple):
    """A document's directives, and for each code asked about, where they switch it."""

    found: tuple[Directive, ...]
    by_code: dict[str, _Switches]


class _Switches(NamedTuple):
    """What a document's directives do to one code: the offsets of those that disable or
    enable it, in order, whether each disables it, and the lines a directive disables it on."""

    offsets: list[int]
    disables: list[bool]
    lines: set[int]

    @classmethod
    def of(cls, found: tuple[Directive, ...], code: str) -> _Switches:
        naming = [directive for directive in found if directive.names(code)]
        switches = [directive for directive in naming if directive.action != "disable-next-line"]
        return cls(
            [directive.offset for directive in switches],
            [directive.action == "disable" for directive in switches],
            {directive.line + 1 for directive in naming if directive.action == "disable-next-line"},
        )


_cache: weakref.WeakKeyDictionary[Document, _Directives] = weakref.WeakKeyDictionary()


def _directives(document: Document) -> _Directives:
    held = _cache.get(document)
    if held is None:
        found = _find(document) if document.is_markdown and "doclint:" in document.text else ()
        held = _cache[document] = _Directives(found, {})
    return held


def directives(document: Document) -> tuple[Directive, ...]:
    """The suppression directives of a Markdown document, in order (none for plain text)."""
    return _directives(document).found


def suppressed(document: Document, code: str, offset: int) -> bool:
    """Whether a finding of ``code`` starting at ``offset`` is switched off by a comment.

    A directive's place is looked up, not walked to: a Markdown file with a comment before
    each of thousands of paragraphs took seconds per thousand findings.
    """
    held = _directives(document)
    if not held.found:
        return False
    switches = held.by_code.get(code)
    if switches is None:
        switches = held.by_code[code] = _Switches.of(held.found, code)
    # A disable-next-line comment ends on the line before the finding's, so before it.
    if switches.lines and document.position(offset)[0] in switches.lines:
        return True
    last = bisect.bisect_right(switches.offsets, offset) - 1
    return last >= 0 and switches.disables[last]


def _find(document: Document) -> tuple[Directive, ...]:
    text = document.text
    allowed = sorted(_comment_ranges(document))
    starts = [start for start, _ in allowed]
    # The furthest end of the ranges up to each: a range that starts before the comment
    # holds it if and only if the furthest of their ends is past it.
    reach = list(itertools.accumulate((end for _, end in allowed), max))
    found = []
    for match in DIRECTIVE.finditer(text):
        before = bisect.bisect_right(starts, match.start())
        if not before or reach[before - 1] < match.end():
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
    # Read as the prose view reads it: a lone CR is no line break (markdown-it's lines
    # would no longer be doclint's, and ``starts`` would be asked for lines it has not).
    for token in MarkdownIt("commonmark").parse(markdown_source(text, text.split("\n"))):
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
