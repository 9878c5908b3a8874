"""Paragraph alignment of two documents that share content, tolerant to rewording.

Paragraphs are compared by their content words (Dice coefficient), so a paragraph that
was reworded, re-punctuated or stripped of its quotation marks still matches its
original. The alignment is monotone (a copy keeps the order of its source): the best
sum of similarities over pairs in order, as in a longest common subsequence. A paragraph
left unaligned still counts as *covered* when most of its words lie in the paragraph
aligned beside it: that is a paragraph the other document split in two or merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, repeat

from doclint.models import Document
from doclint.plugins.corpus.words import content_words

# Below this Dice similarity two paragraphs are not the same paragraph. Reworded copies
# in the seeds score 0.6-0.9; two news reports of the same event score up to 0.52 on
# their lead paragraph (BBC follow-up stories taught this), so 0.3 was too loose.
MIN_SIMILARITY = 0.55
# Short paragraphs (titles) share words by chance ("Search wars hit desktop PCs" and
# "Microsoft takes on desktop search" score 0.44): they must nearly match.
SHORT_PARAGRAPH = 8
MIN_SHORT_SIMILARITY = 0.8
# A paragraph merged into or split from its neighbour keeps this share of its words there.
MIN_CONTAINED = 0.6
# Paragraphs this large or larger cap the dynamic programme (a 2,000-paragraph book).
MAX_PARAGRAPHS = 2000


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str
    words: frozenset[str]


@dataclass(frozen=True)
class Alignment:
    """Which paragraphs of ``a`` and ``b`` match: ``pairs`` (i, j, similarity) in order."""

    pairs: tuple[tuple[int, int, float], ...]
    covered_a: tuple[bool, ...]
    covered_b: tuple[bool, ...]


def paragraphs(document: Document) -> list[Paragraph]:
    """The document's blocks with their content words (blocks with no words left out)."""
    prose = document.prose
    found = []
    for block in document.blocks:
        words = content_words(prose[block.start : block.end])
        if words:
            found.append(Paragraph(block.start, block.end, block.kind, words))
    return found[:MAX_PARAGRAPHS]


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def align(a: list[Paragraph], b: list[Paragraph]) -> Alignment:
    scores = _scores(a, b)
    pairs = _monotone(len(a), len(b), scores)
    return Alignment(tuple(pairs), _covered(a, b, pairs, 0), _covered(b, a, pairs, 1))


def _scores(a: list[Paragraph], b: list[Paragraph]) -> dict[tuple[int, int], float]:
    """Similarities above the threshold, found through a word -> paragraphs index of ``b``."""
    where: dict[str, list[int]] = defaultdict(list)
    for j, paragraph in enumerate(b):
        for word in paragraph.words:
            where[word].append(j)
    sizes = [len(paragraph.words) for paragraph in b]
    lowest = min(MIN_SIMILARITY, MIN_SHORT_SIMILARITY)
    scores = {}
    for i, paragraph in enumerate(a):
        size_a = len(paragraph.words)
        # Counted in C: the paragraphs of b sharing each word (a template word can be in
        # hundreds of list items, and this loop ran per word and paragraph in Python).
        common = Counter(chain.from_iterable(map(where.get, paragraph.words, repeat(()))))
        # No paragraph of b (one word or more) reaches the lowest threshold with fewer
        # words in common than this: most of the counted pairs are passed over here.
        needed = lowest * (size_a + 1) / 2
        for j, count in common.items():
            if count < needed:
                continue
            size_b = sizes[j]
            score = 2 * count / (size_a + size_b)
            short = min(size_a, size_b) < SHORT_PARAGRAPH
            if score >= (MIN_SHORT_SIMILARITY if short else MIN_SIMILARITY):
                scores[i, j] = score
    return scores


def _monotone(m: int, n: int, scores: dict[tuple[int, int], float]) -> list[tuple[int, int, float]]:
    """The in-order set of pairs with the largest total similarity (sparse LCS)."""
    if not scores:
        return []
    rows: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (i, j), score in scores.items():
        rows[i].append((j, score))
    # previous[k]: the best total over the rows seen so far using columns below k;
    # chain_end[k]: the last pair of that chain. Only rows with a score are visited.
    previous = [0.0] * (n + 1)
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    chain_end: list[tuple[int, int] | None] = [None] * (n + 1)
    for i in sorted(rows):
        current = previous[:]
        current_end = chain_end[:]
        for j, score in rows[i]:
            total = previous[j] + score
            if total > current[j + 1]:
                current[j + 1] = total
                current_end[j + 1] = (i, j)
                back[i, j] = chain_end[j]
        for j in range(1, n + 1):
            if current[j - 1] > current[j]:
                current[j] = current[j - 1]
                current_end[j] = current_end[j - 1]
        previous, chain_end = current, current_end
    pairs = []
    node = chain_end[n]
    while node is not None:
        pairs.append((node[0], node[1], scores[node]))
        node = back[node]
    return pairs[::-1]


def _covered(
    mine: list[Paragraph], theirs: list[Paragraph], pairs: list[tuple[int, int, float]], side: int
) -> tuple[bool, ...]:
    covered = [False] * len(mine)
    partner = {}
    for pair in pairs:
        covered[pair[side]] = True
        partner[pair[side]] = pair[1 - side]
    for index, paragraph in enumerate(mine):
        if covered[index] or len(paragraph.words) < SHORT_PARAGRAPH:
            continue
        for neighbour in (index - 1, index + 1):
            other = partner.get(neighbour)
            if other is None:
                continue
            for candidate in (other - 1, other, other + 1):
                if 0 <= candidate < len(theirs):
                    inside = len(paragraph.words & theirs[candidate].words) / len(paragraph.words)
                    if inside >= MIN_CONTAINED:
                        covered[index] = True
    return tuple(covered)
