"""ENC001: mojibake, UTF-8 text decoded with a single-byte codec ("â€™" for "’").

ftfy decides what is mojibake and computes the repair; this module only finds where the
repaired line differs from the original, so that each damaged span is reported with its
own fix. ftfy's judgement is respected as it is (ftfy would rather miss a thousand cases
than change one correct text): what it leaves alone is not reported, with one exception,
"â€" with no third byte, which no correct text holds.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from doclint import Fix, Severity, Violation, rule
from doclint.models import Document
from doclint.plugins.encoding._alignment import INVISIBLE, differences, split_at_kept_controls, trim
from doclint.plugins.encoding._badness import is_bad
from doclint.plugins.encoding._common import (
    C1_CHARS,
    DECOMPOSED,
    INVISIBLE_TO_FTFY,
    INVISIBLE_TO_FTFY_CHARS,
    REMOVABLE,
    View,
    ascii_around,
    compose,
    holds_any,
    invisible_needed,
    lines,
    prose_of,
    show,
    span_holding,
    span_is_prose,
    visible_neighbours,
)

# Only the encoding repair: quotes, ligatures, widths, entities and control characters
# are other rules' business (and uncurling quotes would turn correct text into a "fix").
# Lone C1 controls are left to ENC008, which looks at their neighbours first.
_FTFY_SETTINGS = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_encoding": True,
    "restore_byte_a0": True,
    "replace_lossy_sequences": True,
    "decode_inconsistent_utf8": True,
    "fix_c1_controls": False,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "fix_surrogates": False,
    "remove_control_chars": False,
    "normalization": None,
    "explain": True,
}

# The codec a plan's first "encode" step names, as people know it.
_CODEC_NAMES = {
    "sloppy-windows-1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "iso-8859-2": "Latin-2",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1251": "Windows-1251",
    "windows-1251": "Windows-1251",
    "macroman": "MacRoman",
    "cp437": "code page 437",
}

_C1 = re.compile(r"[\x80-\x9f]")
# The characters _c1_as_fixed may change: the others it gives back as they are.
_FIXED = re.compile(f"{INVISIBLE_TO_FTFY.pattern}|{_C1.pattern}")
# The Windows-1252 reading of E2 80, the first two bytes of every curly quote and dash.
_LOST_BYTE = "â€"
# The Windows-1252 (or Latin-1) readings of the bytes 0x80-0xBF that complete it: "â€"
# before one of these is a whole character, which ftfy judges.
_CONTINUATIONS = frozenset(bytes(range(0x80, 0xC0)).decode("windows-1252", errors="ignore")) | {
    chr(code) for code in range(0x80, 0xC0)
}
# What mojibake cannot lack, so that most documents never reach ftfy's slower test: a
# character of two or more bytes read with a single-byte codec becomes two or more
# non-ASCII characters, unless a byte was lost or became a C1 control or a space
# ("Ã " for "à"), which leaves a C1 control or a Latin-1 reading of a lead byte.
_MAYBE_MOJIBAKE = re.compile(rf"[^\x00-\x7f{INVISIBLE}]{{2}}|[\u0080-\u009f\u00c0-\u00df]")
_C1_MARKS = {chr(code): bytes([code]).decode("windows-1252", errors="ignore") for code in range(0x80, 0xA0)}


@dataclass(frozen=True)
class Repair:
    """A damaged span ``[start, end)`` of the text and the text it stands for."""

    start: int
    end: int
    replacement: str
    codec: str
    lost: bool = False  # a byte of the character was lost: the replacement is a guess
    # False when another repair of the line is a guess (ftfy judges a line as a whole,
    # so applying some of its repairs without the others could change its judgement),
    # and when the repair makes a character that ENC008, ENC009 or ENC012 would then remove.
    certain: bool = True


_CACHE: weakref.WeakKeyDictionary[Document, tuple[Repair, ...]] = weakref.WeakKeyDictionary()


def mojibake_repairs(doc: Document) -> tuple[Repair, ...]:
    """Every span ftfy repairs in ``doc``, cached per document (ENC008 asks too)."""
    repairs = _CACHE.get(doc)
    if repairs is None:
        repairs = tuple(_find_repairs(doc))
        _CACHE[doc] = repairs
    return repairs


def is_reported(doc: Document, repair: Repair) -> bool:
    """True when ENC001 reports ``repair``: not a lone C1 control, and in prose."""
    original = doc.text[repair.start : repair.end]
    if not repair.replacement or _only_c1_changes(original, repair.replacement):
        return False  # lone C1 controls: ENC008 judges them by their neighbours
    return span_is_prose(doc, repair.start, repair.end)


def creates_mojibake(
    doc: Document, start: int, end: int, replacement: str, decode: Callable[[str], str] | None = None
) -> bool:
    """True when replacing ``text[start:end]`` would leave something ftfy calls mojibake.

    Decoding "\\u00c3\\u00a9" or "&Atilde;&copy;" gives "Ã©": such a fix is offered as
    unsafe, so that applying the safe fixes twice changes nothing more than applying them
    once. The edit's line is judged as ftfy judges it, whole, with the safe fixes made:
    ENC001's repairs, ``decode`` (when given) applied to the rest of the line, so that
    "&Atilde;&copy;" is judged as the "Ã©" its fixes together make, and ENC008's.

    Of a line longer than ``2 * JUDGED_REACH`` characters, only the ``JUDGED_REACH``
    characters either side of the edit are judged: each escape of a 200 KB line of
    JSON-escaped text read and decoded the whole line again (38 s in all). ftfy's test of
    badness looks at a few characters at a time, so what is judged is what the edit can
    make; only mojibake far from it, which its own finding reports, is left out.
    """
    if replacement.isascii() and not replacement.startswith(" ") and not replacement.endswith(" "):
        return False  # mojibake needs non-ASCII characters side by side, or one and a space
    return _looks_bad(_line_after_fixes(doc, start, (start, end, replacement), decode))


JUDGED_REACH = 1000


def line_looks_bad(doc: Document, offset: int) -> bool:
    """True when the line of ``offset`` looks like mojibake to ftfy once the fixes are made.

    The fixes are ENC001's safe repairs and ENC008's for control characters (a C1 control
    read as Windows-1252). A C1 control keeps ftfy from repairing the rest of its line
    ("\\x9d0\\x91Ã©"): when the line would still look like mojibake, fixing the control
    is not safe, as ftfy would then find more.

    Judged once per line and document: every control or invisible character of a long
    line asks, and each judgement reads the whole line.
    """
    start = _line_of(doc, offset)[0]
    judged = _LINE_LOOKS_BAD.setdefault(doc, {})
    if start not in judged:
        judged[start] = _looks_bad(_line_after_fixes(doc, offset))
    return judged[start]


_LINE_LOOKS_BAD: weakref.WeakKeyDictionary[Document, dict[int, bool]] = weakref.WeakKeyDictionary()


def _looks_bad(line: str) -> bool:
    return not line.isascii() and is_bad(line)


def _line_after_fixes(
    doc: Document,
    offset: int,
    edit: tuple[int, int, str] | None = None,
    decode: Callable[[str], str] | None = None,
) -> str:
    """The line holding ``offset`` as the safe fixes (and ``edit``) would leave it."""
    text = doc.text
    start, end = _line_of(doc, offset)
    if edit and end - start > 2 * JUDGED_REACH:  # see creates_mojibake
        start, end = max(start, edit[0] - JUDGED_REACH), min(end, edit[1] + JUDGED_REACH)
    edits = [edit] if edit else []
    repairs = mojibake_repairs(doc)  # in the order of the text: the line's are found by bisection
    for repair in repairs[bisect_left(repairs, start, key=_START) : bisect_left(repairs, end, key=_START)]:
        inside = start <= repair.start and repair.end <= end
        clear = edit is None or repair.end <= edit[0] or repair.start >= edit[1]
        if inside and clear and _applied_safely(doc, repair):
            edits.append((repair.start, repair.end, repair.replacement))
    # C0 and invisible characters go; a C1 control is read as Windows-1252 where its
    # neighbours in the text are ASCII (where ENC008 may fix it) and otherwise stays.
    pieces = []
    position = start
    for edit_start, edit_end, edit_text in sorted(edits):
        before = _as_fixed(text, position, min(edit_start, end))
        pieces += [decode(before) if decode else before, edit_text]
        position = max(position, edit_end)
    rest = _as_fixed(text, position, end)
    pieces.append(decode(rest) if decode else rest)
    return INVISIBLE_TO_FTFY.sub("", "".join(pieces))


_START = attrgetter("start")


def _line_of(doc: Document, offset: int) -> tuple[int, int]:
    """The ``(start, end)`` of the line of ``lines`` that holds ``offset``, or ``(offset, offset)``."""
    text = doc.text
    backslash, carriage_return = _holds(doc)
    if backslash:  # a literal escape may end a line: only lines() knows where
        return span_holding(_lines_of(doc), offset) or (offset, offset)
    # Without a backslash the lines are the runs of characters between line breaks.
    if text[offset : offset + 1] in ("", "\r", "\n"):
        return offset, offset
    if not carriage_return:  # the document's own lines
        return doc.line_span(doc.position(offset)[0])
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [index for index in (text.find("\n", offset), text.find("\r", offset)) if index >= 0]
    return start, min(ends, default=len(text))


_HOLDS: weakref.WeakKeyDictionary[Document, tuple[bool, bool]] = weakref.WeakKeyDictionary()


def _holds(doc: Document) -> tuple[bool, bool]:
    """Whether the text holds a backslash, and a carriage return: asked once per document,
    not once per line (each asking reads the whole text)."""
    found = _HOLDS.get(doc)
    if found is None:
        found = _HOLDS[doc] = ("\\" in doc.text, "\r" in doc.text)
    return found


_LINES: weakref.WeakKeyDictionary[Document, list[tuple[int, int]]] = weakref.WeakKeyDictionary()


def _lines_of(doc: Document) -> list[tuple[int, int]]:
    """The ``lines`` of a text with a backslash (where only they know where a line ends), found once per document."""
    found = _LINES.get(doc)
    if found is None:
        found = _LINES[doc] = list(lines(doc.text, prose_of(doc)))
    return found


def _as_fixed(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with each character as _c1_as_fixed leaves it (most stay as they are)."""
    piece = text[start:end]
    if not _FIXED.search(piece):
        return piece
    return _FIXED.sub(lambda match: _c1_as_fixed(text, start + match.start()), piece)


