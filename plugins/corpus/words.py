"""Words of a text as the corpus checks compare them: lowercased, stable hashes.

Two copies of an article differ in quotation marks, hyphens and case more often than in
their words, so both are compared as sequences of lowercased word tokens. Hashes are
CRC-32 (stable from run to run, unlike ``hash(str)``).
"""

from __future__ import annotations

import re
import zlib

WORD = re.compile(r"\w+")
# The words of two characters or more: a maximal run of word characters is matched whole
# or not at all, so these are exactly the words of WORD that are longer than one.
LONG_WORD = re.compile(r"\w{2,}")

# Function words carry no evidence that two paragraphs say the same thing; leaving them
# out keeps a reworded paragraph's overlap about its content.
_FUNCTION_WORDS = """a an and are as at be been but by for from had has have he her his i in is it its
of on or our she that the their them they this to was we were which who will with would you"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())


def words(text: str) -> list[str]:
    """The lowercased word tokens of a text."""
    return WORD.findall(text.lower())


def content_words(text: str) -> frozenset[str]:
    """The distinct words of a text that are not function words or single characters."""
    return frozenset(LONG_WORD.findall(text.lower())) - STOPWORDS


def word_hashes(text: str) -> list[int]:
    """The CRC-32 of the UTF-8 of each word of ``words(text)``, in order.

    The words are split in C rather than found by ``WORD``, 1.7 times as fast: each
    character that is not a word character becomes a space, and the UTF-8 bytes are split
    at spaces. The few distinct characters outside ASCII are tested one by one (a test of
    each character of the text by a Unicode class costs more than finding the words), the
    ASCII ones by a byte table. They are found among the bytes left when the ASCII ones
    are deleted, in C: a search of the text for them made a string of each. The hashes
    are computed in C too (map, no Python step per word): cheaper than a cache of word ->
    hash, which also grew with the vocabulary.
    """
    lowered = text.lower()
    data = lowered.encode("utf-8", "surrogatepass")
    if not data.isascii():
        outside = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
        symbols = [char for char in outside if not WORD.fullmatch(char)]
        if len(symbols) > MANY_SYMBOLS:  # one pass over the text, not one per symbol
            data = _NON_ASCII_NON_WORD.sub(" ", lowered).encode("utf-8", "surrogatepass")
        else:
            for char in symbols:  # UTF-8 is matched only where a whole character stands
                data = data.replace(char.encode("utf-8", "surrogatepass"), b" ")
    return list(map(zlib.crc32, data.translate(_SPACE_FOR_ASCII_NON_WORD).split()))


# Past this many distinct characters outside ASCII that are not word characters (arrows,
# emoji, box drawing), a search of the text for any of them costs less than a replace for each.
MANY_SYMBOLS = 16
_NON_ASCII_NON_WORD = re.compile(r"[^\w\x00-\x7f]")


_ASCII_BYTES = bytes(range(0x80))
# Every ASCII byte that is not a word character ("\w": a letter, a digit or "_") made a
# space; the bytes of characters outside ASCII (all of them word characters here) are kept.
_SPACE_FOR_ASCII_NON_WORD = bytes(
    byte if byte >= 0x80 or WORD.fullmatch(chr(byte)) else ord(" ") for byte in range(256)
)
