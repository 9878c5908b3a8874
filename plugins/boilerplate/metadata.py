"""BOI003: metadata fields fused into the text ("date 2024-05-20")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Violation, rule
from doclint.plugins.boilerplate._common import find_all

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}} {MONTH} \d{{4}}|{MONTH} \d{{1,2}},? \d{{4}})"
)
# A record's field dumped as text: a lowercase field name, then an ISO date, at the
# start of a line ("date 2024-05-20", "published: 2024-05-20T10:00").
FIELD = re.compile(
    r"((?:date|published|updated|posted|modified|last_modified|timestamp|pubdate)[ \t]*:?[ \t]*"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\w-])"
)
# A page's dateline run into the text on the same line ("Published 19 May 2024 The summit...").
DATELINE = re.compile(
    rf"((?:Published|Updated|Posted|Last updated|Last modified)(?: on)?:?[ \t]+{DATE}"
    rf"(?:,? (?:at )?\d{{1,2}}[:.]\d{{2}}(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{{2,4}})?)?)[ \t,|]+(?=\S)"
)


# A line can match only if it holds one of its pattern's words (matched case-sensitively;
# "date" is in "updated" and "pubdate", "modified" in "last_modified"): only those lines
# are tried, from their start.
AT_LINE_START = {
    FIELD: (re.compile(r"(?m)^[ \t]*" + FIELD.pattern), ("date", "published", "posted", "modified", "timestamp")),
    DATELINE: (
        re.compile(r"(?m)^[ \t]*" + DATELINE.pattern),
        ("Published", "Updated", "Posted", "Last updated", "Last modified"),
    ),
}


@rule(code="BOI003", name="fused-metadata", severity="warning")
def fused_metadata(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds metadata fields run into the text by an extraction: a lowercase field name
    with an ISO date at the start of a line ("date 2024-05-20 Connect with us"), or a
    page's "Published 19 May 2024" dateline followed by text on the same line.

    A dateline on a line of its own ("Published: 19 May 2024") is left alone: it is a
    heading the author wrote. Markdown front matter is never looked at.

    ## Why is this bad?
    The field belongs to the record the text came from, not to the text: it lands in
    the first sentence of the document ("date 2024-05-20 As NATO escalates ...").

    ## Example
    ```text
     date 2024-05-20 Connect with us
    ```

    Use instead: keep the date in the record's metadata and drop it from the text.
    """
    prose = document.prose
    for pattern, words in AT_LINE_START.values():
        for line in sorted({prose.rfind("\n", 0, at) + 1 for at in find_all(prose, words)}):
            match = pattern.match(prose, line)
            if match is None:
                continue
            start, end = match.span(1)
            yield Violation(start, end, f"Metadata fused into the text: {match.group(1)!r}")
