"""Shared fixtures: plugins written in tests, registered in-process or through a fake
distribution on ``sys.path`` (so entry-point discovery finds them like an installed one)."""

from __future__ import annotations

import importlib
import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from doclint.cache import activate
from doclint.plugin_manager import PluginInfo, PluginManager, build_plugin_manager

# Property tests draw new examples at each run, so that runs on a developer's machine keep
# exploring; CI (.ci/run sets HYPOTHESIS_PROFILE=ci) draws the same ones every time, so that
# a rare counterexample found by chance is reported and mended, not a build failing at random.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The core is tested with plugins written here, not with the built-in families.
BUILTIN_FAMILIES = ("boilerplate", "corpus", "encoding", "punctuation", "quotes", "truncation")

# A small plugin used across the core tests: one document rule with a fix, one corpus rule.
SAMPLE_PLUGIN = '''
import re
from doclint import Fix, Related, Violation, hookimpl, rule


@rule(code="TST001", name="double-space", severity="warning", fixable=True)
def double_space(doc, options):
    """## What it does
    Finds two or more spaces between words.

    ## Why is this bad?
    A careless edit.

    ## Example
    ```
    a  b
    ```
    Use instead: `a b`

    ## Fix safety
    Safe.
    """
    for match in re.finditer(r"(?<=\\S)  +(?=\\S)", doc.prose):
        yield Violation(match.start(), match.end(), "Two spaces", Fix.replace(match.start(), match.end(), " "))


@rule(code="TST002", name="todo-marker", severity="info")
def todo_marker(doc, options):
    """## What it does
    Finds TODO.
    """
    word = options.get("word", "TODO")
    for match in re.finditer(re.escape(word), doc.text):
        yield Violation(match.start(), match.end(), f"{word} left in text")


@rule(code="TST003", name="same-first-line", severity="warning", scope="corpus")
def same_first_line(documents, options):
    """## What it does
    Finds documents whose first line is the first line of another document.
    """
    seen = {}
    for doc in documents:
        first = doc.text.split("\\n", 1)[0]
        if first in seen:
            yield Violation(0, len(first), "Same first line as another document", document=doc,
                            related=(Related(seen[first], 1, 1, "first seen here"),))
        else:
            seen[first] = doc.path


@hookimpl
def doclint_rules():
    return [double_space, todo_marker, same_first_line]
'''


def install_fake_plugin(root: Path, name: str, source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``name`` importable and visible as an entry point of a distribution ``name``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{name}-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[doclint]\n{name} = {name}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    sys.modules.pop(name, None)


@pytest.fixture(autouse=True)
def _no_active_cache() -> Iterator[None]:
    """A session leaves its result cache active for ``document_feature`` and ``recall``:
    the next test starts without one, so that it never reads what another test kept."""
    yield
    activate(None)


@pytest.fixture
def sample_plugin(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> str:
    """The sample plugin installed as the fake distribution ``doclint_sample``."""
    install_fake_plugin(tmp_path_factory.mktemp("site"), "doclint_sample", SAMPLE_PLUGIN, monkeypatch)
    return "doclint_sample"


def without_builtins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder (the current one) whose config disables the built-in families."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "doclint.toml").write_text(f"disable-plugins = {list(BUILTIN_FAMILIES)!r}\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def only_sample(sample_plugin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose config runs only the sample plugin's rules."""
    return without_builtins(tmp_path, monkeypatch)


@pytest.fixture
def manager_with():
    """Build a plugin manager with extra in-process plugins registered."""

    def build(*plugins: object) -> PluginManager:
        manager = build_plugin_manager(autoload=False)
        for number, plugin in enumerate(plugins):
            manager.register_plugin(plugin, PluginInfo(f"test-plugin-{number}", "tests", "0"))
        return manager

    return build
