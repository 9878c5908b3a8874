"""``full``: each finding with its source line and a caret under the span, then a summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.text import Text

from doclint.models import Finding, Severity
from doclint.reporters import Report, printable

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
MAX_SNIPPET = 160


def _snippet(finding: Finding) -> tuple[str, int, int]:
    """The source line cut to a window around the span, and the caret's start and width."""
    line = finding.snippet  # the line from snippet_start (see Finding)
    start = finding.column - 1 - finding.snippet_start
    width = max(1, (finding.end_column - finding.column) if finding.end_line == finding.line else len(line) - start)
    left = max(0, min(start - MAX_SNIPPET // 3, len(line) - MAX_SNIPPET))
    window = line[left : left + MAX_SNIPPET]
    prefix = "…" if left or finding.snippet_start else ""
    suffix = "…" if left + MAX_SNIPPET < len(line) else ""
    shown_start = len(printable(prefix + window[: start - left]))
    shown_width = max(1, min(len(printable(window[start - left : start - left + width])), MAX_SNIPPET))
    return prefix + printable(window) + suffix, shown_start, shown_width


def write(report: Report, stream: TextIO) -> None:
    console = Console(
        file=stream, force_terminal=report.color, no_color=not report.color, highlight=False, width=10_000
    )
    by_file: Counter[str] = Counter()
    fixable = 0
    for finding in report.findings:
        by_file[finding.path] += 1
        fixable += finding.fix is not None
        head = Text()
        head.append(f"{printable(finding.path)}:{finding.line}:{finding.column}: ", style="bold")
        head.append(finding.code, style=STYLES[finding.severity])
        head.append(f" {printable(finding.message)}")
        if finding.fix is not None:
            head.append(f" [{finding.fix.applicability.value} fix]", style="dim")
        console.print(head)
        if finding.snippet:
            source, start, width = _snippet(finding)
            gutter = f"{finding.line:>5} | "
            console.print(Text(gutter, style="blue") + Text(source))
            console.print(
                Text(" " * (len(gutter) - 2) + "| ", style="blue")
                + Text(" " * start + "^" * width, style=STYLES[finding.severity])
            )
        for item in finding.related:
            console.print(
                Text(
                    f"      = {printable(item.path)}:{item.line}:{item.column}: {printable(item.message)}", style="dim"
                )
            )
        console.print()
    for path, count in sorted(by_file.items()):
        console.print(Text(f"{printable(path)}: {count} finding{'s' if count != 1 else ''}"))
    console.print(Text(summary_line(report, len(by_file), fixable), style="bold"))


def summary_line(report: Report, files: int, fixable: int) -> str:
    """The last line: how many findings in how many ``files``, how many ``fixable``."""
    count = len(report.findings)
    if not count:
        return f"No findings in {report.files_checked} file{'s' if report.files_checked != 1 else ''}."
    text = f"{count} finding{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    text += f" ({report.files_checked} checked)"
    if fixable:
        text += f"; {fixable} fixable"
    return text + "."
