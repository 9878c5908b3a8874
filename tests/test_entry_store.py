"""The result cache's entry store: entries come back whole, a large one is never held whole,
processes that write at once lose nothing, no connection crosses a fork, whatever cannot
be read is a miss, a damaged database is started afresh, and a store that cannot write
stops trying."""

from __future__ import annotations

import gc
import os
import stat
import threading
from pathlib import Path

import pytest

import doclint.entry_store
from doclint.atomic import new_file_mode
from doclint.entry_store import DATABASE, LARGE, EntryStore

pytest.importorskip("sqlite3")  # a Python built without it keeps no entries: test_cache.py
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def put_and_flushed(folder: Path, key: str, value: bytes) -> None:
    store = EntryStore(folder)
    store.put(key, value)
    store.flush()


@pytest.mark.parametrize("chunks", [[b""], [b'{"findings":[]}'], [b"{", b'"findings"', b":[]}"]])
def test_an_entry_comes_back_as_it_was_stored(tmp_path: Path, chunks: list[bytes]) -> None:
    whole = b"".join(chunks)
    store = EntryStore(tmp_path)
    for key, data in (("bytes", whole), ("chunks", iter(chunks))):
        store.put(key, data)
        assert store.get(key) == whole  # before it is written
        store.flush()
        assert store.get(key) == whole and EntryStore(tmp_path).get(key) == whole


def test_entries_are_written_in_batches_and_when_flushed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(doclint.entry_store, "FLUSH_ENTRIES", 3)
    store = EntryStore(tmp_path)
    store.put("a", b"1")
    store.put("b", b"2")
    assert EntryStore(tmp_path).get("a") is None  # not written yet
    store.put("c", b"3")  # the third: the batch is written
    store.put("d", b"4")
    other = EntryStore(tmp_path)
    assert [other.get(key) for key in "abcd"] == [b"1", b"2", b"3", None]
    store.close()
    assert other.get("d") == b"4"


