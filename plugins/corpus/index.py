"""A near-duplicate index: sampled word-shingle fingerprints in an inverted index.

Every document is reduced to the hashes of the word 3-grams that start at an *anchor*
word (a word whose hash is 0 modulo ``SAMPLE``). The choice depends on the words only, so
two documents that share a passage sample the same fingerprints from it, and a copy that
keeps a third of its sibling still shares a third of its fingerprints (containment, not
resemblance: a truncated copy is found as well as a full one).

Memory stays linear and small: a document's fingerprints are kept only as postings,
packed ``fingerprint << 24 | document`` (8 bytes) into 256 arrays split by the
fingerprint's top bits, each sorted on its own. Only fingerprints shared by 2 to
``max_postings`` documents enter the inverted index; one found in more documents is a
stock phrase ("one of the") and says nothing about copying. A document's candidates are
then counted from its own fingerprints' postings, so the work per document is bounded by
``max_postings`` per fingerprint: time grows linearly with the number of documents, never
with their square.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from itertools import repeat
from operator import rshift

SAMPLE = 4
SHINGLE = 3
MIX = 0x9E3779B97F4A7C15
FINGERPRINT_BITS = 40
DOCUMENT_BITS = 24
MAX_DOCUMENTS = 1 << DOCUMENT_BITS
FINGERPRINT_MASK = (1 << FINGERPRINT_BITS) - 1
DOCUMENT_MASK = MAX_DOCUMENTS - 1


def fingerprints(hashes: list[int]) -> array:
    """The sorted distinct fingerprints (40-bit) of a document's word hashes."""
    mix, mask = MIX, FINGERPRINT_MASK
    found = set()
    for first, second, third in zip(hashes, hashes[1:], hashes[2:], strict=False):
        if not first % SAMPLE:
            value = (first * mix + second) * mix + third
            found.add((value ^ (value >> 29)) & mask)
    return array("Q", sorted(found))


class NearDuplicateIndex:
    """Documents are added in order and numbered from 0; ``candidates`` gives pairs worth comparing.

    A document's fingerprints are kept only in the postings (8 bytes each, with the
    document's number); beside them the index keeps one count per document.
    """

    def __init__(self, *, max_postings: int = 50) -> None:
        self.max_postings = max_postings
        self.sizes = array("I")
        self._buckets = [array("Q") for _ in range(256)]

    def __len__(self) -> int:
        return len(self.sizes)

    def add(self, prints: array | bytes) -> int:
        """Add a document's fingerprints (an array, or its bytes as a cached feature holds them)."""
        if not isinstance(prints, array):
            prints = array("Q", prints)
        number = len(self.sizes)
        if number >= MAX_DOCUMENTS:
            raise ValueError(f"the near-duplicate index holds at most {MAX_DOCUMENTS:,} documents")
        self.sizes.append(len(prints))
        buckets = self._buckets
        shift = FINGERPRINT_BITS - 8
        for fingerprint in prints:
            buckets[fingerprint >> shift].append(fingerprint << DOCUMENT_BITS | number)
        return number

    def _inverted(self, max_postings: int) -> dict[int, tuple[int, ...]]:
        """fingerprint -> documents, for fingerprints in 2..max_postings documents.

        Made for each call and not kept: the postings already hold it, and a folder's
        stock phrases can number as many as its documents.
        """
        shared: dict[int, tuple[int, ...]] = {}
        for bucket in self._buckets:
            ordered = sorted(bucket)
            # Counted in C; most fingerprints are in one document and are never looked at again.
            counts = Counter(map(rshift, ordered, repeat(DOCUMENT_BITS)))
            for fingerprint, count in counts.items():
                if 2 <= count <= max_postings:
                    first = bisect_left(ordered, fingerprint << DOCUMENT_BITS)
                    shared[fingerprint] = tuple(packed & DOCUMENT_MASK for packed in ordered[first : first + count])
        return shared

    def candidates(
        self,
        *,
        min_shared: int = 3,
        min_share: float = 0.1,
        per_document: int = 10,
        max_postings: int | None = None,
    ) -> Iterator[tuple[int, int, int]]:
        """Pairs ``(i, j, shared)`` with i < j: documents sharing ``min_shared`` fingerprints.

        The shared count must also be ``min_share`` of the smaller document's
        fingerprints; each document keeps its ``per_document`` best partners. Only
        fingerprints in at most ``max_postings`` documents count (the index's own
        setting by default).
        """
        shared = self._inverted(self.max_postings if max_postings is None else max_postings)
        # Each document's shared fingerprints, as the postings they are in.
        postings: dict[int, list[tuple[int, ...]]] = {}
        for others in shared.values():
            for number in others[:-1]:  # the last member has no partner after it
                postings.setdefault(number, []).append(others)
        sizes = self.sizes
        for number in sorted(postings):
            counts: Counter[int] = Counter()
            for others in postings[number]:
                counts.update(other for other in others if other > number)
            size = sizes[number]
            good = [
                (count, other)
                for other, count in counts.items()
                if count >= min_shared and count >= min_share * min(size, sizes[other])
            ]
            good.sort(reverse=True)
            for count, other in good[:per_document]:
                yield number, other, count
