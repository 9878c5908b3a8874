"""TRN004: the document ends with a marker that says the text was cut."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Violation, rule

from .lines import QUOTES, tail
from .shape import shape_of

# What feeds, excerpts and scrapers leave where they cut a text. Matched on the last line
# only: "[…]" in the middle of a text is an editor's elision inside a quotation, and
# "read more" in a sentence ("you can read more in the manual") is prose.
MARKER_LINE = re.compile(
    r"^[^\w\ue000]*(?:"
    r"\[\s*(?:…|\.{3})\s*\]|\(\s*(?:…|\.{3})\s*\)|"
    r"read more|read the (?:full|rest of the|whole) (?:story|article|post|text)|read full (?:story|article)|"
    r"continue reading|continued on (?:page|p\.) ?\d+|click here to (?:read|continue)(?: more| reading)?|"
    r"more…|more\.\.\."
    r")[^\w\ue000]*$",
    re.IGNORECASE,
)
MARKER_AFTER_TEXT = re.compile(
    r"(?:[.!?…]\s*|\s)(?P<marker>\[\s*(?:…|\.{3})\s*\]|\[(?:read more|continue reading)\]|"
    r"(?:read more|continue reading)\s*(?:[»→>]+|\.{3}|…))[^\w\ue000]*$",
    re.IGNORECASE,
)
ELLIPSIS = re.compile(r"\s*(?:…|\.{3})[^\w\ue000]*$")


@rule(code="TRN004", name="cut-marker-at-end", severity="warning")
def cut_marker_at_end(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds a document that ends with a marker of a cut text: a line "[…]", "Read more",
    "Continue reading" or "Read the full story", a "[…]" or "Read more »" after its last
    sentence, or an ellipsis after an unfinished sentence ("… pay less attention to…").

    An ellipsis after a complete sentence, and "[…]" or "read more" inside the text, are
    not judged: the first is a trailing-off, the others an elision and prose.

    ## Why is this bad?
    Feeds, excerpts and listing pages publish the start of an article followed by a
    link to the rest. A scraper that keeps the excerpt keeps a cut text that looks
    finished at a glance.

    ## Example
    ```text
    The company said it would cut 90 jobs by the end of the year, and
    Continue reading
    ```

    Use instead: fetch the full text from the article's own page.
    """
    shape = shape_of(doc)
    if not shape.paragraphs:
        return
    last = shape.paragraphs[-1]
    if doc.text[last.end :].strip():
        return
    line = last.lines[-1]
    line_start = last.end - len(line)
    marker = MARKER_LINE.match(line)
    if marker:
        yield Violation(line_start, last.end, f"Cut marker at the end of the document: '{line.strip()}'")
        return
    after = MARKER_AFTER_TEXT.search(line)
    if after:
        start = line_start + after.start("marker")
        yield Violation(start, last.end, f"Cut marker at the end of the document: '{after.group('marker')}'")
        return
    ellipsis = ELLIPSIS.search(line)
    # Speech that trails off ("If only I had…”) is the writer's, not a cut.
    if ellipsis and last.kind in ("paragraph", "quote") and not QUOTES.intersection(ellipsis.group()):
        reason = tail(line[: ellipsis.start()]).dangling()
        if reason is not None and "quotation" not in reason:
            start = line_start + ellipsis.start()
            yield Violation(start, last.end, f"Cut marker at the end of the document: an ellipsis {reason}")
