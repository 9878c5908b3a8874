from __future__ import annotations

import pytest

from doclint.models import Document


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
