"""ENC008, ENC009 and ENC010: control, invisible and bidirectional-control characters."""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Fix, Severity, Violation, rule
from doclint.models import Document
from doclint.plugins.encoding._common import (
    REMOVABLE,
    ZERO_WIDTH,
    ZERO_WIDTH_CHARS,
    ascii_around,
    char_name,
    holds_any,
    invisible_needed,
    neighbours,
    removable_span,
    show,
    span_holding,
)
from doclint.plugins.encoding.mojibake import is_reported, line_looks_bad, mojibake_repairs

# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls. A
# terminal escape sequence ("\x1b[31m") is one finding, not one per character.
CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_CHARS = "".join(chr(code) for code in range(0xA0) if CONTROL.fullmatch(chr(code)))
# A form feed alone on its line is a page break (Project Gutenberg texts, old manuals).
PAGE_BREAK = re.compile(r"(?:^|(?<=\n))[ \t]*\x0c[ \t\r]*(?=\n|$)")

BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    return (text[start - 1] if start > 0 else "", text[end] if end < len(text) else "")


@rule(code="ENC008", name="control-character", severity=Severity.ERROR, fixable=True)
def control_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds control characters in text: C0 controls other than tab and line breaks, and C1.

    It reports C0 control characters other than tab, line feed and carriage return (such as
    U+001B ESCAPE, or a whole terminal colour sequence `\x1b[31m`), U+007F DELETE, and
    C1 controls (U+0080 to U+009F). A C1 control that stands where Windows-1252 has a
    punctuation mark (U+0096 between two numbers, U+0093 before a word) is a mis-decoded
    dash or quote and is named as such. A form feed alone on its line is a page break
    and is not reported. Mojibake that ENC001 reports is not reported again.

    ## Why is this bad?
    Control characters are invisible or garbled in most viewers, break tokenisers and
    JSON encoders, and split words ("Fr\x1bance") so that they no longer match.

    ## Example
    ```text
    A \x96 B, and the la\x96unch of Fr\x1bance's bid
    ```

    Use instead:
    ```text
    A – B, and the launch of France's bid
    ```

    ## Fix safety
    The fix is safe: it removes the control character, or, where it stands for a
    Windows-1252 punctuation mark, replaces it with that mark. For a C1 control the fix
    is safe only between ASCII characters, and only when its line does not otherwise
    look like mojibake: a C1 control next to other non-ASCII characters is more likely
    a byte of mojibake, and fixing it alone could leave (or make) mojibake that ftfy
    would then repair differently.
    """
    text = doc.text
    if not holds_any(text, _CONTROL_CHARS):
        return
    page_breaks = set()  # PAGE_BREAK starts with a lookbehind: the regex cannot skip to a form feed itself
    if "\x0c" in text:
        page_breaks = {m.group().index("\x0c") + m.start() for m in PAGE_BREAK.finditer(text)}
    covered: list[tuple[int, int]] = []
    if re.search("[\x80-\x9f]", text):
        covered = _reported_spans(doc)
    for match in CONTROL.finditer(text):
        start, end = match.span()
        char = match.group()
        if start in page_breaks or ("\x80" <= char <= "\x9f" and span_holding(covered, start)):
            continue  # a page break, or a C1 control that is a byte of ENC001's mojibake
        if len(char) > 1:
            message = f"Terminal escape sequence {show(char)}"
            replacement = ""
        elif "\x80" <= char <= "\x9f":
            message, replacement = _c1_meaning(text, start, char)
        else:
            message = f"Control character {char_name(char)}{_inside(text, start)}"
            replacement = ""
        safe = len(char) > 1 or char < "\x80" or (ascii_around(text, start) and not line_looks_bad(doc, start))
        yield Violation(start, end, message, fix=Fix.replace(start, end, replacement, safe=safe))


def _soft_hyphen_goes_safely(doc: Document, index: int) -> bool:
    """True when removing the soft hyphen at ``index`` cannot make mojibake.

    Its neighbours must be ASCII once the characters removed in the same round are gone
    (other invisible characters, and C1 controls that ENC008 safely removes).
    """
    gone = functools.partial(c1_goes_safely, doc)
    return ascii_around(doc.text, index, gone) and not line_looks_bad(doc, index)


def c1_goes_safely(doc: Document, index: int) -> bool:
    """True when ENC008 safely removes the character at ``index``, a C1 control."""
    text = doc.text
    char = text[index]
    if not "\x80" <= char <= "\x9f" or span_holding(_reported_spans(doc), index):
        return False
    _, replacement = _c1_meaning(text, index, char)
    return not replacement and ascii_around(text, index) and not line_looks_bad(doc, index)


def _reported_spans(doc: Document) -> list[tuple[int, int]]:
    """The spans of ENC001's findings, in order (none overlaps another), found once per document."""
    spans = _REPORTED_SPANS.get(doc)
    if spans is None:
        spans = _REPORTED_SPANS[doc] = sorted((r.start, r.end) for r in mojibake_repairs(doc) if is_reported(doc, r))
    return spans


_REPORTED_SPANS: weakref.WeakKeyDictionary[Document, list[tuple[int, int]]] = weakref.WeakKeyDictionary()


def _c1_meaning(text: str, start: int, char: str) -> tuple[str, str]:
    """What a C1 control stands for: a Windows-1252 mark, or nothing."""
    mark = char.encode("latin-1").decode("windows-1252", errors="ignore")
    before, after = _neighbours(text, start, start + 1)
    inside_word = _is_letter(before) and _is_letter(after)
    # Between letters only an apostrophe makes sense ("don\x92t"); a dash there is noise.
    if mark and (not inside_word or mark in "‘’"):
        return f"Control character {char_name(char)} is a mis-decoded {show(mark)} (Windows-1252)", mark
    return f"Control character {char_name(char)}{_inside(text, start)}", ""


