"""Registers doclint's own output formats through the same hook as a plugin would."""

from __future__ import annotations

from doclint.hookspecs import hookimpl
from doclint.reporters import Reporter, concise, full, github, json_output, sarif


@hookimpl
def doclint_reporters() -> list[Reporter]:
    return [
        Reporter("full", "each finding with its source line and a caret, then a summary", full.write),
        Reporter("concise", "one line per finding: path:line:col: CODE message", concise.write),
        Reporter("json", "a JSON array of findings", json_output.write_json),
        Reporter("jsonl", "one JSON object per finding per line", json_output.write_jsonl),
        Reporter("github", "GitHub Actions workflow-command annotations", github.write),
        Reporter("sarif", "SARIF 2.1.0, for code-scanning dashboards", sarif.write),
    ]
