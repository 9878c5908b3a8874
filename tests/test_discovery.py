"""Which files a run takes: walked folders, include / exclude, and each file once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from doclint.discovery import discover

INCLUDE = ("*.txt", "*.md")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / ".hidden").mkdir()
    for name in ("docs/a.txt", "docs/b.md", "docs/c.json", "docs/sub/d.txt", "docs/.hidden/e.txt"):
        (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("paths", "exclude", "expected"),
    [
        (["docs"], (), ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        (["docs"], ("sub",), ["docs/a.txt", "docs/b.md"]),
        (["docs"], ("*.md",), ["docs/a.txt", "docs/sub/d.txt"]),
        # A file named explicitly is taken whatever include says, and each file only once.
        (["docs/c.json", "docs"], (), ["docs/c.json", "docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        (["docs/a.txt", "./docs/a.txt", "docs"], (), ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        ([".", "docs"], (), ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
    ],
)
def test_discover(tree: Path, paths: list[str], exclude: tuple[str, ...], expected: list[str]) -> None:
    targets, notices = discover(paths, INCLUDE, exclude)
    assert [target.display for target in targets] == [os.path.normpath(path) for path in expected]
    assert notices == []


def test_a_target_holds_one_string_when_its_two_names_are_equal(tree: Path) -> None:
    """A folder named as a normalised relative path gives targets whose file name is their
    display name: one string a file, not two (a large folder's list of targets is kept for the run)."""
    (plain, *_), _ = discover(["docs"], INCLUDE, ())
    assert plain.filename is plain.display
    (here, *_), _ = discover(["."], INCLUDE, ())  # walked as "./docs/a.txt", shown as "docs/a.txt"
    assert here.filename is here.display
    (roundabout, *_), _ = discover(["docs/../docs"], INCLUDE, ())
    assert (roundabout.filename, roundabout.display) == ("docs/../docs/a.txt", "docs/a.txt")


def test_a_link_to_a_file_already_taken_is_not_checked_twice(tree: Path) -> None:
    (tree / "docs" / "z-link.txt").symlink_to(tree / "docs" / "a.txt")
    (tree / "elsewhere").mkdir()
    (tree / "elsewhere" / "link.txt").symlink_to(tree / "docs" / "sub" / "d.txt")
    targets, _ = discover(["docs", "elsewhere"], INCLUDE, ())
    assert [target.display for target in targets] == ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        # Named again after the folder's walk: by another route, or through a link to a folder.
        (["docs", "docs/sub/../a.txt"], ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        (["docs", "linked-docs/sub/d.txt"], ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        # The first file named is a link: it stands for the file it links to.
        (["linked-a.txt", "docs"], ["linked-a.txt", "docs/b.md", "docs/sub/d.txt"]),
    ],
)
def test_a_file_named_again_by_another_path_is_taken_once(tree: Path, paths: list[str], expected: list[str]) -> None:
    (tree / "linked-docs").symlink_to(tree / "docs", target_is_directory=True)
    (tree / "linked-a.txt").symlink_to(tree / "docs" / "a.txt")
    targets, _ = discover(paths, INCLUDE, ())
    assert [target.display for target in targets] == expected


@pytest.mark.parametrize(
    ("link", "to", "expected"),
    [
        # Found after the file it links to, or before it: the first name found is taken.
        ("docs/z-link.txt", "docs/a.txt", ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        ("docs/0-link.txt", "docs/sub/d.txt", ["docs/0-link.txt", "docs/a.txt", "docs/b.md"]),
        ("docs/sub/0-link.txt", "docs/a.txt", ["docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
        ("docs/0-link.txt", "outside.txt", ["docs/0-link.txt", "docs/a.txt", "docs/b.md", "docs/sub/d.txt"]),
    ],
)
def test_a_link_in_the_one_folder_walked_is_taken_once(tree: Path, link: str, to: str, expected: list[str]) -> None:
    (tree / "outside.txt").write_text("Text.\n", encoding="utf-8")
    (tree / link).symlink_to(tree / to)
    targets, _ = discover(["docs"], INCLUDE, ())
    assert [target.display for target in targets] == expected


def test_folders_are_walked_in_order_and_links_to_folders_are_not_followed(tree: Path) -> None:
    """A folder's files come before its subfolders', which come in name order, as os.walk
    gives them; a link to a folder is not walked (it could loop)."""
    for name in ("docs/sub/b/x.txt", "docs/sub/a/y.txt", "docs/sub/a/z/w.txt", "docs/sub/c.txt"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("Text.\n", encoding="utf-8")
    (tree / "docs" / "sub" / "loop").symlink_to(tree / "docs", target_is_directory=True)
    targets, _ = discover(["docs"], INCLUDE, ())
    assert [target.display for target in targets] == [
        os.path.normpath(path)
        for path in (
            "docs/a.txt",
            "docs/b.md",
            "docs/sub/c.txt",
            "docs/sub/d.txt",
            "docs/sub/a/y.txt",
            "docs/sub/a/z/w.txt",
            "docs/sub/b/x.txt",
        )
    ]


def test_a_missing_path_is_an_error_notice(tree: Path) -> None:
    targets, notices = discover(["docs/a.txt", "nowhere"], INCLUDE, ())
    assert [target.display for target in targets] == ["docs/a.txt"]
    assert [(notice.path, notice.message, notice.is_error) for notice in notices] == [
        ("nowhere", "no such file or directory", True)
    ]
