"""PUN: table-driven tests for the stray-punctuation rules.

Every rule must stay silent on the shared precision traps (quotes, dialogue across
paragraphs, abbreviations, ellipses, URLs, decimals, non-Latin scripts, Markdown code)
and on its own exceptions, and must find its defects at the exact line and column.
"""

from __future__ import annotations

import pytest

from doclint.plugins.punctuation import doclint_rules
from doclint.plugins.punctuation.abbreviations import is_abbreviation
from doclint.plugins.punctuation.brackets import unmatched_bracket
from doclint.plugins.punctuation.doubled import doubled_punctuation
from doclint.plugins.punctuation.line_start import punctuation_at_line_start
from doclint.plugins.punctuation.missing_space import missing_space_after_punctuation
from doclint.plugins.punctuation.options import punctuation_options
from doclint.plugins.punctuation.space_before import space_before_punctuation
from doclint.plugins.punctuation.stray_period import stray_period
from doclint.testing import Invalid, Valid, assert_invalid, assert_valid, check

RULES = doclint_rules()

# Clean texts on which no PUN rule may find anything.
COMMON_VALID = [
    Valid("“We will not stop,” she said. “Never.”"),
    Valid('"We will not stop," she said. "Never."'),
    Valid("He said: ‘It’s over’, and left; the rest of us stayed."),
    Valid("“I will go on,” he said.\n\n“And then?”\n\n“Then I will stop.”"),
    Valid("“The first part of a long speech,\n\n“and the second part of it.”"),
    Valid("The U.S. economy grew. U.S. officials said so, e.g. the Treasury, i.e. its staff."),
    Valid("Mr. and Mrs. Smith met Dr. Jones at 10 a.m. on Jan. 5 at St. Paul's, No. 10."),
    Valid("Apples, pears, etc. are sold by the lb. in the U.K. market vs. the U.S. one."),
    Valid("He paused... and then went on. She waited … and waited. Wait . . . no."),
    Valid("See https://example.com/a,b.html?x=1;y=2 or mail a.b@example.co.uk today."),
    Valid("Profits rose 3.5% to 1,000,000 euros; version 2.0.1 of Node.js ships on bbc.co.uk."),
    Valid("Open setup.py, then config.json and README.md in the project."),
    Valid("Η οικονομία αναπτύχθηκε. Οι τιμές αυξήθηκαν, είπε ο υπουργός."),
    Valid("Экономика выросла. Цены, по его словам, выросли и т.д. и т.п."),
    Valid("经济增长了。价格上涨了，部长说。"),
    Valid("نما الاقتصاد. وقال الوزير إن الأسعار ارتفعت، كما توقع."),
    Valid("अर्थव्यवस्था बढ़ी। मंत्री ने कहा, कीमतें बढ़ीं।"),
    Valid("Run `a ,b ;; c::d ( x` first.\n\n```\nx = f(a ,b) . y ;; z\n(unclosed\n```\n", path="doc.md"),
    Valid("Chapter I. The Beginning\n\nIt was a dark night, and the rain fell.\nThe wind howled."),
    Valid(
        "It was a long line of hard-wrapped text that goes on and on\nuntil the end of it. Then another one starts here."
    ),
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
@pytest.mark.parametrize("case", COMMON_VALID, ids=str)
def test_common_valid(rule, case):
    assert_valid(rule, case)


def test_every_rule_is_in_the_family():
    # Their documentation is checked for every built-in rule in tests/test_packaging.py.
    assert all(rule.code.startswith("PUN") for rule in RULES)


# PUN001 space-before-punctuation
SPACE_BEFORE_VALID = [
    Valid("Il a dit : « non » ; puis il est parti !", options={"french-spacing": True}),
    Valid("Il a dit\u00a0: «\u00a0non\u00a0»\u202f; puis il est parti\u202f!"),
    Valid("Alas ! What shall we do ? We are lost ; all is over : Who knows ?"),
    Valid("Great news :) and more :-( later ;) ok"),
    Valid("The .mobi and .jobs domains; a .5 rise; run `ls .` now.", path="doc.md"),
    Valid("Say git add -u . to stage."),
    Valid("Remove the ? from the query and the . from the name."),
    Valid("Code  ;  aligned  :  columns"),
    Valid("overflow : raised when a result is too large"),
    Valid("    x = f(a , b)"),
    Valid("a , b = b , a ( x ) = y"),
]
SPACE_BEFORE_INVALID = [
    Invalid(
        "It will take some time yet , the spokesman said.",
        [(1, 27)],
        output="It will take some time yet, the spokesman said.",
    ),
    Invalid(
        "It was the fourth largest . The dollar fell.", [(1, 26)], output="It was the fourth largest. The dollar fell."
    ),
    Invalid("Where is he ? Nobody knows !", [(1, 12), (1, 27)], output="Where is he? Nobody knows!"),
    Invalid("Henry , for me, is the best", [(1, 6)], output="Henry, for me, is the best"),
    Invalid("A line that ends badly .\nNext line.", [(1, 23)], output="A line that ends badly.\nNext line."),
    Invalid(
        "The minister told reporters : the deal is off.",
        [(1, 28)],
        output="The minister told reporters: the deal is off.",
    ),
    Invalid("Le ministre a dit aux journalistes : non.", [(1, 35)]),
    Invalid("Where is he ? Nobody knows. Is he lost? Has he gone? Why?", [(1, 12)]),
]


@pytest.mark.parametrize("case", SPACE_BEFORE_VALID, ids=str)
def test_space_before_valid(case):
    assert_valid(space_before_punctuation, case)


@pytest.mark.parametrize("case", SPACE_BEFORE_INVALID, ids=str)
def test_space_before_invalid(case):
    assert_invalid(space_before_punctuation, case)


def test_french_spacing_option_is_validated():
    with pytest.raises(ValueError, match="french-spacing"):
        punctuation_options({"french-spacing": "yes"})


# PUN002 doubled-punctuation
DOUBLED_VALID = [
    Valid("Apples, pears, etc., and plums; e.g., the red ones; i.e.: these."),
    Valid("The U.S., the U.K.; and Acme Inc., Smith Ltd. and Co.: all of them."),
    Valid("Wait... what? Really?! No!! Well.. fine. Hmm...,"),
    Valid("Well.. ok. Go to ../path and 1..10; a.. The"),
    Valid("d1 = array([1., 2., 3., 4.]) in the example"),
    Valid("He stopped . . . and went on. . . . Then he left."),
    Valid("Use std::vector and Foo::bar; see HEAD:.mailmap and ../path."),
    Valid("Perl's SVN:: libraries are needed."),
    Valid("Write it as follows::\n\n    code\n"),
    Valid(".. code-block:: python\n"),
    Valid("0307; ; 0307; empty fields"),
    Valid("He said &quot;no&quot;. Then left."),
]
DOUBLED_INVALID = [
    Invalid(
        "Prices rose in recent months., On Friday",
        [(1, 29)],
        output="Prices rose in recent months. On Friday",
        unsafe=True,
    ),
    Invalid("At such high prices,, the cartel", [(1, 20)], output="At such high prices, the cartel"),
    Invalid(
        "Payments to clients for drugs,. also", [(1, 30)], output="Payments to clients for drugs, also", unsafe=True
    ),
    Invalid(
        "It was slow and excessive.; Vodafone said",
        [(1, 26)],
        output="It was slow and excessive. Vodafone said",
        unsafe=True,
    ),
    Invalid("One;; two", [(1, 4)], output="One; two"),
    Invalid("The list:: apples", [(1, 9)], output="The list: apples"),
    Invalid("The end. . Next one.", [(1, 8)], output="The end. Next one."),
    Invalid("First, , second", [(1, 6)], output="First, second"),
    Invalid(
        "It merged with the firm.. A combination followed.",
        [(1, 24)],
        output="It merged with the firm.. A combination followed.",
    ),
    Invalid("It merged with the firm.. A deal.", [(1, 24)], output="It merged with the firm. A deal.", unsafe=True),
]


@pytest.mark.parametrize("case", DOUBLED_VALID, ids=str)
def test_doubled_valid(case):
    assert_valid(doubled_punctuation, case)


@pytest.mark.parametrize("case", DOUBLED_INVALID, ids=str)
def test_doubled_invalid(case):
    assert_invalid(doubled_punctuation, case)


def test_doubled_mixed_fix_is_unsafe():
    (finding,) = check(doubled_punctuation, "months., On Friday")
    assert finding.fix.applicability.value == "unsafe"
    (finding,) = check(doubled_punctuation, "prices,, the cartel")
    assert finding.fix.applicability.value == "safe"


# PUN003 stray-period
STRAY_VALID = [
    Valid("Use e.g. the first, i.e. the best, etc. and so on, cf. the notes, vs. the rest."),
    Valid("Smith et al. found it; Press et. al. agreed; see vol. ii and pp. iv."),
    Valid("At 10 a.m. on Monday and 5 p.m. on Tuesday, the U.S. team met."),
    Valid("Mr. and Mrs. Jones, St. john's; J. smith and Henry VIII. was king."),
    Valid("Sales rose 3.5 percent; version 2.0.1 is out on bbc.co.uk. file.txt. and more"),
    Valid("It ended.  dpkg will then run."),
    Valid("He dropped it. iPhone sales fell; eBay rose."),
    Valid("the date of any change.\n    b) You must cause it\n"),
    Valid("Items:\n\n    ii. a copyright notice;\n"),
    Valid("saved as utf-8. utf-8 means that files"),
    Valid("The good old persp. was bedewing my brow."),
    Valid("Die Zahl bzw. die Menge, vgl. auch Seite 3; env. un tiers."),
    Valid("This is configured afterwards. so for example, use it.", path="doc.md"),
    Valid("It ran to the end.\nfiles are then copied."),
    Valid("Он пришёл. и ушёл."),
    Valid("A board 3 in. wide and 10 min. later; he lives in Springfield, Ill. and works."),
    Valid("The coach resigned. van Gaal said so; add 1 tsp. salt and cont. on page 2."),
]
STRAY_INVALID = [
    Invalid(
        "amid the NATO-Russia war. in Ukraine.", [(1, 25)], output="amid the NATO-Russia war in Ukraine.", unsafe=True
    ),
    Invalid("He later secured the. film rights.", [(1, 21)], output="He later secured the film rights.", unsafe=True),
    Invalid("New sections added to this. year's festival", [(1, 27)]),
    Invalid("Profit had been. forecast to rise.", [(1, 16)]),
    Invalid("The legal boundaries did. not match.", [(1, 25)]),
    Invalid("It is the key to solve the. problem. Every part", [(1, 27)]),
    Invalid("Younger viewers will. go for it.", [(1, 21)], path="doc.md"),
    Invalid("a long line of text that goes on with the.\nfilm rights of it.", [(1, 42)]),
    Invalid("The people in. the town said so.", [(1, 14)]),
    Invalid("He fell ill. and stayed home.", [(1, 12)]),
    Invalid("Oil rose above $47 a. barrel on Thursday.", [(1, 21)]),
    Invalid("It said on the agency's. website that", [(1, 24)]),
    Invalid("Ronaldo refused to commit his. long-term future", [(1, 30)]),
    Invalid("The output. of the command is shown.", [(1, 11)], path="doc.md"),
    Invalid("If the span score is. less than this value", [(1, 21)], path="doc.md"),
    Invalid("a hard-wrapped line of text that ends with a preposition of\nthe. film rights.", [(2, 4)]),
]


@pytest.mark.parametrize("case", STRAY_VALID, ids=str)
def test_stray_period_valid(case):
    assert_valid(stray_period, case)


@pytest.mark.parametrize("case", STRAY_INVALID, ids=str)
def test_stray_period_invalid(case):
    assert_invalid(stray_period, case)


def test_stray_period_fix_is_not_applied_by_default():
    text = "amid the war. in Ukraine."
    (finding,) = check(stray_period, text)
    assert finding.fix.applicability.value == "unsafe"
    assert_invalid(stray_period, Invalid(text, [(1, 13)], output=text))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        *[("e.g", True), ("U.S", True), ("a.m", True), ("Mr", True), ("etc", True), ("J", True), ("VIII", True)],
        *[("war", False), ("the", False), ("Management", False), ("NATO", False)],
    ],
)
def test_is_abbreviation(word, expected):
    assert is_abbreviation(word) is expected


