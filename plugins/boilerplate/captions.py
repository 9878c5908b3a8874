"""BOI001: photo captions and picture credits left in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Violation, rule
from doclint.plugins.boilerplate._common import shown

# A bracketed credit: "[AP Photo/Sergei Bobylev]", "(Photo: Reuters)", "(Image credit: NASA)".
CREDIT = re.compile(
    r"[\[(](?:(?:AP|AFP|Reuters|Getty|Getty Images|EPA|PA|Xinhua|Bloomberg|UPI|Anadolu|TASS|WSWS|Sputnik)\s+)?"
    r"(?:Photo|Photograph|Photos|Image|Picture|Pic)(?:\s+(?:credit|courtesy))?\s*(?:/|:|\bby\b)\s*"
    r"[^\[\]()\n]{2,80}[\])]",
)
# A caption line as web pages label it: "Image copyright Getty Images", "Image caption ...",
# "Photo: AFP", "Photograph: Alamy". A bare "Image:" is left alone: documentation uses
# it to introduce a figure.
CAPTION_LINE = re.compile(
    r"^[ \t]*(?:(?:Image|Photo|Picture)\s+(?:copyright|caption|credit)\b|(?:Photo|Photograph|Photo credit)\s*:\s*\S)",
    re.MULTILINE,
)


@rule(code="BOI001", name="photo-caption", severity="warning")
def photo_caption(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds photo captions and picture credits that an extraction left in the text: a
    bracketed credit such as "[AP Photo/Sergei Bobylev]" or "(Photo: Reuters)", or a line
    labelled "Image copyright", "Image caption" or "Photo:". When the credit ends its
    paragraph, the whole paragraph is the caption and the finding covers it.

    ## Why is this bad?
    A caption describes a picture that is no longer there; in an article's text it
    reads as a stray paragraph ("Chinese President Xi Jinping, left, ... [AP Photo/...]")
    and teaches a model that articles contain photo credits.

    ## Example
    ```text
    Putin visited Beijing.

    Xi Jinping, left, and Vladimir Putin in Beijing. [AP Photo/Sergei Bobylev]
    ```

    Use instead: drop the caption paragraph.
    """
    prose = document.prose
    if "Photo" not in prose and "Image" not in prose and "Pic" not in prose:
        return  # every credit and caption label holds one of these words (matched case-sensitively)
    reported = set()
    for match in CREDIT.finditer(prose):
        start = match.start()
        block = document.block_at(start)
        if block is not None and prose[match.end() : block.end].strip(" .") == "":
            start = block.start  # the credit closes its paragraph: a caption
        reported.add(document.position(start)[0])
        yield Violation(
            start, match.end(), f"Photo caption: the credit {shown(match.group(), 45)!r} is left in the text"
        )
    for match in CAPTION_LINE.finditer(prose):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        if document.position(start)[0] in reported:
            continue
        end = prose.find("\n", start)
        end = len(prose) if end < 0 else end
        yield Violation(start, end, f"Photo caption: {shown(prose[start:end].strip(), 45)!r} is left in the text")
