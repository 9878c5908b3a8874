"""Paragraph alignment of two documents that share content, tolerant to rewording.

Paragraphs are compared by their content words (Dice coefficient), so a paragraph that
was reworded, re-punctuated or stripped of its quotation marks still matches its
original. The alignment is monotone (a copy keeps the order of its source): the best
sum of similarities over pairs in order, as in a longest common subsequence. A paragraph
left unaligned still counts as *covered* when most of its words lie in the paragraph
aligned beside it: that is a paragraph the other document split in two or merged.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
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
# The lowest threshold of the two.
LOWEST = min(MIN_SIMILARITY, MIN_SHORT_SIMILARITY)
# A document of this many paragraphs or fewer is searched whole (see ParagraphIndex).
FEW_PARAGRAPHS = 32
WHOLE = 0  # the band of every paragraph, in such a document
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


def align(a: list[Paragraph], b: ParagraphIndex) -> Alignment:
    scores = {(i, j): score for i, paragraph in enumerate(a) for j, score in b.similar(paragraph)}
    pairs = _monotone(len(a), len(b.paragraphs), scores)
    return Alignment(tuple(pairs), _covered(a, b.paragraphs, pairs, 0), _covered(b.paragraphs, a, pairs, 1))


class ParagraphIndex:
    """A document's paragraphs by word, in bands of sizes, to find those similar to a
    paragraph of another document: made once for a document aligned with several.

    A paragraph similar to one of ``size_a`` words has a number of words in a bounded
    range, and shares with it at least ``_least_shared`` words for the two sizes. So each
    band of sizes in that range is looked up by the words of the paragraph compared but
    the last ``_least_shared - 1`` (the fewest for a size of the band), the rarest first:
    one of those is shared (if none were, too few would be left to share). Each paragraph
    found is scored by its whole intersection, so the scores are those of comparing every
    pair; but a template word in hundreds of list items is looked up only where it must
    be, where counting every shared word of every pair was most of the cost. Short
    paragraphs have a band for each size (a list item of four words matches one of four
    only if they are the same four), long ones bands of sizes half as large again (one
    per size cost more than it saved). A document of ``FEW_PARAGRAPHS`` or fewer is one
    band looked up by every shared word: sorting the words cost more than scoring its
    few paragraphs.
    """

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self._whole = len(paragraphs) <= FEW_PARAGRAPHS
        bands: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for j, paragraph in enumerate(paragraphs):
            where = bands[WHOLE if self._whole else _band(len(paragraph.words))]
            for word in paragraph.words:
                where[word].append(j)
        self._bands = dict(bands)
        # How many paragraphs hold each word, to look up the rarest first (a document searched whole needs none).
        self._frequency = (
            Counter() if self._whole else Counter(chain.from_iterable(paragraph.words for paragraph in paragraphs))
        )

    def similar(self, paragraph: Paragraph) -> Iterator[tuple[int, float]]:
        """The paragraphs (by number) similar enough to ``paragraph``, and their similarity."""
        words = paragraph.words
        size_a = len(words)
        # The words it shares with none are left out: the others hold as many shared ones.
        if self._whole:
            plan: tuple[tuple[int, int], ...] = ((WHOLE, 1),)
            shared = list(self._bands.get(WHOLE, {}).keys() & words)
        else:
            plan = _bands_for(size_a)
            shared = sorted(self._frequency.keys() & words, key=self._frequency.__getitem__)
        found: set[int] = set()
        for band, least in plan:
            probes = len(shared) - least + 1
            if probes > 0 and band in self._bands:
                found.update(chain.from_iterable(map(self._bands[band].get, shared[:probes], repeat(()))))
        # No paragraph (one word or more) reaches the lowest threshold with fewer words in common.
        needed = LOWEST * (size_a + 1) / 2
        for j in found:
            other = self.paragraphs[j].words
            count = len(words & other)
            if count >= needed:
                score = 2 * count / (size_a + len(other))
                if score >= _threshold(size_a, len(other)):
                    yield j, score


def _band(size: int) -> int:
    """The smallest size of the band of ``size``: each size below SHORT_PARAGRAPH, then 8-11, 12-17, 18-26 ..."""
    if size < SHORT_PARAGRAPH:
        return size
    low = SHORT_PARAGRAPH
    while _band_end(low) <= size:
        low = _band_end(low)
    return low


def _band_end(band: int) -> int:
    """The smallest size past the band from ``band``."""
    return band + 1 if band < SHORT_PARAGRAPH else band * 3 // 2


def _threshold(size_a: int, size_b: int) -> float:
    """The similarity two paragraphs of these sizes must reach."""
    return MIN_SHORT_SIMILARITY if min(size_a, size_b) < SHORT_PARAGRAPH else MIN_SIMILARITY


# The bounds below are widened by a hair for the rounding of floats: wider bounds find
# more candidates, never fewer.
@functools.cache
def _bands_for(size_a: int) -> tuple[tuple[int, int], ...]:
    """Each band that may hold a paragraph similar to one of ``size_a`` words, with the
    fewest words the two share for a size of the band where they can be similar."""
    bands = []
    size_b, largest = _smallest(size_a), _largest(size_a)
    while size_b <= largest:
        band = _band(size_b)
        possible = [
            shared
            for size in range(size_b, min(_band_end(band), largest + 1))
            if (shared := _least_shared(size_a, size)) <= min(size_a, size)
        ]
        if possible:
            bands.append((band, min(possible)))
        size_b = _band_end(band)
    return tuple(bands)


def _least_shared(size_a: int, size_b: int) -> int:
    """The fewest words two similar paragraphs of these sizes share: 2 * shared >= t * (size_a + size_b)."""
    return max(1, math.ceil(_threshold(size_a, size_b) * (size_a + size_b) / 2 - 1e-9))


@functools.cache
def _smallest(size: int) -> int:
    """The fewest words of a paragraph similar to one of ``size`` (2 * other >= t * (size + other))."""
    return max(1, math.floor(LOWEST * size / (2 - LOWEST) - 1e-9))


@functools.cache
def _largest(size: int) -> int:
    """The most words of a paragraph similar to one of ``size`` (2 * size >= t * (size + other))."""
    return math.ceil(size * (2 - LOWEST) / LOWEST + 1e-9)


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
