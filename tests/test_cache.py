"""The result cache: a hit returns the same findings without running the rules; anything
that could change a finding (content, name, config, rule set, plugin version or source)
misses; entries are written atomically and a damaged entry is a miss."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILTIN_FAMILIES
from typer.testing import CliRunner

from doclint import Fix, Violation, hookimpl, rule
from doclint.cache import CACHE_DIR, MANIFEST, ResultCache, run_key
from doclint.cli import app
from doclint.config import Config
from doclint.discovery import discover
from doclint.entry_store import DATABASE
from doclint.plugin_manager import PluginInfo, build_plugin_manager
from doclint.runner import INTERNAL_ERROR, Session, run

CALLS: list[str] = []


@rule(code="CCH001", name="counted-double-space", fixable=True)
def counted(doc, options):
    """## What it does
    Finds two spaces, and counts its calls.
    """
    CALLS.append(doc.path)
    start = doc.text.find("  ")
    if start >= 0:
        yield Violation(start, start + 2, options.get("message", "Two spaces"), Fix.replace(start, start + 2, " "))


@rule(code="CCH002", name="crashes-on-boom")
def crashes(doc, options):
    """## What it does
    Raises on the word boom.
    """
    if "boom" in doc.text:
        raise RuntimeError("boom")
    return ()


class Counting:
    @hookimpl
    def doclint_rules(self):
        return [counted, crashes]


def make_session(root: Path, version: str = "1", **config) -> Session:
    config = Config(disable_plugins=BUILTIN_FAMILIES, root=root, cache=True, **config)
    manager = build_plugin_manager(config.disable_plugins, autoload=False)
    manager.register_plugin(Counting(), PluginInfo("counting", "tests", version))
    return Session.create(config, manager)


def check(folder: Path, session: Session, jobs: int = 1):
    targets, _ = discover([str(folder)], ("*.txt", "*.md"), ())
    return run(session, targets, jobs=jobs)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    CALLS.clear()
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Clean.\n", encoding="utf-8")
    return folder


def test_a_rerun_returns_the_same_findings_without_running_the_rules(docs: Path, tmp_path: Path) -> None:
    cold = check(docs, make_session(tmp_path))
    assert len(CALLS) == 2
    warm = check(docs, make_session(tmp_path))
    assert len(CALLS) == 2
    assert list(warm.findings) == list(cold.findings) and warm.files_checked == cold.files_checked == 2
    fixed = next(iter(warm.findings))
    assert fixed.fix is not None and fixed.fix.edits[0].replacement == " "


def test_the_cache_folder_ignores_itself_in_git(docs: Path, tmp_path: Path) -> None:
    check(docs, make_session(tmp_path))
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not list((tmp_path / CACHE_DIR).rglob(".tmp-*"))


def test_a_changed_file_is_checked_again(docs: Path, tmp_path: Path) -> None:
    check(docs, make_session(tmp_path))
    (docs / "b.txt").write_text("Now  two spaces.\n", encoding="utf-8")
    result = check(docs, make_session(tmp_path))
    assert CALLS.count(str(docs / "b.txt")) == 2 and CALLS.count(str(docs / "a.txt")) == 1
    assert [finding.path for finding in result.findings] == [str(docs / "a.txt"), str(docs / "b.txt")]


@pytest.mark.parametrize(
    "change",
    [
        {"version": "2"},
        {"plugin_options": (("counting", {"message": "Changed"}),)},
        {"ignore": ("CCH002",)},
        {"per_file_ignores": (("a.txt", ("CCH001",)),)},
        {"text_field": "body"},
    ],
    ids=["plugin-version", "plugin-options", "rule-selection", "per-file-ignores", "text-field"],
)
def test_a_changed_setup_misses(docs: Path, tmp_path: Path, change: dict) -> None:
    check(docs, make_session(tmp_path))
    check(docs, make_session(tmp_path, **change))
    assert len(CALLS) == 4


def test_output_options_share_the_cache(docs: Path, tmp_path: Path) -> None:
    check(docs, make_session(tmp_path))
    check(docs, make_session(tmp_path, output_format="json", fail_on="error", include=("*.txt",)))
    assert len(CALLS) == 2


def test_an_edited_plugin_source_changes_the_run_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import SAMPLE_PLUGIN, install_fake_plugin

    install_fake_plugin(tmp_path / "site", "doclint_cached", SAMPLE_PLUGIN, monkeypatch)
    config = Config(disable_plugins=BUILTIN_FAMILIES)
    manager = build_plugin_manager(config.disable_plugins)
    before = run_key(config, manager, ())
    source = tmp_path / "site" / "doclint_cached.py"
    source.write_text(source.read_text() + "\n# a changed rule, same version\n")
    assert run_key(config, manager, ()) != before


@pytest.mark.parametrize("library", ["charset-normalizer", "markdown-it-py"])
def test_a_changed_library_version_changes_the_run_key(library: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding and Markdown structure come from these libraries, so findings do too."""
    import importlib.metadata

    config = Config(disable_plugins=BUILTIN_FAMILIES)
    manager = build_plugin_manager(config.disable_plugins)
    before = run_key(config, manager, ())
    installed = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0.1" if name == library else installed(name))
    assert run_key(config, manager, ()) != before


