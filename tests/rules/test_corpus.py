"""Tests of the corpus plugin: near-duplicates (DUP001), truncated copies (TRN100) and
quotations lost against a sibling (QUO100), on folders generated from made-up words."""

from __future__ import annotations

import random
import zlib
from array import array
from collections.abc import Sequence

import pytest
from corpus_copies import article, build, strip_quotes, vocabulary

from doclint.diffing import PIECE
from doclint.models import Decoding, Document, Finding
from doclint.plugins.boilerplate import doclint_rules as boilerplate_rules
from doclint.plugins.corpus import align as align_module
from doclint.plugins.corpus import doclint_rules, siblings
from doclint.plugins.corpus import index as index_module
from doclint.plugins.corpus import words as words_module
from doclint.plugins.corpus.align import (
    MIN_SHORT_SIMILARITY,
    MIN_SIMILARITY,
    SHORT_PARAGRAPH,
    Paragraph,
    ParagraphIndex,
)
from doclint.plugins.corpus.fetch import DocumentStore
from doclint.plugins.corpus.index import (
    FINGERPRINT_MASK,
    MIX,
    SAMPLE,
    NearDuplicateIndex,
    fingerprints,
    pack,
    unpack,
)
from doclint.plugins.corpus.lost_quotations import lost_quotations
from doclint.plugins.corpus.near_duplicate import near_duplicate
from doclint.plugins.corpus.siblings import PairLog, sibling_pairs
from doclint.plugins.corpus.truncated_copy import truncated_copy
from doclint.plugins.corpus.words import word_hashes, words
from doclint.runner import place

RNG = random.Random(11)
WORDS = vocabulary(RNG)
BODY = article(RNG, WORDS, paragraphs=16)
OTHER = article(RNG, WORDS, paragraphs=12)
SOURCE = "\n\n".join(BODY) + "\n"


def run(rule, texts: dict[str, str]) -> list[tuple[str, str, int, int]]:
    documents = [Document(path, text) for path, text in texts.items()]
    findings: list[Finding] = [place(v.document, rule, v) for v in rule.check(documents, {})]
    return sorted((f.code, f.path, f.line, f.column) for f in findings)


