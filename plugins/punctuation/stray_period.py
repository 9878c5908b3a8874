"""PUN003: a period inside a sentence, followed by the lowercase word that continues it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule

from .abbreviations import is_abbreviation
from .context import follows_number, word_after, word_before, word_set

# A period right after a letter, then one space or one line break (hard-wrapped text),
# then a letter. Two spaces are the typist's sentence end ("the status lock.  dpkg
# will"): a period slipped into a sentence by an edit has one space after it. The words on both sides are judged below.
# Only plain lowercase ASCII words are judged (see _judged), so the letters on both
# sides are a-z; the period comes before the look behind, so the engine skips to periods.
# A word with an inner period ("e.g.", "u.s.") is never judged either: where the letter
# before that period is ASCII, word_before would take the period in, and _judged
# takes letters only, so such a period is left out here, before any Python runs for it.
CANDIDATE = re.compile(r"\.(?<=[a-z]\.)(?<![A-Za-z]\.[a-z]\.)(?= [a-z]|[ \t]*\r?\n[ \t]*[a-z])")
GAP = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*")

# Words that cannot end an English sentence: an article, a possessive, a preposition
# that needs its object, a conjunction. A period after one of them is stray even in
# technical Markdown, where sentences may start in lower case ("afterwards. so for
# example" in a README taught us that a lowercase word alone proves nothing there).
# Words that do not open a sentence even in the lowercase style of technical writing:
# "the output. of the command".
NEVER_FIRST = word_set("of than whom")

# Particles of surnames that stay lowercase at the start of a sentence ("van Gaal",
# "de Villepin", "al-Assad" is hyphenated and never judged).
ROMAN = re.compile(r"[ivxlcdm]{1,6}")
NAME_PARTICLES = word_set("van von de der den da di du la le al el bin ibn ter dos das")

UNFINISHED = word_set(
    """
    the an of and or nor but because although than whether my your our their its into onto
    from with very were was been being are will would could should must shall this these
    those such every each currently also just is to at for by as be has have had can
    """
)


@rule(code="PUN003", name="stray-period", severity=Severity.WARNING, fixable=True)
def stray_period(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks for a period followed by a lowercase word that continues the sentence ("amid
    the war. in Ukraine", "the. film rights").

    A period after an abbreviation is not reported: Latin and scholarly ones ("e.g.",
    "i.e.", "etc.", "vs.", "cf.", "et al."), dotted ones ("a.m.", "U.S.", "Ph.D."),
    titles and company forms ("Mr.", "St.", "No.", "Inc."), months and days ("Jan.",
    "Tue."), units ("lb.", and "in." or "min." after a number), capitalised US states
    ("Ill."), initials, Roman numerals, and a few German, French and Spanish ones
    ("bzw.", "env."). Nor is a period inside a version number, a decimal, a domain, a
    file name, a URL or an e-mail address (no space follows them), a period followed
    by two spaces (the typist's sentence end: "the lock.  dpkg will"), a numeral that
    opens its line ("ii. a notice"), a name after the period ("utf-8", "b) you
    must"), or a surname particle ("he said. van Gaal agreed"). Only words in Latin
    script are judged.

    In Markdown, where technical writers often start a sentence in lower case, and at
    the end of a line (hard-wrapped text, lists and tables), only a period after a word
    that cannot end a sentence ("the", "of", "will", "their", "is", "to") or before one
    that cannot start it ("of", "than") is reported.

    ## Why is this bad?
    A period in the middle of a sentence cuts it in two for every sentence splitter,
    tokenizer and reader; it is usually left by an editing slip or a broken extraction.

    ## Example
    ```text
    China was urged to cut ties with Russia amid the war. in Ukraine.
    ```

    Use instead:
    ```text
    China was urged to cut ties with Russia amid the war in Ukraine.
    ```

    ## Fix safety
    The fix deletes the period. It is unsafe: the period may instead end a sentence
    whose next word lost its capital letter, so it is offered but not applied by default.
    """
    prose = document.prose
    markdown = document.is_markdown
    for match in CANDIDATE.finditer(prose):
        index = match.start()
        before = word_before(prose, index)
        gap = GAP.match(prose, index + 1).end()
        after = word_after(prose, gap)
        if prose[index - len(before) - 1 : index - len(before)] in ("_", "/", "\\"):
            continue  # "help_about.py", "path/to.": a name, not a word
        if ROMAN.fullmatch(before) and not prose[prose.rfind("\n", 0, index) + 1 : index - len(before)].strip(" \t("):
            continue  # "ii. a notice", "iv. the fourth": a numeral opens its line
        if not _judged(before, after, prose, index, gap + len(after)):
            continue
        if after in NAME_PARTICLES and re.match(r"\s[A-Z]", prose[gap + len(after) : gap + len(after) + 2]):
            continue  # "he said. van Gaal agreed": a surname that keeps its lowercase particle
        wrapped = "\n" in prose[index:gap]
        if (markdown or wrapped) and before.lower() not in UNFINISHED | {"a"} and after not in NEVER_FIRST:
            continue
        yield Violation(
            index,
            index + 1,
            f"Stray period: '{before}. {after}' continues the sentence",
            fix=Fix.replace(index, index + 1, "", safe=False),
        )


def _judged(before: str, after: str, prose: str, index: int, after_end: int) -> bool:
    """Whether the words around the period are plain lowercase words of Latin script."""
    letters = before.replace("'", "").replace("’", "")
    if not (letters.isascii() and letters.isalpha() and before[-1].islower()):
        return False
    # The article "a" is no initial: "above the $47 a. barrel mark".
    if before != "a" and is_abbreviation(before, after_number=follows_number(prose, index, before)):
        return False
    if before == "a" and prose[index - 2 : index - 1] not in (" ", "\n"):
        return False  # "(a. the first" or "5a." is an enumerator
    word = after.replace("'", "").replace("’", "")
    if not (word.isascii() and word.isalpha() and word.islower()):
        return False
    # "etc. e.g. the": the next word is itself dotted; "b) you must": an enumerator;
    # "utf-8", "file_name", "path/to", "key=value": a name, not a word. A hyphenated
    # word is a word: "the. long-term future".
    following = prose[after_end : after_end + 2]
    if re.match(r"\.[^\W\d_]|-\d", following) or following[:1] in ("_", "/", "=", "@", ":"):
        return False
    return not (following[:1] == ")" and len(after) <= 3)
