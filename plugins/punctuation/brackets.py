"""PUN006: a bracket without its partner in the same paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Severity, Violation, rule
from doclint.text import MASK

from .context import in_code_line

PAIRS = {")": "(", "]": "[", "}": "{"}
# How far (in characters) an opener may wait for its closer in a later paragraph.
CARRY = 2000
# More unmatched brackets than this in one document: a list, a formula or verse.
MAX_REPORTS = 2
OPENERS = {opener: closer for closer, opener in PAIRS.items()}
NAMES = {"(": "parenthesis", ")": "parenthesis", "[": "bracket", "]": "bracket", "{": "brace", "}": "brace"}

# Closers that are not closing anything. Enumerators: "a)", "1)", "iv)", "(2)" at the
# start of a line or after white space (LanguageTool's exception for "a) first, b)
# second"); emoticons: ":)", ":-(", ";-)", "8)", ":]". Reversed ones ("(:") are left
# out: "(see below):" ends a parenthesis with a colon far more often than it smiles,
# and an emoticon stands after a space: "Scotland (8)" and "(10-8)" are no smileys.
ENUMERATOR = re.compile(r"(?:(?<=\s)|(?<=^))(?:[0-9]{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,5})\)", re.MULTILINE)
EMOTICON = re.compile(
    r"[:;=][-'^o]?[()\[\]{}](?![^\W_])|(?:(?<=\s)|^)[8xX][-'^o]?[()\[\]{}](?![^\W_])|\^_?\^\)", re.MULTILINE
)
# A half-open interval in mathematics: "[0, 1)", "(0, 1]", "[a, b)".
INTERVAL = re.compile(r"[\[(]\s*[-+]?[\w.∞]+\s*,\s*[-+]?[\w.∞]+\s*[\])]")
# A bracket inside a short straight-quoted string or a quoted token names a key or an
# option: the "e)dit" option, "git add --chmod={+,-}x <pathspec>", '(extra'.
QUOTED_TOKEN = re.compile(r"\"[^\"\n]{0,40}\"|'[^\s']*[()\[\]{}][^\s']*'")


@rule(code="PUN006", name="unmatched-bracket", severity=Severity.WARNING)
def unmatched_bracket(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks that every parenthesis, square bracket and brace in a paragraph has its
    partner in the same paragraph. Plain text only: in Markdown, brackets are syntax
    (links, footnotes, task lists, admonitions such as `[!TIP]`) and technical prose
    uses them too freely for an unmatched one to mean damage.

    Not reported: enumerators ("a)", "1)", "iv)"), emoticons (":)", ";-)", "8)"; one
    that closes an open parenthesis closes it), half-open intervals ("[0, 1)"), a
    bracket in a short quoted string ("the "e)dit" option") or on a line that looks
    like code, a closing bracket right after a URL (one that ended in "(bar)"), an
    opener closed a few paragraphs later (an "[Illustration: ...]" or an aside that
    runs over a blank line), a paragraph without a letter (a lone "}" of code), and any
    document with three unmatched brackets or more: it is more likely a list, a
    formula or verse than damaged prose.

    ## Why is this bad?
    An opening parenthesis that is never closed makes the rest of the paragraph an
    aside; a closing one without an opener is usually the debris of a cut. Both are
    signs of text lost in editing or extraction.

    ## Example
    ```text
    The firm (which was founded in 1998 said profits rose.
    ```

    Use instead:
    ```text
    The firm (which was founded in 1998) said profits rose.
    ```
    """
    if document.is_markdown:
        return
    prose = document.prose
    if not any(char in prose for char in "()[]{}"):
        return  # no block holds a bracket, and none is ever carried: nothing to report
    # Openers left open by the paragraphs before: a Gutenberg "[Illustration: ..." or a
    # parenthesis in verse may run over a blank line and close a few paragraphs later.
    carried: list[tuple[int, str]] = []
    reports: list[tuple[int, str]] = []
    for block in document.blocks:
        text = prose[block.start : block.end]
        if not carried and not any(char in text for char in "()[]{}"):
            continue  # nothing to match and nothing carried: the steps below change nothing
        if not any(char.isalpha() for char in text):
            continue  # a lone "}" or "[ ]": a fragment of code or a form, not prose
        openers, closers = _unmatched(text)
        openers = [index for index in openers if not in_code_line(document, block.start + index)]
        closers = [index for index in closers if not in_code_line(document, block.start + index)]
        for index in closers:
            char = prose[block.start + index]
            if carried and carried[-1][1] == PAIRS[char]:
                carried.pop()
            else:
                reports.append((block.start + index, char))
        carried.extend((block.start + index, prose[block.start + index]) for index in openers)
        carried = [(offset, char) for offset, char in carried if block.end - offset < CARRY]
    reports.extend(carried)
    # A document with brackets this loose is a formula, a list or verse, not damaged prose.
    if len(reports) > MAX_REPORTS:
        return
    for offset, char in sorted(reports):
        kind = "Unclosed" if char in OPENERS else "Unopened"
        yield Violation(offset, offset + 1, f"{kind} {NAMES[char]}: '{char}' has no partner in the paragraph")


def _unmatched(text: str) -> tuple[list[int], list[int]]:
    """Offsets of the openers and closers of ``text`` that have no partner in it."""
    if not any(char in text for char in "()[]{}"):
        return [], []
    hidden = _hidden(text)
    # An emoticon's ")" closes a parenthesis when one is open ("%(refname:)") and is a
    # smile otherwise ("great :)"); its "(" is never an opener.
    soft = {index for match in EMOTICON.finditer(text) for index in range(match.start(), match.end())}
    closers: list[int] = []
    stack: list[int] = []
    for index, char in enumerate(text):
        if index in hidden:
            continue
        if char in OPENERS and index not in soft:
            stack.append(index)
        elif char in PAIRS:
            if stack and text[stack[-1]] == PAIRS[char]:
                stack.pop()
            elif index in soft:
                continue
            elif text[max(0, index - 20) : index].rstrip(")]}.,;:!?\"'”’").endswith(MASK):
                continue  # a URL that ended in "(bar)" kept its "(" and lost its ")"
            else:
                closers.append(index)
    return stack, closers


def _hidden(text: str) -> set[int]:
    """Offsets of brackets that are not brackets: enumerators, intervals, quoted tokens."""
    hidden: set[int] = set()
    for pattern in (ENUMERATOR, INTERVAL, QUOTED_TOKEN):
        for match in pattern.finditer(text):
            hidden.update(index for index in range(match.start(), match.end()) if text[index] in "()[]{}")
    return hidden
