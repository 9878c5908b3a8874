"""TRN001: the document stops in the middle of its last sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Violation, rule

from .cut_marker import MARKER_LINE
from .lines import (
    LABEL,
    SENTENCE_END,
    end_of,
    is_credit_line,
    is_list_line,
    is_prose_like,
    is_prose_line,
    is_title_like,
    snippet,
    tail,
    words_of,
)
from .shape import Shape, shape_of


@rule(code="TRN001", name="document-ends-mid-sentence", severity="warning")
def document_ends_mid_sentence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds a document whose last paragraph stops in the middle of a sentence: after a
    comma, an article, a conjunction or a preposition, inside a word, inside an open
    quotation or bracket, or, in a plain-text document whose paragraphs end with full
    stops, without terminal punctuation at all.

    A spaced dash or an "&" at the end, and a fragment of two words after the full stops
    of its paragraph ("… in December. But on"), are cuts too. The finding spans the
    unfinished sentence, from its start (in an earlier paragraph when the last one goes
    on from a broken paragraph) to the end of the text.
    A document that ends with a heading, a list, a table, code, a URL, a byline, a
    signature or a credit line ("Reporting by …"), or verse, is not judged.

    ## Why is this bad?
    Scrapers and exports cut documents at a size limit or a page boundary. The last
    sentence is then a fragment, and the rest of the document is lost without a trace;
    a training set or an archive that keeps it keeps a broken text.

    ## Example
    ```text
    Cocoa was the main export in the 1960s. But with the coming of oil, the
    government began to pay less attention to
    ```

    Use instead: restore the rest of the document from its source, or end it at the last
    complete sentence.
    ```text
    Cocoa was the main export in the 1960s.
    ```
    """
    shape = shape_of(doc)
    if not shape.paragraphs:
        return
    last = shape.paragraphs[-1]
    if doc.text[last.end :].strip() or last.kind not in ("paragraph", "quote"):
        return  # code, a table or HTML follows, or the document ends with a list or heading
    reason = unfinished(doc, shape)
    if reason is None:
        return
    start = sentence_start(shape, len(shape.paragraphs) - 1)
    message = f"Document ends mid-sentence {reason}: '{snippet(last.lines[-1], head=False)}'"
    yield Violation(start, last.end, message)


def unfinished(doc: Document, shape: Shape) -> str | None:
    """Why the last paragraph cannot be the end of the document, or None."""
    index = len(shape.paragraphs) - 1
    last = shape.paragraphs[index]
    line = last.lines[-1]
    ending = tail(last.prose)
    if ending.closed or ending.masked or shape.is_verse_block(last) or shape.verse:
        return None
    if is_credit_line(line) or is_list_line(line) or line[:1].isspace() or LABEL.match(line):
        return None  # a credit, a list item, an indented line, a "date: entry" line
    if MARKER_LINE.match(line):
        return None  # "Continue reading": TRN004 reports the cut marker
    if not is_prose_line(end_of(last.prose)) or not is_prose_line(line[:80]):
        return None
    if len(last.lines) >= 3 and sorted(map(len, last.lines))[len(last.lines) // 2] < 30:
        return None  # a list of short lines: words, names, an address
    prose = shape.logical_prose(index)
    reason = ending.dangling()
    if reason is not None:
        return reason if len(prose.split()) >= 3 else None
    # Only the full stop is missing. Markdown and loosely punctuated text often end a
    # paragraph without one, so this is judged only in plain text whose paragraphs do end
    # with one, and only when the last paragraph reads as prose.
    if (
        doc.is_markdown
        or shape.prose_paragraphs < 1
        or shape.punctuated < 0.75
        or not (ending.last_char.isalnum() or ending.last_char == "%")
    ):
        return None
    sentence = doc.prose[sentence_start(shape, index) : last.end]
    # Prose: mostly lowercase words, or several sentences (a paragraph full of names).
    sentences = SENTENCE_END.search(prose) is not None and len(words_of(prose)) >= 12
    if not (is_prose_like(prose) or sentences) or is_title_like(prose) or is_credit_line(sentence):
        return None
    # A short last sentence is a fragment when sentences before it in the paragraph end
    # with full stops ("… in December. But on"); alone, it may be a heading or a name.
    if len(words_of(sentence)) < (2 if SENTENCE_END.search(prose) else 3):
        return None
    return "without terminal punctuation"


def sentence_start(shape: Shape, index: int) -> int:
    """The offset where the last sentence of paragraph ``index`` begins.

    A paragraph that is itself the continuation of a broken one carries its sentence
    from the paragraph before.
    """
    first = shape.chain_start(index)
    for paragraph in reversed(shape.paragraphs[first : index + 1]):
        ends = list(SENTENCE_END.finditer(paragraph.prose))
        if ends:
            return paragraph.start + ends[-1].end()
    return shape.paragraphs[first].start
