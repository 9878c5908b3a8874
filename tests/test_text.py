from __future__ import annotations

import re

import pytest

from doclint.models import Document
from doclint.text import CODE_SPAN, MASK, URL, _url_anchors, find_urls


def blocks(path: str, text: str) -> list[tuple[str, str]]:
    document = Document(path, text)
    assert len(document.prose) == len(text)
    return [(block.kind, text[block.start : block.end]) for block in document.blocks]


def test_plain_text_blocks_split_at_blank_lines() -> None:
    text = "Title\n\nFirst line\nsecond line.\n \n\nLast."
    assert blocks("a.txt", text) == [
        ("paragraph", "Title"),
        ("paragraph", "First line\nsecond line."),
        ("paragraph", "Last."),
    ]


def test_plain_text_masks_urls_and_emails() -> None:
    text = "See https://example.com/a.b?c=1. Write to ann@example.org today."
    prose = Document("a.txt", text).prose
    assert "example" not in prose
    assert prose.endswith(" today.")
    assert prose[len("See https://example.com/a.b?c=1")] == "."  # the sentence's period stays prose


def test_markdown_blocks_and_markers() -> None:
    text = "# Title #\n\nA `code, here` and [a link](http://x.y/z).\n\n- one\n- two\n\n> quoted\n> more\n"
    assert blocks("a.md", text) == [
        ("heading", "Title"),
        ("paragraph", "A `code, here` and [a link](http://x.y/z)."),
        ("list_item", "one"),
        ("list_item", "two"),
        ("quote", "quoted\n> more"),
    ]
    prose = Document("a.md", text).prose
    assert "code" not in prose and "http" not in prose and "#" not in prose
    assert "[a link]" in prose


def test_markdown_masks_code_blocks_front_matter_and_html() -> None:
    text = "---\ntitle: x\n---\n\nText.\n\n```\nx  = 1 ,\n```\n\n<div>html</div>\n"
    document = Document("a.md", text)
    assert [text[b.start : b.end] for b in document.blocks] == ["Text."]
    assert set(document.prose) <= {MASK, "\n", *"Text."}


def masked(text: str) -> str:
    """The Markdown prose of ``text`` with ``~`` for a mask."""
    return Document("a.md", text).prose.replace(MASK, "~")


def test_markdown_inline_markup_across_lines_and_markers() -> None:
    text = "> a `b\n> c` d <http://x.y> e"
    assert masked(text) == "~~a ~~\n~~~~ d ~~~~~~~~~~~~ e"
    assert blocks("a.md", text) == [("quote", "a `b\n> c` d <http://x.y> e")]


def test_markdown_overlapping_inline_markup_is_masked_once() -> None:
    text = 'x [a](http://u.v/w "t") ``y`` z'
    assert masked(text) == "x [a]~~~~~~~~~~~~~~~~~~ ~~~~~ z"


def test_markdown_heading_ends_before_masked_closing_markup() -> None:
    assert masked("# A `#` ##\n") == "~~A ~~~~~~\n"
    assert blocks("a.md", "# A `#` ##\n") == [("heading", "A")]


def test_markdown_prose_keeps_crlf_line_breaks_and_masks_the_cr() -> None:
    text = "# Title\r\n\r\n- item\r\n  more\r\n"
    assert masked(text) == "~~Title~\n~\n~~item~\n~~more~\n"
    assert [kind for kind, _ in blocks("a.md", text)] == ["heading", "list_item"]


def test_markdown_lone_carriage_return_does_not_shift_lines() -> None:
    assert blocks("a.md", "\r0\n\nnext") == [("paragraph", "0"), ("paragraph", "next")]


