"""BOI005's table: the hashed lines of every document of a run, and the lines many share.

A document's feature (``pack``) is the 64-bit hashes of its eligible lines and where each
starts. The table keeps the features in the order they come, in a temporary file past
``SPILL_BYTES``, and counts the lines found in many documents in memory that does not
grow with the number of documents (``counts``): a folder of a million articles costs
disk, not memory.
"""

from __future__ import annotations

import heapq
import os
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate, islice
from operator import sub
from typing import BinaryIO

# Features held in memory before they are written to the temporary file, as one chunk.
SPILL_BYTES = 1 << 18
# Hashes counted at a time (at least): counting a chunk is done in C.
CHUNK_KEYS = 1 << 13
_LENGTH_BYTES = 4  # each feature is stored after its length


def pack(keys: array, starts: list[int]) -> bytes:
    """A document's feature: one byte (2 or 4), the keys (8 bytes each), then the starts in that many bytes each.

    Starts increase, so each is kept as its distance from the one before in 2 bytes, or,
    in a document with a line of 64K characters or more, as itself in 4.
    """
    try:
        width, tail = 2, array("H", map(sub, starts, [0, *starts[:-1]]))
    except OverflowError:
        width, tail = 4, array("I", starts)
    return bytes((width,)) + keys.tobytes() + tail.tobytes()


def _unpack_keys(feature: bytes) -> tuple[array, int]:
    """The keys of a feature, and where its starts begin in it."""
    count = (len(feature) - 1) // (8 + feature[0])
    keys = array("q")
    keys.frombytes(feature[1 : 1 + 8 * count])
    return keys, 1 + 8 * count


def _unpack_starts(feature: bytes, at: int) -> list[int]:
    """The starts of a feature, stored from ``at`` (see ``pack``)."""
    data = feature[at:]
    return list(accumulate(array("H", data))) if feature[0] == 2 else list(array("I", data))


class LineTable:
    """The features of a run's documents, read back in order, one document at a time."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._file: BinaryIO | None = None
        self._chunks: list[tuple[int, int]] = []  # (offset, size) of each chunk written
        self._keys = 0

    def add(self, feature: bytes) -> None:
        self._buffer += len(feature).to_bytes(_LENGTH_BYTES, "little")
        self._buffer += feature
        self._keys += (len(feature) - 1) // (8 + feature[0])
        if len(self._buffer) >= SPILL_BYTES:
            self._spill()

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by close())
        self._file.seek(0, os.SEEK_END)  # a pass reading back moves the position
        self._chunks.append((self._file.tell(), len(self._buffer)))
        self._file.write(self._buffer)
        self._buffer = bytearray()

    def close(self) -> None:
        """Remove the temporary file: the table is not read after."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def _features(self) -> Iterator[bytes]:
        """Each document's feature, in order: a chunk at a time from the file, then those held.

        Each chunk is read at its own offset, so that passes may interleave.
        """
        if self._chunks and self._file is None:
            raise RuntimeError("the line table was closed: a later run's scan replaced it")
        for offset, size in self._chunks:
            self._file.seek(offset)
            yield from _split(self._file.read(size))
        yield from _split(bytes(self._buffer))

    def records(self) -> Iterator[tuple[array, list[int]]]:
        """Each document's line hashes and where each line starts, in order."""
        for feature in self._features():
            keys, at = _unpack_keys(feature)
            yield keys, _unpack_starts(feature, at)

    def _key_chunks(self, size: int) -> Iterator[array]:
        """The hashes of all documents in order, ``size`` or more at a time."""
        chunk = array("q")
        for feature in self._features():
            chunk += _unpack_keys(feature)[0]
            if len(chunk) >= size:
                yield chunk
                chunk = array("q")
        yield chunk

    def records_of(self, wanted: bytes) -> Iterator[tuple[int, tuple[array, list[int]]]]:
        """Each wanted document's number, line hashes and line starts, in order (``wanted``:
        a byte per document, 1 for those wanted); the others' are not unpacked, and none
        are read past the last wanted."""
        for number, feature in enumerate(islice(self._features(), wanted.rfind(1) + 1)):
            if wanted[number]:
                keys, at = _unpack_keys(feature)
                yield number, (keys, _unpack_starts(feature, at))

    def counts(self, threshold: int, among: set[int] | None = None) -> dict[int, int]:
        """The lines in ``threshold`` documents or more (a document counts a line once), with
        their number of documents; with ``among``, only those of these lines.

        Two passes over the hashes (one with ``among``), holding a number of lines that
        depends on the threshold's share of the hashes, not on the number of documents.
        The first keeps a Misra-Gries summary (counted a chunk at a time, as mergeable
        summaries are) of at most ``capacity`` lines: each time it holds more, the
        (capacity + 1)-th largest count is taken off every count and the lines left at zero
        are dropped. Each cut takes that much from capacity + 1 lines, so all cuts together
        take at most hashes / (capacity + 1) from any one line, less than ``threshold``:
        every line counted ``threshold`` times or more is still in the summary. The second
        pass counts the summary's lines exactly.
        """
        capacity = max(1, self._keys // threshold)
        size = max(CHUNK_KEYS, capacity)
        counted = among if among is not None else self._summary(capacity, size)
        exact: Counter[int] = Counter()
        for chunk in self._key_chunks(size):
            exact.update(filter(counted.__contains__, chunk))
        return {key: count for key, count in exact.items() if count >= threshold}

    def _summary(self, capacity: int, size: int) -> Counter[int]:
        """The Misra-Gries summary of all hashes (``counts``)."""
        summary: Counter[int] = Counter()
        for chunk in self._key_chunks(size):
            summary.update(chunk)
            if len(summary) > capacity:
                cut = heapq.nlargest(capacity + 1, summary.values())[-1]
                summary = Counter({key: count - cut for key, count in summary.items() if count > cut})
        return summary


def _split(data: bytes) -> Iterator[bytes]:
    """The features stored one after the other in ``data``, each after its length."""
    at = 0
    while at < len(data):
        size = int.from_bytes(data[at : at + _LENGTH_BYTES], "little")
        at += _LENGTH_BYTES
        yield data[at : at + size]
        at += size
