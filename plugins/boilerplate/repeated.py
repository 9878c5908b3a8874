"""BOI005: lines repeated across many documents of the folder (a site's header or footer).

Each document is reduced to the stable 64-bit hashes of its eligible lines (and where
each first stands) by the corpus plugin's shared pass: 10 bytes a line, never the lines'
text, kept by a ``LineTable`` that counts them in memory independent of the number of
documents. The documents reported on are then read back one at a time.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from operator import methodcaller
from pathlib import PurePath
from typing import Any

from doclint import Document, Related, Violation, rule
from doclint.plugins.boilerplate._common import WORD, shown
from doclint.plugins.boilerplate.line_table import LineTable, pack
from doclint.plugins.corpus.features import register, scan
from doclint.plugins.corpus.fetch import fetch_one, reported
from doclint.text import MASK

# A folder smaller than this cannot tell a template from a coincidence.
MIN_DOCUMENTS = 5
# A line in this share of the folder's documents is boilerplate wherever it stands.
MIN_SHARE = 0.3
# Shorter lines repeat by nature ("Introduction", "Chapter One", "Thank you").
MIN_WORDS = 4
MIN_CHARACTERS = 20
# A line of the prose view that BOI005 compares, found by one search over the prose:
# after its indentation, no masked material (code, a URL, a table) anywhere on it, at
# least MIN_WORDS words as ``word_count`` counts them (each word matched whole, so that
# "abcd" is not four words: a lookahead, which the engine never backtracks into, then
# its text again, as an atomic group would, which Python's re has only from 3.11), and
# MIN_CHARACTERS characters from its first to its last non-space character: the group
# 'line' is the line as ``str.strip`` leaves it (\s and ``str.isspace`` are the same set).
# The search runs over "\n" + prose, so that every line starts after a newline: a
# pattern that starts with a literal is searched for in C, where ``(?m)^`` was tried at
# every character.
ENOUGH_WORDS = rf"(?:[^\w\n]*(?=(?P<word>{WORD.pattern}))(?P=word)){{{MIN_WORDS}}}"
ELIGIBLE_LINE = re.compile(rf"\n[^\S\n]*(?![^\n]*{MASK})(?={ENOUGH_WORDS})(?P<line>\S[^\n]{{{MIN_CHARACTERS - 2},}}\S)")
LINES = "boilerplate.lines"
_digest = partial(hashlib.blake2b, digest_size=8)


def _keys(lines: list[str]) -> array:
    """The hash of each line as compared (case and spacing ignored), stable from run to run for the cache.

    The lines are casefolded and encoded together, joined by newlines (stripped lines
    hold none, and casefolding makes no whitespace), and hashed one by one in C: no
    Python-level step per line. Collapsing the spacing splits each line into words and
    joins them again, which only a line with a run of spaces or another space
    character than " " (all of them are unprintable) needs.
    """
    if not lines:
        return array("q")
    block = "\n".join(lines).casefold()
    if "  " in block or not all(map(str.isprintable, lines)):
        block = "\n".join(map(" ".join, map(str.split, block.split("\n"))))
    digests = map(methodcaller("digest"), map(_digest, block.encode("utf-8", "surrogatepass").split(b"\n")))
    keys = array("q", b"".join(digests))  # each digest read as a little-endian signed integer
    if sys.byteorder == "big":
        keys.byteswap()
    return keys


def _lines(document: Document) -> bytes:
    """The feature: the hashes of the document's distinct eligible lines and where each first starts (see ``line_table.pack``)."""
    matches = list(ELIGIBLE_LINE.finditer("\n" + document.prose))
    starts = [match.start("line") - 1 for match in matches]  # in the prose, without the "\n"
    keys = _keys([match["line"] for match in matches])
    if len(set(keys)) < len(keys):  # a line the document repeats counts once, where it first stands
        first = dict(zip(reversed(keys), reversed(starts), strict=True))
        keys = array("q", dict.fromkeys(keys))
        starts = list(map(first.__getitem__, keys))
    return pack(keys, starts)


