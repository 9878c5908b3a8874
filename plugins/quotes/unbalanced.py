"""QUO001: a quotation mark without its partner in the paragraph."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Severity, Violation, rule

from .marks import Balance, balance, marks_of_blocks
from .options import quote_options
from .paragraphs import broken_mid_sentence, ends_sentence, first_char

NAMES = {
    "straight": "straight quotation mark",
    "curly": "quotation mark",
    "curly-single": "single quotation mark",
    "guillemets": "guillemet",
    "low-high": "quotation mark",
    "corner": "corner bracket",
}


@rule(code="QUO001", name="unbalanced-quotation-mark", severity=Severity.WARNING)
def unbalanced_quotation_mark(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks that every quotation mark in a paragraph has its partner: an opening mark a
    closing one, a closing mark an opening one. Straight (`"`), curly (`“ ”`) and single
    (`‘ ’`) quotation marks are checked by default; guillemets (`« »`), low-high marks
    (`„ “`) and corner brackets (`「 」`) when `quote-styles` in `[tool.doclint.quotes]`
    names them.

    A quotation that runs over several paragraphs may leave each paragraph but the last
    unclosed when the next paragraph opens again with a quotation mark: that is the
    convention, and it is not reported. Neither is a quotation cut by a paragraph broken
    mid-sentence (the truncation family reports the break), nor an apostrophe written
    with `’` (don’t, ’90s, students’, rock ’n’ roll).

    ## Why is this bad?
    A lost quotation mark leaves the reader unable to tell where someone's words end and
    the writer's begin; in scraped text it is usually a sign that a mark was eaten by a
    faulty conversion.

    ## Example
    ```text
    “We are not taking action, a spokesman said. “That is the end of it.”
    ```

    Use instead:
    ```text
    “We are not taking action,” a spokesman said. “That is the end of it.”
    ```
    """
    styles = quote_options(options).styles
    prose = document.prose
    blocks = document.blocks
    results = [balance(marks, prose) for marks in marks_of_blocks(prose, blocks, styles)]
    # Asked for each unclosed mark, but the same for every mark of a style in a paragraph.
    later_closer = functools.cache(functools.partial(_later_closer, results))
    excused: set[int] = set()
    findings: list[Violation] = []
    for index, result in enumerate(results):
        for mark in result.stray_closers:
            if mark.offset in excused:
                continue
            findings.append(
                Violation(
                    mark.offset,
                    mark.offset + 1,
                    f"Unbalanced quotes: {mark.char} closes a quotation that was never opened in this paragraph",
                )
            )
        if not result.unclosed:
            continue
        if _continued(document, results, index):
            for mark in result.unclosed:
                excused.update(later_closer(index, mark.style))
            continue
        for mark in result.unclosed:
            closer = later_closer(index, mark.style)
            if closer:
                excused.update(closer)  # closed in a later paragraph, without reopening
                continue
            findings.append(
                Violation(
                    mark.offset,
                    mark.offset + 1,
                    f"Unbalanced quotes: {mark.char} opens a quotation that is never closed in this paragraph",
                )
            )
    yield from findings


# Opening marks of every style: a paragraph that opens with one continues a quotation.
OPENERS = '"“‘«‹„‚「『'
# Blocks shorter than this with no quotation mark are markers between paragraphs
# (Gutenberg's "0345m" illustration tags, page numbers, "* * *"), not paragraphs.
MARKER_LENGTH = 20
LOOKAHEAD = 3


def _substantive(document: Document, results: list[Balance], start: int) -> Iterator[int]:
    """Indexes of the blocks after ``start`` that are paragraphs, not markers."""
    blocks = document.blocks
    for index in range(start + 1, len(blocks)):
        block = blocks[index]
        if results[index].first is None and block.end - block.start < MARKER_LENGTH:
            continue
        yield index


def _continued(document: Document, results: list[Balance], index: int) -> bool:
    """True when an open quotation at the end of block ``index`` is fairly left open."""
    prose = document.prose
    block = document.blocks[index]
    if broken_mid_sentence(document, index) or not ends_sentence(prose, block.start, block.end):
        return True  # a paragraph cut mid-sentence: the truncation family reports the cut
    if prose[block.start : block.end].rstrip().endswith(":"):
        return True  # introduces a block quotation or verse inside the quotation
    following = next(_substantive(document, results, index), None)
    if following is None:
        return False
    nxt = document.blocks[following]
    return first_char(prose, nxt.start, nxt.end) in OPENERS


def _later_closer(results: list[Balance], index: int, style: str) -> list[int]:
    """The offset of the stray closer of ``style`` that ends the quotation in a later paragraph.

    Only when it is the first mark of that style in the next few paragraphs: a quotation
    closed there without being reopened is unconventional, not a lost mark.
    """
    for later in results[index + 1 : index + 1 + LOOKAHEAD]:
        first = next((mark for mark in later.marks if mark.style == style), None)
        if first is not None:
            return [first.offset] if first in later.stray_closers else []
    return []
