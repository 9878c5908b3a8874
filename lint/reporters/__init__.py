"""Output formats. Each is a Reporter record offered through the ``doclint_reporters`` hook."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

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


def json_array(items: Iterable[Any], indent: str = "") -> Iterator[str]:
    """The JSON array of ``items``, laid out as ``json.dumps(..., indent=2, ensure_ascii=False)``
    lays it out where its opening bracket ends a line indented by ``indent``, an item at a
    time: a run's findings are never all held at once."""
    inner = indent + "  "
    separator = "[\n" + inner
    for item in items:
        # A JSON text has no line break inside a string, so indenting its lines is safe.
        yield separator + json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n" + inner)
        separator = ",\n" + inner
    yield "[]" if separator.startswith("[") else "\n" + indent + "]"
