from __future__ import annotations

import dataclasses
import itertools
import os
import random
from pathlib import Path

import pytest
from conftest import BUILTIN_FAMILIES

from doclint import Violation, hookimpl, rule, spool
from doclint.config import Config
from doclint.discovery import discover
from doclint.runner import INTERNAL_ERROR, Session, run


@rule(code="XYZ001", name="always-fails")
def always_fails(doc, options):
    """## What it does
    Raises, to test isolation.
    """
    raise ValueError("broken rule")
    yield  # pragma: no cover


class Crashing:
    @hookimpl
    def doclint_rules(self):
        return [always_fails]


def session(config: Config | None = None, *plugins) -> Session:
    config = config or Config(disable_plugins=BUILTIN_FAMILIES)
    from doclint.plugin_manager import PluginInfo, build_plugin_manager

    manager = build_plugin_manager(config.disable_plugins)
    for number, plugin in enumerate(plugins):
        manager.register_plugin(plugin, PluginInfo(f"plugin-{number}", "tests", "0"))
    return Session.create(config, manager)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def check(folder: Path, config: Config | None = None, *plugins, jobs: int = 1):
    targets, notices = discover([str(folder)], ("*.txt", "*.md"), ())
    result = run(session(config, *plugins), targets, jobs=jobs)
    result.notices[:0] = notices
    return result


def test_discovery_skips_hidden_folders_and_honours_include_exclude(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.rst", ".git/x.txt", ".hidden/y.txt", "sub/d.txt", "sub/skip.txt"):
        write(tmp_path, name, "x")
    targets, _ = discover([str(tmp_path)], ("*.txt", "*.md"), ("sub/skip.txt",))
    assert [os.path.relpath(t.display, tmp_path) for t in targets] == ["a.txt", "b.md", os.path.join("sub", "d.txt")]


def test_explicit_paths_are_always_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.rst", "x")
    targets, _ = discover([str(path)], ("*.txt",), ("*.rst",))
    assert [t.path for t in targets] == [path]


def test_missing_path_is_an_error_notice(tmp_path: Path) -> None:
    _, notices = discover([str(tmp_path / "nope")], ("*.txt",), ())
    assert notices[0].is_error and "no such file" in notices[0].message


def test_crashing_rule_is_reported_once_per_document_and_the_run_goes_on(tmp_path: Path, sample_plugin) -> None:
    write(tmp_path, "a.txt", "one  two\n")
    write(tmp_path, "b.txt", "three\n")
    result = check(tmp_path, None, Crashing())
    errors = [f for f in result.findings if f.code == INTERNAL_ERROR]
    assert len(errors) == 2
    assert "rule XYZ001 (always-fails) of plugin 'plugin-0' raised ValueError: broken rule" in errors[0].message
    assert any(f.code == "TST001" for f in result.findings)  # the other rules still ran
    assert result.internal_errors == 2


def test_binary_file_is_skipped_with_a_notice(tmp_path: Path) -> None:
    write(tmp_path, "data.txt", b"\x00\x01\x02binary")
    result = check(tmp_path)
    assert result.files_checked == 0
    assert [n.message for n in result.notices] == ["skipped: binary file (NUL bytes)"]
    assert not result.notices[0].is_error


def test_non_utf8_text_is_decoded_and_marked(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu.\n".encode("cp1252"))
    documents = list(session().documents(discover([str(path)], ("*.txt",), ())[0][0]))
    assert documents[0].text.startswith("Café crème")
    assert not documents[0].decoding.valid_utf8 and documents[0].decoding.bad_byte == 3


def test_utf8_bom_is_removed_and_recorded(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfHello")
    document = next(iter(session().documents(discover([str(path)], ("*.txt",), ())[0][0])))
    assert document.text == "Hello" and document.decoding.bom


def test_empty_file_is_checked(tmp_path: Path, sample_plugin) -> None:
    write(tmp_path, "empty.txt", "")
    result = check(tmp_path)
    assert result.files_checked == 1 and list(result.findings) == []


def test_too_large_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "x" * 100)
    result = check(tmp_path, Config(disable_plugins=BUILTIN_FAMILIES, max_file_size=10))
    assert "over max-file-size" in result.notices[0].message


def test_unreadable_file_is_an_error_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "secret.txt", "x")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)  # root could read a chmod 0 file
    result = check(tmp_path)
    assert result.notices[0].is_error and "cannot read" in result.notices[0].message


