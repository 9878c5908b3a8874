"""PUN005: a paragraph or line that opens with a comma, period or semicolon."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule
from doclint.text import MASK

# One mark, then spaces, then a word or an opening quotation mark. ".NET", ".gitignore",
# ".5" have no space after the mark; "...", ". . ." and "…" open a quotation that starts
# mid-sentence; "?" and "!" may stand for a speaker's bewilderment in fiction. A colon
# is left alone: it opens definitions in Markdown and the lines of a team sheet whose
# label was set apart (": P Smith, J Jones"), which are not stray marks.
OPENING = re.compile(r"([,.;])([ \t]+)(?=[^\W_]|[\"“‘'(])")

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
    prose = document.prose
    for block in document.blocks:
        text = prose[block.start : block.end]
        for offset in _line_starts(text):
            start = block.start + offset
            match = OPENING.match(prose, start)
            if not match or match.end() > block.end:
                continue
            mark = match.group(1)
            if mark == "." and prose[start + 1 : start + 2] in (".", "…"):
                continue
            at_block_start = offset == 0
            fix = Fix.replace(start, match.end(), "") if at_block_start else None
            where = "Paragraph" if at_block_start else "Line"
            yield Violation(
                start,
                start + 1,
                f"{where} starts with a {NAMES[mark]}: '{mark} {_next_word(prose, match.end())}'",
                fix=fix,
            )


def _line_starts(text: str) -> Iterator[int]:
    """Offsets in the block's prose where a line's prose begins (indentation skipped)."""
    offset = 0
    for line in text.split("\n"):
        stripped = len(line) - len(line.lstrip(" \t" + MASK))
        yield offset + stripped
        offset += len(line) + 1


def _next_word(prose: str, index: int) -> str:
    match = re.match(r"[\"“‘'(]?[^\W_]+", prose[index : index + 40])
    return match.group(0) if match else ""
