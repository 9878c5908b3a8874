"""Benchmark ``doclint check`` on a generated corpus: throughput, scaling, start-up, memory, cache.

    python bench/run.py                  # 50 MB corpus, --jobs 1 and --jobs <CPUs>
    python bench/run.py --size-mb 5      # a quick run
    python bench/run.py --rg             # also time ripgrep with similar patterns, as a floor

The corpus is generated (bench/corpus.py) under bench/out/ (git-ignored) and reused while
seed and size stay the same. Every figure comes from running the ``doclint`` command in a
fresh process, as a user or pre-commit would, with all default rules; a warm re-run, too
short to time once, is the median of five. Peak RSS is the largest sum of the resident
sizes of the process and its children (the workers), sampled every 10 ms. The table is
printed and the figures are written to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (a sibling script module, not a package)

# ripgrep patterns close to what the cheapest rules look for: mojibake, doubled and
# spaced punctuation, replacement characters, escaped entities, invisible characters.
RG_PATTERNS = ("â€", "Ã[\u0080-\u00bf]", "[,;:]{2}", r"\w [,;:.!?](\s|$)", "\ufffd", "&[a-z]+;", "[\u200b\u00ad]")


# All default rules means doclint's own: third-party plugins in the environment are not loaded.
ENV = {**os.environ, "DOCLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
# As installed: modules byte-compiled once, not compiled from source by every process.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
# A warm re-run takes under half a second: it is timed this many times and the median kept.
WARM_RUNS = 5


def doclint_command() -> list[str]:
    script = Path(sys.executable).parent / "doclint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "doclint"]


class Sampler(threading.Thread):
    """Samples the resident memory of a process tree (Linux /proc) until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))
            self.stopped.wait(0.01)


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for tid in _listdir(f"/proc/{pid}/task"):
        try:
            children = Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
        except OSError:
            continue
        for child in children:
            pids.extend(_tree(int(child)))
    return pids


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def timed(command: list[str], cwd: Path, output: Path | None = None) -> dict:
    """Run a command; its wall time, CPU time (user + system, children included) and peak tree RSS."""
    before = os.times()
    started = time.perf_counter()
    with open(output or os.devnull, "wb") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.PIPE, env=ENV)
        sampler = Sampler(process.pid)
        sampler.start()
        _, stderr = process.communicate()
        sampler.stopped.set()
        sampler.join()
    wall = time.perf_counter() - started
    after = os.times()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    findings = None
    if output:
        with open(output, "rb") as lines:
            findings = sum(1 for _ in lines)
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "peak_rss_mb": round(sampler.peak / 2**20, 1),
        "findings": findings,
    }


