"""Output formats. Each is a Reporter record offered through the ``doclint_reporters`` hook."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TextIO

from doclint.models import Finding, Notice
from doclint.rules import Rule


@dataclass(frozen=True)
class Report:
    """What a run produced, as every reporter receives it.

    ``findings`` come in report order (path, line, column, code). Iterate them rather than
    index them: a run with many is read back from a temporary file at each iteration.
    """

    findings: Collection[Finding]
    notices: tuple[Notice, ...]
    files_checked: int
    rules: Mapping[str, Rule]
    color: bool = False
    version: str = ""


@dataclass(frozen=True)
class Reporter:
    """An output format: ``write(report, stream)`` renders the whole run."""

    name: str
    summary: str
    write: Callable[[Report, TextIO], None]


# C0/C1 controls (but tab), bidi controls, zero-width and other invisible format
# characters: a document is untrusted input, and these must not reach a terminal raw.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def printable(text: str) -> str:
    """``text`` with every control, bidi or invisible character shown as an escape."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
