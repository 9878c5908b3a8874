"""DUP001: documents of the run that are near-duplicates of each other."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from doclint import Document, Related, Violation, rule
from doclint.plugins.corpus.siblings import name, sibling_pairs

# A document with many copies names this many siblings and counts the rest.
MAX_RELATED = 5


@rule(code="DUP001", name="near-duplicate-document", severity="info", scope="corpus")
def near_duplicate(documents: Sequence[Document], options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds documents of the same folder (the corpus root) that share most of their
    paragraphs with another document, even reworded, re-punctuated or cut short, and
    names the sibling.

    Documents are indexed by sampled word-shingle fingerprints (never compared all
    pairs with all pairs); candidate pairs are verified by aligning their paragraphs by
    shared words. A pair is a near-duplicate when 60% of one member's words lie in
    paragraphs aligned with the other. The finding is reported on both members, on the
    first line, so that checking either file alone (a pre-commit run) tells of the other.

    ## Why is this bad?
    A seed folder or training set that holds the same article twice weights it twice,
    and a damaged copy (cut, stripped of its quotation marks) hides beside a good one.
    This is information, not an error: it tells what is a copy of what, and the rules
    TRN100 and QUO100 say what the copy lost.

    ## Example
    `002.txt` is a reworded copy of the first nine paragraphs of `000.txt`; both get
    `DUP001 Near-duplicate of 000.txt: shares 90% of this document and 36% of that one`.

    Use instead: keep one copy, the complete one.
    """
    # Each document's siblings as (path, share of it, share of the sibling), by number; the
    # document itself is made again from the pairs' store once the pairs are counted.
    pairs = sibling_pairs(documents, options)
    found: dict[int, list[tuple[str, float, float]]] = defaultdict(list)
    for pair in pairs:
        for side, (mine, other) in enumerate(((pair.number_a, pair.number_b), (pair.number_b, pair.number_a))):
            found[mine].append((pair.store.path(other), pair.share(side), pair.share(1 - side)))
    for number, siblings in found.items():
        document = pairs.store[number]
        siblings.sort(key=lambda item: (-item[1], item[0]))
        other, mine_share, other_share = siblings[0]
        message = f"Near-duplicate of {name(other)}: shares {mine_share:.0%} of this document and {other_share:.0%} of that one"
        if len(siblings) > 1:
            message += f"; {len(siblings) - 1} more near-duplicate{'s' if len(siblings) > 2 else ''}"
        related = tuple(
            Related(path, 1, 1, f"near-duplicate ({share:.0%} of this document shared)")
            for path, share, _ in siblings[:MAX_RELATED]
        )
        end = document.text.find("\n")
        yield Violation(0, end if end >= 0 else len(document.text), message, related=related, document=document)
