"""BOI004: navigation breadcrumbs ("Home > News > World")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Violation, rule
from doclint.plugins.boilerplate._common import find_all, folded_prose, lines_at, shown

ITEM = r"[A-Z][\w'&.-]*(?: [\w'&.-]+){0,3}"
# The whole line must be the navigation: a menu path in a sentence ("open Settings >
# Editor") has text around it. Typographic crumb separators (» ›) need three items;
# ">" and "|" need four, and "→" is never one: technical documents draw pipelines with
# it ("Tokenize → Tag → Dedupe"), as they list steps with "Start / Stop / Restart".
CHEVRONS = re.compile(rf"{ITEM}(?:[ \t]*[»›][ \t]*{ITEM}){{2,}}[ \t]*[»›]?")
ARROWS = re.compile(rf"{ITEM}(?:[ \t]+>[ \t]+{ITEM}){{3,}}")
BARS = re.compile(rf"{ITEM}(?:[ \t]+\|[ \t]+{ITEM}){{3,}}")
HOME = re.compile(r"(?:Home|Homepage|Main page)[ \t]*(?:>|»|›|/|\|)", re.IGNORECASE)
MAX_WORDS = 16
# A line that can be crumbs holds a separator, or "Home" or "Main page" (HOME's "/"):
# only such lines are read (found with str.find, far faster than a regex's character set).
SEPARATORS = (">", "»", "›", "|")
HOME_WORDS = ("home", "main page")


@rule(code="BOI004", name="navigation-crumbs", severity="warning")
def navigation_crumbs(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds lines that are a site's navigation: breadcrumbs ("Home > News > World") or
    menus ("News | Sport | Weather | Travel"). The whole line must be the navigation: a
    line starting "Home >" (or "/", "|", "»"), three or more short capitalised items
    joined by "»" or "›", or four or more joined by ">" or "|" (Markdown tables are
    never looked at).

    ## Why is this bad?
    Navigation is part of the page, not of the article; left in a document it is a line
    of stray words at the top of the text.

    ## Example
    ```text
    Home > News > World > Europe

    Putin visited Beijing on May 16.
    ```

    Use instead: drop the line.
    """
    found = find_all(document.prose, SEPARATORS) + find_all(folded_prose(document), HOME_WORDS)
    for start, end, text in lines_at(document, found):
        if len(text.split()) > MAX_WORDS:
            continue
        crumbs = CHEVRONS.fullmatch(text) or ARROWS.fullmatch(text) or BARS.fullmatch(text)
        if crumbs or (HOME.match(text) and len(re.findall(r"[>»›/|]", text)) >= 2):
            yield Violation(start, end, f"Navigation crumbs: {shown(text)!r} is part of the page, not the text")
