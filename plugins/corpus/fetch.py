"""Reading documents of a corpus run back after one pass over them.

Corpus rules receive the run's documents as a lazy sequence that reads each file again
whenever it is iterated, so a rule iterates once, keeps compact features, and reads back
only the few documents it reports on. ``documents[i]`` is the i-th document of the pass
and reads back only the file that holds it; a document whose file changed since the
pass (gone, or another document in its place) is left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from doclint.models import Document


def fetch(documents: Sequence[Document], wanted: Mapping[int, str]) -> dict[int, Document]:
    """The documents numbered ``wanted`` (number -> path, numbered in iteration order).

    Asked for in increasing order, so that the records of one JSONL file are read in one
    pass over it.
    """
    found: dict[int, Document] = {}
    for number, path in sorted(wanted.items()):
        document = fetch_one(documents, number, path)
        if document is not None:
            found[number] = document
    return found


def fetch_one(documents: Sequence[Document], number: int, path: str) -> Document | None:
    """Document ``number`` if it is still the document at ``path`` (None if not): for a rule
    that reads documents back one at a time, so that it never holds more than one."""
    try:
        document = documents[number]
    except IndexError:
        return None
    return document if document.path == path else None
