"""The ``[tool.doclint.quotes]`` table, validated once per distinct table.

Keys:

- ``quote-styles``: the quotation marks the documents use, a list of names from
  ``STYLES`` (default ``["straight", "curly", "curly-single"]``). Guillemets, low-high
  („…“) and corner brackets (「…」) are off unless named, because the same characters
  mean other things in other conventions (“ closes a quotation in German, opens one in
  English).
- ``speech-verbs``: extra verbs of saying, in the past tense ("quipped"), added to the
  built-in list.
- ``extend-speech-verbs`` is accepted as a synonym, in the ruff manner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from doclint.errors import ConfigError

# style name -> (opening marks, closing marks)
STYLES: dict[str, tuple[str, str]] = {
    "straight": ('"', '"'),
    "curly": ("“", "”"),
    "curly-single": ("‘", "’"),
    "guillemets": ("«‹", "»›"),
    "low-high": ("„‚", "“‘"),
    "corner": ("「『", "」』"),
}
DEFAULT_STYLES = ("straight", "curly", "curly-single")
KNOWN_KEYS = ("quote-styles", "speech-verbs", "extend-speech-verbs")


@dataclass(frozen=True)
class QuoteOptions:
    styles: tuple[str, ...] = DEFAULT_STYLES
    speech_verbs: frozenset[str] = frozenset()


_CACHE: dict[str, QuoteOptions] = {}


def quote_options(options: Mapping[str, Any]) -> QuoteOptions:
    """The validated options; raises ConfigError naming the bad key and value."""
    key = repr(sorted(options.items()))
    cached = _CACHE.get(key)
    if cached is None:
        cached = _CACHE[key] = _parse(options)
    return cached


def _parse(options: Mapping[str, Any]) -> QuoteOptions:
    unknown = sorted(set(options) - set(KNOWN_KEYS))
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in [tool.doclint.quotes] (known: {', '.join(KNOWN_KEYS)})")
    styles = _strings(options, "quote-styles", DEFAULT_STYLES)
    for style in styles:
        if style not in STYLES:
            raise ConfigError(
                f"[tool.doclint.quotes] quote-styles: unknown style {style!r} (known: {', '.join(STYLES)})"
            )
    verbs: set[str] = set()
    for name in ("speech-verbs", "extend-speech-verbs"):
        for verb in _strings(options, name, ()):
            if not verb.strip() or not verb.replace("-", "").isalpha():
                raise ConfigError(f"[tool.doclint.quotes] {name}: {verb!r} is not a single word")
            verbs.add(verb.strip().lower())
    return QuoteOptions(tuple(styles), frozenset(verbs))


def _strings(options: Mapping[str, Any], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = options.get(name, default)
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ConfigError(f"[tool.doclint.quotes] {name} must be a list of strings, not {value!r}")
    if not all(isinstance(item, str) for item in value):
        raise ConfigError(f"[tool.doclint.quotes] {name} must be a list of strings, not {value!r}")
    return tuple(value)