def test_parallel_results_equal_serial(tmp_path: Path, sample_plugin) -> None:
    for number in range(40):
        write(tmp_path, f"doc{number:02}.txt", f"Doc {number}  has  TODO spaces.\n" * (number % 3 + 1))
    serial = check(tmp_path, jobs=1)
    parallel = check(tmp_path, jobs=2)
    assert list(serial.findings) == list(parallel.findings) and len(serial.findings) > 40
    assert serial.files_checked == parallel.files_checked == 40


def test_a_run_with_its_findings_spilled_to_disk_reports_the_same(
    tmp_path: Path, sample_plugin, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(30):
        write(tmp_path, f"sub{number % 3}/doc{number:02}.txt", f"Doc {number}  has  TODO spaces.\n" * (number % 3 + 1))
    held = list(check(tmp_path).findings)
    monkeypatch.setattr(spool, "SPILL_FINDINGS", 4)
    monkeypatch.setattr(spool, "CHUNK_FINDINGS", 3)
    spilled = check(tmp_path, jobs=2).findings
    assert list(spilled) == held and len(spilled) == len(held) > 40
    assert held == sorted(held, key=lambda finding: finding.sort_key)


def test_per_file_ignores(tmp_path: Path, sample_plugin) -> None:
    write(tmp_path, "keep.txt", "a  b\n")
    write(tmp_path, "drafts/skip.txt", "a  b\n")
    config = Config(disable_plugins=BUILTIN_FAMILIES, per_file_ignores=(("drafts/*", ("TST001",)),))
    assert {Path(f.path).name for f in check(tmp_path, config).findings if f.code == "TST001"} == {"keep.txt"}


def test_corpus_rules_see_siblings_but_report_only_requested_files(tmp_path: Path, sample_plugin) -> None:
    write(tmp_path, "a.txt", "Same title\n\nbody a\n")
    write(tmp_path, "b.txt", "Same title\n\nbody b\n")
    sess = session()
    corpus, _ = discover([str(tmp_path)], ("*.txt",), ())
    only_a = [t for t in corpus if t.display.endswith("a.txt")]
    only_b = [t for t in corpus if t.display.endswith("b.txt")]
    assert [f.code for f in run(sess, only_a, corpus=corpus).findings] == []
    findings = list(run(sess, only_b, corpus=corpus).findings)
    assert [(Path(f.path).name, f.code) for f in findings] == [("b.txt", "TST003")]
    assert findings[0].related[0].path.endswith("a.txt")


def test_plugin_options_reach_rules(tmp_path: Path, sample_plugin) -> None:
    write(tmp_path, "a.txt", "FIXME here\n")
    options = (("doclint_sample", {"word": "FIXME"}),)
    result = check(tmp_path, Config(disable_plugins=BUILTIN_FAMILIES, plugin_options=options))
    assert [f.message for f in result.findings] == ["FIXME left in text"]


@rule(code="XYZ002", name="corpus-fails", scope="corpus")
def corpus_fails(documents, options):
    """## What it does
    Raises, to test isolation of corpus rules.
    """
    raise RuntimeError("corpus boom")
    yield  # pragma: no cover


class CrashingCorpus:
    @hookimpl
    def doclint_rules(self):
        return [corpus_fails]


def test_crashing_corpus_rule_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "text\n")
    result = check(tmp_path, None, CrashingCorpus())
    assert [f.code for f in result.findings] == [INTERNAL_ERROR]
    assert "RuntimeError: corpus boom" in next(iter(result.findings)).message


@rule(code="XYZ003", name="feature-reader", scope="corpus")
def feature_reader(documents, options):
    """## What it does
    Reports each document's feature, to test that the checking process computed it.
    """
    from doclint.cache import document_feature

    for doc in documents:
        value = document_feature(doc, "test.length", lambda: b"recomputed in the corpus pass")
        yield Violation(0, 0, value.decode(), document=doc)


class Featured:
    def __init__(self) -> None:
        self.extracted: list[str] = []

    def extract(self, doc) -> bytes:
        self.extracted.append(Path(doc.path).name)
        return f"{len(doc.text)} characters".encode()

    @hookimpl
    def doclint_document_features(self):
        return [("test.length", self.extract)]

    @hookimpl
    def doclint_rules(self):
        return [feature_reader]


