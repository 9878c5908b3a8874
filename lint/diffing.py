"""difflib's alignment of two sequences, in time that grows linearly with long ones.

``difflib.SequenceMatcher`` looks for each element of one sequence at every place it
occurs in the other, so its time grows with the square of the length: two 80 KB paragraphs
compared character by character took 36 s, a 400 KB line compared word by word minutes.
Rules that align a text with its copy or its repair (QUO100, ENC001) do it through
``opcodes``, which gives difflib's own answer for sequences up to ``PIECE`` elements and
cuts longer ones into pieces of about that size, each aligned by difflib on its own.

The cuts are made at *anchors*: runs of ``ANCHOR`` elements that occur once in each
sequence, taken in an order that both follow (the longest such chain, as patience diff
does). An anchor found once in each is the same passage in both, which difflib pairs
too; where two alignments are equally good, a piece may choose the other one (a mark lost
from a doubled pair, '""' copied as '"', placed one character later). A stretch with no anchor (text that repeats itself) is aligned a window of
``PIECE`` elements at a time: still linear, though a window of text of few distinct
elements costs difflib more (0.26 s for a window of "yes, he said. " repeated).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

# Sequences of up to this many elements are aligned whole; longer ones in pieces of about
# this size. difflib takes about 10 ms on 1,000 characters of prose.
PIECE = 1000
# The length of an anchor: long enough that a run of prose this long rarely occurs twice.
ANCHOR = 8

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, in pieces past ``PIECE``."""
    if len(a) <= PIECE and len(b) <= PIECE:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    steps: list[Opcode] = []
    for (a_start, b_start), (a_end, b_end) in pairwise([(0, 0), *_cuts(a, b), (len(a), len(b))]):
        a_piece, b_piece = a[a_start:a_end], b[b_start:b_end]
        # Most pieces of a copy are the same in both: no need to ask difflib.
        same = a_piece == b_piece
        piece = [("equal", 0, len(a_piece), 0, len(b_piece))] if same else _windowed(a_piece, b_piece)
        steps += [(tag, a_start + i1, a_start + i2, b_start + j1, b_start + j2) for tag, i1, i2, j1, j2 in piece]
    return _joined(steps)


def _windowed(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """difflib's alignment of ``a`` and ``b``, a window of ``PIECE`` elements of each at a
    time where they are longer (a stretch with no anchor: text that repeats itself).

    Each window starts where the two differ (in text that repeats itself, a window that
    started before would as well match a stretch shifted by a repeat), and its alignment
    is kept up to the end of its last equal run; what follows is aligned again with the
    next window. A window with nothing equal is kept whole.
    """
    steps: list[Opcode] = []
    i = j = 0
    while len(a) - i > PIECE or len(b) - j > PIECE:
        same = 0
        while i + same < len(a) and j + same < len(b) and a[i + same] == b[j + same]:
            same += 1
        if same:
            steps.append(("equal", i, i + same, j, j + same))
            i, j = i + same, j + same
            continue
        window = SequenceMatcher(None, a[i : i + PIECE], b[j : j + PIECE], autojunk=False).get_opcodes()
        equal = [number for number, step in enumerate(window) if step[0] == "equal"]
        kept = window[: equal[-1] + 1] if equal else window
        steps += [(tag, i + i1, i + i2, j + j1, j + j2) for tag, i1, i2, j1, j2 in kept]
        i, j = i + kept[-1][2], j + kept[-1][4]
    rest = SequenceMatcher(None, a[i:], b[j:], autojunk=False).get_opcodes()
    return steps + [(tag, i + i1, i + i2, j + j1, j + j2) for tag, i1, i2, j1, j2 in rest]


def _joined(steps: list[Opcode]) -> list[Opcode]:
    """Adjacent steps of the same kind made one: where pieces and windows meet."""
    joined: list[Opcode] = []
    for step in steps:
        if joined and joined[-1][0] == step[0]:
            last = joined.pop()
            joined.append((step[0], last[1], step[2], last[3], step[4]))
        else:
            joined.append(step)
    return joined


def _cuts(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Where to cut ``a`` and ``b``: ``(i, j)`` pairs, increasing in both, each the start
    of an anchor, the furthest one that keeps a piece within ``PIECE`` elements of either
    (or the nearest one past it, when there is none: ``_windowed`` aligns that piece)."""
    in_b = _unique_runs(b)
    shared = sorted((i, in_b[run]) for run, i in _unique_runs(a).items() if run in in_b)
    cuts: list[tuple[int, int]] = []
    last = (0, 0)
    fitting = None  # the furthest anchor within PIECE of the last cut

    def fits(i: int, j: int) -> bool:
        return i - last[0] <= PIECE and j - last[1] <= PIECE

    for anchor in _increasing(shared):
        if not fits(*anchor) and fitting is not None:
            cuts.append(fitting)
            last, fitting = fitting, None
        if fits(*anchor):
            fitting = anchor
        else:
            cuts.append(anchor)
            last = anchor
    if fitting is not None and not fits(len(a), len(b)):
        cuts.append(fitting)
    return cuts


def _unique_runs(sequence: Sequence[Hashable]) -> dict[Hashable, int]:
    """Each run of ``ANCHOR`` elements that occurs once in ``sequence``, with where it starts."""
    if isinstance(sequence, str):
        runs = [sequence[start : start + ANCHOR] for start in range(len(sequence) - ANCHOR + 1)]
    else:
        runs = [tuple(sequence[start : start + ANCHOR]) for start in range(len(sequence) - ANCHOR + 1)]
    counts = Counter(runs)
    return {run: start for start, run in enumerate(runs) if counts[run] == 1}


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of ``pairs`` (sorted by their first) whose seconds increase too:
    patience sorting, O(n log n)."""
    tails: list[int] = []  # the second of the last pair of the best chain of each length
    ends: list[int] = []  # that pair's index
    before = [-1] * len(pairs)
    for index, (_, second) in enumerate(pairs):
        length = bisect.bisect_left(tails, second)
        if length == len(tails):
            tails.append(second)
            ends.append(index)
        else:
            tails[length], ends[length] = second, index
        before[index] = ends[length - 1] if length else -1
    chain = []
    index = ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    chain.reverse()
    return chain
