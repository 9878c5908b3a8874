"""What the truncation rules learn about a document before judging a line.

A line without a full stop is not damage in itself: headings, bylines, list items, URLs,
verse and Markdown structure all end without one. The rules therefore judge a break only
where the text on both sides is prose, and they read the document's own habits first:
whether it is verse, whether its paragraphs are one line each, whether its paragraphs end
with terminal punctuation. This module holds that shared reading.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from doclint import Document
from doclint.text import MASK

from .words import CREDIT_LINE_PREFIXES, DANGLING_WORDS, NOUN_PHRASE_OPENERS, ONE_LETTER_WORDS

# Marks that end a sentence, in the scripts doclint meets: Latin, Greek (";" is its question
# mark), CJK, Arabic, Devanagari. ":" and ";" end a line that introduces what follows.
TERMINAL = frozenset(".!?…‽;:。！？；：؟۔।॥")
# A word cut at a hyphen ("well-"), not a dash, a smiley or a marker such as "-end-".
HYPHENATED_END = re.compile(r"(?:^|\s)[^\W\d_]+-$")
QUOTES = frozenset("\"'“”‘’«»„")
# Characters that may follow the terminal mark: closing quotes, brackets, emphasis.
CLOSERS = "\"'”’»›)]}*_」』〕）"
OPENING_MARKS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』"}
WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W\d_])")
ENUMERATION = re.compile(r"(?:[a-z]|[ivx]{1,4})[.)]\s")
# The first word of a line that is code or a command, not prose: "x = 1", "f()", "a/b", "a_b".
CODE_LIKE = re.compile(r"[=${}<>|]|\(\)|[/_.]\S")
BARE_ADDRESS = re.compile(r"^\S+\.[A-Za-z]{2,}(?:/\S*)?$|^\S+@\S+$")
# A closing quote or dash decoded with the wrong code page ("â€�", "â€™") or replaced by
# U+FFFD: the encoding family reports it; here it must not hide the full stop before it.
MOJIBAKE_TAIL = re.compile(r"(?:â€\S?|\ufffd)+$")
# Marks of code, markup, commands and configuration, which prose lines do not carry:
# "x = 1", "f(x)", "a_b", "$HOME", "%s", "*tag*", "#include", "test.support", "--flag"
# (but "know--well" is a Gutenberg dash),
# "-rf", "./configure", "/usr/local",
# "\\frac". Not "\\$" or "&nbsp;": escapes and entities left in prose are the encoding
# family's findings, and must not hide a cut from this one.
CODE_MARKS = re.compile(
    r"[{}<>|@^~=]|\\[a-z]{2,}|\w_\w|\w\(|\$[A-Za-z_{(]|%[a-z]\b|\*\w|\w\*|#\w|::|(?:^|\s)--\w|[a-z]\.[a-z]{2,}"
    r"|[A-Za-z]:[A-Za-z]|(?:^|\s)(?:\.{0,2}/\w|-[a-z]{1,3}\b)"
)
# Columns: three spaces or a tab between two words.
TABULAR = re.compile(r"\S(?: {3,}|\t)\S")
# A first word that labels what follows: "yq: a YAML processor", "bpo-31460: Simplify",
# "note : we need".
LABEL = re.compile(r"^\S+ ?:(?:\s|$)")
LIST_MARKER = re.compile(r"\s*(?:[-*+•–]|\d{1,3}[.)])\s")


@dataclass(frozen=True)
class Tail:
    """How a run of prose ends: its last mark, its last word and what is left open."""

    text: str  # the prose, trailing white space removed
    closed: bool  # ends with a terminal mark (closing quotes and brackets skipped)
    masked: bool  # ends in a URL, code or other masked text
    last_char: str  # the last character before closing quotes and brackets
    last_word: str  # the last word, as written
    open_quote: bool  # a double quotation opened in the text is still open at its end
    open_bracket: bool  # a bracket opened in the last sentence is still open
    trailing: str = ""  # the closing quotes, brackets and emphasis after the last mark

    def dangling(self) -> str | None:
        """Why the text cannot end here, or None when only a full stop is missing."""
        if self.masked or self.closed:
            return None
        if self.open_quote:
            return "inside an open quotation"
        if self.open_bracket:
            return "inside an open bracket"
        if self.last_char in ",，、":
            return "after a comma"
        if self.last_char == "&":
            return "after '&'"
        if self.last_char in "-‐" and HYPHENATED_END.search(self.text):
            return "inside a hyphenated word"
        if self.last_char in "-–—" and self.text[-2:-1] == " " and not QUOTES.intersection(self.trailing):
            return "after a dash"  # "Newcomer Ciara -" / "who recently …"; not speech cut off: "Not—”"
        word = self.last_word
        # A quoted word is named, not used: "type 'i' or 'a'" ends on a mention of "a".
        if word and word == self.text[-len(word) :] and self.text[-len(word) - 1 : -len(word)] not in QUOTES:
            if word.lower() in DANGLING_WORDS:
                return f"after '{word}'"
            before = words_of(self.text[: -len(word)])
            if (
                len(word) == 1
                and word.isascii()
                and word.lower() not in ONE_LETTER_WORDS
                and before
                and before[-1].islower()
            ):
                return f"inside a word ('{word}')"
        return None


def tail(prose: str) -> Tail:
    """Read how ``prose`` (one paragraph of a prose view) ends."""
    text = MOJIBAKE_TAIL.sub("", prose.rstrip())
    core = text.rstrip(CLOSERS + " ")
    last_char = core[-1:] if core else ""
    words = WORD.findall(core[-60:])
    return Tail(
        text=core,
        closed=last_char in TERMINAL,
        masked=last_char == MASK,
        last_char=last_char,
        last_word=words[-1] if words else "",
        open_quote=_open_quote(text),
        open_bracket=_last_sentence(text).count("(") > _last_sentence(text).count(")"),
        trailing=text[len(text.rstrip(CLOSERS + " ")) :],
    )


def _last_sentence(text: str) -> str:
    ends = list(SENTENCE_END.finditer(text))
    return text[ends[-1].end() :] if ends else text


def _open_quote(text: str) -> bool:
    """Whether a double quotation is open at the end of ``text``.

    Curly quotes nest by direction; straight quotes only by count. Single quotes are left
    alone: "’" is also the apostrophe.
    """
    depth = 0
    for char in text:
        if char in OPENING_MARKS:
            depth += 1
        elif char in OPENING_MARKS.values() and depth:
            depth -= 1
    return depth > 0 or text.count('"') % 2 == 1


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def is_prose_like(text: str, *, minimum_words: int = 8) -> bool:
    """Several words, most in lowercase: a sentence rather than a title, byline or name."""
    words = words_of(text)
    if len(words) < minimum_words:
        return False
    lower = sum(1 for word in words if word[0].islower())
    return lower >= len(words) / 2


def is_credit_line(line: str) -> bool:
    lowered = line.strip().lower().lstrip("-—–~ ")
    return lowered.startswith(CREDIT_LINE_PREFIXES) or bool(BARE_ADDRESS.match(line.strip()))


def continues_sentence(prose: str) -> bool:
    """Whether a paragraph's first line reads as the rest of a sentence: a lowercase word.

    Enumerations ("a) …", "iv. …") and code-like lines ("pip install x", "x = 1") start in
    lowercase too and are not continuations.
    """
    line = prose.split("\n", 1)[0]
    if not line[:1].isalpha() or not line[0].islower():
        return False
    first = line.split(" ", 1)[0]
    line = _head(prose)
    # "iPhone", "eBay", "macOS": names that start in lowercase, often right after a heading.
    if ENUMERATION.match(line) or CODE_LIKE.search(first) or any(char.isupper() for char in first):
        return False
    return bool(WORD.match(line)) and not LABEL.match(line) and is_prose_line(line)


def _starts_capitalised_prose(prose: str) -> bool:
    return prose[:1].isupper() and is_prose_line(_head(prose)) and is_prose_like(prose, minimum_words=6)


def _head(prose: str) -> str:
    """The start of a paragraph, about 80 characters, across hard wraps: what is judged
    as prose or code on the far side of a break. A short first line of a hard-wrapped
    paragraph ("coding" / "in, it will …") is read with the next ones, and a domain far
    along a long line does not make the break code."""
    text = " ".join(line.strip() for line in prose[:200].split("\n"))
    cut = text.find(" ", 80)
    return text if cut == -1 else text[:cut]


def end_of(prose: str) -> str:
    """The end of a paragraph, about 80 characters, across hard wraps (see ``_head``)."""
    text = " ".join(line.strip() for line in prose[-200:].split("\n"))
    if len(text) <= 80:
        return text
    cut = text.rfind(" ", 0, len(text) - 80)
    return text if cut == -1 else text[cut + 1 :]


def is_title_like(text: str) -> bool:
    """Short, without inner punctuation, and most content words capitalised (or no
    lowercase at all): a heading, a name or a byline rather than a sentence."""
    if re.search(r"[,;]|[.!?]\s", text):
        return False
    words = [word for word in words_of(text) if word.lower() not in DANGLING_WORDS]
    if not words:
        return True
    capitalised = sum(1 for word in words if not word[0].islower())
    return capitalised >= 0.6 * len(words) or not any(char.islower() for char in text)


@dataclass(frozen=True)
class Paragraph:
    """A block of the document with its prose and its lines."""

    start: int
    end: int
    kind: str
    prose: str

    @property
    def lines(self) -> list[str]:
        return self.prose.split("\n")


@dataclass(frozen=True)
class Shape:
    """The structure of a document as the truncation rules read it."""

    paragraphs: tuple[Paragraph, ...]
    verse: bool  # most wrapped lines start with a capital: stanzas, not paragraphs
    one_line: bool  # plain text whose prose paragraphs are one (long) line each
    breaks: frozenset[int]  # i: paragraph i carries on the sentence of paragraph i - 1
    punctuated: float  # share of finished prose paragraphs that end with a terminal mark
    prose_paragraphs: int  # how many finished prose paragraphs that share counts

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


def is_wordy(line: str) -> bool:
    """Two real words and mostly letters: prose rather than a formula or a code line."""
    visible = [char for char in line if not char.isspace() and char != MASK]
    letters = sum(1 for char in visible if char.isalpha())
    long_words = sum(1 for word in words_of(line) if len(word) > 1)
    return long_words >= 2 and letters >= 0.5 * len(visible)


def is_prose_line(line: str) -> bool:
    """A line of running text: words, not code, a formula, columns or a label."""
    return is_wordy(line) and not CODE_MARKS.search(line) and not TABULAR.search(line.strip())


def _is_plain_heading(prose: str) -> bool:
    """A plain-text heading: one short line with no sentence end in or after it."""
    return (
        "\n" not in prose and len(words_of(prose)) <= 12 and not tail(prose).closed and not SENTENCE_END.search(prose)
    )


def _chain_prose(paragraphs: tuple[Paragraph, ...], breaks: set[int] | frozenset[int], index: int) -> str:
    first = index
    while first in breaks:
        first -= 1
    return " ".join(p.prose for p in paragraphs[first : index + 1])


def _is_verse_block(paragraph: Paragraph, verse: bool) -> bool:
    lines = paragraph.lines
    if len(lines) >= 3:
        return _looks_like_verse(lines)
    return verse and len(lines) >= 2


def _looks_like_verse(lines: list[str]) -> bool:
    """Lines that start with a capital and end at a phrase: a stanza.

    Hard-wrapped prose full of names ("… like" / "Nero, he was …") also starts many lines
    with a capital, but it breaks its lines at any word, not after punctuation.
    """
    ends = [line.rstrip() for line in lines if line.strip()]
    punctuated = sum(1 for line in ends[:-1] if line[-1:] in ",;:.!?—-)’”'\"")
    return _capital_ratio(lines) >= 0.6 and punctuated >= 0.7 * max(1, len(ends) - 1)


_SHAPES: weakref.WeakKeyDictionary[Document, Shape] = weakref.WeakKeyDictionary()


def shape_of(doc: Document) -> Shape:
    """The document's shape, computed once and shared by the family's rules."""
    cached = _SHAPES.get(doc)
    if cached is None:
        cached = _SHAPES[doc] = _read_shape(doc)
    return cached


def _read_shape(doc: Document) -> Shape:
    prose = doc.prose
    paragraphs = tuple(Paragraph(b.start, b.end, b.kind, prose[b.start : b.end]) for b in doc.blocks)
    continuation_lines = [line for p in paragraphs for line in p.lines[1:] if p.kind == "paragraph"]
    wrapped_lines = [line for p in paragraphs if p.kind == "paragraph" and "\n" in p.prose for line in p.lines]
    verse = len(continuation_lines) >= 6 and _looks_like_verse(wrapped_lines)
    long_single = sum(1 for p in paragraphs if "\n" not in p.prose and len(p.prose) > 80)
    wrapped = sum(1 for p in paragraphs if "\n" in p.prose and p.kind == "paragraph")
    one_line = not doc.is_markdown and long_single >= 2 and wrapped <= max(1, long_single // 3)

    breaks: set[int] = set()
    for index in range(1, len(paragraphs)):
        before, after = paragraphs[index - 1], paragraphs[index]
        if (
            adjacent(doc, before, after)
            and not _is_verse_block(before, verse)
            and not _is_verse_block(after, verse)
            and _broken(before, after, continued=index - 1 in breaks)
        ):
            breaks.add(index)

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
    punctuated = ended / finished if finished else 0.0
    return Shape(paragraphs, verse, one_line, frozenset(breaks), punctuated, finished)


def _broken(before: Paragraph, after: Paragraph, *, continued: bool) -> bool:
    """Whether ``before`` stops mid-sentence and ``after`` carries the sentence on.

    ``continued``: ``before`` is itself the continuation of a broken paragraph.
    """
    lowercase = continues_sentence(after.prose)
    if not lowercase and not _starts_capitalised_prose(after.prose):
        return False
    last_line = before.lines[-1]
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
    if continued or len(before.lines) > 1 or SENTENCE_END.search(before.prose):
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


def _capital_ratio(lines: list[str]) -> float:
    """Share of lines after the first that start (after indentation) with a capital."""
    starts = [line.lstrip()[:1] for line in lines[1:]]
    letters = [char for char in starts if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if char.isupper()) / len(letters)


def adjacent(doc: Document, before: Paragraph, after: Paragraph) -> bool:
    """Two paragraphs of the same kind with nothing but blank lines between them."""
    if before.kind != after.kind or before.kind not in ("paragraph", "quote"):
        return False
    gap = doc.text[before.end : after.start]
    if before.kind == "quote":
        gap = gap.replace(">", "")
    # More than two blank lines set a section apart (a footer, a new chapter).
    return not gap.strip() and 2 <= gap.count("\n") <= 3


def snippet(text: str, *, head: bool) -> str:
    """A few words from the start (``head``) or the end of a line, for messages."""
    words = text.split()
    picked = words[:3] if head else words[-3:]
    return " ".join(picked).replace(MASK, "…")


def is_list_line(line: str) -> bool:
    return bool(LIST_MARKER.match(line))