# PUN004 missing-space-after-punctuation
MISSING_VALID = [
    Valid("Node.js 3.5 on bbc.co.uk for 1,000 U.S. users; e.g. Ph.D. holders."),
    Valid("Call System.Collections.Generic or String.Format(x) or Math.PI here."),
    Valid("Set the values red,green,blue or a;b;c as you like."),
    Valid("The idleConf.CurrentTheme and ctypes.OleDLL calls; see tl;dr."),
    Valid("Returns: {net.Socket} and refs/{heads,tags}/foo or -Wl,invalid"),
    Valid("A module such as net.Server or http.Client is used here.", path="doc.md"),
    Valid("He said &#39;hi&#39;. Then &quot;bye&quot;."),
    Valid("Use Math.PI, os.O_RDONLY and Plan.B here; press -Wl,invalid now."),
    Valid("经济增长了,价格上涨了.部长说"),
    Valid("Экономика,по словам"),
]
MISSING_INVALID = [
    Invalid("Results were strong,however, costs rose.", [(1, 20)], output="Results were strong, however, costs rose."),
    Invalid(
        "The firm was founded in 2002.The firm grew.", [(1, 29)], output="The firm was founded in 2002. The firm grew."
    ),
    Invalid("It rose on research.But he argued", [(1, 20)], output="It rose on research. But he argued"),
    Invalid("Sales of $3.27bn.EBay president said", [(1, 17)]),
    Invalid("Partners including Nokia,Microsoft and others", [(1, 25)]),
    Invalid("Was it finished?Nobody knows.", [(1, 16)], output="Was it finished? Nobody knows."),
    Invalid("Prices rose.The firm said so.", [(1, 12)], path="doc.md"),
    Invalid("It was quiet;however, the firm", [(1, 13)]),
    Invalid("It merged with Ispat.A combination of firms", [(1, 21)]),
    Invalid("Bags were undelivered.US Airways said so.", [(1, 22)]),
    Invalid("It expects a loss in 2005.GM said so.", [(1, 26)]),
    Invalid("I will talk about the movies.I'm not worried.", [(1, 29)]),
    Invalid("He spoke on Tuesday.Mr Jackson denies it.", [(1, 20)]),
    Invalid("They are skipped by default.To re-run them, use it.", [(1, 28)], path="doc.md"),
    Invalid("It needs Python 3.8.In this case, use it.", [(1, 20)], path="doc.md"),
    Invalid("Shares in 2004,Japan's imports; Halo 2,which sold; 717,000,and more", [(1, 15), (1, 39), (1, 59)]),
    Invalid("The largest ski-maker,have jumped; many unemployed,a minister said", [(1, 22), (1, 51)]),
]


