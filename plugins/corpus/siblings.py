"""The pairs of documents of a run that are copies of each other, shared by the corpus rules.

The shared pass over the documents (``features``) feeds the near-duplicate index with
each document's fingerprints; candidate pairs are read back and verified by paragraph
alignment. The three corpus rules ask for the same pairs, so the last result is kept for
the same documents object and options. The documents of the pairs are kept in a
``DocumentStore``, the pairs themselves in a ``PairLog`` (both on disk), and made again as
the rules read them: a folder of many copies holds their texts, paragraphs and alignments
on disk, not in memory.

What a pair's verification found, and what a rule derives from a verified pair alone, is
kept in the result cache under the identity of its two documents (``recall``): a folder's
run after one file changed verifies again only the pairs that involve it.
"""

from __future__ import annotations

import heapq
import json
import marshal
import pickle
import struct
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, islice, starmap
from pathlib import PurePath
from typing import IO, Any, NamedTuple

from doclint.cache import keeping, recall, remember
from doclint.models import Document, Related, Severity, Violation
from doclint.plugins.corpus.align import Alignment, Paragraph, ParagraphIndex, align, paragraphs
from doclint.plugins.corpus.features import register, scan
from doclint.plugins.corpus.fetch import DocumentStore, reported
from doclint.plugins.corpus.index import NearDuplicateIndex, fingerprints, pack
from doclint.plugins.corpus.words import word_hashes
from doclint.spool import pickles

# A copy must have this share of its words in paragraphs aligned with its sibling ...
MIN_SHARE = 0.6
# ... in at least this many aligned paragraphs holding this many content words: a short
# post that reproduces two paragraphs of a longer page is a quotation, not a copy (a
# blog post and the documentation page citing it taught this).
MIN_PARAGRAPHS = 3
MIN_WORDS = 60
FINGERPRINTS = "corpus.fingerprints"
# The text of the documents whose paragraphs are held between their pairs (see _Held):
# their words and indexes take about 18 bytes a character of news, so about 40 MB.
HELD_CHARACTERS = 1 << 21
# The result cache's name for what verifying a candidate pair found (see ``recall``).
VERIFIED = "corpus.verified-pair"
# Candidate pairs whose verification is asked of the cache in one query.
RECALLED = 256
# A verified pair's two shares, before its packed paragraphs in what the cache keeps.
SHARES = struct.Struct("<dd")


def _fingerprints(document: Document) -> bytes:
    return pack(fingerprints(word_hashes(document.prose)))


register(FINGERPRINTS, _fingerprints, lambda few: NearDuplicateIndex(few_wanted=few))


class Stretch(NamedTuple):
    """A paragraph of a verified pair as the rules read it: where it stands, its kind and
    its number of content words (its words themselves were needed to align it, not after)."""

    start: int
    end: int
    kind: str
    word_count: int


def stretches(found: Sequence[Paragraph]) -> tuple[Stretch, ...]:
    """The stretches of aligned paragraphs (their words counted, not kept)."""
    return tuple(Stretch(p.start, p.end, p.kind, len(p.words)) for p in found)


class Aligned(NamedTuple):
    """What verifying a pair found: each side's paragraphs, and how they align."""

    paragraphs_a: tuple[Stretch, ...]
    paragraphs_b: tuple[Stretch, ...]
    alignment: Alignment

    def share(self, side: int) -> float:
        """The share of one side's words (0: a, 1: b) in paragraphs covered by the other."""
        mine = self.paragraphs_a if side == 0 else self.paragraphs_b
        covered = self.alignment.covered_a if side == 0 else self.alignment.covered_b
        total = sum(p.word_count for p in mine)
        return sum(p.word_count for p, c in zip(mine, covered, strict=True) if c) / total if total else 0.0


