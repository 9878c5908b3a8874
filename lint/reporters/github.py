"""``github``: workflow commands that GitHub Actions shows as annotations on the diff."""

from __future__ import annotations

from typing import TextIO

from doclint.models import Severity
from doclint.reporters import Report

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, stream: TextIO) -> None:
    for finding in report.findings:
        title = f"title={_escape_property(f'doclint ({finding.code})')}"
        if finding.file != finding.path:
            # A JSONL record: its lines are not the file's, so the annotation is on the file
            # and the message says which record and where in its text.
            properties = f"file={_escape_property(finding.file)},{title}"
            where = f"{finding.path}:{finding.line}:{finding.column}: "
        else:
            properties = ",".join(
                [
                    f"file={_escape_property(finding.path)}",
                    f"line={finding.line}",
                    f"col={finding.column}",
                    f"endLine={finding.end_line}",
                    f"endColumn={finding.end_column}",
                    title,
                ]
            )
            where = ""
        message = _escape_data(f"{where}{finding.code} {finding.message}")
        stream.write(f"::{LEVELS[finding.severity]} {properties}::{message}\n")
