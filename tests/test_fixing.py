"""--fix, --unsafe-fixes and --diff: whole fixes in rounds, files written back as they were."""

from __future__ import annotations

import difflib
import importlib
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import BUILTIN_FAMILIES, install_fake_plugin, without_builtins
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from doclint.cli import app
from doclint.config import Config
from doclint.fixing import apply_edits, apply_fixes, fix_document
from doclint.models import Applicability, Edit, Severity
from doclint.runner import Session
from doclint.testing import fix_until_stable

runner = CliRunner()

# Rules whose fixes overlap one another, one fix of two edits, and one unsafe fix.
FIX_PLUGIN = '''
import re
from doclint import Edit, Fix, Violation, hookimpl, rule


@rule(code="FXA001", name="double-space", severity="warning", fixable=True)
def double_space(doc, options):
    """## What it does
    Finds two or more spaces.

    ## Fix safety
    The fix is safe: it keeps one space.
    """
    for match in re.finditer(r"  +", doc.text):
        yield Violation(match.start(), match.end(), "Two spaces", Fix.replace(match.start(), match.end(), " "))


@rule(code="FXA002", name="space-before-comma", severity="warning", fixable=True)
def space_before_comma(doc, options):
    """## What it does
    Finds a space before a comma.

    ## Fix safety
    The fix is safe: it removes the space.
    """
    for match in re.finditer(r" +(?=,)", doc.text):
        yield Violation(match.start(), match.end(), "Space before comma", Fix.replace(match.start(), match.end(), ""))


@rule(code="FXA003", name="straight-quotes", severity="warning", fixable=True)
def straight_quotes(doc, options):
    """## What it does
    Finds a word in straight double quotes.

    ## Fix safety
    The fix is safe: it curls both marks, as one fix of two edits.
    """
    for match in re.finditer(r'"([^"\\n]*)"', doc.text):
        edits = (Edit(match.start(), match.start() + 1, "\\u201c"), Edit(match.end() - 1, match.end(), "\\u201d"))
        yield Violation(match.start(), match.end(), "Straight quotes", Fix(edits))


@rule(code="FXA004", name="teh", severity="warning", fixable=True)
def teh(doc, options):
    """## What it does
    Finds the typo "teh".

    ## Fix safety
    The fix is unsafe: "teh" may be a name.
    """
    for match in re.finditer(r"\\bteh\\b", doc.text):
        yield Violation(match.start(), match.end(), "Typo", Fix.replace(match.start(), match.end(), "the", safe=False))


@rule(code="FXA005", name="arrow", severity="warning", fixable=True)
def arrow(doc, options):
    """## What it does
    Finds "->".

    ## Fix safety
    The fix is safe: it writes an arrow.
    """
    for match in re.finditer(r"->", doc.text):
        yield Violation(match.start(), match.end(), "ASCII arrow", Fix.replace(match.start(), match.end(), "\\u2192"))


@rule(code="FXA006", name="never-settles", severity="warning", fixable=True)
def never_settles(doc, options):
    """## What it does
    Finds "@@" and adds "+" after it, every time: a fix that never settles.

    ## Fix safety
    The fix claims to be safe.
    """
    for match in re.finditer(r"@@", doc.text):
        yield Violation(match.start(), match.end(), "Grows", Fix.replace(match.end(), match.end(), "+"))


@hookimpl
def doclint_rules():
    return [double_space, space_before_comma, straight_quotes, teh, arrow, never_settles]
'''


