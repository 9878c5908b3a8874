"""Registers doclint's own output formats through the same hook as a plugin would."""

from __future__ import annotations

from typing import TextIO

from doclint.hookspecs import hookimpl
from doclint.reporters import Report, Reporter, concise, github, json_output, sarif


def _full(report: Report, stream: TextIO) -> None:
    # rich takes ~25 ms to import: only the full format, used at a terminal, pays for it
    # (the pre-commit case writes concise output to a pipe).
    from doclint.reporters import full

    full.write(report, stream)


@hookimpl
def doclint_reporters() -> list[Reporter]:
    return [
        Reporter("full", "each finding with its source line and a caret, then a summary", _full),
        Reporter("concise", "one line per finding: path:line:col: CODE message", concise.write),
        Reporter("json", "a JSON array of findings", json_output.write_json),
        Reporter("jsonl", "one JSON object per finding per line", json_output.write_jsonl),
        Reporter("github", "GitHub Actions workflow-command annotations", github.write),
        Reporter("sarif", "SARIF 2.1.0, for code-scanning dashboards", sarif.write),
    ]
