"""The real example plugin under tests/fixtures/example-plugin, pip-installed by CI."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint.cli import app

try:
    version("doclint-example")
except PackageNotFoundError:  # pragma: no cover - the README's test command installs it
    pytest.skip("pip install ./tests/fixtures/example-plugin first", allow_module_level=True)

runner = CliRunner()


def test_its_rule_is_listed() -> None:
    result = runner.invoke(app, ["rules"])
    assert "EXA001" in result.stdout and "placeholder-text" in result.stdout


def test_its_findings_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text("The minister said [INSERT QUOTE] on Monday.\n", encoding="utf-8")
    result = runner.invoke(app, ["check", ".", "--select", "EXA", "--output-format", "json"])
    assert result.exit_code == 1
    assert [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)] == [("EXA001", 1, 19)]