@pytest.fixture
def fix_plugin(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    install_fake_plugin(tmp_path_factory.mktemp("site"), "doclint_fixplugin", FIX_PLUGIN, monkeypatch)
    return importlib.import_module("doclint_fixplugin")


@pytest.fixture
def work(fix_plugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return without_builtins(tmp_path, monkeypatch)


@pytest.fixture
def session(fix_plugin, manager_with) -> Session:
    return Session.create(Config(select=("FXA",)), manager_with(fix_plugin))


def invoke(*args: str):
    return runner.invoke(app, list(args))


def fix(session: Session, text: str, path: str = "doc.txt", unsafe: bool = False) -> str:
    from doclint.models import Document

    document, _, settled = fix_document(Document(path, text), session.check_document, unsafe=unsafe)
    assert settled
    return document.text


# -- applying fixes -----------------------------------------------------------------


def test_fixes_that_do_not_overlap_all_apply() -> None:
    assert apply_fixes("abcdef", [(Edit(0, 1, "A"),), (Edit(2, 3, "C"),), (Edit(5, 6, "F"),)]) == ("AbCdeF", 3)


def test_a_fix_applies_whole_or_not_at_all() -> None:
    first = (Edit(0, 2, "X"),)
    both_ends = (Edit(4, 5, ">"), Edit(1, 2, "<"))  # one edit overlaps the first fix
    text, applied = apply_fixes("abcdef", [both_ends, first])
    assert (text, applied) == ("Xcdef", 1)


def test_insertions_at_one_point_wait_for_the_next_round() -> None:
    assert apply_edits("ab", [Edit(1, 1, "x"), Edit(1, 1, "y")]) == ("axb", 1)


def test_an_insertion_beside_a_replacement_applies_in_order() -> None:
    assert apply_fixes("ab", [(Edit(1, 2, "B"),), (Edit(1, 1, "-"),)]) == ("a-B", 2)


def test_a_malformed_fix_never_applies() -> None:
    overlapping_itself = (Edit(0, 2, "x"), Edit(1, 3, "y"))
    outside = (Edit(5, 9, "z"),)
    assert apply_fixes("abc", [overlapping_itself, outside]) == ("abc", 0)


def test_overlapping_fixes_are_applied_in_rounds(session: Session) -> None:
    # The double space and the space before the comma overlap; the second round finishes.
    assert fix(session, 'A  ,  "b"  teh.') == "A, \u201cb\u201d teh."
    assert fix(session, 'A  ,  "b"  teh.', unsafe=True) == "A, \u201cb\u201d the."


def test_fix_until_stable_in_the_harness(fix_plugin) -> None:
    assert fix_until_stable(list(fix_plugin.doclint_rules()), "a  ,  b") == "a, b"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=' ,"abteh\n-', max_size=60))
def test_fixing_twice_equals_fixing_once(session: Session, text: str) -> None:
    once = fix(session, text)
    assert fix(session, once) == once
    from doclint.models import Document

    left = [finding for finding in session.check_document(Document("doc.txt", once)) if finding.fix]
    assert all(finding.fix.applicability.value == "unsafe" for finding in left)


# -- the command line ------------------------------------------------------------------


def test_fix_writes_the_file_and_reports_what_remains(work: Path) -> None:
    path = work / "a.txt"
    path.write_text("One  two , teh end.\n", encoding="utf-8")
    result = invoke("check", "a.txt", "--fix", "--output-format", "json")
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == "One two, teh end.\n"
    assert [finding["code"] for finding in json.loads(result.stdout)] == ["FXA004"]
    assert "applied 2 fixes in 1 file" in result.stderr