@dataclass(frozen=True)
class Pair:
    """Two documents verified to share content (by number, in ``store``): the share of each
    covered by the other, and how their paragraphs align, packed (``_packed``) and unpacked
    when a rule first reads them. ``key`` is their identities, under which the cache keeps
    what the pair gives: a rule whose findings on the pair were kept never unpacks it."""

    store: DocumentStore
    key: bytes
    number_a: int
    number_b: int
    shares: tuple[float, float]
    packed: bytes

    @property
    def a(self) -> Document:
        """Document ``a``, made again from the store."""
        return self.store[self.number_a]

    @property
    def b(self) -> Document:
        """Document ``b``, made again from the store."""
        return self.store[self.number_b]

    @cached_property
    def _aligned(self) -> Aligned:
        return _unpacked(self.packed)

    @property
    def paragraphs_a(self) -> tuple[Stretch, ...]:
        return self._aligned.paragraphs_a

    @property
    def paragraphs_b(self) -> tuple[Stretch, ...]:
        return self._aligned.paragraphs_b

    @property
    def alignment(self) -> Alignment:
        return self._aligned.alignment

    def share(self, side: int) -> float:
        """The share of one side's words (0: a, 1: b) in paragraphs covered by the other."""
        return self.shares[side]

    def sides(self):
        """(copy, sibling, copy paragraphs, sibling paragraphs, pairs as (copy, sibling, score), covered copy, covered sibling) both ways."""
        al = self.alignment
        yield self.a, self.b, self.paragraphs_a, self.paragraphs_b, al.pairs, al.covered_a, al.covered_b, 0
        flipped = tuple((j, i, score) for i, j, score in al.pairs)
        yield self.b, self.a, self.paragraphs_b, self.paragraphs_a, flipped, al.covered_b, al.covered_a, 1


class PairLog:
    """The verified pairs of a run, in the order found, each pickled to a temporary file and
    made again as the pairs are iterated (each rule goes through them once): in memory, their
    number and their ``store``. The file is removed when the log is let go."""

    def __init__(self, store: DocumentStore | None, pairs: Iterable[Pair] = ()) -> None:
        self.store = store
        self._file: IO[bytes] | None = None  # made with the first pair
        self._count = 0
        for pair in pairs:
            if self._file is None:
                self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed when the log is let go)
            fields = (pair.key, pair.number_a, pair.number_b, pair.shares, pair.packed)
            pickle.dump(fields, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Pair]:
        if self._file is None or self.store is None:
            return
        for fields in pickles(self._file, 0, self._count):
            yield Pair(self.store, *fields)


def pair_violations(
    pairs: Iterable[Pair], name: str, find: Callable[[Pair], Iterable[Violation]]
) -> Iterator[Violation]:
    """``find(pair)`` for each pair in turn: what a rule derives from a verified pair alone
    (violations on its two documents, without fixes), or what it gave for the same two
    documents in an earlier run, kept in the result cache under ``name``."""
    pairs = iter(pairs)
    if not keeping():
        for pair in pairs:
            yield from find(pair)
        return
    while batch := list(islice(pairs, RECALLED)):
        known = recall(name, [pair.key for pair in batch])
        for pair in batch:
            found = _recalled_violations(pair, known[pair.key]) if pair.key in known else None
            if found is None:
                found = list(find(pair))
                remember(name, pair.key, _kept_violations(pair, found))
            yield from found


def _kept_violations(pair: Pair, found: list[Violation]) -> bytes:
    """What the cache keeps of a pair's violations: on which side each is, its span,
    message, related places and severity."""
    a = pair.a
    kept = []
    for violation in found:
        document = violation.document
        if violation.fix is not None or document is None:
            raise TypeError("a pair's violations are on one of its documents, without a fix")
        severity = violation.severity.value if violation.severity is not None else None
        related = [[place.path, place.line, place.column, place.message] for place in violation.related]
        # Not by name alone: two records of a JSONL file may have the same name.
        side = 0 if document is a or (document.path, document.text) == (a.path, a.text) else 1
        kept.append([side, violation.start, violation.end, violation.message, related, severity])
    return json.dumps(kept, separators=(",", ":")).encode()


def _recalled_violations(pair: Pair, kept: bytes) -> list[Violation] | None:
    """The violations ``_kept_violations`` gave ``kept``; None if ``kept`` is damaged."""
    try:
        return [
            Violation(
                start,
                end,
                message,
                related=tuple(starmap(Related, related)),
                document=pair.b if side else pair.a,
                severity=Severity(severity) if severity is not None else None,
            )
            for side, start, end, message, related, severity in json.loads(kept)
        ]
    except (ValueError, TypeError):
        return None


def name(path: str) -> str:
    return PurePath(path).name


def line_of(document: Document, offset: int) -> int:
    return document.position(offset)[0]


_last: list[Any] = [None, None, ()]


def sibling_pairs(documents: Sequence[Document], options: Mapping[str, Any]) -> PairLog:
    """The verified pairs of the run, computed once per documents object and options.

    The pairs hold their store: its temporary file goes when the log and the last of them do.
    """
    key = repr(sorted(options.items()))
    if _last[0] is documents and _last[1] == key:
        return _last[2]
    store, candidates = _candidates(documents, options)
    pairs = PairLog(store, _find_pairs(store, candidates) if store is not None else ())
    _last[:] = [documents, key, pairs]
    return pairs


