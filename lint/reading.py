"""doclint's own document reader: a plain text or Markdown file holds one document.

Registered as a plugin like any other reader, so a plugin for another format (JSONL,
HTML) implements the same hook and is tried first.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from doclint.errors import SkipFile
from doclint.hookspecs import hookimpl
from doclint.models import Decoding, Document

if TYPE_CHECKING:
    from doclint.config import Config

# Bytes that never appear in text: a file holding one is data, not a document.
BINARY_SAMPLE = 8192
PREFERRED_LEGACY = "cp1252"


@hookimpl
def doclint_read_documents(path: Path, display_path: str, config: Config) -> Iterable[Document]:
    size = path.stat().st_size
    if size > config.max_file_size:
        raise SkipFile(f"file is {size:,} bytes, over max-file-size ({config.max_file_size:,})")
    data = path.read_bytes()
    return [Document(display_path, *decode(data))]


def decode(data: bytes) -> tuple[str, Decoding]:
    """Text and Decoding of a file's bytes; raises SkipFile for binary data.

    UTF-8 (with or without BOM) decodes directly. Anything else is decoded with
    charset-normalizer's best guess, and the Decoding records where UTF-8 failed so the
    encoding rules can report it.
    """
    if b"\x00" in data[:BINARY_SAMPLE] and not _is_utf16(data):
        raise SkipFile("binary file (NUL bytes)")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return body.decode("utf-8"), Decoding("utf-8", bom=bom)
    except UnicodeDecodeError as exc:
        bad_byte = exc.start + (len(codecs.BOM_UTF8) if bom else 0)
    from charset_normalizer import from_bytes  # only non-UTF-8 files pay for the import

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SkipFile(f"binary file (not decodable as text; first non-UTF-8 byte at offset {bad_byte})")
    # Short Western texts fit several single-byte code pages equally well; Windows-1252 is
    # by far the most common of them (WHATWG reads Latin-1 as it), so it wins a tie.
    tied = [
        m
        for m in matches
        if m.encoding == PREFERRED_LEGACY and (m.chaos, -m.coherence) <= (best.chaos, -best.coherence)
    ]
    best = tied[0] if tied else best
    text = str(best)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, Decoding(best.encoding, bom=bom, valid_utf8=False, bad_byte=bad_byte)


def _is_utf16(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