def test_corpus_features_come_from_the_checking_process(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "four")
    write(tmp_path, "b.txt", "seven..")
    plugin = Featured()
    result = check(tmp_path, None, plugin)
    assert [f.message for f in result.findings] == ["4 characters", "7 characters"]
    assert plugin.extracted == ["a.txt", "b.txt"]  # once each, while the documents were checked


@rule(code="XYZ004", name="feature-folder", scope="corpus")
def feature_folder(documents, options):
    """## What it does
    Reports each document's feature as a corpus pass folds it, then reads back the last
    document, to test that the pass reads no file the run has features for.
    """
    from doclint.cache import document_features

    rows = list(document_features(documents, {"test.length": lambda doc: b"recomputed in the corpus pass"}))
    last = documents[len(rows) - 1]
    for number, row in enumerate(rows):
        yield Violation(0, 0, f"{number} {Path(row.path).name} {row.values['test.length'].decode()}", document=last)


class Counted(Featured):
    """Counts the files read; leaves reading them to doclint's own reader."""

    def __init__(self, fail_on: str = "") -> None:
        super().__init__()
        self.read: list[str] = []
        self.fail_on = fail_on

    def extract(self, doc) -> bytes:
        if Path(doc.path).name == self.fail_on:
            raise ValueError("no feature for this one")
        return super().extract(doc)

    @hookimpl
    def doclint_read_documents(self, path, display_path, config):
        self.read.append(Path(display_path).name)

    @hookimpl
    def doclint_rules(self):
        return [feature_folder]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_corpus_pass_folds_the_features_of_the_checking_processes_without_reading_again(
    tmp_path: Path, jobs: int
) -> None:
    names = [f"doc{number:02}.txt" for number in range(20)]  # enough files for a pool
    for number, name in enumerate(names):
        write(tmp_path, name, "x" * number)
    plugin = Counted()
    result = check(tmp_path, None, plugin, jobs=jobs)
    assert [f.message for f in result.findings] == [
        f"{number} {name} {number} characters" for number, name in enumerate(names)
    ]
    if jobs == 1:  # the workers' counts stay in their processes
        assert plugin.extracted == names
        assert plugin.read == [*names, names[-1]]  # checked once each; the last read back by index


def test_a_file_without_its_features_is_read_again_for_them(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path, name, name)
    plugin = Counted(fail_on="b.txt")
    result = check(tmp_path, None, plugin)
    assert [f.message for f in result.findings] == [
        "0 a.txt 5 characters",
        "1 b.txt recomputed in the corpus pass",
        "2 c.txt 5 characters",
    ]
    # The pass takes each file's features as it is checked: b.txt is read again at once.
    assert plugin.read == ["a.txt", "b.txt", "b.txt", "c.txt", "c.txt"]


@rule(code="XYZ005", name="feature-per-document", scope="corpus")
def feature_per_document(documents, options):
    """## What it does
    Reports each document's feature as ``document_feature`` gives it while the documents
    are iterated, to test that each document gets its own.
    """
    from doclint.cache import document_feature

    for document in documents:
        value = document_feature(document, "test.length", lambda: b"recomputed in the corpus pass")
        yield Violation(0, 0, value.decode(), document=document)


class Iterating(Featured):
    """Reads its features one by one while iterating; ``rewrite`` changes a file once its
    features are extracted, as an editor saving it between the check and the corpus pass."""

    def __init__(self, rewrite: Path | None = None) -> None:
        super().__init__()
        self.rewrite = rewrite

    def extract(self, doc) -> bytes:
        value = super().extract(doc)
        if self.rewrite is not None and doc.path == str(self.rewrite):
            self.rewrite.write_text("edited since", encoding="utf-8")
        return value

    @hookimpl
    def doclint_rules(self):
        return [feature_per_document]


def test_records_under_one_name_each_get_their_own_features(tmp_path: Path) -> None:
    write(tmp_path, "data.jsonl", '{"id": "x", "text": "four"}\n{"id": "x", "text": "seven.."}\n')
    targets, _ = discover([str(tmp_path)], ("*.jsonl",), ())
    result = run(session(None, Iterating()), targets)
    assert [(f.path, f.message) for f in result.findings] == [
        (str(tmp_path / "data.jsonl") + ":x", "4 characters"),
        (str(tmp_path / "data.jsonl") + ":x", "7 characters"),
    ]


