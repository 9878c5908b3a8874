"""``doclint.diffing.opcodes``: difflib's alignment, in pieces past ``PIECE`` elements."""

from __future__ import annotations

import random
from difflib import SequenceMatcher
from itertools import pairwise

import pytest

from doclint import diffing
from doclint.diffing import ANCHOR, PIECE, opcodes

RNG = random.Random(5)
WORDS = ["".join(RNG.choice("abcdefghiklmnoprstuvwy") for _ in range(RNG.randint(2, 8))) for _ in range(500)]


def prose(size: int, chance: random.Random) -> str:
    text = ""
    while len(text) < size:
        text += " ".join(chance.choice(WORDS) for _ in range(chance.randint(6, 14))).capitalize() + ". "
    return text[:size]


def assert_alignment(a, b, steps) -> None:
    """``steps`` cover both sequences in order, and what they call equal is equal."""
    done_a = done_b = 0
    for tag, i1, i2, j1, j2 in steps:
        assert (i1, j1) == (done_a, done_b)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        done_a, done_b = i2, j2
    assert (done_a, done_b) == (len(a), len(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("abc", ""),
        ("", "abc"),
        ("We have never refused, he said.", "“We have never refused,” he said."),
        (prose(PIECE, random.Random(1)), prose(PIECE, random.Random(1)).replace("a", "", 3)),
        (["Ã", " ", " ", "la"], ["à", " ", "la"]),
    ],
)
def test_up_to_a_piece_the_alignment_is_difflibs(a, b) -> None:
    assert opcodes(a, b) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def test_a_long_copy_is_aligned_in_pieces_and_its_changes_found_exactly() -> None:
    copy = prose(50 * PIECE, random.Random(2))
    marks = [1000, 17_000, 33_333, 49_000]
    quoted = "".join(copy[start:end] + "”" for start, end in pairwise([0, *marks])) + copy[marks[-1] :]
    assert diffing._cuts(copy, quoted), "a sequence this long is cut"
    steps = opcodes(copy, quoted)
    assert_alignment(copy, quoted, steps)
    inserted = [(i1, quoted[j1:j2]) for tag, i1, _, j1, j2 in steps if tag != "equal"]
    assert inserted == [(mark, "”") for mark in marks]


def test_long_sequences_of_words_are_aligned_in_pieces() -> None:
    chance = random.Random(3)
    a = prose(20 * PIECE, chance).split(" ")
    b = [word + "é" if chance.random() < 0.02 else word for word in a]
    accented = sum(x != y for x, y in zip(a, b, strict=True))
    deleted = next(index for index in range(2000, len(a)) if a[index] == b[index])
    del b[deleted]
    b[100:100] = ["inserted"]
    steps = opcodes(a, b)
    assert_alignment(a, b, steps)
    changed = sum(i2 - i1 for tag, i1, i2, _, _ in steps if tag != "equal")
    assert changed == accented + 1, "each accented word and the deleted one, not the text after an insertion"


def test_text_that_repeats_itself_has_no_anchor_and_is_aligned_a_window_at_a_time() -> None:
    a = [f"word{number % 97}" for number in range(20 * PIECE)]  # every run of words occurs again
    b = list(a)
    for number in (150, 7000, 15_555):
        b[number] = "changed"
    assert diffing._cuts(a, b) == []
    steps = opcodes(a, b)
    assert_alignment(a, b, steps)
    assert [step for step in steps if step[0] != "equal"] == [
        ("replace", number, number + 1, number, number + 1) for number in (150, 7000, 15_555)
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ab" * 2 * PIECE, "ab" * (2 * PIECE - 1)),  # no anchor occurs once: one piece
        ("x" * ANCHOR * 300, "y" * ANCHOR * 300),
        (prose(3 * PIECE, random.Random(4)), prose(3 * PIECE, random.Random(5))),  # unrelated texts
        (prose(3 * PIECE, random.Random(6)), ""),
    ],
)
def test_any_long_sequences_get_a_valid_alignment(a, b) -> None:
    assert_alignment(a, b, opcodes(a, b))
