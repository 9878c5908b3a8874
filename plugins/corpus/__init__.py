"""Placeholder module: its rules are being written (see the family's issue)."""

from __future__ import annotations

from doclint import hookimpl


@hookimpl
def doclint_rules() -> list:
    return []