def test_a_file_changed_after_its_check_has_its_features_computed_again(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "four")
    changed = write(tmp_path, "b.txt", "seven..")
    result = check(tmp_path, None, Iterating(rewrite=changed))
    assert [f.message for f in result.findings] == ["4 characters", "recomputed in the corpus pass"]


def test_lazy_documents_number_documents_alike_for_indexing_and_iteration(tmp_path: Path) -> None:
    """``documents[i]`` is the i-th document iteration yields: a skipped file holds none, a
    JSONL file one per record; only the file holding a document is read back for it."""
    from doclint.runner import LazyDocuments

    write(tmp_path, "a.txt", "alpha\n")
    write(tmp_path, "b.bin", b"\x00binary")
    write(tmp_path, "c.jsonl", '{"text": "one"}\n{"id": "x", "text": "two"}\n{"text": "three"}\n')
    write(tmp_path, "d.txt", "delta\n")
    write(tmp_path, "e.jsonl", '{"body": "no text field"}\n')
    targets, _ = discover([str(tmp_path)], ("*",), ())
    expected = [
        (str(tmp_path / "a.txt"), "alpha\n"),
        (str(tmp_path / "c.jsonl") + ":1", "one"),
        (str(tmp_path / "c.jsonl") + ":x", "two"),
        (str(tmp_path / "c.jsonl") + ":3", "three"),
        (str(tmp_path / "d.txt"), "delta\n"),
    ]
    for first_use in ("iterate", "index", "len"):
        documents = LazyDocuments(session(), targets)
        if first_use == "iterate":
            assert [(document.path, document.text) for document in documents] == expected
        if first_use == "index":
            assert (documents[3].path, documents[-1].text) == expected[3][:1] + expected[-1][1:]
        assert len(documents) == len(expected)
        assert [(documents[i].path, documents[i].text) for i in range(len(expected))] == expected
        assert [document.path for document in documents[1:4]] == [path for path, _ in expected[1:4]]
        with pytest.raises(IndexError):
            documents[len(expected)]


def test_lazy_documents_tell_which_documents_the_run_reports_on(tmp_path: Path) -> None:
    """A byte per document (a JSONL file's records share their file's), or None when the run
    reports on every file."""
    from doclint.runner import LazyDocuments, _normalised

    write(tmp_path, "a.txt", "alpha\n")
    write(tmp_path, "b.bin", b"\x00binary")
    write(tmp_path, "c.jsonl", '{"text": "one"}\n{"text": "two"}\n')
    write(tmp_path, "d.txt", "delta\n")
    targets, _ = discover([str(tmp_path)], ("*",), ())
    names = sorted(_normalised(target.display) for target in targets)
    assert LazyDocuments(session(), targets).reported() is None
    assert LazyDocuments(session(), targets, reported=names).reported() is None
    assert not LazyDocuments(session(), targets, reported=names).partly_reported()
    only = [name for name in names if name.endswith(("c.jsonl", "d.txt"))]
    assert LazyDocuments(session(), targets, reported=only).partly_reported()  # before any pass
    assert LazyDocuments(session(), targets, reported=only).reported() == bytes([0, 1, 1, 1])
    holding = [name for name in names if not name.endswith("b.bin")]  # the file left out holds no document
    assert LazyDocuments(session(), targets, reported=holding).reported() is None


def test_a_one_file_check_verifies_only_the_pairs_of_that_file(tmp_path: Path, monkeypatch) -> None:
    """Two other documents of the folder that copy each other are not aligned: a pre-commit
    run compared every pair of the folder to keep the findings of one file. Nor are the
    folder's fingerprints made postings and sorted: the file's pairs are found without."""
    from corpus_copies import article, vocabulary

    from doclint.plugins.corpus import index, siblings

    chance = random.Random(4)
    words = vocabulary(chance)
    first, second = ("\n\n".join(article(chance, words, paragraphs=8)) + "\n" for _ in range(2))
    for name, text in {"a.txt": first, "a-copy.txt": first, "b.txt": second, "b-copy.txt": second}.items():
        write(tmp_path, name, text)
    aligned = []
    real = siblings.align
    monkeypatch.setattr(siblings, "align", lambda a, b: aligned.append(1) or real(a, b))
    posted = []
    add = index._Postings.add
    monkeypatch.setattr(
        index._Postings, "add", lambda self, prints, number: posted.append(number) or add(self, prints, number)
    )
    config = Config(disable_plugins=tuple(family for family in BUILTIN_FAMILIES if family != "corpus"), cache=False)
    corpus, _ = discover([str(tmp_path)], ("*.txt",), ())
    checked = [target for target in corpus if Path(target.display).name == "a.txt"]
    findings = list(run(session(config), checked, corpus=corpus).findings)
    assert [(Path(f.path).name, f.code, f.related[0].path) for f in findings] == [
        ("a.txt", "DUP001", str(tmp_path / "a-copy.txt"))
    ]
    assert len(aligned) == 1
    assert posted == []
    aligned.clear()
    assert {Path(f.path).name for f in run(session(config), corpus).findings if f.code == "DUP001"} == {
        "a.txt",
        "a-copy.txt",
        "b.txt",
        "b-copy.txt",
    }
    assert len(aligned) == 2
    assert posted == [0, 1, 2, 3]


