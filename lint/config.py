"""``[tool.doclint]`` in pyproject.toml, or doclint.toml / .doclint.toml, as a frozen Config."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doclint.errors import ConfigError
from doclint.models import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = ("doclint.toml", ".doclint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md")
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know that is not a path; CLI options override file keys."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    output_format: str | None = None
    fail_on: Severity = Severity.WARNING
    disable_plugins: tuple[str, ...] = ()
    corpus_root: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    # The baseline file (resolved against the config file's folder) and fingerprints of
    # findings hidden for good; see doclint.baseline.
    baseline: Path | None = None
    ignore_fingerprints: frozenset[str] = frozenset()
    plugin_options: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    # A run option, not a file key: "document" or "corpus" runs only rules of that scope.
    scope: str = "all"
    # The record field a JSONL file's documents are read from (doclint.readers.jsonl).
    text_field: str = "text"
    # A run option: use .doclint_cache/ (the command line turns it on unless --no-cache).
    cache: bool = False
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None

    def options_for(self, plugin: str) -> Mapping[str, Any]:
        return dict(self.plugin_options).get(plugin, {})

    def override(self, **changes: Any) -> Config:
        """A copy with the given (already validated) values; ``None`` means keep."""
        return replace(self, **{key: value for key, value in changes.items() if value is not None})


# key in the file -> (field name, converter)
def _codes(key: str, value: Any) -> tuple[str, ...]:
    return tuple(code.upper() for code in _strings(key, value))


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"config key {key!r} must be a list of strings, not {value!r}")
    return tuple(value)


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"config key {key!r} must be a string, not {value!r}")
    return value


def _severity(key: str, value: Any) -> Severity:
    try:
        return Severity(_string(key, value))
    except ValueError:
        raise ConfigError(f"config key {key!r} must be one of info, warning, error, not {value!r}") from None


def _per_file_ignores(key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"config key {key!r} must be a table of glob = [codes], not {value!r}")
    return tuple((glob, _codes(f"{key}.{glob}", codes)) for glob, codes in value.items())


def _fingerprints(key: str, value: Any) -> frozenset[str]:
    values = _strings(key, value)
    bad = [item for item in values if not re.fullmatch(r"[0-9a-f]{16}", item)]
    if bad:
        raise ConfigError(f"config key {key!r} must list 16-hex-digit fingerprints, not {bad[0]!r}")
    return frozenset(values)


def _size(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"config key {key!r} must be a positive number of bytes, not {value!r}")
    return value


KEYS = {
    "select": ("select", _codes),
    "extend-select": ("extend_select", _codes),
    "ignore": ("ignore", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "output-format": ("output_format", _string),
    "fail-on": ("fail_on", _severity),
    "disable-plugins": ("disable_plugins", _strings),
    "corpus-root": ("corpus_root", _strings),
    "max-file-size": ("max_file_size", _size),
    "text-field": ("text_field", _string),
    "baseline": ("baseline", lambda key, value: Path(_string(key, value))),
    "ignore-fingerprints": ("ignore_fingerprints", _fingerprints),
}


def find_config_file(start: Path) -> Path | None:
    """The nearest doclint.toml, .doclint.toml or pyproject.toml with [tool.doclint]."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_doclint_table(candidate)):
                return candidate
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Read the config file (``explicit`` or the nearest one found); defaults if none."""
    path = explicit if explicit is not None else find_config_file((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    table = _read_table(path)
    return parse_config(table, root=path.resolve().parent, source=path)


def parse_config(table: Mapping[str, Any], *, root: Path, source: Path | None = None) -> Config:
    values: dict[str, Any] = {}
    plugin_options: list[tuple[str, Mapping[str, Any]]] = []
    where = f" in {source}" if source else ""
    for key, value in table.items():
        if key in KEYS:
            name, convert = KEYS[key]
            values[name] = convert(key, value)
        elif isinstance(value, dict):
            plugin_options.append((key, value))
        else:
            raise ConfigError(f"unknown config key {key!r}{where} (known: {', '.join(sorted(KEYS))})")
    if "baseline" in values:
        values["baseline"] = root / values["baseline"]
    return Config(**values, plugin_options=tuple(plugin_options), root=root, source=source)


def parse_cli_codes(option: str, values: Sequence[str] | None) -> tuple[str, ...] | None:
    """``--select QUO,ENC001 --select PUN`` -> ("QUO", "ENC001", "PUN")."""
    if not values:
        return None
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _read_table(path: Path) -> Mapping[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"'tool' in {path} must be a table")
    # pyproject.toml holds doclint's keys under [tool.doclint]; doclint.toml at the top or there.
    data = tool.get("doclint", {} if path.name == "pyproject.toml" else data)
    if not isinstance(data, dict):
        raise ConfigError(f"[tool.doclint] in {path} must be a table")
    return data


def _has_doclint_table(path: Path) -> bool:
    # A textual test, so that a broken pyproject.toml meant for doclint is read, and its
    # error reported, rather than passed over.
    try:
        return "[tool.doclint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
