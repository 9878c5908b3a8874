"""Tests of the boilerplate family (BOI): one table of valid and invalid texts per rule."""

from __future__ import annotations

import random
import weakref
from array import array
from collections import Counter
from collections.abc import Sequence

import pytest

from doclint.models import Document
from doclint.plugins.boilerplate import doclint_rules, line_table
from doclint.plugins.boilerplate.captions import photo_caption
from doclint.plugins.boilerplate.crumbs import HOME_WORDS, navigation_crumbs
from doclint.plugins.boilerplate.line_table import LineTable, pack
from doclint.plugins.boilerplate.metadata import fused_metadata
from doclint.plugins.boilerplate.repeated import _lines, repeated_line
from doclint.plugins.boilerplate.social import HINTS, share_or_cookie_line
from doclint.runner import place
from doclint.testing import Invalid, Valid, assert_invalid, assert_valid

DOCUMENT_RULES = [rule for rule in doclint_rules() if rule.scope == "document"]

# Texts on which no BOI rule may find anything: the precision traps.
CLEAN = [
    Valid("He said, “yes.” She said, ‘no.’ It's Jo's and it’s Jo’s."),
    Valid("“Follow us,” he whispered.\n\n“Share this with your brother,” she said.\n"),
    Valid("Mr. Smith of the U.S. said, e.g., that prices rose 3.5% to $4.50... or so…"),
    Valid("See https://example.com/home/news/world and mail bob@example.org."),
    Valid("Read more about the release in the changelog before you upgrade."),
    Valid("We use cookies and milk in the recipe, and the oven must be hot before the dough goes in.\n"),
    Valid("Open Settings > Editor > Font to change the size of the text.\n"),
    Valid("x > y > z holds for every triple in the chain.\n"),
    Valid("Published: 19 May 2024\n\nThe summit opened on Thursday.\n"),
    Valid("The photo, taken in 1952, shows the harbour (see the picture on page 4).\n"),
    Valid("Alex Lantier 19 May 2024\n\nThe summit opened on Thursday.\n"),
    Valid("The date 2024-05-20 was chosen for the vote.\n"),
    Valid("Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.\n\nСъешь же ещё этих булок.\n"),
    Valid("中文是世界上使用人数最多的语言。\n\nاللغة العربية جميلة. हिन्दी भारत की राजभाषा है।\n"),
    Valid("---\ndate: 2024-05-20\ntitle: Notes\n---\n\n# Notes\n\nText.\n", path="doc.md"),
    Valid("| Home | News | Sport | Weather |\n|---|---|---|---|\n| a | b | c | d |\n", path="doc.md"),
    Valid("```\nHome > News > World\nConnect with us\n[AP Photo/Jane Doe]\n```\n", path="doc.md"),
    Valid("Image: the architecture of the indexer.\n", path="doc.md"),
    Valid("# Advertisement\n\nHow the ad server works.\n\n## Read more\n\nLinks.\n", path="doc.md"),
    Valid("Tokenize → Tag → Dedupe → Mix\n\nStart / Stop / Restart\n\nRaw > Clean > Done\n"),
    Valid("Share\n\nThe share of the vote rose.\n"),
]


@pytest.mark.parametrize("rule", DOCUMENT_RULES, ids=lambda rule: rule.code)
@pytest.mark.parametrize("case", CLEAN, ids=str)
def test_clean_texts(rule, case) -> None:
    assert_valid(rule, case)


