"""TRN002: a paragraph that stops mid-sentence and goes on in the next paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Violation, rule

from .lines import snippet
from .shape import shape_of


@rule(code="TRN002", name="paragraph-broken-mid-sentence", severity="warning", fixable=True)
def paragraph_broken_mid_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds a paragraph that stops where its sentence does not, followed by a paragraph
    that carries the same sentence on: the first ends without terminal punctuation (or
    inside an open quotation) and the second starts with a lowercase word.

    A capital may go on with the sentence too when the first paragraph stops on an
    article, a preposition, a possessive or a conjunction ("… US, British and" /
    "Ukrainian officials …"). The finding is placed at the break, and its message names
    both lines. Headings, list items, labels ("yq: …"), lines that introduce what follows
    ("visit:"), URLs, code, formulas, tables and verse are not judged; in Markdown only
    two paragraphs with nothing but blank lines between them are, and more than two blank
    lines set a section apart.

    ## Why is this bad?
    Text extraction breaks paragraphs at page and column boundaries. The broken sentence
    reads as two fragments, sentence splitters and paragraph-level filters cut it in two,
    and a quotation split this way looks unbalanced on both sides.

    ## Example
    ```text
    Troops launched an offensive towards the city, and US, British

    and Ukrainian officials threatened to use long-range missiles.
    ```

    Use instead:
    ```text
    Troops launched an offensive towards the city, and US, British and Ukrainian
    officials threatened to use long-range missiles.
    ```

    ## Fix safety
    The fix joins the two paragraphs with a space. It is unsafe: the break may also have
    lost text, which only the source can restore.
    """
    shape = shape_of(doc)
    paragraphs = shape.paragraphs
    for index in sorted(shape.breaks):
        before, after = paragraphs[index - 1], paragraphs[index]
        first_line, _ = doc.position(before.end)
        next_line, _ = doc.position(after.start)
        message = (
            f"Paragraph broken mid-sentence: line {first_line} ends with "
            f"'{snippet(before.lines[-1], head=False)}' and line {next_line} goes on with "
            f"'{snippet(after.lines[0], head=True)}'"
        )
        yield Violation(before.end, after.start, message, fix=Fix.replace(before.end, after.start, " ", safe=False))
