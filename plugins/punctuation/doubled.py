"""PUN002: two punctuation marks where one belongs (",,", ".,", ",.", ";;", ". .")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule

from .abbreviations import is_abbreviation
from .context import ends_entity, finditer_all, follows_number, per_mark, word_before

# Two of , ; : . in a row (or ", ," and ". ." with one space), after a word and before
# white space, a closing mark or the end ("HEAD:.mailmap" is a path). A longer run of periods is an ellipsis and is skipped
# below; "?!", "!!" and "?," are emphatic or quoted speech and are not matched at all.
# The first mark comes first, and the look-ahead for the second before the look-behind:
# the engine skips to the marks and drops a lone mark at once.
# One pattern per first mark, which the engine finds fast (see per_mark); two matches
# cannot overlap, as a mark never follows the word the look-behind wants.
PAIR = per_mark(r"({mark})(?= ?[,;:.])(?<=[^\W_]{mark}|[)\]\"”’']{mark})( ?)([,;:.])(?=\s|$|[\"”’')\]])", ",;:.")


@rule(code="PUN002", name="doubled-punctuation", severity=Severity.WARNING, fixable=True)
def doubled_punctuation(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks for two punctuation marks where one belongs: a doubled mark (",,", ";;",
    "::", ". .") or two different marks in a row (".,", ",.", ".;", ";,").

    Two periods ("..") are reported only after a word and before a capital ("the
    plans.. The firm"). Not reported: an ellipsis ("...", ". . .", "…,"), a short
    ellipsis ("well.. ok"), a path ("../", "HEAD:.mailmap"), an abbreviation's period
    before a comma or colon ("etc., and", "e.g., the", "U.S.:", "Inc.;"), a float's
    point ("[1., 2.]"), an HTML entity before a period ("&quot;."), a scope or a
    reStructuredText marker ("std::vector", "SVN:: libraries", "as follows::" at the
    end of a line, ".. code-block:: python"), empty fields of a data file ("0307; ;"),
    "?!" and "!!", and anything in code or URLs.

    ## Why is this bad?
    A doubled mark is the trace of an edit that added a mark without removing the old
    one, or of two sentences spliced together; it reads as a typo and confuses sentence
    splitters.

    ## Example
    ```text
    Prices rose in recent months., On Friday the shares fell,, the firm said.
    ```

    Use instead:
    ```text
    Prices rose in recent months. On Friday the shares fell, the firm said.
    ```

    ## Fix safety
    A doubled mark (",,", ";;", "::", ". .") loses its copy: that fix is safe, but
    unsafe for "..", which may be a short ellipsis. For two different marks the fix
    keeps the period before a capital letter and the other mark before a lowercase
    word; it guesses which was meant, so it is unsafe.
    """
    prose = document.prose
    for match in finditer_all(PAIR, prose):
        first, space, second = match.group(1), match.group(2), match.group(3)
        start, end = match.start(), match.end()
        if space and (first != second or not prose[start - 1].isalpha()):
            continue  # "0307; ; 0307" is an empty field of a data file
        if "." in (first, second) and _in_ellipsis(prose, start, end):
            continue
        if first == "." and second == "." and not space and not _doubled_stop(prose, start, end):
            continue  # ".." is a short ellipsis ("well.. ok") or a path ("../")
        if first == ";" and ends_entity(prose, start):
            continue  # "&quot;." is an HTML entity before a period
        word = word_before(prose, start)
        if first == "." and word.isdigit() and len(word) <= 2:
            continue  # "array([1., 2.])": a float written with its point
        if first == "." and is_abbreviation(word, after_number=follows_number(prose, start, word)):
            continue
        if first == ":" and second == ":" and _scope_or_directive(prose, start, end):
            continue
        if first == ";" and second == ";" and not prose[end : end + 1].isspace():
            continue
        if first == second == "." and not space:
            fix = Fix.replace(start + 1, end, "", safe=False)
            message = "Doubled period: '..' before a new sentence"
        elif first == second:
            fix = Fix.replace(start + 1, end, "")
            message = f"Doubled punctuation: '{match.group(0)}'"
        else:
            keep = _keep(prose, end, first, second)
            fix = Fix.replace(start, end, keep, safe=False)
            message = f"Doubled punctuation: '{match.group(0)}' where one mark belongs"
        yield Violation(start, end, message, fix=fix)


def _doubled_stop(prose: str, start: int, end: int) -> bool:
    """ ".." after a word of two letters or more and before a capital: "the plans.. The"."""
    return len(word_before(prose, start)) >= 2 and bool(re.match(r" [A-Z]", prose[end : end + 2]))


def _in_ellipsis(prose: str, start: int, end: int) -> bool:
    """Whether the pair is part of a longer run of periods ("...", ". . .", "…")."""
    return prose[end : end + 1] in (".", "…") or prose[end : end + 2] == " ." or prose[start - 1 : start] == "…"


NOT_SPACE = re.compile(r"\S")


def _scope_or_directive(prose: str, start: int, end: int) -> bool:
    """A "::" of code or markup: "std::vector", Perl's "SVN:: libraries", a
    reStructuredText literal block ("as follows::" at a line's end) or directive
    (".. code-block:: python")."""
    line_end = prose.find("\n", end)
    rest_is_blank = not NOT_SPACE.search(prose, end, line_end if line_end != -1 else len(prose))
    word = word_before(prose, start)
    if not prose[end : end + 1].isspace() or rest_is_blank or not word.islower():
        return True
    return prose.find(".. ", prose.rfind("\n", 0, start) + 1, start) != -1


def _keep(prose: str, end: int, first: str, second: str) -> str:
    """The mark to keep of two different ones: a period before a capital, else the other."""
    following = prose[end:].lstrip()[:1]
    if "." in (first, second) and (following.isupper() or not following):
        return "."
    return second if first == "." else first
