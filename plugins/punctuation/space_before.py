"""PUN001: a space between a word and the punctuation mark that follows it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Fix, Severity, Violation, rule

from .context import in_code_line, per_mark
from .options import punctuation_options

# A word (or a closing bracket or quotation mark), one space, then one mark followed by
# white space or the end of the text. A mark followed by anything else is not trailing
# punctuation: ".mobi", ".5", ":-)", ";)", "...", ",000". A period, "?" or "!" ends a
# sentence only before the end of the line or a capital: "git add -u ." in quotes,
# "nmf . py" and "remove the ? from the query" name the mark, they do not use it. Two
# spaces or more align the columns of a table or a data file ("0087  ; [.0000]"); an
# edit leaves one.
#
# The lookahead up front lets the engine skip to a space before a mark instead of trying
# the lookbehind at every character (five times faster, same matches).
SPACED = re.compile(
    r"""(?=[ \u00a0\u202f][,;:.!?\u00a0\u202f])(?<=[^\W_]|[)\]"”’'])( |[\u00a0\u202f]+)(?:([,;:])(?=\s|$|["”’')\]])|([.!?])(?=[ \t]*$|[ \t]+["“‘'(]?[^\W\d_]))""",
    re.MULTILINE,
)

# A space before a mark, the least any match needs: most texts have none, and SPACED
# (whose scan costs more) is not run over them. One pattern per mark (see per_mark).
ANY_SPACED = per_mark(r"{mark}(?<=[ \u00a0\u202f]{mark})", ",;:.!?")

# Marks of the French convention, spaced and not, counted to tell a habit from a slip.
# Each starts with the rare character and looks behind for the letter: the engine skips
# to the candidates instead of trying every letter.
CONVENTION_SPACED = re.compile(r"[ \u00a0\u202f](?<=[^\W_][ \u00a0\u202f])[;:!?](?=\s)")
CONVENTION_TIGHT = re.compile(r"[;:!?](?<=[^\W_][;:!?])(?=\s)")

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
    line break (the line-start rule, PUN005, judges a mark that opens a line), and the
    space French typography (and old English printing) wants before `; : ! ?`, when
    `french-spacing = true` in `[tool.doclint.punctuation]` or when the text itself
    spaces these marks as a rule (three times at least, and at least as often as not).
    Two or more spaces align a table or a data file, and a spaced colon after a label of
    three words or fewer ("overflow : raised when") is a definition; neither is
    reported. Nor is a period, "?" or "!" followed by a lowercase word: it names the
    mark ("remove the ? from the query", "git add -u .") rather than ending a
    sentence. Code, URLs and link targets in Markdown are not looked at.

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
    prose = document.prose
    french_option = punctuation_options(options).french_spacing
    if not any(pattern.search(prose) for pattern in ANY_SPACED):
        return
    french: bool | None = None  # the text's convention, counted at the first French mark
    for match in SPACED.finditer(prose):
        space, mark = match.group(1), match.group(2) or match.group(3)
        end = match.end()
        if mark in FRENCH:
            if french is None:
                french = french_option or _spaced_by_convention(prose)
            if french:
                continue
        if set(space) & DELIBERATE:
            continue
        if match.group(3) and not _sentence_follows(prose, end):
            continue
        if in_code_line(document, match.start()):
            continue
        if mark == "." and _in_ellipsis(prose, end - 1):
            continue
        if mark in ":;" and _emoticon(prose, end):
            continue
        if mark == ":" and _label(prose, match.start(1)):
            continue
        yield Violation(
            match.start(1),
            end,
            f"Space before {NAMES[mark]}: '{prose[match.start(1) - 1]}{space}{mark}'",
            fix=Fix.replace(match.start(1), match.end(1), ""),
        )


def _spaced_by_convention(prose: str) -> bool:
    """Whether the text spaces ``; : ! ?`` as a rule: French, or old English printing.

    Three spaced marks at least, and at least as many as unspaced ones: one slip in an
    English text is damage, a habit kept throughout is a typographic convention.
    """
    spaced = len(CONVENTION_SPACED.findall(prose))
    return spaced >= 3 and spaced >= len(CONVENTION_TIGHT.findall(prose))


def _sentence_follows(prose: str, index: int) -> bool:
    """The end of the line, or a capital letter (after an opening quote): a new sentence."""
    rest = prose[index : index + 4].lstrip(" \t").lstrip("\"“‘'(")
    return not rest or rest[0] in "\r\n" or rest[0].isupper()


def _in_ellipsis(prose: str, index: int) -> bool:
    """A period of a spaced ellipsis (". . .") rather than a lone sentence end."""
    before = prose[max(0, index - 2) : index]
    after = prose[index + 1 : index + 3]
    return before.endswith((". ", ".")) or after.startswith((" .", "."))


def _emoticon(prose: str, index: int) -> bool:
    return bool(re.match(r"-?[()DPpO/\\|3\]\[]", prose[index : index + 2]))


def _label(prose: str, index: int) -> bool:
    """A spaced colon after a short label ("overflow : raised", "File : Open"), not prose."""
    line_start = prose.rfind("\n", 0, index) + 1
    return len(prose[line_start:index].split()) < 4
