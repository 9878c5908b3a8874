"""TRN003: a hard line break in the middle of a sentence, in a one-line-paragraph text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Violation, rule

from .lines import (
    HEAD_CHARACTERS,
    continues_sentence,
    is_list_line,
    is_prose_line,
    is_title_like,
    snippet,
    tail,
    words_of,
)
from .shape import shape_of


@rule(code="TRN003", name="line-broken-mid-sentence", severity="warning", fixable=True)
def line_broken_mid_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds a hard line break in the middle of a sentence in a plain-text document whose
    paragraphs are otherwise one line each: the line stops without terminal punctuation
    and the next line goes on with a lowercase word.

    Documents hard-wrapped at a fixed width (where every paragraph spans lines), verse,
    lists, addresses and Markdown (where a line break inside a paragraph is only a soft
    break) are not judged.

    ## Why is this bad?
    In a document that keeps each paragraph on one line, a line break inside a sentence
    is left over from a page or column boundary of the source. Tools that read one line
    as one paragraph or one sentence then see two fragments.

    ## Example
    ```text
    The company said on Monday that profits had risen sharply in
    the third quarter, helped by strong sales in Asia.
    ```
    (in a document whose other paragraphs are single long lines)

    Use instead:
    ```text
    The company said on Monday that profits had risen sharply in the third quarter, helped by strong sales in Asia.
    ```

    ## Fix safety
    The fix replaces the line break with a space. It is unsafe: the break may also mark
    lost text.
    """
    shape = shape_of(doc)
    if not shape.one_line:
        return
    for paragraph in shape.paragraphs:
        lines = paragraph.lines
        if len(lines) < 2 or paragraph.kind != "paragraph" or shape.is_verse_block(paragraph):
            continue
        if len(lines) >= 3 and all(len(line) < 60 for line in lines):
            continue  # an address, a list or a stanza quoted in the text
        offset = paragraph.start
        for index, line in enumerate(lines[:-1]):
            text = line.rstrip("\r")
            start, end = offset + len(text), offset + len(line) + 1  # the line ending, CR and LF
            offset = end
            if not _broken(text, _rest(lines, index + 1)):
                continue
            line_number, _ = doc.position(start)
            message = (
                f"Line broken mid-sentence: line {line_number} ends with '{snippet(text, head=False)}' "
                f"and line {line_number + 1} goes on with '{snippet(lines[index + 1], head=True)}'"
            )
            yield Violation(start, end, message, fix=Fix.replace(start, end, " ", safe=False))


def _rest(lines: list[str], start: int) -> str:
    """The paragraph from line ``start`` on, as far as ``_broken`` reads it: that line whole
    and ``HEAD_CHARACTERS`` in all (joining all the rest for each line of a paragraph of
    thousands took time growing with their square)."""
    end, size = start, 0
    while end < len(lines) and size <= HEAD_CHARACTERS:
        size += len(lines[end]) + 1
        end += 1
    return "\n".join(lines[start:end])


def _broken(line: str, following: str) -> bool:
    """Whether ``line`` stops mid-sentence and ``following`` (the rest of the paragraph) goes on."""
    if not continues_sentence(following) or is_list_line(line) or is_list_line(following):
        return False
    ending = tail(line)
    if ending.closed or ending.masked or not is_prose_line(line):
        return False
    if ending.dangling():
        return True
    return (
        (ending.last_char.isalnum() or ending.last_char == "%") and len(words_of(line)) >= 6 and not is_title_like(line)
    )
