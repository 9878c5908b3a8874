"""Reading documents of a corpus run back after one pass over them.

Corpus rules receive the run's documents as a lazy sequence that reads each file again
whenever it is iterated, so a rule iterates once, keeps compact features, and reads back
only the few documents it reports on. ``documents[i]`` reads one file; it is checked
against the path seen during the pass (a skipped file or a multi-document reader shifts
the numbering), and anything it cannot find is picked up by one more pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from doclint.models import Document


def fetch(documents: Sequence[Document], wanted: Mapping[int, str]) -> dict[int, Document]:
    """The documents numbered ``wanted`` (number -> path, numbered in iteration order)."""
    found: dict[int, Document] = {}
    missing = {}
    for number, path in wanted.items():
        try:
            document = documents[number]
        except (IndexError, TypeError):
            document = None
        if document is not None and document.path == path:
            found[number] = document
        else:
            missing[number] = path
    if missing:
        for number, document in enumerate(documents):
            if missing.get(number) == document.path:
                found[number] = document
    return found