class Candidates(NamedTuple):
    """The index's candidate pairs, in its order: pair k is ``first[k]``, ``second[k]`` (4 bytes a side)."""

    first: array
    second: array


def _candidates(documents: Sequence[Document], options: Mapping[str, Any]) -> tuple[DocumentStore | None, Candidates]:
    """The index's candidate pairs, and their documents read back into a store."""
    done = scan(documents, FINGERPRINTS)
    paths = done.paths
    index: NearDuplicateIndex = done.tables[FINGERPRINTS]
    # A pair of two documents the run does not report on (a one-file check against the
    # folder) could only find something in them: it is not verified.
    found = index.candidates(max_postings=int(options.get("max-postings", 50)), wanted=reported(documents))
    candidates = Candidates(array("I"), array("I"))
    for first, second, _ in found:
        candidates.first.append(first)
        candidates.second.append(second)
    if not candidates.first:
        return None, candidates
    read = {number: paths[number] for number in chain(candidates.first, candidates.second)}
    return DocumentStore(documents, read), _by_group(candidates)


def _by_group(candidates: Candidates) -> Candidates:
    """The pairs grouped by the documents they join (connected through pairs), each group
    in the index's order and the groups in the order of their first pair.

    The index gives each document's pairs with the documents after it, so the copies of
    one article in three parts of a folder were verified in pairs far apart, and what
    verifying one computed was held from one to the next. A document's findings keep
    their order: all its pairs are in its group.
    """
    parent: dict[int, int] = {}

    def root(number: int) -> int:
        while (up := parent.get(number, number)) != number:
            parent[number] = parent.get(up, up)  # halves the path walked next time
            number = up
        return number

    for first, second in zip(candidates.first, candidates.second, strict=True):
        one, other = root(first), root(second)
        if one != other:
            parent[max(one, other)] = min(one, other)
    opened: dict[int, int] = {}  # a group's root -> the position of its first pair
    group = [opened.setdefault(root(first), k) for k, first in enumerate(candidates.first)]
    order = sorted(range(len(group)), key=group.__getitem__)  # stable: each group in the index's order
    return Candidates(
        array("I", map(candidates.first.__getitem__, order)), array("I", map(candidates.second.__getitem__, order))
    )


def _find_pairs(store: DocumentStore, candidates: Candidates) -> Iterator[Pair]:
    """The candidate pairs verified to be copies, in order: each found verified (or not) in
    an earlier run with the same two documents, or verified now and kept for the next."""
    held = _Held(store, candidates)
    count = len(candidates.first)
    for start in range(0, count, RECALLED):
        batch = range(start, min(count, start + RECALLED))
        keys = {
            k: store.identity(first) + store.identity(second)
            for k in batch
            if (first := candidates.first[k]) in store and (second := candidates.second[k]) in store
        }
        known = recall(VERIFIED, list(keys.values()))
        for k in batch:
            key = keys.get(k)
            if key is not None:
                pair = _verified_pair(store, held, key, candidates.first[k], candidates.second[k], known.get(key))
                if pair is not None:
                    yield pair
            held.passed(k)


def _verified_pair(
    store: DocumentStore, held: _Held, key: bytes, first: int, second: int, kept: bytes | None
) -> Pair | None:
    """The candidate pair as verified before (``kept``: its shares, then its ``_packed``
    paragraphs and alignment, compressed; nothing for no copy), or verified now and kept;
    None if it is no copy."""
    if kept == b"":
        return None
    recalled = _recalled(kept) if kept is not None else None
    if recalled is not None:
        return Pair(store, key, first, second, *recalled)
    a, b = held.take(first), held.take(second, indexed=True)
    assert b.index is not None
    aligned = Aligned(a.stretches, b.stretches, align(a.paragraphs, b.index))
    if not _verified(aligned):
        remember(VERIFIED, key, b"")
        return None
    shares, packed = (aligned.share(0), aligned.share(1)), _packed(aligned)
    if keeping():  # compressed to a third: a folder of copies has tens of thousands of pairs
        remember(VERIFIED, key, SHARES.pack(*shares) + zlib.compress(packed, 1))
    return Pair(store, key, first, second, shares, packed)


