"""QUO: quotation marks that were lost, or never closed.

One module per rule: ``unbalanced`` (QUO001), ``stripped`` (QUO002) and ``throughout``
(QUO003); ``marks`` reads quotation marks, ``speech`` finds attributed speech, and
``options`` validates ``[tool.doclint.quotes]``.
"""

from __future__ import annotations

from doclint import Rule, hookimpl

from .stripped import stripped_quotation
from .throughout import quotation_marks_missing_throughout
from .unbalanced import unbalanced_quotation_mark


@hookimpl
def doclint_rules() -> list[Rule]:
    return [unbalanced_quotation_mark, stripped_quotation, quotation_marks_missing_throughout]
