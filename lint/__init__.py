"""doclint: a plugin-based QA linter for folders of text documents.

The public API for plugin authors: the ``hookimpl`` marker, the ``rule`` decorator and
the records rules receive and return.
"""

from __future__ import annotations

from doclint.errors import SkipFile
from doclint.hookspecs import hookimpl
from doclint.models import Applicability, Document, Edit, Finding, Fix, Related, Severity, Violation
from doclint.rules import Rule, rule

__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "Related",
    "Rule",
    "Severity",
    "SkipFile",
    "Violation",
    "__version__",
    "hookimpl",
    "rule",
]
