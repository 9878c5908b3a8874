from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint import __version__
from doclint.cli import app

runner = CliRunner()
JSON_KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "rule",
    "severity",
    "message",
    "fix",
    "related",
}


def invoke(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def damaged(only_sample: Path) -> Path:
    (only_sample / "docs").mkdir()
    (only_sample / "docs" / "a.txt").write_text("First line.\n\nTwo  spaces and TODO.\n", encoding="utf-8")
    (only_sample / "docs" / "b.txt").write_text("Clean text.\n", encoding="utf-8")
    return only_sample / "docs"


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"doclint {__version__}"


def test_json_output_has_exactly_the_documented_keys(damaged: Path) -> None:
    result = invoke("check", str(damaged), "--output-format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("TST001", 3, 4), ("TST002", 3, 17)]
    assert all(set(f) == JSON_KEYS for f in findings)
    assert findings[0]["fix"] == {
        "applicability": "safe",
        "edits": [{"start": {"line": 3, "column": 4}, "end": {"line": 3, "column": 6}, "replacement": " "}],
    }
    assert findings[0]["end_line"] == 3 and findings[0]["end_column"] == 6
    assert findings[0]["path"] == str(damaged / "a.txt")


def test_jsonl_is_one_object_per_line(damaged: Path) -> None:
    result = invoke("check", str(damaged), "--output-format", "jsonl")
    assert [json.loads(line)["code"] for line in result.stdout.splitlines()] == ["TST001", "TST002"]


def test_concise_and_full(damaged: Path) -> None:
    concise = invoke("check", str(damaged), "--output-format", "concise").stdout.splitlines()
    assert concise == [
        f"{damaged / 'a.txt'}:3:4: TST001 Two spaces",
        f"{damaged / 'a.txt'}:3:17: TST002 TODO left in text",
    ]
    full = invoke("check", str(damaged), "--output-format", "full").stdout
    assert "    3 | Two  spaces and TODO." in full
    assert "      |    ^^" in full
    assert "2 findings in 1 file (2 checked); 1 fixable." in full


def test_github_annotations(damaged: Path) -> None:
    lines = invoke("check", str(damaged), "--output-format", "github").stdout.splitlines()
    assert lines[0] == (
        f"::warning file={damaged / 'a.txt'},line=3,col=4,endLine=3,endColumn=6,title=doclint (TST001)::TST001 Two spaces"
    )
    assert lines[1].startswith("::notice ")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), 1),
        (("--exit-zero",), 0),
        (("--fail-on", "error"), 0),
        (("--fail-on", "info", "--ignore", "TST001"), 1),
        (("--ignore", "TST001"), 0),  # TST002 is info, below the default fail-on
        (("--select", "TST002", "--fail-on", "warning"), 0),
    ],
)
def test_exit_codes(damaged: Path, args: tuple[str, ...], code: int) -> None:
    assert invoke("check", str(damaged), *args).exit_code == code


def test_select_prefix_and_comma_lists(damaged: Path) -> None:
    result = invoke("check", str(damaged), "--select", "TST001,TST002", "--ignore", "TST00", "--output-format", "json")
    assert [f["code"] for f in json.loads(result.stdout)] == ["TST001", "TST002"]  # the more specific wins
    result = invoke("check", str(damaged), "--select", "TST001", "--extend-select", "tst002", "--output-format", "json")
    assert [f["code"] for f in json.loads(result.stdout)] == ["TST001", "TST002"]


def test_statistics(damaged: Path) -> None:
    out = invoke("check", str(damaged), "--statistics").stdout
    assert "     1  TST001  double-space" in out and "[1 fixable]" in out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("select = [\n", "is not valid TOML"),
        ("nonsense = 1\n", "unknown config key 'nonsense'"),
        ('select = ["NOPE"]\n', "unknown rule code or prefix 'NOPE'"),
        ('output-format = "xml"\n', "unknown output format 'xml'"),
    ],
)
def test_broken_config_is_one_line_and_exit_2(damaged: Path, config: str, message: str) -> None:
    (damaged.parent / "doclint.toml").write_text(config, encoding="utf-8")
    result = invoke("check", str(damaged))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_unknown_option_value_is_a_usage_error(damaged: Path) -> None:
    assert invoke("check", str(damaged), "--fail-on", "fatal").exit_code == 2


def test_missing_path_exits_2(only_sample: Path) -> None:
    result = invoke("check", "nope")
    assert result.exit_code == 2 and "doclint: nope: no such file or directory" in result.stderr


def test_binary_file_notice_does_not_fail(only_sample: Path) -> None:
    (only_sample / "blob.txt").write_bytes(b"\x00\xff\x00")
    result = invoke("check", ".")
    assert result.exit_code == 0 and "blob.txt: skipped: binary file" in result.stderr


