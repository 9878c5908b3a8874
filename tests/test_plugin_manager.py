from __future__ import annotations

from pathlib import Path

import pytest
from conftest import install_fake_plugin

from doclint.errors import PluginError
from doclint.plugin_manager import AUTOLOAD_ENV, build_plugin_manager
from doclint.registry import Registry

BUILTINS = {"boilerplate", "corpus", "encoding", "punctuation", "quotes", "truncation"}


def test_builtin_plugins_load_as_entry_points() -> None:
    manager = build_plugin_manager()
    assert set(manager.infos) >= BUILTINS
    assert all(manager.infos[name].distribution == "doclint" for name in BUILTINS)


def test_third_party_plugin_is_discovered(sample_plugin: str) -> None:
    manager = build_plugin_manager()
    assert manager.infos[sample_plugin].distribution == sample_plugin
    codes = {rule.code for rule in Registry.from_plugins(manager).rules if rule.plugin == sample_plugin}
    assert codes == {"TST001", "TST002", "TST003"}


def test_autoload_can_be_disabled(sample_plugin: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    manager = build_plugin_manager()
    assert sample_plugin not in manager.infos
    assert set(manager.infos) >= BUILTINS


def test_disable_plugin(sample_plugin: str) -> None:
    manager = build_plugin_manager(["quotes", sample_plugin])
    assert "quotes" not in manager.infos and sample_plugin not in manager.infos


def test_disable_unknown_plugin_is_an_error() -> None:
    with pytest.raises(PluginError, match="cannot disable unknown plugin 'nope'"):
        build_plugin_manager(["nope"])


def test_plugin_that_fails_to_import_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_plugin(tmp_path, "broken_plugin", "raise RuntimeError('boom')\n", monkeypatch)
    with pytest.raises(PluginError, match=r"plugin 'broken_plugin' from broken_plugin failed to load .*boom"):
        build_plugin_manager()


def test_misspelt_hook_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = "from doclint import hookimpl\n\n@hookimpl\ndef doclint_rule():\n    return []\n"
    install_fake_plugin(tmp_path, "misspelt_plugin", source, monkeypatch)
    with pytest.raises(PluginError, match=r"plugin 'misspelt_plugin'.*doclint_rule"):
        build_plugin_manager()