def test_no_cache_does_not_look_up_library_versions(only_sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    (only_sample / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    looked_up = []
    installed = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: looked_up.append(name) or installed(name))
    result = CliRunner().invoke(app, ["check", "a.txt", "--no-cache"])
    assert result.exit_code == 1 and "charset-normalizer" not in looked_up and "markdown-it-py" not in looked_up
    CliRunner().invoke(app, ["check", "a.txt"])
    assert {"charset-normalizer", "markdown-it-py"} <= set(looked_up)


def test_cache_entries_are_written_whole_with_no_temporary_left(docs: Path, tmp_path: Path) -> None:
    check(docs, make_session(tmp_path))
    names = [path.name for path in (tmp_path / CACHE_DIR).rglob("*")]
    assert ".gitignore" in names and not [name for name in names if name.endswith(".doclint")]


def test_internal_errors_are_not_cached(docs: Path, tmp_path: Path) -> None:
    (docs / "b.txt").write_text("boom\n", encoding="utf-8")
    first = check(docs, make_session(tmp_path))
    assert first.internal_errors == 1
    second = check(docs, make_session(tmp_path))
    assert second.internal_errors == 1
    assert CALLS.count(str(docs / "b.txt")) == 2 and CALLS.count(str(docs / "a.txt")) == 1
    assert all(f.code != INTERNAL_ERROR or f.path.endswith("b.txt") for f in second.findings)


def test_a_damaged_entry_is_a_miss(docs: Path, tmp_path: Path) -> None:
    check(docs, make_session(tmp_path))
    with stored(tmp_path) as database:
        database.execute("UPDATE entry SET value = ?", (b"{not json",))
    result = check(docs, make_session(tmp_path))
    assert len(CALLS) == 4 and len(result.findings) == 1


def test_a_damaged_database_is_started_afresh(docs: Path, tmp_path: Path) -> None:
    check(docs, make_session(tmp_path))
    (database,) = (tmp_path / CACHE_DIR).rglob(DATABASE)
    for log in database.parent.glob(f"{DATABASE}-*"):  # its write-ahead log, which would mend it
        log.unlink()
    database.write_bytes(b"not a database" * 1000)
    assert len(check(docs, make_session(tmp_path)).findings) == 1 and len(CALLS) == 4
    assert len(check(docs, make_session(tmp_path)).findings) == 1 and len(CALLS) == 4  # stored again


def test_without_sqlite3_a_rerun_is_served_by_the_manifest(many: Path, tmp_path: Path, monkeypatch) -> None:
    import doclint.entry_store

    monkeypatch.setattr(doclint.entry_store, "sqlite3", None)  # a Python built without it
    cold = check(many, make_session(tmp_path))
    CALLS.clear()
    warm = check(many, make_session(tmp_path))
    assert CALLS == [] and list(warm.findings) == list(cold.findings)
    assert not list((tmp_path / CACHE_DIR).rglob(DATABASE))


def test_an_unwritable_cache_does_not_fail_the_run(docs: Path, tmp_path: Path) -> None:
    (tmp_path / CACHE_DIR).write_text("a file where the folder should be")
    result = check(docs, make_session(tmp_path))
    assert len(result.findings) == 1


def test_parallel_workers_fill_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(40):
        (folder / f"{number:02d}.txt").write_text(f"Document {number}  here.\n", encoding="utf-8")
    cold = check(folder, make_session(tmp_path), jobs=2)
    with stored(tmp_path) as database:
        entries = [value for (value,) in database.execute("SELECT value FROM entry")]
    assert len(entries) == 40
    assert all(json.loads(entry)["files_checked"] == 1 for entry in entries)
    CALLS.clear()
    warm = check(folder, make_session(tmp_path), jobs=1)
    assert CALLS == [] and list(warm.findings) == list(cold.findings)


def test_results_do_not_depend_on_a_cache_of_another_key(docs: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path)
    assert isinstance(session.cache, ResultCache)
    other = make_session(tmp_path, ignore=("CCH001",))
    assert session.cache.run_key != other.cache.run_key
    assert list(check(docs, other).findings) == []


def test_no_cache_on_the_command_line(only_sample: Path) -> None:
    (only_sample / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", "a.txt", "--no-cache", "--output-format", "json"])
    assert result.exit_code == 1 and not (only_sample / CACHE_DIR).exists()
    first = runner.invoke(app, ["check", "a.txt", "--output-format", "json"])
    assert (only_sample / CACHE_DIR / ".gitignore").exists()
    second = runner.invoke(app, ["check", "a.txt", "--output-format", "json"])
    assert json.loads(first.stdout) == json.loads(second.stdout) == json.loads(result.stdout)


def _length(document) -> bytes:
    CALLS.append(f"feature {document.path}")
    return str(len(document.text)).encode()


@rule(code="CCH100", name="same-length", scope="corpus")
def same_length(documents, options):
    """## What it does
    Finds documents of the same length, from a cached per-document feature.
    """
    from doclint.cache import document_feature

    seen = {}
    for doc in documents:
        length = document_feature(doc, "tests.length", lambda doc=doc: _length(doc))
        if length in seen:
            yield Violation(0, 1, f"Same length as {seen[length]}", document=doc)
        seen.setdefault(length, doc.path)


class Corpus:
    @hookimpl
    def doclint_rules(self):
        return [same_length]


class FeatureCorpus(Corpus):
    """The same rule, its feature computed by the processes that check the documents."""

    @hookimpl
    def doclint_document_features(self):
        return [("tests.length", _length)]


def plugin_session(root: Path, plugin: object, cache: bool = True) -> Session:
    config = Config(disable_plugins=BUILTIN_FAMILIES, root=root, cache=cache)
    manager = build_plugin_manager(config.disable_plugins, autoload=False)
    manager.register_plugin(plugin, PluginInfo("corpus-test", "tests", "1"))
    return Session.create(config, manager)


def corpus_session(root: Path, cache: bool = True) -> Session:
    return plugin_session(root, Corpus(), cache)


def _corpus_folder(tmp_path: Path) -> Path:
    CALLS.clear()
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in (("a.txt", "abc\n"), ("b.txt", "xyz\n"), ("c.txt", "four\n")):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_corpus_rules_reuse_cached_document_features(tmp_path: Path) -> None:
    folder = _corpus_folder(tmp_path)
    first = check(folder, corpus_session(tmp_path))
    assert len(CALLS) == 3
    second = check(folder, corpus_session(tmp_path))
    assert len(CALLS) == 3 and list(second.findings) == list(first.findings) and len(first.findings) == 1
    (folder / "c.txt").write_text("abc\n", encoding="utf-8")
    third = check(folder, corpus_session(tmp_path))
    assert CALLS[3:] == [f"feature {folder / 'c.txt'}"] and len(third.findings) == 2


def test_without_a_cache_features_are_computed_each_time(tmp_path: Path) -> None:
    CALLS.clear()
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("abc\n", encoding="utf-8")
    check(folder, corpus_session(tmp_path))
    check(folder, corpus_session(tmp_path, cache=False))
    check(folder, corpus_session(tmp_path, cache=False))
    assert len(CALLS) == 3


def corpus_calls() -> int:
    return sum(call.startswith("corpus ") for call in CALLS)


@rule(code="CCH101", name="counted-same-length", scope="corpus")
def counted_same_length(documents, options):
    """## What it does
    Finds documents of the same length, and counts its runs.
    """
    CALLS.append("corpus run")
    yield from same_length.check(documents, options)


class CountedCorpus:
    @hookimpl
    def doclint_rules(self):
        return [counted_same_length]


def counted_corpus_session(root: Path) -> Session:
    return plugin_session(root, CountedCorpus())


def test_corpus_findings_of_an_unchanged_folder_are_cached(tmp_path: Path) -> None:
    folder = _corpus_folder(tmp_path)
    first = check(folder, counted_corpus_session(tmp_path))
    second = check(folder, counted_corpus_session(tmp_path))
    assert corpus_calls() == 1 and list(second.findings) == list(first.findings) and len(first.findings) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "c.txt").write_text("abc\n", encoding="utf-8"),  # edited
        lambda folder: (folder / "d.txt").write_text("new\n", encoding="utf-8"),  # added
        lambda folder: (folder / "b.txt").unlink(),  # removed
        lambda folder: (folder / "b.txt").rename(folder / "e.txt"),  # renamed
    ],
)
def test_any_change_in_the_corpus_runs_the_corpus_rules_again(tmp_path: Path, change) -> None:
    folder = _corpus_folder(tmp_path)
    check(folder, counted_corpus_session(tmp_path))
    change(folder)
    check(folder, counted_corpus_session(tmp_path))
    assert corpus_calls() == 2


