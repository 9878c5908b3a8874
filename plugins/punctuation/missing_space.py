"""PUN004: no space after a comma or a sentence's final mark ("strong,however", "2002.The")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule

from .abbreviations import is_abbreviation
from .context import (
    ends_entity,
    finditer_all,
    follows_number,
    in_code_line,
    per_mark,
    word_after,
    word_before,
    word_set,
)

# A comma or semicolon between two words; a period, "!" or "?" between a word and a
# capitalised word ("2002.The", "research.But"). Digits on both sides are a number
# ("1,000", "3.5"), a lowercase word after a period is a name or a domain ("Node.js",
# "bbc.co.uk", "setup.py"), so neither is matched.
# The mark comes before the look behind, so the engine skips to the marks. A sentence
# start is capitalised (see _sentence_start), so STOP looks only at a capital after the mark.
# One pattern per mark, which the engine finds fast (see per_mark); a match is the mark alone.
COMMA = per_mark(r"({mark})(?=[^\W\d_])(?<=[^\W_]{mark})", ",;")
STOP = per_mark(r"({mark})(?=[A-Z])(?<=[^\W_]{mark})", ".!?")


@rule(code="PUN004", name="missing-space-after-punctuation", severity=Severity.WARNING, fixable=True)
def missing_space_after_punctuation(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks for a comma or semicolon glued to the next word ("strong,however",
    "Nokia,Microsoft") and for a sentence's period, exclamation or question mark glued
    to the capitalised word that starts the next sentence ("in 2002.The firm",
    "research.But").

    A number before a comma counts as a word ("Halo 2,which"), and "A", "I'm" or an
    acronym start sentences too ("Ispat.A combination", "2005.GM said"). Not reported: numbers ("1,000", "3.5", "v2.0.1"), names, domains and files that
    put a lowercase word after a period ("Node.js", "bbc.co.uk", "setup.py"), dotted
    abbreviations ("U.S.", "e.g.", "Ph.D."), identifiers ("System.Collections",
    "String.Format()", "Math.PI", "idleConf.CurrentTheme", "{net.Socket}",
    "-Wl,invalid"), a comma-separated run of words without spaces (a list of values,
    "red,green,blue"), "tl;dr", HTML entities ("&quot;"), words in non-Latin scripts,
    lines that look like code, and code or URLs. In Markdown, where "net.Server" and
    "http.Client" are module and class, only a glued word that opens English sentences
    ("The", "It", "When", "However") is reported after a period.

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
    for match in finditer_all(COMMA, prose):
        index = match.start()
        before, after = word_before(prose, index), word_after(prose, index + 1)
        if match.group(1) == ";" and min(len(before), len(after)) < 3:
            continue  # "tl;dr"
        if not _words(before, after) or _value_list(prose, index, before, after) or ends_entity(prose, index):
            continue
        if _identifier(prose, index, before, after) or in_code_line(document, index):
            continue
        mark = match.group(1)
        yield Violation(
            index,
            index + 1,
            f"Missing space after {'comma' if mark == ',' else 'semicolon'}: '{before}{mark}{after}'",
            fix=Fix.replace(index + 1, index + 1, " "),
        )
    for match in finditer_all(STOP, prose):
        index = match.start()
        before, after = word_before(prose, index), word_after(prose, index + 1)
        if not _sentence_start(prose, index, before, after, markdown=document.is_markdown) or in_code_line(
            document, index
        ):
            continue
        mark = match.group(1)
        yield Violation(
            index,
            index + 1,
            f"Missing space after '{mark}': '{before}{mark}{after}'",
            fix=Fix.replace(index + 1, index + 1, " "),
        )


def _latin(word: str) -> bool:
    """Whether the word is written in Latin script (apostrophes aside)."""
    import unicodedata

    letters = word.replace("'", "").replace("’", "")
    return letters.isascii() or all(char.isascii() or "LATIN" in unicodedata.name(char, "") for char in letters)


def _words(before: str, after: str) -> bool:
    """Two real words of Latin script, at least two letters each ("x,y" is a pair of
    symbols), except the words "a" and "I" after the mark ("unemployed,a minister")."""
    if not (len(before) >= 2 or (before.isdigit() and len(after) >= 3)):
        return False  # "Halo 2,which" is glued; "x,y" a pair of symbols
    if "." in before or not (len(after) >= 2 or after in ("a", "I")):
        return False
    return after.replace("'", "").replace("’", "").isalpha() and _latin(before) and _latin(after)


def _value_list(prose: str, index: int, before: str, after: str) -> bool:
    """Part of "red,green,blue" or "a;b;c": the word before or after is glued on too.

    "strong,however, the" is not a list: the comma after "however" has its space; nor
    is "717,000,and": the glued mark before "000" is a number's.
    """
    left = index - len(before) - 1
    right = index + 1 + len(after)
    glued_left = left >= 1 and prose[left] in ",;" and not prose[left - 1].isspace() and not before.isdigit()
    glued_right = prose[right : right + 1] in (",", ";") and prose[right + 1 : right + 2] not in ("", " ", "\n", "\t")
    return glued_left or glued_right or (after.isupper() and before.isupper())


# A word capitalised to start a sentence: "The", "Maserati", "O'Neill", and a brand
# that is capitalised at the start ("EBay", "IPod"). Not "CurrentTheme" or "OleDLL":
# those are identifiers ("idleConf.CurrentTheme", "ctypes.OleDLL").
CAPITALISED = re.compile(r"[A-Z][A-Z]?[a-z]+(?:['’][a-z]+)?|I['’](?:m|ve|ll|d)")
# An acronym that starts a sentence ("undelivered.US Airways", "plans.BMW's Mini").
ACRONYM = re.compile(r"[A-Z]{2,4}(?:['’]s)?")
# Words that open English sentences. In technical Markdown "net.Server", "http.Client"
# and "ttk.Notebook" are module and class, so there (and before a word of two letters,
# "tkinter.Tk") only a glued opener is reported ("Prices rose.The firm").
OPENERS = word_set(
    """
    The This That These Those There Their They Then Thus Its It In On At As An And Also
    After Although Another All Any Before But By Both Because Each Even Every For From
    He Her His However How If Instead Many Meanwhile Most Much My No Not Now Of Once One
    Only Other Our She Since So Some Still Such That We What When Where Whether Which
    While Who Why With Without Yet You Your I A Last Next First Further Moreover Mr Mrs
    Ms Dr Sir To Here
    """
)
# A word glued inside these is a name in code or markup: "{net.Socket}", "#cd.Page",
# "refs/{heads,tags}", "-Wl,invalid", "%C(auto,blue)", "`a,b`".
IDENTIFIER_LEFT = frozenset("{[<\"'`/\\#%$@=_.:-~|")
IDENTIFIER_RIGHT = frozenset("}])>`(_/\\@=:*")


def _identifier(prose: str, index: int, before: str, after: str) -> bool:
    """Whether the glued words are a name in code: an identifier context on either side."""
    start = index - len(before)
    left = prose[start - 1 : start]
    right = prose[index + 1 + len(after) : index + 2 + len(after)]
    if left in (".", ",") and before[:1].isdigit():
        left = ""  # "$3.27bn.EBay": a number, not a dotted name
    if left == "-" and prose[start - 2 : start - 1].isalnum():
        left = ""  # "ski-maker,have": a hyphenated word; "-Wl,invalid" is an option
    return (left != "" and left in IDENTIFIER_LEFT) or (right != "" and right in IDENTIFIER_RIGHT)


def _sentence_start(prose: str, index: int, before: str, after: str, *, markdown: bool) -> bool:
    """The word after the mark starts a sentence: capitalised, then lowercase letters."""
    follows = prose[index + 1 + len(after) : index + 2 + len(after)]
    if CAPITALISED.fullmatch(after):
        if (markdown or len(after) <= 2) and re.split("['’]", after)[0] not in OPENERS:
            return False
        if markdown and before.isupper() and len(before) <= 2:
            return False  # "ES.Next", "JS.Foo": a name in technical writing
    elif after in ("A", "I") or ACRONYM.fullmatch(after):
        # "Ispat.A combination", "undelivered.US Airways", "in 2005.GM said": after a
        # plain word of four letters or more or a number, not "Math.PI" or "os.O_RDONLY".
        if markdown and after not in OPENERS:
            return False
        plain = before.islower() or (after in ("A", "I") and before[1:].islower())
        word = before.isalpha() and len(before) >= 4 and plain
        if not ((word or before.isdigit()) and follows in (" ", "\n")):
            return False
    else:
        return False
    if (
        not before
        or is_abbreviation(before, after_number=follows_number(prose, index, before))
        or _identifier(prose, index, before, after)
    ):
        return False
    # "System.Collections.Generic", "os.path.Join": the capitalised word is dotted on.
    if re.match(r"\.[^\W\d_]", prose[index + 1 + len(after) : index + 3 + len(after)]):
        return False
    # "idleConf.Theme", "DataFrame.Apply": a word with an inner capital is an identifier;
    # an acronym before the period is not ("NATO.The").
    return before.isupper() or before[1:] == before[1:].lower()
