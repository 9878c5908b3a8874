"""Time each rule on its own over the benchmark corpus: which rule costs what.

    python bench/rules.py                   # the first 300 documents of the 50 MB corpus
    python bench/rules.py --documents 1000

Documents are read once; the shared structure (blocks and prose view, ``doclint.text``) is
timed as its own line, before the rules, so no rule is charged for it. Corpus rules are
left out (they see all documents at once). Build the corpus first with ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from doclint.config import Config
from doclint.discovery import discover
from doclint.runner import Session

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=HERE / "out" / "corpus-1-50mb" / "docs")
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    session = Session.create(Config())
    targets, _ = discover([str(args.folder)], session.config.include, ())
    documents = [doc for target in targets[: args.documents] for doc in session.documents(target)]
    size = sum(len(doc.text.encode("utf-8")) for doc in documents)
    started = time.perf_counter()
    for doc in documents:
        doc.structure  # noqa: B018  (computed once and cached, as in a run)
    timings = [("(structure: blocks and prose)", time.perf_counter() - started)]
    for rule in session.document_rules:
        options = session.options(rule)
        started = time.perf_counter()
        for doc in documents:
            try:
                for _ in rule.check(doc, options):
                    pass
            except Exception as exc:  # a rule mid-edit must not stop the measurement
                print(f"{rule.code} raised {type(exc).__name__}: {exc}", file=sys.stderr)
                break
        timings.append((f"{rule.code} {rule.name}", time.perf_counter() - started))
    total = sum(seconds for _, seconds in timings)
    print(f"{len(documents)} documents, {size / 2**20:.2f} MB; total {total:.2f} s ({size / 2**20 / total:.2f} MB/s)")
    print(f"{'rule':<48} {'seconds':>8} {'share':>6} {'MB/s':>8}")
    for name, seconds in sorted(timings, key=lambda item: -item[1]):
        rate = size / 2**20 / seconds if seconds else float("inf")
        print(f"{name:<48} {seconds:>8.3f} {seconds / total:>6.1%} {rate:>8.1f}")


if __name__ == "__main__":
    main()