INVALID = {
    photo_caption: [
        Invalid("Text.\n\nXi and Putin in Beijing on Thursday. [AP Photo/Sergei Bobylev]\n", [(3, 1)]),
        Invalid("Xi and Putin in Beijing (Photo: Reuters) met on Thursday.\n", [(1, 25)]),
        Invalid("Text.\n\nImage copyright Getty Images\n", [(3, 1)]),
        Invalid("Photograph: Alamy\n", [(1, 1)]),
    ],
    share_or_cookie_line: [
        Invalid(" date 2024-05-20 Connect with us\n\nText.\n", [(1, 18)]),
        Invalid("Text.\n\nFollow us on Twitter\n", [(3, 1)]),
        Invalid("Text.\n\nWe use cookies to improve your experience.\n", [(3, 1)]),
        Invalid("Text.\n\nRead more »\n", [(3, 1)]),
        Invalid("Advertisement\n\nText.\n", [(1, 1)]),
        # Lines are picked by their lowercased words: capitals, and the letters that
        # re.IGNORECASE matches with ASCII ones ('İ', 'ſ'), must still be found.
        Invalid("Text.\n\n  FOLLOW US ON TWİTTER\n", [(3, 3)]),
        Invalid("Text.\n\nLike us on Facebook and ſhare this article\n", [(3, 1)]),
        Invalid("Read More\n\nText with a read more link.\n", [(1, 1)]),
        Invalid("Text.\n\nAccept all coo\u212aies\n", [(3, 1)]),  # U+212A KELVIN SIGN lowers to "k"
        Invalid("Café “news” — 5 €.\n\nSubscribe to our newsletter\n", [(3, 1)]),
    ],
    fused_metadata: [
        Invalid(" date 2024-05-20 Connect with us\n\nText.\n", [(1, 2)]),
        Invalid("published: 2024-05-20T10:00:00Z\nThe summit opened.\n", [(1, 1)]),
        Invalid("Published 19 May 2024 The summit opened on Thursday.\n", [(1, 1)]),
        Invalid("Text.\n\nUpdated: May 19, 2024 at 10:32 GMT | The summit opened.\n", [(3, 1)]),
        Invalid("The update 2024-05-20 shipped.\n\t last_modified 2024-05-20 Text.\n", [(2, 3)]),
    ],
    navigation_crumbs: [
        Invalid("Home > News > World > Europe\n\nText.\n", [(1, 1)]),
        Invalid("News » Politics » Europe\n\nText.\n", [(1, 1)]),
        Invalid("News > Politics > Europe > France\n\nText.\n", [(1, 1)]),
        Invalid("News | Sport | Weather | Travel\n\nText.\n", [(1, 1)]),
        Invalid("Text.\n\nHome / World / Asia\n", [(3, 1)]),
        Invalid("Text.\n\n  MAIN PAGE / World / Asia\n", [(3, 3)]),
    ],
}


@pytest.mark.parametrize(("rule", "case"), [(rule, case) for rule, cases in INVALID.items() for case in cases], ids=str)
def test_invalid(rule, case) -> None:
    assert_invalid(rule, case)


def test_folded_prose_needles_are_ascii_letters_and_spaces() -> None:
    # folded_prose turns each non-ASCII character into "?": only such needles are found as
    # they would be in the lowercased prose.
    for needle in (*HINTS, *HOME_WORDS):
        assert needle.isascii() and needle == needle.lower() and "?" not in needle


def test_caption_message_names_the_credit() -> None:
    (finding,) = assert_invalid(photo_caption, Invalid("Xi in Beijing. [AP Photo/Sergei Bobylev]\n", [(1, 1)]))
    assert finding.message == "Photo caption: the credit '[AP Photo/Sergei Bobylev]' is left in the text"


FOOTER = "To contact the editors and the party, visit:"


def folder(count: int, with_footer: int, footer: str = FOOTER) -> list[Document]:
    documents = []
    for number in range(count):
        text = f"Story number {number} begins here.\n\nIt has a body of its own, number {number}.\n"
        if number < with_footer:
            text += f"\n{footer}\n\nexample.org/contact\n"
        documents.append(Document(f"dir/{number:02d}.txt", text))
    return documents


def repeated(documents: list[Document], options=None) -> list[tuple[str, int, int]]:
    return [
        (f.path, f.line, f.column)
        for f in (place(v.document, repeated_line, v) for v in repeated_line.check(documents, options or {}))
    ]


@pytest.mark.parametrize(
    ("count", "with_footer", "expected"),
    [
        (10, 3, [(f"dir/{n:02d}.txt", 5, 1) for n in range(3)]),  # 30% of 10
        (10, 2, []),  # 20%: a coincidence
        (4, 4, []),  # too few documents to tell
        (0, 0, []),
    ],
)
def test_repeated_line(count, with_footer, expected) -> None:
    assert repeated(folder(count, with_footer)) == expected


def test_repeated_line_names_another_document_and_the_count() -> None:
    violations = list(repeated_line.check(folder(6, 6), {}))
    assert len(violations) == 6
    first = violations[0]
    assert first.message.startswith("Boilerplate: this line is in 6 of 6 documents of the folder")
    assert first.related[0].path == "dir/01.txt" and first.related[0].line == 5


def test_repeated_short_lines_and_option() -> None:
    assert repeated(folder(10, 10, footer="Thank you.")) == []  # too short to be a template
    assert len(repeated(folder(10, 2), {"min-share": 0.2})) == 2


class OneAtATime(Sequence):
    """Documents read back as a corpus run's are, failing if a rule holds two it read back at once."""

    def __init__(self, documents: list[Document]) -> None:
        self._texts = [(document.path, document.text) for document in documents]
        self._alive: weakref.WeakSet[Document] = weakref.WeakSet()
        self.held = 0

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index):  # type: ignore[override]
        self.held = max(self.held, len(self._alive))
        document = Document(*self._texts[index])
        self._alive.add(document)
        return document

    def __iter__(self):
        return (Document(path, text) for path, text in self._texts)


