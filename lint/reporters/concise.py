"""``concise``: one line per finding."""

from __future__ import annotations

from typing import TextIO

from doclint.reporters import Report, printable


def line(finding) -> str:
    return f"{printable(finding.path)}:{finding.line}:{finding.column}: {finding.code} {printable(finding.message)}"


def write(report: Report, stream: TextIO) -> None:
    for finding in report.findings:
        stream.write(line(finding) + "\n")