@pytest.mark.parametrize("case", MISSING_VALID, ids=str)
def test_missing_space_valid(case):
    assert_valid(missing_space_after_punctuation, case)


@pytest.mark.parametrize("case", MISSING_INVALID, ids=str)
def test_missing_space_invalid(case):
    assert_invalid(missing_space_after_punctuation, case)


# PUN005 punctuation-at-line-start
LINE_START_VALID = [
    Valid("- first item\n- second item\n\n1. one\n2. two\n", path="doc.md"),
    Valid("... and then he left.\n\n… and she followed."),
    Valid(".NET and .gitignore are names; .5 is a number."),
    Valid(": a definition\n\nterm\n: its definition", path="doc.md"),
    Valid("It implies\n`--all-targets`, so it can fix more.", path="doc.md"),
    Valid("See [the docs](https://example.com/x)\n, also the FAQ.", path="doc.md"),
    Valid("The log learned:\n\n   . to wrap text\n   . to indent it\n"),
]
LINE_START_INVALID = [
    Invalid(". And Alan Greenspan said so.", [(1, 1)], output="And Alan Greenspan said so."),
    Invalid(
        "First paragraph.\n\n, The Australian firm said.",
        [(3, 1)],
        output="First paragraph.\n\nThe Australian firm said.",
    ),
    Invalid("Intro.\n\n; They hope the song will sell.", [(3, 1)], output="Intro.\n\nThey hope the song will sell."),
    Invalid("A hard-wrapped line that ends with a word\n, and then the comma.", [(2, 1)]),
    Invalid("- . An item", [(1, 3)], path="doc.md", output="- An item"),
    Invalid("> , Quoted text", [(1, 3)], path="doc.md"),
    Invalid("It ends with an incident.\n, Further details follow.", [(2, 1)]),
]


