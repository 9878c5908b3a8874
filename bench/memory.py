"""Peak memory against the number of files, on folders shaped like those that once made it grow.

    python bench/memory.py                # 500 and 5,000 files of each shape
    python bench/memory.py --files 2000   # 2,000 and 20,000
    python bench/memory.py --cache        # with the result cache (cold), as a plain `doclint check` runs

Each shape is generated under bench/out/memory/ at two sizes, one ten times the other, and
checked with ``doclint check --no-cache --jobs 1`` (all default rules) in a fresh process.
The table gives the peak RSS of both runs and what the larger run kept per extra file;
the figures are written to bench/out/memory.json. The shapes:

- ``distinct``: short articles with nothing in common (what every file costs);
- ``footer``: the same articles, each ending in the site's footer line (BOI005);
- ``copies``: articles in groups of three, the whole, a cut copy and a shorter one (DUP001, TRN100);
- ``long-paragraphs``: documents of one long paragraph (what the truncation rules read);
- ``mirrored``: the folder's first third again in each of the others, cut shorter each
  time, so that a document's pairs of copies lie as far apart as the folder is long
  (what the verification of pairs holds between them).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import doclint_command, timed  # noqa: E402  (a sibling script module, not a package)

FOOTER = "To contact the editors and the publishing team, visit our website."


def _words(chance: random.Random) -> list[str]:
    return [
        "".join(chance.choice("abcdefghiklmnoprstuvwy") for _ in range(chance.randint(3, 9))) for _ in range(20_000)
    ]


def _paragraph(chance: random.Random, words: list[str], size: int) -> str:
    sentences = []
    while sum(map(len, sentences)) < size:
        sentences.append(" ".join(chance.choice(words) for _ in range(chance.randint(8, 20))).capitalize() + ".")
    return " ".join(sentences)


def _article(chance: random.Random, words: list[str], paragraphs: int = 5) -> list[str]:
    return [_paragraph(chance, words, 300) for _ in range(paragraphs)]


def distinct(chance: random.Random, words: list[str], number: int, files: int) -> dict[str, str]:
    return {f"doc{number:06d}.txt": "\n\n".join(_article(chance, words)) + "\n"}


def footer(chance: random.Random, words: list[str], number: int, files: int) -> dict[str, str]:
    return {f"doc{number:06d}.txt": "\n\n".join([*_article(chance, words), FOOTER]) + "\n"}


def copies(chance: random.Random, words: list[str], number: int, files: int) -> dict[str, str]:
    if number % 3:
        return {}  # each group of three is made by its first
    whole = _article(chance, words, paragraphs=12)
    return {f"doc{number + copy:06d}.txt": "\n\n".join(whole[: 12 - 3 * copy]) + "\n" for copy in range(3)}


def long_paragraphs(chance: random.Random, words: list[str], number: int, files: int) -> dict[str, str]:
    return {f"doc{number:06d}.txt": _paragraph(chance, words, 12_000) + "\n"}


def mirrored(chance: random.Random, words: list[str], number: int, files: int) -> dict[str, str]:
    third = files // 3
    whole = _article(random.Random(f"mirrored-{number % third}"), words, paragraphs=8)
    return {f"doc{number:06d}.txt": "\n\n".join(whole[: 8 - number // third]) + "\n"}


SHAPES: dict[str, Callable[[random.Random, list[str], int, int], dict[str, str]]] = {
    "distinct": distinct,
    "footer": footer,
    "copies": copies,
    "long-paragraphs": long_paragraphs,
    "mirrored": mirrored,
}


def build(folder: Path, shape: str, files: int, seed: int) -> Path:
    """The folder of ``files`` documents of ``shape`` (made again unless it is complete)."""
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    chance = random.Random(f"{seed}-{shape}")
    words = _words(chance)
    for number in range(files):
        for name, text in SHAPES[shape](chance, words, number, files).items():
            # A thousand files a folder, as a large corpus is kept.
            path = folder / f"d{number // 1000:03d}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    done.touch()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=500, help="files of the smaller folder of each shape")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", action="store_true", help="run with the result cache (cold) instead of --no-cache")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    out = args.out.resolve() / "memory"
    work = out / "work"  # its own empty config: no project config applies, and the cache lives here
    work.mkdir(parents=True, exist_ok=True)
    (work / "doclint.toml").write_text("")
    check = [*doclint_command(), "check", "--output-format", "concise", "--exit-zero", "-q", "--jobs", "1"]
    results = {"files": args.files, "cache": args.cache, "shapes": {}}
    print(f"{'shape':<16} {'files':>7} {'peak RSS':>9} {'files':>7} {'peak RSS':>9} {'per extra file':>15}")
    for shape in SHAPES:
        runs = []
        for files in (args.files, 10 * args.files):
            folder = build(out / f"{shape}-{files}", shape, files, args.seed)
            shutil.rmtree(work / ".doclint_cache", ignore_errors=True)
            command = [*check, str(folder)] if args.cache else [*check, "--no-cache", str(folder)]
            runs.append({"files": files, **timed(command, work)})
        small, large = runs
        per_file_kb = (large["peak_rss_mb"] - small["peak_rss_mb"]) * 1024 / (large["files"] - small["files"])
        results["shapes"][shape] = {"runs": runs, "per_extra_file_kb": round(per_file_kb, 2)}
        print(
            f"{shape:<16} {small['files']:>7} {small['peak_rss_mb']:>7.1f}MB"
            f" {large['files']:>7} {large['peak_rss_mb']:>7.1f}MB {per_file_kb:>12.2f} KB"
        )
    (args.out / "memory.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
