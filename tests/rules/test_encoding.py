"""Tests of the encoding family (ENC): one table of valid and invalid texts per rule."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from doclint.models import Applicability, Decoding, Document
from doclint.plugins.encoding import doclint_rules
from doclint.plugins.encoding.escapes import escaped_markup, literal_escape_sequence
from doclint.plugins.encoding.file_level import byte_order_mark, invalid_utf8, line_endings, not_nfc
from doclint.plugins.encoding.html_residue import html_entity, html_tag
from doclint.plugins.encoding.invisible import bidi_control, control_character, invisible_character
from doclint.plugins.encoding.mojibake import mojibake
from doclint.plugins.encoding.replacement import lossy_question_mark, replacement_character
from doclint.reading import decode
from doclint.testing import Invalid, Valid, assert_invalid, assert_valid, check, fixed

RULES = doclint_rules()

# Texts on which no ENC rule may find anything: the precision traps.
CLEAN = [
    Valid("He said, “yes.” She said, ‘no.’ It's Jo's and it’s Jo’s."),
    Valid("“The first paragraph of a speech.\n\n“The second one, still quoted.”"),
    Valid("Mr. Smith of the U.S. said, e.g., that prices rose 3.5% to $4.50... or so…"),
    Valid("See https://example.com/search?q=don?t&amp;x=\\u2019 and mail bob@example.org."),
    Valid("Prices: £5, €10, ¥300, 25°C, ½ kg, ±0.5, © 2004, ™, § 3 — and – dashes."),
    Valid("Zoë Saldaña, Beyoncé, Björk, Dvořák, Łódź, Şişli, Ærø, São Paulo, Øresund."),
    Valid("Le garçon a mangé une crème brûlée. « Oui », dit-il. ¿Qué pasó? ¡Olé!"),
    Valid("He wrote ¨hello¨ with diaereses for quotes."),
    Valid("Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο."),
    Valid("Съешь же ещё этих мягких французских булок, да выпей чаю."),
    Valid("中文是世界上使用人数最多的语言。“引号”与‘单引号’。"),
    Valid("اللغة العربية جميلة جداً. هذا نص عربي."),
    Valid("हिन्दी भारत की राजभाषा है। ज़रूर फ़िल्म देखो।"),
    Valid("می\u200cخواهم به خانه بروم."),
    Valid("ภาษาไทย\u200bเป็นภาษาราชการ"),
    Valid("Family 👨\u200d👩\u200d👧 and ❤️\u200d🔥 and 👍🏽 emoji."),
    Valid("The formula uses \\theta, \\nu and \\newline in LaTeX."),
    Valid("Open C:\\Users\\Bob\\Documents\\new folder."),
    Valid("Is it? Why? Really?"),
    Valid("A -> B <= C, x < y > z, press <Enter>, <3."),
    Valid("About\xa080% of 10\u202f000 people."),
    Valid("Page one.\n\x0c\nPage two."),
    Valid("Line one\r\nLine two\r\n"),
    Valid(
        "# Title\n\nUse `\\n`, `&amp;` and `Ã©` in code.\n\n```\nprint('\\u2019 Ã© \ufffd &nbsp; \\$')\n```\n\n"
        "Escape \\* stars, \\_ and \\$ in Markdown; write &nbsp; and <br> too.\n",
        path="doc.md",
    ),
    Valid("Lines are separated by \\n characters.\n", path="doc.md"),
    Valid("Match colou?r and https?://example.com, or files named data?.csv."),
    Valid("Install to C:\\x86\\bin or \\\\server\\u2019share."),
    Valid("Costs \\$5 and 10\\% here.", path="doc.rst"),
    Valid("Costs \\$5 and 10\\% here.", path="doc.tex"),
    Valid("<p>A &amp; B</p>", path="page.html"),
    Valid("ᠮᠣᠩ\u180eᠭᠣᠯ"),
]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
@pytest.mark.parametrize("case", CLEAN, ids=str)
def test_clean_texts(rule, case):
    assert_valid(rule, case)


def test_every_rule_is_in_the_family():
    # Their documentation is checked for every built-in rule in tests/test_packaging.py.
    assert all(rule.code.startswith("ENC") for rule in RULES)


TABLES = {
    mojibake: (
        [Valid("naïve café, “quoted”, 5 € and £3")],
        [
            Invalid("France’s and Franceâ€™s", [(1, 20)], output="France’s and France’s"),
            Invalid("It cost Â£21.8bn.\nÃ©tÃ© here", [(1, 9), (2, 1), (2, 4)], output="It cost £21.8bn.\nété here"),
            Invalid("the “towering” â€œone", [(1, 16)], output="the “towering” “one"),
            Invalid("in the UK,â€\x9d Adam", [(1, 11)], output="in the UK,” Adam"),
            Invalid("The CEOÃ¢â‚¬â„¢s plan", [(1, 8)], output="The CEO’s plan"),
            Invalid("The ‚Äúquoted‚Äù word", [(1, 5), (1, 14)], output="The “quoted” word"),
            Invalid("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ means hello", [(1, 1)], output="привет means hello"),
            Invalid("Use `Ã©`, not Ã©.", [(1, 15)], output="Use `Ã©`, not é.", path="doc.md"),
            # The last byte lost: the repair is a guess, so the fix is unsafe, and so are the
            # other repairs of the line (ftfy judged the line as a whole).
            Invalid("He said â€œyesâ€ and donâ€t.", [(1, 9), (1, 15), (1, 25)], output="He said â€œyesâ€ and donâ€t."),
            Invalid(
                "He said â€œyesâ€ and donâ€t.",
                [(1, 9), (1, 15), (1, 25)],
                output="He said “yes” and don’t.",
                unsafe=True,
            ),
            Invalid("Itâ€?s and â€œHelloâ€ she said", [(1, 3), (1, 12), (1, 20)]),
            # A mis-decoded combining accent is composed with its letter, as ENC014 wants.
            Invalid("CafeÌ\x81 and AÌ\x80", [(1, 4), (1, 12)], output="Café and À"),
            # Past an invisible character that goes in the same round, not past a line's start.
            Invalid("A\u200bÌ\x80 x", [(1, 1)], output="À x"),
            # A soft hyphen is the Latin-1 reading of the byte 0xAD inside "中".
            Invalid("ä¸\xadæ–‡ text", [(1, 1)], output="中文 text"),
            # A zero-width joiner is put back safely in an emoji sequence; alone, ENC009
            # would remove it next, so the repair is unsafe; so is one that makes a control.
            Invalid("The ðŸ‘©â€\x8dðŸ’» coder", [(1, 5)], output="The 👩\u200d💻 coder"),
            Invalid("a stray â€\x8d joiner", [(1, 9)], output="a stray â€\x8d joiner"),
            Invalid("a stray â€\x8d joiner", [(1, 9)], output="a stray \u200d joiner", unsafe=True),
            # The repaired word is found in place, not as one word removed and another added.
            Invalid("“ Ã© é é", [(1, 3)], output="“ é é é"),
            # Where difflib pairs the words wrongly, the repair is one span, and unsafe.
            Invalid("policía dÃ\xada día â€” sÃ\xad", [(1, 10)], output="policía dÃ\xada día â€” sÃ\xad"),
            Invalid("policía dÃ\xada día â€” sÃ\xad", [(1, 10)], output="policía día día — sí", unsafe=True),
            # Each span of a line with several must be what ftfy makes of it alone: here
            # difflib paired "ä¸\xadå¿ƒ" with "是 中心", so the line is one unsafe repair.
            Invalid(
                "привет æ˜¯ 是 ä¸\xadå¿ƒ 한국어 æ˜¯ 日本語 ä¸\xadå¿ƒ Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
                [(1, 8)],
                output="привет æ˜¯ 是 ä¸\xadå¿ƒ 한국어 æ˜¯ 日本語 ä¸\xadå¿ƒ Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
            ),
            Invalid("æ˜¯ 是 ä¸\xadå¿ƒ", [(1, 1), (1, 7)], output="是 是 中心"),
            # A span ftfy leaves alone ("Ã¥", too short to judge) is no sign of a wrong pairing.
            Invalid(
                "Jag bor pÃ¥ en gÃ¥rd i MalmÃ¶.", [(1, 10), (1, 17), (1, 28)], output="Jag bor på en gård i Malmö."
            ),
            Invalid("Il est allÃ© Ã  lâ€™Ã©cole.", [(1, 11), (1, 14), (1, 18)], output="Il est allé à l’école."),
            # A repair over an invisible character a script or an emoji needs is unsafe:
            # ftfy's text lacks it.
            Invalid("SÃ\xad 🏳️\u200d🌈 sÃ\xad sí sí", [(1, 2)], output="SÃ\xad 🏳️\u200d🌈 sÃ\xad sí sí"),
            # Neighbours are judged past what the same round removes: ENC009 leaves a ZWJ
            # beside "中" (past "\x1b"), so that repair is safe; a BOM, which ENC012 removes, is not.
            Invalid("中\x1bâ€\x8d", [(1, 3)], output="中\x1b\u200d"),
            Invalid("ï»¿Hello", [(1, 1)], output="ï»¿Hello"),
            # ftfy reads "À\x80" as an overlong NUL, which ENC008 would remove next.
            Invalid("a stray À\x80 NUL", [(1, 9)], output="a stray À\x80 NUL"),
        ],
    ),
    replacement_character: (
        [Valid("It’s the company’s plan."), Valid("Itâ€\ufffds mojibake that lost a byte: ENC001's")],
        [
            Invalid("The company\ufffds plan", [(1, 12)], output="The company's plan", unsafe=True),
            Invalid("It’s the company\ufffds plan", [(1, 17)], output="It’s the company’s plan", unsafe=True),
            Invalid("It cost \ufffd42m.", [(1, 9)], output="It cost \ufffd42m."),
            Invalid("Lost \ufffd\ufffd here", [(1, 6)]),
        ],
    ),
    lossy_question_mark: (
        [Valid("Why? Is it? What? Really?so"), Valid("Go to ?s=1 or www.example.com/?s")],
        [
            Invalid("I don?t know.", [(1, 6)], output="I don't know.", unsafe=True),
            Invalid("It’s Thursday?s meeting.", [(1, 14)], output="It’s Thursday’s meeting.", unsafe=True),
            Invalid("They said we?re late and it?s over.", [(1, 13), (1, 28)]),
            Invalid("It wasn?t, and they couldn?t or won?t.", [(1, 8), (1, 27), (1, 36)]),
        ],
    ),
    html_entity: (
        [Valid("AT&T and Q&A and R&D; &foo; is not one"), Valid("Write &amp; in HTML.", path="doc.md")],
        [
            Invalid("About&nbsp;80% rose", [(1, 6)], output="About\xa080% rose"),
            Invalid("It&#39;s the firm&#x27;s &rsquo;best&rsquo;", [(1, 3), (1, 18), (1, 26), (1, 37)]),
            Invalid("AT&amp;T and AT&amp;amp;T", [(1, 3), (1, 16)], output="AT&T and AT&T"),
            Invalid("Say &quot;hi&quot;", [(1, 5), (1, 13)], output='Say "hi"'),
        ],
    ),
    html_tag: (
        [Valid("x < y and y > z; <name> and <tab>"), Valid("A <br> tag.", path="doc.md")],
        [
            Invalid("First.<br>Second.</p>", [(1, 7), (1, 18)], output="First.\nSecond.", unsafe=True),
            Invalid('A <span class="x">word</span>.', [(1, 3), (1, 23)], output="A word.", unsafe=True),
        ],
    ),
    escaped_markup: (
        [Valid("Costs $240 and C:\\Users\\x"), Valid("Escape \\* and \\_ here", path="doc.md")],
        [
            Invalid("Trade rose to \\$240 billion.", [(1, 15)], output="Trade rose to $240 billion."),
            Invalid("Bank\\'s view, 16.3\\% and \\*new\\*", [(1, 5), (1, 19), (1, 26), (1, 31)]),
            Invalid("The some\\_thing", [(1, 9)], output="The some_thing"),
        ],
    ),
    literal_escape_sequence: (
        [Valid("The \\theta and \\nu and \\newline."), Valid("See C:\\t\\x64\\bin for it")],
        [
            Invalid("Profits fell.\\n\\nThe end.", [(1, 14)], output="Profits fell.\n\nThe end."),
            Invalid("The show\\u2019s best", [(1, 9)], output="The show’s best"),
            Invalid("A smile \\ud83d\\ude00 here", [(1, 9)], output="A smile 😀 here"),
            Invalid("It\\x92s", [(1, 3)], output="It’s", unsafe=True),
            Invalid("It\\x92s", [(1, 3)], output="It\\x92s"),
            Invalid("Ends here.\\n", [(1, 11)], output="Ends here.\n"),
            # A line break ends the word that starts like a network path ("\\a").
            Invalid("\\\\a\\n\\u2019", [(1, 4), (1, 6)], output="\\\\a\n’"),
            # Markdown read as ENC008 leaves it: "```" opens no code span, so the escape is prose.
            Invalid("``\x1f`\\u2019` text", [(1, 5)], output="``\x1f`’` text", path="doc.md"),
        ],
    ),
    control_character: (
        [Valid("Tab\tand CR\r\nand page\n\x0c\nbreak")],
        [
            Invalid("Fr\x1bance and bi\x1bllion", [(1, 3), (1, 15)], output="France and billion"),
            Invalid("Red \x1b[31mtext\x1b[0m here", [(1, 5), (1, 14)], output="Red text here"),
            Invalid("the la\x96unch", [(1, 7)], output="the launch"),
            Invalid("1990\x962000 and \x93quoted\x94", [(1, 5), (1, 15), (1, 22)], output="1990–2000 and “quoted”"),
            Invalid("don\x92t", [(1, 4)], output="don’t"),
            Invalid("Ja\x0cpan", [(1, 3)], output="Japan"),
        ],
    ),
    invisible_character: (
        [Valid("Emoji 👩\u200d💻, Persian می\u200cخواهم, Hindi क्\u200dष, Thai ไทย\u200bภาษา")],
        [
            Invalid("Le\u200bsotho and du\u200bring", [(1, 3), (1, 16)], output="Lesotho and during"),
            Invalid("De\ufeffclines", [(1, 3)], output="Declines"),
            Invalid("Ja\xadpanese", [(1, 3)], output="Japanese"),
            Invalid("Ã\xad here", [(1, 2)], output="Ã\xad here"),  # next to non-ASCII: unsafe
            Invalid("Ã\xad\xad here, a\xad\xadb", [(1, 2), (1, 3), (1, 12), (1, 13)], output="Ã\xad\xad here, ab"),
            Invalid("Auf\u200clage", [(1, 4)], output="Auflage"),
            # Judged by the visible characters around: another invisible one does no job.
            Invalid("a\u200d\u200bb", [(1, 2), (1, 3)], output="ab"),
            # Each run is looked around once, and the next run on its own.
            Invalid(
                "a\u200b\u200b\u200bb ไทย\u200b\u200bภาษา c\u200bd",
                [(1, 2), (1, 3), (1, 4), (1, 18)],
                output="ab ไทย\u200b\u200bภาษา cd",
            ),
        ],
    ),
    bidi_control: (
        [Valid("שלום\u200f world and مرحبا\u200e")],
        [Invalid("invoice\u202egpj.exe", [(1, 8)], output="invoicegpj.exe", unsafe=True)],
    ),
    byte_order_mark: (
        [Valid("No BOM here.")],
        [Invalid("\ufeffThe text.", [(1, 1)], output="The text.")],
    ),
    line_endings: (
        [Valid("One\nTwo\n"), Valid("One\r\nTwo\r\n")],
        [
            Invalid("One\r\nTwo\nThree\r\nFour\r\n", [(2, 4)], output="One\r\nTwo\r\nThree\r\nFour\r\n"),
            Invalid("One\nTwo\r\nThree\n", [(2, 4)], output="One\nTwo\nThree\n"),
            Invalid("One\rTwo\rThree", [(1, 4)], output="One\nTwo\nThree"),
        ],
    ),
    not_nfc: (
        [Valid("Café, Zoë, ḱ"), Valid("\u095b\u0930\u0942\u0930 and בְּרֵאשִׁית")],
        [
            Invalid("Cafe\u0301 owner Zoe\u0308", [(1, 4), (1, 15)], output="Café owner Zoë"),
        ],
    ),
}

VALID_CASES = [(rule, case) for rule, (valid, _) in TABLES.items() for case in valid]
INVALID_CASES = [(rule, case) for rule, (_, invalid) in TABLES.items() for case in invalid]


@pytest.mark.parametrize(("rule", "case"), VALID_CASES, ids=lambda x: getattr(x, "code", None) or str(x))
def test_valid(rule, case):
    assert_valid(rule, case)


@pytest.mark.parametrize(("rule", "case"), INVALID_CASES, ids=lambda x: getattr(x, "code", None) or str(x))
def test_invalid(rule, case):
    assert_invalid(rule, case)


def test_every_rule_has_a_table():
    assert set(TABLES) | {invalid_utf8} == set(RULES)


def test_mojibake_message_names_both():
    (finding,) = check(mojibake, "Franceâ€™s wine")
    assert finding.message == "Mojibake: 'â€™' is a mis-decoded '’' (UTF-8 read as Windows-1252)"
    assert finding.fix.applicability is Applicability.SAFE


def test_mojibake_throughout():
    text = "Itâ€™s the worldâ€™s richest man.\n\nHe paid Â£30m for â€œthe firmâ€\x9d.\n"
    findings = check(mojibake, text)
    assert [(f.line, f.column) for f in findings] == [(1, 3), (1, 17), (3, 9), (3, 19), (3, 30)]
    assert fixed(text, findings) == "It’s the world’s richest man.\n\nHe paid £30m for “the firm”.\n"


def test_invalid_utf8():
    decoding = Decoding("cp1252", valid_utf8=False, bad_byte=3)
    (finding,) = check(invalid_utf8, "café au lait", decoding=decoding)
    assert (finding.line, finding.column) == (1, 4)
    assert finding.message == "File is not valid UTF-8: first bad byte 3 (0x3); it reads as cp1252"
    assert not check(invalid_utf8, "café au lait")


def test_invalid_utf8_as_read_from_bytes():
    text, decoding = decode("Café au lait, naïve.\n".encode("cp1252"))
    (finding,) = check(invalid_utf8, text, decoding=decoding)
    assert (finding.line, finding.column) == (1, 4)
    assert finding.message.startswith("File is not valid UTF-8: first bad byte 3 (0x3); it reads as ")


def test_bom_taken_off_by_the_reader():
    (finding,) = check(byte_order_mark, "The text.", decoding=Decoding("utf-8", bom=True))
    assert (finding.line, finding.column) == (1, 1)
    assert finding.fix is None


PIECES = ["â€™", "Ã©", "Â£", "&amp;", "&#39;", "\\$", "\\n", "\\u2019", "\x96", "\ufffd", "<br>", "\r", "\u200b"]


def _safe_fixed(text: str, path: str) -> str:
    return fixed(text, [finding for rule in RULES for finding in check(rule, text, path=path)])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.characters(codec="utf-8"), st.sampled_from(PIECES)), max_size=40).map("".join),
    st.sampled_from(["doc.txt", "doc.md"]),
)
@example("\x80\\\x1fr\u00e2\u20ac\u2122", "doc.txt")  # an escape read through U+001F ends the line
@example("``\x1f`\\u2019`", "doc.md")  # without U+001F, three backticks open no code span
@example("\u00e2\u20ac\x8d", "doc.txt")  # a lone zero-width joiner: ENC009 would remove it next
@example("\u00e2\u20ac\u2122\\n`\x80`", "doc.md")  # ENC007 reads the escape before a code span as a break
@example("\\n\u00cc\x80", "doc.txt")  # a repaired accent does not compose with the "n" of an escape
@example("it\u00e2\u20ac\u2122s\u00c2\xad here", "doc.txt")  # "\u00c2" only removed: its own change
@example("\x91&amp;\u00c2\xad", "doc.txt")  # so the repair beside it does not take in the entity
@example("Visit x\u200bwww.example.com/caf\u00c3\u00a9 today", "doc.txt")  # U+200B goes: no URL left
def test_property_no_crash_positions_inside_fixes_idempotent(text, path):
    for rule in RULES:
        for finding in check(rule, text, path=path):
            assert 1 <= finding.line <= text.count("\n") + 1
            for edit in finding.fix.edits if finding.fix else ():
                assert 0 <= edit.start <= edit.end <= len(text)
    once = _safe_fixed(text, path)
    assert _safe_fixed(once, path) == once


@pytest.mark.parametrize(
    ("original", "fixed", "changes"),
    [
        # Units that pair off one for one are compared in place.
        (["“", " ", "Ã©", " ", "é", " ", "é"], ["“", " ", "é", " ", "é", " ", "é"], ([[2, 3, 2, 3]], True)),
        # Otherwise difflib aligns them; a run merged with a space is one change.
        (["a", "Ã", " ", "b"], ["a", "à", "b"], ([[1, 3, 1, 2]], True)),
        # A change that only removes stays on its own.
        (["\x91", "&", "amp", ";", "Â", "\xad"], ["‘", "&", "amp", ";", "\xad"], ([[0, 1, 0, 1], [4, 5, 4, 4]], True)),
        # difflib paired "d", "í", "a" with the wrong word, so "â€”" became "día —", longer:
        # the changes are taken as one, which holds unchanged words too (not exact).
        (
            ["polic", "í", "a", " ", "d", "Ã", "\xad", "a", " ", "d", "í", "a", " ", "â€”", " ", "s", "Ã", "\xad"],
            ["polic", "í", "a", " ", "d", "í", "a", " ", "d", "í", "a", " ", "—", " ", "s", "í"],
            ([[2, 18, 2, 16]], False),
        ),
    ],
)
def test_mojibake_changes_never_make_text_longer(original, fixed, changes):
    from doclint.plugins.encoding._alignment import _changes

    assert _changes(original, fixed) == changes


def test_mojibake_in_a_line_far_longer_than_a_piece_of_alignment():
    # "Ã  " is "à " that lost its no-break space: the repair has a unit fewer, so the
    # line's units are aligned by difflib, in pieces on a line this long (a 400 KB line
    # took minutes whole). Each is found where it stands, and fixed as ftfy fixes the line.
    import ftfy

    words = [f"word{number % 97}" for number in range(3000)]
    for number in range(100, 3000, 400):
        words[number] = "Ã  la cafÃ©"
    text = " ".join(words) + "\n"
    columns = [index + 1 for index, char in enumerate(text) if char == "Ã"]
    findings = check(mojibake, text)
    assert [(finding.line, finding.column) for finding in findings] == [(1, column) for column in columns]
    assert _safe_fixed(text, "doc.txt") == ftfy.fix_encoding(text)


def test_an_escape_of_a_long_line_is_judged_on_the_text_around_it():
    # "\\u00c3\\u00a9" decodes to the mojibake "Ã©": that fix is unsafe. An escape 2,000
    # characters on is judged on the 1,000 either side of it, where it makes no mojibake.
    text = "\\u00c3\\u00a9 " + "word " * 400 + "it\\u2019s done.\n"
    findings = check(literal_escape_sequence, text)
    assert [(f.column, f.fix.applicability) for f in findings] == [
        (1, Applicability.UNSAFE),
        (7, Applicability.UNSAFE),
        (text.index("\\u2019") + 1, Applicability.SAFE),
    ]


def test_an_escape_read_through_a_control_character_ends_the_line_for_mojibake():
    # ENC007 makes a line break of "\\<U+001F>r" in the round that removes U+001F, so
    # the mojibake after it is judged on a line of its own: safe, as it is once fixed.
    text = "\x80\\\x1fr\u00e2\u20ac\u2122"
    (finding,) = check(mojibake, text)
    assert (finding.line, finding.column, finding.fix.applicability) == (1, 5, Applicability.SAFE)
    assert _safe_fixed(text, "doc.txt") == "\u20ac\n\u2019"


@pytest.mark.parametrize(
    ("rule", "text", "message"),
    [
        (control_character, "the la\x96unch", "Control character U+0096 inside 'launch'"),
        (control_character, "1990\x962000", "Control character U+0096 is a mis-decoded '–' (Windows-1252)"),
        (invisible_character, "Le\u200bsotho", "Invisible character U+200B ZERO WIDTH SPACE inside 'Lesotho'"),
        # A run of letters with no space is shown 100 characters either side: each of its
        # characters would otherwise show it all.
        (
            invisible_character,
            "x" * 150 + "\u00ad" + "y" * 150,
            f"Invisible character U+00AD SOFT HYPHEN inside '…{'x' * 100}{'y' * 100}…'",
        ),
        (html_entity, "About&nbsp;80%", "HTML entity '&nbsp;' in plain text: it stands for U+00A0 NO-BREAK SPACE"),
        (
            html_entity,
            "AT&amp;amp;T",
            "HTML entity '&amp;amp;' in plain text (escaped more than once): it stands for '&'",
        ),
        (escaped_markup, "Costs \\$5", "Escaped markup: backslash before '$' (left by an export)"),
        (
            literal_escape_sequence,
            "Fell.\\n\\nThe",
            "Literal escape sequence '\\n\\n' in prose: it stands for 2 line breaks",
        ),
        (literal_escape_sequence, "show\\u2019s", "Literal escape sequence '\\u2019' in prose: it stands for '’'"),
        (lossy_question_mark, "I don?t", "Lossy transcode: the '?' in 'don?t' stands for a lost apostrophe"),
        (
            replacement_character,
            "cost \ufffd42m",
            "Replacement character U+FFFD: the original character was lost in decoding",
        ),
        (
            bidi_control,
            "a\u202eb",
            "Bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE: text displays in a different order than stored",
        ),
        (not_nfc, "Cafe\u0301", "Text not in NFC: 'e' + U+0301 composes to 'é'"),
        (line_endings, "a\r\nb\nc\n", "Mixed line endings (1 CRLF, 2 LF): this line ends in CRLF"),
    ],
    ids=lambda x: getattr(x, "code", None) or str(x)[:20],
)
def test_messages_name_the_defect_and_the_evidence(rule, text, message):
    assert [finding.message for finding in check(rule, text)] == [message]


# ENC001 asks ftfy's badness test only around the characters its sequences need: the
# answer must be ftfy's own, at the text's start and end and where windows meet.
_BADNESS_TEXTS = [
    "",
    "plain ASCII text",
    "Ã ",
    "xÃ ",
    "a Ã ",
    "The café, “quoted”, it’s fine.",
    "itâ€™s",
    "x" * 20 + "Ã©" + "y" * 20,
    "Ã©" + " " * 3 + "â€œ",
    "ГўВЂВ™s",
    "He said Â hi.",
    "œ.",
    "AÃ°",
    "×²",
    "ØŸØŸ",
    "√±",
    "a\u0081b",
]


@pytest.mark.parametrize("text", _BADNESS_TEXTS)
def test_badness_gate_answers_as_ftfy(text):
    from ftfy.badness import is_bad as ftfy_is_bad

    from doclint.plugins.encoding._badness import is_bad

    assert is_bad(text) == ftfy_is_bad(text)


def test_every_character_of_the_badness_gate_may_be_bad():
    # is_bad answers False, without asking ftfy, for text with no character _MAY_BE_BAD
    # matches: right only while the gate holds no other character.
    from ftfy.badness import BADNESS_RE

    from doclint.plugins.encoding._badness import _COMMON, _MAY_BE_BAD, _gate_and_reach

    plan = _gate_and_reach(BADNESS_RE)
    assert plan is not None
    gate, _ = plan
    assert [char for char in _class_members(gate) if not _MAY_BE_BAD.match(char)] == []
    assert [char for char in [*map(chr, range(128)), *_COMMON] if _MAY_BE_BAD.match(char)] == []


_MOJIBAKE_CHARS = "Ã©â€™œ“”ÂØŸ√±×²°ВГРСўЂ€ß \n.ab"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(_MOJIBAKE_CHARS), max_size=40))
def test_property_badness_gate_answers_as_ftfy(text):
    from ftfy.badness import is_bad as ftfy_is_bad

    from doclint.plugins.encoding._badness import is_bad

    assert is_bad(text) == ftfy_is_bad(text)


def _class_members(pattern) -> set[str]:
    return {chr(code) for code in range(0x110000) if pattern.fullmatch(chr(code))}


def test_character_lists_hold_what_their_regexes_match():
    # The rules search for these characters one by one before running the regexes.
    import sys

    from doclint.plugins.encoding import _common

    invisible = sys.modules["doclint.plugins.encoding.invisible"]
    assert _class_members(_common.INVISIBLE_TO_FTFY) == set(_common.INVISIBLE_TO_FTFY_CHARS)
    assert _class_members(_common.C1) == set(_common.C1_CHARS)
    assert _class_members(_common.ZERO_WIDTH) == set(_common.ZERO_WIDTH_CHARS)
    assert _class_members(invisible.BIDI_CONTROL) == set(invisible._BIDI_CHARS)
    assert _class_members(invisible.CONTROL) == set(invisible._CONTROL_CHARS)


_LINE_CHARS = "a\r\n\\nT\x81\u200bé"


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_LINE_CHARS), max_size=30), st.integers(0, 31))
def test_property_line_of_is_the_line_lines_gives(text, offset):
    from doclint.plugins.encoding._common import lines, prose_of
    from doclint.plugins.encoding.mojibake import _line_of

    doc = Document("doc.txt", text)
    expected = next(((a, b) for a, b in lines(text, prose_of(doc)) if a <= offset < b), (offset, offset))
    assert _line_of(doc, offset) == expected


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_LINE_CHARS + "\x07\x93"), max_size=30), st.integers(0, 31), st.integers(0, 31))
def test_property_as_fixed_fixes_each_character(text, start, end):
    from doclint.plugins.encoding.mojibake import _as_fixed, _c1_as_fixed

    expected = "".join(_c1_as_fixed(text, index) for index in range(start, min(end, len(text))))
    assert _as_fixed(text, start, end) == expected
