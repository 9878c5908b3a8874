"""QUO100: paragraphs whose sibling quotes someone and this copy does not."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from doclint import Document, Related, Violation, rule
from doclint.diffing import opcodes
from doclint.plugins.corpus.siblings import Pair, name, pair_violations, sibling_pairs
from doclint.plugins.corpus.words import STOPWORDS, content_words, words

# A quotation in the sibling: double quotes of any style, guillemets, low-high quotes.
QUOTATION = r"“([^“”\n]{1,800})”|\"([^\"\n]{1,800})\"|«([^«»\n]{1,800})»|„([^„“”\n]{1,800})[“”]"
# Any quotation mark in the copy's paragraph means it still quotes (perhaps otherwise).
ANY_MARK = re.compile(r"[\"“”„«»‘‚]|(?:^|(?<=[\s(—–-]))'(?=\w)")
# A scare-quoted term ("dual use") is often reworded away with its marks; only a
# quotation of this many words or more is a quotation the copy should still show.
MIN_QUOTED_WORDS = 4
# Share of the quotation's content words the copy's paragraph must still contain.
MIN_KEPT = 0.6
# A copy that still quotes but lost one mark is compared character by character, which
# only says something when the paragraphs are nearly the same text.
MIN_SIMILARITY_FOR_MARKS = 0.8
MARKS = '"“”„«»'


@rule(code="QUO100", name="quotation-lost-against-sibling", severity="warning", scope="corpus")
def lost_quotations(documents: Sequence[Document], options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds paragraphs of a copy that still carry the words of a quotation found in the
    same paragraph of a sibling document, but have no quotation mark at all. The finding
    stands at the start of the copy's paragraph and names the quotation in the sibling.

    The copy and its sibling are found and aligned as for DUP001. Only quotations of
    four words or more count (a scare-quoted "dual use" is often reworded away), and 60%
    of their content words must still be in the copy's paragraph.

    ## Why is this bad?
    Without its marks a quotation reads as the writer's own claim: "We have never
    refused to negotiate, he told Xinhua" attributes nothing. Extraction pipelines that
    strip typographic quotes leave paragraphs that look fine alone; the sibling shows
    what was lost.

    ## Example
    In `002.txt`: `We have never refused to negotiate, he told China's Xinhua news agency.`
    while `000.txt` has `“We have never refused to negotiate,” he told ...`:
    `QUO100 Quotation marks lost: 000.txt quotes “We have never refused to negotiate,” here`.

    When the copy's paragraph still quotes but has fewer quotation marks than a nearly
    identical paragraph of the sibling, each mark the sibling has and the copy lacks is
    reported where it is missing (an unbalanced quotation whose cause the sibling shows).

    Use instead: restore the quotation marks from the sibling.
    """
    yield from pair_violations(sibling_pairs(documents, options), "QUO100.lost-quotations", _lost_in_pair)


def _lost_in_pair(pair: Pair) -> Iterator[Violation]:
    """The quotations one side of ``pair`` lost against the other, both ways."""
    for copy, sibling, mine, theirs, pairs, _, _, _ in pair.sides():
        for i, j, score in pairs:
            paragraph, source = mine[i], theirs[j]
            if paragraph.kind == "quote":
                continue
            if ANY_MARK.search(copy.text, paragraph.start, paragraph.end):
                if score >= MIN_SIMILARITY_FOR_MARKS:
                    yield from _lost_marks(copy, sibling, paragraph, source)
                continue
            quotation = _kept_quotation(sibling, source, copy.prose[paragraph.start : paragraph.end])
            if quotation is None:
                continue
            line_end = copy.text.find("\n", paragraph.start, paragraph.end)
            quoted = quotation.group(0)
            shown = quoted if len(quoted) <= 50 else quoted[:45].rstrip() + "…" + quoted[-1]
            yield Violation(
                paragraph.start,
                line_end if line_end >= 0 else paragraph.end,
                f"Quotation marks lost: {name(sibling.path)} quotes {shown} in this paragraph",
                related=(Related(sibling.path, *sibling.position(quotation.start()), "the quotation in the sibling"),),
                document=copy,
            )


def _kept_quotation(sibling: Document, source, paragraph: str) -> re.Match | None:
    """The first quotation of the sibling's paragraph whose words the copy's ``paragraph`` (its prose) kept."""
    kept = None
    # Compiled on first use (re caches it): its classes cost milliseconds, and most runs
    # (one file, no copies) never get here.
    for match in re.compile(QUOTATION).finditer(sibling.text, source.start, source.end):
        inner = next(group for group in match.groups() if group is not None)
        tokens = words(inner)
        content = [token for token in tokens if len(token) > 1 and token not in STOPWORDS]
        if len(tokens) < MIN_QUOTED_WORDS or not content:
            continue
        if kept is None:  # the paragraph's content words, as alignment read them
            kept = content_words(paragraph)
        if sum(token in kept for token in content) / len(content) >= MIN_KEPT:
            return match
    return None


def _lost_marks(copy: Document, sibling: Document, paragraph, source) -> Iterator[Violation]:
    """The quotation marks of the sibling's paragraph that the copy's lacks, where they are missing."""
    mine, theirs = copy.text[paragraph.start : paragraph.end], sibling.text[source.start : source.end]
    if sum(mine.count(mark) for mark in MARKS) >= sum(theirs.count(mark) for mark in MARKS):
        return
    for tag, i1, i2, j1, j2 in opcodes(mine, theirs):
        if tag not in ("insert", "replace"):
            continue
        lost = [offset for offset in range(j1, j2) if theirs[offset] in MARKS]
        if len(lost) <= sum(mine[i1:i2].count(mark) for mark in MARKS):
            continue
        at = paragraph.start + i1
        yield Violation(
            at,
            at,
            f"Quotation mark lost: {name(sibling.path)} has {theirs[lost[0]]!r} here",
            related=(Related(sibling.path, *sibling.position(source.start + lost[0]), "the mark in the sibling"),),
            document=copy,
        )
