"""JSON Lines (``.jsonl``, ``.ndjson``, optionally gzipped): one document per record.

Each record's text field (``text``, or ``--text-field`` / ``text-field`` in the config) is
a document named ``<file>:<id>`` when the record has an ``id`` (a string or a number),
else ``<file>:<line>``; findings give lines and columns within that text. The file is
streamed record by record, so a file of any size is never held in memory whole:
``max-file-size`` limits each record instead. Records without the field, or whose field
is not a string, are passed over; a line that is not JSON stops the file with a notice
naming it (the findings so far are kept).

Registered as a core plugin after ``doclint.reading``, so it is asked first and leaves
every other file to the plain reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from doclint.errors import SkipFile
from doclint.hookspecs import hookimpl
from doclint.models import Document

if TYPE_CHECKING:
    from doclint.config import Config

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
ID_FIELD = "id"


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


@hookimpl
def doclint_read_documents(path: Path, display_path: str, config: Config) -> Iterator[Document] | None:
    if not is_jsonl(path):
        return None
    # Opened now, so that a missing or unreadable file raises here, before the first record.
    if path.name.lower().endswith(".gz"):
        import gzip  # here, not at the top: most runs read no JSONL, and start-up counts

        stream: BinaryIO = gzip.open(path, "rb")  # noqa: SIM115
    else:
        stream = open(path, "rb")  # noqa: SIM115
    return records(stream, display_path, config.text_field, config.max_file_size)


def records(stream: BinaryIO, display_path: str, field: str, max_size: int) -> Iterator[Document]:
    """The documents of a JSONL stream, one at a time; closes the stream when done."""
    import gzip
    import json

    found = False
    with stream:
        try:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                if len(line) > max_size:
                    raise SkipFile(f"line {number} is {len(line):,} bytes, over max-file-size ({max_size:,})")
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise SkipFile(f"line {number} is not JSON ({exc})") from None
                text = record.get(field) if isinstance(record, dict) else None
                if not isinstance(text, str):
                    continue
                found = True
                yield Document(f"{display_path}:{_name(record, number)}", text, file=display_path)
        except (EOFError, gzip.BadGzipFile) as exc:
            raise SkipFile(f"damaged gzip stream ({exc})") from None
    if not found:
        raise SkipFile(f"no record has a string {field!r} field (see --text-field)")


def _name(record: dict, number: int) -> str:
    name = record.get(ID_FIELD)
    if isinstance(name, (str, int)) and not isinstance(name, bool) and str(name).strip():
        return str(name)
    return str(number)
