"""A deterministic benchmark corpus: varied documents with defects, built from word lists.

Nothing here comes from a real document: sentences are drawn from the small vocabulary
and templates below with a seeded ``random.Random``, so the same seed and size always give
the same bytes. The kinds of text mirror what doclint is used on: news-like articles with
dialogue (straight and curly quotes), hard-wrapped prose, technical Markdown with code,
links and lists, and passages in other scripts. About half the documents carry one to
three defects of the kinds the built-in families look for (mojibake, lost or escaped
characters, unbalanced quotes, truncation, broken paragraphs, stray punctuation).
"""

from __future__ import annotations

import gzip
import json
import random
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUBJECTS = (
    "The council",
    "The minister",
    "A spokesman",
    "The company",
    "Officials",
    "The report",
    "The committee",
    "Mr. Harrington",
    "Dr. Okafor",
    "Ms. Lindqvist",
    "The union",
    "Researchers",
    "The festival",
    "Local residents",
    "The court",
    "The chairman",
    "Analysts",
    "The museum",
    "The team",
    "Investors",
    "The U.S. embassy",
)
VERBS = (
    "said",
    "announced",
    "warned",
    "confirmed",
    "denied",
    "reported",
    "argued",
    "suggested",
    "insisted",
    "estimated",
    "revealed",
    "acknowledged",
    "predicted",
    "claimed",
    "explained",
)
OBJECTS = (
    "the plan would cost more than expected",
    "sales had risen for a third year",
    "the talks would resume",
    "the decision was taken too quickly",
    "a new site would open in the spring",
    "prices were likely to fall",
    "the figures were disappointing",
    "the project had been delayed again",
    "more staff would be hired",
    "the results were better than forecast",
    "the scheme had been a success",
    "the vote would go ahead",
    "there was no evidence of wrongdoing",
    "the market remained fragile",
    "the rules needed to change",
)
CLAUSES = (
    "after weeks of negotiation",
    "despite strong opposition",
    "according to figures published on Monday",
    "in a statement on Tuesday",
    "for the first time since 1998",
    "by the end of the year",
    "in the northern region",
    "at a meeting in the capital",
    "e.g. in schools and hospitals",
    "with support from 3.5% of voters",
    "during the summer months",
    "on behalf of the shareholders",
)
ADJECTIVES = ("significant", "modest", "sharp", "steady", "unexpected", "welcome", "costly", "major", "gradual")
NOUNS = (
    "increase",
    "decline",
    "change",
    "improvement",
    "setback",
    "investment",
    "shortfall",
    "recovery",
    "review",
)
SPEECH = (
    "We are very pleased with the outcome",
    "This is not the end of the matter",
    "I think we can do better",
    "Nobody expected it to happen so fast",
    "It has been a difficult year for everyone",
    "We will look at every option",
    "The numbers speak for themselves",
    "I don't know what they were thinking",
    "It's a question of trust",
    "There is still a great deal of work to do",
)
NAMES = ("Anna", "Tomas", "Mireille", "Kwame", "Yusuf", "Elena", "Hiroshi", "Priya", "Owen", "Sofia")
FICTION = (
    "The rain had not stopped since morning",
    "She folded the letter and put it away",
    "He walked to the window without a word",
    "The house was quieter than it had ever been",
    "Somewhere below, a door closed",
    "They waited until the lamps were lit",
    "The road ran on past the mill and into the hills",
    "Nobody in the village remembered the old name",
)
FOREIGN = (
    "Η συνάντηση έληξε χωρίς συμφωνία.",
    "Встреча закончилась без соглашения.",
    "会议在没有达成协议的情况下结束。",
    "انتهى الاجتماع دون اتفاق.",
    "बैठक बिना किसी समझौते के समाप्त हुई।",
    "Die Sitzung endete ohne Einigung.",
    "La réunion s’est terminée sans accord, à l’hôtel de ville.",
    "El acuerdo llegó tras años de negociación.",
)
TECH_WORDS = (
    "plugin",
    "config",
    "runner",
    "parser",
    "cache",
    "worker",
    "schema",
    "token",
    "stream",
    "buffer",
    "index",
    "pipeline",
    "dataset",
    "shard",
    "hook",
    "option",
    "record",
    "reader",
    "writer",
    "backend",
)
CODE_LINES = (
    "import json",
    "from pathlib import Path",
    "def load(path):",
    "    return json.loads(Path(path).read_text())",
    "for record in records:",
    "    if record.get('text'):",
    "        yield record['text'].strip()",
    'config = {"jobs": 4, "cache": True}',
    "pip install --upgrade example-package",
    "$ example run --input data/ --output out/",
)