def test_repeated_line_reads_back_one_document_at_a_time() -> None:
    documents = OneAtATime(folder(20, 20))
    reported = sum(1 for _ in repeated_line.check(documents, {}))  # each violation let go, as the runner does
    assert reported == 20
    assert documents.held <= 1  # the one it reports on, let go before the next is read


def test_repeated_line_names_line_one_when_the_other_document_changed() -> None:
    class Changed(OneAtATime):
        def __getitem__(self, index):  # type: ignore[override]
            raise IndexError(index)  # every file changed since the pass: nothing to report on

    assert list(repeated_line.check(Changed(folder(6, 6)), {})) == []


def random_features(seed: int, documents: int) -> list[tuple[list[int], list[int]]]:
    """Documents of 0-40 distinct lines drawn from 60 (so that some lines are in many documents)."""
    chance = random.Random(seed)
    lines = [chance.getrandbits(64) - 2**63 for _ in range(60)]
    features = []
    for _ in range(documents):
        keys = chance.sample(lines, chance.randint(0, 40))
        starts = sorted(chance.sample(range(70_000 if chance.random() < 0.1 else 3_000), len(keys)))
        features.append((keys, starts))
    return features


@pytest.mark.parametrize("spill", [False, True])
@pytest.mark.parametrize("seed", range(5))
def test_line_table_counts_exactly_the_lines_in_enough_documents(monkeypatch, seed, spill) -> None:
    if spill:  # a chunk written every few documents, and counted a few lines at a time
        monkeypatch.setattr(line_table, "SPILL_BYTES", 300)
        monkeypatch.setattr(line_table, "CHUNK_KEYS", 7)
    features = random_features(seed, 200)
    table = LineTable()
    for keys, starts in features:
        table.add(pack(array("q", keys), starts))
    assert (table._file is not None) == spill
    assert [(list(keys), starts) for keys, starts in table.records()] == features
    every = Counter(key for keys, _ in features for key in keys)
    wanted = bytes(int(number % 17 == 3) for number in range(len(features)))
    among = {key for (keys, _), flag in zip(features, wanted, strict=True) if flag for key in keys}
    assert [(number, (list(keys), starts)) for number, (keys, starts) in table.records_of(wanted)] == [
        (number, feature) for number, feature in enumerate(features) if wanted[number]
    ]
    for threshold in (2, 10, 40, 60, 80, 150, 201):
        assert table.counts(threshold) == {key: count for key, count in every.items() if count >= threshold}
        assert table.counts(threshold, among) == {
            key: count for key, count in every.items() if count >= threshold and key in among
        }
    table.close()


def test_line_table_passes_may_interleave(monkeypatch) -> None:
    monkeypatch.setattr(line_table, "SPILL_BYTES", 100)
    features = random_features(0, 30)
    table = LineTable()
    for keys, starts in features:
        table.add(pack(array("q", keys), starts))
    outer, inner = table.records(), table.records()
    for (keys, _), (again, _) in zip(outer, inner, strict=True):
        assert keys == again
    table.close()


def lines_feature(text: str, path: str = "doc.md") -> tuple[list[int], list[int]]:
    """The keys and starts of a document's eligible lines, as the corpus pass reads them back."""
    table = LineTable()
    table.add(_lines(Document(path, text)))
    ((keys, starts),) = table.records()
    return list(keys), starts


def test_lines_feature_compares_lines_without_case_or_spacing() -> None:
    line = "To contact the editors, visit:"
    keys, starts = lines_feature(f"{line}\n\n  {line.upper()}\n\nTo\tcontact  the editors,\u00a0visit:\n")
    assert len(keys) == 1 and starts == [0]  # one line, where it first stands


def test_lines_feature_leaves_out_short_masked_and_few_word_lines() -> None:
    text = "Thank you.\n\nSee https://example.com/contact for more on this.\n\nabcdefghijklmnopqrstuvwxyz 1 2\n"
    assert lines_feature(text) == ([], [])
    assert lines_feature("   The line that a site repeats at the foot.   \n", "doc.txt")[1] == [3]


def test_lines_feature_keeps_starts_past_64k_characters() -> None:
    line = "The footer line that every page of the site carries."
    text = f"{line}\n\n{'word ' * 20_000}\n\n{line} Again.\n"
    _, starts = lines_feature(text)
    assert starts == [0, len(line) + 2, text.index(f"{line} Again")]
