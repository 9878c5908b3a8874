"""``--statistics``: findings, files and fixable findings per rule."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from doclint.reporters import Report


def write_statistics(report: Report, stream: TextIO) -> None:
    counts: dict[str, list] = defaultdict(lambda: [0, set(), 0])
    for finding in report.findings:
        entry = counts[finding.code]
        entry[0] += 1
        entry[1].add(finding.path)
        entry[2] += finding.fix is not None
    rows = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    for code, (count, files, fixable) in rows:
        name = report.rules[code].name if code in report.rules else ""
        fix = f"  [{fixable} fixable]" if fixable else ""
        stream.write(f"{count:>6}  {code}  {name:<32} in {len(files)} file{'s' if len(files) != 1 else ''}{fix}\n")
    total = sum(entry[0] for entry in counts.values())
    stream.write(f"{total} finding{'s' if total != 1 else ''} in {report.files_checked} files checked.\n")