def test_many_entries_are_read_in_one_query_whether_written_pending_or_large(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", 10)
    put_and_flushed(tmp_path, "written", b"1")
    put_and_flushed(tmp_path, "large", b"2" * 100)
    put_and_flushed(tmp_path, "gone", b"3" * 100)
    (tmp_path / LARGE / "gone").unlink()
    store = EntryStore(tmp_path)
    store.put("pending", b"4")
    found = store.get_many(["written", "large", "gone", "pending", "missing"])
    assert found == {"written": b"1", "large": b"2" * 100, "pending": b"4"}
    assert store.get_many([]) == {}
    assert EntryStore(tmp_path / "none").get_many(["written"]) == {}
    (tmp_path / DATABASE).write_bytes(b"not a database" * 1000)
    assert EntryStore(tmp_path).get_many(["written"]) == {}


def test_a_missing_entry_is_none_and_reading_creates_no_database(tmp_path: Path) -> None:
    assert EntryStore(tmp_path).get("k") is None
    assert list(tmp_path.iterdir()) == []
    store = EntryStore(tmp_path)
    store.put("k", b"value")
    assert store.get("other") is None


def test_storing_a_key_again_replaces_its_entry(tmp_path: Path) -> None:
    store = EntryStore(tmp_path)
    store.put("k", b"old")
    store.flush()
    store.put("k", b"new")
    store.flush()
    assert EntryStore(tmp_path).get("k") == b"new"


def test_a_large_entry_gets_a_file_and_is_never_held_whole(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", 10)
    taken = []

    def chunks():
        for number in range(100):
            taken.append(number)
            yield b"%05d" % number

    store = EntryStore(tmp_path)
    store.put("big", chunks())
    assert store.get("big") == b"".join(b"%05d" % number for number in range(100))
    assert (tmp_path / LARGE / "big").stat().st_size == 500 and len(taken) == 100
    store.put("small", b"0123456789")  # at the limit: a row
    assert not (tmp_path / LARGE / "small").exists() and store.get("small") == b"0123456789"


def test_a_large_entry_whose_file_is_gone_is_a_miss(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", 10)
    store = EntryStore(tmp_path)
    store.put("big", b"x" * 100)
    (tmp_path / LARGE / "big").unlink()
    assert store.get("big") is None


def test_a_damaged_database_is_a_miss_and_is_started_afresh(tmp_path: Path) -> None:
    put_and_flushed(tmp_path, "k", b"value")
    (tmp_path / DATABASE).write_bytes(b"not a database" * 1000)
    store = EntryStore(tmp_path)
    assert store.get("k") is None
    store.put("k", b"again")
    store.flush()
    assert EntryStore(tmp_path).get("k") == b"again"


def test_without_sqlite3_nothing_is_kept_and_nothing_fails(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(doclint.entry_store, "sqlite3", None)
    store = EntryStore(tmp_path)
    with pytest.raises(OSError, match="no sqlite3"):
        store.put("k", b"value")
    assert store.get("k") is None


@needs_fork
def test_processes_writing_to_a_new_database_at_once_lose_nothing(tmp_path: Path) -> None:
    """Setting up a new database is racy in SQLite ("database is locked" at once): it is made
    whole and linked into place instead. Several rounds, as the race is one of timing."""
    for round_ in range(10):
        folder = tmp_path / str(round_)
        folder.mkdir()
        children = []
        for writer in range(2):
            child = os.fork()
            if child == 0:  # pragma: no cover (the child's exit code is what is tested)
                code = 1
                try:
                    store = EntryStore(folder)
                    for number in range(10):
                        store.put(f"{writer}-{number}", b"x")
                        store.flush()
                    code = 0
                finally:
                    os._exit(code)
            children.append(child)
        assert all(os.waitpid(child, 0)[1] == 0 for child in children)
        store = EntryStore(folder)
        assert all(store.get(f"{writer}-{number}") == b"x" for writer in range(2) for number in range(10))


@needs_fork
def test_a_forked_process_does_not_inherit_the_connection(tmp_path: Path) -> None:
    """SQLite forbids using a connection across fork: it is closed before, and each
    process opens its own when next used. The fork writes nothing (it could wait on
    another process's lock): what was pending is written by the parent, not the child."""
    store = EntryStore(tmp_path)
    store.put("parent", b"1")
    store.flush()
    store.put("pending", b"3")
    assert store._connection is not None
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's exit code is what is tested)
        code = 1
        try:
            inherited, pending = store._connection, dict(store._pending)
            store.put("child", b"2")
            store.flush()
            code = 0 if inherited is None and not pending and store.get("parent") == b"1" else 1
        finally:
            os._exit(code)
    assert os.waitpid(child, 0)[1] == 0
    assert store.get("child") == b"2" and store.get("parent") == b"1"
    assert EntryStore(tmp_path).get("pending") is None and store.get("pending") == b"3"
    store.flush()
    assert EntryStore(tmp_path).get("pending") == b"3"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_database_is_made_with_the_permissions_of_a_new_file_and_no_temporary_left(tmp_path: Path) -> None:
    put_and_flushed(tmp_path, "k", b"value")
    assert stat.S_IMODE((tmp_path / DATABASE).stat().st_mode) == new_file_mode()
    assert not [path.name for path in tmp_path.iterdir() if not path.name.startswith(DATABASE)]


def test_a_store_used_from_another_thread_misses_rather_than_fails(tmp_path: Path) -> None:
    store = EntryStore(tmp_path)
    store.put("k", b"value")
    store.flush()
    seen: list[bytes | None] = []
    thread = threading.Thread(target=lambda: seen.append(store.get("k")))
    thread.start()
    thread.join()
    assert seen == [None] and store.get("k") == b"value"


def test_a_folder_that_cannot_be_entered_is_a_miss(tmp_path: Path, monkeypatch) -> None:
    put_and_flushed(tmp_path, "k", b"value")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", refuse)
    assert EntryStore(tmp_path).get("k") is None


def test_a_database_without_its_table_is_started_afresh(tmp_path: Path) -> None:
    (tmp_path / DATABASE).write_bytes(b"")  # SQLite reads an empty file as an empty database
    store = EntryStore(tmp_path)
    assert store.get("k") is None and not (tmp_path / DATABASE).exists()
    store.put("k", b"value")
    store.flush()
    assert EntryStore(tmp_path).get("k") == b"value"


def test_a_store_that_cannot_make_its_database_stops_trying(tmp_path: Path, monkeypatch) -> None:
    links = []

    def no_hard_links(source, target):
        links.append(target)
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)
    store = EntryStore(tmp_path)
    store.put("a", b"value")
    with pytest.raises(OSError, match="not permitted"):
        store.flush()
    with pytest.raises(OSError, match="not permitted"):
        store.put("b", b"value")
    assert len(links) == 1 and store.get("a") is None and list(tmp_path.iterdir()) == []


def test_a_store_kept_waiting_by_a_lock_stops_writing(tmp_path: Path, monkeypatch) -> None:
    """A write that waits out the busy timeout once would wait as long for every file."""
    import sqlite3

    monkeypatch.setattr(doclint.entry_store, "BUSY_TIMEOUT_S", 0.05)
    put_and_flushed(tmp_path, "first", b"1")
    other = sqlite3.connect(tmp_path / DATABASE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing, or stopped mid-write
    store = EntryStore(tmp_path)
    store.put("k", b"value")
    with pytest.raises(OSError, match="locked"):
        store.flush()
    other.execute("ROLLBACK")
    other.close()
    with pytest.raises(OSError, match="locked"):
        store.put("k", b"value")
    assert store.get("first") == b"1"


def test_bytes_like_values_are_stored(tmp_path: Path) -> None:
    store = EntryStore(tmp_path)
    store.put("array", bytearray(b"made"))
    store.put("view", memoryview(b"viewed"))
    assert store.get("array") == b"made" and store.get("view") == b"viewed"


def test_whether_an_entry_is_stored_is_told_without_reading_it(tmp_path: Path) -> None:
    store = EntryStore(tmp_path)
    assert not store.has("k")
    store.put("k", b"value")
    assert store.has("k") and not EntryStore(tmp_path).has("k")
    store.flush()
    assert EntryStore(tmp_path).has("k") and not EntryStore(tmp_path).has("other")


def test_a_store_let_go_writes_what_it_holds(tmp_path: Path) -> None:
    store = EntryStore(tmp_path)
    store.put("k", b"value")
    del store
    gc.collect()
    assert EntryStore(tmp_path).get("k") == b"value"


def test_entries_deleted_are_gone_rows_and_files_alike(tmp_path: Path, monkeypatch) -> None:
    """The cache removes its older corpus entries: rows, and files of their own."""
    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", 10)
    store = EntryStore(tmp_path)
    for key, value in (("row", b"small"), ("big", b"x" * 100), ("kept", b"kept"), ("pending", b"not flushed")):
        store.put(key, value)
        if key != "pending":
            store.flush()
    store.delete(["row", "big", "pending", "never-stored"])
    assert [EntryStore(tmp_path).get(key) for key in ("row", "big", "pending", "kept")] == [None, None, None, b"kept"]
    assert not (tmp_path / LARGE / "big").exists()


def test_a_store_that_cannot_write_deletes_nothing(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    monkeypatch.setattr(doclint.entry_store, "BUSY_TIMEOUT_S", 0.05)
    put_and_flushed(tmp_path, "first", b"1")
    other = sqlite3.connect(tmp_path / DATABASE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store = EntryStore(tmp_path)
    with pytest.raises(OSError, match="locked"):
        store.delete(["first"])
    other.execute("ROLLBACK")
    other.close()
    with pytest.raises(OSError, match="locked"):  # it has stopped writing
        store.delete(["first"])
    assert store.get("first") == b"1"
