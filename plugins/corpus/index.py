"""A near-duplicate index: sampled word-shingle fingerprints in an inverted index.

Every document is reduced to the hashes of the word 3-grams that start at an *anchor*
word (a word whose hash is 0 modulo ``SAMPLE``). The choice depends on the words only, so
two documents that share a passage sample the same fingerprints from it, and a copy that
keeps a third of its sibling still shares a third of its fingerprints (containment, not
resemblance: a truncated copy is found as well as a full one).

Memory stays linear and small: each document keeps its fingerprints in one flat array,
and the postings are packed ``fingerprint << 24 | document`` into 256 arrays split by
the fingerprint's top bits, each sorted on its own. Only fingerprints shared by 2 to
``max_postings`` documents enter the inverted index; one found in more documents is a
stock phrase ("one of the") and says nothing about copying. A document's candidates are
then counted from its own fingerprints' postings, so the work per document is bounded by
``max_postings`` per fingerprint: time grows linearly with the number of documents, never
with their square.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator

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
    found = set()
    for index in range(max(0, len(hashes) - SHINGLE + 1)):
        first = hashes[index]
        if first % SAMPLE == 0:
            value = (first * MIX + hashes[index + 1]) * MIX + hashes[index + 2]
            found.add((value ^ (value >> 29)) & FINGERPRINT_MASK)
    return array("Q", sorted(found))


class NearDuplicateIndex:
    """Documents are added in order and numbered from 0; ``candidates`` gives pairs worth comparing."""

    def __init__(self, *, max_postings: int = 50) -> None:
        self.max_postings = max_postings
        self.forward: list[array] = []
        self._buckets = [array("Q") for _ in range(256)]
        self._shared: dict[int, tuple[int, ...]] | None = None

    def __len__(self) -> int:
        return len(self.forward)

    def add(self, prints: array) -> int:
        number = len(self.forward)
        if number >= MAX_DOCUMENTS:
            raise ValueError(f"the near-duplicate index holds at most {MAX_DOCUMENTS:,} documents")
        self.forward.append(prints)
        buckets = self._buckets
        shift = FINGERPRINT_BITS - 8
        for fingerprint in prints:
            buckets[fingerprint >> shift].append(fingerprint << DOCUMENT_BITS | number)
        self._shared = None
        return number

    def _inverted(self) -> dict[int, tuple[int, ...]]:
        """fingerprint -> documents, for fingerprints in 2..max_postings documents."""
        shared: dict[int, tuple[int, ...]] = {}
        for bucket in self._buckets:
            run: list[int] = []
            current = -1
            for packed in sorted(bucket):
                fingerprint = packed >> DOCUMENT_BITS
                if fingerprint != current:
                    if 2 <= len(run) <= self.max_postings:
                        shared[current] = tuple(run)
                    current, run = fingerprint, []
                run.append(packed & DOCUMENT_MASK)
            if 2 <= len(run) <= self.max_postings:
                shared[current] = tuple(run)
        return shared

    def candidates(
        self, *, min_shared: int = 3, min_share: float = 0.1, per_document: int = 10
    ) -> Iterator[tuple[int, int, int]]:
        """Pairs ``(i, j, shared)`` with i < j: documents sharing ``min_shared`` fingerprints.

        The shared count must also be ``min_share`` of the smaller document's
        fingerprints; each document keeps its ``per_document`` best partners.
        """
        if self._shared is None:
            self._shared = self._inverted()
        shared = self._shared
        for number, prints in enumerate(self.forward):
            counts: Counter[int] = Counter()
            for fingerprint in prints:
                others = shared.get(fingerprint)
                if others:
                    counts.update(other for other in others if other > number)
            if not counts:
                continue
            size = len(prints)
            good = [
                (count, other)
                for other, count in counts.items()
                if count >= min_shared and count >= min_share * min(size, len(self.forward[other]))
            ]
            good.sort(reverse=True)
            for count, other in good[:per_document]:
                yield number, other, count
