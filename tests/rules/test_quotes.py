"""QUO: unbalanced quotation marks, stripped quotations, quotation marks missing throughout."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.errors import ConfigError
from doclint.plugins.quotes import doclint_rules, speech
from doclint.plugins.quotes.marks import OPEN, Mark, _Open
from doclint.plugins.quotes.options import quote_options
from doclint.plugins.quotes.stripped import stripped_quotation
from doclint.plugins.quotes.throughout import quotation_marks_missing_throughout
from doclint.plugins.quotes.unbalanced import unbalanced_quotation_mark
from doclint.testing import Invalid, Valid, assert_invalid, assert_valid, check

# Texts every QUO rule must pass: the precision traps of the style guide.
TRAPS = [
    Valid("He said, “yes.” She said, ‘no.’"),
    Valid('He said, "yes." She said, "no."'),
    Valid("Don’t stop: it’s the ’90s, the students’ union plays rock ’n’ roll."),
    Valid("“This speech runs on,” he said, “over two paragraphs.\n\n“And it ends in the second one.”"),
    Valid("U.S. officials met Mr. Smith, e.g. on trade... The rate rose 2.5% on Monday."),
    Valid("See https://example.com/path?q=1 and mail someone@example.org today."),
    Valid('Ο Νίκος είπε «καλημέρα». Он сказал «привет». 他说：“你好。” قال: "مرحبا" उसने कहा, "नमस्ते।"'),
    Valid('Run `print("hi)` in a shell.\n\n```python\nx = "unclosed\n```\n', path="doc.md"),
    Valid(
        "I walked to the shop and I bought bread.\n\nMy brother and I went home.\n\nWe will go again, my brother said."
    ),
]

UNBALANCED_VALID = [
    *TRAPS,
    Valid('A 12" screen and a 5.5" phone.'),
    Valid("He said &quot;no&quot; twice."),
    Valid("Putin repeated that ties are “not directed against anyone,” adding: “It is\n\naimed at one thing.”"),
    Valid("“Yes, but listen: the war was over.\n\n0345m\n\n“Then he came home,” she said."),
    Valid("‘What do you want?’ said my father.—‘I do,’ said he."),
    Valid("«Bonjour», dit-il.", options={"quote-styles": ["guillemets"]}),
    Valid("Er sagte: „Hallo.“ Dann ging er.", options={"quote-styles": ["low-high", "curly"]}),
    Valid("他说：「你好。」", options={"quote-styles": ["corner"]}),
    Valid('"The first paragraph." "The second, after the first was joined to it." "The end."'),
]

UNBALANCED_INVALID = [
    Invalid("“We are not taking action, a spokesman said. “That is the end of it.”", [(1, 1)]),
    Invalid('It was fine," he said.', [(1, 13)]),
    Invalid('Title\n\nHe said "hello and left.', [(3, 9)]),
    Invalid("She called it ‘the best. Then she left.", [(1, 15)]),
    Invalid("“One,” he said. “Two.””", [(1, 23)]),
    Invalid("他说：「你好。", [(1, 4)], options={"quote-styles": ["corner"]}),
    Invalid("«Bonjour, dit-il.", [(1, 1)], options={"quote-styles": ["guillemets"]}),
]


@pytest.mark.parametrize("case", UNBALANCED_VALID, ids=str)
def test_unbalanced_valid(case: Valid) -> None:
    assert_valid(unbalanced_quotation_mark, case)


@pytest.mark.parametrize("case", UNBALANCED_INVALID, ids=str)
def test_unbalanced_invalid(case: Invalid) -> None:
    assert_invalid(unbalanced_quotation_mark, case)


STRIPPED_VALID = [
    # A "sentence" of thousands of characters (a table, text without sentence ends) is
    # not searched for an attribution that interrupts it: each comma would read it whole.
    Valid("We found clues of manipulation, the spokeswoman said, " + "and more trades, " * 120 + "and bonds."),
    *TRAPS,
    Valid("He said that the plan was dead."),
    Valid("The plan was dead, he said."),
    Valid("He told us that we would win the next round of talks."),
    Valid("“We will win,” he said. “We have never refused to negotiate.”"),
    Valid("# We will win this, he said\n\nThe match is on Sunday.", path="doc.md"),
    Valid("- We will win this match easily, he said.\n- The match is on Sunday.", path="doc.md"),
    Valid("We will win, says Putin\n\nThe summit opened on Monday."),
    Valid(
        "We hold these truths to be self-evident.\n\nWe must act, as our fathers did. I believe it still.\n\n"
        "It is our duty to act now, said the speaker."
    ),
    Valid("U.S. officials met Mr. Smith on Monday. Talks went well, e.g. on trade, the U.S. embassy said."),
    Valid("Profits rose 5% to $3.2bn, the company said on Tuesday."),
    Valid("You can run `doclint check` on a folder, as the README says.", path="doc.md"),
    Valid("Mr Li, who grew up in the United States, was fortunate: He left early and came back rich."),
    Valid("The value fell, added the spokesman. They played Losing My Religion and The One I Love on Monday."),
]

STRIPPED_INVALID = [
    Invalid("We have never refused to negotiate, he told the news agency.", [(1, 1)]),
    Invalid("The minister arrived on Monday. Xi said: China hopes for peace and stability in the region.", [(1, 42)]),
    Invalid("“Fine,” he said. I don’t know what I was doing there, she said.", [(1, 18)]),
    Invalid("We will strive for closer ties, Putin said. We are open to dialogue on all issues.", [(1, 1), (1, 45)]),
    Invalid("Chief executive Jane Doe said in the case of this season we drifted too far.", [(1, 31)]),
    Invalid("We found clues of manipulation, the spokeswoman said, which included bond trades.", [(1, 1)]),
    Invalid("We will win this, quipped the coach.", [(1, 1)], options={"speech-verbs": ["quipped"]}),
    Invalid("Said the report: This finding is ironic, since nearly half of all users rely on it.", [(1, 18)]),
    # the capital "Said" is found through the colon alone, in a sentence that is not the first
    Invalid("He paused. Said the report: We found no evidence of harm.", [(1, 29)]),
    # "Mr." ends no sentence, "first." does
    Invalid("Mr. Owen spoke first. I think we have won, said Mr. Owen.", [(1, 23)]),
    Invalid("We will win this, cross-examined the coach.", [(1, 1)], options={"speech-verbs": ["cross-examined"]}),
    Invalid("He’s been ripping people off for years, AP quoted the prosecutor as saying.", [(1, 1)]),
    Invalid(
        "Most of the value was in the drug, said an analyst in Dublin. Now there’s a question mark over it.",
        [(1, 1), (1, 63)],
    ),
]


@pytest.mark.parametrize("case", STRIPPED_VALID, ids=str)
def test_stripped_valid(case: Valid) -> None:
    assert_valid(stripped_quotation, case)


@pytest.mark.parametrize("case", STRIPPED_INVALID, ids=str)
def test_stripped_invalid(case: Invalid) -> None:
    assert_invalid(stripped_quotation, case)


def test_stripped_message_names_the_evidence() -> None:
    (finding,) = check(stripped_quotation, "We have never refused to negotiate, he told the news agency.")
    assert "he told the news agency" in finding.message
    assert "first/second-person 'we'" in finding.message
    assert (finding.line, finding.column, finding.end_column) == (1, 1, 35)


STRIPPED_DOCUMENT = (
    "Officials met in the capital on Monday.\n\n"
    "We will strive for closer ties with all our neighbours, the president said on arrival.\n\n"
    "The talks lasted two hours and covered trade.\n\n"
    "We have never refused to negotiate, he told reporters. Our door is open.\n\n"
    "Markets rise when talks go well, said one analyst in the capital.\n"
)

THROUGHOUT_VALID = [
    *TRAPS,
    Valid(STRIPPED_DOCUMENT.replace("We have never refused to negotiate,", "“We have never refused to negotiate,”")),
    Valid("Officials met on Monday.\n\nWe will strive for closer ties, the president said.\n\nTalks lasted two hours."),
    Valid("Profits rose 5%, the company said.\n\nSales fell in Asia, the firm added.\n\nShares closed higher."),
]

THROUGHOUT_INVALID = [
    Invalid(STRIPPED_DOCUMENT, [(1, 1)]),
]


@pytest.mark.parametrize("case", THROUGHOUT_VALID, ids=str)
def test_throughout_valid(case: Valid) -> None:
    assert_valid(quotation_marks_missing_throughout, case)


@pytest.mark.parametrize("case", THROUGHOUT_INVALID, ids=str)
def test_throughout_invalid(case: Invalid) -> None:
    assert_invalid(quotation_marks_missing_throughout, case)


def test_stripped_document_also_reports_each_quotation() -> None:
    lines = [finding.line for finding in check(stripped_quotation, STRIPPED_DOCUMENT)]
    assert lines == [3, 7, 7, 9]


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"quote-styles": "curly"}, "must be a list of strings"),
        ({"quote-styles": ["curly", "fancy"]}, "unknown style 'fancy'"),
        ({"speech-verbs": [3]}, "must be a list of strings"),
        ({"speech-verbs": ["said it"]}, "is not a single word"),
        ({"speech-verb": ["quipped"]}, "unknown key 'speech-verb'"),
    ],
)
def test_bad_options_raise_config_error(options: dict, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        quote_options(options)
    with pytest.raises(ConfigError):
        check(stripped_quotation, "We will win, he said.", options=options)


def test_every_rule_documented_and_listed() -> None:
    rules = doclint_rules()
    assert [rule.code for rule in rules] == ["QUO001", "QUO002", "QUO003"]
    assert not any(rule.fixable for rule in rules)  # documentation: tests/test_packaging.py


# The scans that make QUO002 quick must find what the plain ones find, on any text.
SPEECH_PIECES = st.sampled_from(
    [
        *("said", "says", "told", "according", "to", "quoted", "as", "saying", "announced", "He", "the", "company"),
        *("Mr.", "Dr.", "No.", "U.S.", "e.g.", "i.e.", "approx.", "etc.", "A.", "Sept.", "Corp.", "x.Mr."),
        *(".", "!", "?", "...", ",", ":", '"', "“", "”", "‘", "’", "(", ")", "—", "-", "_", "1"),
        *("é", "ésaid", "saidé", "_said", "said_", "1said", "said-x", "\u00a0", "\u2028", "中"),
        *(" ", " ", " ", "  ", "\n", "\n\n", "\t"),
    ]
)
SPEECH_TEXTS = st.lists(SPEECH_PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPEECH_TEXTS)
def test_keywords_are_the_keyword_pattern_matches(text: str) -> None:
    patterns = speech._patterns(frozenset())
    expected = [(match.start(), patterns.roles[match.group()]) for match in patterns.keyword.finditer(text)]
    assert speech._keywords(text, patterns) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPEECH_TEXTS, st.integers(0, 400), st.integers(0, 400))
def test_sentences_are_those_read_break_by_break(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    expected = speech._sentences_slowly(text, start, end)
    assert speech.sentences(text, start, end) == expected
    assert speech.sentences(text, start, end, speech._breaks(text)) == expected


def test_open_quotations_find_each_style_innermost_and_close_what_is_inside() -> None:
    """What balance keeps instead of walking its stack for every mark."""
    stack = _Open()
    opened = [Mark(offset, char, style, OPEN) for offset, (char, style) in enumerate(["“c", "‘s", "“c", "«g", "‘s"])]
    for mark in opened:
        stack.push(mark)
    assert (stack.find("c"), stack.find("s"), stack.find("g"), stack.find("x")) == (2, 4, 3, None)
    assert stack.close(2) == opened[3:]  # the second curly quotation closes, and those inside it are unclosed
    assert (stack.find("c"), stack.find("s"), stack.find("g")) == (0, 1, None)
    assert stack.marks == opened[:2]
    stack.push(opened[3])
    assert (stack.find("g"), stack.close(0), stack.marks, stack.find("s")) == (2, opened[1:2] + opened[3:4], [], None)
