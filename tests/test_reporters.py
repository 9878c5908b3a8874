from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import install_fake_plugin
from typer.testing import CliRunner

from doclint.cli import app

runner = CliRunner()
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def folder(only_sample: Path) -> Path:
    (only_sample / "a.txt").write_text("Title\n\nTwo  spaces and TODO.\n", encoding="utf-8")
    (only_sample / "b.txt").write_text("Title\n\nOther text.\n", encoding="utf-8")
    return only_sample


def test_sarif_validates_against_the_official_schema(folder: Path) -> None:
    result = runner.invoke(app, ["check", ".", "--output-format", "sarif"])
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"TST001", "TST002", "TST003"} <= set(rules)
    assert rules["TST001"]["name"] == "double-space" and "What it does" in rules["TST001"]["help"]["markdown"]
    results = {
        (r["ruleId"], Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name)
        for r in run["results"]
    }
    assert results == {("TST001", "a.txt"), ("TST002", "a.txt"), ("TST003", "b.txt")}
    corpus = next(r for r in run["results"] if r["ruleId"] == "TST003")
    assert corpus["relatedLocations"][0]["message"]["text"] == "first seen here"
    fixed = next(r for r in run["results"] if r["ruleId"] == "TST001")
    assert fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == " "
    assert run["tool"]["driver"]["rules"][fixed["ruleIndex"]]["id"] == "TST001"


def test_sarif_with_no_findings_validates(only_sample: Path) -> None:
    (only_sample / "a.txt").write_text("Clean.\n", encoding="utf-8")
    log = json.loads(runner.invoke(app, ["check", ".", "--output-format", "sarif"]).stdout)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []


REPORTER_PLUGIN = """
from doclint import hookimpl
from doclint.reporters import Reporter


def write(report, stream):
    stream.write(f"{len(report.findings)} findings\\n")


@hookimpl
def doclint_reporters():
    return [Reporter("count", "the number of findings", write)]
"""

READER_PLUGIN = """
import csv
from doclint import Document, hookimpl


@hookimpl
def doclint_read_documents(path, display_path):
    if path.suffix != ".csv":
        return None
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    return [Document(f"{display_path}:{number}", row[0]) for number, row in enumerate(rows, 1)]
"""


def test_a_plugin_adds_an_output_format(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_plugin(tmp_path / "reporter-site", "count_reporter", REPORTER_PLUGIN, monkeypatch)
    result = runner.invoke(app, ["check", ".", "--output-format", "count"])
    assert result.stdout == "3 findings\n"


def test_a_plugin_reads_a_new_format(only_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_plugin(tmp_path / "reader-site", "csv_reader", READER_PLUGIN, monkeypatch)
    (only_sample / "rows.csv").write_text("fine text\nTwo  spaces\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "rows.csv", "--output-format", "json", "--select", "TST001"])
    assert [(f["path"], f["line"], f["column"]) for f in json.loads(result.stdout)] == [("rows.csv:2", 1, 4)]


def test_json_is_laid_out_as_json_dump_lays_out_an_array(folder: Path) -> None:
    # Written a finding at a time, yet the same text as json.dump(indent=2) of the whole list.
    (folder / "c.txt").write_text("Ünïcode  “quoted”  TODO \\$ here.\n", encoding="utf-8")
    written = runner.invoke(app, ["check", str(folder), "--output-format", "json"]).output
    findings = json.loads(written)
    assert len(findings) > 3 and any(item["fix"] for item in findings)
    assert written == json.dumps(findings, indent=2, ensure_ascii=False) + "\n"
    (folder / "empty").mkdir()
    empty = runner.invoke(app, ["check", str(folder / "empty"), "--output-format", "json"]).output
    assert empty == "[]\n"


@pytest.mark.parametrize("text", ["Clean.\n", "Ünïcode  “quoted”  TODO \\$ here.\n"], ids=["no results", "results"])
def test_sarif_is_laid_out_as_json_dump_lays_out_the_whole_log(only_sample: Path, text: str) -> None:
    # Written a result at a time, yet the same text as json.dump(indent=2) of the whole log.
    (only_sample / "a.txt").write_text(text, encoding="utf-8")
    written = runner.invoke(app, ["check", ".", "--output-format", "sarif"]).output
    log = json.loads(written)
    assert bool(log["runs"][0]["results"]) == (text != "Clean.\n")
    assert written == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
