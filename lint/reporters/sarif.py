"""``sarif``: SARIF 2.1.0, with rule metadata, fixes and related locations."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO

from doclint.baseline import fingerprint
from doclint.models import Finding, Severity
from doclint.reporters import Report, json_array

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://github.com/doclint/doclint"
# The indent of the line that opens the results: log -> "runs" -> the run -> "results".
RESULTS_INDENT = " " * 6


def _uri(path: str) -> str:
    return PurePath(path).as_posix()


def _region(line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> dict[str, int]:
    region = {"startLine": line, "startColumn": column}
    if end_line is not None and end_column is not None:
        region |= {"endLine": end_line, "endColumn": end_column}
    return region


def _location(path: str, region: dict[str, int]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    in_record = finding.file != finding.path
    if in_record:
        # A JSONL record: its lines are not the file's, so the location is the file, the
        # record is a logical location, and the position within its text is in the message.
        message = f"{finding.message} (record {finding.path}, line {finding.line}, column {finding.column})"
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": _uri(finding.file)}},
            "logicalLocations": [{"fullyQualifiedName": finding.path, "kind": "object"}],
        }
    else:
        message = finding.message
        location = _location(finding.path, _region(finding.line, finding.column, finding.end_line, finding.end_column))
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [location],
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    # The baseline's fingerprint: lets a SARIF viewer track a finding when lines move.
    result["partialFingerprints"] = {"doclint/v1": fingerprint(finding)}
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **_location(item.path, _region(item.line, item.column)), "message": {"text": item.message}}
            for number, item in enumerate(finding.related)
        ]
    if finding.fix is not None and not in_record:  # records are not fixed (see --fix)
        result["fixes"] = [
            {
                "description": {"text": f"{finding.fix.applicability.value} fix for {finding.code}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": _uri(finding.path)},
                        "replacements": [
                            {
                                "deletedRegion": _region(
                                    edit.start_line, edit.start_column, edit.end_line, edit.end_column
                                ),
                                "insertedContent": {"text": edit.replacement},
                            }
                            for edit in finding.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def write(report: Report, stream: TextIO) -> None:
    known = sorted(report.rules)
    rule_index = {code: index for index, code in enumerate(known)}
    rules = [
        {
            "id": code,
            "name": report.rules[code].name,
            "shortDescription": {"text": report.rules[code].summary or report.rules[code].name},
            "fullDescription": {"text": report.rules[code].doc or report.rules[code].summary},
            "help": {"text": report.rules[code].doc or report.rules[code].summary, "markdown": report.rules[code].doc},
            "defaultConfiguration": {"level": LEVELS[report.rules[code].severity]},
            "properties": {"family": report.rules[code].family, "plugin": report.rules[code].plugin},
        }
        for code in known
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "doclint",
                        "version": report.version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": [],  # written in its place a result at a time
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    # The key itself: inside a string (a rule's documentation) its quotation marks are escaped.
    before, after = json.dumps(log, indent=2, ensure_ascii=False).split('"results": []', 1)
    stream.write(before + '"results": ')
    stream.writelines(json_array((_result(finding, rule_index) for finding in report.findings), RESULTS_INDENT))
    stream.write(after + "\n")