def _c1_as_fixed(text: str, index: int) -> str:
    """The character at ``index`` as ENC008 and ENC009 may leave it."""
    char = text[index]
    if INVISIBLE_TO_FTFY.match(char):
        return ""
    if not _C1.match(char):
        return char
    if ascii_around(text, index):  # where ENC008 may fix it
        return _C1_MARKS.get(char, "")
    return char


def _only_c1_changes(original: str, replacement: str) -> bool:
    """True when the repair only turns C1 controls into Windows-1252 characters."""
    if len(original) != len(replacement):
        return False
    return all(a == b or "\x80" <= a <= "\x9f" for a, b in zip(original, replacement, strict=True))


def _applied_safely(doc: Document, repair: Repair) -> bool:
    """True when ENC001 reports ``repair`` with a safe fix: the text the safe fixes leave."""
    return repair.certain and not repair.lost and is_reported(doc, repair)


def _find_repairs(doc: Document) -> Iterator[Repair]:
    text = doc.text
    if text.isascii():
        return
    # The cheap gates: ftfy's badness test over the whole text (which looks only around
    # the characters its sequences need), and a regex for what mojibake cannot lack;
    # then the same per line.
    visible = INVISIBLE_TO_FTFY.sub("", text) if holds_any(text, INVISIBLE_TO_FTFY_CHARS) else text
    if not is_bad(visible) and not holds_any(text, C1_CHARS) and _LOST_BYTE not in visible:
        return
    if not _MAYBE_MOJIBAKE.search(visible):
        return
    clean = visible is text  # no character for ftfy to look past, in any line
    import ftfy  # imported here: the documents the gates pass, the common case, never pay for it

    config = ftfy.TextFixerConfig(**_FTFY_SETTINGS)
    alone = functools.partial(ftfy.fix_encoding, config=config)  # a span of a line repaired by itself
    for line_start, line_end in _lines_of(doc) if "\\" in text else lines(text):
        line = text[line_start:line_end]
        if line.isascii():
            continue
        # ftfy sees the line without the characters ENC008 and ENC009 remove: they would
        # keep it from re-encoding the line ("Ã\u200b©"), and removing them must not
        # change what this rule finds.
        seen: View | None = None  # the line as ftfy sees it, when that differs
        if not clean and INVISIBLE_TO_FTFY.search(line):
            seen = View.without(line, [match.start() for match in INVISIBLE_TO_FTFY.finditer(line)])
            line = seen.text
        repairs: list[Repair] = []
        fixed = line
        if _MAYBE_MOJIBAKE.search(line) and is_bad(line):
            fixed, plan = ftfy.fix_encoding_and_explain(line, config)
            codec = _codec_of(plan)
            for start, end, replacement, exact in differences(line, fixed, alone) if fixed != line else ():
                for part_start, part_end, part in split_at_kept_controls(line[start:end], replacement):
                    first, last, part = trim(line, start + part_start, start + part_end, part)
                    if seen is not None:
                        first, last = seen.span(first, last)
                    repair = _lost_or_found(text, line_start, line_start + first, line_start + last, part, codec)
                    if not exact or (seen is not None and _drops_needed(text, repair.start, repair.end)):
                        repair = dataclasses.replace(repair, certain=False)
                    repairs.append(repair)
        repairs += _lost_bytes(text, line_start, line_end, repairs)
        # A C1 control ftfy kept is ENC008's to judge, and ftfy's repairs around it are
        # a reading of the line that ENC008's fix would change.
        kept_c1 = bool(repairs) and _C1.search(fixed) is not None
        if kept_c1 or any(repair.lost for repair in repairs):
            repairs = [dataclasses.replace(repair, certain=False) for repair in repairs]
        repairs = [
            dataclasses.replace(repair, certain=False) if _makes_removable(text, repair) else repair
            for repair in repairs
        ]
        yield from sorted(repairs, key=lambda repair: repair.start)


