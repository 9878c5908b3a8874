"""How a line or a paragraph ends and starts: the reading of text either side of a break.

A line without a full stop is not damage in itself: headings, bylines, list items, URLs,
code, formulas and tables all end without one. These helpers tell running prose from
them, and say why a run of prose cannot end where it does (see ``Tail.dangling``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from doclint.text import MASK

from .words import CREDIT_LINE_PREFIXES, DANGLING_WORDS, ONE_LETTER_WORDS

# Marks that end a sentence, in the scripts doclint meets: Latin, Greek (";" is its question
# mark), CJK, Arabic, Devanagari. ":" and ";" end a line that introduces what follows.
TERMINAL = frozenset(".!?…‽;:。！？；：؟۔।॥")
# A word cut at a hyphen ("well-"), not a dash, a smiley or a marker such as "-end-".
HYPHENATED_END = re.compile(r"(?:^|\s)[^\W\d_]+-$")
QUOTES = frozenset("\"'“”‘’«»„")
# Characters that may follow the terminal mark: closing quotes, brackets, emphasis.
CLOSERS = "\"'”’»›)]}*_」』〕）"
OPENING_MARKS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』"}
# Every opening or closing double mark: ``_open_quote`` walks these, not every character.
DOUBLE_MARKS = re.compile("[" + re.escape("".join(sorted({*OPENING_MARKS, *OPENING_MARKS.values()}))) + "]")
WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
# The first letter of each word of ``WORD``: the same matches, without building the words.
INITIAL = re.compile(r"([^\W\d_])(?:[\w’'-]*\w)?")
SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W\d_])")
ENUMERATION = re.compile(r"(?:[a-z]|[ivx]{1,4})[.)]\s")
# The first word of a line that is code or a command, not prose: "x = 1", "f()", "a/b", "a_b".
CODE_LIKE = re.compile(r"[=${}<>|]|\(\)|[/_.]\S")
BARE_ADDRESS = re.compile(r"^\S+\.[A-Za-z]{2,}(?:/\S*)?$|^\S+@\S+$")
# A closing quote or dash decoded with the wrong code page ("â€�", "â€™") or replaced by
# U+FFFD: the encoding family reports it; here it must not hide the full stop before it.
MOJIBAKE_TAIL = re.compile(r"(?:â€\S?|\ufffd)+$")
# Marks of code, markup, commands and configuration, which prose lines do not carry:
# "x = 1", "f(x)", "a_b", "$HOME", "%s", "*tag*", "#include", "test.support", "--flag",
# "-rf", "./configure", "/usr/local", "\\frac". Taught by grammars, vim help, CMake files
# and READMEs read as broken sentences. Not "know--well" (a Gutenberg dash), "\\$" or
# "&nbsp;": escapes and entities left in prose are the encoding family's findings, and
# must not hide a cut from this one.
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
    trailing: str  # the closing quotes, brackets and emphasis after the last mark
    source: str = field(repr=False)  # the prose, trailing space and mojibake removed

    # Read only when asked: most paragraphs end with a full stop, and no rule asks then.
    @property
    def open_quote(self) -> bool:
        """A double quotation opened in the text is still open at its end."""
        return _open_quote(self.source)

    @property
    def open_bracket(self) -> bool:
        """A bracket opened in the last sentence is still open."""
        return _open_bracket(self.source)

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
            if len(word) == 1 and word.isascii() and word.lower() not in ONE_LETTER_WORDS:
                before = last_word(self.text[: -len(word)])
                if before and before.islower():
                    return f"inside a word ('{word}')"
        return None


def forget_paragraphs() -> None:
    """Empty the caches of ``tail``, ``_initials`` and ``is_prose_line``.

    They serve the rules reading one document (a paragraph is read as the end of a break
    and as the end of a sentence chain); ``shape_of`` empties them when a document comes
    in. Kept from document to document, they held 4,096 whole paragraphs each: a folder
    of long one-paragraph documents held hundreds of megabytes.
    """
    tail.cache_clear()
    _initials.cache_clear()
    is_prose_line.cache_clear()


@lru_cache(maxsize=4096)
def tail(prose: str) -> Tail:
    """Read how ``prose`` (one paragraph of a prose view) ends.

    Cached: a paragraph is read as the end of a break and as the end of a sentence chain.
    """
    text, core = _ending(prose)
    last_char = core[-1:] if core else ""
    return Tail(
        text=core,
        closed=last_char in TERMINAL,
        masked=last_char == MASK,
        last_char=last_char,
        last_word=last_word(core[-60:]),
        trailing=text[len(core) :],
        source=text,
    )


def ends_closed(prose: str) -> bool:
    """``tail(prose).closed``, without reading the rest of the tail: most paragraphs are asked only this."""
    if prose[-1:] in TERMINAL and "â€" not in prose[-3:]:
        return True  # most paragraphs: a terminal mark is neither white space, mojibake nor a closer
    return _ending(prose)[1][-1:] in TERMINAL


def _ending(prose: str) -> tuple[str, str]:
    """``prose`` without trailing white space and mojibake, and that without its closing marks."""
    text = prose.rstrip()
    # Every match of MOJIBAKE_TAIL ends the text with "â€", "â€" and one more character,
    # or U+FFFD: anything else is left as it is, without a scan of the whole text.
    if text[-1:] == "\ufffd" or "â€" in text[-3:]:
        text = MOJIBAKE_TAIL.sub("", text)
    return text, text.rstrip(CLOSERS + " ")


def _open_bracket(text: str) -> bool:
    """Whether a bracket opened in the last sentence of ``text`` is still open."""
    if "(" not in text:
        return False
    sentence = _last_sentence(text)
    return sentence.count("(") > sentence.count(")")


def _last_sentence(text: str) -> str:
    ends = list(SENTENCE_END.finditer(text))
    return text[ends[-1].end() :] if ends else text


def _open_quote(text: str) -> bool:
    """Whether a double quotation is open at the end of ``text``.

    Curly quotes nest by direction; straight quotes only by count. Single quotes are left
    alone: "’" is also the apostrophe.
    """
    depth = 0
    for char in DOUBLE_MARKS.findall(text):
        if char in OPENING_MARKS:
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0 or text.count('"') % 2 == 1


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def last_word(text: str) -> str:
    """``words_of(text)[-1]`` (or "" without words), read from the end of ``text``.

    A word of ``WORD`` is the first letter to the last word character of a run of word
    characters, apostrophes and hyphens, so the words after a space are the same whether
    the text is read from its start or from that space.
    """
    space = text.rfind(" ")
    for _ in range(4):  # then the whole text: a long run without words ("- - - …")
        if space == -1:
            break
        words = WORD.findall(text, space)
        if words:
            return words[-1]
        space = text.rfind(" ", 0, space)
    words = WORD.findall(text)
    return words[-1] if words else ""


def is_prose_like(text: str, *, minimum_words: int = 8) -> bool:
    """Several words, most in lowercase: a sentence rather than a title, byline or name."""
    count, lower = _initials(text)
    return count >= minimum_words and lower >= count / 2


@lru_cache(maxsize=4096)
def _initials(text: str) -> tuple[int, int]:
    """How many words ``text`` holds, and how many of them start in lowercase.

    Cached: a paragraph is read as the start of a break and as a sentence chain.
    """
    if not text.isascii():
        for char, stand_in in _COMMON_STAND_INS:
            if char in text:
                text = text.replace(char, stand_in)
    if not text.isascii():
        others = set(text) - _ASCII
        if len(others) > 8:  # Chinese, Greek, Cyrillic: the regex is as quick
            initials = INITIAL.findall(text)
            return len(initials), sum(map(str.islower, initials))
        for char in others:
            text = text.replace(char, _word_class(char))
    # A word starts at the first letter of a run of word characters, so with the other
    # characters of runs deleted and the separators made spaces, " a" and " A" each mark
    # the start of one word (see ``last_word``), by the case of its first letter.
    classes = b" " + text.encode("ascii").translate(_ASCII_CLASSES, _INNER)
    lower = classes.count(b" a")
    return lower + classes.count(b" A"), lower


# For ``_initials``: ASCII letters by case, anything else a separator; the characters that
# run on a word but never start one (digits, "_", "'", "-") are deleted.
_ASCII_CLASSES = bytes.maketrans(
    bytes(range(256)),
    bytes(ord("a") if 97 <= byte <= 122 else ord("A") if 65 <= byte <= 90 else ord(" ") for byte in range(256)),
)
_INNER = b"0123456789_'-"
_ASCII = frozenset(map(chr, range(128)))


def _word_class(char: str) -> str:
    """The ASCII stand-in of a non-ASCII character in ``_initials``, as ``WORD`` reads it."""
    if char == "’" or char.isdecimal():
        return "_"  # runs on a word, never starts one
    if char.isalnum():
        return "a" if char.islower() else "A"
    return " "


# The non-ASCII characters of most English paragraphs: tested one by one, they spare the
# set of all the characters of the paragraph. MASK is the prose view's.
_COMMON_STAND_INS = tuple((char, _word_class(char)) for char in f"’‘“”—–…\u00a0£€é{MASK}")


def is_credit_line(line: str) -> bool:
    lowered = line.strip().lower().lstrip("-—–~ ")
    return lowered.startswith(CREDIT_LINE_PREFIXES) or bool(BARE_ADDRESS.match(line.strip()))


def continues_sentence(prose: str) -> bool:
    """Whether a paragraph's first line reads as the rest of a sentence: a lowercase word.

    Enumerations ("a) …", "iv. …") and code-like lines ("pip install x", "x = 1") start in
    lowercase too and are not continuations.
    """
    if not prose[:1].isalpha() or not prose[0].islower():
        return False  # the first character of the first line (a paragraph starts on it)
    line = prose.split("\n", 1)[0]
    first = line.split(" ", 1)[0]
    line = head_of(prose)
    # "iPhone", "eBay", "macOS": names that start in lowercase, often right after a heading.
    if ENUMERATION.match(line) or CODE_LIKE.search(first) or any(char.isupper() for char in first):
        return False
    return bool(WORD.match(line)) and not LABEL.match(line) and is_prose_line(line)


def starts_capitalised_prose(prose: str) -> bool:
    return prose[:1].isupper() and is_prose_line(head_of(prose)) and is_prose_like(prose, minimum_words=6)


# What head_of and end_of read of a paragraph.
HEAD_CHARACTERS = 200


def head_of(prose: str) -> str:
    """The start of a paragraph, about 80 characters, across hard wraps: what is judged
    as prose or code on the far side of a break. A short first line of a hard-wrapped
    paragraph ("coding" / "in, it will …") is read with the next ones, and a domain far
    along a long line does not make the break code."""
    text = " ".join(line.strip() for line in prose[:HEAD_CHARACTERS].split("\n"))
    cut = text.find(" ", 80)
    return text if cut == -1 else text[:cut]


def end_of(prose: str) -> str:
    """The end of a paragraph, about 80 characters, across hard wraps (see ``head_of``)."""
    text = " ".join(line.strip() for line in prose[-HEAD_CHARACTERS:].split("\n"))
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


def is_wordy(line: str) -> bool:
    """Two real words and mostly letters: prose rather than a formula or a code line."""
    long_words = sum(1 for word in words_of(line) if len(word) > 1)
    if long_words < 2:
        return False
    # str.split() drops exactly the characters str.isspace() accepts; letters are neither
    # white space nor MASK.
    visible = len("".join(line.split())) - line.count(MASK)
    letters = sum(map(str.isalpha, line))
    return letters >= 0.5 * visible


@lru_cache(maxsize=4096)
def is_prose_line(line: str) -> bool:
    """A line of running text: words, not code, a formula, columns or a label."""
    return is_wordy(line) and not CODE_MARKS.search(line) and not TABULAR.search(line.strip())


def is_list_line(line: str) -> bool:
    return bool(LIST_MARKER.match(line))


def snippet(text: str, *, head: bool) -> str:
    """A few words from the start (``head``) or the end of a line, for messages."""
    words = text.split()
    picked = words[:3] if head else words[-3:]
    return " ".join(picked).replace(MASK, "…")


def capital_ratio(lines: list[str]) -> float:
    """Share of lines after the first that start (after indentation) with a capital."""
    starts = [line.lstrip()[:1] for line in lines[1:]]
    letters = [char for char in starts if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if char.isupper()) / len(letters)
