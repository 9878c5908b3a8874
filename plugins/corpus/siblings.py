"""The pairs of documents of a run that are copies of each other, shared by the corpus rules.

The shared pass over the documents (``features``) feeds the near-duplicate index with
each document's fingerprints; candidate pairs are read back and verified by paragraph
alignment. The three corpus rules ask for the same pairs, so the last result is kept for
the same documents object and options. The documents of the pairs are kept in a
``DocumentStore``, the pairs themselves in a ``PairLog`` (both on disk), and made again as
the rules read them: a folder of many copies holds their texts, paragraphs and alignments
on disk, not in memory.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import starmap
from pathlib import PurePath
from typing import IO, Any, NamedTuple

from doclint.models import Document
from doclint.plugins.corpus.align import Alignment, Paragraph, ParagraphIndex, align, paragraphs
from doclint.plugins.corpus.features import register, scan
from doclint.plugins.corpus.fetch import DocumentStore
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


def _fingerprints(document: Document) -> bytes:
    return pack(fingerprints(word_hashes(document.prose)))


register(FINGERPRINTS, _fingerprints, NearDuplicateIndex)


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


@dataclass(frozen=True)
class Pair:
    """Two documents verified to share content (by number, in ``store``), and how their paragraphs align."""

    store: DocumentStore
    number_a: int
    number_b: int
    paragraphs_a: tuple[Stretch, ...]
    paragraphs_b: tuple[Stretch, ...]
    alignment: Alignment

    @property
    def a(self) -> Document:
        """Document ``a``, made again from the store."""
        return self.store[self.number_a]

    @property
    def b(self) -> Document:
        """Document ``b``, made again from the store."""
        return self.store[self.number_b]

    def share(self, side: int) -> float:
        """The share of one side's words (0: a, 1: b) in paragraphs covered by the other."""
        mine = self.paragraphs_a if side == 0 else self.paragraphs_b
        covered = self.alignment.covered_a if side == 0 else self.alignment.covered_b
        total = sum(p.word_count for p in mine)
        return sum(p.word_count for p, c in zip(mine, covered, strict=True) if c) / total if total else 0.0

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
            # As plain tuples: pickling named tuples and a dataclass took nine times as long.
            aligned = pair.alignment
            sides = (tuple(map(tuple, found)) for found in (pair.paragraphs_a, pair.paragraphs_b))
            fields = (pair.number_a, pair.number_b, *sides, aligned.pairs, aligned.covered_a, aligned.covered_b)
            pickle.dump(fields, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Pair]:
        if self._file is None or self.store is None:
            return
        for number_a, number_b, paragraphs_a, paragraphs_b, *alignment in pickles(self._file, 0, self._count):
            stretches_a, stretches_b = (tuple(starmap(Stretch, found)) for found in (paragraphs_a, paragraphs_b))
            yield Pair(self.store, number_a, number_b, stretches_a, stretches_b, Alignment(*alignment))


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


def _candidates(
    documents: Sequence[Document], options: Mapping[str, Any]
) -> tuple[DocumentStore | None, list[tuple[int, int, int]]]:
    """The index's candidate pairs ``(first, second, shared)``, and their documents read back into a store."""
    done = scan(documents, FINGERPRINTS)
    paths = done.paths
    index: NearDuplicateIndex = done.tables[FINGERPRINTS]
    candidates = list(index.candidates(max_postings=int(options.get("max-postings", 50))))
    if not candidates:
        return None, []
    wanted = {number: paths[number] for first, second, _ in candidates for number in (first, second)}
    return DocumentStore(documents, wanted), candidates


def _find_pairs(store: DocumentStore, candidates: list[tuple[int, int, int]]) -> Iterator[Pair]:
    # A candidate's paragraphs (with their words, indexed) are let go after its last
    # candidate pair; a verified pair keeps its paragraphs' stretches.
    last_use = {number: k for k, (first, second, _) in enumerate(candidates) for number in (first, second)}
    cache: dict[int, tuple[list[Paragraph], tuple[Stretch, ...]]] = {}
    indexes: dict[int, ParagraphIndex] = {}  # of the documents that are the second of a pair
    for k, (first, second, _) in enumerate(candidates):
        if first in store and second in store:
            for number in (first, second):
                if number not in cache:
                    read = paragraphs(store[number])
                    cache[number] = read, stretches(read)
            if second not in indexes:
                indexes[second] = ParagraphIndex(cache[second][0])
            (paragraphs_a, stretches_a), stretches_b = cache[first], cache[second][1]
            pair = Pair(store, first, second, stretches_a, stretches_b, align(paragraphs_a, indexes[second]))
            if _verified(pair):
                yield pair
        for number in (first, second):
            if last_use[number] == k:
                cache.pop(number, None)
                indexes.pop(number, None)


def _verified(pair: Pair) -> bool:
    aligned_words = sum(pair.paragraphs_a[i].word_count for i, _, _ in pair.alignment.pairs)
    if len(pair.alignment.pairs) < MIN_PARAGRAPHS or aligned_words < MIN_WORDS:
        return False
    return max(pair.share(0), pair.share(1)) >= MIN_SHARE