def _makes_removable(text: str, repair: Repair) -> bool:
    """True when ``repair`` brings back a character that ENC008, ENC009 or ENC012 removes.

    That is a C0 control ("À\x80" for NUL), or an invisible character that no script
    needs, judged by the visible characters around it once the repair is made ("â€\x8d"
    for a lone ZWJ). The safe fixes must leave a text they do not change again: such a
    repair is not applied with them.
    """
    replacement = repair.replacement
    if not REMOVABLE.search(replacement):
        return False
    before, after = visible_neighbours(text, repair.start, repair.end)
    repaired = before + replacement + after
    return any(
        not invisible_needed(match.group(), *visible_neighbours(repaired, match.start(), match.end()))
        for match in REMOVABLE.finditer(repaired, len(before), len(before) + len(replacement))
    )


def _drops_needed(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds an invisible character that ENC009 keeps.

    ftfy reads a line without them; a repair over one gives back ftfy's characters only,
    which would lose the joiner of an emoji ("👩\u200d💻") or a Thai word break.
    """
    return any(
        invisible_needed(match.group(), *visible_neighbours(text, match.start(), match.end()))
        for match in INVISIBLE_TO_FTFY.finditer(text, start, end)
    )


def _lost_or_found(text: str, line_start: int, start: int, end: int, replacement: str, codec: str) -> Repair:
    """The repair, or a guess when ftfy could only say that a byte was lost.

    ftfy writes U+FFFD for a sequence that lost a byte ("â€?" for "’" after a lossy
    transcode), and reads "â€ " as "†" when the lost byte was the third of "”" and a
    space followed: both are mis-decoded quotes far more often than daggers.
    """
    # A repaired combining mark composes with the letter before it in its line, as ENC014
    # would have it ("AÌ\x80" is "A" and a mis-decoded U+0300: "À"), past the invisible
    # characters ftfy did not see ("A\u200bÌ\x80").
    base = start - 1
    while base >= line_start and INVISIBLE_TO_FTFY.match(text, base):
        base -= 1
    if base >= line_start and DECOMPOSED.match(text[base] + replacement):
        composed = compose(text[base] + replacement)
        if composed != text[base] + replacement:
            start, replacement = base, composed
    replacement = compose(replacement)
    if text[start:end] == _LOST_BYTE + " " and replacement == "†":
        return Repair(start, end - 1, _guess_quote(text, start, end - 1), codec, lost=True)
    if "\ufffd" in replacement:
        return Repair(start, end, replacement.replace("\ufffd", _guess_quote(text, start, end)), codec, lost=True)
    return Repair(start, end, replacement, codec)


def _lost_bytes(text: str, start: int, end: int, repairs: list[Repair]) -> Iterator[Repair]:
    """ "â€" that ftfy left, with no third byte after it: a curly quote that lost it.

    A decoder that drops the bytes Windows-1252 does not define turns "”" (E2 80 9D)
    into "â€"; a pair of characters no correct text holds.
    """
    index = text.find(_LOST_BYTE, start, end)
    while index != -1:
        complete = index + 2 < end and text[index + 2] in _CONTINUATIONS
        if not complete and not any(repair.start <= index < repair.end for repair in repairs):
            yield Repair(index, index + 2, _guess_quote(text, index, index + 2), "Windows-1252", lost=True)
        index = text.find(_LOST_BYTE, index + 2, end)


def _guess_quote(text: str, start: int, end: int) -> str:
    """The curly quote that most likely stood at ``[start, end)``: "’" inside a word."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before.isalpha() and after.isalpha():
        return "’"
    if after.isalnum() and not before.isalnum():
        return "“"
    return "”"


def _codec_of(plan: list) -> str:
    for step in plan or ():
        action, name = step[0], step[1]
        if action == "encode":
            return _CODEC_NAMES.get(name, name)
        if action == "apply" and name == "decode_inconsistent_utf8":
            return "Windows-1252"
    return ""


@rule(code="ENC001", name="mojibake", severity=Severity.ERROR, fixable=True)
def mojibake(doc: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    r"""
    ## What it does
    Finds mojibake: UTF-8 text that was decoded as Windows-1252, Latin-1 or MacRoman.

    It reports characters that were written as UTF-8 and read back with a
    single-byte codec, such as "â€™" for "’", "Ã©" for "é" or "Â£" for "£", whether one
    word of a document is hit or all of it. ftfy decides what is mojibake and computes
    the repair; each damaged span is reported with the character it stands for.

    Text that only looks odd (diaereses used as quotes, Windows-1252 text that is right
    as it is, Greek, Cyrillic or any other script) is left alone, as ftfy leaves it.
    Markdown code spans and blocks, and URLs, are not checked. "â€" with no third
    character is reported too: it is a curly quote whose last byte a decoder dropped.

    ## Why is this bad?
    Mojibake makes words unreadable and unsearchable, and a model trained on it learns
    to write it. It also shows that the text went through a wrong decoding step, which
    may have damaged other documents of the same batch.

    ## Example
    ```text
    France‚Äôs largest bank said itâ€™s â€œconfidentâ€.
    ```

    Use instead:
    ```text
    France’s largest bank said it’s “confident”.
    ```

    ## Fix safety
    The fix is safe: it replaces each span with ftfy's repair, which re-encodes the
    characters with the codec that mis-read them and decodes the bytes as UTF-8.

    It is unsafe where a byte was lost ("donâ€t", "â€œyesâ€", "Itâ€?s"): the fix then
    puts back the likely curly quote ("’" inside a word, "“" before one, "”" after one),
    which is a guess. The other repairs of such a line are unsafe too, since ftfy judged
    the line as a whole. A repair that puts back a control or invisible character that
    ENC008, ENC009 or ENC012 removes (a NUL, a lone zero-width joiner) is unsafe: what the fixes
    together should leave is for you to judge.

    Credit: detection and repair by ftfy (Robyn Speer, Apache-2.0).
    """
    for repair in mojibake_repairs(doc):
        if not is_reported(doc, repair):
            continue
        original = doc.text[repair.start : repair.end]
        via = f" (UTF-8 read as {repair.codec})" if repair.codec else ""
        if repair.lost:
            what = f"a mis-decoded character whose last byte was lost, probably {show(repair.replacement)}"
        else:
            what = f"a mis-decoded {show(repair.replacement)}"
        yield Violation(
            repair.start,
            repair.end,
            f"Mojibake: {show(original)} is {what}{via}",
            fix=Fix.replace(repair.start, repair.end, repair.replacement, safe=repair.certain and not repair.lost),
        )
