"""JSON Lines (``.jsonl``, ``.ndjson``, optionally gzipped): one document per record.

Each record's text field (``text``, or ``--text-field`` / ``text-field`` in the config) is
a document named ``<file>:<id>`` when the record has an ``id`` (a string or a number),
else ``<file>:<line>``; findings give lines and columns within that text. The file is
streamed record by record, so a file of any size is never held in memory whole:
``max-file-size`` limits each record (its line) instead, and a longer line is passed
over a chunk at a time, never read whole. Records without the field, or whose field is
not a string, are passed over; a line that is not JSON stops the file. Either way the
findings so far are kept, and the file gets one notice naming the lines passed over
(a reader reports through ``SkipFile``, so the notice is raised once the file is read).

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
# How much of an over-long line is read at a time to pass over it.
SKIP_CHUNK = 1 << 20


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
    too_large = _TooLarge(max_size)
    with stream:
        try:
            number = 0
            # Bounded reads: a line longer than max_size is never held whole.
            while line := stream.readline(max_size + 1):
                number += 1
                if len(line) > max_size:
                    size = len(line) if line.endswith(b"\n") else len(line) + _skip_line(stream)
                    too_large.add(number, size)
                    continue
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    not_json = f"line {number} is not JSON ({exc})"
                    raise SkipFile(f"{too_large.note()}; {not_json}" if too_large.count else not_json) from None
                text = record.get(field) if isinstance(record, dict) else None
                if not isinstance(text, str):
                    continue
                found = True
                yield Document(f"{display_path}:{_name(record, number)}", text, file=display_path)
        except (EOFError, gzip.BadGzipFile) as exc:
            raise SkipFile(f"damaged gzip stream ({exc})") from None
    if too_large.count:
        raise SkipFile(too_large.note())
    if not found:
        raise SkipFile(f"no record has a string {field!r} field (see --text-field)")


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of a line a chunk at a time; the number of bytes passed over."""
    skipped = 0
    while chunk := stream.readline(SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


class _TooLarge:
    """The records passed over as over ``max-file-size``: a count and the first few lines."""

    SHOWN = 5

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self.count = 0
        self.first: list[tuple[int, int]] = []  # (line, bytes)

    def add(self, number: int, size: int) -> None:
        self.count += 1
        if len(self.first) < self.SHOWN:
            self.first.append((number, size))

    def note(self) -> str:
        """What the file's notice says of them (once ``count`` is not 0)."""
        limit = f"over max-file-size ({self.max_size:,})"
        if self.count == 1:
            number, size = self.first[0]
            return f"line {number} is {size:,} bytes, {limit}"
        lines = ", ".join(str(number) for number, _ in self.first)
        more = f" and {self.count - self.SHOWN} more" if self.count > self.SHOWN else ""
        return f"{self.count} records {limit}: lines {lines}{more}"


def _name(record: dict, number: int) -> str:
    name = record.get(ID_FIELD)
    if isinstance(name, (str, int)) and not isinstance(name, bool) and str(name).strip():
        return str(name)
    return str(number)
