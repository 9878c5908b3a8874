"""PUN001: a space between a word and the punctuation mark that follows it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule

from .options import punctuation_options

# A word (or a closing bracket or quotation mark) then spaces, then one mark followed by
# white space or the end of the text. A mark followed by anything else is not trailing
# punctuation: ".mobi", ".5", ":-)", ";)", "...", ",000".
SPACED = re.compile(r"""(?<=[^\W_]|[)\]"”’'])([ \t\u00a0\u202f]+)([,.;:!?])(?=\s|$|["”’')\]])""")

# French typography puts a (thin) no-break space before these four.
FRENCH = frozenset(";:!?")
# A no-break space before a mark is never an accident of editing: it was typed on purpose.
DELIBERATE = frozenset("\u00a0\u202f")

NAMES = {",": "comma", ".": "period", ";": "semicolon", ":": "colon", "!": "exclamation mark", "?": "question mark"}


@rule(code="PUN001", name="space-before-punctuation", severity=Severity.WARNING, fixable=True)
def space_before_punctuation(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Checks for a space between a word and the comma, period, semicolon, colon,
    exclamation or question mark that follows it ("yet , the spokesman").

    Not reported: a mark that does not end a word (".mobi", ".5", "a :-) smiley", a
    spaced ellipsis "wait . . ." or "wait ..."), a no-break space (typed on purpose), a
    line break (the line-start rule, PUN005, judges a mark that opens a line), and, when
    `french-spacing = true` in `[tool.doclint.punctuation]`, the space French typography
    wants before `; : ! ?`. Code, URLs and link targets in Markdown are not looked at.

    ## Why is this bad?
    English puts no space before these marks. A stray space is usually left behind when
    a word was deleted or a sentence re-joined by a careless edit or an extraction tool,
    and it makes the text look broken to readers and unusual to models trained on it.

    ## Example
    ```text
    The deal will not close for some time yet , the spokesman said .
    ```

    Use instead:
    ```text
    The deal will not close for some time yet, the spokesman said.
    ```

    ## Fix safety
    The fix deletes the space. It is safe: the mark stays where it is.
    """
    french = punctuation_options(options).french_spacing
    prose = document.prose
    for match in SPACED.finditer(prose):
        space, mark = match.group(1), match.group(2)
        if french and mark in FRENCH:
            continue
        if set(space) & DELIBERATE:
            continue
        if mark == "." and _ellipsis_or_initial(prose, match.start(2)):
            continue
        if mark in ":;" and _emoticon(prose, match.end(2)):
            continue
        yield Violation(
            match.start(1),
            match.end(2),
            f"Space before {NAMES[mark]}: '{prose[match.start(1) - 1]}{space}{mark}'",
            fix=Fix.replace(match.start(1), match.end(1), ""),
        )


def _ellipsis_or_initial(prose: str, index: int) -> bool:
    """A period of a spaced ellipsis (". . .") rather than a lone sentence end."""
    before = prose[max(0, index - 2) : index]
    after = prose[index + 1 : index + 3]
    return before.endswith((". ", ".")) or after.startswith((" .", "."))


def _emoticon(prose: str, index: int) -> bool:
    return bool(re.match(r"-?[()DPpO/\\|3\]\[]", prose[index : index + 2]))
