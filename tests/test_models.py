from __future__ import annotations

import dataclasses

import pytest

from doclint.baseline import fingerprint
from doclint.models import SNIPPET_LIMIT, SNIPPET_MARGIN, Document, Violation
from doclint.reporters.full import _snippet
from doclint.rules import rule
from doclint.runner import place

LONG = "".join(f"word{number} " for number in range(1000))  # 7,890 characters


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("ab\ncd", 3, (2, 1)),
        ("ab\ncd", 2, (1, 3)),
        ("ab\r\ncd", 4, (2, 1)),
        ("é😀x\nz", 2, (1, 3)),  # columns count characters, not bytes
        ("", 0, (1, 1)),
        ("a\n", 2, (2, 1)),
    ],
)
def test_position(text: str, offset: int, expected: tuple[int, int]) -> None:
    document = Document("d.txt", text)
    assert document.position(offset) == expected
    assert document.offset(*expected) == offset


def test_line_text_drops_line_endings() -> None:
    document = Document("d.txt", "one\r\ntwo\nthree")
    assert [document.line_text(n) for n in (1, 2, 3)] == ["one", "two", "three"]


@pytest.mark.parametrize(("path", "markdown"), [("a.md", True), ("b.MARKDOWN", True), ("c.txt", False)])
def test_is_markdown(path: str, markdown: bool) -> None:
    assert Document(path, "").is_markdown is markdown


@pytest.mark.parametrize(
    ("text", "line", "start", "end", "expected"),
    [
        ("short line\r\nnext", 1, 2, 4, ("short line", 0)),  # a line up to SNIPPET_LIMIT: whole
        ("x" * SNIPPET_LIMIT, 1, 0, 1, ("x" * SNIPPET_LIMIT, 0)),
        # Of a longer line, SNIPPET_MARGIN characters on either side of the finding.
        (LONG, 1, 5000, 5004, (LONG[5000 - SNIPPET_MARGIN : 5004 + SNIPPET_MARGIN], 5000 - SNIPPET_MARGIN)),
        (LONG, 1, 3, 7, (LONG[: 7 + SNIPPET_MARGIN], 0)),
        # Its end is the line's, without the line's ending.
        (LONG.rstrip() + "\r\r\n", 1, 7880, 7885, (LONG[7880 - SNIPPET_MARGIN : 7889], 7880 - SNIPPET_MARGIN)),
        # A finding that goes on to the next line keeps the rest of its first line.
        (LONG + "\nnext", 1, 5000, None, (LONG[5000 - SNIPPET_MARGIN :], 5000 - SNIPPET_MARGIN)),
        ("first\n" + LONG, 2, 100, 104, (LONG[: 104 + SNIPPET_MARGIN], 0)),
    ],
)
def test_a_snippet_is_its_line_or_the_part_of_a_long_line_around_the_finding(text, line, start, end, expected):
    assert Document("d.txt", text).snippet(line, start, end) == expected


@rule(code="TST001", name="any-word-five", severity="warning")
def _every_word_five(document, options):
    """Finds each "word5...": a test rule."""
    at = document.text.find("word5")
    while at >= 0:
        yield Violation(at, at + 5, "m")
        at = document.text.find("word5", at + 1)


def test_a_long_lines_snippet_is_shown_and_fingerprinted_as_its_whole_line_would_be():
    document = Document("d.txt", LONG + "\n")
    findings = [place(document, _every_word_five, violation) for violation in _every_word_five.check(document, {})]
    assert len(findings) == 111 and max(len(finding.snippet) for finding in findings) < 2 * SNIPPET_MARGIN + 10
    for finding in findings:
        whole = dataclasses.replace(finding, snippet=LONG, snippet_start=0)
        assert _snippet(finding) == _snippet(whole)
        assert fingerprint(finding) == fingerprint(whole)