def test_unsafe_fixes_apply_only_when_asked(work: Path) -> None:
    path = work / "a.txt"
    path.write_text("teh end.\n", encoding="utf-8")
    result = invoke("check", "a.txt", "--fix", "--unsafe-fixes", "--output-format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert path.read_text(encoding="utf-8") == "the end.\n"


def test_unsafe_fixes_alone_is_a_usage_error(work: Path) -> None:
    assert invoke("check", ".", "--unsafe-fixes").exit_code == 2


def test_diff_prints_a_unified_diff_and_writes_nothing(work: Path) -> None:
    path = work / "a.txt"
    path.write_text("Keep.\nOne  two.\n", encoding="utf-8")
    before = path.stat().st_mtime_ns
    result = invoke("check", "a.txt", "--diff")
    assert result.exit_code == 1
    assert result.stdout == "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n Keep.\n-One  two.\n+One two.\n"
    assert path.read_text(encoding="utf-8") == "Keep.\nOne  two.\n" and path.stat().st_mtime_ns == before


def test_diff_exits_0_when_nothing_would_change(work: Path) -> None:
    (work / "a.txt").write_text("teh end.\n", encoding="utf-8")
    result = invoke("check", "a.txt", "--diff")
    assert result.exit_code == 0 and result.stdout == ""


def test_a_file_without_a_final_newline_diffs_cleanly(work: Path) -> None:
    (work / "a.txt").write_text("a  b", encoding="utf-8")
    result = invoke("check", "a.txt", "--diff")
    assert result.stdout.endswith("-a  b\n\\ No newline at end of file\n+a b\n\\ No newline at end of file\n")


def test_fixing_keeps_line_endings_bom_and_permissions(work: Path) -> None:
    path = work / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9  one.\r\nTwo  lines.\r\n")
    os.chmod(path, 0o640)
    assert invoke("check", "a.txt", "--fix").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfCaf\xc3\xa9 one.\r\nTwo lines.\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [name for name in os.listdir(work) if name.endswith(".doclint")] == []


def test_a_legacy_encoding_is_kept_when_it_round_trips(work: Path) -> None:
    path = work / "a.txt"
    original = "Le caf\u00e9 d'\u00e9t\u00e9 est  ouvert , dit-il. \u00c0 bient\u00f4t, \u00e0 la for\u00eat.\n"
    path.write_bytes(original.encode("cp1252"))
    assert invoke("check", "a.txt", "--fix").exit_code == 0
    assert path.read_bytes() == original.replace("  ", " ").replace(" ,", ",").encode("cp1252")


def test_a_fix_the_legacy_encoding_cannot_hold_is_not_written(work: Path) -> None:
    path = work / "a.txt"
    data = "Caf\u00e9 d'\u00e9t\u00e9 -> ouvert, dit-il \u00e0 la for\u00eat.\n".encode("cp1252")
    path.write_bytes(data)
    result = invoke("check", "a.txt", "--fix")
    assert path.read_bytes() == data
    assert "not fixed: the fixed text cannot be written in" in result.stderr
    assert result.exit_code == 1  # the arrow is still reported


def test_an_unchanged_file_is_not_rewritten(work: Path) -> None:
    path = work / "a.txt"
    path.write_text("Clean text, teh end.\n", encoding="utf-8")
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    invoke("check", "a.txt", "--fix")
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)


def test_fix_in_parallel_matches_serial(work: Path) -> None:
    texts = {f"doc{number:02}.txt": f'Text {number}  here , "q".\n' for number in range(20)}
    for name, text in texts.items():
        (work / name).write_text(text, encoding="utf-8")
    assert invoke("check", ".", "--fix", "--jobs", "4").exit_code == 0
    for name in texts:
        assert (work / name).read_text(encoding="utf-8").endswith("here, \u201cq\u201d.\n")


def test_statistics_count_fixable_findings(work: Path) -> None:
    (work / "a.txt").write_text("a  b  c teh.\n", encoding="utf-8")
    result = invoke("check", "a.txt", "--statistics")
    lines = result.stdout.splitlines()
    assert "FXA001" in lines[0] and "in 1 file" in lines[0] and "2 fixable" in lines[0]
    assert "FXA004" in lines[1] and "1 fixable with --unsafe-fixes" in lines[1]


# -- the measure: fix a folder with the built-in families, then check it ----------

DAMAGED = [
    "The company\u00e2\u20ac\u2122s results , announced on Monday , beat forecasts .\n\n"
    "Analysts said the figures were &quot;strong&quot; and shares rose 5.2%.\n",
    "Caf\u00c3\u00a9 owners welcomed the news.\u200b Prices rose by 3.5% in the U.S. last year !\n\n"
    "Mr. Smith said: \u201cIt is a good day.\u201d\n",
    "Nothing is wrong with this document. It has two sentences.\n",
]


