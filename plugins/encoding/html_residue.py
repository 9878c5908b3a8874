"""ENC004 and ENC005: HTML character references and tags left in plain text."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Fix, Severity, Violation, rule
from doclint.models import Document
from doclint.plugins.encoding._common import HTML_MARKUP, prose_view, show
from doclint.plugins.encoding.mojibake import creates_mojibake

# A character reference, with any number of "amp;" in front of it when it was escaped
# twice or more ("&amp;amp;", "&amp;#39;"). Only the forms ending in ";" count: "AT&T"
# and "Q&A" are prose, and legacy references without ";" ("&copy") are too rare to be
# worth the false alarms.
ENTITY = re.compile(r"&(?:amp;)*(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# Elements a scraper leaves behind; a name must be one of these, so "a <b> c" in a formula
# is not a tag. Text in angle brackets that is not one ("<name>", "<tab>") is not reported.
_TAGS = (
    "a|abbr|article|b|big|blockquote|body|br|center|cite|code|dd|div|dl|dt|em|font|footer|"
    "h[1-6]|head|header|hr|html|i|iframe|img|li|meta|nav|ol|p|pre|s|script|section|small|"
    "span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul"
)
TAG = re.compile(rf"</?(?:{_TAGS})(?:\s+[a-z-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>", re.IGNORECASE)


def _unescape(reference: str) -> str:
    """Unescape until nothing changes, so that a double escape is repaired in one go."""
    previous = None
    while previous != reference:
        previous, reference = reference, html.unescape(reference)
    return reference


def _unescape_all(text: str) -> str:
    return ENTITY.sub(lambda match: _unescape(match.group()), text)


def _describe(char: str) -> str:
    if len(char) == 1 and (char.isspace() or unicodedata.category(char) in ("Cc", "Cf")):
        return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
    return show(char)


@rule(code="ENC004", name="html-entity", severity=Severity.WARNING, fixable=True)
def html_entity(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds HTML character references (`&amp;`, `&#39;`, `&nbsp;`) in plain text.

    It reports HTML character references such as `&amp;`, `&#39;`, `&#x27;`, `&rsquo;` and
    `&nbsp;`, and the double escapes `&amp;amp;` and `&amp;#39;`, in plain text, where
    they were left by a scraper or an export that escaped the text for HTML. Only
    references that end in ";" and that HTML knows are reported. Markdown, HTML and XML
    files are not checked: a character reference is part of their syntax.

    ## Why is this bad?
    Readers and models see "It&#39;s" instead of "It's"; search and de-duplication miss
    the word, and a model learns to write the entity.

    ## Example
    ```text
    Profits rose by&nbsp;37% at AT&amp;T, the firm&#39;s best year.
    ```

    Use instead:
    ```text
    Profits rose by 37% at AT&T, the firm's best year.
    ```
    (with a no-break space after "by").

    ## Fix safety
    The fix is safe: it replaces the reference with the character it stands for,
    unescaping a double escape fully, as a browser showing the page would have.
    """
    if doc.is_markdown or doc.suffix in HTML_MARKUP or "&" not in doc.text:
        return  # a plain search for "&" is far faster than the regex, and the view is not built
    view = prose_view(doc)
    for match in ENTITY.finditer(view.text):
        reference = match.group()
        start, end = view.span(*match.span())
        replacement = _unescape(reference)
        if replacement == reference or (replacement.startswith("&") and len(replacement) > 1):
            continue  # not a reference HTML knows ("&foo;")
        twice = " (escaped more than once)" if reference.startswith("&amp;") and len(reference) > 5 else ""
        yield Violation(
            start,
            end,
            f"HTML entity '{reference}' in plain text{twice}: it stands for {_describe(replacement)}",
            fix=Fix.replace(
                start, end, replacement, safe=not creates_mojibake(doc, start, end, replacement, _unescape_all)
            ),
        )


@rule(code="ENC005", name="html-tag", severity=Severity.WARNING, fixable=True)
def html_tag(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds HTML tags (`<br>`, `</p>`, `<span class="x">`) left in plain text.

    It reports HTML tags of common elements (`<br>`, `<p>`, `</p>`, `<b>`, `<span ...>`,
    `<a href="...">`) in plain text, where a scraper did not strip them. Angle brackets
    around anything that is not an HTML element ("<name>", "a < b > c") are not tags.
    Markdown, HTML and XML files are not checked: inline HTML is legitimate Markdown.

    ## Why is this bad?
    The tags are markup, not text: they break sentences, inflate token counts and teach
    a model to write HTML in prose.

    ## Example
    ```text
    The results were strong.<br>Shares rose 5%.</p>
    ```

    Use instead:
    ```text
    The results were strong.
    Shares rose 5%.
    ```

    ## Fix safety
    The fix removes the tag (a `<br>` becomes a line break); it is unsafe because the
    tag may have carried meaning, such as a paragraph break or a link.
    """
    if doc.is_markdown or doc.suffix in HTML_MARKUP:
        return
    text = doc.text
    for match in TAG.finditer(text):
        start, end = match.span()
        tag = match.group()
        replacement = "\n" if re.match(r"<br\b", tag, re.IGNORECASE) else ""
        yield Violation(
            start,
            end,
            f"HTML tag {show(tag)} in plain text",
            fix=Fix.replace(start, end, replacement, safe=False),
        )
