"""A generated folder of articles and their damaged copies, for the corpus rules.

Nothing comes from a real document: articles are sentences of words drawn with a seeded
``random.Random`` from a made-up vocabulary, some sentences quoted. A copy of an article
is cut after some paragraphs or skips a stretch, reworded (a share of its words replaced or dropped) and
stripped of its quotation marks, and the labels say which. Tests and
``bench/corpus_index.py`` use it to measure recall and precision.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "ti",
    "vo",
    "be",
    "da",
    "fe",
    "gu",
    "hi",
    "jo",
    "pa",
    "qu",
    "re",
    "si",
    "to",
    "vu",
    "wa",
    "xe",
    "yo",
    "zi",
]
FUNCTION = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "by",
    "on",
    "at",
    "from",
    "his",
    "her",
    "their",
]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str]) -> str:
    tokens = [rng.choice(words) if rng.random() < 0.6 else rng.choice(FUNCTION) for _ in range(rng.randint(8, 22))]
    return tokens[0].capitalize() + " " + " ".join(tokens[1:]) + "."


def paragraph(rng: random.Random, words: list[str], quoted: float = 0.3) -> str:
    parts = []
    for _ in range(rng.randint(2, 4)):
        text = sentence(rng, words)
        if rng.random() < quoted:
            text = f"“{text[:-1]},” {rng.choice(words).capitalize()} said."
        parts.append(text)
    return " ".join(parts)


def article(rng: random.Random, words: list[str], paragraphs: int | None = None) -> list[str]:
    count = paragraphs or rng.randint(8, 20)
    title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 9))).capitalize()
    return [title, *(paragraph(rng, words) for _ in range(count))]


def reword(rng: random.Random, text: str, words: list[str], rate: float) -> str:
    out = []
    for token in text.split(" "):
        roll = rng.random()
        if "“" in token or "”" in token:  # rewording keeps the quotation marks; stripping removes them
            out.append(token)
        elif roll < rate / 2:
            out.append(rng.choice(words))
        elif roll < rate * 0.7:
            continue
        else:
            out.append(token)
    return " ".join(out)


def strip_quotes(text: str) -> str:
    return text.replace("“", "").replace("”", "")


@dataclass
class Folder:
    """The documents (name -> text) and what was done to each copy."""

    documents: dict[str, str] = field(default_factory=dict)
    truncated: dict[str, str] = field(default_factory=dict)  # copy -> original
    skipped: dict[str, str] = field(default_factory=dict)  # copy -> original
    stripped: dict[str, str] = field(default_factory=dict)  # copy -> original
    copies: dict[str, str] = field(default_factory=dict)  # copy -> original


def build(seed: int = 7, originals: int = 30, copies: int = 20, reword_rate: float = 0.2) -> Folder:
    """``originals`` unrelated articles and ``copies`` damaged copies of some of them."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    folder = Folder()
    bodies = {}
    for number in range(originals):
        name = f"{number:03d}_original.txt"
        bodies[name] = article(rng, words, paragraphs=rng.randint(10, 20))
        folder.documents[name] = "\n\n".join(bodies[name]) + "\n"
    for number in range(copies):
        source = rng.choice(sorted(bodies))
        body = bodies[source]
        name = f"{number:03d}_copy_of_{source[:3]}.txt"
        kept = body
        if number % 2 == 0:  # cut after a third to a half of its paragraphs
            kept = body[: max(4, len(body) * rng.randint(30, 50) // 100)]
            folder.truncated[name] = source
        elif number % 4 == 1:  # a stretch of five paragraphs left out
            kept = body[:4] + body[9:]
            folder.skipped[name] = source
        kept = [reword(rng, text, words, reword_rate) for text in kept]
        if number % 3 != 2:
            kept = [strip_quotes(text) for text in kept]
            folder.stripped[name] = source
        folder.copies[name] = source
        folder.documents[name] = "\n\n".join(kept) + "\n"
    return folder
