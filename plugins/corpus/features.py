"""One pass over a corpus run's documents, shared by every corpus rule.

Corpus rules receive the run's documents as a lazy sequence that reads each file again
(and analyses it again when the prose view is asked for) whenever it is iterated, and
analysing a document costs more than any rule. So no corpus rule iterates it on its
own: each registers a *feature*, what it needs of one document alone as bytes (word
fingerprints, hashes of its lines), and a *table* that folds the features of the whole
run into compact arrays. The first corpus rule to run makes one pass for every
registered feature; the others find the tables made. Features come through
``doclint.cache.document_features``: those the processes that checked the documents
computed, or the result cache's, so the pass reads no document the run has them for.

Registering costs a rule that does not run this time (a plugin disabled, ``--select``)
only its feature's extraction, which is small beside the analysis the pass shares.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from doclint.cache import document_features
from doclint.models import Document
from doclint.plugins.corpus.fetch import partly_reported


class Table(Protocol):
    """Folds the features of a run's documents; one that holds a resource (a temporary
    file) has ``close()`` as well, called once no rule will read it again."""

    def add(self, value: bytes) -> None:
        """Fold in the feature of the next document (documents come in order, numbered from 0)."""


@dataclass(frozen=True)
class Feature:
    name: str
    extract: Callable[[Document], bytes]
    table: Callable[[bool], Table]


_FEATURES: dict[str, Feature] = {}


def register(name: str, extract: Callable[[Document], bytes], table: Callable[[bool], Table]) -> None:
    """Make ``extract`` part of the shared pass; ``name`` keys the result cache (e.g.
    ``"corpus.fingerprints"``). ``table(few)`` makes a run's table; ``few`` is true when the
    run keeps the findings of only some documents (a one-file check against its folder)."""
    _FEATURES[name] = Feature(name, extract, table)


def registered() -> list[tuple[str, Callable[[Document], bytes]]]:
    """Every registered feature as ``(name, extract)``, for the checking processes to compute."""
    return [(feature.name, feature.extract) for feature in _FEATURES.values()]


@dataclass
class Scan:
    """What the pass kept: the path of each document, numbered in iteration order, and the tables."""

    paths: list[str] = field(default_factory=list)
    tables: dict[str, Any] = field(default_factory=dict)


_last: list[Any] = [None, None]


def scan(documents: Sequence[Document], name: str) -> Scan:
    """The run's scan, with the table of feature ``name``; one pass per documents object.

    A feature registered after the pass (a module imported late) gets a pass of its own.
    """
    if _last[0] is not documents:
        _close(_last[1])
        _last[:] = [documents, None]
    done: Scan | None = _last[1]
    if done is not None and name in done.tables:
        return done
    features = [feature for key, feature in _FEATURES.items() if done is None or key not in done.tables]
    if name not in _FEATURES:
        raise KeyError(f"no corpus feature {name!r} is registered")
    result = _pass(documents, features)
    if done is not None:
        result.tables = {**done.tables, **result.tables}
    _last[1] = result
    return result


def _close(done: Scan | None) -> None:
    """Release what the tables of a scan no run will ask for again hold (the near-duplicate
    index's temporary file)."""
    for table in done.tables.values() if done is not None else ():
        close = getattr(table, "close", None)
        if close is not None:
            close()


def _pass(documents: Sequence[Document], features: list[Feature]) -> Scan:
    few = partly_reported(documents)
    result = Scan(tables={feature.name: feature.table(few) for feature in features})
    paths = result.paths
    adders = [(feature.name, result.tables[feature.name].add) for feature in features]
    for row in document_features(documents, {feature.name: feature.extract for feature in features}):
        paths.append(row.path)
        for name, add in adders:
            add(row.values[name])
    return result