def _copies_folder(folder: Path, originals: int = 12) -> list:
    """A folder of articles, each with a cut copy, and its targets."""
    from corpus_copies import article, vocabulary

    chance = random.Random(8)
    words = vocabulary(chance)
    for number in range(originals):
        paragraphs = article(chance, words, paragraphs=6)
        write(folder, f"{number:02d}.txt", "\n\n".join(paragraphs) + "\n")
        write(folder, f"{number:02d}-cut.txt", "\n\n".join(paragraphs[:4]) + "\n")
    corpus, _ = discover([str(folder)], ("*.txt",), ())
    return corpus


def test_a_one_file_check_has_its_siblings_features_computed_in_processes(tmp_path: Path, monkeypatch) -> None:
    """The first check after a change of rules or config (or with --no-cache) has every
    sibling's features to compute: in the run's processes, with the same findings."""
    from doclint import cache, runner

    corpus = _copies_folder(tmp_path / "docs")
    checked = [target for target in corpus if Path(target.display).name == "03-cut.txt"]
    computed = []
    real = cache.computed_features
    monkeypatch.setattr(cache, "computed_features", lambda d, e: computed.append(d.path) or real(d, e))
    shared = []
    parallel_map = runner.parallel_map
    monkeypatch.setattr(
        runner, "parallel_map", lambda s, w, t, j, *a: shared.append((w, len(t))) or parallel_map(s, w, t, j, *a)
    )
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "corpus"), cache=False)
    alone = [(f.path, f.code, f.line) for f in run(session(config), checked, corpus=corpus, jobs=1).findings]
    cut = str(tmp_path / "docs" / "03-cut.txt")
    assert alone == [(cut, "DUP001", 1), (cut, "TRN100", 7)]
    assert len(computed) == len(corpus) - 1 and len(shared) == 1  # the file checked
    computed.clear()
    shared.clear()
    findings = run(session(config), checked, corpus=corpus, jobs=2).findings
    assert [(f.path, f.code, f.line) for f in findings] == alone
    assert computed == []  # in this process: each was computed in a worker
    assert shared[1:] == [(Session.sibling_features, len(corpus) - 1)]


