"""PUN: stray punctuation that a careless edit, OCR or an extraction left behind.

One module per rule: ``space_before`` (PUN001), ``doubled`` (PUN002), ``stray_period``
(PUN003), ``missing_space`` (PUN004), ``line_start`` (PUN005) and ``brackets`` (PUN006);
``abbreviations`` holds the words whose period ends no sentence, ``context`` the small
readers of the prose view the rules share, and ``options`` validates
``[tool.doclint.punctuation]``.
"""

from __future__ import annotations

from doclint import Rule, hookimpl

from .brackets import unmatched_bracket
from .doubled import doubled_punctuation
from .line_start import punctuation_at_line_start
from .missing_space import missing_space_after_punctuation
from .space_before import space_before_punctuation
from .stray_period import stray_period


@hookimpl
def doclint_rules() -> list[Rule]:
    return [
        space_before_punctuation,
        doubled_punctuation,
        stray_period,
        missing_space_after_punctuation,
        punctuation_at_line_start,
        unmatched_bracket,
    ]
