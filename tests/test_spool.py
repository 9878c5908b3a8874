from __future__ import annotations

import pytest

from doclint import spool
from doclint.models import Applicability, Finding, FixedEdits, PlacedEdit, Related, Severity
from doclint.spool import FindingSpool


def finding(path: str, line: int, column: int = 1, code: str = "TST001", message: str = "m") -> Finding:
    fix = FixedEdits(Applicability.SAFE, (PlacedEdit(0, 1, line, column, line, column + 1, " "),))
    return Finding(
        path,
        line,
        column,
        line,
        column + 1,
        code,
        "test-rule",
        Severity.WARNING,
        message,
        fix=fix,
        related=(Related("other.txt", 2, 3, "there"),),
        snippet="A line “quoted”.",
    )


# Files checked in discovery order, each with its findings as its rules gave them; ties
# (same path, line, column and code) must keep the order they came in.
ADDED = [
    finding("b/z.txt", 3),
    finding("b/z.txt", 1, 5),
    finding("b/a/y.txt", 2),
    finding("b/a/y.txt", 2, code="TST000"),
    finding("a.txt", 7, message="first"),
    finding("a.txt", 7, message="second"),
    finding("c.txt", 1),
    finding("a.txt", 7, message="third"),
    finding("a.txt", 1, 2),
]


@pytest.mark.parametrize("bound", [1, 2, 3, 4, len(ADDED), 1024])
@pytest.mark.parametrize("chunk", [1, 2, 32])
def test_findings_come_back_in_report_order_however_they_are_spilled(
    bound: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spool, "SPILL_FINDINGS", bound)
    monkeypatch.setattr(spool, "CHUNK_FINDINGS", chunk)
    held = FindingSpool()
    held.extend(ADDED[:5])
    for one in ADDED[5:]:
        held.append(one)
    expected = sorted(ADDED, key=lambda item: item.sort_key)
    assert [one.message for one in expected if one.path == "a.txt" and one.line == 7] == ["first", "second", "third"]
    assert list(held) == expected
    assert list(held) == expected  # a second pass reads the runs again
    assert len(held) == len(ADDED)


def test_a_spool_of_no_findings_is_empty() -> None:
    assert list(FindingSpool()) == [] and len(FindingSpool()) == 0


def test_findings_added_after_an_iteration_take_their_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "SPILL_FINDINGS", 2)
    held = FindingSpool(ADDED[:3])
    assert [one.path for one in held] == ["b/a/y.txt", "b/z.txt", "b/z.txt"]
    held.extend(ADDED[3:])
    assert list(held) == sorted(ADDED, key=lambda item: item.sort_key)
    assert ADDED[4] in held and finding("d.txt", 1) not in held


def test_findings_are_counted_by_code_and_severity_as_they_come(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "SPILL_FINDINGS", 2)  # most of them on disk: the counts need no pass
    held = FindingSpool(ADDED)
    assert held.codes == {"TST001": len(ADDED) - 1, "TST000": 1}
    assert held.severities == {Severity.WARNING: len(ADDED)}