def _recalled(kept: bytes) -> tuple[tuple[float, float], bytes] | None:
    """The shares and the packed paragraphs and alignment of a pair kept verified, left
    packed (a rule whose findings on the pair were kept never reads them); None if what was
    kept is not that."""
    try:
        return SHARES.unpack_from(kept), zlib.decompress(kept[SHARES.size :])
    except (struct.error, zlib.error):
        return None


def _packed(aligned: Aligned) -> bytes:
    """A verified pair's paragraphs and alignment, as the pair log and the cache keep them
    (``marshal``: a fifth of the time of JSON to write or read, and the cache's entries
    are checked before they are read)."""
    al = aligned.alignment
    sides = (tuple(map(tuple, found)) for found in (aligned.paragraphs_a, aligned.paragraphs_b))
    return marshal.dumps((*sides, al.pairs, al.covered_a, al.covered_b))


def _unpacked(packed: bytes) -> Aligned:
    """What ``_packed`` packed."""
    found_a, found_b, pairs, covered_a, covered_b = marshal.loads(packed)
    stretches_a, stretches_b = (tuple(map(Stretch._make, found)) for found in (found_a, found_b))
    return Aligned(stretches_a, stretches_b, Alignment(pairs, covered_a, covered_b))


class _Entry(NamedTuple):
    paragraphs: list[Paragraph]
    stretches: tuple[Stretch, ...]
    index: ParagraphIndex | None
    size: int  # the document's characters


class _Held:
    """What the candidates' documents computed (their paragraphs with their words, and for
    the second of a pair an index of them), kept from a document's first candidate pair
    to its last, so that a document in many pairs is analysed once.

    The documents held together hold at most ``HELD_CHARACTERS`` of text: past it, the one
    whose next pair is furthest away is let go, and computed again when that pair comes.
    A folder of many copies, whose pairs join documents far apart in the run, then holds a
    bounded number of them instead of nearly all.
    """

    def __init__(self, store: DocumentStore, candidates: Candidates) -> None:
        self._store = store
        self._candidates = candidates
        self._count = count = len(candidates.first)
        # The next pair of each side of pair k (at 2k and 2k + 1), or ``count`` if it has
        # none: 8 bytes a side, not a list of pairs per document.
        self._next = array("Q", bytes(16 * count))
        following: dict[int, int] = {}
        for k in range(count - 1, -1, -1):
            for side, number in enumerate((candidates.first[k], candidates.second[k])):
                self._next[2 * k + side] = following.get(number, count)
                following[number] = k
        self._entries: dict[int, _Entry] = {}
        self._coming: dict[int, int] = {}  # the next pair of each document held
        self._size = 0
        # (-next pair, document) of the documents held, stale ones skipped when popped.
        self._furthest: list[tuple[int, int]] = []

    def take(self, number: int, *, indexed: bool = False) -> _Entry:
        """Document ``number``'s entry, computed if it is not held."""
        entry = self._entries.get(number)
        if entry is None:
            document = self._store[number]
            read = paragraphs(document)
            entry = self._entries[number] = _Entry(read, stretches(read), None, len(document.text))
            self._size += entry.size
        if indexed and entry.index is None:
            entry = self._entries[number] = entry._replace(index=ParagraphIndex(entry.paragraphs))
        return entry

    def passed(self, k: int) -> None:
        """Pair ``k`` is done: let go of its documents if no pair to come has them, then of
        those needed furthest ahead while more than ``HELD_CHARACTERS`` are held."""
        for side, number in enumerate((self._candidates.first[k], self._candidates.second[k])):
            if number not in self._entries:
                continue
            coming = self._next[2 * k + side]
            if coming == self._count:
                self._drop(number)
            else:
                self._coming[number] = coming
                heapq.heappush(self._furthest, (-coming, number))
        while self._size > HELD_CHARACTERS and self._furthest:
            coming, number = heapq.heappop(self._furthest)
            if self._coming.get(number) == -coming:
                self._drop(number)
        if len(self._furthest) > 2 * len(self._coming) + 64:  # mostly stale: made again
            self._furthest = [(-coming, number) for number, coming in self._coming.items()]
            heapq.heapify(self._furthest)

    def _drop(self, number: int) -> None:
        self._size -= self._entries.pop(number).size
        self._coming.pop(number, None)


def _verified(aligned: Aligned) -> bool:
    aligned_words = sum(aligned.paragraphs_a[i].word_count for i, _, _ in aligned.alignment.pairs)
    if len(aligned.alignment.pairs) < MIN_PARAGRAPHS or aligned_words < MIN_WORDS:
        return False
    return max(aligned.share(0), aligned.share(1)) >= MIN_SHARE
