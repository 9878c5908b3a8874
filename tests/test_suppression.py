"""Markdown suppression comments: <!-- doclint: disable=CODE --> / enable / disable-next-line."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app
from doclint.models import Document
from doclint.suppression import DIRECTIVE, _comment_ranges, directives, suppressed

runner = CliRunner()


def found(folder: Path, name: str, text: str) -> list[tuple[str, int]]:
    (folder / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", name, "--output-format", "json"])
    return [(finding["code"], finding["line"]) for finding in json.loads(result.stdout)]


CASES = [
    # (Markdown text, findings that remain)
    ("a  b TODO\n", [("TST001", 1), ("TST002", 1)]),
    ("<!-- doclint: disable=TST001 -->\n\na  b TODO\n", [("TST002", 3)]),
    ("<!-- doclint: disable=TST001,TST002 -->\n\na  b TODO\n", []),
    ("<!-- doclint: disable=TST -->\n\na  b TODO\n", []),
    ("<!-- doclint: disable -->\n\na  b TODO\n", []),
    ("<!--doclint:disable=tst001-->\n\na  b\n", []),
    ("a  b\n\n<!-- doclint: disable=TST001 -->\n\nc  d\n", [("TST001", 1)]),
    ("<!-- doclint: disable=TST001 -->\n\na  b\n\n<!-- doclint: enable=TST001 -->\n\nc  d\n", [("TST001", 7)]),
    ("<!-- doclint: disable -->\n\na  b\n\n<!-- doclint: enable=TST001 -->\n\nc  d TODO\n", [("TST001", 7)]),
    ("<!-- doclint: disable=TST -->\n\n<!-- doclint: enable -->\n\na  b\n", [("TST001", 5)]),
    ("<!-- doclint: disable-next-line=TST001 -->\na  b\nc  d\n", [("TST001", 3)]),
    ("Some text <!-- doclint: disable=TST001 --> and\n\na  b\n", []),
    # In code a comment is text, not a directive.
    ("```\n<!-- doclint: disable=TST001 -->\n```\n\na  b\n", [("TST001", 5)]),
    ("Use `<!-- doclint: disable=TST001 -->` to switch off.\n\na  b\n", [("TST001", 3)]),
    ("    <!-- doclint: disable=TST001 -->\n\na  b\n", [("TST001", 3)]),
    # Front matter is metadata, not Markdown: a comment there is no directive.
    ("---\ntitle: x\n<!-- doclint: disable=TST001 -->\n---\n\na  b\n", [("TST001", 6)]),
    # A lone CR is no line break (markdown-it's would be): the directive's lines are doclint's.
    ("x\ry  z\n\n<!-- doclint: disable=TST001 -->\n\na  b\n", [("TST001", 1)]),
    # Unknown actions are not directives.
    ("<!-- doclint: off -->\n\na  b\n", [("TST001", 3)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0][:40] for case in CASES])
def test_markdown_comments_switch_rules_off(only_sample: Path, text: str, expected) -> None:
    assert found(only_sample, "doc.md", text) == expected


def test_plain_text_files_ignore_the_comments(only_sample: Path) -> None:
    text = "<!-- doclint: disable=TST001 -->\n\na  b\n"
    assert found(only_sample, "doc.txt", text) == [("TST001", 3)]


def test_suppressed_findings_are_not_fixed(only_sample: Path) -> None:
    path = only_sample / "doc.md"
    path.write_text("<!-- doclint: disable=TST001 -->\n\na  b\n", encoding="utf-8")
    runner.invoke(app, ["check", "doc.md", "--fix"])
    assert path.read_text(encoding="utf-8") == "<!-- doclint: disable=TST001 -->\n\na  b\n"


def test_directives_of_a_document() -> None:
    text = "a\r\n\r\n<!-- doclint: disable=QUO001, PUN -->\r\n\r\nb\r\n"
    document = Document("doc.md", text)
    [directive] = directives(document)
    assert (directive.action, directive.codes, directive.line) == ("disable", ("QUO001", "PUN"), 3)
    assert suppressed(document, "PUN004", text.rindex("b"))
    assert not suppressed(document, "PUN004", 0)
    assert not suppressed(document, "ENC001", text.rindex("b"))


def _walked(document: Document, code: str, offset: int) -> bool:
    """What a finding's suppression was when it walked every directive before it: the
    reference that the lookup must give."""
    off = False
    for directive in directives(document):
        if directive.action == "disable-next-line":
            if (
                directive.offset <= offset
                and directive.names(code)
                and document.position(offset)[0] == directive.line + 1
            ):
                return True
        elif directive.offset <= offset and directive.names(code):
            off = directive.action == "disable"
    return off


PIECES = [
    "<!-- doclint: disable=QUO001 -->",
    "<!-- doclint: disable=PUN -->",
    "<!-- doclint: disable -->",
    "<!-- doclint: enable=QUO001 -->",
    "<!-- doclint: enable -->",
    "<!-- doclint: disable-next-line=PUN004 -->",
    "<!-- doclint: disable-next-line -->",
    "`<!-- doclint: disable=QUO001 -->` in code",
    "```\n<!-- doclint: enable -->\n```",
    "> <!-- doclint: disable=PUN004 --> quoted",
    "- an item <!-- doclint: enable=PUN --> and text",
    "Plain prose, with a comma , here.",
    "",
]


@pytest.mark.parametrize("seed", range(40))
def test_a_directive_is_looked_up_as_the_walk_over_all_of_them_found_it(seed: int) -> None:
    chance = random.Random(seed)
    text = "\n".join(chance.choice(PIECES) for _ in range(chance.randint(1, 40))) + "\n"
    document = Document("doc.md", text)
    ranges = _comment_ranges(document)
    held = [m.end() for m in DIRECTIVE.finditer(text) if any(s <= m.start() and m.end() <= e for s, e in ranges)]
    assert [directive.offset for directive in directives(document)] == held
    for code in ("QUO001", "PUN004", "ENC001"):
        for offset in range(0, len(text), 7):
            assert suppressed(document, code, offset) == _walked(document, code, offset), (code, offset)
