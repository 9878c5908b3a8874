"""A near-duplicate index: sampled word-shingle fingerprints in an inverted index.

Every document is reduced to the hashes of the word 3-grams that start at an *anchor*
word (a word whose hash is 0 modulo ``SAMPLE``). The choice depends on the words only, so
two documents that share a passage sample the same fingerprints from it, and a copy that
keeps a third of its sibling still shares a third of its fingerprints (containment, not
resemblance: a truncated copy is found as well as a full one).

A document's fingerprints travel from the checking processes as 5 bytes each (``pack``).
The index keeps them only as postings, packed ``fingerprint << 24 | document`` (8 bytes)
into 256 arrays split by the fingerprint's top bits, spilled to a temporary file past
``SPILL_POSTINGS`` and sorted one array at a time. What stays in memory grows by a few
bytes per document: its count of fingerprints, and while candidates are counted the
documents of the shared fingerprints (4 bytes each) and one array read back.
Only fingerprints shared by 2 to ``max_postings`` documents enter the inverted index; one
found in more documents is a stock phrase ("one of the") and says nothing about copying.
A document's candidates are then counted from its own fingerprints' postings, so the work
per document is bounded by ``max_postings`` per fingerprint: time grows linearly with the
number of documents, never with their square.

A one-file check asks only for the pairs of a few documents (``wanted``). Its index
(``few_wanted``) keeps the fingerprints packed as they come, one document's after the
other's, and makes no postings: the documents holding the wanted documents' fingerprints
are found in a pass over them, a set intersection (in C) per document, and those of a
document that may pair with a wanted one in a second.
"""

from __future__ import annotations

import os
import sys
import tempfile
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, compress, islice, pairwise, repeat
from operator import and_, eq, rshift
from typing import BinaryIO

SAMPLE = 4
SHINGLE = 3
MIX = 0x9E3779B97F4A7C15
FINGERPRINT_BITS = 40
DOCUMENT_BITS = 24
MAX_DOCUMENTS = 1 << DOCUMENT_BITS
FINGERPRINT_MASK = (1 << FINGERPRINT_BITS) - 1
DOCUMENT_MASK = MAX_DOCUMENTS - 1
FINGERPRINT_BYTES = FINGERPRINT_BITS // 8
# Postings held in memory (8 bytes each: 512 KB) before they are spilled to a temporary file.
SPILL_POSTINGS = 1 << 16
# Packed fingerprints held in memory before they are spilled to a temporary file.
SPILL_BYTES = 1 << 19
# The most fingerprints whose documents are found by passes over the fingerprints, held in
# a set and a dict (about 240 bytes a fingerprint: 22 MB for 93,000); past it, the postings.
FEW_FINGERPRINTS = 1 << 17


def fingerprints(hashes: list[int]) -> array:
    """The sorted distinct fingerprints (40-bit) of a document's word hashes."""
    mix, mask = MIX, FINGERPRINT_MASK
    found = set()
    # Only the triples that start at an anchor (one in SAMPLE, picked in C) take a Python
    # step. Computing the values with map/operator too was slower: big-integer arithmetic
    # spread over eight passes cost more than the loop it replaced.
    for first, second, third in compress(zip(hashes, hashes[1:], hashes[2:], strict=False), _anchors(hashes)):
        value = (first * mix + second) * mix + third
        found.add((value ^ (value >> 29)) & mask)
    return array("Q", sorted(found))


def _anchors(hashes: list[int]) -> bytes:
    """1 for each hash that is 0 modulo SAMPLE, else 0: its low byte (SAMPLE divides 256) mapped by a table."""
    values = array("L", hashes)
    size = values.itemsize
    low_bytes = values.tobytes()[::size] if sys.byteorder == "little" else values.tobytes()[size - 1 :: size]
    return low_bytes.translate(_ANCHOR_OF_LOW_BYTE)


_ANCHOR_OF_LOW_BYTE = bytes(int(byte % SAMPLE == 0) for byte in range(256))


def pack(prints: array) -> bytes:
    """Fingerprints as a feature: the low 5 bytes of each, little-endian (the top 3 are zero)."""
    if sys.byteorder == "big":
        prints = array("Q", prints)
        prints.byteswap()
    data = prints.tobytes()
    packed = bytearray(FINGERPRINT_BYTES * len(prints))
    for byte in range(FINGERPRINT_BYTES):
        packed[byte::FINGERPRINT_BYTES] = data[byte::8]
    return bytes(packed)