@pytest.mark.parametrize("case", LINE_START_VALID, ids=str)
def test_line_start_valid(case):
    assert_valid(punctuation_at_line_start, case)


@pytest.mark.parametrize("case", LINE_START_INVALID, ids=str)
def test_line_start_invalid(case):
    assert_invalid(punctuation_at_line_start, case)


def test_line_start_inside_paragraph_has_no_fix():
    (finding,) = check(punctuation_at_line_start, "A line\n, and more.")
    assert finding.fix is None


# PUN006 unmatched-bracket
BRACKETS_VALID = [
    Valid("Choose a) the first, b) the second or 1) a number; iv) a numeral."),
    Valid("Nice :) and sad :-( and wink ;) and 8) too."),
    Valid("The interval [0, 1) and (0, 1] are half open."),
    Valid("New Zealand (1), Scotland (8) and the set (10-8)."),
    Valid("[Illustration: THE GOOSE GIRL\n\n'O WIND, BLOW.' ]"),
    Valid("An aside (that runs on\n\nover two paragraphs) is closed."),
    Valid("A link [text](https://example.com/a_(b)) and [ref][1].\n\n[1]: https://x.org", path="doc.md"),
    Valid("A note (unclosed in Markdown is not judged.", path="doc.md"),
    Valid("{\n\n}"),
    Valid("Loose ( brackets ( everywhere ( in this ( list"),
    Valid("(see https://en.wikipedia.org/wiki/Foo_(bar))"),
    Valid('Use a format (e.g. "%(refname:)") and the "e)dit" option; great :)'),
    Valid('Run "git add --chmod={+,-}x <pathspec>" now.'),
    Valid("Example:\n\n    if (x) {\n        y(\n"),
]
BRACKETS_INVALID = [
    Invalid("The firm (which was founded in 1998 said profits rose.", [(1, 10)]),
    Invalid("Profits rose) by 5% this year.", [(1, 13)]),
    Invalid("It said [citation needed and moved on.", [(1, 9)]),
    Invalid("Ok (1) and (2) but (3 is open.\n\nNext paragraph.", [(1, 20)]),
]


@pytest.mark.parametrize("case", BRACKETS_VALID, ids=str)
def test_brackets_valid(case):
    assert_valid(unmatched_bracket, case)


@pytest.mark.parametrize("case", BRACKETS_INVALID, ids=str)
def test_brackets_invalid(case):
    assert_invalid(unmatched_bracket, case)
