"""TRN100: a copy that covers only the first part of its sibling, or skips a stretch of it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any, NamedTuple

from doclint import Document, Related, Violation, rule
from doclint.plugins.corpus.siblings import MIN_SHARE, Pair, line_of, name, pair_violations, sibling_pairs

# The sibling's paragraphs missing from the copy must hold this share of its words: a
# copy that only lacks a footer or a closing line is not truncated.
MIN_MISSING_TAIL = 0.2
MIN_MISSING_GAP = 0.15
# A skipped stretch is at least this many consecutive paragraphs.
MIN_GAP_PARAGRAPHS = 3


@rule(code="TRN100", name="truncated-copy", severity="warning", scope="corpus")
def truncated_copy(documents: Sequence[Document], options: Mapping[str, Any]) -> Iterator[Violation]:
    """## What it does
    Finds a document that is a copy of another document of the folder but stops early
    (it covers only the first part of its sibling) or skips a stretch of its sibling's
    paragraphs. The finding stands on the copy's last aligned paragraph (or the one
    before the gap) and names the sibling's first missing paragraph.

    The copy and its sibling are found and aligned as for DUP001. A cut is reported
    when the sibling's paragraphs after the last aligned one hold 20% of its words; a
    skipped stretch when three or more consecutive paragraphs, 15% of its words, have no
    counterpart between two aligned ones. Either way the copy must follow its sibling:
    from the first paragraph it covers to the last, 60% of the sibling's words (less
    the skipped stretch) are in covered paragraphs. A short page that shares a few
    stock paragraphs scattered over a long one is no cut copy of it.

    ## Why is this bad?
    Looked at alone a cut copy can end on a complete sentence and pass every
    per-document check; beside its sibling the loss is plain. A scraper that stopped at
    a "read more" link or a page break leaves such copies behind.

    ## Example
    `002.txt` holds the first nine paragraphs of the 28 of `000.txt`:
    `TRN100 Truncated copy: covers 9 of 28 paragraphs of 000.txt (32%); it stops before line 21 there`.

    Use instead: the complete text (or drop the copy and keep its sibling).
    """
    yield from pair_violations(sibling_pairs(documents, options), "TRN100.truncated-copies", _truncated_in_pair)


def _truncated_in_pair(pair: Pair) -> Iterator[Violation]:
    """Where one side of ``pair`` stops early or skips a stretch of the other, both ways."""
    for copy, sibling, mine, theirs, pairs, _, covered_sibling, side in pair.sides():
        if not pairs or pair.share(side) < MIN_SHARE:
            continue
        total = sum(p.word_count for p in theirs) or 1
        last_copy = pairs[-1][0]
        held = [j for j, covered in enumerate(covered_sibling) if covered]
        last = held[-1]
        span = _Span.of(theirs, covered_sibling, held[0], last)
        tail = theirs[last + 1 :]
        cut = len(tail) >= 2 and sum(p.word_count for p in tail) >= MIN_MISSING_TAIL * total
        if cut and span.followed():
            count = sum(covered_sibling)
            where = line_of(sibling, tail[0].start)
            yield _at_paragraph(
                copy,
                mine[last_copy],
                f"Truncated copy: covers {count} of {len(theirs)} paragraphs of {name(sibling.path)} "
                f"({count / len(theirs):.0%}); it stops before line {where} there",
                Related(sibling.path, where, 1, "the copy stops before this paragraph"),
            )
        yield from _gaps(copy, sibling, mine, theirs, pairs, covered_sibling, total, span)


class _Span(NamedTuple):
    """The words of the sibling's paragraphs from the first the copy covers to the last, and
    how many of them are in covered paragraphs.

    A copy cut short, or one that skips a stretch, follows its sibling there. A short text
    that shares a few stock paragraphs scattered over a long sibling follows no part of
    it: it is no cut copy of it, though it may be a near-duplicate (DUP001 says so).
    """

    words: int
    covered: int

    @classmethod
    def of(cls, theirs, covered_sibling, first: int, last: int) -> _Span:
        span = range(first, last + 1)
        return cls(
            sum(theirs[j].word_count for j in span), sum(theirs[j].word_count for j in span if covered_sibling[j])
        )

    def followed(self, skipped: int = 0) -> bool:
        """Whether MIN_SHARE of the span's words, less ``skipped`` (a stretch reported skipped), are covered."""
        return self.covered >= MIN_SHARE * (self.words - skipped)


def _gaps(copy, sibling, mine, theirs, pairs, covered_sibling, total, span: _Span) -> Iterator[Violation]:
    for (copy_before, sibling_before, _), (copy_after, sibling_after, _) in pairwise(pairs):
        gap = [j for j in range(sibling_before + 1, sibling_after) if not covered_sibling[j]]
        if copy_after != copy_before + 1 or len(gap) < MIN_GAP_PARAGRAPHS:
            continue  # the copy has text of its own there: rewritten, not skipped
        words = sum(theirs[j].word_count for j in gap)
        if words < MIN_MISSING_GAP * total or not span.followed(skipped=words):
            continue
        first, last = line_of(sibling, theirs[gap[0]].start), line_of(sibling, theirs[gap[-1]].end)
        yield _at_paragraph(
            copy,
            mine[copy_before],
            f"Copy skips {len(gap)} paragraphs of {name(sibling.path)} after this one "
            f"(lines {first}-{last} there, {words / total:.0%} of its words)",
            Related(sibling.path, first, 1, "the copy skips from here"),
        )


def _at_paragraph(document: Document, paragraph, message: str, related: Related) -> Violation:
    """A violation on the last line of a paragraph, where the text stops."""
    start = document.text.rfind("\n", paragraph.start, paragraph.end) + 1 or paragraph.start
    return Violation(max(start, paragraph.start), paragraph.end, message, related=(related,), document=document)
