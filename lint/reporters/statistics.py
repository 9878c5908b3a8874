"""``--statistics``: per rule, findings, files affected and how many ``--fix`` would fix."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TextIO

from doclint.models import Applicability
from doclint.reporters import Report


@dataclass
class _Count:
    findings: int = 0
    files: set[str] = field(default_factory=set)
    safe: int = 0
    unsafe: int = 0


def write_statistics(report: Report, stream: TextIO) -> None:
    counts: dict[str, _Count] = defaultdict(_Count)
    for finding in report.findings:
        entry = counts[finding.code]
        entry.findings += 1
        entry.files.add(finding.file)  # the records of one JSONL file are one file
        if finding.fix is not None:
            if finding.fix.applicability is Applicability.SAFE:
                entry.safe += 1
            else:
                entry.unsafe += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1].findings, item[0]))
    for code, entry in rows:
        name = report.rules[code].name if code in report.rules else ""
        files = len(entry.files)
        fixable = [f"{entry.safe} fixable"] if entry.safe else []
        if entry.unsafe:
            fixable.append(f"{entry.unsafe} fixable with --unsafe-fixes")
        fix = f"  [{', '.join(fixable)}]" if fixable else ""
        stream.write(f"{entry.findings:>6}  {code}  {name:<32} in {files} file{'s' if files != 1 else ''}{fix}\n")
    total = sum(entry.findings for entry in counts.values())
    safe = sum(entry.safe for entry in counts.values())
    fixable_total = f" ({safe} fixable with --fix)" if safe else ""
    checked = f"{report.files_checked} file{'s' if report.files_checked != 1 else ''}"
    stream.write(f"{total} finding{'s' if total != 1 else ''}{fixable_total} in {checked} checked.\n")
