"""Corpus checks: documents compared with the other documents of their folder.

A near-duplicate index (sampled word-shingle fingerprints in an inverted index, see
``index``) finds the pairs of documents that share content in time linear in their
number; ``align`` lines up their paragraphs; the rules report what a copy lost against
its sibling. The checks are corpus rules: they run once per run over every document of
the corpus root and report on the documents that were asked about.
"""

from __future__ import annotations

from doclint import Rule, hookimpl
from doclint.plugins.corpus import features
from doclint.plugins.corpus.lost_quotations import lost_quotations
from doclint.plugins.corpus.near_duplicate import near_duplicate
from doclint.plugins.corpus.truncated_copy import truncated_copy


@hookimpl
def doclint_rules() -> list[Rule]:
    return [near_duplicate, truncated_copy, lost_quotations]


@hookimpl
def doclint_document_features() -> list:
    # Every registered feature, the boilerplate plugin's too: the processes that check the
    # documents compute them, so the corpus pass does not analyse each document again.
    return features.registered()
