"""The fingerprinted baseline (--write-baseline, --baseline, config baseline) and ignore-fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.baseline import fingerprint
from doclint.cli import app
from doclint.models import Finding, Severity

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def codes_and_lines(result) -> list[tuple[str, str, int]]:
    return [(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(result.stdout)]


@pytest.fixture
def docs(only_sample: Path) -> Path:
    folder = only_sample / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("First paragraph.\n\nTwo  spaces here.\n", encoding="utf-8")
    (folder / "b.txt").write_text("A TODO note.\n\nClean.\n", encoding="utf-8")
    return folder


def finding(snippet: str, line: int, column: int, end_column: int, code: str = "TST001") -> Finding:
    return Finding("a.txt", line, column, line, end_column, code, "x", Severity.WARNING, "m", snippet=snippet)


def test_the_fingerprint_is_the_text_not_the_line() -> None:
    assert fingerprint(finding("Two  spaces here.", 3, 4, 6)) == fingerprint(finding("Two  spaces here.", 9, 4, 6))
    assert fingerprint(finding("Two  spaces here.", 3, 4, 6)) != fingerprint(finding("Two  places here.", 3, 4, 6))
    assert fingerprint(finding("Two  spaces here.", 3, 4, 6)) != fingerprint(
        finding("Two  spaces here.", 3, 4, 6, code="TST009")
    )


def test_only_new_findings_are_reported_after_a_paragraph_is_inserted(docs: Path) -> None:
    assert invoke("check", "docs", "--write-baseline", "baseline.json").exit_code == 0
    a = docs / "a.txt"
    a.write_text("An inserted  paragraph.\n\n" + a.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("check", "docs", "--baseline", "baseline.json", "--output-format", "json")
    assert codes_and_lines(result) == [("a.txt", "TST001", 1)]
    assert result.exit_code == 1


def test_a_clean_run_against_the_baseline_exits_0(docs: Path) -> None:
    invoke("check", "docs", "--write-baseline", "baseline.json")
    result = invoke("check", "docs", "--baseline", "baseline.json", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_duplicates_are_counted(only_sample: Path) -> None:
    path = only_sample / "a.txt"
    path.write_text("x  y\n" * 2, encoding="utf-8")
    invoke("check", "a.txt", "--write-baseline", "baseline.json")
    entries = json.loads((only_sample / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [entry["count"] for entry in entries] == [2]
    path.write_text("x  y\n" * 3, encoding="utf-8")
    result = invoke("check", "a.txt", "--baseline", "baseline.json", "--output-format", "json")
    assert codes_and_lines(result) == [("a.txt", "TST001", 3)]


def test_stale_entries_are_reported_and_dropped_on_write(docs: Path) -> None:
    invoke("check", "docs", "--write-baseline", "baseline.json")
    (docs / "a.txt").write_text("First paragraph.\n\nOne space here.\n", encoding="utf-8")
    result = invoke("check", "docs", "--baseline", "baseline.json", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "1 baseline entry no longer match (TST001); --write-baseline drops them" in result.stderr
    invoke("check", "docs", "--write-baseline", "baseline.json")
    entries = json.loads((docs.parent / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(entry["path"], entry["code"]) for entry in entries] == [("docs/b.txt", "TST002")]


def test_entries_of_files_not_checked_are_neither_stale_nor_dropped(docs: Path) -> None:
    invoke("check", "docs", "--write-baseline", "baseline.json")
    result = invoke("check", "docs/b.txt", "--baseline", "baseline.json")
    assert "no longer match" not in result.stderr
    invoke("check", "docs/b.txt", "--write-baseline", "baseline.json")
    entries = json.loads((docs.parent / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [entry["path"] for entry in entries] == ["docs/a.txt", "docs/b.txt"]


def test_the_file_is_stable_sorted_json_one_entry_per_line(docs: Path) -> None:
    (docs / "c.txt").write_text("a  b and c  d TODO\n", encoding="utf-8")
    invoke("check", "docs", "--write-baseline", "baseline.json")
    first = (docs.parent / "baseline.json").read_bytes()
    invoke("check", "docs", "--write-baseline", "baseline.json")
    assert (docs.parent / "baseline.json").read_bytes() == first
    data = json.loads(first)
    assert list(data) == ["findings", "version"]
    keys = [(entry["path"], entry["code"], entry["text"]) for entry in data["findings"]]
    assert keys == sorted(keys) and len(keys) == 5
    lines = first.decode("utf-8").splitlines()
    assert all(line.strip().startswith('{"code"') for line in lines[2:-3])
    assert all(list(entry) == sorted(entry) for entry in data["findings"])


def test_paths_are_relative_to_the_baseline_folder(docs: Path, tmp_path: Path, monkeypatch) -> None:
    invoke("check", "docs", "--write-baseline", "baseline.json")
    moved = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(docs.parent, moved)
    monkeypatch.chdir(moved / "docs")
    result = invoke("check", ".", "--baseline", "../baseline.json", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_the_baseline_from_config_is_relative_to_the_config_file(docs: Path, monkeypatch) -> None:
    invoke("check", "docs", "--write-baseline", "baseline.json")
    config = docs.parent / "doclint.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'baseline = "baseline.json"\n', encoding="utf-8")
    monkeypatch.chdir(docs)
    result = invoke("check", ".", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_a_missing_or_broken_baseline_is_an_error(docs: Path) -> None:
    result = invoke("check", "docs", "--baseline", "missing.json")
    assert result.exit_code == 2 and "--write-baseline" in result.stderr
    (docs.parent / "broken.json").write_text("{not json", encoding="utf-8")
    assert invoke("check", "docs", "--baseline", "broken.json").exit_code == 2
    assert invoke("check", "docs", "--write-baseline", "broken.json").exit_code == 2


def test_write_baseline_to_stdout(docs: Path) -> None:
    result = invoke("check", "docs/a.txt", "--write-baseline", "-")
    assert result.exit_code == 0
    [entry] = json.loads(result.stdout)["findings"]
    assert entry["path"] == "docs/a.txt" and entry["text"] == "  " and len(entry["fingerprint"]) == 16


def test_ignore_fingerprints_hides_a_false_alarm_for_good(docs: Path) -> None:
    [entry] = json.loads(invoke("check", "docs/a.txt", "--write-baseline", "-").stdout)["findings"]
    config = docs.parent / "doclint.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + f'ignore-fingerprints = ["{entry["fingerprint"]}"]\n', encoding="utf-8"
    )
    (docs / "a.txt").write_text("Moved down.\n\nFirst paragraph.\n\nTwo  spaces here.\n", encoding="utf-8")
    result = invoke("check", "docs/a.txt", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    invoke("check", "docs/a.txt", "--fix")  # an ignored finding is not fixed either
    assert "Two  spaces" in (docs / "a.txt").read_text(encoding="utf-8")


def test_ignore_fingerprints_must_be_fingerprints(docs: Path) -> None:
    config = docs.parent / "doclint.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'ignore-fingerprints = ["TST001"]\n', encoding="utf-8")
    assert invoke("check", "docs").exit_code == 2


def test_a_spacing_fix_beside_a_recorded_finding_keeps_it_hidden(only_sample: Path) -> None:
    (only_sample / "a.txt").write_text("Two  TODO here.\n", encoding="utf-8")
    invoke("check", "a.txt", "--write-baseline", "baseline.json")
    result = invoke("check", "a.txt", "--fix", "--baseline", "baseline.json", "--output-format", "json")
    assert (only_sample / "a.txt").read_text(encoding="utf-8") == "Two TODO here.\n"
    assert json.loads(result.stdout) == [] and result.exit_code == 0
    assert "1 baseline entry no longer match (TST001)" in result.stderr


def test_sarif_carries_the_fingerprint(docs: Path) -> None:
    [entry] = json.loads(invoke("check", "docs/a.txt", "--write-baseline", "-").stdout)["findings"]
    sarif = json.loads(invoke("check", "docs/a.txt", "--output-format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["partialFingerprints"] == {"doclint/v1": entry["fingerprint"]}
