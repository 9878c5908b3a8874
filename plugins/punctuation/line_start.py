"""PUN005: a paragraph or line that opens with a comma, period or semicolon."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule
from doclint.text import Block

# One mark, then spaces, then a word or an opening quotation mark. ".NET", ".gitignore",
# ".5" have no space after the mark; "...", ". . ." and "…" open a quotation that starts
# mid-sentence; "?" and "!" may stand for a speaker's bewilderment in fiction. A colon
# is left alone: it opens definitions in Markdown and the lines of a team sheet whose
# label was set apart (": P Smith, J Jones"), which are not stray marks.
OPENING = re.compile(r"([,.;])([ \t]+)(?=[^\W_]|[\"“‘'(])")

# Indentation and the markers of Markdown block quotes, lists and headings.
MARKER = re.compile(r"[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}[ \t]+)?")

# A line whose first character after the characters of MARKER is one of the marks: a
# quick test that lets most blocks pass without a look at each line. It starts with the
# line break (not "^"), which the engine finds fast; the first line is matched apart.
MARKED_LINE = re.compile(r"\n[ \t>*+#\d.)\[\]xX-]*[,.;]")
FIRST_LINE_MARKED = re.compile(r"[ \t>*+#\d.)\[\]xX-]*[,.;]")

NAMES = {",": "comma", ".": "period", ";": "semicolon"}


@rule(code="PUN005", name="punctuation-at-line-start", severity=Severity.WARNING, fixable=True)
def punctuation_at_line_start(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks for a paragraph or a line that opens with a comma, period or semicolon
    followed by a word (". And Alan Greenspan said", ", The firm").

    Not reported: a Markdown list, heading or quotation marker (they are not prose), an
    ellipsis that opens a quotation ("... and then"), a file or name that starts with a
    period (".NET", ".gitignore"), a number (".5"), a colon (it opens definitions in
    Markdown and labelled lines), and code or URLs.

    ## Why is this bad?
    No sentence starts with one of these marks: the mark belongs to the end of the
    previous sentence or paragraph and was split from it, or is debris of a deleted word.

    ## Example
    ```text
    . And the central bank said rates would rise.
    ```

    Use instead:
    ```text
    And the central bank said rates would rise.
    ```

    ## Fix safety
    At the start of a paragraph the fix deletes the mark and the space after it; it is
    safe. Inside a paragraph (a line of hard-wrapped text) the mark belongs to the end
    of the line before, and no fix is offered.
    """
    prose, text = document.prose, document.text
    # The lines that may open with a mark: most blocks hold none, and their lines need
    # not be looked at one by one.
    marked = [0] if FIRST_LINE_MARKED.match(text) else []
    marked += [match.start() + 1 for match in MARKED_LINE.finditer(text)]
    if not marked:
        return  # no line may open with a mark: no block need be looked at
    for block in document.blocks:
        nearest = bisect_left(marked, text.rfind("\n", 0, block.start) + 1)
        if nearest == len(marked) or marked[nearest] >= block.end:
            continue
        for start, first in _line_starts(document, block):
            match = OPENING.match(prose, start)
            if not match or match.end() > block.end:
                continue
            mark = match.group(1)
            if mark == "." and prose[start + 1 : start + 2] in (".", "…"):
                continue
            if not first and not _after_word(prose, text, start):
                continue
            fix = Fix.replace(start, match.end(), "") if first else None
            where = "Paragraph" if first else "Line"
            yield Violation(
                start,
                start + 1,
                f"{where} starts with a {NAMES[mark]}: '{mark} {_next_word(prose, match.end())}'",
                fix=fix,
            )


def _line_starts(document: Document, block: Block) -> Iterator[tuple[int, bool]]:
    """Where each line of the block begins, after indentation and Markdown markers only.

    A line that begins with a code span or a URL has no prose start: its masked text is
    no marker, so the comma after "`--all-targets`, so" is not at the start of a line.
    """
    text = document.text
    for number in range(document.position(block.start)[0], document.position(block.end)[0] + 1):
        line_start = document.line_starts[number - 1]
        marker = MARKER.match(text, line_start).end()
        start = max(marker, block.start)
        if start >= block.end:
            continue
        if start > line_start and not MARKER.fullmatch(text, line_start, start):
            continue
        if start > line_start and not document.is_markdown:
            continue  # an indented " . item" is a bullet of a plain-text list
        yield start, start == block.start


def _after_word(prose: str, text: str, start: int) -> bool:
    """Whether the line before ends in a word or a mark: the new mark was split from it by
    the wrap, or doubles it (".\n, Further").

    A line that ends in a link target or code span is left alone: writers who wrap by
    hand often break after a long URL and carry its comma to the next line.
    """
    end = text.rfind("\n", 0, start)
    while end > 0 and prose[end - 1].isspace():  # what prose[:end].rstrip() leaves, without copying it
        end -= 1
    return end > 0 and (prose[end - 1].isalnum() or prose[end - 1] in "\"”’')].,;:!?")


def _next_word(prose: str, index: int) -> str:
    match = re.match(r"[\"“‘'(]?[^\W_]+", prose[index : index + 40])
    return match.group(0) if match else ""
