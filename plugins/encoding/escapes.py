"""ENC006 and ENC007: backslashes left in prose by an export or a string dump."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Fix, Severity, Violation, rule
from doclint.models import Document
from doclint.plugins.encoding._common import (
    BACKSLASH_MARKUP,
    ESCAPED_BREAKS,
    ESCAPED_LINE_BREAK,
    line_break,
    prose_view,
    show,
)
from doclint.plugins.encoding.mojibake import creates_mojibake

# The punctuation Markdown, SQL and LaTeX exports escape. A backslash before a letter is
# not here: "C:\Users" is a path, "\n" is ENC007's. A doubled backslash is an escaped
# backslash, not an escape.
ESCAPED_MARKUP = re.compile(r"(?<!\\)\\([$*_'\"%#&~`|<>{}\[\]])")

# Literal escape sequences from a string dump (JSON, Python repr); for "\n", "\r" and "\t"
# see ESCAPED_BREAKS.
LITERAL_ESCAPE = re.compile(
    r"(?<!\\)(?:"
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a surrogate pair
    r"|\\u[0-9a-fA-F]{4}"
    r"|\\U[0-9a-fA-F]{8}"
    r"|\\x[0-9a-fA-F]{2}"
    rf"|{ESCAPED_BREAKS}"
    r")",
    re.MULTILINE,
)


def _describe_breaks(decoded: str) -> str:
    """ "2 line breaks and a tab": what a run of "\\n" and "\\t" stands for."""
    parts = []
    for char, name in (("\n", "line break"), ("\t", "tab")):
        count = decoded.count(char)
        if count:
            parts.append(f"a {name}" if count == 1 else f"{count} {name}s")
    return " and ".join(parts)


def _decode(sequence: str, newline: str) -> tuple[str, bool]:
    """The text an escape sequence stands for, and whether replacing it is safe."""
    if sequence[1] in "nrt":
        decoded = sequence.replace("\\r\\n", "\\n").replace("\\r", "\\n").replace("\\t", "\t").replace("\\n", newline)
        return decoded, True
    if sequence[1] == "x":
        byte = int(sequence[2:], 16)
        # A byte of 0x80-0x9F in a dump is almost always Windows-1252 ("\x92" for "’"),
        # but which codec the byte belonged to is a guess.
        return bytes([byte]).decode("windows-1252", errors="ignore") or chr(byte), False
    decoded = sequence.encode("ascii").decode("unicode_escape", errors="ignore")
    decoded = decoded.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")
    safe = len(decoded) >= 1 and decoded.isprintable() and "\ufffd" not in decoded
    return decoded, safe


# A Windows path ("C:\x86\bin", "\\server\share") holds backslashes that are not escapes.
_WINDOWS_PATH = re.compile(r"(?:[A-Za-z]:|\\)\\")


def _in_windows_path(text: str, index: int) -> bool:
    """True when the word holding ``text[index]``, an escape, starts like a Windows path.

    The escapes this rule makes line breaks end a word too ("\\\\a\\n\\u2019" is two
    words), as they will once fixed; a "\\t" does not ("C:\\t\\x64" is one path).
    """
    start = index
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    for match in ESCAPED_LINE_BREAK.finditer(text, start, index):  # the escape at index satisfies their lookahead
        start = match.end()
    return _WINDOWS_PATH.match(text, start) is not None


def _decode_all(text: str) -> str:
    return LITERAL_ESCAPE.sub(lambda match: _decode(match.group(), "\n")[0], text)


@rule(code="ENC006", name="escaped-markup", severity=Severity.WARNING, fixable=True)
def escaped_markup(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds punctuation escaped with a backslash (`\$`, `\*`, `\_`, `\'`) in plain text.

    It reports a backslash before punctuation that Markdown, SQL or LaTeX exports escape
    (`\$240 billion`, `Bank\'s`, `\*`, `\_`, `\%`, `\"`), left in plain text. Markdown,
    reStructuredText and LaTeX files are not checked, where a backslash escape is the
    format's own syntax; URLs are not checked either.

    ## Why is this bad?
    The backslash is not part of the text: readers see "\$240", and a model learns
    to write backslashes before dollar signs.

    ## Example
    ```text
    Trade rose to \$240 billion, the bank\'s report said.
    ```

    Use instead:
    ```text
    Trade rose to $240 billion, the bank's report said.
    ```

    ## Fix safety
    The fix is safe: it removes the backslash and keeps the punctuation.
    """
    if doc.is_markdown or doc.suffix in BACKSLASH_MARKUP or "\\" not in doc.text:
        return  # the regex cannot skip to a backslash by itself: it starts with a lookbehind
    view = prose_view(doc)
    for match in ESCAPED_MARKUP.finditer(view.text):
        start, end = view.span(*match.span())
        yield Violation(
            start,
            end,
            f"Escaped markup: backslash before {show(match.group(1))} (left by an export)",
            fix=Fix.replace(start, start + 1, "", safe=not creates_mojibake(doc, start, start + 1, "")),
        )


@rule(code="ENC007", name="literal-escape-sequence", severity=Severity.WARNING, fixable=True)
def literal_escape_sequence(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds escape sequences written out in prose (`\n`, `\u2019`, `\x92`).

    It reports escape sequences that a JSON or Python string dump wrote out instead of the
    characters they stand for: `\u2019` and `\U0001F600` (and surrogate pairs such as
    `\ud83d\ude00`), `\x92`, and `\n`, `\r`, `\t` where what follows shows they were
    line breaks or tabs (`year.\n\nThe`). LaTeX commands such as `\newline`, `\nu` and
    `\theta` are not escapes. Markdown code spans and blocks, and URLs, are not checked.

    ## Why is this bad?
    Readers see "\n\n" where a paragraph break belongs and "show\u2019s" for
    "show’s"; the paragraphs run together and the words are unsearchable.

    ## Example
    ```text
    Profits fell.\n\nThe show\u2019s ratings rose.
    ```

    Use instead:
    ```text
    Profits fell.

    The show’s ratings rose.
    ```

    ## Fix safety
    Replacing `\n`, `\r`, `\t` and a `\u` escape of a printable character is safe.
    The fix of `\x..` is unsafe: it reads the byte as Windows-1252, which is a guess.
    """
    if "\\" not in doc.text:
        return  # the regex cannot skip to a backslash by itself: it starts with a lookbehind
    newline = line_break(doc.text)
    view = prose_view(doc)
    for match in LITERAL_ESCAPE.finditer(view.text):
        start, end = view.span(*match.span())
        sequence = match.group()
        # In a Windows path, "\x64" and "\t" are names ("C:\t\x64"); a line break ends the path.
        tabs_only = sequence[1] == "t" and "\\n" not in sequence and "\\r" not in sequence
        if (sequence[1] in "xuU" or tabs_only) and _in_windows_path(view.text, match.start()):
            continue
        decoded, safe = _decode(sequence, newline)
        safe = safe and not creates_mojibake(doc, start, end, decoded, _decode_all)
        meaning = _describe_breaks(decoded) if sequence[1] in "nrt" else show(decoded)
        yield Violation(
            start,
            end,
            f"Literal escape sequence '{sequence}' in prose: it stands for {meaning}",
            fix=Fix.replace(start, end, decoded, safe=safe) if decoded else None,
        )
