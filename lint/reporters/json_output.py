"""``json`` and ``jsonl``: findings as objects with a fixed set of keys."""

from __future__ import annotations

import json
from typing import Any, TextIO

from doclint.models import Finding
from doclint.reporters import Report, json_array


def as_dict(finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability.value,
            "edits": [
                {
                    "start": {"line": edit.start_line, "column": edit.start_column},
                    "end": {"line": edit.end_line, "column": edit.end_column},
                    "replacement": edit.replacement,
                }
                for edit in finding.fix.edits
            ],
        }
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": fix,
        "related": [
            {"path": item.path, "line": item.line, "column": item.column, "message": item.message}
            for item in finding.related
        ],
    }


def write_json(report: Report, stream: TextIO) -> None:
    """A JSON array, laid out as ``json.dump(..., indent=2)`` lays it out, written a finding
    at a time (a run's findings are never all held at once)."""
    stream.writelines(json_array(map(as_dict, report.findings)))
    stream.write("\n")


def write_jsonl(report: Report, stream: TextIO) -> None:
    for finding in report.findings:
        stream.write(json.dumps(as_dict(finding), ensure_ascii=False) + "\n")