def test_corpus_findings_are_cached_per_set_of_files_reported(tmp_path: Path) -> None:
    folder = _corpus_folder(tmp_path)
    (folder / "c.txt").write_text("abc\n", encoding="utf-8")
    session = counted_corpus_session(tmp_path)
    corpus, _ = discover([str(folder)], ("*.txt",), ())
    whole = run(session, corpus, corpus=corpus)
    one = run(counted_corpus_session(tmp_path), corpus[:1], corpus=corpus)
    assert corpus_calls() == 2
    assert [finding.path for finding in whole.findings] == [str(folder / "b.txt"), str(folder / "c.txt")]
    assert list(one.findings) == []  # a.txt is the first of its length: no finding on it


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A folder of as many files as make a run read the manifest."""
    from doclint.runner import PARALLEL_THRESHOLD

    CALLS.clear()
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(PARALLEL_THRESHOLD):
        (folder / f"{number:02d}.txt").write_text(f"Document {number}  here.\n", encoding="utf-8")
    return folder


@contextlib.contextmanager
def stored(tmp_path: Path) -> Iterator[Any]:
    """The database of the cache's entries, changes committed on leaving."""
    sqlite3 = pytest.importorskip("sqlite3")
    (path,) = (tmp_path / CACHE_DIR).rglob(DATABASE)
    database = sqlite3.connect(path, isolation_level=None)
    try:
        yield database
    finally:
        database.close()


def manifest_of(tmp_path: Path) -> dict:
    (manifest,) = (tmp_path / CACHE_DIR).rglob(MANIFEST)
    return json.loads(manifest.read_text())


def header_of(entry: str) -> list:
    """A manifest entry's header: its key, absolute path and stat data, and digest."""
    return json.loads(entry.partition("\t")[0])


def with_header(entry: str, header: list) -> str:
    return json.dumps(header) + "\t" + entry.partition("\t")[2]


def test_a_damaged_result_in_the_manifest_is_checked_again_and_written_again(many: Path, tmp_path: Path) -> None:
    cold = check(many, make_session(tmp_path))
    (manifest,) = (tmp_path / CACHE_DIR).rglob(MANIFEST)
    entries = json.loads(manifest.read_text())
    name = str(many / "03.txt")
    entries[name] = entries[name].partition("\t")[0] + "\t{not json"
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    CALLS.clear()
    warm = check(many, make_session(tmp_path))
    assert [name] == CALLS and list(warm.findings) == list(cold.findings)
    assert manifest_of(tmp_path)[name].endswith("}")


