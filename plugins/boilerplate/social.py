"""BOI002: share, follow, subscribe and cookie lines of a web page."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Violation, rule
from doclint.plugins.boilerplate._common import find_all, folded_prose, lines_at, shown, word_count

# Phrases of a page's chrome. Each was chosen to be rare in prose: a bare "follow us" or
# "share this" is dialogue in fiction ("Follow us," he whispered), so they need the
# network or the object named.
CHROME = re.compile(
    r"\b(?:connect with us|follow us on (?:twitter|facebook|instagram|linkedin|youtube|tiktok|x|social media)"
    r"|share (?:this|on) (?:article|story|page|post|facebook|twitter|linkedin|whatsapp|email)"
    r"|like us on facebook|subscribe to (?:our|the) (?:newsletter|channel|podcast|mailing list)"
    r"|sign up (?:for|to) (?:our|the) newsletter|(?:we|this (?:site|website)) uses? cookies"
    r"|accept (?:all )?cookies|cookie (?:policy|settings|preferences)|skip to (?:main )?content"
    r"|print this (?:article|page|story)|email this (?:article|page|story))\b",
    re.IGNORECASE,
)
# Phrases that are chrome only when they are the whole line ("Read more about it" is prose).
WHOLE_LINE = re.compile(
    r"(?:read more|advertisement|back to top|related (?:articles|stories|posts)|share this)[\s:.›»>→-]*",
    re.IGNORECASE,
)
# A line can match CHROME or WHOLE_LINE only if its lowercased text holds one of these
# (each is part of an alternative of one or the other): only such lines are read.
HINTS = (
    "connect with us",
    "follow us on ",
    "share ",
    "like us on facebook",
    "subscribe to ",
    "sign up ",
    "cookie",
    "skip to ",
    "print this ",
    "email this ",
    "read more",
    "advertisement",
    "back to top",
    "related ",
)
# A line longer than this is a sentence that mentions cookies or a newsletter.
MAX_WORDS = 10
QUOTE_MARKS = re.compile(r"[\"“”‘’«»]")


@rule(code="BOI002", name="share-or-cookie-line", severity="warning")
def share_or_cookie_line(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds the chrome of a web page left in a document: short lines that ask the reader
    to connect, follow, share or subscribe, cookie notices, "Skip to content", "Read
    more" and "Advertisement" lines. A phrase counts only on a short line (ten words or
    fewer, no quotation marks) so that prose mentioning a newsletter is left alone.

    ## Why is this bad?
    These lines belong to the page, not to the article: they interrupt the text,
    repeat across a scraped corpus, and teach a model to end articles with "Connect with
    us".

    ## Example
    ```text
    Connect with us

    Putin visited Beijing on May 16.
    ```

    Use instead: drop the line.
    """
    # A Markdown heading "Advertisement" or "Read more" names a section of the document.
    headings = [(block.start, block.end) for block in document.blocks if block.kind == "heading"]
    for start, end, text in lines_at(document, find_all(folded_prose(document), HINTS)):
        heading = any(first <= start < last for first, last in headings)
        if WHOLE_LINE.fullmatch(text) and not heading:
            yield Violation(start, end, f"Page chrome: {text!r} is not part of the text")
            continue
        match = CHROME.search(text)
        if match and word_count(text) <= MAX_WORDS and not QUOTE_MARKS.search(text):
            yield Violation(
                start + match.start(),
                start + match.end(),
                f"Page chrome: {shown(match.group())!r} is a share, follow or cookie line",
            )
