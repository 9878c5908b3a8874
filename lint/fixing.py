"""Applying fixes to a text: non-overlapping edits, right to left."""

from __future__ import annotations

from collections.abc import Iterable

from doclint.models import Edit


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """``text`` with the edits applied, and how many were applied.

    Edits are taken in order of position; one that overlaps an edit already taken is left
    for a later round, so a fix is applied whole or not at all.
    """
    taken: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        if edit.start < last_end or (edit.start == last_end and edit.start == edit.end and taken):
            continue
        taken.append(edit)
        last_end = edit.end
    for edit in reversed(taken):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, len(taken)
