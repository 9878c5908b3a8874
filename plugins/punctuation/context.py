"""Small readers of the prose view shared by the family's rules."""

from __future__ import annotations

import heapq
import re
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from doclint import Document


def per_mark(pattern: str, marks: str) -> tuple[re.Pattern[str], ...]:
    """One compiled ``pattern`` for each of ``marks``, which replaces ``{mark}`` in it.

    A pattern that starts with one literal character is found by a fast search; one that
    starts with a class of characters is tried at every character. See ``finditer_all``.
    """
    return tuple(re.compile(pattern.replace("{mark}", re.escape(mark))) for mark in marks)


def finditer_all(patterns: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
    """The matches of all ``patterns`` in ``text``, in order of their start.

    The same matches as one pattern with a class of the marks, as long as two matches
    cannot overlap (each pattern below makes sure of it).
    """
    return heapq.merge(*(pattern.finditer(text) for pattern in patterns), key=re.Match.start)


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list: word lists stay readable as data."""
    return frozenset(text.split())


def word_before(prose: str, index: int) -> str:
    """The word that ends just before ``prose[index]``, inner periods and apostrophes kept
    ("U.S", "e.g", "agency's", "O’Neill")."""
    start = index
    while start > 0:
        char = prose[start - 1]
        inner = start - 2 >= 0 and prose[start - 2].isalpha() and start < index
        if char.isalnum() or (char in ".'’" and inner):
            start -= 1
        else:
            break
    return prose[start:index]


def follows_number(prose: str, index: int, word: str) -> bool:
    """Whether ``word``, which ends at ``index``, follows a number ("6 ft", "10 min")."""
    start = index - len(word)
    return bool(re.search(r"\d[ \u00a0]?$", prose[max(0, start - 3) : start]))


def word_after(prose: str, index: int) -> str:
    """The run of letters, digits and apostrophes that starts at ``prose[index]``."""
    end = index
    while end < len(prose) and (prose[end].isalnum() or prose[end] in "'’"):
        end += 1
    return prose[index:end]


ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6})$")


def ends_entity(prose: str, index: int) -> bool:
    """Whether the ";" at ``index`` ends an HTML entity ("&quot;", "&#39;") left in the text."""
    return prose[index] == ";" and bool(ENTITY.search(prose, max(0, index - 40), index))


# Spaced operators and brackets of code that lost its markup ("a , b = b , a",
# "print ( x )"): scraped pages flatten their code blocks into such lines. HTML
# entities ("We&#39;ve") are left in scraped prose as often as in code: not a sign.
CODE_TOKENS = re.compile(r" (?:==?|[(){}]|\[|\]|=>|->) |\(\)")


def in_code_line(document: Document, index: int) -> bool:
    """Whether ``index`` is on a line that looks like code rather than prose.

    Plain text indents its command lines and examples with a tab or four spaces
    ("\tjq .", "    import idlelib. as"; Markdown masks those already), and code that
    lost its markup keeps its spaced operators. Each line is judged once per document:
    every mark of a long line asks.
    """
    line, _ = document.position(index)
    judged = _CODE_LINES.setdefault(document, {})
    if line not in judged:
        judged[line] = _looks_like_code(document, line)
    return judged[line]


_CODE_LINES: weakref.WeakKeyDictionary[Document, dict[int, bool]] = weakref.WeakKeyDictionary()


def _looks_like_code(document: Document, line: int) -> bool:
    text = document.text
    line_start, line_end = document.line_span(line)
    if not document.is_markdown and text.startswith(("\t", "    "), line_start):
        return True
    # Two of them: a lone " ( " is a typo of prose ("$30,000 ( £15,000)").
    tokens = CODE_TOKENS.finditer(text, line_start, line_end)
    return next(tokens, None) is not None and next(tokens, None) is not None
