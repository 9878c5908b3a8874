"""The Rule record and the ``@rule`` decorator that builds one from a check function."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from doclint.models import Document, Severity, Violation

CODE_PATTERN = re.compile(r"^[A-Z]{3}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

Scope = Literal["document", "corpus"]
DocumentCheck = Callable[[Document, Mapping[str, Any]], Iterable[Violation]]
CorpusCheck = Callable[[Sequence[Document], Mapping[str, Any]], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """A check a plugin offers, with everything needed to list, explain and select it.

    ``check`` receives one Document (scope ``document``) or the sequence of all documents
    of the run (scope ``corpus``), plus the plugin's options table from the config, and
    yields Violations. ``plugin`` is filled in by the registry.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: DocumentCheck | CorpusCheck
    fixable: bool = False
    scope: Scope = "document"
    plugin: str = ""

    @property
    def family(self) -> str:
        return self.code[:3]

    def with_plugin(self, plugin: str) -> Rule:
        return replace(self, plugin=plugin)


def rule(
    *,
    code: str,
    name: str,
    severity: Severity | str = Severity.WARNING,
    fixable: bool = False,
    scope: Scope = "document",
) -> Callable[[Callable[..., Iterable[Violation]]], Rule]:
    """Turn a check function into a Rule; its docstring becomes the rule's documentation.

    The first paragraph of the docstring's "What it does" section is the summary.
    """

    def decorate(check: Callable[..., Iterable[Violation]]) -> Rule:
        doc = inspect.cleandoc(check.__doc__ or "")
        return Rule(
            code=code,
            name=name,
            severity=Severity(severity),
            summary=summary_of(doc),
            doc=doc,
            check=check,
            fixable=fixable,
            scope=scope,
        )

    return decorate


def summary_of(doc: str) -> str:
    """The first sentence-bearing paragraph of a rule docstring, headings skipped."""
    for paragraph in re.split(r"\n\s*\n", doc):
        lines = [line for line in paragraph.splitlines() if not line.startswith("#")]
        text = " ".join(line.strip() for line in lines).strip()
        if text:
            return text
    return ""
