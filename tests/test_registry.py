from __future__ import annotations

import pytest
from conftest import BUILTIN_FAMILIES

from doclint import Violation, hookimpl, rule
from doclint.errors import ConfigError, PluginError
from doclint.registry import Registry


def make_rule(code: str, name: str = "some-rule"):
    @rule(code=code, name=name)
    def check(doc, options):
        """## What it does
        Nothing.
        """
        yield from ()

    return check


class Plugin:
    def __init__(self, *rules) -> None:
        self.rules = rules

    @hookimpl
    def doclint_rules(self):
        return list(self.rules)


def registry_of(manager_with, *plugins) -> Registry:
    manager = manager_with(*plugins)
    for name in BUILTIN_FAMILIES:
        manager.unregister(name=name)
    return Registry.from_plugins(manager)


def test_duplicate_codes_name_both_plugins(manager_with) -> None:
    with pytest.raises(
        PluginError, match=r"XYZ001 is declared by both plugin 'test-plugin-0' and plugin 'test-plugin-1'"
    ):
        registry_of(manager_with, Plugin(make_rule("XYZ001")), Plugin(make_rule("XYZ001")))


@pytest.mark.parametrize("code", ["XY001", "xyz001", "XYZ01", "XYZ0001"])
def test_malformed_codes_are_rejected(manager_with, code: str) -> None:
    with pytest.raises(PluginError, match="does not match"):
        registry_of(manager_with, Plugin(make_rule(code)))


def test_reserved_prefix_is_refused_to_third_parties(manager_with) -> None:
    with pytest.raises(PluginError, match="reserved for doclint"):
        registry_of(manager_with, Plugin(make_rule("QUO999")))


def test_name_must_be_kebab_case(manager_with) -> None:
    with pytest.raises(PluginError, match="kebab-case"):
        registry_of(manager_with, Plugin(make_rule("XYZ001", "Bad_Name")))


def test_non_rule_is_rejected(manager_with) -> None:
    with pytest.raises(PluginError, match=r"not a doclint\.Rule"):
        registry_of(manager_with, Plugin("not a rule"))


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["ALL"], [], ["ABC001", "ABC002", "XYZ001"]),
        (["ABC"], [], ["ABC001", "ABC002"]),
        (["ABC"], ["ABC002"], ["ABC001"]),
        (["ABC002"], ["ABC"], ["ABC002"]),  # the more specific selector wins
        (["ALL"], ["ALL"], []),
    ],
)
def test_select_and_ignore(manager_with, select, ignore, expected) -> None:
    registry = registry_of(manager_with, Plugin(make_rule("ABC001"), make_rule("ABC002"), make_rule("XYZ001")))
    assert [r.code for r in registry.select(select, ignore)] == expected


def test_unknown_selector_is_a_config_error(manager_with) -> None:
    registry = registry_of(manager_with, Plugin(make_rule("ABC001")))
    with pytest.raises(ConfigError, match="unknown rule code or prefix 'NOPE'"):
        registry.select(["NOPE"])


def test_rule_summary_comes_from_docstring() -> None:
    assert make_rule("ABC001").summary == "Nothing."
    assert isinstance(Violation(0, 1, "m").message, str)
