"""The one place that builds a pluggy PluginManager for doclint."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

import pluggy

from doclint import hookspecs
from doclint.errors import PluginError

ENTRY_POINT_GROUP = "doclint"
DISTRIBUTION = "doclint"
AUTOLOAD_ENV = "DOCLINT_DISABLE_PLUGIN_AUTOLOAD"
# Readers registered later are asked first: the JSONL reader takes its files, the plain reader the rest.
CORE_PLUGINS = ("doclint.reading", "doclint.readers.jsonl", "doclint.reporters.builtin")


@dataclass(frozen=True)
class PluginInfo:
    """Where a loaded plugin came from."""

    name: str
    distribution: str
    version: str


class PluginManager(pluggy.PluginManager):
    """pluggy's manager plus the distribution each plugin was loaded from."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        # Every plugin installed, loaded or not: names that config tables may use.
        self.installed: frozenset[str] = frozenset()

    def register_plugin(self, plugin: object, info: PluginInfo) -> None:
        try:
            self.register(plugin, name=info.name)
        except (pluggy.PluginValidationError, ValueError) as exc:  # ValueError: registered twice
            raise PluginError(f"plugin {info.name!r} ({info.distribution}): {exc}") from exc
        self.infos[info.name] = info


def build_plugin_manager(disabled: Iterable[str] = (), *, autoload: bool | None = None) -> PluginManager:
    """A fresh manager with doclint's core hooks, its built-in plugins and, unless
    ``DOCLINT_DISABLE_PLUGIN_AUTOLOAD`` is set, every third-party plugin.

    A plugin that fails to import, or implements a hook that does not exist, raises
    :class:`PluginError` naming it.
    """
    if autoload is None:
        autoload = not os.environ.get(AUTOLOAD_ENV)
    manager = PluginManager()
    version = _doclint_version()
    for module_name in CORE_PLUGINS:
        module = __import__(module_name, fromlist=["_"])
        manager.register_plugin(module, PluginInfo(module_name, DISTRIBUTION, version))
    points = _entry_points()
    known = {point.name for point in points}
    manager.installed = frozenset(known)
    unknown = sorted(set(disabled) - known)
    if unknown:
        raise PluginError(f"cannot disable unknown plugin {unknown[0]!r} (known: {', '.join(sorted(known))})")
    for name in disabled:
        manager.set_blocked(name)
    described: dict[int, tuple[str, str]] = {}
    for point in points:
        distribution, dist_version = _described(point, described)
        if manager.is_blocked(point.name) or manager.has_plugin(point.name):
            continue
        if not autoload and distribution != DISTRIBUTION:
            continue
        manager.register_plugin(_load(point, distribution), PluginInfo(point.name, distribution, dist_version))
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        name = manager.get_name(exc.plugin) or repr(exc.plugin)
        raise PluginError(f"plugin {name!r}: {exc}") from exc
    return manager


def _entry_points() -> list[EntryPoint]:
    # Sorted so that the order plugins register in, and so rule order, is stable.
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda point: point.name)


def _load(point: EntryPoint, distribution: str) -> object:
    try:
        return point.load()
    except Exception as exc:  # any import-time failure of third-party code
        raise PluginError(
            f"plugin {point.name!r} from {distribution} failed to load ({point.value}): {type(exc).__name__}: {exc}"
        ) from exc


def _described(point: EntryPoint, described: dict[int, tuple[str, str]]) -> tuple[str, str]:
    """The name and version of the distribution a point comes from.

    Each read parses the distribution's METADATA file, and the points of one distribution
    share its object: read once per distribution, not twice per plugin (start-up counts).
    """
    if point.dist is None:
        return "?", "?"
    key = id(point.dist)
    if key not in described:
        metadata = point.dist.metadata
        described[key] = (metadata["Name"], metadata["Version"])
    return described[key]


def _doclint_version() -> str:
    from doclint import __version__

    return __version__
