"""ENC011 to ENC014: the file as a whole: its encoding, BOM, line endings, normalization."""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Edit, Fix, Severity, Violation, rule
from doclint.models import Document
from doclint.plugins.encoding._common import DECOMPOSED, LINE_BREAK, composes, show
from doclint.plugins.encoding.mojibake import creates_mojibake

_ENDING_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


def _char_offset(doc: Document, byte_offset: int) -> int:
    """The character offset of a byte offset of the file, as near as the codec allows."""
    try:
        encoded = doc.text.encode(doc.decoding.encoding)
    except (LookupError, UnicodeError):
        return 0
    bom = len(codecs.BOM_UTF8) if doc.decoding.bom else 0
    prefix = encoded[: max(0, byte_offset - bom)]
    return min(len(prefix.decode(doc.decoding.encoding, errors="ignore")), len(doc.text))


@rule(code="ENC011", name="invalid-utf8", severity=Severity.ERROR)
def invalid_utf8(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds files that are not valid UTF-8, naming the encoding they seem to be in.

    Reports a file whose bytes are not valid UTF-8, with the offset of the first byte
    that is not, and the encoding charset-normalizer detects (which doclint used to read
    the file). The finding points at the character that byte became.

    ## Why is this bad?
    Tools that assume UTF-8 (most of them) fail on the file or, worse, decode it with
    replacement characters or as mojibake; a folder of documents should have one
    encoding.

    ## Example
    A file saved as Windows-1252: `caf\xe9` (the byte 0xE9 for "é").

    Use instead: the same text saved as UTF-8: `caf\xc3\xa9`.
    """
    decoding = doc.decoding
    if decoding.valid_utf8:
        return
    bad = decoding.bad_byte
    offset = _char_offset(doc, bad) if bad is not None else 0
    end = min(offset + 1, len(doc.text))
    at = f"byte {bad} (0x{bad:x})" if bad is not None else "an unknown byte"
    yield Violation(offset, end, f"File is not valid UTF-8: first bad {at}; it reads as {decoding.encoding}")


@rule(code="ENC012", name="byte-order-mark", severity=Severity.INFO, fixable=True)
def byte_order_mark(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Reports a UTF-8 byte order mark at the start of a file.

    Reports a file that starts with the UTF-8 byte order mark (the bytes EF BB BF,
    U+FEFF). A BOM elsewhere in the text is ENC009's.

    ## Why is this bad?
    UTF-8 needs no byte order mark. Many tools take it for text: it ends up as an
    invisible first character of the first word, or breaks a header, a shebang or JSON.
    It is only worth knowing, so it is reported as info.

    ## Example
    A file whose first bytes are `EF BB BF 54 68 65` ("\ufeffThe").

    Use instead: the file without the first three bytes ("The").

    ## Fix safety
    When the BOM is part of the text, the fix removes it (safe). When the reader already
    took it off, there is nothing in the text to fix: save the file without it.
    """
    if doc.text.startswith("\ufeff"):
        yield Violation(0, 1, "Byte order mark U+FEFF at the start of the text", fix=Fix.replace(0, 1, ""))
    elif doc.decoding.bom:
        yield Violation(0, 0, "File starts with a UTF-8 byte order mark (EF BB BF)")


@rule(code="ENC013", name="line-endings", severity=Severity.WARNING, fixable=True)
def line_endings(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds files with mixed line endings, or with old Mac CR-only line endings.

    Reports a file whose lines end in more than one way (LF, CRLF, CR) at the first line
    that differs from the most common ending, and a file whose lines end in CR alone.

    ## Why is this bad?
    Mixed endings come from pasting texts together; they show as stray "^M" characters,
    break line counts and diffs, and a CR alone is not a line break for most tools, so a
    CR-only file reads as one long line.

    ## Example
    A file with `First line\r\nSecond line\nThird line\r\n`.

    Use instead: one ending throughout, `First line\nSecond line\nThird line\n`.

    ## Fix safety
    The fix is safe: it rewrites every line ending to the most common one (LF for a
    CR-only file).
    """
    text = doc.text
    if "\r" not in text:
        return
    endings = list(LINE_BREAK.finditer(text))
    counts = {kind: 0 for kind in _ENDING_NAMES}
    for match in endings:
        counts[match.group()] += 1
    used = [kind for kind, count in counts.items() if count]
    if used == ["\r\n"]:
        return
    if used == ["\r"]:
        edits = tuple(Edit(m.start(), m.end(), "\n") for m in endings)
        first = endings[0]
        yield Violation(
            first.start(),
            first.end(),
            f"Line endings are CR only ({len(endings)} lines): most tools read the file as one line",
            fix=Fix(edits),
        )
        return
    # LF wins a tie: it is what the fix should leave behind when in doubt.
    common = max(used, key=lambda kind: (counts[kind] if kind != "\r" else 0, kind == "\n"))
    odd = [m for m in endings if m.group() != common]
    first = odd[0]
    summary = ", ".join(f"{counts[kind]} {_ENDING_NAMES[kind]}" for kind in used)
    yield Violation(
        first.start(),
        first.end(),
        f"Mixed line endings ({summary}): this line ends in {_ENDING_NAMES[first.group()]}",
        fix=Fix(tuple(Edit(m.start(), m.end(), common) for m in odd)),
    )


@rule(code="ENC014", name="not-nfc", severity=Severity.WARNING, fixable=True)
def not_nfc(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds letters written in decomposed form ("e" + U+0301) where NFC has one character.

    It reports a Latin, Greek or Cyrillic letter followed by combining marks that Unicode
    normalization form C composes into one character ("é" written as "e" and U+0301
    COMBINING ACUTE ACCENT), as text from macOS file names or some PDF extractors has it.
    Other scripts, whose normalization involves composition exclusions and mark order
    (Hebrew points, Devanagari nukta), are left alone.

    ## Why is this bad?
    The two forms look the same but compare, search and count differently: "café" in
    NFD does not match "café" in NFC, and de-duplication sees two texts.

    ## Example
    ```text
    Cafe\u0301 owner Zoe\u0308 Lopez
    ```

    Use instead:
    ```text
    Café owner Zoë Lopez
    ```

    ## Fix safety
    The fix is safe: it replaces the letter and its marks with their NFC form, which
    is canonically equivalent.
    """
    text = doc.text
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return
    for match in DECOMPOSED.finditer(text):
        cluster = match.group()
        if not composes(cluster):
            continue
        composed = unicodedata.normalize("NFC", cluster)
        start, end = match.span()
        marks = " + ".join(f"U+{ord(c):04X}" for c in cluster[1:])
        yield Violation(
            start,
            end,
            f"Text not in NFC: {show(cluster[0])} + {marks} composes to {show(composed)}",
            fix=Fix.replace(start, end, composed, safe=not creates_mojibake(doc, start, end, composed)),
        )