@rule(code="ENC009", name="invisible-character", severity=Severity.WARNING, fixable=True)
def invisible_character(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds invisible characters that no script needs: zero-width spaces, soft hyphens, stray BOMs.

    It reports characters that take no space and show nothing: U+200B ZERO WIDTH SPACE and
    U+2060 WORD JOINER (except between letters of scripts written without spaces, such
    as Thai or Japanese, where they mark line breaks), U+200C ZERO WIDTH NON-JOINER and
    U+200D ZERO WIDTH JOINER (except in emoji sequences and in scripts that need them,
    such as Persian, Arabic and the Indic scripts), U+FEFF (a byte order mark anywhere
    but at the very start), U+00AD SOFT HYPHEN and the invisible mathematical operators.

    ## Why is this bad?
    The word looks right but is not: "du\u200bring" does not match "during" in a search,
    a spell checker or a tokenizer, and de-duplication misses the copy.

    ## Example
    ```text
    Sales rose in De\u200bcember after the ta\u00adkeover.
    ```

    Use instead:
    ```text
    Sales rose in December after the takeover.
    ```

    ## Fix safety
    The fix is safe: it removes the character, which changes nothing a reader sees.
    A soft hyphen next to other non-ASCII characters may be a byte of mojibake
    ("ä¸\xadæ–‡" for "中文"), and its removal there is unsafe.
    """
    text = doc.text
    if text.isascii() or not holds_any(text, ZERO_WIDTH_CHARS):
        return
    # The run of removable characters (zero-width ones among them) that the last match
    # stood in: the matches of one run share what stands around it, looked for once, and
    # so whether a soft hyphen of it goes safely (a run lies within a line).
    run, around, soft_hyphen_safe = (0, 0), ("", ""), None
    for match in ZERO_WIDTH.finditer(text):
        start, end = match.span()
        char = match.group()
        if char == "\ufeff" and start == 0:
            continue  # ENC012's business
        if not run[0] <= start < run[1]:
            run = removable_span(text, start, end)
            around, soft_hyphen_safe = neighbours(text, run), None
        before, after = around
        if invisible_needed(char, before, after):
            continue
        where = " not at the start of the text" if char == "\ufeff" else ""
        inside = _inside(text, start)
        if char == "\u00ad" and soft_hyphen_safe is None:
            soft_hyphen_safe = _soft_hyphen_goes_safely(doc, start)
        yield Violation(
            start,
            end,
            f"Invisible character {char_name(char)}{where}{inside}",
            # A soft hyphen may be part of mojibake ("ä¸\xadæ–‡"): removed safely only
            # between ASCII characters.
            fix=Fix.replace(
                start,
                end,
                "",
                safe=char != "\u00ad" or bool(soft_hyphen_safe),
            ),
        )


def _word_around(text: str, index: int) -> str:
    """The word that the character at ``index`` splits, without its invisible characters.

    Up to ``WORD_REACH`` characters on either side, then "…": a run of text with no space
    (Chinese, an identifier, a hash) is no word, and each of its characters would show it.
    The longest words, soft hyphens and all, are shown whole.
    """
    start = index
    while start > max(0, index - WORD_REACH) and _in_word(text[start - 1]):
        start -= 1
    end = index + 1
    while end < min(len(text), index + 1 + WORD_REACH) and _in_word(text[end]):
        end += 1
    before = "…" if start == index - WORD_REACH and start > 0 and _in_word(text[start - 1]) else ""
    after = "…" if end == index + 1 + WORD_REACH and end < len(text) and _in_word(text[end]) else ""
    return before + REMOVABLE.sub("", text[start:index] + text[index + 1 : end]) + after


WORD_REACH = 100


def _in_word(char: str) -> bool:
    return char.isalnum() or REMOVABLE.match(char) is not None


def _inside(text: str, index: int) -> str:
    """ " inside 'word'" when the character at ``index`` touches a letter or digit."""
    before, after = _neighbours(text, index, index + 1)
    return f" inside {show(_word_around(text, index))}" if before.isalnum() or after.isalnum() else ""


@rule(code="ENC010", name="bidi-control", severity=Severity.ERROR, fixable=True)
def bidi_control(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069).

    It reports the bidirectional formatting controls that embed, override or isolate the
    direction of text: LRE, RLE, PDF, LRO, RLO (U+202A to U+202E) and LRI, RLI, FSI,
    PDI (U+2066 to U+2069). The marks LRM and RLM, which right-to-left text uses
    legitimately, are not reported.

    ## Why is this bad?
    These controls make text display in an order different from the order it is stored
    in, so what a reviewer reads is not what a program or a model gets (the "Trojan
    Source" attack, CVE-2021-42574).

    ## Example
    ```text
    The file is called invoice\u202egpj.exe
    ```

    Use instead:
    ```text
    The file is called invoicegpj.exe
    ```

    ## Fix safety
    The fix removes the control; it is unsafe because the text may then display in a
    different order, which a person should look at.
    """
    text = doc.text
    if text.isascii() or not holds_any(text, _BIDI_CHARS):
        return
    for match in BIDI_CONTROL.finditer(text):
        start, end = match.span()
        yield Violation(
            start,
            end,
            f"Bidirectional control {char_name(match.group())}: text displays in a different order than stored",
            fix=Fix.replace(start, end, "", safe=False),
        )
