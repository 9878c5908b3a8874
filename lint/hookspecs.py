"""Every hook doclint calls, and the two markers plugins use.

A plugin is a module (or object) with functions marked ``@doclint.hookimpl`` whose names
match the specifications below. Plugins are found through the entry-point group
``doclint``; doclint's own plugins are declared the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from doclint.config import Config
    from doclint.models import Document
    from doclint.reporters import Reporter
    from doclint.rules import Rule

PROJECT = "doclint"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def doclint_rules() -> Sequence[Rule]:
    """Return the rules this plugin offers.

    Called once per run, before any document is read, and by ``doclint rules``,
    ``doclint explain`` and ``doclint plugins``; no document is needed to list rules.

    :return: a sequence of :class:`doclint.Rule` records (usually built with
        ``@doclint.rule``). Codes must match ``^[A-Z]{3}[0-9]{3}$`` and be unique across
        all plugins; ``ENC``, ``QUO``, ``TRN``, ``PUN``, ``BOI`` and ``DOC`` are reserved
        for doclint's own plugins.

    All implementations are called; their results are concatenated.
    """


@hookspec
def doclint_reporters() -> Sequence[Reporter]:
    """Return the output formats this plugin offers.

    Called once per run, to resolve ``--output-format``.

    :return: a sequence of :class:`doclint.reporters.Reporter` records, each with a
        unique ``name`` (the value of ``--output-format``) and a ``write`` callable that
        receives the run's :class:`doclint.reporters.Report` and a text stream.

    All implementations are called; their results are concatenated.
    """


@hookspec
def doclint_document_features() -> Sequence[tuple[str, Callable[[Document], bytes]]]:
    """Return what this plugin's corpus rules derive from one document alone.

    Called once per run, when corpus rules run. Each ``(name, extract)`` pair is computed
    by the process that checks the document, while its structure is at hand, and sent
    back with its findings. A corpus rule reads them all in one pass with
    :func:`doclint.cache.document_features` (no file is read again: the pass takes each
    file's features as its result comes in), or one by one, while it iterates the
    documents, with :func:`doclint.cache.document_feature`. Features are cached with the
    file's findings, so a later run that compares an edited file with its unchanged
    siblings reads theirs from the cache.

    :return: a sequence of ``(name, extract)``: ``extract(document)`` returns bytes.

    All implementations are called; their results are concatenated.
    """


@hookspec(firstresult=True)
def doclint_read_documents(path: Path, display_path: str, config: Config) -> Iterable[Document] | None:
    """Read the documents a file holds.

    Called once for every file the run checks, in the process that checks it.

    :param path: the file on disk.
    :param display_path: how the file is named in findings (as given on the command line
        or found under a given folder).
    :param config: the run's :class:`doclint.config.Config` (``max_file_size``,
        ``text_field``, plugin options). A reader honours ``max_file_size`` for what it
        holds in memory at once: the whole file, or one record of a container it streams.
    :return: an iterable of :class:`doclint.Document` (a plain text file holds one; a
        container format may hold many, and should yield them lazily, as a generator, so
        that a large file is never held whole), or ``None`` to leave the file to other
        plugins. A document of a container is named ``<display_path>:<id>`` and made with
        ``file=display_path``: what is set per file (``per-file-ignores``, the baseline,
        the files a run reports on) then applies to it, as to the records of a JSONL file.
        Raise :class:`doclint.SkipFile` with a one-line reason to skip the file with a
        notice (binary data, too large), or :class:`OSError` when it cannot be read.

    The first implementation that returns a non-None value wins; the later-registered
    implementations are tried first, so a plugin can take over a format doclint reads.
    """