@pytest.mark.parametrize(
    ("text", "prose", "expected"),
    [
        (
            "Title\r\n=====\r\n\r\nText # not closing #\r\n",
            "Title~\n~~~~~~\n~\nText # not closing #~\n",
            [("heading", "Title\r\n"), ("paragraph", "Text # not closing #\r")],
        ),
        ("## Title ##\r\r\nnext\r", "~~~Title~~~~~\nnext~", [("heading", "Title"), ("paragraph", "next\r")]),
        (
            "> a\n>\t> b http://x.y/z\n>  c\n",
            "~~a\n~~~~b ~~~~~~~~~~~~\n~~ c\n",
            [("quote", "a"), ("quote", "b http://x.y/z\n>  c")],
        ),
        (
            "- item\n  more www.ex.org\n\n  second para\n",
            "~~item\n~~more ~~~~~~~~~~\n\n~~second para\n",
            [("list_item", "item\n  more www.ex.org"), ("list_item", "second para")],
        ),
        ("a\0b `c`\n", "a\0b ~~~\n", [("paragraph", "a\0b `c`")]),
        (
            "---\nurl: http://front.matter\n---\nSee http://x.y.\n",
            "~~~\n~~~~~~~~~~~~~~~~~~~~~~~~\n~~~\nSee ~~~~~~~~~~.\n",
            [("paragraph", "See http://x.y.")],
        ),
        (
            "```\nhttp://in.code\n```\nmail ann@ex.org\n",
            "~~~\n~~~~~~~~~~~~~~\n~~~\nmail ~~~~~~~~~~\n",
            [("paragraph", "mail ann@ex.org")],
        ),
        ("1) one\r\n2) two\r\n", "~~~one~\n~~~two~\n", [("list_item", "one\r"), ("list_item", "two\r")]),
        (
            "Heading\n---\n\n- [x] done\n",
            "Heading\n~~~\n\n~~~~~~done\n",
            [("heading", "Heading\n"), ("list_item", "done")],
        ),
    ],
)
def test_markdown_line_ends_markers_and_urls(text: str, prose: str, expected: list[tuple[str, str]]) -> None:
    """Pinned as the line-by-line analysis found them (CRs, NUL, markers, URLs outside blocks).

    A trailing CR is masked and a block's trailing masks stay, so a CRLF block ends after its CR.
    """
    assert masked(text) == prose
    assert blocks("a.md", text) == expected


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("see https://en.wikipedia.org/wiki/Foo_(bar).", ["https://en.wikipedia.org/wiki/Foo_(bar)"]),
        ("[![Build](https://a/b.png)](http://c/d)", ["https://a/b.png", "http://c/d"]),
        ("go to www.bbc.co.uk, now", ["www.bbc.co.uk"]),
        ("(see http://x.com/a?b=1)", ["http://x.com/a?b=1"]),
        ("mail ann@ex.org.", ["ann@ex.org"]),
    ],
)
def test_url_boundaries(text: str, urls: list[str]) -> None:
    assert [match.group() for match in URL.finditer(text)] == urls


@pytest.mark.parametrize(
    "text",
    [
        "See http://a.b/c,mail@x.org;www.q.org and ftp://x.y.",
        "@user wrote a@b and ann.lee+tag@ex-ample.co.uk, then :// alone",
        "(https://x.org/a_(b)) [t](www.y.org) \u212a://kelvin \u017fttp://long-s",
        "no anchor at all\n\nwww. x://  @",
        "tabs\thttp://a.b\u00a0http://c.d\u2028WWW.E.ORG",
    ],
)
def test_find_urls_finds_what_a_scan_of_every_position_finds(text: str) -> None:
    assert [match.span() for match in find_urls(text)] == [match.span() for match in URL.finditer(text)]


# What every match of URL holds, in one pattern: what _url_anchors finds one anchor at a time.
URL_ANCHOR = re.compile(r"://|www\.|@", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "WwW.x wWw. www www.",
        "a@b@c ://:// @://www.",
        "\u212a://x \u0130ww. \u0131ww. \ud800@",
        "wwww.x ww.w. ::/// W.W.W.",
        "",
    ],
)
def test_url_anchors_are_where_url_anchor_matches(text: str) -> None:
    assert _url_anchors(text) == [at for at in range(len(text)) if URL_ANCHOR.match(text, at)]


# URL's body as first written, a character or a group at a time and then the last one.
_URL_CHAR = r"""[^\s<>"'“”‘’()\[\]]"""
_URL_PARENS = r"\([^\s()<>\[\]]*\)"
URL_AS_WRITTEN = re.compile(
    rf"""(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)(?:{_URL_CHAR}|{_URL_PARENS})*(?:[^\s<>"'“”‘’()\[\].,;:!?]|{_URL_PARENS})"""
    r"""|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b""",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "text",
    [
        "http://a.b/c.,; http://x.org/a_(b)c(d). http://a(b)(c)).",
        "http://( http://a(b http://. http:// ftp://a..b!? www.a.b?!",
        "https://x/y)z http://a'b http://a“b” x https://é.fr/ü?q=1;",
        "http://a(b c) http://a(.) http://a..(b)..",
    ],
)
def test_url_matches_as_first_written(text: str) -> None:
    assert [match.span() for match in URL.finditer(text)] == [match.span() for match in URL_AS_WRITTEN.finditer(text)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("`a` and ``b`c``", ["`a`", "``b`c``"]),
        ("```x`` y```", ["```x`` y```"]),
        ("x``y`z``", ["``y`z``"]),
        ("a ``` b", []),
        ("````", []),
        ("`a\nb`", ["`a\nb`"]),
    ],
)
def test_code_span_opens_and_closes_with_whole_runs_of_backticks(text: str, spans: list[str]) -> None:
    assert [match.group() for match in CODE_SPAN.finditer(text)] == spans
