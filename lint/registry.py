"""Collects the rules of all plugins, validates their codes and selects the ones to run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from doclint.errors import ConfigError, PluginError
from doclint.plugin_manager import DISTRIBUTION, PluginManager
from doclint.rules import CODE_PATTERN, NAME_PATTERN, Rule

RESERVED_FAMILIES = frozenset({"ENC", "QUO", "TRN", "PUN", "BOI", "DOC", "DUP"})
ALL = "ALL"


@dataclass(frozen=True)
class Registry:
    """Every rule the loaded plugins declare, in code order."""

    rules: tuple[Rule, ...]

    @classmethod
    def from_plugins(cls, manager: PluginManager) -> Registry:
        rules: dict[str, Rule] = {}
        for impl in manager.hook.doclint_rules.get_hookimpls():
            plugin = impl.plugin_name
            try:
                declared = list(impl.function())
            except Exception as exc:  # third-party code
                raise PluginError(
                    f"plugin {plugin!r} failed to declare its rules: {type(exc).__name__}: {exc}"
                ) from exc
            distribution = manager.infos[plugin].distribution if plugin in manager.infos else "?"
            for rule in declared:
                _validate(rule, plugin, distribution)
                if rule.code in rules:
                    other = rules[rule.code].plugin
                    raise PluginError(
                        f"rule code {rule.code} is declared by both plugin {other!r} and plugin {plugin!r}"
                    )
                rules[rule.code] = rule.with_plugin(plugin)
        return cls(tuple(sorted(rules.values(), key=lambda rule: rule.code)))

    def get(self, code: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.code == code.upper()), None)

    def select(self, select: Sequence[str], ignore: Sequence[str] = ()) -> tuple[Rule, ...]:
        """The rules enabled by ``select`` less ``ignore``: codes, prefixes or ``ALL``.

        As in ruff, the more specific selector wins ("QUO" selected, "QUO002" ignored),
        and ``ignore`` wins a tie.
        """
        self.check_selectors([*select, *ignore])
        chosen = []
        for rule in self.rules:
            selected = _specificity(rule.code, select)
            if selected >= 0 and selected > _specificity(rule.code, ignore):
                chosen.append(rule)
        return tuple(chosen)

    def check_selectors(self, selectors: Iterable[str]) -> None:
        for selector in selectors:
            if selector != ALL and not any(rule.code.startswith(selector) for rule in self.rules):
                raise ConfigError(f"unknown rule code or prefix {selector!r} (see `doclint rules`)")


def matches(code: str, selectors: Iterable[str]) -> bool:
    return _specificity(code, selectors) >= 0


def _specificity(code: str, selectors: Iterable[str]) -> int:
    best = -1
    for selector in selectors:
        if selector == ALL:
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def _validate(rule: object, plugin: str, distribution: str) -> None:
    if not isinstance(rule, Rule):
        raise PluginError(f"plugin {plugin!r} returned {rule!r} from doclint_rules(), not a doclint.Rule")
    if not CODE_PATTERN.match(rule.code):
        raise PluginError(f"plugin {plugin!r}: rule code {rule.code!r} does not match [A-Z]{{3}}[0-9]{{3}}")
    if not NAME_PATTERN.match(rule.name):
        raise PluginError(f"plugin {plugin!r}: rule name {rule.name!r} of {rule.code} is not kebab-case")
    if rule.family in RESERVED_FAMILIES and distribution != DISTRIBUTION:
        raise PluginError(
            f"plugin {plugin!r}: rule code {rule.code} uses the prefix {rule.family}, reserved for doclint"
        )
    if rule.scope not in ("document", "corpus"):
        raise PluginError(f"plugin {plugin!r}: rule {rule.code} has scope {rule.scope!r}, not 'document' or 'corpus'")
