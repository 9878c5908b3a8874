"""QUO003: a document that attributes speech again and again but holds no quotation mark."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Severity, Violation, rule

from .speech import analyse

# Paragraphs with attributed speech, and stripped quotations, a document needs before its
# lack of any quotation mark is a finding: one "…, the company said" is reported speech.
MIN_ATTRIBUTED_PARAGRAPHS = 2
MIN_STRIPPED = 2


@rule(code="QUO003", name="quotation-marks-missing-throughout", severity=Severity.WARNING)
def quotation_marks_missing_throughout(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Reports, once per document, a text whose paragraphs attribute speech again and again
    ("…, he said", "said Mr Owen", "she told Reuters") yet which holds no double quotation
    mark at all, while several of those attributed clauses read as direct speech (see
    QUO002). The finding is placed at the start of the document; QUO002 still reports
    each quotation.

    ## Why is this bad?
    A document that lost every quotation mark was damaged by its conversion as a whole
    (a scraper or a normaliser that drops `"` and `“ ”`): re-fetching or re-converting it
    repairs every quotation at once, where fixing them one by one would not.

    ## Example
    ```text
    Games teach life skills, said Mr Owen. We are keen to learn, he said.
    ```

    Use instead:
    ```text
    “Games teach life skills,” said Mr Owen. “We are keen to learn,” he said.
    ```
    """
    analysis = analyse(document, options)
    if not analysis.stripped_style or analysis.first_person_narrative:
        return
    stripped = len(analysis.reported)
    if analysis.attributed_paragraphs < MIN_ATTRIBUTED_PARAGRAPHS or stripped < MIN_STRIPPED:
        return
    first = document.blocks[0] if document.blocks else None
    start, end = (first.start, first.end) if first else (0, 0)
    yield Violation(
        start,
        end,
        f"Quotation marks missing throughout: {analysis.attributed_paragraphs} paragraphs attribute speech "
        f"and {stripped} quotations read as direct speech, but the document has no quotation mark",
    )
