"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None, reason="needs pre-commit"),
]


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of this checkout, as pre-commit clones hook repositories at a revision."""
    copy = tmp_path_factory.mktemp("hooks") / "doclint"
    ignore = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache")
    shutil.copytree(ROOT, copy, ignore=ignore)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "hooks")
    return copy


def try_repo(hook_repo: Path, folder: Path, hook: str) -> subprocess.CompletedProcess[str]:
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(hook_repo.parent / "cache")}
    command = ["pre-commit", "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env, timeout=900)


def test_hook_fails_on_a_damaged_file_and_passes_on_a_clean_one(hook_repo: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "article.txt").write_text("The bank\u2019s profits fell \u00e2\u20ac\u201c again.\n", encoding="utf-8")
    result = try_repo(hook_repo, damaged, "doclint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "article.txt:1:" in result.stdout

    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "article.txt").write_text("The bank\u2019s profits fell again.\n", encoding="utf-8")
    result = try_repo(hook_repo, clean, "doclint")
    assert result.returncode == 0, result.stdout + result.stderr