@pytest.mark.parametrize("manifest", [True, False], ids=["from the manifest", "from the entries"])
def test_cached_results_are_restored_in_their_turn_not_all_at_once(
    many: Path, tmp_path: Path, monkeypatch, manifest: bool
) -> None:
    """A re-run over a large folder must not hold every cached result (and its findings) at once."""
    import doclint.cache
    from doclint.runner import _check_all

    check(many, make_session(tmp_path))
    if not manifest:
        (entries,) = (tmp_path / CACHE_DIR).rglob(MANIFEST)
        entries.unlink()
    restored = []
    decode = doclint.cache._decode
    monkeypatch.setattr(doclint.cache, "_decode", lambda data: restored.append(1) or decode(data))
    session = make_session(tmp_path)
    targets, _ = discover([str(many)], session.config.include, ())
    results = _check_all(session, targets, jobs=1)
    next(results)
    assert len(restored) == 1
    assert len(list(results)) == len(targets) - 1 and len(restored) == len(targets)


@pytest.mark.parametrize(
    "entries", [{}, {"a.txt": "[1]"}, {"dir/b\u00e9.txt": '["k",{"x":"\\u00e9"}]', "c\ud800": "[]"}]
)
def test_the_manifest_is_written_as_json_dumps_writes_it(entries: dict[str, str]) -> None:
    from doclint.cache import _json_object

    assert b"".join(_json_object(entries)) == json.dumps(entries, separators=(",", ":")).encode("ascii")


def test_a_rerun_reads_the_manifest_not_each_entry(many: Path, tmp_path: Path) -> None:
    cold = check(many, make_session(tmp_path))
    assert len(manifest_of(tmp_path)) == len(list(many.iterdir()))
    with stored(tmp_path) as database:
        database.execute("DELETE FROM entry")
    CALLS.clear()
    warm = check(many, make_session(tmp_path))
    assert CALLS == [] and list(warm.findings) == list(cold.findings)


def _opened_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the cache opens to digest their bytes, from now on."""
    import doclint.cache

    opened: list[str] = []

    def counting_open(path, *args, **kwargs):
        opened.append(Path(path).name)
        return open(path, *args, **kwargs)

    monkeypatch.setattr(doclint.cache, "open", counting_open, raising=False)
    return opened


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled: the manifest keeps their digests (a test
    cannot wait RACY_NS, nor set a file's inode time of change back)."""
    import doclint.cache

    monkeypatch.setattr(doclint.cache, "RACY_NS", 0)


def test_a_rerun_reads_only_the_files_changed_since(many: Path, tmp_path: Path, monkeypatch, settled) -> None:
    """The manifest keeps the digest of each file's bytes with its stat data: a re-run
    reads a file again only when those changed."""
    cold = check(many, make_session(tmp_path))
    (many / "03.txt").write_text("Edited  here.\n", encoding="utf-8")
    opened = _opened_files(monkeypatch)
    CALLS.clear()
    warm = check(many, make_session(tmp_path))
    assert opened == ["03.txt"] and len(CALLS) == 1
    assert [f for f in warm.findings if not f.path.endswith("03.txt")] == [
        f for f in cold.findings if not f.path.endswith("03.txt")
    ]


def test_a_rerun_after_one_edit_keeps_the_other_entries_as_they_were(many: Path, tmp_path: Path, settled) -> None:
    """An entry that served its file's lookup and is still true is written back as it was
    read (not decoded and encoded again), and the run keeps no digest of that file."""
    check(many, make_session(tmp_path))
    before = manifest_of(tmp_path)
    (many / "03.txt").write_text("Edited  here.\n", encoding="utf-8")
    session = make_session(tmp_path)
    check(many, session)
    after = manifest_of(tmp_path)
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == [str(many / "03.txt")]
    assert [Path(where).name for where, _ in session.cache._contents] == ["03.txt"]


def test_a_rerun_on_part_of_the_corpus_reads_none_of_the_unchanged_rest(
    many: Path, tmp_path: Path, monkeypatch, settled
) -> None:
    """The corpus key needs the digest of every file of the corpus, the files not checked
    too: those unchanged since the run that recorded them are not read for it."""
    for number in range(3):
        (many / f"extra{number}.txt").write_text(f"Extra {number}.\n", encoding="utf-8")
    corpus, _ = discover([str(many)], ("*.txt",), ())
    run(counted_corpus_session(tmp_path), corpus, corpus=corpus)
    checked = [target for target in corpus if not target.display.endswith(("extra0.txt", "extra1.txt"))]
    (many / "03.txt").write_text("Edited  here.\n", encoding="utf-8")
    opened = _opened_files(monkeypatch)
    run(counted_corpus_session(tmp_path), checked, corpus=corpus)
    assert opened == ["03.txt"]


