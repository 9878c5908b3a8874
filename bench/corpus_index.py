"""Benchmark: the corpus plugin's near-duplicate index grows linearly with the folder.

Figures (2026-11, one core of the shared build machine, CPython 3.11; the machine was
loaded, so times vary by +-30% from run to run, memory does not):

                 shared pass, postings only        before (a pass per rule, forward lists)
      5,000 docs   3.0 s   peak +23.2 MiB          7.04 s   peak +32.7 MiB   copies found 196/200
     10,000 docs   8.8 s   peak +41.8 MiB          9.44 s   peak +65.5 MiB   copies found 393/400
     20,000 docs  15.5 s   peak +81.5 MiB         20.33 s   peak +127.8 MiB  copies found 787/800

About 4 KB a document at 20,000: 1.1 KB of fingerprint postings, the paragraphs of
the verified pairs, and the word-hash cache (bounded at 100,000 words). The fingerprint
feature, what a checking process sends the corpus pass for each document, is 698 bytes
(5 bytes a fingerprint; 1,117 at 8 bytes before 2026-11-23); the copies found did not
change with it.

    /work/venv/bin/python bench/corpus_index.py            # 5k, 10k, 20k documents
    /work/venv/bin/python bench/corpus_index.py 5000 40000

Documents are generated from made-up words (``tests/corpus_copies.py``), one at a time
from their number, so the benchmark holds no folder in memory: like the runner's lazy
documents, the sequence makes document ``i`` again whenever it is asked for it. One
document in 25 is a damaged copy (cut, reworded 20%, quotation marks stripped) of an
earlier one. For each size it runs the whole corpus pipeline (one pass into the index,
candidate pairs, reading candidates back, paragraph alignment) and prints the CPU time
(process time: other work on the machine does not inflate it), the growth of the peak
resident memory during the run, the fingerprint feature's bytes per document, the
pairs found and the copies planted. The time shown leaves out making the documents (one
pass, plus the copies read back), which the full time includes. Each size runs in its own process so the figures do not mix.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_copies import article, reword, strip_quotes, vocabulary

from doclint.models import Document

WORDS = vocabulary(random.Random(0), size=20_000)
COPY_EVERY = 25


def body(number: int) -> list[str]:
    rng = random.Random(number)
    return article(rng, WORDS, paragraphs=rng.randint(6, 14))


class Synthetic(Sequence):
    """Document ``i`` made from its number; every ``COPY_EVERY``-th is a copy of ``i - 7``."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, number):  # type: ignore[override]
        if not 0 <= number < self.size:
            raise IndexError(number)
        if number % COPY_EVERY == COPY_EVERY - 1:
            rng = random.Random(-number)
            source = body(number - 7)
            kept = source[: max(4, len(source) // 2)]
            paragraphs = [strip_quotes(reword(rng, text, WORDS, 0.2)) for text in kept]
        else:
            paragraphs = body(number)
        return Document(f"doc{number:06d}.txt", "\n\n".join(paragraphs) + "\n")

    def __iter__(self):
        return (self[number] for number in range(self.size))


def measure(size: int) -> dict:
    from doclint.plugins.corpus import siblings
    from doclint.plugins.corpus.features import scan
    from doclint.plugins.corpus.index import FINGERPRINT_BYTES

    documents = Synthetic(size)
    planted = sum(1 for number in range(size) if number % COPY_EVERY == COPY_EVERY - 1)
    generation = time.process_time()
    for _ in documents:
        pass
    generation = time.process_time() - generation
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    pairs = siblings.sibling_pairs(documents, {})
    elapsed = time.process_time() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline) * 1024
    index = scan(documents, siblings.FINGERPRINTS).tables[siblings.FINGERPRINTS]  # the pass already made
    found = {(pair.a.path, pair.b.path) for pair in pairs}
    expected = {(f"doc{n - 7:06d}.txt", f"doc{n:06d}.txt") for n in range(size) if n % COPY_EVERY == COPY_EVERY - 1}
    return {
        "documents": size,
        "seconds": round(elapsed - generation * (1 + planted / size), 2),
        "seconds_with_generation": round(elapsed, 2),
        "peak_mib": round(peak / 2**20, 1),
        "feature_bytes": round(FINGERPRINT_BYTES * sum(index.sizes) / size),
        "pairs_found": len(found),
        "copies_planted": planted,
        "copies_found": len(found & expected),
    }


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], check=True, capture_output=True, text=True
        ).stdout
        rows.append(json.loads(output))
        row = rows[-1]
        print(
            f"{row['documents']:>7,} docs  {row['seconds']:>7.2f} s (+generation {row['seconds_with_generation']:.2f} s)"
            f"  peak {row['peak_mib']:>6.1f} MiB  feature {row['feature_bytes']} B/doc  pairs {row['pairs_found']:>5}"
            f"  copies found {row['copies_found']}/{row['copies_planted']}",
            flush=True,
        )
    first, last = rows[0], rows[-1]
    scale = last["documents"] / first["documents"]
    print(
        f"x{scale:.0f} documents: time x{last['seconds'] / max(first['seconds'], 1e-9):.2f}, "
        f"memory x{last['peak_mib'] / max(first['peak_mib'], 1e-9):.2f}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [5_000, 10_000, 20_000])
