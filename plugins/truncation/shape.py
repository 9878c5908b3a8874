"""What the truncation rules learn about a document before judging a line.

The rules read the document's own habits first: whether it is verse, whether its
paragraphs are one line each, whether its paragraphs end with terminal punctuation, and
which paragraphs carry on the sentence of the one before. This module holds that shared
reading, computed once per document.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, repeat
from typing import NamedTuple

from doclint import Document

from .lines import (
    LABEL,
    SENTENCE_END,
    WORD,
    capital_ratio,
    continues_sentence,
    end_of,
    ends_closed,
    forget_paragraphs,
    is_list_line,
    is_prose_like,
    is_prose_line,
    is_title_like,
    starts_capitalised_prose,
    tail,
    words_of,
)
from .words import DANGLING_WORDS, NOUN_PHRASE_OPENERS


class Paragraph(NamedTuple):
    """A block of the document with its prose and its lines.

    A named tuple, not a frozen dataclass: one is built for every block, and a tuple is
    built several times faster."""

    start: int
    end: int
    kind: str
    prose: str

    # Split on demand: most paragraphs are asked only for their last line or line count.
    @property
    def lines(self) -> list[str]:
        return self.prose.split("\n")

    @property
    def last_line(self) -> str:
        return self.prose.rpartition("\n")[2]


@dataclass(frozen=True)
class Shape:
    """The structure of a document as the truncation rules read it."""

    paragraphs: tuple[Paragraph, ...]
    verse: bool  # most wrapped lines start with a capital: stanzas, not paragraphs
    one_line: bool  # plain text whose prose paragraphs are one (long) line each
    breaks: frozenset[int]  # i: paragraph i carries on the sentence of paragraph i - 1

    @property
    def punctuated(self) -> float:
        """Share of finished prose paragraphs that end with a terminal mark."""
        finished, ended = self._habit
        return ended / finished if finished else 0.0

    @property
    def prose_paragraphs(self) -> int:
        """How many finished prose paragraphs ``punctuated`` counts."""
        return self._habit[0]

    # Read only when asked: only a last paragraph without a full stop asks (TRN001).
    @cached_property
    def _habit(self) -> tuple[int, int]:
        return _read_habit(self.paragraphs, self.breaks)

    def is_verse_block(self, paragraph: Paragraph) -> bool:
        return _is_verse_block(paragraph, self.verse)

    def chain_start(self, index: int) -> int:
        """The first paragraph of the sentence chain that paragraph ``index`` ends."""
        while index in self.breaks:
            index -= 1
        return index

    def logical_prose(self, index: int) -> str:
        """Paragraph ``index`` with the broken paragraphs it continues, joined by spaces."""
        return _chain_prose(self.paragraphs, self.breaks, index)


def _is_plain_heading(prose: str) -> bool:
    """A plain-text heading: one short line with no sentence end in or after it."""
    # The cheap tests first: most paragraphs end with a full stop.
    return (
        "\n" not in prose
        and not tail(prose).closed
        and not SENTENCE_END.search(prose)
        and sum(1 for _ in islice(WORD.finditer(prose), 13)) <= 12
    )


def _chain_prose(paragraphs: tuple[Paragraph, ...], breaks: set[int] | frozenset[int], index: int) -> str:
    first = index
    while first in breaks:
        first -= 1
    return " ".join(p.prose for p in paragraphs[first : index + 1])


def _is_verse_block(paragraph: Paragraph, verse: bool) -> bool:
    breaks = paragraph.prose.count("\n")
    if breaks >= 2:
        return _looks_like_verse(paragraph.lines)
    return verse and breaks >= 1


def _looks_like_verse(lines: list[str]) -> bool:
    """Lines that start with a capital and end at a phrase: a stanza.

    Hard-wrapped prose full of names ("… like" / "Nero, he was …") also starts many lines
    with a capital, but it breaks its lines at any word, not after punctuation.
    """
    if capital_ratio(lines) < 0.6:
        return False  # read first: prose starts most lines in lowercase
    ends = [line.rstrip() for line in lines if line.strip()]
    punctuated = sum(1 for line in ends[:-1] if line[-1:] in ",;:.!?—-)’”'\"")
    return punctuated >= 0.7 * max(1, len(ends) - 1)


_SHAPES: weakref.WeakKeyDictionary[Document, Shape] = weakref.WeakKeyDictionary()


def shape_of(doc: Document) -> Shape:
    """The document's shape, computed once and shared by the family's rules."""
    cached = _SHAPES.get(doc)
    if cached is None:
        forget_paragraphs()  # the paragraphs of the documents before
        cached = _SHAPES[doc] = _read_shape(doc)
    return cached


def _read_shape(doc: Document) -> Shape:
    prose = doc.prose
    # tuple.__new__ builds each named tuple in C, where calling Paragraph runs its Python __new__.
    paragraphs = tuple(
        map(tuple.__new__, repeat(Paragraph), [(b.start, b.end, b.kind, prose[b.start : b.end]) for b in doc.blocks])
    )
    line_breaks = [p.prose.count("\n") if p.kind == "paragraph" else 0 for p in paragraphs]  # of paragraphs only
    verse = sum(line_breaks) >= 6 and _looks_like_verse(
        [line for p, breaks in zip(paragraphs, line_breaks, strict=True) if breaks for line in p.lines]
    )
    one_line = False
    if not doc.is_markdown:
        long_single = sum(1 for p in paragraphs if "\n" not in p.prose and len(p.prose) > 80)
        wrapped = len(line_breaks) - line_breaks.count(0)
        one_line = long_single >= 2 and wrapped <= max(1, long_single // 3)

    breaks: set[int] = set()
    for index in range(1, len(paragraphs)):
        before, after = paragraphs[index - 1], paragraphs[index]
        # Verse is read last: most paragraphs are not broken, and reading verse costs more.
        if (
            adjacent(doc, before, after)
            and _broken(before, after, continued=index - 1 in breaks)
            and not _is_verse_block(before, verse)
            and not _is_verse_block(after, verse)
        ):
            breaks.add(index)

    return Shape(paragraphs, verse, one_line, frozenset(breaks))


def _read_habit(paragraphs: tuple[Paragraph, ...], breaks: frozenset[int]) -> tuple[int, int]:
    """How many finished prose paragraphs there are, and how many end with a terminal mark."""
    # The document's habit, read on the paragraphs that end a sentence chain (a broken
    # paragraph is damage, not habit), the last one left out: it is the one to judge.
    # A paragraph that introduces a quotation in the next one ("One day said Fred," /
    # "“I must go now …”") ends as it should.
    finished = 0
    ended = 0
    for index in range(len(paragraphs) - 1):
        paragraph = paragraphs[index]
        if index + 1 in breaks or paragraph.kind not in ("paragraph", "quote"):
            continue
        text = _chain_prose(paragraphs, breaks, index)
        if not is_prose_like(text, minimum_words=4) or _is_plain_heading(text):
            continue
        ending = tail(text)
        finished += 1
        introduces = ending.last_char in ",:" and paragraphs[index + 1].prose[:1] in "\"“„«‘'"
        ended += ending.closed or introduces
    return finished, ended


def _broken(before: Paragraph, after: Paragraph, *, continued: bool) -> bool:
    """Whether ``before`` stops mid-sentence and ``after`` carries the sentence on.

    ``continued``: ``before`` is itself the continuation of a broken paragraph.
    """
    # continues_sentence asks for a lowercase first letter first: most paragraphs fail that, without a call
    lowercase = after.prose[:1].islower() and continues_sentence(after.prose)
    # A capital goes on with the sentence only after a paragraph that cannot end where it
    # does (below): one that ends with a full stop, the common case, is read no further.
    if not lowercase and (not after.prose[:1].isupper() or ends_closed(before.prose)):
        return False
    if not lowercase and not starts_capitalised_prose(after.prose):
        return False
    last_line = before.last_line
    if is_list_line(last_line) or (last_line[:1].isspace() and not after.prose[:1].isspace()):
        return False
    ending = tail(before.prose)
    if ending.masked or not is_prose_line(end_of(before.prose)):
        return False  # a URL, code, or a formula ("$$T (F + T)^k$$" / "where $T$ is …")
    if not lowercase:
        # A capital may start a name that goes on with the sentence, but only a paragraph
        # that cannot end where it does says so: it stops on "the", "of" or "and".
        word = ending.last_word.lower()
        return (
            not ending.closed
            and ending.dangling() == f"after '{ending.last_word}'"
            and word in NOUN_PHRASE_OPENERS
            and len(words_of(before.prose)) >= 4
            and not LABEL.match(before.prose)
            and not is_title_like(before.prose)
        )
    if ending.closed:
        # A sentence that ends inside a quotation the next paragraph closes ('adding: "It is
        # over.' / 'and done," he said.'). Dialogue running over paragraphs reopens the
        # quotation at the start of the next paragraph instead, with a capital.
        return ending.open_quote and ending.last_char not in ":;"
    if ending.dangling():
        return True
    if not ending.last_char.isalnum() and ending.last_char != "%":
        return False  # a symbol, an emoji, a closing "$$" or "}": not the end of a word
    # Only a full stop is missing: the paragraph must read as a sentence, not a heading.
    if continued or "\n" in before.prose or SENTENCE_END.search(before.prose):
        return True
    # A single line could be a heading. No paragraph starts with a lowercase "at", "and" or
    # "to" but one that goes on; any other word must follow a line that reads as a sentence:
    # a sentence-case heading followed by a command ("Getting started with the tool" / "pip
    # install tool") is not a broken sentence.
    # A label ("yq: a YAML processor") or a lowercase item of a list without markers
    # ("easy to read" / "easy to change") is not a sentence either.
    count = len(words_of(before.prose))
    if LABEL.match(before.prose) or before.prose[:1].islower() or (count < 12 and not ending.last_char.isalpha()):
        return False
    if count >= 4 and words_of(after.prose)[0].lower() in DANGLING_WORDS:
        return True
    if is_title_like(before.prose):
        return False
    # A line of a dozen words is a sentence, however short the paragraph that goes on.
    return count >= 12 or (count >= 6 and is_prose_like(after.prose))


def adjacent(doc: Document, before: Paragraph, after: Paragraph) -> bool:
    """Two paragraphs of the same kind with nothing but blank lines between them."""
    if before.kind != after.kind or before.kind not in ("paragraph", "quote"):
        return False
    gap = doc.text[before.end : after.start]
    if before.kind == "quote":
        gap = gap.replace(">", "")
    # More than two blank lines set a section apart (a footer, a new chapter).
    return not gap.strip() and 2 <= gap.count("\n") <= 3