def test_a_damaged_digest_in_the_manifest_is_written_again(many: Path, tmp_path: Path, monkeypatch, settled) -> None:
    check(many, make_session(tmp_path))
    (manifest,) = (tmp_path / CACHE_DIR).rglob(MANIFEST)
    entries = json.loads(manifest.read_text())
    name = str(many / "03.txt")
    header = header_of(entries[name])
    header[2] = "zz"
    entries[name] = with_header(entries[name], header)
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    opened = _opened_files(monkeypatch)
    check(many, make_session(tmp_path))  # reads the file, and repairs its entry
    check(many, make_session(tmp_path))
    assert opened == ["03.txt"] and header_of(manifest_of(tmp_path)[name])[2] != "zz"


def test_a_file_changed_just_before_a_run_is_read_again_by_the_next(many: Path, tmp_path: Path, monkeypatch) -> None:
    """A file changed within RACY_NS of a run may change again in the same tick of the
    clock without a new time of change: its digest is not kept."""
    check(many, make_session(tmp_path))  # the files were written just now
    opened = _opened_files(monkeypatch)
    check(many, make_session(tmp_path))
    assert sorted(opened) == sorted(path.name for path in many.iterdir())
    import doclint.cache

    monkeypatch.setattr(doclint.cache, "RACY_NS", 0)  # settled since: the run that read them keeps their digests
    check(many, make_session(tmp_path))
    opened.clear()
    check(many, make_session(tmp_path))
    assert opened == []


def test_an_edit_that_keeps_the_size_and_puts_the_time_back_is_read_again(
    many: Path, tmp_path: Path, monkeypatch, settled
) -> None:
    """``touch -r``, ``cp -p`` or ``rsync -t`` put a file's time of change back; its inode's
    time of change still moves."""
    edited = many / "03.txt"
    before = edited.stat()
    check(many, make_session(tmp_path))
    edited.write_text(edited.read_text(encoding="utf-8").replace("  ", " _"), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert edited.stat().st_size == before.st_size
    opened = _opened_files(monkeypatch)
    warm = check(many, make_session(tmp_path))
    assert opened == ["03.txt"]
    assert not any(finding.path.endswith("03.txt") for finding in warm.findings)


def test_runs_from_other_folders_do_not_share_digests_by_name(tmp_path: Path, monkeypatch, settled) -> None:
    """Runs from two folders share the cache at the config root and show their files under
    the same relative names: a digest serves only the file it was taken of."""
    from doclint.runner import PARALLEL_THRESHOLD

    CALLS.clear()
    for side, body in (("one", "two  spaces"), ("two", "two_ spaces")):
        for number in range(PARALLEL_THRESHOLD):
            path = tmp_path / side / "docs" / f"{number:02d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{body} {number:02d}.\n", encoding="utf-8")
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # the same size and time of change
    found = {}
    for side in ("one", "two"):
        monkeypatch.chdir(tmp_path / side)
        found[side] = list(check(Path("docs"), make_session(tmp_path)).findings)
    assert len(found["one"]) == PARALLEL_THRESHOLD and found["two"] == []
    assert len(CALLS) == 2 * PARALLEL_THRESHOLD


def test_a_damaged_manifest_is_a_miss(many: Path, tmp_path: Path) -> None:
    cold = check(many, make_session(tmp_path))
    (manifest,) = (tmp_path / CACHE_DIR).rglob(MANIFEST)
    manifest.write_text('{"' + "0" * 40 + '": [', encoding="utf-8")
    CALLS.clear()
    warm = check(many, make_session(tmp_path))
    assert CALLS == [] and list(warm.findings) == list(cold.findings)  # the entries still serve
    assert len(manifest_of(tmp_path)) == len(list(many.iterdir()))  # and it is written again


@pytest.mark.parametrize("stat", [[], [["a"], 1], "text", [None, "1", 2], [1, 2, 3, 4, 5, 6]])
def test_a_manifest_entry_with_damaged_stat_data_is_read_again(many: Path, tmp_path: Path, settled, stat) -> None:
    cold = check(many, make_session(tmp_path))
    (manifest,) = (tmp_path / CACHE_DIR).rglob(MANIFEST)
    entries = json.loads(manifest.read_text())  # display path -> the entry as JSON text
    for name, text in entries.items():
        header = header_of(text)
        header[1] = stat
        entries[name] = with_header(text, header)
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    CALLS.clear()
    warm = check(many, make_session(tmp_path))
    assert CALLS == [] and list(warm.findings) == list(cold.findings)  # each file read again, its entry found


def test_a_run_on_one_file_leaves_the_manifest_of_the_folder(many: Path, tmp_path: Path) -> None:
    check(many, make_session(tmp_path))
    (many / "03.txt").write_text("Edited  here.\n", encoding="utf-8")
    one, _ = discover([str(many / "03.txt")], ("*.txt",), ())
    run(make_session(tmp_path), one)
    assert len(manifest_of(tmp_path)) == len(list(many.iterdir()))
    CALLS.clear()
    check(many, make_session(tmp_path))
    assert CALLS == []  # the edited file's result comes from its own entry


def test_a_file_changed_during_the_run_is_not_cached_with_the_old_result(many: Path, tmp_path: Path) -> None:
    edited = many / "00.txt"

    def progress(_: int) -> None:
        if edited.read_text(encoding="utf-8") != "Fixed here.\n":  # saved just after its check
            edited.write_text("Fixed here.\n", encoding="utf-8")
            os.utime(edited, ns=(1, 1))  # a time of change that differs whatever the clock

    targets, _ = discover([str(many)], ("*.txt",), ())
    run(make_session(tmp_path), targets, progress=progress)
    warm = run(make_session(tmp_path), targets)
    fresh = run(make_session(tmp_path / "elsewhere"), targets)
    assert list(warm.findings) == list(fresh.findings) and str(edited) not in {
        finding.path for finding in warm.findings
    }


