"""Reading documents of a corpus run back after one pass over them.

Corpus rules receive the run's documents as a lazy sequence that reads each file again
whenever it is iterated, so a rule iterates once, keeps compact features, and reads back
only the few documents it reports on. ``documents[i]`` is the i-th document of the pass
and reads back only the file that holds it; a document whose file changed since the
pass (gone, or another document in its place) is left out.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence

from doclint.cache import identity
from doclint.models import Document


def reported(documents: Sequence[Document]) -> bytes | None:
    """A byte per document of the run, 1 where the run keeps its findings (a one-file check
    compares its file with the whole folder, and reports on that file only); None where
    it keeps every document's (a plain sequence of documents, as in tests, is all reported)."""
    from doclint.runner import LazyDocuments

    return documents.reported() if isinstance(documents, LazyDocuments) else None


def partly_reported(documents: Sequence[Document]) -> bool:
    """Whether the run keeps the findings of only some documents (a one-file check), known
    before any pass over them: a corpus table may then leave out work for the others."""
    from doclint.runner import LazyDocuments

    return isinstance(documents, LazyDocuments) and documents.partly_reported()


def fetch_each(documents: Sequence[Document], wanted: Mapping[int, str]) -> Iterator[tuple[int, Document]]:
    """The documents numbered ``wanted`` (number -> path) that are still those documents,
    one at a time: (number, document) in increasing order, so that the records of one JSONL
    file are read in one pass over it."""
    for number, path in sorted(wanted.items()):
        document = fetch_one(documents, number, path)
        if document is not None:
            yield number, document


def fetch_one(documents: Sequence[Document], number: int, path: str) -> Document | None:
    """Document ``number`` if it is still the document at ``path`` (None if not): for a rule
    that reads documents back one at a time, so that it never holds more than one."""
    try:
        document = documents[number]
    except IndexError:
        return None
    return document if document.path == path else None


class DocumentStore:
    """Documents read back once, in order, and kept in a temporary file, for a rule that goes
    back to them often and in any order (the pairs of copies). The file is removed when the
    store is let go (at once where the system allows: it has no name).

    ``store[number]`` makes the document again from the file: its text, not what was
    computed from it. The last ``RECENT`` made are kept, with what they computed, so that
    reading the two documents of a pair, then the same pair the other way round, reads
    each once. In memory: one entry per document (where it is in the file, and its
    ``identity``), not its text.
    """

    RECENT = 4

    def __init__(self, documents: Sequence[Document], wanted: Mapping[int, str]) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed when the store is let go)
        self._where: dict[int, tuple[int, int, str, bytes]] = {}  # number -> (offset, size, path, identity)
        self._recent: OrderedDict[int, Document] = OrderedDict()
        for number, document in fetch_each(documents, wanted):
            data = pickle.dumps((document.path, document.text, document.decoding, document.file), protocol=5)
            self._where[number] = (self._file.tell(), len(data), document.path, identity(document))
            self._file.write(data)

    def __contains__(self, number: int) -> bool:
        return number in self._where

    def path(self, number: int) -> str:
        """The path of document ``number``, without making it again."""
        return self._where[number][2]

    def identity(self, number: int) -> bytes:
        """The ``identity`` of document ``number``, without making it again."""
        return self._where[number][3]

    def __getitem__(self, number: int) -> Document:
        document = self._recent.get(number)
        if document is not None:
            self._recent.move_to_end(number)
            return document
        offset, size, *_ = self._where[number]
        self._file.seek(offset)
        document = self._recent[number] = Document(*pickle.loads(self._file.read(size)))
        if len(self._recent) > self.RECENT:
            self._recent.popitem(last=False)
        return document
