"""Direct speech standing without its quotation marks: the evidence QUO002 and QUO003 share.

A sentence of a paragraph that holds no quotation mark is a *candidate* when it attributes
words to a speaker in the shapes direct speech takes:

- a trailing attribution: "We will strive for closer ties, Putin said." (also "said Mr
  Owen", "he told Xinhua", "…, according to Mr Li");
- a colon after a verb of saying: "Xi said: China hopes …";
- a sentence that goes on speaking in the first person right after one of those.

A candidate is reported when the evidence adds up: words in the first or second person
(I, we, our, you …) inside a third-person article, a present or future tense where indirect
speech would have shifted to the past, a contraction, an inverted attribution ("said Mr
Owen"), a colon. Indirect speech ("he said that the plan was dead") has none of these
shapes; headings and list items are never looked at; a document whose own narrative speaks
in the first person (an essay, a novel written as "I") is left alone.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from doclint import Document
from doclint.text import MASK

from .options import quote_options
from .paragraphs import ends_sentence
from .words import COLON_VERBS, FIRST_SECOND_PERSON, PARTICIPLES, SPEECH_VERBS, TRAILING_VERBS

# Each mark a branch of its own, not one character class: when every branch starts with a
# literal, the regex engine skips to those characters, where a class in the first branch
# makes it try every branch at every character. The same matches.
DOUBLE_MARKS = re.compile('"|“|”|«|»|„|「|」|『|』|&quot;|&[lr]dquo;|â€[œ\x9d\ufffd]')
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# Sentence ends: terminal punctuation, then space and something that can start a sentence.
# Abbreviations and initials are rejoined afterwards.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[)\]'’”\"]*\s+(?=[A-Z0-9‘'(\[“\"«])")
# The same, found from the terminal punctuation on (one character before the break): a
# pattern that starts with a lookbehind is tried at every character, this one only at
# terminal punctuation. Matches of both are the same where the text before ``start`` plays no part.
TERMINAL_BREAK = re.compile(r"[.!?][)\]'’”\"]*\s+(?=[A-Z0-9‘'(\[“\"«])")
# Words whose period ends no sentence, as written (case counts: "No." but not "no.").
_SENTENCE_ABBREVIATIONS = """
    Mr Mrs Ms Dr Prof Sr Jr St Gen Col Lt Sgt Capt Gov Sen Rep Rev Hon No Nos Vol Fig Jan Feb Mar Apr
    Jun Jul Aug Sep Sept Oct Nov Dec Inc Ltd Co Corp vs etc approx cf al
"""
SENTENCE_ABBREVIATIONS = tuple(_SENTENCE_ABBREVIATIONS.split())
ABBREVIATION = re.compile(rf"(?:\b(?:{'|'.join(SENTENCE_ABBREVIATIONS)})|\b[A-Z]|\b(?:e\.g|i\.e|[A-Z]\.[A-Z]))\.$")


def _not_after_abbreviation() -> str:
    """Lookbehinds that fail after what ``ABBREVIATION`` matches ("Mr.", "J.", "e.g.", "U.S.")."""
    by_length: dict[int, list[str]] = {}
    for word in SENTENCE_ABBREVIATIONS:
        by_length.setdefault(len(word), []).append(word)
    # "U.S." ends with the initial "S.": the initial's lookbehind covers it
    forms = [rf"\b(?:{'|'.join(words)})\." for _, words in sorted(by_length.items())]
    forms += [r"\b[A-Z]\.", r"\b(?:e\.g|i\.e)\."]
    return "".join(f"(?<!{form})" for form in forms)


# TERMINAL_BREAK without the breaks that ABBREVIATION rejoins: the regex engine rejects
# them, where ``sentences`` would try ABBREVIATION at each one.
_AFTER_TERMINAL = _not_after_abbreviation() + r"[)\]'’”\"]*\s+(?=[A-Z0-9‘'(\[“\"«])"
BREAK = re.compile(r"[.!?]" + _AFTER_TERMINAL)
# BREAK by its terminal mark, for a whole document: a literal first character is skipped
# to far faster than a class is tested at every character. The matches of the three are
# those of BREAK, as none can start inside another (only closing marks and white space
# follow the terminal mark).
BREAKS_AFTER = tuple((mark, re.compile(re.escape(mark) + _AFTER_TERMINAL)) for mark in ".!?")


def _breaks(prose: str) -> list[tuple[int, int]]:
    """The spans of BREAK's matches in the whole of ``prose``, in order (see ``sentences``)."""
    found: list[tuple[int, int]] = []
    for mark, pattern in BREAKS_AFTER:
        if mark in prose:
            found.extend(map(re.Match.span, pattern.finditer(prose)))
    found.sort()
    return found