def test_an_edited_file_is_compared_with_its_siblings_cached_features(tmp_path: Path) -> None:
    folder = _corpus_folder(tmp_path)
    corpus, _ = discover([str(folder)], ("*.txt",), ())
    run(plugin_session(tmp_path, FeatureCorpus()), corpus, corpus=corpus)
    assert sorted(CALLS) == sorted(f"feature {target.path}" for target in corpus)
    CALLS.clear()
    (folder / "c.txt").write_text("abc\n", encoding="utf-8")
    edited = [target for target in corpus if target.path.name == "c.txt"]
    result = run(plugin_session(tmp_path, FeatureCorpus()), edited, corpus=corpus)
    computed = [call.removeprefix("feature ") for call in CALLS]
    assert computed == [str(folder / "c.txt")]  # a.txt's and b.txt's come from the cache
    assert [finding.path for finding in result.findings] == [str(folder / "c.txt")]


FOLDED: list[tuple[str, bytes]] = []


@rule(code="CCH101", name="lengths-folded", scope="corpus")
def lengths_folded(documents, options):
    """## What it does
    Folds every document's length feature in one pass, as the built-in corpus rules do.
    """
    from doclint.cache import document_features

    FOLDED.extend(
        (row.path, row.values["tests.length"]) for row in document_features(documents, {"tests.length": _length})
    )
    return iter(())


class Folding(FeatureCorpus):
    @hookimpl
    def doclint_rules(self):
        return [lengths_folded]


def test_a_sibling_changed_after_its_key_was_taken_gives_the_features_of_its_new_bytes(
    tmp_path: Path, monkeypatch
) -> None:
    """The corpus rules read a sibling back as it is now: its features must be of those bytes."""
    folder = _corpus_folder(tmp_path)
    corpus, _ = discover([str(folder)], ("*.txt",), ())
    run(plugin_session(tmp_path, Folding()), corpus, corpus=corpus)
    (folder / "c.txt").write_text("abc\n", encoding="utf-8")
    taken = ResultCache.corpus

    def corpus_then_changed(cache, *args):
        found = taken(cache, *args)
        (folder / "b.txt").write_text("changed since\n", encoding="utf-8")
        return found

    monkeypatch.setattr(ResultCache, "corpus", corpus_then_changed)
    FOLDED.clear()
    edited = [target for target in corpus if target.path.name == "c.txt"]
    run(plugin_session(tmp_path, Folding()), edited, corpus=corpus)
    now = {"a.txt": "abc\n", "b.txt": "changed since\n", "c.txt": "abc\n"}
    assert [(path, int(length)) for path, length in FOLDED] == [
        (str(folder / name), len(text)) for name, text in now.items()
    ]


@pytest.mark.parametrize("read_ahead", [1, 2, 256])
def test_the_siblings_entries_are_read_together_in_their_order(tmp_path: Path, monkeypatch, read_ahead: int) -> None:
    """A one-file check reads its siblings' entries READ_AHEAD at a time, not one query each."""
    import doclint.cache
    from doclint.entry_store import EntryStore

    folder = _corpus_folder(tmp_path)
    for number in range(5):
        (folder / f"more{number}.txt").write_text(f"text {number}\n", encoding="utf-8")
    corpus, _ = discover([str(folder)], ("*.txt",), ())
    run(plugin_session(tmp_path, FeatureCorpus()), corpus, corpus=corpus)
    (folder / "c.txt").write_text("abc\n", encoding="utf-8")
    monkeypatch.setattr(doclint.cache, "READ_AHEAD", read_ahead)
    batches, read = [], []
    get_many, get = EntryStore.get_many, EntryStore.get
    monkeypatch.setattr(EntryStore, "get_many", lambda store, keys: batches.append(len(keys)) or get_many(store, keys))
    monkeypatch.setattr(EntryStore, "get", lambda store, key: read.append(key) or get(store, key))
    CALLS.clear()
    edited = [target for target in corpus if target.path.name == "c.txt"]
    result = run(plugin_session(tmp_path, FeatureCorpus()), edited, corpus=corpus)
    assert [call.removeprefix("feature ") for call in CALLS] == [str(folder / "c.txt")]
    assert sum(batches) == len(corpus) - 1 and max(batches) == min(read_ahead, len(corpus) - 1)
    assert not [key for key in read if not key.startswith("memo-")]  # no sibling's entry read alone
    assert [finding.path for finding in result.findings] == [str(folder / "c.txt")]


def test_a_folder_run_after_one_edit_reads_the_restored_files_entries_together(tmp_path: Path, monkeypatch) -> None:
    """The results the manifest restores keep no features: the corpus pass reads them from
    the files' entries, READ_AHEAD to a query."""
    import doclint.cache
    from doclint.entry_store import EntryStore

    monkeypatch.setattr(doclint.cache, "RACY_NS", 0)  # files written just now are taken as settled
    folder = _corpus_folder(tmp_path)
    for number in range(30):
        (folder / f"more{number:02d}.txt").write_text(f"text {number}\n", encoding="utf-8")
    corpus, _ = discover([str(folder)], ("*.txt",), ())
    first = run(plugin_session(tmp_path, Folding()), corpus)
    (folder / "c.txt").write_text("abc\n", encoding="utf-8")
    batches, read = [], []
    get_many, get = EntryStore.get_many, EntryStore.get
    monkeypatch.setattr(EntryStore, "get_many", lambda store, keys: batches.append(len(keys)) or get_many(store, keys))
    monkeypatch.setattr(EntryStore, "get", lambda store, key: read.append(key) or get(store, key))
    FOLDED.clear()
    again = run(plugin_session(tmp_path, Folding()), corpus)
    assert sum(batches) == len(corpus) - 1 and not [key for key in read if not key.startswith("memo-")]
    assert len(FOLDED) == len(corpus) and list(again.findings) == list(first.findings)