register(LINES, _lines, lambda _few: LineTable())


@rule(code="BOI005", name="repeated-boilerplate-line", severity="warning", scope="corpus")
def repeated_line(documents: Sequence[Document], options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds lines that recur in many documents of the same folder (the corpus root): a
    line of four words or more found in 30% or more of a folder of five documents or
    more is a site's template (a header, a footer, a subscription notice) wherever it
    stands. Each occurrence is reported on the documents checked, naming another
    document that has it. The share is set with `min-share` under
    `[tool.doclint.boilerplate]`.

    ## Why is this bad?
    Scraped text keeps the site's footer: "To contact the WSWS and the Socialist
    Equality Party visit:" at the end of every article. Repeated thousands of times in
    a training set, it is learnt as the way articles end. It is a warning rather than an
    error because a folder may repeat a line on purpose (an epigraph, a licence notice).

    ## Example
    The same closing line in 40 of 100 articles:
    ```text
    To contact the WSWS and the Socialist Equality Party visit:
    ```

    Use instead: strip the template when extracting the article.
    """
    share = float(options.get("min-share", MIN_SHARE))
    done = scan(documents, LINES)
    paths = done.paths
    table: LineTable = done.tables[LINES]
    if len(paths) < MIN_DOCUMENTS:
        return
    threshold = max(2, math.ceil(share * len(paths)))
    # A one-file check counts only that file's lines, and reads back only that file.
    wanted = reported(documents)
    among = set().union(*(keys for _, (keys, _) in table.records_of(wanted))) if wanted is not None else None
    counts = table.counts(threshold, among)
    if not counts:
        return
    # Where each line stands in the first two documents that have it, to name one of them
    # beside each occurrence: the other documents are then read one at a time.
    holders: dict[int, list[tuple[int, int]]] = {key: [] for key in counts}
    unfilled = len(holders)
    for number, (keys, starts) in enumerate(table.records()):
        if counts.keys().isdisjoint(keys):
            continue
        for key, start in zip(keys, starts, strict=True):
            if key in counts and len(holders[key]) < 2:
                holders[key].append((number, start))
                unfilled -= len(holders[key]) == 2
        if not unfilled:
            break
    lines = _holder_lines(documents, paths, holders)
    for number, (keys, starts) in enumerate(table.records()) if wanted is None else table.records_of(wanted):
        if counts.keys().isdisjoint(keys):
            continue
        document = fetch_one(documents, number, paths[number])
        if document is None:
            continue
        for key, start in zip(keys, starts, strict=True):
            if key not in counts:
                continue
            end = document.text.find("\n", start)
            end = len(document.text) if end < 0 else end
            text = document.text[start:end].rstrip()
            other = next(holder for holder, _ in holders[key] if holder != number)
            yield Violation(
                start,
                start + len(text),
                f"Boilerplate: this line is in {counts[key]} of {len(paths)} documents of the folder: {shown(text)!r}",
                related=(
                    Related(
                        paths[other], lines.get((other, key), 1), 1, f"the same line in {PurePath(paths[other]).name}"
                    ),
                ),
                document=document,
            )


def _holder_lines(
    documents: Sequence[Document], paths: Sequence[str], holders: Mapping[int, list[tuple[int, int]]]
) -> dict[tuple[int, int], int]:
    """The line of each repeated line in the documents that hold it first, by (document, line hash);
    a document whose file changed since the pass is left out."""
    where: dict[int, list[tuple[int, int]]] = {}
    for key, held in holders.items():
        for number, start in held:
            where.setdefault(number, []).append((key, start))
    lines = {}
    for number in sorted(where):
        document = fetch_one(documents, number, paths[number])
        if document is not None:
            lines.update(((number, key), document.position(start)[0]) for key, start in where[number])
    return lines
