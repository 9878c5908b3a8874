"""BOI005: lines repeated across many documents of the folder (a site's header or footer).

Each document is reduced to the stable 64-bit hashes of its eligible lines (and where
each first stands), kept in flat arrays by the corpus plugin's shared pass: 12 bytes a
line, never the lines' text. Lines are counted bucket by bucket, so the count of a
large folder never holds a dictionary of every line at once.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from doclint import Document, Related, Violation, rule
from doclint.plugins.boilerplate._common import WORD, prose_lines, shown
from doclint.plugins.corpus.features import register, scan
from doclint.plugins.corpus.fetch import fetch

# A folder smaller than this cannot tell a template from a coincidence.
MIN_DOCUMENTS = 5
# A line in this share of the folder's documents is boilerplate wherever it stands.
MIN_SHARE = 0.3
# Shorter lines repeat by nature ("Introduction", "Chapter One", "Thank you").
MIN_WORDS = 4
MIN_CHARACTERS = 20
# At least MIN_WORDS words as ``word_count`` counts them, without counting a long line's
# every word: each word is matched whole (a lookahead and its backreference keep the
# engine from splitting "abcd" into four), separated by non-word characters.
ENOUGH_WORDS = re.compile(rf"(?:\W*(?=({WORD.pattern}))\1){{{MIN_WORDS}}}")
LINES = "boilerplate.lines"
BUCKETS = 256


def _key(text: str) -> int:
    """A hash of the line as compared (case and spacing ignored), stable from run to run for the cache."""
    # Lines come stripped, so joining the split words is collapsing each run of spaces.
    data = " ".join(text.casefold().split()).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def _eligible(text: str) -> bool:
    return len(text) >= MIN_CHARACTERS and ENOUGH_WORDS.match(text) is not None


def _lines(document: Document) -> bytes:
    """The feature: the hashes of the document's distinct eligible lines, then where each first starts."""
    seen: dict[int, int] = {}
    for start, _, text in prose_lines(document):
        if _eligible(text):
            seen.setdefault(_key(text), start)
    return array("q", seen).tobytes() + array("I", seen.values()).tobytes()


class LineTable:
    """The lines of every document of the run: hashes and starts in flat arrays, by document."""

    def __init__(self) -> None:
        self.keys = array("q")
        self.starts = array("I")
        self.bounds = array("Q", [0])

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def add(self, value: bytes) -> None:
        count = len(value) // 12
        self.keys.frombytes(value[: 8 * count])
        self.starts.frombytes(value[8 * count :])
        self.bounds.append(len(self.keys))

    def lines(self, number: int) -> tuple[array, array]:
        first, last = self.bounds[number], self.bounds[number + 1]
        return self.keys[first:last], self.starts[first:last]

    def counts(self, threshold: int) -> dict[int, int]:
        """The lines in ``threshold`` documents or more, with their number of documents."""
        buckets = [array("q") for _ in range(BUCKETS)]
        for key in self.keys:
            buckets[key % BUCKETS].append(key)
        found: dict[int, int] = {}
        for number, bucket in enumerate(buckets):
            buckets[number] = array("q")  # let each bucket go once counted
            found.update((key, count) for key, count in Counter(bucket).items() if count >= threshold)
        return found


register(LINES, _lines, LineTable)


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
    counts = table.counts(threshold)
    if not counts:
        return
    holders: dict[int, list[int]] = {key: [] for key in counts}
    wanted = {}
    for number in range(len(table)):
        keys, _ = table.lines(number)
        for key in keys:
            if key in counts:
                wanted[number] = paths[number]
                if len(holders[key]) < 2:
                    holders[key].append(number)
    found = fetch(documents, wanted)
    for number, document in sorted(found.items()):
        keys, starts = table.lines(number)
        for key, start in zip(keys, starts, strict=True):
            if key not in counts:
                continue
            end = document.text.find("\n", start)
            end = len(document.text) if end < 0 else end
            text = document.text[start:end].rstrip()
            other = next(n for n in holders[key] if n != number)
            where = _line_of(other, key, table, found)
            yield Violation(
                start,
                start + len(text),
                f"Boilerplate: this line is in {counts[key]} of {len(paths)} documents of the folder: {shown(text)!r}",
                related=(Related(paths[other], where, 1, f"the same line in {PurePath(paths[other]).name}"),),
                document=document,
            )


def _line_of(number: int, key: int, table: LineTable, found: Mapping[int, Document]) -> int:
    """The line of a repeated line in another document (1 when that document is not at hand)."""
    document = found.get(number)
    if document is None:
        return 1
    keys, starts = table.lines(number)
    return document.position(starts[keys.index(key)])[0]