def stored_findings() -> list:
    from doclint.models import Applicability, Finding, FixedEdits, PlacedEdit, Related, Severity

    fix = FixedEdits(Applicability.UNSAFE, (PlacedEdit(3, 4, 1, 4, 1, 5, "’"),))
    return [
        Finding("a.txt", 1, 4, 1, 5, "TST001", "x", Severity.INFO, "Ünïcode “here”", fix=fix, snippet="abc'd"),
        Finding("b\udcff.txt", 2, 1, 2, 9, "TST002", "y", Severity.ERROR, "m", related=(Related("a.txt", 1, 1, "r"),)),
    ] * 20


@pytest.mark.parametrize("inline_limit", [1 << 20, 100], ids=["a row", "a file of its own"])
def test_corpus_findings_come_back_from_their_entry_as_they_were(
    docs: Path, tmp_path: Path, monkeypatch, inline_limit: int
) -> None:
    import doclint.entry_store

    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", inline_limit)
    targets, _ = discover([str(docs)], ("*.txt",), ())
    findings = stored_findings()
    cache = ResultCache(tmp_path / CACHE_DIR, "k" * 40)
    assert list(cache.corpus(targets, ["a.txt"], (), lambda: iter(findings))) == findings  # given as they pass
    cache.flush()  # as a run does at its end
    warm = ResultCache(tmp_path / CACHE_DIR, "k" * 40).corpus(targets, ["a.txt"], (), lambda: pytest.fail("again"))
    assert list(warm) == findings
    assert bool(list((tmp_path / CACHE_DIR).rglob("large/*"))) == (inline_limit == 100)


def _corpus_run(docs: Path, tmp_path: Path, text: str, reported: list[str], compute) -> list:
    """The corpus findings of a run over ``docs`` whose ``a.txt`` holds ``text``."""
    (docs / "a.txt").write_text(text, encoding="utf-8")
    targets, _ = discover([str(docs)], ("*.txt",), ())
    cache = ResultCache(tmp_path / CACHE_DIR, "k" * 40)
    found = list(cache.corpus(targets, reported, (), compute))
    cache.flush()
    return found


@pytest.mark.parametrize("inline_limit", [1 << 20, 100], ids=["rows", "files of their own"])
def test_only_the_newest_corpus_entries_are_kept(docs: Path, tmp_path: Path, monkeypatch, inline_limit: int) -> None:
    """Every commit to a folder makes a corpus entry of its own (16 MB on a folder of many
    copies): all but the newest KEEP_CORPUS_ENTRIES are removed as another is stored."""
    import doclint.cache
    import doclint.entry_store

    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", inline_limit)
    monkeypatch.setattr(doclint.cache, "KEEP_CORPUS_ENTRIES", 2)
    findings = stored_findings()
    for version in range(4):
        _corpus_run(docs, tmp_path, f"version {version}\n", ["a.txt"], lambda: iter(findings))
    with stored(tmp_path) as database:
        (count,) = database.execute("SELECT count(*) FROM entry WHERE length(key) = 40").fetchone()
    assert count == 2
    assert len(list((tmp_path / CACHE_DIR).rglob("large/*"))) == (2 if inline_limit == 100 else 0)
    kept = lambda: pytest.fail("kept")  # noqa: E731
    assert _corpus_run(docs, tmp_path, "version 3\n", ["a.txt"], kept) == findings
    assert _corpus_run(docs, tmp_path, "version 2\n", ["a.txt"], kept) == findings
    assert _corpus_run(docs, tmp_path, "version 1\n", ["a.txt"], lambda: iter(findings[:1])) == findings[:1]


def test_a_folders_corpus_entry_is_not_pushed_out_by_one_file_checks_nor_by_states_met_since(
    docs: Path, tmp_path: Path, monkeypatch
) -> None:
    """An editor or a hook checking one file at a time makes a small entry each time; and a
    folder's state met again (another branch checked out) counts as new."""
    import doclint.cache

    monkeypatch.setattr(doclint.cache, "KEEP_CORPUS_ENTRIES", 2)
    findings, kept = stored_findings(), lambda: pytest.fail("kept")
    folder = [str(docs / "a.txt"), str(docs / "b.txt")]
    _corpus_run(docs, tmp_path, "branch A\n", folder, lambda: iter(findings))
    _corpus_run(docs, tmp_path, "branch B\n", folder, lambda: iter(findings))
    for version in range(3):
        _corpus_run(docs, tmp_path, f"version {version}\n", ["a.txt"], lambda: iter(findings))
    assert _corpus_run(docs, tmp_path, "branch A\n", folder, kept) == findings  # read: now the newest
    _corpus_run(docs, tmp_path, "branch C\n", folder, lambda: iter(findings))  # pushes out B, not A
    assert _corpus_run(docs, tmp_path, "branch A\n", folder, kept) == findings
    assert _corpus_run(docs, tmp_path, "branch B\n", folder, lambda: iter(findings[:1])) == findings[:1]


