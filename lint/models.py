"""The records that pass between documents, rules and reporters: frozen, no I/O."""

from __future__ import annotations

import bisect
import enum
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from pathlib import PurePath
from typing import NamedTuple


class Severity(str, enum.Enum):
    """How much a finding matters; ``fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

# A finding's snippet is its whole line up to this length; of a longer line, the part from
# SNIPPET_MARGIN characters before the finding to as many after it: more than the source
# line the full output shows (160 characters) and the context of a baseline fingerprint.
SNIPPET_LIMIT = 1000
SNIPPET_MARGIN = 200


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a human looking at it."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (character offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """One or more edits that repair a violation together."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, *, safe: bool = True) -> Fix:
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(start, end, replacement),), applicability)


@dataclass(frozen=True, slots=True)
class Related:
    """Another place, possibly in another file, that explains a finding."""

    path: str
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Violation:
    """What a rule's check yields: a span of character offsets and a message.

    Document rules leave ``document`` unset; corpus rules set it to the document the
    violation belongs to. ``severity`` overrides the rule's own when set.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    document: Document | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class Decoding:
    """How a document's bytes became text.

    ``encoding`` is the codec used; ``valid_utf8`` is False when the bytes were not
    UTF-8 and ``encoding`` is charset-normalizer's best guess; ``bad_byte`` is then the
    byte offset of the first byte that is not UTF-8.
    """

    encoding: str = "utf-8"
    bom: bool = False
    valid_utf8: bool = True
    bad_byte: int | None = None


@dataclass(frozen=True, eq=False)
class Document:
    """A text to check: its display path, its text, how it was decoded and its file.

    Rules work in character offsets into ``text`` and let the document turn them into
    1-based lines and columns (columns count characters). ``file`` is the display path of
    the file the document came from: ``path`` itself (the default) for a plain file, but
    ``data.jsonl`` for the record ``data.jsonl:7``. Whatever is meant per file (the files
    a run reports on, per-file-ignores, the baseline's files) goes by ``file``.
    """

    path: str
    text: str
    decoding: Decoding = field(default_factory=Decoding)
    file: str = ""

    def __post_init__(self) -> None:
        if not self.file:
            object.__setattr__(self, "file", self.path)

    @cached_property
    def suffix(self) -> str:
        return PurePath(self.path).suffix.lower()

    @property
    def is_markdown(self) -> bool:
        return self.suffix in {".md", ".markdown", ".mdown", ".mkd"}

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        text = self.text
        index = text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        return tuple(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; the end of text is allowed."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1

    def snippet(self, line: int, start: int, end: int | None) -> tuple[str, int]:
        """The snippet of a finding from column ``start`` to ``end`` of ``line`` (0-based
        columns; ``end`` None when it goes on to the next line), and where it starts in
        the line: the whole line, or of a long line a window (see ``Finding``)."""
        first, last = self.line_span(line)
        if last - first <= SNIPPET_LIMIT:
            return self.line_text(line), 0
        while last > first and self.text[last - 1] == "\r":  # as line_text strips them
            last -= 1
        left = max(0, start - SNIPPET_MARGIN)
        right = last if end is None else min(last, first + end + SNIPPET_MARGIN)
        return self.text[first + left : right], left

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start, end = self.line_span(line)
        return self.text[start:end].rstrip("\r")

    def line_span(self, line: int) -> tuple[int, int]:
        """The offsets ``[start, end)`` of a 1-based line, its line feed left out (a CR before it kept)."""
        start = self.line_starts[line - 1]
        return start, self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)

    @cached_property
    def structure(self):  # -> lint.text.Structure; imported lazily to keep start-up light
        """Paragraph blocks and the prose view of the text (see ``doclint.text``)."""
        from doclint.text import analyse

        return analyse(self)

    @property
    def blocks(self):
        return self.structure.blocks

    def block_at(self, offset: int):  # -> lint.text.Block | None
        """The block holding ``offset``, if one does: blocks are in order, none overlapping
        another, so it is found by bisection."""
        blocks = self.blocks
        index = bisect.bisect_right(blocks, offset, key=attrgetter("start")) - 1
        return blocks[index] if index >= 0 and offset < blocks[index].end else None

    @property
    def prose(self) -> str:
        return self.structure.prose


class FeatureRow(NamedTuple):
    """A document's corpus features (see ``doclint_document_features``): its path, a
    checksum of its text, and each feature's bytes by name.

    The checksum tells whether a row belongs to a document read again later: a JSONL
    file's records may share a name (an ``id``), and a file may change between its check
    and the corpus pass.
    """

    path: str
    checksum: int
    values: dict[str, bytes]

    @classmethod
    def of(cls, document: Document, values: dict[str, bytes]) -> FeatureRow:
        return cls(document.path, _checksum(document.text), values)

    def belongs_to(self, document: Document) -> bool:
        return self.path == document.path and self.checksum == _checksum(document.text)


def _checksum(text: str) -> int:
    # surrogatepass: a file that is not UTF-8 may hold lone surrogates (surrogateescape).
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Finding:
    """A violation placed in a file, ready for a reporter. ``end_column`` is exclusive.

    ``path`` names the document; ``file`` the file it came from (see ``Document.file``).
    ``snippet`` is the finding's first line, or of a line longer than ``SNIPPET_LIMIT``
    the part around the finding: from ``snippet_start`` (0-based, in characters) to
    ``SNIPPET_MARGIN`` characters past its end on that line (or to the line's end, for a
    finding that goes on to the next). A finding then holds a few hundred characters
    however long its line: a 1 MB line with 1,000 findings is not held a thousand times.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    fix: FixedEdits | None = None
    related: tuple[Related, ...] = ()
    snippet: str = ""
    file: str = ""
    snippet_start: int = 0

    def __post_init__(self) -> None:
        if not self.file:
            object.__setattr__(self, "file", self.path)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass(frozen=True, slots=True)
class PlacedEdit:
    """An edit with positions: offsets for applying it, line/column for showing it."""

    start: int
    end: int
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    replacement: str


@dataclass(frozen=True, slots=True)
class FixedEdits:
    """A finding's fix as reporters see it."""

    applicability: Applicability
    edits: tuple[PlacedEdit, ...]


@dataclass(frozen=True)
class Notice:
    """A file-level message that is not a finding (a skipped binary file, an unreadable path)."""

    path: str
    message: str
    is_error: bool = False
