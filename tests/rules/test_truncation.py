"""TRN: documents that end mid-sentence, paragraphs and lines broken mid-sentence, cut markers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.models import Document
from doclint.plugins.truncation import broken_line, doclint_rules
from doclint.plugins.truncation.broken_line import line_broken_mid_sentence
from doclint.plugins.truncation.broken_paragraph import paragraph_broken_mid_sentence
from doclint.plugins.truncation.cut_marker import cut_marker_at_end
from doclint.plugins.truncation.document_end import document_ends_mid_sentence
from doclint.plugins.truncation.lines import HEAD_CHARACTERS, ends_closed, is_prose_like, last_word, tail, words_of
from doclint.testing import Invalid, Valid, assert_invalid, assert_valid

# Paragraphs long enough to make a plain-text document "one line per paragraph".
LONG_1 = (
    "The committee met on Tuesday to discuss the budget for the coming year, and its members agreed "
    "on most of the points raised by the treasurer."
)
LONG_2 = (
    "Several members asked for more time to read the report, which runs to more than two hundred "
    "pages and covers every department of the council."
)
LONG_3 = (
    "The chair said that a final vote would be held next month, after a public consultation that "
    "will be open to every resident of the town."
)
HARD_WRAPPED = (
    "It was a bright cold day in April, and the clocks were striking\n"
    "thirteen. The man slipped quickly through the glass doors of the\n"
    "building, though not quickly enough to keep out the dust.\n"
    "\n"
    "The hallway smelt of boiled cabbage and old rag mats. At one end of\n"
    "it a coloured poster, too large for indoor display, had been tacked\n"
    "to the wall.\n"
)

# Texts no TRN rule may report: the precision traps of the style guide and the structures
# that end lines without a full stop.
TRAPS = [
    Valid("He said, “yes.” She said, ‘no.’\n\nThen they left."),
    Valid('He said, "yes." She said, "no."\n\nThen they left.'),
    Valid("“This speech runs on,” he said, “over two paragraphs.\n\n“And it ends in the second one.”"),
    Valid("U.S. officials met Mr. Smith, e.g. on trade... The rate rose 2.5% on Monday.\n\nTalks went on."),
    Valid("See https://example.com/path?q=1 and mail someone@example.org today.\n\nhttps://example.com/more"),
    Valid("Ο Νίκος είπε «καλημέρα». Он сказал «привет».\n\n他说：“你好。” قال: مرحبا. उसने कहा, नमस्ते।"),
    Valid("Το ξέρεις;\n\nΝαι.\n\nكيف حالك؟"),
    Valid("Run `print(x)` in a shell:\n\n```python\nx = 1\n```\n\nthen look at the output.", path="doc.md"),
    Valid("The rate rose to 2.5\n\nper cent, it said.".replace("2.5\n\nper", "2.5 per")),
    # A title, a byline and a dateline over an article.
    Valid(
        "As NATO meets, leaders gather for a summit\n\nAlex Lantier 19 May 2024\n\n"
        "LONDON, 19 May (Reuters)\n\nThe summit opened on Monday.\n"
    ),
    # A footer that introduces an address, and a signature.
    Valid("The report was published on Monday.\n\n\n\nTo contact the editors visit:\n\nexample.org/contact\n"),
    Valid("Thanks for the quick reply, I will send the files.\n\nBest regards\nJane Doe\nSenior Editor\n"),
    Valid("The strike ended on Friday.\n\nReporting by John Smith; Editing by Jane Doe\n"),
    # Verse: stanzas end with commas and lines start with capitals.
    Valid(
        "A soul confined by bars and bands,\nCries, help! O help! and wrings her hands,\n"
        "Blinded her eyes, bleeding her breast,\n\nCeaseless she paces to and fro,\n"
        "O heart-sick days! O nights of woe!\nNor hand of friend, nor loving face,\n"
    ),
    Valid(HARD_WRAPPED),
    # Markdown structure.
    Valid(
        "---\ntitle: Notes on the release\n---\n\n# Getting started\n\nInstall the package:\n\n"
        "```\npip install tool\n```\n\n## Options\n\n- the first option\n- and the second one\n\n"
        "| name | value |\n| --- | --- |\n| width | 70 |\n",
        path="doc.md",
    ),
    Valid("# Title\n\nSome text here.\n\nLicensed under the MIT licence", path="README.md"),
    Valid("The package does one thing well.\n\n[Read more](https://example.com/docs)\n", path="README.md"),
]

DOCUMENT_END_VALID = [
    *TRAPS,
    Valid("The strike ended on Friday.\n\nAlex Lantier 19 May 2024\n"),
    Valid("The company said on Monday that it would cut 90 jobs.\n\nContinue reading\n"),
    Valid("The strike ended on Friday. It was over…\n"),
    Valid("Items:\n\n1. bread\n2. milk and\n"),
    Valid("Name     Value\nwidth    70\nheight   and"),
    Valid("The strike ended on Friday.\n\nGuide to the Town and the Country"),
    Valid("A short note without any full stop\n\nAnother line without one\n\nAnd the last line of it here"),
]

DOCUMENT_END_INVALID = [
    # After a preposition: the finding spans the unfinished sentence.
    Invalid(
        "Cocoa exports\n\nCocoa was the main export. But the government began to pay less attention to\n",
        [(3, 28)],
    ),
    Invalid("Title\n\nThe film opened last week. The film is", [(3, 28)]),
    Invalid("Title\n\nThe talks went well, and both sides said they were ready to sign,", [(3, 1)]),
    Invalid("Title\n\nThe cuts come against a background of f", [(3, 1)]),
    Invalid('Title\n\nThe talks ended. He said: "We will come back and', [(3, 18)]),
    Invalid("Title\n\nHe left (and it was late and the", [(3, 1)]),
    # Only the full stop is missing, in a document whose paragraphs have one.
    Invalid(
        "Rover talks\n\nThe firm said on Monday that talks had stalled.\n\n"
        "It was not clear whether the regulator would approve the deal in the end",
        [(5, 1)],
    ),
    # The last paragraph goes on from a broken one: the sentence starts there.
    Invalid(
        "Disney settles\n\nDisney has settled charges from US regulators.\n\n"
        "Disney paid the firm. It also paid for office space, secretarial\n\nservices, and a leased car",
        [(5, 23)],
    ),
    # A short fragment after full stops in the same paragraph; a dash; an ampersand.
    Invalid(
        "Title\n\nThe firm cut its costs sharply this year.\n\nSales rose sharply in the last weeks of December. But on",
        [(5, 51)],
    ),
    Invalid("Title\n\nThe firm cut its costs after the controversy last year -", [(3, 1)]),
    Invalid("Title\n\nSuitors include Kimberly-Clark and Johnson &", [(3, 1)]),
    # Hard-wrapped fiction full of names is prose, not verse.
    Invalid(
        "“And you have succeeded,” exclaimed the doctor. “Without that\n"
        "Valentine would have died before help could have been found.\n"
        "The dose has been strong, but she has only been shaken by it.”\n"
        "Noirtier looked at him. The doctor went out, and",
        [(4, 25)],
    ),
    # Hard-wrapped text cut inside its last paragraph.
    Invalid(HARD_WRAPPED + "\nHe went up the stairs. The lift was seldom working, and\nat present the", [(9, 24)]),
]

BROKEN_PARAGRAPH_VALID = [
    *TRAPS,
    Valid("Getting started with the tool\n\npip install tool\n"),
    Valid("Apple launches a new phone\n\niPhone sales rose sharply in the spring, the company said today."),
    Valid("yq: Command-line YAML processor for YAML documents\n\nyq transcodes YAML documents to JSON for jq."),
    Valid("Write functions that are:\n\neasy to read (the name says it all)\n\neasy to change and to test"),
    Valid("The score is defined as\n\n$$T (F + T)^k$$\n\nwhere $T$ is the number of hits.", path="doc.md"),
    Valid("The options are\n\na) the first one\n\nb) the second one"),
    Valid("The chapter ends here without a stop\n\n\n\n\nand a new chapter starts in lowercase."),
    Valid("Use it like this\n\n    tool --run\n\nthen read the output."),
    Valid("- the first item without a stop\n\n- and the second item", path="doc.md"),
    Valid("He asked her to wait,\n\n“and then what?” she said."),
    Valid("Install with\n\n```\npip install tool\n```\n\nand run it.", path="doc.md"),
    Valid("To select, type 'i' or 'a'\n\nSelect mode is like Visual mode, but the typed text replaces it."),
    Valid("5.79 ms per loop (mean of 7 runs, 100 loops each)\n\nnote : we need the global in the timeit call."),
    # A capital after a paragraph that may end there: a salutation, a title-case heading.
    Valid("Dear Sir,\n\nI write to complain about the service I received in your shop on Monday."),
    Valid("What We Stand For\n\nThe party believes in fair pay for every worker in the country."),
    Valid("Who we are and what we do\n\nOur team has worked on the project for more than ten years."),
]

BROKEN_PARAGRAPH_INVALID = [
    Invalid(
        "Troops launched an offensive towards the city, and US, British\n\n"
        "and Ukrainian officials threatened to use missiles.",
        [(1, 63)],
        output="Troops launched an offensive towards the city, and US, British "
        "and Ukrainian officials threatened to use missiles.",
        unsafe=True,
    ),
    # Inside an open quotation, without and with a full stop before the break.
    Invalid('Ties are not directed against anyone, adding: "It is\n\naimed at one thing."', [(1, 53)]),
    Invalid('The sign on the door said: "We are closed.\n\nuntil Monday," the owner said.', [(1, 43)]),
    Invalid("“We didn’t\n\nwant to put pressure on ourselves,” he said.", [(1, 11)]),
    # A short first part ending on an article; a heading-like one going on with "and".
    Invalid("Mittal Steel, one of the\n\nworld’s largest steel producers, could cut jobs.", [(1, 25)]),
    Invalid(
        "Henry is on the shortlist with Barcelona's Ronaldinho\n\nand newly-crowned Andriy Shevchenko of Milan.",
        [(1, 54)],
    ),
    # Only the full stop is missing: a long first sentence goes on in a short paragraph.
    Invalid(
        "A call for ethnic minority shortlists to boost the number of black and Asian MPs has been rejected"
        "\n\nby one of the most senior MPs.",
        [(1, 99)],
    ),
    Invalid(
        "Heineken said on Monday that it had increased its dividend payment by 25% to 40\n\n"
        "euro cents, but warned of a drop in profit.",
        [(1, 80)],
    ),
    Invalid("Newcomer Ciara, who recently beat Elvis to a record -\n\nwho is also nominated.", [(1, 54)]),
    # Only the full stop is missing.
    Invalid(
        "Agriculture Minister Adamu Bello said the scheme would pump money into subsidies\n\n"
        "for farming chemicals and seedlings. Nigeria is a large producer.",
        [(1, 81)],
    ),
    # Hard-wrapped text, block quotes and Markdown paragraphs.
    Invalid(
        HARD_WRAPPED
        + "\nThe flat was seven flights up, and he went\n\nslowly up the stairs, resting several times on the way.",
        [(9, 43)],
    ),
    Invalid("> He said that the plan would work in\n>\n> the end, and it did.", [(1, 38)], path="doc.md"),
    Invalid("The council has voted to\n\nclose the library on Sundays.", [(1, 25)], path="doc.md"),
    # A capital that belongs to a name, after a paragraph that stops on "and".
    Invalid(
        "Troops launched an offensive, and US, British and\n\n"
        "Ukrainian officials threatened to use long-range missiles on Monday.",
        [(1, 50)],
    ),
    # A Gutenberg dash is prose, not a command-line flag.
    Invalid(
        "I say, Jeeves, you know--well, the long and the short of\n\nit is that she has gone and got engaged.",
        [(1, 57)],
    ),
    Invalid(
        "The council has voted to\r\n\r\nclose the library on Sundays.",
        [(1, 25)],
        output="The council has voted to close the library on Sundays.",
        unsafe=True,
    ),
    # Several breaks in a row: each is reported.
    Invalid("The report, which\n\nruns to two hundred pages, was\n\npublished on Monday.", [(1, 18), (3, 31)]),
]

ONE_LINE = f"{LONG_1}\n\n{LONG_2}\n\n{LONG_3}\n\n"

BROKEN_LINE_VALID = [
    *TRAPS,
    Valid(ONE_LINE + "The meeting closed at nine.\nIt will meet again in May.\n"),
    Valid(ONE_LINE + "The address is:\nTown Hall\nHigh Street\nLondon\n"),
    Valid(ONE_LINE + "Roses are red\nViolets are blue\nSugar is sweet\n"),
    Valid(ONE_LINE + "The council has voted to\nclose the library on Sundays.\n", path="doc.md"),
    Valid(HARD_WRAPPED + "\n" + HARD_WRAPPED),
    Valid(ONE_LINE + "- the first point of the meeting\n- the second point of the meeting\n"),
]

BROKEN_LINE_INVALID = [
    Invalid(
        ONE_LINE + "The company said on Monday that its profits had risen sharply in\nthe third quarter.\n",
        [(7, 65)],
        output=ONE_LINE + "The company said on Monday that its profits had risen sharply in the third quarter.\n",
        unsafe=True,
    ),
    Invalid(ONE_LINE + "The company said that it was, on the whole,\nsatisfied with the result.\n", [(7, 44)]),
    # Two long one-line paragraphs are enough to know the document's habit; CRLF endings.
    Invalid(
        f"{LONG_1}\r\n\r\n{LONG_2}\r\n\r\nShares fell 3% on Monday after the firm said that a further 16%\r\nare at risk.\r\n",
        [(5, 64)],
        output=f"{LONG_1}\r\n\r\n{LONG_2}\r\n\r\nShares fell 3% on Monday after the firm said that a further 16% "
        "are at risk.\r\n",
        unsafe=True,
    ),
]

CUT_MARKER_VALID = [
    *TRAPS,
    Valid("He said: “We will […] come back next year.”\n\nThe talks ended on Friday."),
    Valid("The talks ended on Friday. There is much more to read more about the talks"),
    Valid("The talks ended on Friday. And then… nothing."),
    Valid("The talks ended on Friday.\n\nWhat comes next..."),
    Valid("She looked at the sea for a long time.\n\n“If only I had…”"),
    Valid("## Read more\n\n- [The manual](https://example.com/manual)\n", path="README.md"),
    Valid("The package does one thing well.\n\n[Read more](https://example.com/docs)\n", path="README.md"),
]

CUT_MARKER_INVALID = [
    Invalid("The company said it would cut 90 jobs.\n\nContinue reading\n", [(3, 1)]),
    Invalid("The company said it would cut 90 jobs.\n\nRead more »", [(3, 1)]),
    Invalid("The company said it would cut 90 jobs by the end of the year. […]", [(1, 63)]),
    Invalid("The company said it would cut jobs. Read more...", [(1, 37)]),
    Invalid("The government began to pay less attention to…", [(1, 46)]),
    Invalid("The government began to pay less attention to the...\n", [(1, 50)]),
    Invalid("The talks went on, and...", [(1, 23)]),
]


@pytest.mark.parametrize("case", DOCUMENT_END_VALID, ids=str)
def test_document_end_valid(case: Valid) -> None:
    assert_valid(document_ends_mid_sentence, case)


@pytest.mark.parametrize("case", DOCUMENT_END_INVALID, ids=str)
def test_document_end_invalid(case: Invalid) -> None:
    assert_invalid(document_ends_mid_sentence, case)


@pytest.mark.parametrize("case", BROKEN_PARAGRAPH_VALID, ids=str)
def test_broken_paragraph_valid(case: Valid) -> None:
    assert_valid(paragraph_broken_mid_sentence, case)


@pytest.mark.parametrize("case", BROKEN_PARAGRAPH_INVALID, ids=str)
def test_broken_paragraph_invalid(case: Invalid) -> None:
    assert_invalid(paragraph_broken_mid_sentence, case)


@pytest.mark.parametrize("case", BROKEN_LINE_VALID, ids=str)
def test_broken_line_valid(case: Valid) -> None:
    assert_valid(line_broken_mid_sentence, case)


@pytest.mark.parametrize("case", BROKEN_LINE_INVALID, ids=str)
def test_broken_line_invalid(case: Invalid) -> None:
    assert_invalid(line_broken_mid_sentence, case)


@pytest.mark.parametrize("case", CUT_MARKER_VALID, ids=str)
def test_cut_marker_valid(case: Valid) -> None:
    assert_valid(cut_marker_at_end, case)


@pytest.mark.parametrize("case", CUT_MARKER_INVALID, ids=str)
def test_cut_marker_invalid(case: Invalid) -> None:
    assert_invalid(cut_marker_at_end, case)


def test_broken_paragraph_message_names_both_lines() -> None:
    [finding] = assert_invalid(
        paragraph_broken_mid_sentence,
        Invalid("It was cut in\n\nthe middle of a sentence.", [(1, 14)]),
    )
    assert finding.message == (
        "Paragraph broken mid-sentence: line 1 ends with 'was cut in' and line 3 goes on with 'the middle of'"
    )


def test_document_end_message_names_the_reason() -> None:
    [finding] = assert_invalid(document_ends_mid_sentence, Invalid("Title\n\nIt went on and on and", [(3, 1)]))
    assert finding.message == "Document ends mid-sentence after 'and': 'and on and'"


def test_family_lists_every_rule_with_documentation() -> None:
    rules = doclint_rules()
    assert [rule.code for rule in rules] == ["TRN001", "TRN002", "TRN003", "TRN004"]
    for rule in rules:
        assert rule.summary
        for section in ("## What it does", "## Why is this bad?", "## Example"):
            assert section in rule.doc, (rule.code, section)
        assert ("## Fix safety" in rule.doc) == rule.fixable


# The quick readings of a paragraph (by bytes, from its end) must read words as ``WORD``
# does: apostrophes, hyphens, digits, curly quotes, masks, non-Latin letters and mojibake.
TRICKY_TEXT = st.lists(
    st.sampled_from([*"aZé1²_’'-—“”„«»「」\"().,: \n\tΩжY中\ue000", "â€™", "U.S. ", "e.g."]) | st.characters(),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TRICKY_TEXT)
def test_quick_readings_agree_with_the_word_pattern(text: str) -> None:
    words = words_of(text)
    assert last_word(text) == (words[-1] if words else "")
    lower = sum(1 for word in words if word[0].islower())
    for minimum in (1, 4, 8):
        assert is_prose_like(text, minimum_words=minimum) == (len(words) >= minimum and lower >= len(words) / 2)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "the", ".", "!", ";", ",", '"', "”", "’", ")", "*", " ", "\n", "â€", "\ufffd", "™"]),
        max_size=20,
    ).map("".join)
)
def test_ends_closed_is_the_tails_closed(text: str) -> None:
    # The shape asks only this of most paragraphs; it must agree with the whole Tail.
    assert ends_closed(text) == tail(text).closed


def test_paragraph_readings_are_cached_for_one_document_at_a_time() -> None:
    """The caches of paragraph readings serve the rules reading one document; kept across
    documents they held thousands of whole paragraphs (a folder of long one-paragraph files)."""
    rules = doclint_rules()
    long = "\n\n".join(f"Paragraph {n} of the report says the council met and voted" for n in range(40))
    for text in (long + "\n", "One short paragraph that the council wrote.\n"):
        document = Document("doc.txt", text)
        for rule in rules:
            list(rule.check(document, {}))
    assert tail.cache_info().currsize <= 2


@pytest.mark.parametrize("start", [0, 1, 5, 38, 39])
def test_a_broken_line_is_judged_on_the_start_of_the_rest_of_its_paragraph(start: int) -> None:
    """TRN003 read the rest of the paragraph joined, for each line: the square of its lines."""
    lines = [f"line {number} " + "word " * (number % 13) for number in range(40)]
    rest, whole = broken_line._rest(lines, start), "\n".join(lines[start:])
    assert whole.startswith(rest) and rest.split("\n")[0] == lines[start]
    assert rest == whole or len(rest) > HEAD_CHARACTERS