def test_a_folder_run_after_one_edit_verifies_again_only_the_pairs_of_the_edited_file(
    tmp_path: Path, monkeypatch
) -> None:
    """What verifying a candidate pair found, and what QUO100 and TRN100 found in a verified
    pair, are kept under the identities of its two documents: a CI run or the corpus hook
    after one edit aligned every pair of the folder again (two minutes on a folder of copies)."""
    import importlib

    from doclint.plugins.corpus import siblings

    # The rules have the names of their modules.
    lost_quotations = importlib.import_module("doclint.plugins.corpus.lost_quotations")
    truncated_copy = importlib.import_module("doclint.plugins.corpus.truncated_copy")
    corpus = _copies_folder(tmp_path / "docs")
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "corpus"), root=str(tmp_path), cache=True)
    aligned, quoted, truncated = [], [], []
    align, lost_in_pair, truncated_in_pair = (
        siblings.align,
        lost_quotations._lost_in_pair,
        truncated_copy._truncated_in_pair,
    )
    monkeypatch.setattr(siblings, "align", lambda a, b: aligned.append(1) or align(a, b))
    monkeypatch.setattr(lost_quotations, "_lost_in_pair", lambda pair: quoted.append(1) or lost_in_pair(pair))
    monkeypatch.setattr(
        truncated_copy, "_truncated_in_pair", lambda pair: truncated.append(1) or truncated_in_pair(pair)
    )

    def findings(cache: bool = True) -> list[tuple]:
        ran = run(session(dataclasses.replace(config, cache=cache)), corpus)
        return [(f.path, f.code, f.line, f.message, f.related) for f in ran.findings]

    first = findings()
    assert len(aligned) == len(quoted) == len(truncated) == 12  # each article and its cut copy
    cut = tmp_path / "docs" / "03-cut.txt"
    cut.write_text(cut.read_text(encoding="utf-8") + "\nA closing line of its own.\n", encoding="utf-8")
    aligned.clear(), quoted.clear(), truncated.clear()
    again = findings()
    assert len(aligned) == len(quoted) == len(truncated) == 1
    assert again == findings(cache=False) and again != first
    # What was kept, found damaged, is computed again.
    monkeypatch.setattr(siblings, "recall", lambda name, keys: dict.fromkeys(keys, b"\x00\xff"))
    cut.write_text(cut.read_text(encoding="utf-8") + "\nAnother line.\n", encoding="utf-8")
    aligned.clear(), quoted.clear(), truncated.clear()
    damaged = findings()
    assert len(aligned) == len(quoted) == len(truncated) == 12
    assert damaged == findings(cache=False)


def test_what_is_kept_of_a_pair_of_records_of_one_name_stays_on_its_record(tmp_path: Path) -> None:
    """Two records of a JSONL file may have the same name (an id given twice): what TRN100
    and QUO100 found in their pair is kept by which document it is on, not by its name."""
    import json

    from corpus_copies import build, strip_quotes

    text = build(seed=21, originals=1, copies=0).documents["000_original.txt"]
    copy = strip_quotes("\n\n".join(text.split("\n\n")[2:]))
    data = write(tmp_path, "data.jsonl", "".join(json.dumps({"id": "x", "text": t}) + "\n" for t in (text, copy)))
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "corpus"), root=str(tmp_path), cache=True)
    targets, _ = discover([str(data)], ("*.txt",), ())

    def findings(cache: bool = True) -> list[tuple]:
        ran = run(session(dataclasses.replace(config, cache=cache)), targets)
        return [(f.code, f.line, f.column, f.message) for f in ran.findings]

    first = findings()
    assert {code for code, *_ in first} == {"DUP001", "QUO100"}
    with data.open("a", encoding="utf-8") as file:  # the corpus changes; the pair's findings are read back
        file.write(json.dumps({"id": "y", "text": "Something else entirely."}) + "\n")
    assert findings() == findings(cache=False) == first


def test_the_files_checked_are_done_before_the_siblings_processes_start(tmp_path: Path, monkeypatch) -> None:
    """Never two pools at once: 20 files checked in processes, then their siblings'."""
    from doclint import runner

    corpus = _copies_folder(tmp_path / "docs", originals=20)
    checked = corpus[:20]
    events = []
    parallel_map = runner.parallel_map

    def watched(session, work, targets, jobs, *rest):
        name = getattr(work, "__name__", None) or work.func.__name__
        events.append(f"{name} starts")
        yield from parallel_map(session, work, targets, jobs, *rest)
        events.append(f"{name} ends")

    monkeypatch.setattr(runner, "parallel_map", watched)
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "corpus"), cache=False)
    together = run(session(config), checked, corpus=corpus, jobs=2).findings
    assert events[:3] == ["check_target starts", "check_target ends", "sibling_features starts"]
    alone = run(session(config), checked, corpus=corpus, jobs=1).findings
    assert list(together) == list(alone)


def test_siblings_whose_process_died_are_computed_in_the_corpus_pass(tmp_path: Path, monkeypatch) -> None:
    """A worker killed (out of memory) breaks the pool: the siblings left are computed here,
    with the same findings and no internal error."""
    from concurrent.futures.process import BrokenProcessPool

    from doclint import runner

    corpus = _copies_folder(tmp_path / "docs")
    checked = [target for target in corpus if Path(target.display).name == "03-cut.txt"]
    parallel_map = runner.parallel_map

    def breaking(session, work, targets, jobs, *rest):
        results = parallel_map(session, work, targets, jobs, *rest)
        if work is Session.sibling_features:
            yield from itertools.islice(results, 3)
            raise BrokenProcessPool("A process in the process pool was terminated abruptly")
        yield from results

    monkeypatch.setattr(runner, "parallel_map", breaking)
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "corpus"), cache=False)
    found = [(f.code, f.line) for f in run(session(config), checked, corpus=corpus, jobs=2).findings]
    assert found == [("DUP001", 1), ("TRN100", 7)]