def test_fix_then_check_leaves_no_safe_fix_and_changes_only_fixed_spans(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    others = [family for family in BUILTIN_FAMILIES if family not in ("encoding", "punctuation")]
    (tmp_path / "doclint.toml").write_text(f"disable-plugins = {others!r}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for number, text in enumerate(DAMAGED):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    before = json.loads(invoke("check", "docs", "--output-format", "json").stdout)
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in before:
        if finding["fix"] and finding["fix"]["applicability"] == "safe":
            spans.setdefault(finding["path"], []).append((finding["line"], finding["column"]))
    assert spans, "the damaged documents must offer safe fixes"

    invoke("check", "docs", "--fix")
    after = json.loads(invoke("check", "docs", "--output-format", "json").stdout)
    assert [f for f in after if f["fix"] and f["fix"]["applicability"] == "safe"] == []

    # Only the fixed spans changed: every changed region of the original holds a fix.
    for number, text in enumerate(DAMAGED):
        path = str(Path("docs") / f"{number}.txt")
        now = (folder / f"{number}.txt").read_text(encoding="utf-8")
        fixes = [_offset(text, line, column) for line, column in spans.get(path, [])]
        changes = [
            op for op in difflib.SequenceMatcher(None, text, now, autojunk=False).get_opcodes() if op[0] != "equal"
        ]
        if not fixes:
            assert now == text
        for _, start, end, _, _ in changes:
            assert any(start - 4 <= fix_at <= end + 4 for fix_at in fixes), (path, text[start - 10 : end + 10])


def _offset(text: str, line: int, column: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + column - 1


# Characters that the built-in ENC and PUN rules fix: mojibake, entities, tags, escapes,
# invisible and bidi characters, spacing around punctuation.
DEFECTS = [
    *" ,.;:!?\"'\u201c\u201d\u2018\u2019abcXYZ\n\r\t-\u2026()\u00e9",
    "\u00e2\u20ac\u2122",
    "\u00c3\u00a9",
    "&quot;",
    "<br>",
    "\\n",
    "\u200b",
    "\u202e",
    "\ufffd",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(DEFECTS), max_size=40).map("".join), st.sampled_from(["doc.txt", "doc.md"]))
def test_builtin_fixes_settle_and_are_idempotent(text: str, path: str) -> None:
    from doclint.models import Document

    others = tuple(family for family in BUILTIN_FAMILIES if family not in ("encoding", "punctuation"))
    session = _builtin_session(others)
    once, _, _ = fix_document(Document(path, text), session.check_document)
    twice, _, _ = fix_document(Document(path, once.text), session.check_document)
    assert twice.text == once.text
    left = [f for f in session.check_document(once) if f.fix and f.fix.applicability.value == "safe"]
    assert not left, [(f.code, f.message) for f in left]


_SESSIONS: dict[tuple[str, ...], Session] = {}


def _builtin_session(disabled: tuple[str, ...]) -> Session:
    if disabled not in _SESSIONS:
        _SESSIONS[disabled] = Session.create(Config(disable_plugins=disabled))
    return _SESSIONS[disabled]


def test_a_symlink_stays_a_link_to_the_fixed_file(work: Path) -> None:
    real = work / "real.txt"
    real.write_text("a  b\n", encoding="utf-8")
    (work / "link.txt").symlink_to(real)
    assert invoke("check", "link.txt", "--fix").exit_code == 0
    assert (work / "link.txt").is_symlink() and real.read_text(encoding="utf-8") == "a b\n"


def test_rules_that_undo_each_other_stop_and_say_so() -> None:
    from doclint.models import Document, FixedEdits, PlacedEdit
    from doclint.models import Finding as FindingRecord

    def flip(document: Document) -> list[FindingRecord]:
        replacement = "y" if document.text == "x" else "x"
        edit = PlacedEdit(0, 1, 1, 1, 1, 2, replacement)
        fix = FixedEdits(Applicability.SAFE, (edit,))
        return [FindingRecord("doc.txt", 1, 1, 1, 2, "FLP001", "flip", Severity.WARNING, "flip", fix=fix)]

    document, applied, settled = fix_document(Document("doc.txt", "x"), flip)
    assert (document.text, applied, settled) == ("y", 1, False)


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fixes_that_never_settle_leave_the_file_as_it_was(work: Path, option: str) -> None:
    path = work / "doc.txt"
    path.write_text("a  b @@\n", encoding="utf-8")
    result = invoke("check", "doc.txt", option, "--no-cache")
    assert path.read_text(encoding="utf-8") == "a  b @@\n"
    assert "doclint: doc.txt: not fixed: the fixes did not settle after 100 rounds" in result.stderr
    assert "+" not in result.stdout


def test_a_long_chain_of_fixes_settles() -> None:
    from doclint.models import Document

    session = _builtin_session(tuple(family for family in BUILTIN_FAMILIES if family != "punctuation"))
    text = "Fields: a" + " ," * 40 + " b\n"
    document, _, settled = fix_document(Document("doc.txt", text), session.check_document)
    assert settled and document.text == "Fields: a, b\n"


def test_fixes_that_settle_in_the_last_round_settled() -> None:
    from doclint.fixing import MAX_ROUNDS
    from doclint.models import Document, FixedEdits, PlacedEdit
    from doclint.models import Finding as FindingRecord

    def count_down(document: Document) -> list[FindingRecord]:  # one fix a round, MAX_ROUNDS of them
        if document.text == "0":
            return []
        edit = PlacedEdit(0, len(document.text), 1, 1, 1, 2, str(int(document.text) - 1))
        fix = FixedEdits(Applicability.SAFE, (edit,))
        return [FindingRecord("doc.txt", 1, 1, 1, 2, "CNT001", "count", Severity.WARNING, "count", fix=fix)]

    document, applied, settled = fix_document(Document("doc.txt", str(MAX_ROUNDS)), count_down)
    assert (document.text, applied, settled) == ("0", MAX_ROUNDS, True)


# -- JSONL records: reported, never fixed ------------------------------------------------

RECORDS_NOT_FIXED = "not fixed: fixing the records of a file (JSONL) is not supported; the file is left as it is"


@pytest.mark.parametrize("option", ["--fix", "--diff"])
@pytest.mark.parametrize("count", [1, 2])
def test_a_jsonl_file_is_left_untouched_with_one_notice(work: Path, option: str, count: int) -> None:
    path = work / "data.jsonl"
    data = "".join(json.dumps({"text": f"Record {number}  here ,teh."}) + "\n" for number in range(count)).encode()
    path.write_bytes(data)
    result = invoke("check", "data.jsonl", option, "--output-format", "json", "--no-cache")
    assert path.read_bytes() == data
    assert f"doclint: data.jsonl: {RECORDS_NOT_FIXED}\n" in result.stderr
    assert "cannot" not in result.stderr
    if option == "--fix":
        assert result.exit_code == 1
        assert [finding["path"] for finding in json.loads(result.stdout)][:1] == ["data.jsonl:1"]
    else:
        assert (result.exit_code, result.stdout) == (0, "")


def test_fixing_a_jsonl_file_reads_only_its_first_record(work: Path, fix_plugin, manager_with, monkeypatch) -> None:
    import doclint.readers.jsonl as jsonl
    from doclint.discovery import Target
    from doclint.fixing import fix_target

    path = work / "data.jsonl"
    path.write_text("".join(json.dumps({"text": f"Doc {n}  x."}) + "\n" for n in range(1000)), encoding="utf-8")
    yielded = []
    records = jsonl.records

    def counted(*args, **kwargs):
        for document in records(*args, **kwargs):
            yielded.append(document.path)
            yield document

    monkeypatch.setattr(jsonl, "records", counted)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} read whole"))
    session = Session.create(Config(select=("FXA",)), manager_with(fix_plugin))
    outcome = fix_target(session, Target(str(path), "data.jsonl"), unsafe=False, write=True)
    assert (outcome.changed, [notice.message for notice in outcome.notices]) == (False, [RECORDS_NOT_FIXED])
    assert yielded == ["data.jsonl:1"]