def throughput(result: dict, manifest: dict) -> dict:
    result["mb_per_s"] = round(manifest["bytes"] / 2**20 / result["wall_s"], 2)
    # Per CPU-second: steadier than wall time on a machine shared with other work.
    result["mb_per_cpu_s"] = round(manifest["bytes"] / 2**20 / result["cpu_s"], 2) if result["cpu_s"] else None
    result["docs_per_s"] = round(manifest["documents"] / result["wall_s"], 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N for the --jobs N run (default: CPUs)")
    parser.add_argument("--jsonl-mb", type=float, default=5, help="text in the JSONL file (default 5 MB)")
    parser.add_argument("--one-file-runs", type=int, default=10)
    parser.add_argument("--rg", action="store_true", help="also time ripgrep (rg) on the same files")
    parser.add_argument("--skip", nargs="*", default=[], help="steps to skip: jobs1 jobsN siblings rss jsonl")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()

    out = args.out.resolve()
    folder = out / f"corpus-{args.seed}-{args.size_mb:g}mb"
    started = time.perf_counter()
    manifest = corpus.build(folder, args.seed, int(args.size_mb * 2**20), int(args.jsonl_mb * 2**20))
    print(
        f"corpus: {manifest['documents']:,} documents, {manifest['bytes'] / 2**20:.1f} MB in {folder}", file=sys.stderr
    )
    print(f"  (ready in {time.perf_counter() - started:.1f} s)", file=sys.stderr)

    # A folder of its own with an empty config, so no project config applies and the cache lives here.
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    (work / "doclint.toml").write_text("")
    docs = folder / "docs"
    doclint = doclint_command()
    check = [*doclint, "check", "--output-format", "concise", "--exit-zero", "-q"]
    results: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "corpus": manifest,
        "command": " ".join(check),
        "load_average_at_start": os.getloadavg(),
    }
    rows: list[tuple[str, dict]] = []

    def step(name: str, label: str, command: list[str], runs: int = 1) -> dict:
        """Time ``command``; with ``runs`` > 1, the run of median wall time (a short run varies
        by a tenth from one run to the next), the others' wall times beside it."""
        print(f"running {label} ...", file=sys.stderr, flush=True)
        timings = sorted(
            (timed(command, work, out / f"{name}.out") for _ in range(runs)), key=lambda run: run["wall_s"]
        )
        result = timings[len(timings) // 2]
        if runs > 1:
            result["wall_s_runs"] = [run["wall_s"] for run in timings]
        results[name] = result
        rows.append((label, result))
        return result

    if "jobs1" not in args.skip:
        throughput(step("jobs_1", "check, --jobs 1", [*check, "--no-cache", "--jobs", "1", str(docs)]), manifest)
    if "jobsN" not in args.skip:
        label = f"check, --jobs {args.jobs}"
        throughput(step("jobs_n", label, [*check, "--no-cache", "--jobs", str(args.jobs), str(docs)]), manifest)
        # The cache's cold run (it starts empty: what writing the entries costs), whose
        # entries serve the warm run.
        shutil.rmtree(work / ".doclint_cache", ignore_errors=True)
        label = f"check, --jobs {args.jobs}, cache cold"
        throughput(step("cache_cold", label, [*check, "--jobs", str(args.jobs), str(docs)]), manifest)
        label = f"re-run, cache warm, --jobs {args.jobs}"
        warm = step("cache_warm", label, [*check, "--jobs", str(args.jobs), str(docs)], runs=WARM_RUNS)
        throughput(warm, manifest)
        results["cache_ratio"] = round(warm["wall_s"] / results["jobs_n"]["wall_s"], 3)
        # A folder's run after one file changed (a CI job that keeps the cache): the other
        # files' results come from the cache, and the corpus rules run again over the
        # folder. The file is put back afterwards (byte for byte; its times are new).
        changed = max(docs.glob("*/*.txt"))
        original = changed.read_bytes()
        try:
            changed.write_bytes(original + b"\nA line added since the last run.\n")
            label = f"after one edit, cache warm, --jobs {args.jobs}"
            throughput(step("cache_one_edit", label, [*check, "--jobs", str(args.jobs), str(docs)]), manifest)
        finally:
            changed.write_bytes(original)
        # Corpus rules compare documents and are not cached: the per-document share of a warm run, and their cost.
        command = [*check, "--jobs", str(args.jobs), "--scope", "document", str(docs)]
        label = f"re-run, cache warm, --scope document, --jobs {args.jobs}"
        warm_document = step("cache_warm_document", label, command, runs=WARM_RUNS)
        throughput(warm_document, manifest)
        results["cache_ratio_document_scope"] = round(warm_document["wall_s"] / results["jobs_n"]["wall_s"], 3)
        command = [*check, "--no-cache", "--jobs", "1", "--scope", "corpus", str(docs)]
        throughput(step("corpus_only", "--scope corpus (not cached)", command), manifest)
    if "jobs_1" in results and "jobs_n" in results:
        results["speedup"] = round(results["jobs_1"]["wall_s"] / results["jobs_n"]["wall_s"], 2)

    # The pre-commit case: one file, from process start, no cache. Alone in its folder (so
    # corpus rules have no siblings to read), then in its generated folder of ~1000 files,
    # where the corpus rules compare it with every sibling.
    source = next(iter(sorted(docs.glob("d000/*.txt"))))
    alone = work / "one" / source.name
    alone.parent.mkdir(exist_ok=True)
    shutil.copyfile(source, alone)
    walls = [timed([*check, "--no-cache", str(alone)], work) for _ in range(args.one_file_runs)]
    results["one_file"] = {
        "file_bytes": source.stat().st_size,
        "wall_s_median": round(statistics.median(run["wall_s"] for run in walls), 3),
        "wall_s_min": round(min(run["wall_s"] for run in walls), 3),
        "cpu_s_min": round(min(run["cpu_s"] for run in walls), 3),
        "runs": len(walls),
    }
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "doclint", "check", "--no-cache", "-q", str(alone)],
        cwd=work,
        capture_output=True,
        text=True,
        env=ENV,
    ).stderr
    results["one_file"]["imported_modules"] = imports.count("import time:") - 1
    scoped = [timed([*check, "--no-cache", "--scope", "document", str(source)], work) for _ in range(3)]
    results["one_file_scope_document"] = {"wall_s_min": min(run["wall_s"] for run in scoped)}
    if "siblings" not in args.skip:
        siblings = timed([*check, "--no-cache", str(source)], work)
        results["one_file_with_siblings"] = {"siblings": len(list(source.parent.iterdir())), **siblings}
        if "cache_warm" in results:
            # The pre-commit case as users meet it: one edited file, its siblings unchanged
            # since the last run, so their corpus features come from the cache. Edited
            # again before each run: the corpus rules' findings of a folder met before are
            # cached too.
            edited = work / "edited" / source.name
            edited.parent.mkdir(exist_ok=True)
            text = source.read_text(encoding="utf-8")

            def edited_and_timed(root: Path, number: int) -> dict:
                edited.write_text(f"{text}\nA line added since the last run, the {root.name} {number}.\n")
                return timed([*check, "--corpus-root", str(root), str(edited)], work)

            runs = [edited_and_timed(source.parent, number) for number in range(3)]
            results["one_edited_file_with_siblings_cache_warm"] = {"wall_s_min": min(run["wall_s"] for run in runs)}
            # The same against the whole corpus (a flat folder of thousands of documents).
            runs = [edited_and_timed(docs, number) for number in range(3)]
            results["one_edited_file_in_whole_corpus_cache_warm"] = {
                "siblings": manifest["documents"],
                "wall_s_min": min(run["wall_s"] for run in runs),
                "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
            }

    if "rss" not in args.skip:
        # Peak memory must not grow with the number of files: a tenth of the folders against all of them.
        subset = sorted(path for path in docs.iterdir() if path.is_dir())
        subset = subset[: max(1, len(subset) // 10)]
        small = timed([*check, "--no-cache", "--jobs", "1", *map(str, subset)], work)
        results["rss_subset"] = {"folders": len(subset), **small}

    if "jsonl" not in args.skip:
        jsonl = folder / "corpus.jsonl.gz"
        for name, jobs in (("jsonl", 1), ("jsonl_n", args.jobs)):
            label = f"check corpus.jsonl.gz, --jobs {jobs}"
            result = step(name, label, [*check, "--no-cache", "--jobs", str(jobs), str(jsonl)])
            result["mb_per_s"] = round(manifest["jsonl_text_bytes"] / 2**20 / result["wall_s"], 2)
            result["docs_per_s"] = round(manifest["jsonl_documents"] / result["wall_s"], 1)

    if args.rg:
        rg = shutil.which("rg")
        if rg is None:
            print("rg not found: apt-get install -y ripgrep", file=sys.stderr)
        else:
            patterns = [arg for pattern in RG_PATTERNS for arg in ("-e", pattern)]
            command = [rg, "--no-config", "-n", "--threads", str(args.jobs), *patterns, str(docs)]
            throughput(step("ripgrep", f"ripgrep, {len(RG_PATTERNS)} patterns", command), manifest)

    results["load_average_at_end"] = os.getloadavg()
    results_path = out / "results.json"
    results_path.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results, rows))
    print(f"\nwritten: {results_path}")


