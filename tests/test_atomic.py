"""write_atomic: one helper for --fix, the baseline and the cache; a file is replaced in
one step, keeps its permissions, and a failed write leaves it and no temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from doclint.atomic import write_atomic


@pytest.mark.parametrize("durable", [True, False])
@pytest.mark.parametrize(("existing_mode", "expected_mode"), [(0o640, 0o640), (0o604, 0o604), (None, 0o644)])
def test_the_file_is_replaced_with_its_permissions(
    tmp_path: Path, durable: bool, existing_mode: int | None, expected_mode: int
) -> None:
    path = tmp_path / "a.txt"
    if existing_mode is not None:
        path.write_bytes(b"old")
        os.chmod(path, existing_mode)
    umask = os.umask(0o022)
    try:
        write_atomic(path, b"new", durable=durable)
    finally:
        os.umask(umask)
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == expected_mode
    assert os.listdir(tmp_path) == ["a.txt"]


def test_a_link_stays_a_link_to_the_replaced_file(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    write_atomic(tmp_path / "link.txt", b"new")
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_bytes() == b"new"


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def full_disk(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["a.txt"]


def test_an_own_file_is_written_with_the_umask_permissions_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "entry"
    umask = os.umask(0o022)
    try:
        write_atomic(path, b"old", durable=False, own=True)
        os.chmod(path, 0o600)  # an own file's permissions are not looked up, nor kept
        write_atomic(path, b"new", durable=False, own=True)
    finally:
        os.umask(umask)
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [child.name for child in tmp_path.iterdir()] == ["entry"]


def test_chunks_are_written_as_made_and_a_failure_midway_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    write_atomic(path, (part for part in (b"one ", b"two ", b"three")))
    assert path.read_bytes() == b"one two three"

    def broken():
        yield b"half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, broken())
    assert path.read_bytes() == b"one two three" and os.listdir(tmp_path) == ["a.txt"]
