"""The rule-test harness, public so plugin authors test their rules the same way.

Tests are tables, as in textlint-tester or ESLint's RuleTester: texts that must pass and
texts that must fail with the exact (line, column) of each finding and, for fixable rules,
the text after the fixes::

    from doclint.testing import Invalid, Valid, assert_invalid, assert_valid

    VALID = [Valid("He said, “yes.”"), Valid("U.S. officials")]
    INVALID = [Invalid("Yes , he said.", [(1, 4)], output="Yes, he said.")]

    @pytest.mark.parametrize("case", VALID, ids=str)
    def test_valid(case): assert_valid(space_before_punctuation, case)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from doclint.fixing import applies, apply_fixes, fix_document, fix_edits, well_formed
from doclint.models import Decoding, Document, Finding
from doclint.rules import Rule
from doclint.runner import place


@dataclass(frozen=True)
class Valid:
    """A text on which a rule must find nothing."""

    text: str
    path: str = "doc.txt"
    options: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return _short(self.text)


@dataclass(frozen=True)
class Invalid:
    """A text on which a rule must find exactly ``errors`` (line, column), in order.

    ``output``, when given, is the text after applying the rule's fixes (safe ones, and
    unsafe ones too when ``unsafe`` is set).
    """

    text: str
    errors: Sequence[tuple[int, int]]
    output: str | None = None
    path: str = "doc.txt"
    options: Mapping[str, Any] = field(default_factory=dict)
    unsafe: bool = False

    def __str__(self) -> str:
        return _short(self.text)


def _short(text: str) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= 60 else text[:57] + "..."


def check(
    rule: Rule,
    text: str,
    *,
    path: str = "doc.txt",
    options: Mapping[str, Any] | None = None,
    decoding: Decoding | None = None,
) -> list[Finding]:
    """Run a document rule on a text; findings sorted by position, rule errors raised."""
    document = Document(path, text, decoding or Decoding())
    findings = [place(document, rule, violation) for violation in rule.check(document, options or {})]
    return sorted(findings, key=lambda finding: finding.sort_key)


def fixed(text: str, findings: Sequence[Finding], *, unsafe: bool = False) -> str:
    """The text after one round of the findings' fixes: each applied whole, overlaps left out."""
    fixes = [fix_edits(finding) for finding in findings if applies(finding, unsafe)]
    text, _ = apply_fixes(text, fixes)
    return text


def fix_until_stable(
    rules: Rule | Sequence[Rule],
    text: str,
    *,
    path: str = "doc.txt",
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
) -> str:
    """The text after fixing with ``rules`` in rounds until they offer no fix, as ``--fix`` does.

    Fixes that do not settle fail the test: ``--fix`` would leave such a file as it was.
    """
    rules = (rules,) if isinstance(rules, Rule) else tuple(rules)

    def find(document: Document) -> list[Finding]:
        return [place(document, rule, violation) for rule in rules for violation in rule.check(document, options or {})]

    document, _, settled = fix_document(Document(path, text), find, unsafe=unsafe)
    assert settled, f"the fixes of {text!r} did not settle: they keep changing the text"
    return document.text


def assert_valid(rule: Rule, case: Valid) -> None:
    findings = check(rule, case.text, path=case.path, options=case.options)
    assert not findings, f"{rule.code} must find nothing in {case.text!r}, found: " + "; ".join(
        f"{f.line}:{f.column} {f.message}" for f in findings
    )


def assert_invalid(rule: Rule, case: Invalid) -> list[Finding]:
    findings = check(rule, case.text, path=case.path, options=case.options)
    positions = [(finding.line, finding.column) for finding in findings]
    assert positions == list(case.errors), (
        f"{rule.code} in {case.text!r}: expected {list(case.errors)}, found "
        + "; ".join(f"{f.line}:{f.column} {f.message}" for f in findings)
    )
    assert all(finding.code == rule.code for finding in findings)
    for finding in findings:
        assert finding.fix is None or rule.fixable, f"{rule.code} offers a fix but is not declared fixable"
        assert finding.fix is None or well_formed(fix_edits(finding), len(case.text)), (
            f"{rule.code} offers a fix whose edits overlap or leave the text; --fix would never apply it"
        )
    if case.output is not None:
        assert fixed(case.text, findings, unsafe=case.unsafe) == case.output
    return findings