def test_a_damaged_list_of_corpus_entries_removes_nothing_else(docs: Path, tmp_path: Path, monkeypatch) -> None:
    """Only keys of corpus entries are taken from the list: never a path, nor a key that
    cannot name a file."""
    import doclint.cache

    monkeypatch.setattr(doclint.cache, "KEEP_CORPUS_ENTRIES", 1)
    findings = stored_findings()
    _corpus_run(docs, tmp_path, "first\n", ["a.txt"], lambda: iter(findings))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (listed,) = (tmp_path / CACHE_DIR).rglob(doclint.cache.CORPUS_ENTRIES)
    for damaged in ({"files": [str(victim), "../entries.sqlite", "\0", "\ud800", 7]}, ["a"], "x", None):
        listed.write_text(json.dumps(damaged), encoding="utf-8")
        assert _corpus_run(docs, tmp_path, f"{damaged!r}\n", ["a.txt"], lambda: iter(findings)) == findings
    assert victim.exists() and list((tmp_path / CACHE_DIR).rglob(DATABASE))
    assert len(json.loads(listed.read_text(encoding="utf-8"))["files"]) == 1


def test_a_damaged_line_in_a_corpus_entry_is_a_miss(docs: Path, tmp_path: Path, monkeypatch) -> None:
    import doclint.entry_store

    monkeypatch.setattr(doclint.entry_store, "INLINE_LIMIT", 100)  # the entry gets a file: damage it there
    targets, _ = discover([str(docs)], ("*.txt",), ())
    findings = stored_findings()
    cache = ResultCache(tmp_path / CACHE_DIR, "k" * 40)
    list(cache.corpus(targets, ["a.txt"], (), lambda: iter(findings)))
    cache.flush()
    (entry,) = (tmp_path / CACHE_DIR).rglob("large/*")
    lines = entry.read_bytes().splitlines(keepends=True)
    entry.write_bytes(b"".join([*lines[:10], b"{not json\n", *lines[11:]]))
    again = ResultCache(tmp_path / CACHE_DIR, "k" * 40).corpus(targets, ["a.txt"], (), lambda: iter(findings[:1]))
    assert list(again) == findings[:1]  # computed again, not cut short at the damage


def test_a_corpus_entry_that_fails_to_read_after_its_check_ends_the_run_with_one_line(
    docs: Path, tmp_path: Path, monkeypatch
) -> None:
    """Its digest checked, a read error after some findings were given cannot be a miss."""
    import io

    from doclint.errors import DoclintError

    class FailsOnSecondRead(io.BytesIO):
        def __iter__(self):
            if self.tell() == 0 and getattr(self, "read_once", False):
                raise OSError(5, "Input/output error")
            self.read_once = True
            return super().__iter__()

    targets, _ = discover([str(docs)], ("*.txt",), ())
    cache = ResultCache(tmp_path / CACHE_DIR, "k" * 40)
    list(cache.corpus(targets, ["a.txt"], (), lambda: iter(stored_findings())))
    cache.flush()
    again = ResultCache(tmp_path / CACHE_DIR, "k" * 40)
    stored = again._entries.open
    monkeypatch.setattr(again._entries, "open", lambda key: FailsOnSecondRead(stored(key).read()))
    with pytest.raises(DoclintError, match=r"cannot read the result cache .*Input/output error"):
        list(again.corpus(targets, ["a.txt"], (), lambda: pytest.fail("computed again")))


def test_recall_gives_what_was_remembered_under_the_same_run_key_and_name(tmp_path: Path) -> None:
    """What a corpus rule derives from several documents together is kept under a key it
    makes of their identities, for the runs of the same run key."""
    from doclint.cache import activate, identity, recall, remember
    from doclint.models import Document

    first = Document("a.txt", "one\n")
    key = identity(first) + identity(Document("b.txt", "two\n"))
    assert identity(first) == identity(Document("a.txt", "one\n"))
    assert len({identity(first), identity(Document("c.txt", "one\n")), identity(Document("a.txt", "one!\n"))}) == 3
    activate(ResultCache(tmp_path, "run-key"))
    assert recall("tests.pairs", [key]) == {}
    remember("tests.pairs", key, b"kept")
    remember("tests.pairs", b"empty", b"")
    ResultCache(tmp_path, "run-key").flush()
    activate(ResultCache(tmp_path, "run-key"))
    assert recall("tests.pairs", [key, b"empty", b"other"]) == {key: b"kept", b"empty": b""}
    # A value found damaged (cut short, emptied) is a miss: each is kept after a digest of it.
    with sqlite3.connect(tmp_path / "run-key" / DATABASE) as connection:
        connection.execute("UPDATE entry SET value = substr(value, 1, length(value) - 1) WHERE length(value) > 16")
        connection.execute("UPDATE entry SET value = x'' WHERE length(value) = 16")
    assert recall("tests.pairs", [key, b"empty"]) == {}
    assert recall("tests.other", [key]) == {}
    activate(ResultCache(tmp_path, "another-run-key"))
    assert recall("tests.pairs", [key]) == {}
    activate(None)  # no cache (--no-cache, library use): nothing kept, nothing recalled
    remember("tests.pairs", b"x", b"y")
    assert recall("tests.pairs", [key, b"x"]) == {}
