"""Where the result cache keeps its entries: the rows of one SQLite database per run key.

A cold run stores an entry for every file it checks. Kept as a file each, as they were,
creating those files cost a cold run of the 50 MB benchmark a quarter of its time on the
benchmark machine's disk (0.3 to 0.5 ms a file); a row costs tens of microseconds.
SQLite is in Python's standard library, and its transactions give what the files' rename
gave: a concurrent reader (a parallel worker, another run) sees an entry whole or not at
all.

The database is in write-ahead-log mode, so readers and the one writer of the moment do
not block each other, and is synced to disk only when the log is folded into it: a cache
can always be rebuilt, and an entry lost to a power cut is a miss. An entry larger than
``INLINE_LIMIT`` (the corpus rules' findings on a large folder) is written to a file of
its own, a chunk at a time, and its row only says so: it is never held whole.

A store that fails to write once (the disk is full, the folder read-only or on a file
system without hard links, another process holds the database locked past
``BUSY_TIMEOUT_S``) writes no more in this process, so a run is never slowed by writes
that will fail. Reading needs the write-ahead log's shared memory, so a folder the run
cannot write serves no entries either; the manifest (``doclint.cache``) still serves
re-runs. SQLite forbids carrying an open connection across ``fork``: every store closes
its connection before the process forks, and opens it again when next used. The entries
a store has not yet written stay the parent's to write: a child starts with none.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import itertools
import os
import tempfile
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from doclint.atomic import new_file_mode, write_atomic

try:
    import sqlite3
except ImportError:  # a Python built without it: no entries are kept (the manifest still is)
    sqlite3 = None  # type: ignore[assignment]

DATABASE = "entries.sqlite"
LARGE = "large"
INLINE_LIMIT = 1 << 20
# How long a write waits for another process's to finish before the store stops writing.
BUSY_TIMEOUT_S = 5.0
PAGE_CACHE_KB = 256
# Entries put are written together, in one transaction, this many at a time (or sooner, past
# INLINE_LIMIT of them, or at ``flush``): a transaction each cost 50 microseconds an entry.
FLUSH_ENTRIES = 64
_SCHEMA = "CREATE TABLE entry (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID"


class EntryStore:
    """Entries (bytes) by key in ``folder``; every failure to read is a miss, and one to
    write raises ``OSError`` (the cache skips the entry)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._connection: sqlite3.Connection | None = None
        self._unwritable: str | None = None  # why writing failed, once it has
        # Entries put and not yet written (None: one in a file of its own), and their size.
        self._pending: dict[str, bytes | None] = {}
        self._pending_size = 0
        _stores.add(self)

    def get(self, key: str) -> bytes | None:
        """The entry stored under ``key``, or None."""
        return _read(self.open(key))

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The entries stored under ``keys``, read in one query (a large one from its own
        file); a key without an entry is left out."""
        found = {}
        asked = []
        for key in keys:
            if key in self._pending:
                value = self.get(key)
                if value is not None:
                    found[key] = value
            else:
                asked.append(key)
        marks = ",".join("?" * len(asked))
        for key, value in self._rows(f"SELECT key, value FROM entry WHERE key IN ({marks})", asked) if asked else ():
            if value is None:  # in a file of its own
                value = _read(self._large(key))
            if value is not None:
                found[key] = value
        return found

    def stored(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` have an entry (without reading them), asked in one query."""
        asked = [key for key in keys if key not in self._pending]
        marks = ",".join("?" * len(asked))
        rows = self._rows(f"SELECT key FROM entry WHERE key IN ({marks})", asked) if asked else []
        return {key for key in keys if key in self._pending} | {key for (key,) in rows}

    def has(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (without reading it)."""
        return key in self._pending or self._row("1", key) is not None

    def open(self, key: str) -> BinaryIO | None:
        """The entry stored under ``key`` as a file to read (a large one is read from its own
        file as it is asked for), or None."""
        if key in self._pending:
            held = self._pending[key]
        else:
            row = self._row("value", key)
            if row is None:
                return None
            held = row[0]
        return io.BytesIO(held) if held is not None else self._large(key)

    def _row(self, column: str, key: str) -> tuple[Any, ...] | None:
        """``column`` of the entry's row in the database; None if it has none, or if it cannot
        be read (a miss)."""
        rows = self._rows(f"SELECT {column} FROM entry WHERE key = ?", (key,))
        return rows[0] if rows else None

    def _rows(self, query: str, parameters: Sequence[str]) -> list[tuple[Any, ...]]:
        """The rows of ``query``; none if the database cannot be read (a miss)."""
        if sqlite3 is None:
            return []
        try:
            connection = self._connect(create=False)
            if connection is None:
                return []
            return connection.execute(query, parameters).fetchall()
        except sqlite3.Error as error:
            self._damaged(error)
            return []
        except OSError:  # the folder cannot be entered
            return []

    def _large(self, key: str) -> BinaryIO | None:
        try:
            return open(self.folder / LARGE / key, "rb")
        except OSError:  # gone since
            return None

    def put(self, key: str, data: bytes | bytearray | memoryview | Iterable[bytes]) -> None:
        """Store ``data`` (bytes, or chunks of them, read no further than ``INLINE_LIMIT``
        unless the entry gets a file of its own) under ``key``."""
        if sqlite3 is None:
            raise OSError("this Python has no sqlite3 module")
        if self._unwritable is not None:
            raise OSError(self._unwritable)
        chunks = iter((bytes(data),) if isinstance(data, (bytes, bytearray, memoryview)) else data)
        head: list[bytes] = []
        size = 0
        for chunk in chunks:
            head.append(chunk)
            size += len(chunk)
            if size > INLINE_LIMIT:
                (self.folder / LARGE).mkdir(exist_ok=True)
                write_atomic(self.folder / LARGE / key, itertools.chain(head, chunks), durable=False, own=True)
                self._pend(key, None)
                return
        self._pend(key, b"".join(head))

    def _pend(self, key: str, value: bytes | None) -> None:
        self._pending_size += len(value or b"") - len(self._pending.get(key) or b"")
        self._pending[key] = value
        if len(self._pending) >= FLUSH_ENTRIES or self._pending_size > INLINE_LIMIT:
            self.flush()

    def flush(self) -> None:
        """Write the entries put since the last flush, in one transaction; raises ``OSError``
        (the entries are given up) if they cannot be written."""
        if not self._pending:
            return
        self._execute("INSERT OR REPLACE INTO entry VALUES (?, ?)", self._take_pending().items())

    def delete(self, keys: Sequence[str]) -> None:
        """Remove the entries ``keys`` (a large one's file too); raises ``OSError`` if they
        cannot be removed."""
        if not keys:
            return
        if self._unwritable is not None:
            raise OSError(self._unwritable)
        self.flush()
        self._execute("DELETE FROM entry WHERE key = ?", [(key,) for key in keys])
        for key in keys:
            (self.folder / LARGE / key).unlink(missing_ok=True)

    def _execute(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """``statement`` for each of ``rows``, in one transaction; ``OSError`` if it fails,
        after which a store that is locked, read-only or full writes no more."""
        connection = None
        try:
            connection = self._connect(create=True)
            assert connection is not None
            connection.execute("BEGIN IMMEDIATE")  # waits, up to the busy timeout, for another writer
            connection.executemany(statement, rows)
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection is not None and connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            if not self._damaged(error) and isinstance(error, sqlite3.OperationalError):
                self._unwritable = f"cache entries not stored: {error}"  # locked, read-only, full
            raise OSError(f"cache entries not stored: {error}") from error
        except OSError as error:  # the database could not be made
            self._unwritable = f"cache entries not stored: {error}"
            raise

    def __del__(self) -> None:
        # A store let go (a library's session) writes what it holds. Not contextlib: at exit,
        # a module's names may be gone before this runs (atexit has written everything then).
        try:  # noqa: SIM105
            self.close()
        except Exception:
            pass

    def _take_pending(self) -> dict[str, bytes | None]:
        """The entries not yet written, which the store then no longer holds."""
        pending, self._pending, self._pending_size = self._pending, {}, 0
        return pending

    def close(self) -> None:
        """Write what is pending, and close this process's connection; the next use opens it again."""
        with contextlib.suppress(OSError):
            self.flush()
        self._disconnect()

    def _disconnect(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):  # one made in another thread cannot be closed here
                self._connection.close()
            self._connection = None

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        """The connection; None (when not asked to ``create``) if there is no database yet."""
        if self._connection is None:
            path = self.folder / DATABASE
            if not path.exists():
                if not create:
                    return None
                self._create(path)
            # "mode=rw": a database removed since (reset by another process) is not made
            # again here, empty and without its table, but by _create at the next write.
            uri = f"{path.absolute().as_uri()}?mode=rw"
            connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self._connection = connection
            # This connection's settings (nothing to lock). Rows are looked up by key and
            # written once: a small page cache does, where the default would hold 2 MB.
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KB}")
        return self._connection

    def _create(self, path: Path) -> None:
        """Make the database whole (in write-ahead-log mode, with its table) under a temporary
        name, then link it into place unless another process did first. Processes that
        open a new database at once would race to set it up, which SQLite answers with
        "database is locked" without waiting."""
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{DATABASE}.", suffix=".doclint")
        os.close(handle)
        try:
            os.chmod(temporary, new_file_mode())
            connection = sqlite3.connect(temporary)
            try:
                connection.execute("PRAGMA journal_mode = WAL")  # kept in the file
                connection.execute(_SCHEMA)
            finally:
                connection.close()
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)

    def _damaged(self, error: sqlite3.Error) -> bool:
        """Start a damaged database afresh, and say whether it was one: not a database, or
        one without its table (not one that is busy, read-only or on a full disk, nor a
        connection used from another thread)."""
        if type(error) is not sqlite3.DatabaseError and "no such table" not in str(error):
            return False
        self._disconnect()
        # Its log first: a log left beside a new database would be read as that one's.
        for suffix in ("-wal", "-shm", ""):
            with contextlib.suppress(OSError):
                (self.folder / (DATABASE + suffix)).unlink(missing_ok=True)
        return True


def _read(stream: BinaryIO | None) -> bytes | None:
    """What ``stream`` holds (None if there is none, or it cannot be read); closes it."""
    if stream is None:
        return None
    with stream:
        try:
            return stream.read()
        except OSError:
            return None


_stores: weakref.WeakSet[EntryStore] = weakref.WeakSet()


def _close_all() -> None:
    for store in list(_stores):
        store.close()


def _disconnect_all() -> None:
    """Before a fork: close the connections, but write nothing, which could wait on another
    process's lock for the busy timeout in the middle of starting workers."""
    for store in list(_stores):
        store._disconnect()


def _forget_pending() -> None:
    """In a forked child: the entries the parent had not written are the parent's to write."""
    for store in list(_stores):
        store._take_pending()


def flush_all() -> None:
    """Write what every store of this process holds: a worker's end of a batch (it runs no
    ``atexit``), whichever session's cache (``document_feature`` uses the active one) stored it."""
    for store in list(_stores):
        with contextlib.suppress(OSError):
            store.flush()


atexit.register(_close_all)  # a forked worker does not run these: its runner flushes (``ResultCache.flush``)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_disconnect_all, after_in_child=_forget_pending)
