"""BOI005: lines repeated across many documents of the folder (a site's header or footer)."""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from doclint import Document, Related, Violation, rule
from doclint.plugins.boilerplate._common import prose_lines, shown, word_count
from doclint.plugins.corpus.fetch import fetch

# A folder smaller than this cannot tell a template from a coincidence.
MIN_DOCUMENTS = 5
# A line in this share of the folder's documents is boilerplate wherever it stands.
MIN_SHARE = 0.3
# Shorter lines repeat by nature ("Introduction", "Chapter One", "Thank you").
MIN_WORDS = 4
MIN_CHARACTERS = 20
SPACES = re.compile(r"\s+")


def _key(text: str) -> int:
    return hash(SPACES.sub(" ", text.casefold()))


def _eligible(text: str) -> bool:
    return len(text) >= MIN_CHARACTERS and word_count(text) >= MIN_WORDS


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
    paths: list[str] = []
    lines: list[tuple[array, array]] = []
    counts: Counter[int] = Counter()
    for document in documents:
        paths.append(document.path)
        seen: dict[int, int] = {}
        for start, _, text in prose_lines(document):
            if _eligible(text):
                seen.setdefault(_key(text), start)
        keys = array("q", seen)
        counts.update(keys)
        lines.append((keys, array("Q", seen.values())))
    if len(paths) < MIN_DOCUMENTS:
        return
    threshold = max(2, math.ceil(share * len(paths)))
    frequent = {key for key, count in counts.items() if count >= threshold}
    if not frequent:
        return
    holders: dict[int, list[int]] = {key: [] for key in frequent}
    for number, (keys, _) in enumerate(lines):
        for key in keys:
            if key in frequent and len(holders[key]) < 2:
                holders[key].append(number)
    wanted = {number: paths[number] for number, (keys, _) in enumerate(lines) if frequent.intersection(keys)}
    found = fetch(documents, wanted)
    for number, document in sorted(found.items()):
        keys, starts = lines[number]
        for key, start in zip(keys, starts, strict=True):
            if key not in frequent:
                continue
            end = document.text.find("\n", start)
            end = len(document.text) if end < 0 else end
            text = document.text[start:end].rstrip()
            other = next(n for n in holders[key] if n != number)
            where = _line_of(other, key, lines, found)
            yield Violation(
                start,
                start + len(text),
                f"Boilerplate: this line is in {counts[key]} of {len(paths)} documents of the folder: {shown(text)!r}",
                related=(Related(paths[other], where, 1, f"the same line in {PurePath(paths[other]).name}"),),
                document=document,
            )


def _line_of(number: int, key: int, lines, found) -> int:
    """The line of a repeated line in another document (1 when that document is not at hand)."""
    document = found.get(number)
    if document is None:
        return 1
    keys, starts = lines[number]
    return document.position(starts[list(keys).index(key)])[0]