def unpack(packed: bytes) -> array:
    """The fingerprints that ``pack`` made into bytes."""
    data = bytearray(8 * (len(packed) // FINGERPRINT_BYTES))
    for byte in range(FINGERPRINT_BYTES):
        data[byte::8] = packed[byte::FINGERPRINT_BYTES]
    prints = array("Q", data)
    if sys.byteorder == "big":
        prints.byteswap()
    return prints


class NearDuplicateIndex:
    """Documents are added in order and numbered from 0; ``candidates`` gives pairs worth comparing.

    A document's fingerprints are made postings as they are added (8 bytes each, with the
    document's number, spilled to a temporary file past ``SPILL_POSTINGS``); beside them
    the index keeps one count per document. An index for a few ``wanted`` documents' pairs
    (a one-file check) keeps them packed instead (5 bytes each, spilled to another file
    past ``SPILL_BYTES``), and makes them postings only if every document's pairs are
    asked for. ``close`` removes the temporary files.
    """

    def __init__(self, *, max_postings: int = 50, few_wanted: bool = False) -> None:
        self.max_postings = max_postings
        self.sizes = array("I")
        self._packed = _Packed() if few_wanted else None
        self._postings = _Postings()
        self._posted = 0  # the documents whose fingerprints are in the postings

    def __len__(self) -> int:
        return len(self.sizes)

    def close(self) -> None:
        """Remove the temporary files: the index is not used after."""
        if self._packed is not None:
            self._packed.close()
        self._postings.close()

    def add(self, prints: array | bytes) -> int:
        """Add a document's fingerprints (an array, or its ``pack``ed bytes as a feature holds them)."""
        number = len(self.sizes)
        if number >= MAX_DOCUMENTS:
            raise ValueError(f"the near-duplicate index holds at most {MAX_DOCUMENTS:,} documents")
        if self._packed is not None:
            packed = pack(prints) if isinstance(prints, array) else prints
            self.sizes.append(len(packed) // FINGERPRINT_BYTES)
            self._packed.append(packed)
        else:
            prints = unpack(prints) if not isinstance(prints, array) else prints
            self.sizes.append(len(prints))
            self._postings.add(prints, number)
            self._posted += 1
        return number

    def _shared(self, max_postings: int) -> tuple[array, array]:
        """The documents of each fingerprint in 2..max_postings documents: ``members``, the
        documents of all such fingerprints in a row, and ``bounds``, where each one's start.

        Made for each call and not kept: the postings already hold it, and a folder's
        shared phrases can number as many as its documents, so they are kept as flat
        arrays (4 bytes a document) rather than a tuple each.
        """
        if self._packed is not None:
            for number, packed in enumerate(self._packed.each(self._posted), self._posted):
                self._postings.add(unpack(packed), number)
            self._posted = len(self.sizes)
        members, bounds = array("I"), array("I", [0])
        for bucket in self._postings.buckets():
            ordered = sorted(bucket)
            prints = list(map(rshift, ordered, repeat(DOCUMENT_BITS)))
            # A fingerprint in n documents stands n times in a row, n - 1 of them equal to the
            # next: found in C, so the fingerprints of one document (most) cost no Python step.
            repeats = Counter(compress(prints, map(eq, prints, islice(prints, 1, None))))
            for fingerprint, more in repeats.items():
                if more < max_postings:
                    first = bisect_left(prints, fingerprint)
                    members.extend(map(and_, ordered[first : first + more + 1], repeat(DOCUMENT_MASK)))
                    bounds.append(len(members))
        return members, bounds

    def candidates(
        self,
        *,
        min_shared: int = 3,
        min_share: float = 0.1,
        per_document: int = 10,
        max_postings: int | None = None,
        wanted: bytes | None = None,
    ) -> Iterator[tuple[int, int, int]]:
        """Pairs ``(i, j, shared)`` with i < j: documents sharing ``min_shared`` fingerprints.

        The shared count must also be ``min_share`` of the smaller document's
        fingerprints; each document keeps its ``per_document`` best partners. Only
        fingerprints in at most ``max_postings`` documents count (the index's own
        setting by default). With ``wanted`` (a byte per document, 1 for those wanted),
        only the pairs with a wanted document are given, and only the documents that
        share a fingerprint with one have their partners counted.
        """
        most = self.max_postings if max_postings is None else max_postings
        few = self._shared_with(wanted, most, min_shared, min_share) if wanted is not None else None
        members, bounds = few if few is not None else self._shared(most)
        # Each document's shared fingerprints, as the numbers of their runs of ``members``.
        runs: dict[int, array] = {}
        for run, (start, stop) in enumerate(pairwise(bounds)):
            for number in members[start : stop - 1]:  # the last member has no partner after it
                if number not in runs:
                    runs[number] = array("I")
                runs[number].append(run)
        counted = None if wanted is None else _sharing(members, bounds, wanted)
        sizes = self.sizes
        for number in sorted(runs):
            held = runs.pop(number)
            if counted is not None and number not in counted:
                continue
            # Counted in C over whole runs; the documents up to this one are left out below.
            counts = Counter(chain.from_iterable(members[bounds[run] : bounds[run + 1]] for run in held))
            size = sizes[number]
            good = [
                (count, other)
                for other, count in counts.items()
                if other > number and count >= min_shared and count >= min_share * min(size, sizes[other])
            ]
            good.sort(reverse=True)
            for count, other in good[:per_document]:
                if wanted is None or wanted[number] or wanted[other]:
                    yield number, other, count

    def _shared_with(
        self, wanted: bytes, max_postings: int, min_shared: int, min_share: float
    ) -> tuple[array, array] | None:
        """What ``_shared`` gives, for every fingerprint that a pair with a wanted document
        counts. Found in passes over the documents' fingerprints, so none are sorted or made
        postings; None when there are more than ``FEW_FINGERPRINTS`` of them (or of the
        wanted documents' own), which the postings serve better, or when the index made
        postings as documents were added.

        A wanted document's pairs count its own fingerprints, found in one pass. A pair
        with an earlier document is that document's, given only if the wanted one is among
        its best partners: all of that document's fingerprints count, found in a second
        pass, if their pair can pass ``min_shared`` and ``min_share`` (mostly, no document
        can: it shares a stock phrase or two with the wanted one).
        """
        if self._packed is None:
            return None
        chosen = self._fingerprints_of(compress(range(len(self.sizes)), wanted))
        if chosen is None:
            return None
        runs = [
            documents for documents in self._holders(chosen, max_postings).values() if len(documents) <= max_postings
        ]
        shared: Counter[tuple[int, int]] = Counter()
        for documents in runs:  # each in increasing order
            for later in compress(documents, map(wanted.__getitem__, documents)):
                for earlier in documents:
                    if earlier >= later:
                        break
                    if not wanted[earlier]:
                        shared[earlier, later] += 1
        sizes = self.sizes
        earlier_ones = {
            earlier
            for (earlier, later), count in shared.items()
            if count >= min_shared and count >= min_share * min(sizes[earlier], sizes[later])
        }
        if earlier_ones:
            more = self._fingerprints_of(earlier_ones)
            if more is None or len(chosen | more) > FEW_FINGERPRINTS:
                return None
            holders = self._holders(chosen | more, max_postings).values()
            runs = [documents for documents in holders if len(documents) <= max_postings]
        members, bounds = array("I"), array("I", [0])
        for documents in runs:
            members.extend(documents)
            bounds.append(len(members))
        return members, bounds

    def _fingerprints_of(self, numbers: Iterable[int]) -> set[int] | None:
        """The fingerprints of the documents ``numbers`` (each once); None past ``FEW_FINGERPRINTS``."""
        found: set[int] = set()
        for number in sorted(set(numbers)):
            found.update(unpack(self._packed.get(number)))
            if len(found) > FEW_FINGERPRINTS:
                return None
        return found

    def _holders(self, chosen: set[int], max_postings: int) -> dict[int, list[int]]:
        """The documents holding each of the ``chosen`` fingerprints that two or more hold,
        in order; one more than ``max_postings`` at most (which tells a stock phrase).

        Most fingerprints of a document are its own: the first holder of each is kept as a
        number, and a list made only for a second.
        """
        first: dict[int, int] = {}
        holders: dict[int, list[int]] = {}
        if not chosen:
            return holders
        take = first.setdefault
        for number, packed in enumerate(self._packed.each()):
            for fingerprint in chosen.intersection(unpack(packed)):
                if take(fingerprint, number) == number:
                    continue
                held = holders.get(fingerprint)
                if held is None:
                    holders[fingerprint] = [first[fingerprint], number]
                elif len(held) <= max_postings:
                    held.append(number)
        return holders


def _sharing(members: array, bounds: array, wanted: bytes) -> set[int]:
    """The documents of every run of ``members`` that holds a wanted document.

    The members are mapped to their flags in C and the few wanted ones found with
    ``bytes.find``: no Python step per member, where a one-file check has few wanted.
    """
    flags = bytes(map(wanted.__getitem__, members))
    found: set[int] = set()
    at = flags.find(1)
    while at >= 0:
        run = bisect_right(bounds, at) - 1
        start, stop = bounds[run], bounds[run + 1]
        found.update(members[start:stop])
        at = flags.find(1, stop)
    return found


class _Packed:
    """The packed fingerprints of each document, one document's after the other's: held in
    memory up to ``SPILL_BYTES``, then written to a temporary file (never a document's in
    two places) and read back a piece of that size at a time."""

    def __init__(self) -> None:
        self._held = bytearray()
        self._file: BinaryIO | None = None
        self._spilled = 0  # the bytes in the file
        self._starts = array("Q", [0])  # where each document starts (the file's bytes, then those held)

    def append(self, packed: bytes) -> None:
        self._held += packed
        self._starts.append(self._starts[-1] + len(packed))
        if len(self._held) >= SPILL_BYTES:
            if self._file is None:
                self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the index)
            self._file.seek(0, os.SEEK_END)  # reading back moves the position
            self._file.write(self._held)
            self._spilled += len(self._held)
            self._held.clear()

    def get(self, number: int) -> bytes:
        """Document ``number``'s packed fingerprints."""
        start, stop = self._starts[number], self._starts[number + 1]
        if start >= self._spilled:
            return bytes(self._held[start - self._spilled : stop - self._spilled])
        assert self._file is not None
        self._file.seek(start)
        return self._file.read(stop - start)

    def each(self, first: int = 0) -> Iterator[bytes]:
        """The packed fingerprints of each document from ``first`` on, in order."""
        starts, spilled, count = self._starts, self._spilled, len(self._starts) - 1
        piece, at = b"", 0  # what was read of the file, and where it starts
        number = first
        while number < count and starts[number + 1] <= spilled:
            start, stop = starts[number], starts[number + 1]
            if stop > at + len(piece):
                assert self._file is not None
                self._file.seek(start)
                piece, at = self._file.read(max(SPILL_BYTES, stop - start)), start
            yield piece[start - at : stop - at]
            number += 1
        for held in range(number, count):
            yield bytes(self._held[starts[held] - spilled : starts[held + 1] - spilled])

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class _Postings:
    """Postings (``fingerprint << 24 | document``) in 256 buckets by the fingerprint's top
    byte. Past ``SPILL_POSTINGS`` held in memory, every bucket is written to one
    temporary file as a chunk, so the postings held stay under 512 KB however large the
    folder; a bucket is read back whole (a 256th of the postings) when it is its turn."""

    def __init__(self) -> None:
        self._buckets = [array("Q") for _ in range(256)]
        self._appends = [bucket.append for bucket in self._buckets]
        self._held = 0
        self._file: BinaryIO | None = None
        # Per bucket, the offset and count of each chunk spilled, one after the other (16
        # bytes a chunk: a spill writes up to 256 of them).
        self._chunks = [array("Q") for _ in range(256)]

    def add(self, prints: array, number: int) -> None:
        appends = self._appends
        shift = FINGERPRINT_BITS - 8
        for fingerprint in prints:
            appends[fingerprint >> shift](fingerprint << DOCUMENT_BITS | number)
        self._held += len(prints)
        if self._held >= SPILL_POSTINGS:
            self._spill()

    def _spill(self) -> None:
        if self._file is None:
            # Open as long as the index lives (candidates may read it more than once);
            # removed when closed, or at once where the system allows.
            self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._file.seek(0, os.SEEK_END)  # reading back (buckets) moves the position
        for bucket, chunks in zip(self._buckets, self._chunks, strict=True):
            if bucket:
                chunks.extend((self._file.tell(), len(bucket)))
                bucket.tofile(self._file)
                del bucket[:]  # emptied in place: the appends stay bound to it
        self._held = 0

    def buckets(self) -> Iterator[array]:
        """Each bucket's postings, spilled chunks and those held, one bucket at a time."""
        for bucket, chunks in zip(self._buckets, self._chunks, strict=True):
            whole = array("Q")
            for offset, count in zip(chunks[::2], chunks[1::2], strict=True):
                assert self._file is not None
                self._file.seek(offset)
                whole.fromfile(self._file, count)
            whole.extend(bucket)
            yield whole

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