TITLE = r"(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Dame|President|Prime Minister|Chancellor|Minister|Secretary|Judge|Senator|General|Captain|Coach)"
PROPER = r"[A-Z][\w'’.-]*"
PRONOUN = r"(?:he|she|they|it)"
# "the company", "a spokesman", "its chief executive", "Vodafone's boss" ...
COMMON = r"(?:the|a|an|its|his|her|their|one)\s+[\w'’-]+(?:\s+[\w'’-]+){0,4}?"
NAMED = rf"(?:{TITLE}\s+)?{PROPER}(?:\s+(?:{PROPER}|of|de|van|von|al|bin)){{0,4}}?"
POSSESSIVE_NAMED = rf"{PROPER}(?:\s+{PROPER}){{0,2}}['’]s\s+[\w'’-]+(?:\s+[\w'’-]+){{0,3}}?"


@dataclass(frozen=True)
class Candidate:
    """A span of text that reads as a quotation stripped of its marks, and why."""

    start: int
    end: int
    evidence: tuple[str, ...]
    attribution: str
    kind: str  # "attributed", "colon" or "continued"


@dataclass
class Analysis:
    candidates: list[Candidate] = field(default_factory=list)
    reported: list[Candidate] = field(default_factory=list)
    has_double_quotes: bool = False
    attributed_paragraphs: int = 0
    first_person_narrative: bool = False
    stripped_style: bool = False


_CACHE: weakref.WeakKeyDictionary[Document, tuple[str, Analysis]] = weakref.WeakKeyDictionary()


def analyse(document: Document, options: Mapping[str, Any]) -> Analysis:
    """The stripped-quotation evidence of a document (cached: two rules share it)."""
    key = repr(sorted(options.items()))
    cached = _CACHE.get(document)
    if cached is not None and cached[0] == key:
        return cached[1]
    analysis = _analyse(document, quote_options(options).speech_verbs)
    _CACHE[document] = (key, analysis)
    return analysis


