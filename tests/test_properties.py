"""Properties every built-in document rule keeps, on any text: no crash, every position
inside the text, and applying the safe fixes twice gives what applying them once gives;
and what rules rely on in the structure they share: its blocks in order, none overlapping."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.models import Document
from doclint.plugin_manager import build_plugin_manager
from doclint.registry import Registry
from doclint.testing import check, fixed

DOCUMENT_RULES = [
    rule for rule in Registry.from_plugins(build_plugin_manager(autoload=False)).rules if rule.scope == "document"
]

# Text that looks like the documents doclint reads: words, quotes of every kind,
# punctuation, line and paragraph breaks, mojibake, entities and invisible characters.
PIECES = st.sampled_from(
    [
        "The",
        "minister",
        "said",
        "U.S.",
        "Mr.",
        "e.g.",
        "3.5",
        "it's",
        "don’t",
        "’90s",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".",
        "..",
        "…",
        ";",
        ":",
        "?",
        "!",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "—",
        "-",
        "â€™",
        "Ã©",
        "\ufffd",
        "&amp;",
        "&#39;",
        "<br>",
        "\\$",
        "\\n",
        "\u200b",
        "\u202e",
        "\x07",
        "\xad",
        "https://example.com/a.b",
        "a@b.org",
        "# Heading",
        "- item",
        "`code`",
        "```",
        "Ελλάδα",
        "Москва",
        "北京",
        "e\u0301",
    ]
)
TEXTS = st.one_of(st.lists(PIECES, max_size=60).map("".join), st.text(max_size=200))


@pytest.mark.parametrize("rule", DOCUMENT_RULES, ids=lambda rule: rule.code)
@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_rule_properties(rule, path: str, text: str) -> None:
    findings = check(rule, text, path=path)
    for finding in findings:
        assert (finding.line, finding.column) <= (finding.end_line, finding.end_column)
        assert 1 <= finding.line <= text.count("\n") + 1
        if finding.fix is not None:
            for edit in finding.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)
    once = fixed(text, findings)
    twice = fixed(once, check(rule, once, path=path))
    assert fixed(twice, check(rule, twice, path=path)) == twice, "fixes do not reach a fixed point"


MARKDOWN_PIECES = st.sampled_from(
    ["> ", "- ", "1. ", "  ", "    ", "# ", "Text", "more", "\n", "\n\n", "```\n", "<div>", "|a|b|"]
)


@pytest.mark.parametrize("path", ["doc.txt", "doc.md"])
@settings(max_examples=300, deadline=None)
@given(text=st.one_of(TEXTS, st.lists(MARKDOWN_PIECES, max_size=40).map("".join)))
def test_blocks_are_in_order_and_apart(path: str, text: str) -> None:
    """Rules find the block holding an offset by bisection (``Document.block_at``, QUO001)."""
    document = Document(path, text)
    blocks = document.blocks
    assert all(block.start <= block.end for block in blocks)
    assert all(before.end <= after.start for before, after in itertools.pairwise(blocks))
    for offset in range(len(text) + 1):
        holding = [block for block in blocks if block.start <= offset < block.end]
        assert document.block_at(offset) == (holding[0] if holding else None)