def joined(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def first_quoted_line(paragraphs: list[str], limit: int) -> list[int]:
    """Lines (2 per paragraph) of the paragraphs among the first ``limit`` that quote."""
    return [2 * index + 1 for index, text in enumerate(paragraphs[:limit]) if "“" in text]


CUT = joined([strip_quotes(text) for text in BODY[:6]])
SKIPPED = joined(BODY[:5] + BODY[10:])
NOT_COPIES = {
    "unrelated": {"a.txt": SOURCE, "b.txt": joined(OTHER)},
    "one document": {"a.txt": SOURCE},
    "empty documents": {"a.txt": "", "b.txt": "\n\n"},
    # Two texts that share a title and one paragraph are not copies of each other.
    "one shared paragraph": {"a.txt": SOURCE, "b.txt": joined([BODY[0], BODY[3], *OTHER[1:]])},
    "same greetings": {"a.txt": "Hello there.\n\nThank you.\n", "b.txt": "Hello there.\n\nThank you.\n"},
}


# A long document and a short one made of a few of its paragraphs, far apart (stock
# paragraphs of a site, or of a generator's templates): the short one shares most of its
# words with the long one (a near-duplicate, DUP001 says so) but follows no part of it.
LONG = article(RNG, WORDS, paragraphs=60)
SCATTERED = {"long.txt": joined(LONG), "short.txt": joined(LONG[3:60:12])}


def test_a_text_of_scattered_paragraphs_of_a_long_one_is_no_cut_copy_of_it() -> None:
    assert run(truncated_copy, SCATTERED) == []
    assert [path for _, path, _, _ in run(near_duplicate, SCATTERED)] == ["long.txt", "short.txt"]


def test_lost_marks_are_placed_in_paragraphs_far_longer_than_a_piece_of_alignment() -> None:
    # Paragraphs of 15 of the article's paragraphs each (several thousand characters):
    # aligned character by character in pieces, not whole (which took minutes at 80 KB).
    long = [" ".join(LONG[1 + 15 * part : 16 + 15 * part]) for part in range(3)]
    assert min(map(len, long)) > 4 * PIECE
    closing = [index for index, char in enumerate(long[1]) if char == "”"]
    damaged = list(long)
    damaged[1] = long[1][: closing[5]] + long[1][closing[5] + 1 : closing[6]] + long[1][closing[6] + 1 :]
    texts = {"a.txt": joined([LONG[0], *long]), "b.txt": joined([LONG[0], *damaged])}
    assert run(lost_quotations, texts) == [
        ("QUO100", "b.txt", 5, closing[5] + 1),
        ("QUO100", "b.txt", 5, closing[6]),  # one mark before it is gone
    ]


@pytest.mark.parametrize("rule", [near_duplicate, truncated_copy, lost_quotations], ids=lambda r: r.code)
@pytest.mark.parametrize("texts", NOT_COPIES.values(), ids=list(NOT_COPIES))
def test_nothing_on_documents_that_are_not_copies(rule, texts) -> None:
    assert run(rule, texts) == []


# Identical pairs are near-duplicates and nothing else, whatever their quotation style or
# script: straight and curly quotes, dialogue over paragraphs, abbreviations, non-Latin.
TRAPS = [
    "“Come in,” Mr. Smith said. “The U.S. team, e.g. the coach, is here...\n\n“And it rains.”\n",
    'He said "yes" at 3.5 p.m. and left; see https://example.com/a?b=c for more…\n',
    "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.\n\nСъешь же ещё этих булок.\n",
    "中文是世界上使用人数最多的语言。“引号”与‘单引号’。\n\nاللغة العربية جميلة. हिन्दी भारत की राजभाषा है।\n",
    "# Title\n\n```python\nprint('hello world')\n```\n\nUse `code` here.\n",
]


@pytest.mark.parametrize("trap", TRAPS, ids=range(len(TRAPS)))
def test_identical_copies_lose_nothing(trap) -> None:
    texts = {"a.md": trap * 1 + SOURCE, "b.md": trap * 1 + SOURCE}
    assert run(truncated_copy, texts) == []
    assert run(lost_quotations, texts) == []
    assert [path for _, path, _, _ in run(near_duplicate, texts)] == ["a.md", "b.md"]


CASES = [
    # (rule, texts, expected (code, path, line, column))
    (near_duplicate, {"a.txt": SOURCE, "b.txt": CUT}, [("DUP001", "a.txt", 1, 1), ("DUP001", "b.txt", 1, 1)]),
    (truncated_copy, {"a.txt": SOURCE, "b.txt": CUT}, [("TRN100", "b.txt", 11, 1)]),
    (truncated_copy, {"a.txt": SOURCE, "b.txt": SKIPPED}, [("TRN100", "b.txt", 9, 1)]),
    (
        lost_quotations,
        {"a.txt": SOURCE, "b.txt": CUT},
        [("QUO100", "b.txt", line, 1) for line in first_quoted_line(BODY, 6)],
    ),
]


@pytest.mark.parametrize(("rule", "texts", "expected"), CASES, ids=lambda v: getattr(v, "code", "."))
def test_copies(rule, texts, expected) -> None:
    assert expected, "the generated article must give the case something to find"
    assert run(rule, texts) == expected


def test_one_lost_mark_is_placed_where_it_is_missing() -> None:
    quoted = next(index for index, text in enumerate(BODY) if "“" in text)
    damaged = list(BODY)
    damaged[quoted] = damaged[quoted].replace("“", "", 1)
    column = BODY[quoted].index("“") + 1
    texts = {"a.txt": SOURCE, "b.txt": joined(damaged)}
    assert run(lost_quotations, texts) == [("QUO100", "b.txt", 2 * quoted + 1, column)]


def test_messages_name_the_sibling_and_the_coverage() -> None:
    documents = [Document("dir/a.txt", SOURCE), Document("dir/b.txt", CUT)]
    (violation,) = truncated_copy.check(documents, {})
    assert violation.message.startswith("Truncated copy: covers 6 of 17 paragraphs of a.txt (35%)")
    assert violation.related[0].path == "dir/a.txt" and violation.related[0].line == 13


def test_rules_are_corpus_rules() -> None:
    assert {rule.code: rule.scope for rule in doclint_rules()} == {
        "DUP001": "corpus",
        "TRN100": "corpus",
        "QUO100": "corpus",
    }


def test_generated_folder_recall_and_precision() -> None:
    """On a folder of 30 articles and 20 copies (cut, reworded 20%, stripped) every copy is found."""
    folder = build(seed=7, originals=30, copies=20, reword_rate=0.2)
    documents = [Document(path, text) for path, text in folder.documents.items()]
    duplicates = {v.document.path for v in near_duplicate.check(documents, {})}
    truncated = {v.document.path for v in truncated_copy.check(documents, {})}
    assert duplicates == set(folder.copies) | set(folder.copies.values())
    assert truncated == set(folder.truncated) | set(folder.skipped)
    lost = {v.document.path for v in lost_quotations.check(documents, {})}
    assert set(folder.stripped) <= lost
    assert not lost & set(folder.copies.values()), "an original never loses its quotations"


def test_index_pairs_only_documents_that_share_shingles() -> None:
    index = NearDuplicateIndex()
    for text in (SOURCE, joined(OTHER), CUT):
        index.add(fingerprints(word_hashes(text)))
    assert [(first, second) for first, second, _ in index.candidates()] == [(0, 2)]


WORD_TEXTS = [
    "",
    "plain ASCII, with punctuation: a-b c_d (e) 12.5%",
    "“Curly” quotes don’t split words—dashes do… « guillemets »",
    "Café naïve Ærø İstanbul \u212a ﬁne Straße",  # lowercasing that changes length or leaves ASCII
    "z\u0301 combining marks, x\u00b2 superscripts, \u2160 numerals, \u4e2d\u6587 and \U0001f600",
    "a\u00a0no-break\u2003em space\ttab\nline\ud800lone surrogate",
]


SYMBOLS = "".join(map(chr, range(0x2190, 0x2290))) + "\U0001f600\U0001f680"


@pytest.mark.parametrize("many", [0, 16, 1000], ids=["one-pass", "default", "replace-each"])
@pytest.mark.parametrize("text", [*WORD_TEXTS, f"arrows{SYMBOLS}and↔words {SYMBOLS[::7]} Ünïcode"])
def test_word_hashes_are_the_crcs_of_the_words(text: str, many: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Symbols outside ASCII are replaced one by one, or past MANY_SYMBOLS in one pass."""
    monkeypatch.setattr(words_module, "MANY_SYMBOLS", many)
    assert word_hashes(text) == [zlib.crc32(word.encode("utf-8", "surrogatepass")) for word in words(text)]


def every_similar_pair(a: list[Paragraph], b: list[Paragraph]) -> dict[tuple[int, int], float]:
    """Each pair of paragraphs compared: what the paragraph index must find."""
    found = {}
    for i, first in enumerate(a):
        for j, second in enumerate(b):
            score = 2 * len(first.words & second.words) / (len(first.words) + len(second.words))
            short = min(len(first.words), len(second.words)) < SHORT_PARAGRAPH
            if score >= (MIN_SHORT_SIMILARITY if short else MIN_SIMILARITY):
                found[i, j] = score
    return found


@pytest.mark.parametrize("whole", [True, False], ids=["searched whole", "in bands"])
@pytest.mark.parametrize("seed", range(40))
def test_paragraph_index_finds_every_similar_pair(seed: int, whole: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(align_module, "FEW_PARAGRAPHS", 1000 if whole else 0)
    # Small vocabularies and list items that share most of their words, as a template's do.
    rng = random.Random(seed)
    vocabulary = [f"w{number}" for number in range(rng.choice([6, 12, 40, 200]))]
    template = rng.sample(vocabulary, 3)

    def paragraph() -> Paragraph:
        size = rng.randint(1, min(len(vocabulary), rng.choice([4, 9, 30])))
        words = set(rng.sample(vocabulary, size)) | (set(template) if rng.random() < 0.5 else set())
        return Paragraph(0, 0, "paragraph", frozenset(words))

    a = [paragraph() for _ in range(rng.randint(1, 30))]
    b = [Paragraph(0, 0, "paragraph", p.words ^ set(rng.sample(vocabulary, 2))) for p in a if rng.random() < 0.6]
    b = [p for p in b if p.words] + [paragraph() for _ in range(rng.randint(0, 10))]
    index = ParagraphIndex(b)
    assert {(i, j): score for i, p in enumerate(a) for j, score in index.similar(p)} == every_similar_pair(a, b)


def test_fingerprints_hash_the_triples_that_start_at_an_anchor() -> None:
    rng = random.Random(5)
    hashes = [rng.getrandbits(32) for _ in range(500)] + [0, 4, 0xFFFFFFFC, 3, 0xFFFFFFFF]
    expected = set()
    for at in range(len(hashes) - 2):
        if hashes[at] % SAMPLE == 0:
            value = (hashes[at] * MIX + hashes[at + 1]) * MIX + hashes[at + 2]
            expected.add((value ^ (value >> 29)) & FINGERPRINT_MASK)
    assert list(fingerprints(hashes)) == sorted(expected)
    assert list(fingerprints(hashes[-2:])) == list(fingerprints([])) == []


def test_fingerprints_pack_into_five_bytes_each() -> None:
    prints = fingerprints(word_hashes(SOURCE))
    for values in (prints, array("Q"), array("Q", [0, 1, 1 << 32, FINGERPRINT_MASK])):
        assert len(pack(values)) == 5 * len(values)
        assert unpack(pack(values)) == values
    index = NearDuplicateIndex()
    index.add(pack(prints))
    index.add(prints)
    assert [(first, second) for first, second, _ in index.candidates()] == [(0, 1)]


def test_index_drops_stock_phrases() -> None:
    index = NearDuplicateIndex(max_postings=3)
    for _ in range(5):
        index.add(fingerprints(word_hashes(SOURCE)))
    assert list(index.candidates()) == []


def test_index_spilled_to_disk_pairs_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past SPILL_POSTINGS the postings go to a temporary file; the pairs are the same."""
    folder = build(seed=3, originals=15, copies=10, reword_rate=0.2)
    prints = [fingerprints(word_hashes(text)) for text in folder.documents.values()]

    def pairs() -> list[tuple[int, int, int]]:
        index = NearDuplicateIndex()
        for each in prints:
            index.add(each)
        return list(index.candidates()) + list(index.candidates(max_postings=3))

    held = pairs()
    monkeypatch.setattr(index_module, "SPILL_POSTINGS", 100)
    assert pairs() == held and len(held) >= 10


@pytest.mark.parametrize("few_wanted", [False, True])
def test_index_read_back_then_added_to_and_spilled_again_pairs_the_same(
    few_wanted: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the postings back moves the temporary file's position: a later spill appends.

    Each document spills on its own; the first holds the top bucket, the others the
    lowest, so reading back ends in the middle of the file. An index that keeps the
    fingerprints packed (``few_wanted``) makes postings of the documents added since."""
    shift = index_module.FINGERPRINT_BITS - 8

    def prints(bucket_words: list[tuple[int, int]]) -> array:
        return array("Q", sorted(bucket << shift | word for bucket, word in bucket_words))

    documents = [
        prints([(0, 1), (0, 2), (0, 3), (255, 1), (255, 2), (255, 3)]),
        prints([(0, 1), (0, 2), (0, 3)]),
        prints([(0, 4), (0, 5), (0, 6)]),
        prints([(0, 4), (0, 5), (0, 6)]),
    ]
    monkeypatch.setattr(index_module, "SPILL_POSTINGS", 1)
    monkeypatch.setattr(index_module, "SPILL_BYTES", 1)
    index = NearDuplicateIndex(few_wanted=few_wanted)
    for each in documents[:2]:
        index.add(each)
    assert list(index.candidates()) == [(0, 1, 3)]
    for each in documents[2:]:
        index.add(each)
    assert list(index.candidates()) == [(0, 1, 3), (2, 3, 3)]
    index.close()


class Passes(Sequence):
    """Documents that count how often they are iterated, as the runner's lazy sequence reads them again each time."""

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self.passes = 0

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, index):  # type: ignore[override]
        return self.documents[index]

    def __iter__(self):
        self.passes += 1
        return iter(self.documents)


def test_corpus_rules_share_one_pass_over_the_documents() -> None:
    folder = build()
    documents = Passes([Document(path, text) for path, text in folder.documents.items()])
    rules = [rule for rule in doclint_rules() + boilerplate_rules() if rule.scope == "corpus"]
    assert {rule.code for rule in rules} == {"DUP001", "TRN100", "QUO100", "BOI005"}
    found = {rule.code: len(list(rule.check(documents, {}))) for rule in rules}
    assert documents.passes == 1
    assert found["DUP001"] and found["TRN100"] and found["QUO100"]


def test_verified_pairs_keep_word_counts_not_words_nor_documents() -> None:
    """The words of a paragraph are needed to align it; a pair kept for the three rules holds
    only their number (a folder of copies held every paragraph's word set: 200 MB for 18
    MB), and its documents are made again from the store as the rules read them."""
    folder = build()
    pairs = sibling_pairs([Document(path, text) for path, text in folder.documents.items()], {})
    assert pairs
    for pair in pairs:
        assert not any(isinstance(value, Document) for value in vars(pair).values())
        assert (pair.a.path, pair.a.text) == (pair.store.path(pair.number_a), folder.documents[pair.a.path])
        for paragraph in (*pair.paragraphs_a, *pair.paragraphs_b):
            assert paragraph.word_count > 0 and not hasattr(paragraph, "words")


def test_the_pair_log_makes_the_same_pairs_again_on_every_pass() -> None:
    folder = build()
    documents = [Document(path, text) for path, text in folder.documents.items()]
    store, candidates = siblings._candidates(documents, {})
    found = list(siblings._find_pairs(store, candidates))
    log = PairLog(store, found)
    assert len(log) == len(found) > 1
    assert list(log) == found
    assert list(zip(log, log, strict=True)) == list(zip(found, found, strict=True))  # two passes at once
    assert len(PairLog(None)) == 0 and list(PairLog(None)) == []


def _pair_fields(pairs) -> list[tuple]:
    return [(p.number_a, p.number_b, p.paragraphs_a, p.paragraphs_b, p.alignment) for p in pairs]


@pytest.mark.parametrize("bound", [0, 5_000, 10**9])
def test_pairs_are_the_same_when_few_documents_are_held_between_their_pairs(
    bound: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past HELD_CHARACTERS, the documents needed furthest ahead are let go and analysed
    again when their next pair comes (a folder of many copies held nearly all of them)."""
    folder = build(seed=5, originals=12, copies=12, reword_rate=0.1)
    texts = list(folder.documents.items())
    documents = [Document(path, text) for path, text in texts + [(f"again/{path}", text) for path, text in texts]]
    store, candidates = siblings._candidates(documents, {})
    expected = _pair_fields(siblings._find_pairs(store, candidates))
    analysed: list[int] = []
    real = siblings.paragraphs
    monkeypatch.setattr(siblings, "paragraphs", lambda document: analysed.append(len(document.text)) or real(document))
    monkeypatch.setattr(siblings, "HELD_CHARACTERS", bound)
    held = siblings._Held(store, candidates)
    sizes = []
    for k, (first, second) in enumerate(zip(candidates.first, candidates.second, strict=True)):
        held.take(first), held.take(second, indexed=True)
        held.passed(k)
        sizes.append(held._size)
    assert max(sizes) <= bound
    assert len(expected) > 20
    analysed.clear()
    assert _pair_fields(siblings._find_pairs(store, candidates)) == expected
    numbers = set(candidates.first) | set(candidates.second)
    assert len(analysed) > len(numbers) if bound < 10**9 else len(analysed) == len(numbers)


def test_pairs_are_verified_group_by_group_each_in_the_index_order() -> None:
    first, second = zip((0, 5), (0, 9), (1, 2), (5, 9), (3, 4), (2, 7), (6, 8), (4, 6), strict=True)
    grouped = siblings._by_group(siblings.Candidates(array("I", first), array("I", second)))
    assert list(zip(grouped.first, grouped.second, strict=True)) == [
        (0, 5), (0, 9), (5, 9), (1, 2), (2, 7), (3, 4), (6, 8), (4, 6)
    ]  # fmt: skip


def test_copies_in_three_parts_of_a_folder_are_analysed_once_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article's pairs come together: a document is analysed once and let go after them,
    with room for no more than one article's three copies."""
    folder = build(seed=6, originals=10, copies=0)
    texts = list(folder.documents.values())
    documents = [Document(f"{part}/{n}.txt", text) for part in "abc" for n, text in enumerate(texts)]
    monkeypatch.setattr(siblings, "HELD_CHARACTERS", 3 * max(map(len, texts)))
    analysed: list[str] = []
    real = siblings.paragraphs
    monkeypatch.setattr(siblings, "paragraphs", lambda document: analysed.append(document.path) or real(document))
    pairs = list(sibling_pairs(documents, {}))
    assert len(pairs) == 30
    assert sorted(analysed) == sorted(document.path for document in documents)


def test_index_gives_only_the_pairs_of_wanted_documents() -> None:
    folder = build(seed=3, originals=15, copies=10, reword_rate=0.2)
    index = NearDuplicateIndex()
    for text in folder.documents.values():
        index.add(fingerprints(word_hashes(text)))
    every = list(index.candidates())
    for number in {first for first, _, _ in every} | {second for _, second, _ in every}:
        wanted = bytearray(len(index))
        wanted[number] = 1
        assert list(index.candidates(wanted=bytes(wanted))) == [p for p in every if number in p[:2]]
    assert list(index.candidates(wanted=bytes(len(index)))) == []
    assert list(index.candidates(wanted=b"\x01" * len(index))) == every


@pytest.mark.parametrize("spill_bytes", [1, 64, index_module.SPILL_BYTES])
@pytest.mark.parametrize("few", [0, 40, index_module.FEW_FINGERPRINTS])
def test_index_finds_the_pairs_of_a_few_wanted_documents_as_of_all(
    spill_bytes: int, few: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A few wanted documents' pairs come from passes over the fingerprints, not postings;
    past FEW_FINGERPRINTS (0 and 40 here: each document has more) from the postings. Both
    give the pairs of every document that have a wanted one, whether the packed
    fingerprints were spilled to disk or not."""
    folder = build(seed=5, originals=12, copies=12, reword_rate=0.1)
    prints = [fingerprints(word_hashes(text)) for text in folder.documents.values()]
    every = _all_pairs(prints, max_postings=50) + _all_pairs(prints, max_postings=3)
    monkeypatch.setattr(index_module, "SPILL_BYTES", spill_bytes)
    monkeypatch.setattr(index_module, "FEW_FINGERPRINTS", few)
    index = NearDuplicateIndex(few_wanted=True)
    for each in prints:
        index.add(index_module.pack(each))
    chooser = random.Random(7)
    for _ in range(30):
        wanted = bytes(int(chooser.random() < 0.1) for _ in range(len(index)))
        found = list(index.candidates(wanted=wanted)) + list(index.candidates(max_postings=3, wanted=wanted))
        assert found == [pair for pair in every if wanted[pair[0]] or wanted[pair[1]]]
    assert list(index.candidates()) + list(index.candidates(max_postings=3)) == every
    assert len(every) >= 20
    index.close()


def _all_pairs(prints: list[array], max_postings: int) -> list[tuple[int, int, int]]:
    index = NearDuplicateIndex()
    for each in prints:
        index.add(each)
    pairs = list(index.candidates(max_postings=max_postings))
    index.close()
    return pairs


def test_document_store_makes_documents_again_and_keeps_the_last_few() -> None:
    record = Document("data.jsonl:3", "A record’s text.\n", Decoding(encoding="utf-8", bom=True), file="data.jsonl")
    documents = [Document(f"{n}.txt", f"Text {n}.\n") for n in range(8)] + [record]
    wanted = {n: documents[n].path for n in (0, 2, 5, 6, 7, 8)}
    wanted[6] = "renamed.txt"  # the file holds another document since the pass: left out
    store = DocumentStore(documents, wanted)
    assert [n for n in range(9) if n in store] == [0, 2, 5, 7, 8]
    again = store[8]
    assert again is not record and (again.path, again.text, again.decoding, again.file) == (
        record.path,
        record.text,
        record.decoding,
        record.file,
    )
    assert store[8] is again  # made once while recent
    for number in (0, 2, 5, 7):
        store[number]
    assert len(store._recent) == DocumentStore.RECENT and store[8] is not again