def _verb_pattern(verbs: frozenset[str]) -> str:
    return "(?:" + "|".join(sorted(verbs, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Patterns:
    trailing: re.Pattern[str]
    colon: re.Pattern[str]
    embedded: re.Pattern[str]
    any_verb: re.Pattern[str]
    keyword: re.Pattern[str]
    roles: dict[str, int]
    ungated: int  # the roles every sentence has, when the words cannot be trusted to find them
    # ``keyword`` over the document as ASCII bytes, a space before the word (see ``_keywords``),
    # and the roles by bytes; None when a word is not all ASCII word characters.
    spaced: re.Pattern[bytes] | None
    byte_roles: dict[bytes, int]
    trailing_word: re.Pattern[str]  # a word every match of ``trailing`` holds, anywhere, even inside a word


_PATTERNS: dict[frozenset[str], _Patterns] = {}


def _patterns(extra: frozenset[str]) -> _Patterns:
    patterns = _PATTERNS.get(extra)
    if patterns is None:
        verbs = _verb_pattern(TRAILING_VERBS | extra)
        # "Said the Pew report: …" starts a sentence; the capital is allowed on the first letter only,
        # so that "the United States" is no verb.
        colon_verbs = (
            "(?:"
            + "|".join(
                f"[{verb[0].upper()}{verb[0]}]{verb[1:]}"
                for verb in sorted(COLON_VERBS | PARTICIPLES | extra, key=len, reverse=True)
            )
            + ")"
        )
        speaker = rf"(?:{NAMED}|{COMMON}|{POSSESSIVE_NAMED})"
        trailing = re.compile(
            rf"(?P<sep>,\s*|\s+)(?P<attr>"
            rf"(?P<inverted>{verbs}\s+(?:[\w'’.-]+\s+){{0,4}}?{speaker}(?:,.*)?)"
            rf"|(?:{PRONOUN}|{speaker})\s+(?P<perfect>has\s+|have\s+|had\s+)?(?:later\s+|also\s+|then\s+)?{verbs}"
            rf"(?P<rest>(?:\s+[\w'’.-]+){{0,8}})"
            rf"|according\s+to\s+{speaker}(?:,.*)?"
            rf"|(?:{PRONOUN}|{speaker})\s+quoted\s+[^,]{{1,80}}?\s+as\s+saying)$"
        )
        colon = re.compile(rf"\b{colon_verbs}\b[^.:;!?\n]{{0,60}}:\s+(?=[A-Z])")
        embedded = re.compile(rf"\b(?:{PRONOUN}|{NAMED}|{COMMON})\s+(?:has\s+|had\s+)?{verbs}\b|\b(?:saying|adding)\b")
        any_verb = re.compile(rf"\b{_verb_pattern(SPEECH_VERBS | extra)}\b")
        # Every pattern above but colon (which needs a colon) needs one of these words, whole: a
        # sentence without one is matched by none. A verb of saying is one with the role SPEAKS.
        roles: dict[str, int] = {}
        for words, role in (
            (SPEECH_VERBS | extra, SPEAKS),
            (TRAILING_VERBS | extra, TRAILS | EMBEDS),
            (TRAILING_KEYWORDS, TRAILS),
            (EMBEDDED_KEYWORDS, EMBEDS),
        ):
            for word in words:
                roles[word] = roles.get(word, 0) | role
        if not all(char.isalpha() for verb in extra for char in verb):
            # "cross-examined" as a whole word may hide a word of another role ("cross" …)
            roles = dict.fromkeys(roles, UNSURE | TRAILS | EMBEDS)
        trie = _trie(set(roles))
        keyword = re.compile(rf"(?<!\w)(?:{trie})\b")  # (?<!\w): \b before a letter, but faster
        spaced = None
        if all(word.isascii() and WORD_CHARS.fullmatch(word) for word in roles):
            spaced = re.compile(rf" (?:{trie})\b".encode())
        byte_roles = {word.encode(): role for word, role in roles.items()}
        # "-said" or "said-": a word boundary is not where the patterns would look for it
        ungated = 0 if all(verb[0].isalpha() and verb[-1].isalpha() for verb in extra) else UNSURE | TRAILS | EMBEDS
        trailing_word = re.compile(_trie(set(TRAILING_VERBS | extra | TRAILING_KEYWORDS)))
        patterns = _PATTERNS[extra] = _Patterns(
            trailing, colon, embedded, any_verb, keyword, roles, ungated, spaced, byte_roles, trailing_word
        )
    return patterns


WORD_CHARS = re.compile(r"\w+")


def _keywords(prose: str, patterns: _Patterns) -> list[tuple[int, int]] | None:
    """The offsets and roles of every match of ``patterns.keyword`` in ``prose``, in order.

    The regex engine skips to a literal first character far faster than it tries a
    lookbehind at every character. So the text is read as ASCII bytes in which every
    character that is no ASCII word character is a space (one byte a character, offsets
    kept), and a word is found after a space. A non-ASCII letter next to a word became a
    space too: each match is checked against the text. Exact when every word is made of
    ASCII word characters (a match is then a whole run of them, so no match hides
    another); None when that does not hold. Only a word next to a "?" of the ASCII
    reading (a "?" or a character that is not ASCII) needs that check.
    """
    if patterns.spaced is None:
        return None
    roles = patterns.byte_roles
    found: list[tuple[int, int]] = []
    ascii_text = prose.encode("ascii", "replace")
    spaced = b" " + ascii_text.translate(SPACES_FOR_NON_WORDS)
    question = ord("?")
    length = len(prose)
    for match in patterns.spaced.finditer(spaced):
        start = match.start()  # the space before the word is the byte before the text's first
        end = match.end() - 1
        # ASCII on both sides: the space and the word boundary of the match are the text's own
        ascii_flanks = (start == 0 or ascii_text[start - 1] != question) and (
            end == length or ascii_text[end] != question
        )
        if ascii_flanks or (
            (start == 0 or not WORD_CHARS.match(prose, start - 1)) and not WORD_CHARS.match(prose, end)
        ):
            found.append((start, roles[match.group()[1:]]))
    return found


# Every byte but an ASCII letter, digit or "_" (the ASCII word characters) made a space.
SPACES_FOR_NON_WORDS = bytes(
    byte if chr(byte).isascii() and WORD_CHARS.fullmatch(chr(byte)) else ord(" ") for byte in range(256)
)


def _block_keywords(
    prose: str, start: int, end: int, patterns: _Patterns, found: list[tuple[int, int]] | None
) -> list[tuple[int, int]]:
    """The keywords of ``prose[start:end]`` read alone, so that a word at its edges is bounded as in a sentence of it.

    From the document's ``found`` (``_keywords``) when a character that is no word
    character, or the text's edge, flanks the block: the block's words are then those of
    the whole text that start in it.
    """
    if (
        found is not None
        and (start == 0 or not WORD_CHARS.match(prose, start - 1))
        and not WORD_CHARS.match(prose, end)
    ):
        return found[bisect_left(found, (start, -1)) : bisect_left(found, (end, -1))]
    roles = patterns.roles
    return [(start + match.start(), roles[match.group()]) for match in patterns.keyword.finditer(prose[start:end])]


# The literal words of the trailing and embedded patterns besides the verbs.
TRAILING_KEYWORDS = frozenset(("according", "quoted"))
EMBEDDED_KEYWORDS = frozenset(("saying", "adding"))
# What a word can be: a verb of saying, the start of a trailing or of an embedded attribution.
# UNSURE: any_verb must be searched for.
SPEAKS, TRAILS, EMBEDS, UNSURE = 1, 2, 4, 8


def _trie(words: set[str]) -> str:
    """An alternation of ``words`` factored by first letters: Python's re tries each branch in turn."""
    heads: dict[str, set[str]] = {}
    for word in words:
        heads.setdefault(word[0], set()).add(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        rest = {tail for tail in tails if tail}
        if not rest:
            branches.append(re.escape(head))
        else:
            optional = "?" if "" in tails else ""
            branches.append(f"{re.escape(head)}(?:{_trie(rest)}){optional}")
    return "|".join(branches)


# The longest match of ABBREVIATION ("approx."): it ends where the sentence would, so only
# the sentence's last characters need searching.
ABBREVIATION_SPAN = 16


def sentences(prose: str, start: int, end: int, breaks: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``prose[start:end]``, abbreviations and initials not ending one.

    ``breaks``, the document's ``_breaks``, spares a scan: BREAK matches ``prose[start:end]``
    where it matches the whole text, except at the end, where its lookahead must see a
    character before ``end``.
    """
    if start and (prose[start - 1] in ".!?" or prose[start - 1].isalpha()):
        # The text before counts: as a sentence end, or as part of an abbreviation before start.
        return _sentences_slowly(prose, start, end)
    if breaks is None:
        matches = [match.span() for match in BREAK.finditer(prose, start, end)]
    else:
        first = bisect_left(breaks, (start, -1))
        matches = breaks[first : bisect_left(breaks, end, first, key=itemgetter(1))]
    spans: list[tuple[int, int]] = []
    begin = start
    for match_start, match_end in matches:
        stop = match_start + 1
        # Only the first break can be this close: every later sentence starts with a
        # character that is no terminal punctuation (BREAK's lookahead).
        if stop - begin < 2:
            continue
        spans.append((begin, stop))
        begin = match_end
    if begin < end:
        spans.append((begin, end))
    return spans


def _sentences_slowly(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """``sentences`` where the text before ``start`` is part of a match: each break is read here."""
    spans: list[tuple[int, int]] = []
    begin = start
    # TERMINAL_BREAK matches one character early; SENTENCE_BREAK where the text before counts
    pattern, shift = (SENTENCE_BREAK, 0) if start and prose[start - 1] in ".!?" else (TERMINAL_BREAK, 1)
    for match in pattern.finditer(prose, start, end):
        stop = match.start() + shift
        if stop - begin < 2 or (
            prose[stop - 1] == "."
            and not (stop >= 8 and prose[stop - 8 : stop - 1].isalnum())  # seven letters: no abbreviation
            and ABBREVIATION.search(prose, max(begin, stop - ABBREVIATION_SPAN), stop)
        ):
            continue
        spans.append((begin, stop))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


def _words(text: str) -> list[str]:
    return [word.lower().replace("’", "'") for word in WORD.findall(text)]


def _persons(text: str) -> list[str]:
    found = []
    for token in WORD.findall(text):
        if token.isupper() and len(token) > 1:
            continue  # "US" is the United States
        word = token.lower().replace("’", "'")
        if word in FIRST_SECOND_PERSON and word not in found:
            found.append(word)
    return found


def _analyse(document: Document, extra_verbs: frozenset[str]) -> Analysis:
    analysis = Analysis()
    prose = document.prose
    quoted = analysis.has_double_quotes = bool(DOUBLE_MARKS.search(prose))
    patterns = _patterns(extra_verbs)
    # First pass: only the sentences with a verb of saying, and those right after a candidate,
    # are read. A sentence that can only speak in its own voice unattributed ("open"), and a
    # block with no verb at all, wait until the document's style or its narrative matters.
    entries: list[_Entry] = []
    found = _keywords(prose, patterns)
    breaks = _breaks(prose)
    for block in document.blocks:
        if block.kind not in ("paragraph", "quote") or _headline(prose, block.start, block.end):
            continue
        words = _block_keywords(prose, block.start, block.end, patterns, found)
        plain = not patterns.ungated and prose.find(":", block.start, block.end) < 0
        if plain and not words:
            entries.append((BLOCK, block.start, block.end, None))
        elif plain and all(role == SPEAKS for _, role in words):
            # Words that can only speak: every sentence with one attributes speech, and none
            # is a candidate (nor is the next), so the block's sentences wait too.
            entries.append((SPEAKING, block.start, block.end, None))
            analysis.attributed_paragraphs += 1
        elif _read_block(prose, block.start, block.end, patterns, words, quoted, entries, breaks):
            analysis.attributed_paragraphs += 1
    candidates = [entry[3] for entry in entries if entry[3] is not None]
    said = [candidate for candidate in candidates if candidate.kind in SAID[:3]]
    strong = sum(1 for candidate in said if _strong(candidate))
    # The document's style as evidence: no quotation mark anywhere, though it attributes
    # speech more than once and at least once in the speaker's own words.
    # an attribution inside a sentence ("…, the ministry said, as …") is weak on its own
    weak = sum(1 for candidate in said if candidate.evidence and candidate.kind != "interrupted")
    stripped_style = not quoted and len(said) >= 2 and (strong >= 1 or weak >= 2)
    if stripped_style:
        entries = _resolve(prose, entries, quoted, patterns, found)
        candidates = [entry[3] for entry in entries if entry[3] is not None]
    # Unattributed sentences are only reported in that style, and never decide another's fate.
    reported = _report(candidates, stripped_style)
    analysis.candidates = candidates
    analysis.stripped_style = stripped_style
    if not reported:
        return analysis  # whether the narrative speaks as "I" changes nothing
    if not stripped_style:
        entries = _resolve(prose, entries, quoted, patterns, found)
    narrative_sentences = 0
    narrative_first_person = 0
    for kind, begin, stop, _ in entries:
        if kind in (NONE, OWN):  # the narrative's own sentences: do they speak as "I"?
            narrative_sentences += 1
            narrative_first_person += any(word in OWN_PERSON for word in _persons(prose[begin:stop]))
    analysis.first_person_narrative = (
        narrative_first_person >= NARRATIVE_MIN and narrative_first_person >= NARRATIVE_SHARE * narrative_sentences
    )
    if analysis.first_person_narrative:
        analysis.stripped_style = False
    else:
        analysis.reported = reported
    return analysis


# A sentence of the first pass: (kind, begin, end, candidate). A candidate; a sentence with
# none ("none"); one whose own voice is not read yet ("open"); a block not yet split ("block");
# a block not yet read whose words can only speak ("speaking"); once resolved, a sentence in
# its own voice with no speaker named ("own").
_Entry = tuple[str, int, int, "Candidate | None"]
CANDIDATE, NONE, OPEN, BLOCK, SPEAKING, OWN = "candidate", "none", "open", "block", "speaking", "own"


def _read_block(
    prose: str,
    start: int,
    end: int,
    patterns: _Patterns,
    words: list[tuple[int, int]],
    quoted: bool,
    entries: list[_Entry],
    breaks: list[tuple[int, int]] | None = None,
) -> bool:
    """Add the sentences of a block with a verb of saying to ``entries``; True when it attributes speech.

    ``breaks``: the document's sentence breaks, if already found (see ``sentences``).
    """
    attributed = False
    last_candidate = -2  # index of the sentence that gave the last candidate
    spans = sentences(prose, start, end, breaks)
    stops = [stop for _, stop in spans]
    # What the words of each sentence can be: a word is in the first sentence that ends
    # after it starts. Between two sentences lie only closing marks and white space, so
    # a colon of the block is in a sentence too.
    sentence_roles: dict[int, int] = {}
    for offset, role in words:
        number = bisect_right(stops, offset)
        sentence_roles[number] = sentence_roles.get(number, 0) | role
    colons: set[int] = set()
    colon_at = prose.find(":", start, end)
    while colon_at >= 0:
        colons.add(bisect_right(stops, colon_at))
        colon_at = prose.find(":", colon_at + 1, end)
    for number, (begin, stop) in enumerate(spans):
        roles = patterns.ungated | sentence_roles.get(number, 0)
        colon = number in colons
        if not roles and not colon and last_candidate != number - 1:
            entries.append((OPEN, begin, stop, None))
            continue
        text = prose[begin:stop]
        speaks = bool(patterns.any_verb.search(text)) if roles & UNSURE else roles & SPEAKS
        if MASK in text or (quoted and DOUBLE_MARKS.search(text)):
            # already quoted (or partly): not a stripped quotation
            if speaks:
                attributed = True
            continue
        candidate = (
            (_colon(text, begin, patterns) if colon else None)
            or (_trailing(text, begin, patterns) if roles & TRAILS else None)
            or (_embedded(text, begin, patterns) if roles & EMBEDS else None)
        )
        if candidate is None and not speaks:
            if last_candidate != number - 1:
                entries.append((OPEN, begin, stop, None))
                continue
            evidence = _own_voice(text)
            if evidence:
                candidate = Candidate(begin, _strip_end(prose, begin, stop), tuple(evidence), "", "continued")
            elif PRESENT.search(text) and not PAST.search(text):
                candidate = Candidate(
                    begin, _strip_end(prose, begin, stop), ("the present tense",), "", "continued-weak"
                )
        if candidate is not None and _speaker_is_narrator(candidate):
            candidate = None  # "I told the driver I would …": the narrator reports
        if candidate is not None:
            attributed = attributed or candidate.kind in SAID
            entries.append((CANDIDATE, begin, stop, candidate))
            last_candidate = number
        else:
            entries.append((NONE, begin, stop, None))
            if speaks:
                attributed = True
    return attributed


def _resolve(
    prose: str, entries: list[_Entry], quoted: bool, patterns: _Patterns, found: list[tuple[int, int]] | None
) -> list[_Entry]:
    """The entries with every open sentence read: in its own voice ("own"), or not ("none")."""
    resolved: list[_Entry] = []
    for entry in entries:
        kind, start, end, _ = entry
        if kind == SPEAKING:
            read: list[_Entry] = []
            _read_block(prose, start, end, patterns, _block_keywords(prose, start, end, patterns, found), quoted, read)
            resolved.extend(_resolve(prose, read, quoted, patterns, found))
            continue
        if kind not in (OPEN, BLOCK):
            resolved.append(entry)
            continue
        for begin, stop in sentences(prose, start, end) if kind == BLOCK else [(start, end)]:
            text = prose[begin:stop]
            if MASK in text or (quoted and DOUBLE_MARKS.search(text)):
                continue
            evidence = _own_voice(text)
            if evidence:
                candidate = Candidate(begin, _strip_end(prose, begin, stop), tuple(evidence), "", "unattributed")
                resolved.append((OWN, begin, stop, candidate))
            else:
                resolved.append((NONE, begin, stop, None))
    return resolved


def _report(candidates: list[Candidate], stripped_style: bool) -> list[Candidate]:
    reported: list[Candidate] = []
    previous_reported = False
    previous: Candidate | None = None
    for candidate in candidates:
        if candidate.kind == "continued" and not previous_reported and previous is not None and previous.kind in SAID:
            # "…, said Ian Hunter. Now there's a question mark over it.": the speaker's own voice
            # right after the attribution shows the attributed words were quoted too
            reported.append(
                Candidate(
                    previous.start,
                    previous.end,
                    (*previous.evidence, "the next sentence in the speaker's own voice"),
                    previous.attribution,
                    previous.kind,
                )
            )
            previous_reported = True
        if candidate.kind == "continued":
            keep = previous_reported
        elif candidate.kind == "continued-weak":
            # in a document that lost every mark, a present-tense sentence after a quotation goes on with it
            keep = previous_reported and stripped_style
        elif candidate.kind == "unattributed":
            # first-person words with no speaker named: only where the document lost every mark
            keep = stripped_style
        else:
            keep = _convincing(candidate, stripped_style)
        if keep:
            reported.append(candidate)
        previous_reported = keep
        previous = candidate
    return reported


# An essay, a speech or a novel written as "I": at least this many of its own sentences,
# and this share of them, speak in the first or second person. Douglass's speeches taught
# it: their "I told the driver I would make it right" is narration, not a lost quotation.
NARRATIVE_MIN = 3
NARRATIVE_SHARE = 0.15
SAID = ("attributed", "colon", "embedded", "interrupted")


def _speaker_is_narrator(candidate: Candidate) -> bool:
    words = _words(candidate.attribution)
    return bool(words) and words[0] in ("i", "we")


TITLE_SHARE = 0.4


def _own_voice(text: str) -> list[str]:
    """Evidence that a sentence speaks in someone's own voice: I/we/our, a contraction."""
    evidence: list[str] = []
    words = WORD.findall(text)
    if sum(word[0].isupper() for word in words) > TITLE_SHARE * len(words):
        return evidence  # a list of titles: "Losing My Religion, I've Been High, The One I Love"
    persons = [word for word in _persons(text) if word in OWN_PERSON]
    if persons:
        evidence.append(_person_evidence(persons))
    if CONTRACTION.search(text):
        evidence.append("a contraction")
    return evidence


def _strip_end(prose: str, begin: int, stop: int) -> int:
    while stop > begin and prose[stop - 1] in ".!?;, \t\n":
        stop -= 1
    return stop


def _person_evidence(persons: list[str]) -> str:
    shown = ("I" if word == "i" else "I" + word[1:] if word.startswith("i'") else word for word in persons[:3])
    return "first/second-person " + ", ".join(f"'{word}'" for word in shown)


# Words that start a clause of their own after the verb of an attribution.
CLAUSE_WORDS = frozenset(
    [
        "that",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "would",
        "will",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "could",
        "should",
        "may",
        "might",
        "can",
        "this",
        "these",
        "those",
        "there",
    ]
)

PRESENT = re.compile(
    r"\b(?:is|are|am|has|have|do|does|don't|doesn't|isn't|aren't|haven't|hasn't|will|won't|can|can't|cannot|must|should|shall|need|needs)\b|['’](?:re|ve|ll)\b",
    re.IGNORECASE,
)
PAST = re.compile(r"\b(?:was|were|had|would|could|did|didn't|wasn't|weren't|might)\b", re.IGNORECASE)
# "'s" only after a pronoun: after a noun it is as often the possessive.
CONTRACTION = re.compile(
    r"\b(?:[A-Za-z]+n['’]t|I['’]m|[A-Za-z]+['’](?:re|ve|ll|d)|(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hat|[Tt]here|[Ww]hat|[Ll]et)['’]s)\b"
)


COMMA = re.compile(r",\s")
# A "sentence" longer than this (a table, a list, text without sentence ends) is not
# searched for an attribution that interrupts it: each comma would read it all again.
LONGEST_SENTENCE = 2000


def _trailing(text: str, begin: int, patterns: _Patterns) -> Candidate | None:
    """ "…, Putin said." or, interrupting the sentence, "We found clues, the spokeswoman said, which …"."""
    body = text.rstrip(" .!?")
    candidate = _attributed(body, begin, patterns)
    if candidate is not None:
        return candidate
    # Every attribution holds one of the trailing words: a clause before the first one holds none.
    first = patterns.trailing_word.search(body)
    if first is None:
        return None
    if len(body) > LONGEST_SENTENCE:
        return None
    words: list[int] | None = None  # where the words start; no word runs over a comma
    for comma in COMMA.finditer(body, first.start() + 1):
        if words is None:
            words = [word.start() for word in WORD.finditer(body)]
        if bisect_left(words, comma.start()) >= 6:
            candidate = _attributed(body[: comma.start()], begin, patterns)
            if candidate is not None and candidate.attribution:
                return Candidate(
                    candidate.start, candidate.end, candidate.evidence, candidate.attribution, "interrupted"
                )
    return None


def _attributed(body: str, begin: int, patterns: _Patterns) -> Candidate | None:
    match = patterns.trailing.search(body)
    if match is None:
        return None
    clause = body[: match.start()]
    if len(_words(clause)) < 4 or clause.rstrip().endswith((" that", " whether", " if")):
        return None
    if match.group("sep").strip() != "," and not match.group("inverted"):
        return None  # "the plan was dead he said" is too loose without its comma
    if clause[:1].islower():
        return None
    rest = _words(match.group("rest") or "")
    if match.group("inverted"):
        rest = _words(match.group("inverted").split(",")[0])[1:]
    if any(word in CLAUSE_WORDS for word in rest):
        return None  # "…, it said it would not make" goes on with a clause of its own
    evidence = []
    persons = _persons(clause)
    if persons:
        evidence.append(_person_evidence(persons))
    if CONTRACTION.search(clause):
        evidence.append("a contraction")
    if PRESENT.search(clause) and not PAST.search(clause):
        evidence.append("the present tense")
    if match.group("inverted") and not match.group("attr").startswith("according"):
        evidence.append("an inverted attribution")
    if match.group("perfect"):
        # "…, the BBC has said" sums up what was said: a lede's indirect speech
        evidence = [item for item in evidence if item.startswith(STRONG)]
    attribution = match.group("attr").split(",")[0].strip()
    end = begin + len(clause.rstrip(" ,"))
    return Candidate(begin, end, tuple(evidence), attribution, "attributed")


# "Gail Berman said in the case of this fall we drifted …": reported speech keeps the
# speaker in the third person, so I/we/our after the verb are the speaker's own words.
# "you" is left out: it is as often the generic "you".
OWN_PERSON = frozenset(word for word in FIRST_SECOND_PERSON if not word.startswith("you"))


INDIRECT = re.compile(r"\s*(?:(?:me|us|him|her|them|reporters|[A-Z][\w'’.-]*)\s+)?(?:that|whether|if|how|why|what)\b")


# A paragraph cut mid-sentence is longer than a headline and still worth reading.
HEADLINE_WORDS = 20


def _headline(prose: str, start: int, end: int) -> bool:
    """A one-line block without terminal punctuation: a headline, a caption, a byline."""
    if ends_sentence(prose, start, end):
        return False
    text = prose[start:end]
    return "\n" not in text and len(text.split()) <= HEADLINE_WORDS


def _embedded(text: str, begin: int, patterns: _Patterns) -> Candidate | None:
    match = patterns.embedded.search(text)
    if match is None:
        return None
    after = text[match.end() :]
    if INDIRECT.match(after):
        return None  # "he told us that …", "she said that we …": reported speech
    persons = [word for word in _persons(after) if word in OWN_PERSON]
    if not persons or len(_words(after)) < 4:
        return None
    stop = begin + len(text.rstrip(" .!?;,"))
    start = begin + match.end()
    while start < stop and text[start - begin].isspace():
        start += 1
    return Candidate(start, stop, (_person_evidence(persons),), match.group().strip(), "embedded")


def _colon(text: str, begin: int, patterns: _Patterns) -> Candidate | None:
    match = patterns.colon.search(text)
    if match is None or (text[match.start()].isupper() and match.start() > 0):
        return None  # a capital verb only opens a sentence ("Said the report: …")
    quoted = text[match.end() :].rstrip(" ")
    if len(_words(quoted)) < 4:
        return None
    evidence = ["a colon after the verb of saying"]  # "a colon" is strong evidence
    persons = _persons(quoted)
    if persons:
        evidence.append(_person_evidence(persons))
    subject = re.search(r"(?:\S+\s+){0,2}$", text[: match.start()])
    attribution = text[subject.start() if subject else match.start() : match.end()].strip().rstrip(":")
    stop = begin + len(quoted.rstrip(" .!?;,")) + match.end()
    return Candidate(begin + match.end(), stop, tuple(evidence), attribution, "colon")


# Evidence that alone makes a quotation: the speaker's own person, a contraction, a colon.
STRONG = ("first/second", "a contraction", "a colon")


def _strong(candidate: Candidate) -> bool:
    return any(item.startswith(STRONG) for item in candidate.evidence)


def _convincing(candidate: Candidate, stripped_style: bool) -> bool:
    """Strong evidence, or two weaker kinds, or one in a document that lost all its quotation marks."""
    if _strong(candidate):
        return True
    # Present tense with "said Mr X" alone is also how news reports indirect speech
    # ("…, said Dr Nobles"): only a document that lost all its quotation marks counts it.
    return stripped_style
