from __future__ import annotations

from pathlib import Path

import pytest

from doclint.config import Config, find_config_file, load_config, parse_config
from doclint.errors import ConfigError
from doclint.models import Severity


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.select == ("ALL",) and config.fail_on is Severity.WARNING


def test_pyproject_table_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.doclint]\nignore = ["quo"]\nfail-on = "error"\n[tool.doclint.quotes]\nstyles = ["straight"]\n',
        encoding="utf-8",
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(start=nested)
    assert config.ignore == ("QUO",)
    assert config.fail_on is Severity.ERROR
    assert config.options_for("quotes") == {"styles": ["straight"]}
    assert config.root == tmp_path


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config_file(tmp_path) is None


def test_doclint_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.doclint]\n", encoding="utf-8")
    (tmp_path / "doclint.toml").write_text("", encoding="utf-8")
    assert find_config_file(tmp_path) == tmp_path / "doclint.toml"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["A"]}, "unknown config key 'selct'"),
        ({"select": "QUO"}, "'select' must be a list of strings"),
        ({"fail-on": "fatal"}, "'fail-on' must be one of info, warning, error"),
        ({"per-file-ignores": ["x"]}, "'per-file-ignores' must be a table"),
        ({"max-file-size": -1}, "'max-file-size' must be a positive number"),
    ],
)
def test_bad_values_give_one_clear_line(table, message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(table, root=tmp_path)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "doclint.toml").write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(start=tmp_path)


def test_override_keeps_unset_values() -> None:
    config = Config(ignore=("ENC",)).override(ignore=None, select=("QUO",))
    assert config.ignore == ("ENC",) and config.select == ("QUO",)