def test_siblings_features_are_computed_in_processes_only_where_the_cache_has_none(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    from doclint import runner

    corpus = _copies_folder(tmp_path / "docs")
    checked = [target for target in corpus if Path(target.display).name == "03-cut.txt"]
    shared = []
    parallel_map = runner.parallel_map
    monkeypatch.setattr(
        runner, "parallel_map", lambda s, w, t, j, *a: shared.append((w, len(t))) or parallel_map(s, w, t, j, *a)
    )
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "corpus"), cache=True, root=tmp_path)
    cold = list(run(session(config), checked, corpus=corpus, jobs=2).findings)
    assert shared[1:] == [(Session.sibling_features, len(corpus) - 1)]
    (database,) = (tmp_path / ".doclint_cache").glob("*/entries.sqlite")
    with sqlite3.connect(database) as connection:
        (kept,) = connection.execute("SELECT count(*) FROM entry WHERE key LIKE 'memo-%'").fetchone()
    assert kept >= len(corpus) - 1  # the workers' features, for the next run
    write(tmp_path / "docs", "03-cut.txt", Path(checked[0].filename).read_text(encoding="utf-8") + "\nMore.\n")
    shared.clear()
    again = list(run(session(config), checked, corpus=corpus, jobs=2).findings)
    # The siblings have no entry of their own yet: the workers read their features back.
    assert shared[1:] == [(Session.sibling_features, len(corpus) - 1)]
    assert [(f.code, f.line) for f in again] == [(f.code, f.line) for f in cold]
    run(session(config), corpus, jobs=2)  # a folder's run stores every file's entry
    write(tmp_path / "docs", "03-cut.txt", Path(checked[0].filename).read_text(encoding="utf-8") + "\nMore.\n")
    shared.clear()
    assert [(f.code, f.line) for f in run(session(config), checked, corpus=corpus, jobs=2).findings] == [
        (f.code, f.line) for f in cold
    ]
    assert len(shared) == 1  # the file checked, and its siblings' features from their entries, here


def test_a_one_file_check_reads_back_only_that_file_for_its_boilerplate(tmp_path: Path, monkeypatch) -> None:
    from doclint.plugins.boilerplate import repeated

    for number in range(8):
        write(
            tmp_path,
            f"{number}.txt",
            f"Article {number} says something new.\n\nTo contact the editors, visit our site.\n",
        )
    fetched = []
    real = repeated.fetch_one
    monkeypatch.setattr(repeated, "fetch_one", lambda d, n, p: fetched.append(Path(p).name) or real(d, n, p))
    config = Config(disable_plugins=tuple(f for f in BUILTIN_FAMILIES if f != "boilerplate"), cache=False)
    corpus, _ = discover([str(tmp_path)], ("*.txt",), ())
    checked = [target for target in corpus if Path(target.display).name == "5.txt"]
    findings = list(run(session(config), checked, corpus=corpus).findings)
    assert [(Path(f.path).name, f.code, f.line) for f in findings] == [("5.txt", "BOI005", 3)]
    assert fetched == ["0.txt", "1.txt", "5.txt"]  # the two that name another holder, then the file checked


def test_lazy_documents_read_a_jsonl_file_once_for_records_asked_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from doclint.readers import jsonl
    from doclint.runner import LazyDocuments

    write(tmp_path, "data.jsonl", "".join(f'{{"text": "record {number}"}}\n' for number in range(50)))
    targets, _ = discover([str(tmp_path)], ("*",), ())
    documents = LazyDocuments(session(), targets)
    assert len(documents) == 50
    opened = []
    real_records = jsonl.records
    monkeypatch.setattr(jsonl, "records", lambda *args: (opened.append(1), real_records(*args))[1])
    assert [documents[number].text for number in (3, 10, 11, 40)] == [f"record {n}" for n in (3, 10, 11, 40)]
    assert len(opened) == 1
    assert documents[5].text == "record 5" and len(opened) == 2  # backwards: read again from the start
