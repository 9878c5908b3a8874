"""Truncation (TRN): documents and paragraphs cut mid-sentence.

Codes:
    TRN001 document-ends-mid-sentence
    TRN002 paragraph-broken-mid-sentence
    TRN003 line-broken-mid-sentence
    TRN004 cut-marker-at-end
    TRN005-TRN099 free for further document rules of this family.

A document that is a truncated copy of another document in the same folder needs the
whole folder to see; that corpus-scope rule is TRN100 (truncated-copy) in the corpus
plugin, and TRN1xx stays for such rules.
"""

from __future__ import annotations

from doclint import Rule, hookimpl

from .broken_line import line_broken_mid_sentence
from .broken_paragraph import paragraph_broken_mid_sentence
from .cut_marker import cut_marker_at_end
from .document_end import document_ends_mid_sentence


@hookimpl
def doclint_rules() -> list[Rule]:
    return [document_ends_mid_sentence, paragraph_broken_mid_sentence, line_broken_mid_sentence, cut_marker_at_end]
