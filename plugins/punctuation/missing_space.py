"""PUN004: no space after a comma or a sentence's final mark ("strong,however", "2002.The")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule

from .abbreviations import is_abbreviation
from .context import ends_entity, word_after, word_before

# A comma or semicolon between two words; a period, "!" or "?" between a word and a
# capitalised word ("2002.The", "research.But"). Digits on both sides are a number
# ("1,000", "3.5"), a lowercase word after a period is a name or a domain ("Node.js",
# "bbc.co.uk", "setup.py"), so neither is matched.
COMMA = re.compile(r"(?<=[^\W_])([,;])(?=[^\W\d_])")
STOP = re.compile(r"(?<=[^\W_])([.!?])(?=[^\W\d_])")


@rule(code="PUN004", name="missing-space-after-punctuation", severity=Severity.WARNING, fixable=True)
def missing_space_after_punctuation(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks for a comma or semicolon glued to the next word ("strong,however",
    "Nokia,Microsoft") and for a sentence's period, exclamation or question mark glued
    to the capitalised word that starts the next sentence ("in 2002.The firm",
    "research.But").

    Not reported: numbers ("1,000", "3.5", "v2.0.1"), names, domains and files that
    put a lowercase word after a period ("Node.js", "bbc.co.uk", "setup.py"), dotted
    abbreviations ("U.S.", "e.g.", "Ph.D."), identifiers ("System.Collections",
    "String.Format()", "Math.PI"), a comma-separated run of words without spaces (a list
    of values, "red,green,blue"), words in non-Latin scripts, and code or URLs.

    ## Why is this bad?
    Two words glued by a mark read as one token to every tokenizer and search index,
    and as a typo to readers; they are typical of text re-joined by a careless edit or
    an extraction that dropped a line break.

    ## Example
    ```text
    The results were strong,however. Sales rose in 2002.The firm grew.
    ```

    Use instead:
    ```text
    The results were strong, however. Sales rose in 2002. The firm grew.
    ```

    ## Fix safety
    The fix inserts a space after the mark. It is safe: no character is removed.
    """
    prose = document.prose
    for match in COMMA.finditer(prose):
        index = match.start()
        before, after = word_before(prose, index), word_after(prose, index + 1)
        if not _words(before, after) or _value_list(prose, index, before, after) or ends_entity(prose, index):
            continue
        mark = match.group(1)
        yield Violation(
            index,
            index + 1,
            f"Missing space after {'comma' if mark == ',' else 'semicolon'}: '{before}{mark}{after}'",
            fix=Fix.replace(index + 1, index + 1, " "),
        )
    for match in STOP.finditer(prose):
        index = match.start()
        before, after = word_before(prose, index), word_after(prose, index + 1)
        if not _sentence_start(prose, index, before, after):
            continue
        mark = match.group(1)
        yield Violation(
            index,
            index + 1,
            f"Missing space after '{mark}': '{before}{mark}{after}'",
            fix=Fix.replace(index + 1, index + 1, " "),
        )


def _latin(word: str) -> bool:
    return word.isascii() or all(char.isascii() or "LATIN" in _name(char) for char in word)


def _name(char: str) -> str:
    import unicodedata

    return unicodedata.name(char, "")


def _words(before: str, after: str) -> bool:
    """Two real words of Latin script, at least two letters each (not "x,y")."""
    if len(before) < 2 or len(after) < 2 or "." in before:
        return False
    return after.isalpha() and _latin(before) and _latin(after)


def _value_list(prose: str, index: int, before: str, after: str) -> bool:
    """Part of "red,green,blue" or "a;b;c": another glued mark on either side."""
    left = prose[max(0, index - len(before) - 1) : index - len(before)]
    right_index = index + 1 + len(after)
    right = prose[right_index : right_index + 1]
    return left in (",", ";") or right in (",", ";") or (after.isupper() and before.isupper())


def _sentence_start(prose: str, index: int, before: str, after: str) -> bool:
    """The word after the mark starts a sentence: capitalised, then lowercase letters."""
    if len(after) < 2 or not (after[0].isupper() and after[1:].replace("'", "").replace("’", "").islower()):
        return False
    if not after[1:].replace("'", "").replace("’", "").isalpha() or not _latin(after):
        return False
    if not before or "." in before or is_abbreviation(before):
        return False
    # Identifiers: "System.Collections.Generic", "String.Format(", "Foo.Bar_baz".
    following = prose[index + 1 + len(after) : index + 3 + len(after)]
    if following[:1] in ("(", "_", "/", "\\", "-", "@") or re.match(r"\.[^\W\d_]", following):
        return False
    if prose[index] == "." and before[0].isupper() and not before.isupper() and not before[1:].islower():
        return False  # CamelCase identifier: "DataFrame.Apply"
    return not (before[0].isupper() and prose[index] == "." and _titlecase_path(prose, index, before))


def _titlecase_path(prose: str, index: int, before: str) -> bool:
    """ "Namespace.Class" written in prose: the word before is itself dotted onto another."""
    start = index - len(before)
    return start > 0 and prose[start - 1] in "._"