# Defects, each a function (rng, text) -> text; they imitate the kinds of damage the
# built-in families report, not any particular document.
MOJIBAKE = {"’": "â€™", "“": "â€œ", "”": "â€\x9d", "é": "Ã©", "è": "Ã¨", "ü": "Ã¼", "–": "â€“", "—": "â€”"}


@dataclass(frozen=True)
class Doc:
    name: str
    text: str


# Content words made of syllables: with a few thousand of them, documents share stock
# phrases ("the council said") but not the long word runs that make near-duplicates, as
# in a real folder of distinct articles.
SYLLABLES = (
    "ka",
    "lo",
    "mir",
    "ten",
    "sa",
    "vel",
    "dor",
    "ni",
    "ba",
    "rok",
    "el",
    "tu",
    "pra",
    "gen",
    "fi",
    "mon",
    "har",
    "qui",
    "zel",
    "ost",
    "ran",
    "be",
    "cu",
    "lem",
    "ta",
    "vis",
    "or",
    "dun",
    "ser",
    "pa",
)
DETERMINERS = ("the", "a", "its", "their", "this", "every", "no", "another")
PREPOSITIONS = ("in", "on", "for", "with", "after", "before", "near", "under", "over", "across", "beyond")


def _vocabulary(rng: random.Random, size: int, suffix: str = "") -> tuple[str, ...]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + suffix)
    return tuple(sorted(words))


_VOCABULARY_RNG = random.Random(12345)
CONTENT_NOUNS = _vocabulary(_VOCABULARY_RNG, 40000)
CONTENT_VERBS = _vocabulary(_VOCABULARY_RNG, 8000, "ed")
CONTENT_ADJECTIVES = _vocabulary(_VOCABULARY_RNG, 8000, "ic")
PLACES = tuple(word.capitalize() for word in _vocabulary(_VOCABULARY_RNG, 4000, "ia"))


def _phrase(rng: random.Random) -> str:
    noun = rng.choice(CONTENT_NOUNS)
    if rng.random() < 0.5:
        noun = f"{rng.choice(CONTENT_ADJECTIVES)} {noun}"
    return f"{rng.choice(DETERMINERS)} {noun}"


def _sentence(rng: random.Random, curly: bool) -> str:
    kind = rng.random()
    if kind < 0.5:
        text = (
            f"{_phrase(rng).capitalize()} {rng.choice(CONTENT_VERBS)} {_phrase(rng)} "
            f"{rng.choice(PREPOSITIONS)} {rng.choice(PLACES)}, {rng.choice(CLAUSES)}."
        )
    elif kind < 0.56:
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}."
    elif kind < 0.72:
        text = (
            f"It was a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} for {_phrase(rng)} "
            f"{rng.choice(PREPOSITIONS)} {_phrase(rng)}."
        )
    else:
        quote = rng.choice(SPEECH) if rng.random() < 0.3 else f"{rng.choice(SPEECH)} for {_phrase(rng)}"
        speaker = rng.choice(NAMES)
        open_, close = ("“", "”") if curly else ('"', '"')
        text = f"{open_}{quote},{close} {speaker} {rng.choice(VERBS)}."
    if curly:
        text = text.replace("don't", "don’t").replace("It's", "It’s")
    return text


def _paragraph(rng: random.Random, curly: bool, source=None) -> str:
    if source is not None:
        sentences = (
            f"{rng.choice(source)} {rng.choice(PREPOSITIONS)} {_phrase(rng)}." for _ in range(rng.randint(2, 6))
        )
        return " ".join(sentences)
    return " ".join(_sentence(rng, curly) for _ in range(rng.randint(2, 6)))


def _article(rng: random.Random, size: int) -> str:
    curly = rng.random() < 0.5
    paragraphs = [f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} for {rng.choice(SUBJECTS).lower()}"]
    length = len(paragraphs[0])
    while length < size:
        roll = rng.random()
        if roll < 0.05:
            paragraph = rng.choice(FOREIGN)
        elif roll < 0.2:
            paragraph = _paragraph(rng, curly, FICTION)
        else:
            paragraph = _paragraph(rng, curly)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    if rng.random() < 0.5:  # half the prose is hard-wrapped, as e-texts are
        paragraphs = [textwrap.fill(paragraph, 70) for paragraph in paragraphs]
    return "\n\n".join(paragraphs) + "\n"