def table(results: dict, rows: list[tuple[str, dict]]) -> str:
    lines = [
        f"{'run':<44} {'wall s':>8} {'cpu s':>8} {'MB/s':>7} {'MB/cpu-s':>8} {'docs/s':>8} {'RSS MB':>7} {'findings':>8}",
    ]
    for label, row in rows:
        lines.append(
            f"{label:<44} {row['wall_s']:>8.2f} {row['cpu_s']:>8.2f} {row.get('mb_per_s', 0):>7.2f} "
            f"{row.get('mb_per_cpu_s') or 0:>8.2f} "
            f"{row.get('docs_per_s', 0):>8.1f} {row['peak_rss_mb']:>7.1f} {row['findings'] or 0:>8,}"
        )
    load = results["load_average_at_start"][0], results["load_average_at_end"][0]
    lines.append(
        f"load average (1 min) at start and end: {load[0]:.1f}, {load[1]:.1f} on {results['machine']['cpus']} CPUs"
    )
    if "speedup" in results:
        lines.append(f"speed-up --jobs N / --jobs 1: {results['speedup']:.2f}x")
    one = results["one_file"]
    lines.append(
        f"one-file call ({one['file_bytes']:,} bytes, alone, {one['runs']} runs): median {one['wall_s_median'] * 1000:.0f} ms, "
        f"min {one['wall_s_min'] * 1000:.0f} ms (CPU {one['cpu_s_min'] * 1000:.0f} ms), {one['imported_modules']} modules imported"
    )
    lines.append(f"  --scope document: min {results['one_file_scope_document']['wall_s_min'] * 1000:.0f} ms")
    if "one_file_with_siblings" in results:
        siblings = results["one_file_with_siblings"]
        lines.append(
            f"  beside {siblings['siblings']:,} siblings (corpus rules read them all): {siblings['wall_s'] * 1000:.0f} ms"
        )
    if "one_edited_file_with_siblings_cache_warm" in results:
        warm = results["one_edited_file_with_siblings_cache_warm"]
        lines.append(f"  an edited file beside them, their features cached: min {warm['wall_s_min'] * 1000:.0f} ms")
    if "one_edited_file_in_whole_corpus_cache_warm" in results:
        whole = results["one_edited_file_in_whole_corpus_cache_warm"]
        lines.append(
            f"  the same beside all {whole['siblings']:,} documents: min {whole['wall_s_min'] * 1000:.0f} ms, "
            f"peak RSS {whole['peak_rss_mb']:.0f} MB"
        )
    if "rss_subset" in results and "jobs_1" in results:
        lines.append(
            f"peak RSS --jobs 1: {results['rss_subset']['peak_rss_mb']:.1f} MB on {results['rss_subset']['folders']} "
            f"folder(s), {results['jobs_1']['peak_rss_mb']:.1f} MB on all"
        )
    if "cache_ratio" in results:
        lines.append(
            f"cache: the warm re-run takes {results['cache_ratio'] * 100:.1f}% of the run without it, "
            f"{results['cache_ratio_document_scope'] * 100:.1f}% with --scope document; its cold run "
            f"{results['cache_cold']['wall_s'] / results['jobs_n']['wall_s'] * 100 - 100:+.0f}%"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
