"""Meta tests that keep packaging, entry points, rule docs and rule tests in sync."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from doclint.plugin_manager import build_plugin_manager
from doclint.registry import Registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DIRS = {"doclint": ROOT / "lint", "doclint.plugins": ROOT / "plugins"}
BUILTIN_RULES = [rule for rule in Registry.from_plugins(build_plugin_manager(autoload=False)).rules]


def test_package_dir_maps_the_two_folders() -> None:
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"doclint": "lint", "doclint.plugins": "plugins"}


def test_packages_list_matches_the_folders() -> None:
    found = set()
    for name, folder in PACKAGE_DIRS.items():
        for init in folder.rglob("__init__.py"):
            relative = init.parent.relative_to(folder)
            found.add(".".join([name, *relative.parts]))
    assert set(PYPROJECT["tool"]["setuptools"]["packages"]) == found


def test_no_generic_top_level_names() -> None:
    assert not (ROOT / "lint" / "plugins.py").exists() and not (ROOT / "lint" / "plugins").exists()


def test_every_builtin_plugin_module_has_an_entry_point() -> None:
    modules = {path.name for path in (ROOT / "plugins").iterdir() if (path / "__init__.py").exists()}
    modules |= {path.stem for path in (ROOT / "plugins").glob("*.py") if path.stem != "__init__"}
    entry_points = PYPROJECT["project"]["entry-points"]["doclint"]
    assert {value.removeprefix("doclint.plugins.") for value in entry_points.values()} == modules


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.code)
def test_every_builtin_rule_is_documented(rule) -> None:
    for section in ("## What it does", "## Why is this bad?", "## Example", "Use instead"):
        assert section in rule.doc, f"{rule.code} docstring lacks {section!r}"
    # A rule that fixes says how safely; one that does not has no such section.
    assert ("## Fix safety" in rule.doc) == rule.fixable, rule.code
    assert rule.summary


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda rule: rule.code)
def test_every_builtin_rule_is_tested(rule) -> None:
    tests = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "rules").rglob("*.py"))
    assert rule.code in tests or rule.check.__name__ in tests, f"no test in tests/rules mentions {rule.code}"