def _markdown(rng: random.Random, size: int) -> str:
    parts = [f"# The {rng.choice(TECH_WORDS)} {rng.choice(TECH_WORDS)}"]
    length = len(parts[0])
    while length < size:
        roll = rng.random()
        if roll < 0.15:
            part = f"## {rng.choice(TECH_WORDS).capitalize()} {rng.choice(TECH_WORDS)}s"
        elif roll < 0.3:
            part = "```python\n" + "\n".join(rng.choice(CODE_LINES) for _ in range(rng.randint(2, 8))) + "\n```"
        elif roll < 0.45:
            part = "\n".join(
                f"- `{rng.choice(CONTENT_NOUNS)}`: sets the {rng.choice(CONTENT_NOUNS)} (see "
                f"[the docs](https://example.org/{rng.choice(TECH_WORDS)}/#{rng.choice(TECH_WORDS)}))."
                for _ in range(rng.randint(2, 6))
            )
        else:
            words = [rng.choice(TECH_WORDS if rng.random() < 0.3 else CONTENT_NOUNS) for _ in range(3)]
            part = (
                f"The `{words[0]}` reads each {words[1]} and passes it to the {words[2]}, e.g. when "
                f"a {rng.choice(TECH_WORDS)} is large. {_sentence(rng, False)} Version 2.5 "
                f"added a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} (see https://example.com/{words[0]})."
            )
        parts.append(part)
        length += len(part) + 2
    return "\n\n".join(parts) + "\n"


def _defects(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(9)
        cut = rng.randrange(len(text) // 4, max(len(text) // 4 + 1, len(text) - 1))
        if kind == 0:  # mojibake: the text went through UTF-8 read as Windows-1252
            for good, bad in MOJIBAKE.items():
                if good in text:
                    text = text.replace(good, bad, rng.randint(1, 3))
                    break
            else:
                text = text[:cut] + " caf\u00c3\u00a9 " + text[cut:]
        elif kind == 1:  # truncated: the document stops mid-sentence
            text = text[: max(cut, 200)].rstrip()
            text = text[: text.rfind(" ")] if " " in text else text
        elif kind == 2:  # a quotation mark lost
            index = max(text.find("”", cut), text.find('"', cut))
            if index > 0:
                text = text[:index] + text[index + 1 :]
        elif kind == 3:  # doubled punctuation
            index = text.find(", ", cut)
            if index > 0:
                text = text[:index] + ",," + text[index + 1 :]
        elif kind == 4:  # a space before punctuation
            index = text.find(". ", cut)
            if index > 0:
                text = text[:index] + " ." + text[index + 1 :]
        elif kind == 5:  # a replacement character where a byte was lost
            text = text[:cut] + "\ufffd" + text[cut:]
        elif kind == 6:  # an escaped entity left in the text
            index = text.find(" and ", cut)
            if index > 0:
                text = text[:index] + " &amp; " + text[index + 5 :]
        elif kind == 7:  # a paragraph broken mid-sentence
            index = text.find(" the ", cut)
            if index > 0:
                text = text[:index] + "\n\nthe " + text[index + 5 :]
        else:  # invisible characters
            text = text[:cut] + "\u200b\u00ad" + text[cut:]
    return text


def documents(seed: int, total_bytes: int) -> Iterator[Doc]:
    """Documents until ``total_bytes`` (UTF-8) have been produced; the same arguments give the same documents."""
    rng = random.Random(seed)
    produced = 0
    index = 0
    while produced < total_bytes:
        # Mostly article-sized, some long: a log-normal spread from ~1 KB to ~200 KB.
        size = int(min(200_000, max(400, rng.lognormvariate(8.7, 0.9))))
        markdown = rng.random() < 0.3
        text = _markdown(rng, size) if markdown else _article(rng, size)
        if rng.random() < 0.5:
            text = _defects(rng, text)
        name = f"d{index // 1000:03d}/doc{index:06d}.{'md' if markdown else 'txt'}"
        yield Doc(name, text)
        produced += len(text.encode("utf-8"))
        index += 1


def build(folder: Path, seed: int, total_bytes: int, jsonl_bytes: int) -> dict:
    """Write the corpus as files under ``folder/docs``, and its first ``jsonl_bytes`` as
    ``folder/corpus.jsonl.gz``; reuse it if already built."""
    manifest_path = folder / "manifest.json"
    wanted = {"seed": seed, "total_bytes": total_bytes, "jsonl_bytes": jsonl_bytes, "generator": 4}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if {key: manifest.get(key) for key in wanted} == wanted:
            return manifest
    docs_folder = folder / "docs"
    if docs_folder.exists():
        import shutil

        shutil.rmtree(docs_folder)
    count = size = jsonl_count = jsonl_size = 0
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / "corpus.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as jsonl:
        for doc in documents(seed, total_bytes):
            path = docs_folder / doc.name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = doc.text.encode("utf-8")
            path.write_bytes(data)
            if jsonl_size < jsonl_bytes:
                jsonl.write(json.dumps({"id": doc.name, "text": doc.text}, ensure_ascii=False) + "\n")
                jsonl_count += 1
                jsonl_size += len(data)
            count += 1
            size += len(data)
    manifest = {
        **wanted,
        "documents": count,
        "bytes": size,
        "jsonl_documents": jsonl_count,
        "jsonl_text_bytes": jsonl_size,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return manifest
