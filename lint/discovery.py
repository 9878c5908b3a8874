"""Which files a run checks: the paths given, folders walked, include / exclude applied."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from doclint.models import Notice


class Target(NamedTuple):
    """A file to check, and how findings name it.

    ``filename`` is the file's path on disk as found; ``path`` makes a ``Path`` of it each
    time it is asked for (once per read of the file), so that the list of a large folder's
    targets holds no ``Path`` objects, and a re-run served by the cache makes none. Where
    the two name the file alike (a folder named as a relative, normalised path, or ".")
    they are one string, and a target is a tuple: about 130 bytes a file rather than 300.
    """

    filename: str
    display: str

    @property
    def path(self) -> Path:
        return Path(self.filename)


def discover(paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> tuple[list[Target], list[Notice]]:
    """Files under ``paths`` in a stable order; a path named explicitly is always checked.

    Folders are walked recursively, skipping hidden folders (``.git`` among them); a file
    is taken when its name or its path below the folder matches an ``include`` glob and
    no ``exclude`` glob.
    """
    targets: list[Target] = []
    notices: list[Notice] = []
    # The real path of each file taken, so that a file named twice, or linked to, is taken
    # once. A walk of one folder finds each file that is not a link once by itself, so the
    # set (about 200 bytes a file) is kept only when several paths are given, or made from
    # the files taken so far when a link to a file could bring one again.
    seen: set[str] | None = set() if len(paths) > 1 else None
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = _walk(path, given, include, exclude)
        elif path.exists():
            found = [(os.path.realpath(path), Target(given, os.path.normpath(given)), False)]
        else:
            notices.append(Notice(given, "no such file or directory", is_error=True))
            continue
        for real, target, linked in found:
            if seen is None and linked:
                seen = set(_real_paths(targets))
            if seen is not None:
                if real in seen:
                    continue
                seen.add(real)
            targets.append(target)
    return targets, notices


def _real_paths(targets: Iterable[Target]) -> Iterator[str]:
    """The real path of each target's file: one ``realpath`` per folder rather than per file
    (which resolves each part of the path again); a file that is a link resolves its own."""
    real_folders: dict[str, str] = {}
    for target in targets:
        if os.path.islink(target.filename):
            yield os.path.realpath(target.filename)
            continue
        folder, name = os.path.split(target.filename)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        yield os.path.join(real_folders[folder], name)


def _walk(
    folder: Path, given: str, include: Sequence[str], exclude: Sequence[str]
) -> Iterator[tuple[str, Target, bool]]:
    """The files taken under ``folder``, each with its real path (to see a file named twice)
    and whether it is a link.

    As ``os.walk`` walks (a folder's files, then each subfolder in turn; links to folders
    are not followed, unreadable folders are skipped), but with the entries ``os.scandir``
    gives: whether each is a link comes with its name, not from a system call per file.
    """
    included, excluded = _globs(tuple(include)), _globs(tuple(exclude))
    pending = [(os.fspath(folder), "")]  # folders to walk, each with its path below ``folder``
    while pending:
        root, prefix = pending.pop()
        try:
            with os.scandir(root) as scanned:
                entries = sorted(scanned, key=lambda entry: entry.name)
        except OSError:
            continue
        # Resolved once per folder, not per file: only a file that is a link needs its own.
        real_root = os.path.realpath(root)
        subfolders = []
        for entry in entries:
            name = entry.name
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if not name.startswith(".") and not entry.is_symlink() and not _matches(prefix, name, excluded):
                    subfolders.append((entry.path, f"{prefix}{name}/"))
            elif _matches(prefix, name, included) and not _matches(prefix, name, excluded):
                linked = entry.is_symlink()
                real = os.path.realpath(entry.path) if linked else os.path.join(real_root, name)
                # Normalised, so that "./a.txt" found under "." and "a.txt" named are one file.
                display = os.path.normpath(os.path.join(given, prefix + name))
                yield real, Target(_same_or_own(entry.path, display), display), linked
        pending.extend(reversed(subfolders))


def _same_or_own(filename: str, display: str) -> str:
    """``filename``, or ``display`` itself where the two name the file alike: "./a.txt"
    (a walk of ".") and "a.txt" do, without the "./" (no other change: ".." may not be
    taken away where links are)."""
    here = os.curdir + os.sep
    bare = filename[len(here) :] if filename.startswith(here) else filename
    return display if bare == display else filename


@functools.cache
def _globs(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a list of globs (fnmatch's translation of each): one test per path.

    Globs and paths are compared as ``fnmatch.fnmatch`` compares them, after
    ``os.path.normcase`` (which folds case on Windows, and does nothing on POSIX).
    """
    if not globs:
        return None
    return re.compile("|".join(fnmatch.translate(os.path.normcase(glob)) for glob in globs))


def _matches(prefix: str, name: str, globs: re.Pattern[str] | None) -> bool:
    """Whether the file's name, or its path below the walked folder, matches a glob."""
    if globs is None:
        return False
    return globs.match(os.path.normcase(name)) is not None or globs.match(os.path.normcase(prefix + name)) is not None


def path_matches(display: str, globs: Iterable[str]) -> bool:
    """Whether a finding's path matches any glob (by full path, trailing part or name)."""
    posix = PurePosixPath(Path(display).as_posix())
    return any(
        fnmatch.fnmatch(str(posix), glob) or posix.match(glob) or fnmatch.fnmatch(posix.name, glob) for glob in globs
    )
