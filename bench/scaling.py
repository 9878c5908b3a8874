"""Time against the length of a line or a paragraph: no rule may grow with its square.

    python bench/scaling.py                  # 50, 100 and 200 KB; about a minute
    python bench/scaling.py --sizes 100 200 400

A pre-commit hook must never hang on one big file. Each shape below is generated at each
size (deterministic, made-up words) and every document rule is timed on it alone, as in
``bench/rules.py``; the corpus rules are timed together on a pair of copies whose
paragraphs are that long, one with closing quotation marks lost (QUO100 aligns them
character by character). The table gives the seconds at the largest size and the ratio to the size
before: about 2 when the time grows linearly, 4 when with the square. Ratios of 3 or
more are flagged (timings under 20 ms are left out: noise).

- ``line``: one line of prose (a paragraph per line, or text that lost its line breaks);
- ``line-salted``: the same with a defect every 50 words or so: mojibake, entities,
  escapes, controls, soft hyphens, doubled marks, stray quotes and brackets;
- ``paragraph``: one paragraph of 80-character lines;
- ``table``: a Markdown table;
- ``no-sentence-ends``: lowercase text with commas and no periods.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
import time
from collections.abc import Callable, Iterable

from doclint.config import Config
from doclint.models import Document
from doclint.runner import Session

DEFECTS = (
    "cafÃ©",
    "donâ€™t",
    "â€œquoteâ€\x9d",
    "Ã  la",
    "&amp;",
    "&nbsp;",
    "\\$5",
    "line\\nbreak",
    "\x96",
    "soft\u00adhyphen",
    "zero\u200bwidth",
    "word ,",
    "twice,,",
    "“unclosed",
    'straight"',
    "(open",
    "close]",
    "\ufffd",
)


_LETTERS = random.Random(0)
VOCABULARY = [
    "".join(_LETTERS.choice("abcdefghiklmnoprstuvwy") for _ in range(_LETTERS.randint(2, 9))) for _ in range(3000)
]


def _words(chance: random.Random, size: int, *, salted: bool = False, ends: bool = True) -> str:
    vocabulary = VOCABULARY
    words: list[str] = []
    length = 0
    while length < size:
        word = chance.choice(DEFECTS) if salted and chance.random() < 0.02 else chance.choice(vocabulary)
        if ends and chance.random() < 0.07:
            word += "."
        elif chance.random() < 0.08:
            word += ","
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


SHAPES: dict[str, tuple[str, Callable[[random.Random, int], str]]] = {
    "line": ("doc.txt", lambda chance, size: _words(chance, size) + "\n"),
    "line-salted": ("doc.txt", lambda chance, size: _words(chance, size, salted=True) + "\n"),
    "paragraph": ("doc.txt", lambda chance, size: textwrap.fill(_words(chance, size, salted=True), 80) + "\n"),
    "table": (
        "doc.md",
        lambda chance, size: (
            "| name | value | note |\n| --- | --- | --- |\n"
            + "".join(
                f"| {_words(chance, 12, ends=False)} | {number} | {_words(chance, 30)} |\n"
                for number in range(size // 60)
            )
        ),
    ),
    "no-sentence-ends": ("doc.txt", lambda chance, size: _words(chance, size, ends=False).lower() + "\n"),
}


def _copies(size: int) -> list[Document]:
    """Two copies of a text of three paragraphs of ``size`` characters; the second lost some closing marks."""
    chance = random.Random(size)
    sentences = []
    while sum(map(len, sentences)) < 3 * size:
        sentence = _words(chance, 120, ends=False).capitalize()
        sentences.append(f"“{sentence},” he said." if chance.random() < 0.15 else sentence + ".")
    third = len(sentences) // 3
    paragraphs = [" ".join(sentences[part * third : (part + 1) * third]) for part in range(3)]
    source = "\n\n".join(["A title for the copies", *paragraphs]) + "\n"
    return [Document("a.txt", source), Document("b.txt", source.replace("” he said", " he said", 5))]


def _timed(work: Callable[..., Iterable[object]], *args: object) -> float:
    """Seconds to call ``work(*args)`` and go through what it gives."""
    started = time.perf_counter()
    for _ in work(*args):
        pass
    return time.perf_counter() - started


def _structure(document: Document) -> tuple[object, ...]:
    return document.structure.blocks


def _corpus(session: Session, documents: list[Document]) -> list[object]:
    # Together: the first corpus rule to ask pairs the documents for the others.
    return [violation for rule in session.corpus_rules for violation in rule.check(documents, session.options(rule))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[50, 100, 200], help="sizes in KB, each double the last"
    )
    args = parser.parse_args()
    session = Session.create(Config())
    sizes = [size * 1000 for size in args.sizes]
    # (shape, rule) -> seconds at each size
    timings: dict[tuple[str, str], list[float]] = {}
    for shape, (name, make) in SHAPES.items():
        for size in sizes:
            document = Document(name, make(random.Random(size), size))
            timings.setdefault((shape, "(structure)"), []).append(_timed(_structure, document))
            for rule in session.document_rules:
                options = session.options(rule)
                seconds = _timed(rule.check, document, options)
                timings.setdefault((shape, rule.code), []).append(seconds)
            print(f"  {shape} {size // 1000} KB", file=sys.stderr)
    for size in sizes:
        documents = _copies(size)
        seconds = _timed(_corpus, session, documents)
        timings.setdefault(("copies", "(corpus rules)"), []).append(seconds)
        print(f"  copies {size // 1000} KB paragraphs", file=sys.stderr)

    print(f"{'shape':<18} {'rule':<12} {'s at ' + str(args.sizes[-1]) + ' KB':>10} {'ratio':>6}")
    flagged = 0
    for (shape, code), seconds in sorted(timings.items(), key=lambda item: -item[1][-1]):
        if seconds[-1] < 0.02:
            continue
        ratio = seconds[-1] / seconds[-2] if len(seconds) > 1 and seconds[-2] > 0 else float("nan")
        flag = "  <- grows faster than the size" if ratio >= 3 else ""
        flagged += bool(flag)
        print(f"{shape:<18} {code:<12} {seconds[-1]:>10.3f} {ratio:>6.2f}{flag}")
    print(f"{flagged} flagged")


if __name__ == "__main__":
    main()
