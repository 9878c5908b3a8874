"""Truncation (TRN): documents and paragraphs cut mid-sentence.

Codes:
    TRN001 document-ends-mid-sentence
    TRN002 paragraph-broken-mid-sentence
    TRN003 line-broken-mid-sentence
    TRN004 cut-marker-at-end
    TRN005 reserved for truncated-copy: a document that is a truncated copy of another
           document in the same folder (a corpus-scope rule, planned in a later issue).
"""

from __future__ import annotations

from doclint import Rule, hookimpl

from .broken_paragraph import paragraph_broken_mid_sentence
from .document_end import document_ends_mid_sentence


@hookimpl
def doclint_rules() -> list[Rule]:
    return [document_ends_mid_sentence, paragraph_broken_mid_sentence]
