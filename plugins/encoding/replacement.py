"""ENC002 and ENC003: characters lost in a transcode, as U+FFFD or as a question mark."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Fix, Severity, Violation, rule
from doclint.models import Document
from doclint.plugins.encoding._common import prose_of, span_is_prose
from doclint.plugins.encoding.mojibake import is_reported, mojibake_repairs

REPLACEMENT_RUN = re.compile("\ufffd+")

# Endings that follow an apostrophe in English contractions and possessives.
_CONTRACTION_TAIL = r"(?:s|t|d|ll|re|ve|m)(?![^\W\d_])"
APOSTROPHE_SLOT = re.compile(r"(?<=[^\W\d_])\ufffd(?=" + _CONTRACTION_TAIL + ")")

# A '?' between letters, a candidate for a lost apostrophe ("don?t", "it?s"); the words
# either side decide (see _lost_apostrophe).
QUESTION_MARK_IN_WORD = re.compile(r"(?<=[^\W\d_])\?(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")
# The first halves of negative contractions, as they stand before the lost apostrophe.
NEGATIONS = frozenset(
    {"ain", "aren", "can", "couldn", "didn", "doesn", "don", "hadn", "hasn", "haven", "isn", "mightn"}
    | {"mustn", "needn", "shan", "shouldn", "wasn", "weren", "won", "wouldn"}
)
PRONOUNS = frozenset(["i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what", "let"])
# Apostrophes in running text: straight or curly, between two letters.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")


def _apostrophe_style(doc: Document) -> str:
    """The apostrophe the document uses elsewhere: curly when it uses any curly one."""
    curly = sum(1 for m in _APOSTROPHE.finditer(prose_of(doc)) if m.group() == "’")
    return "’" if curly else "'"


@rule(code="ENC002", name="replacement-character", severity=Severity.ERROR, fixable=True)
def replacement_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds U+FFFD REPLACEMENT CHARACTER, left where a decoder met bytes it could not read.

    It reports U+FFFD REPLACEMENT CHARACTER ("�"), which a decoder writes in place of bytes it
    could not decode. The original character is lost. Markdown code is not checked, nor
    is a "�" that ends mojibake ("â€�", ENC001's).

    ## Why is this bad?
    The text no longer says what its author wrote: "Thursday�s" or "�42m" readers must
    guess, and a model trained on the text learns to write "�".

    ## Example
    ```text
    The company�s profits rose to �42m.
    ```

    Use instead:
    ```text
    The company’s profits rose to £42m.
    ```

    ## Fix safety
    Only a "�" between a word and a contraction ending ("company�s", "don�t") gets a
    fix, the apostrophe the document uses elsewhere; it is unsafe because the lost
    character may have been something else. Other "�" have no fix: the character is lost.
    """
    if "\ufffd" not in doc.text:
        return  # a plain search, far faster than the regex over a text without it
    apostrophe = None
    mojibake = [(r.start, r.end) for r in mojibake_repairs(doc) if r.lost and is_reported(doc, r)]
    for match in REPLACEMENT_RUN.finditer(doc.text):
        start, end = match.span()
        if not span_is_prose(doc, start, end) or any(a <= start < b for a, b in mojibake):
            continue  # "â€\ufffd" is ENC001's: mojibake that lost its last byte
        count = end - start
        what = "Replacement character U+FFFD" if count == 1 else f"{count} replacement characters U+FFFD"
        fix = None
        if count == 1 and APOSTROPHE_SLOT.match(doc.text, start):
            apostrophe = apostrophe or _apostrophe_style(doc)
            fix = Fix.replace(start, end, apostrophe, safe=False)
            message = f"{what} where an apostrophe was lost in decoding"
        else:
            message = f"{what}: the original character was lost in decoding"
        yield Violation(start, end, message, fix=fix)


@rule(code="ENC003", name="lossy-question-mark", severity=Severity.WARNING, fixable=True)
def lossy_question_mark(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds a question mark inside a word where a lossy transcode dropped an apostrophe.

    It reports a "?" standing inside a contraction or possessive ("don?t", "it?s",
    "Thursday?s"), where a conversion to an encoding without curly quotes (ASCII,
    Latin-1 with `errors="replace"`) wrote "?" for the character it could not encode.
    A "?" that ends a question, or one in a URL or Markdown code, is never reported.

    ## Why is this bad?
    The word is misspelt, and "?" inside a word makes sentence splitters end the
    sentence there.

    ## Example
    ```text
    I don?t think the board?s plan works.
    ```

    Use instead:
    ```text
    I don’t think the board’s plan works.
    ```

    ## Fix safety
    The fix puts back the apostrophe the document uses elsewhere (curly when it uses
    any); it is unsafe because the lost character is a guess.
    """
    if "?" not in doc.text:
        return  # the prose view is not built
    apostrophe = None
    prose = prose_of(doc)
    for match in QUESTION_MARK_IN_WORD.finditer(prose):
        mark = match.start()
        before = _WORD_BEFORE.search(prose, max(0, mark - 40), mark)
        after = _WORD_AFTER.match(prose, mark + 1)
        if before is None or after is None or not _lost_apostrophe(before.group(), after.group()):
            continue
        apostrophe = apostrophe or _apostrophe_style(doc)
        yield Violation(
            mark,
            mark + 1,
            f"Lossy transcode: the '?' in '{doc.text[before.start() : after.end()]}' stands for a lost apostrophe",
            fix=Fix.replace(mark, mark + 1, apostrophe, safe=False),
        )


def _lost_apostrophe(before: str, after: str) -> bool:
    """True when ``before?after`` can only be a contraction or a possessive.

    "don?t", "it?s", "we?re" and "Thursday?s" are; "colou?r" (a regex) and "a?s" are not:
    a possessive needs a word of three letters or more before it.
    """
    before, after = before.lower(), after.lower()
    if after == "t":
        return before in NEGATIONS
    if after in ("d", "ll", "re", "ve", "m"):
        return before in PRONOUNS
    return after == "s" and (before in PRONOUNS or len(before) >= 3)