def test_crashing_rule_exits_2_and_names_plugin(only_sample: Path, tmp_path: Path, monkeypatch) -> None:
    from conftest import install_fake_plugin

    source = '''
from doclint import hookimpl, rule

@rule(code="CRA001", name="crash")
def crash(doc, options):
    """## What it does
    Crashes.
    """
    raise KeyError("oops")

@hookimpl
def doclint_rules():
    return [crash]
'''
    install_fake_plugin(tmp_path / "crash-site", "crashing_plugin", source, monkeypatch)
    (only_sample / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = invoke("check", ".", "--output-format", "concise")
    assert result.exit_code == 2
    assert "DOC001 rule CRA001 (crash) of plugin 'crashing_plugin' raised KeyError: 'oops'" in result.stdout


def test_plugin_that_fails_to_load_exits_2(only_sample: Path, tmp_path: Path, monkeypatch) -> None:
    from conftest import install_fake_plugin

    install_fake_plugin(tmp_path / "bad-site", "bad_plugin", "import does_not_exist\n", monkeypatch)
    result = invoke("check", ".")
    assert result.exit_code == 2
    assert result.stderr.startswith("doclint: error: plugin 'bad_plugin' from bad_plugin failed to load")


def test_rules_explain_plugins(only_sample: Path) -> None:
    (only_sample / "doclint.toml").write_text("", encoding="utf-8")
    rules = invoke("rules").stdout
    assert "TST001  double-space" in rules and "doclint_sample" in rules
    explained = invoke("explain", "tst001")
    assert (
        explained.exit_code == 0
        and "## What it does" in explained.stdout
        and "# TST001 double-space" in explained.stdout
    )
    assert invoke("explain", "ZZZ999").exit_code == 2
    plugins = invoke("plugins").stdout
    assert "doclint_sample" in plugins and "TST001, TST002, TST003" in plugins


def test_disable_plugin_option(damaged: Path) -> None:
    result = invoke("check", str(damaged), "--disable-plugin", "doclint_sample", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_terminal_output_escapes_control_characters(only_sample: Path) -> None:
    (only_sample / "evil.txt").write_text("Bidi \u202e  x\x1b[31m TODO\n", encoding="utf-8")
    out = invoke("check", ".", "--output-format", "full").stdout
    assert "\u202e" not in out and "\x1b" not in out and "\\u202e" in out


def test_python_dash_m(only_sample: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "doclint", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"doclint {__version__}"


def test_a_rule_rejecting_its_options_is_a_config_error(only_sample: Path, tmp_path: Path, monkeypatch) -> None:
    from conftest import install_fake_plugin

    source = '''
from doclint import hookimpl, rule
from doclint.errors import ConfigError

@rule(code="OPT001", name="strict-options")
def strict(doc, options):
    """## What it does
    Rejects its options.
    """
    raise ConfigError("[tool.doclint.strict_plugin] level must be a number, not 'high'")

@hookimpl
def doclint_rules():
    return [strict]
'''
    install_fake_plugin(tmp_path / "strict-site", "strict_plugin", source, monkeypatch)
    (only_sample / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = invoke("check", ".")
    assert result.exit_code == 2
    assert result.stderr == "doclint: error: [tool.doclint.strict_plugin] level must be a number, not 'high'\n"


def test_a_file_name_that_is_not_utf8_is_reported(only_sample: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (only_sample / name).write_text("Two  spaces.\n", encoding="utf-8")
    for _ in range(2):  # the cache is on, as from the command line: stored, then read back
        result = invoke("check", ".", "--statistics")  # (the test runner's stdout cannot print the name)
        assert result.exit_code == 1
        assert "TST001  double-space" in result.stdout


def test_tool_that_is_not_a_table_is_a_config_error(only_sample: Path) -> None:
    (only_sample / "doclint.toml").write_text('tool = "x"\n', encoding="utf-8")
    result = invoke("check", ".")
    assert result.exit_code == 2 and "'tool' in" in result.stderr


def test_unexpected_errors_exit_2_with_one_line(only_sample: Path, monkeypatch) -> None:
    import doclint.cli as cli

    def boom(*args, **kwargs):
        raise RuntimeError("reporter exploded")

    monkeypatch.setattr(cli, "_check", boom)
    monkeypatch.setattr(sys, "argv", ["doclint", "check", "."])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2


def test_named_and_found_paths_are_one_file(only_sample: Path) -> None:
    (only_sample / "a.txt").write_text("Same title\n\nTwo  spaces.\n", encoding="utf-8")
    (only_sample / "b.txt").write_text("Same title\n\nOther.\n", encoding="utf-8")
    found = json.loads(invoke("check", ".", "--output-format", "json").stdout)
    assert {f["path"] for f in found} == {"a.txt", "b.txt"}  # not "./a.txt"
    named = json.loads(invoke("check", "b.txt", "--output-format", "json").stdout)
    assert [(f["path"], f["code"]) for f in named] == [("b.txt", "TST003")]


def test_misspelt_config_table_is_an_error(only_sample: Path) -> None:
    (only_sample / "doclint.toml").write_text('[per-file-ignore]\n"*.txt" = ["TST"]\n', encoding="utf-8")
    result = invoke("check", ".")
    assert result.exit_code == 2
    assert "unknown config table [tool.doclint.per-file-ignore]" in result.stderr


def test_diff_reports_an_unreadable_file(only_sample: Path, monkeypatch) -> None:
    (only_sample / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = invoke("check", ".", "--diff", "--no-cache")
    assert result.exit_code == 2 and "a.txt: cannot read: Permission denied" in result.stderr


def test_jobs_default_to_the_cpus_the_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from doclint import cli

    monkeypatch.setattr(cli.os, "sched_getaffinity", lambda pid: {0, 3}, raising=False)
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 64)
    assert cli.usable_cpus() == 2
    monkeypatch.delattr(cli.os, "sched_getaffinity")
    assert cli.usable_cpus() == 64
