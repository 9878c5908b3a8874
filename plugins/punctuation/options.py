"""``[tool.doclint.punctuation]``: the options of the family, validated in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PunctuationOptions:
    """``french-spacing``: a space before ``; : ! ?`` (and inside guillemets) is the convention."""

    french_spacing: bool = False


def punctuation_options(options: Mapping[str, Any]) -> PunctuationOptions:
    french = options.get("french-spacing", False)
    if not isinstance(french, bool):
        raise ValueError(f"[tool.doclint.punctuation] french-spacing must be true or false, not {french!r}")
    return PunctuationOptions(french_spacing=french)
