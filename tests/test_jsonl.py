"""The JSONL reader: one document per record, named by id or line, streamed, positions
within the record's text."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from doclint import runner as runner_module
from doclint.cli import app
from doclint.errors import SkipFile
from doclint.readers.jsonl import records

runner = CliRunner()

RECORDS = [
    {"id": "first", "text": "Clean line.\n\nTwo  spaces here.\n"},
    {"text": "Also  here."},
    {"id": 7, "body": "Two  spaces in another field.", "text": "Clean."},
    {"meta": "no text field"},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if path.name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as file:
            file.write(lines)
    else:
        path.write_text(lines, encoding="utf-8")
    return path


def check_json(*args: str) -> tuple[int, list[dict], str]:
    result = runner.invoke(app, ["check", "--no-cache", "--output-format", "json", *args])
    return result.exit_code, json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("name", ["data.jsonl", "data.jsonl.gz", "data.ndjson"])
def test_each_record_is_a_document_named_by_id_or_line(only_sample: Path, name: str) -> None:
    write_jsonl(only_sample / name, RECORDS)
    code, findings, _ = check_json(name)
    places = [(finding["path"], finding["line"], finding["column"]) for finding in findings]
    assert code == 1
    assert places == [(f"{name}:2", 1, 5), (f"{name}:first", 3, 4)]


def test_text_field_option(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", RECORDS)
    _, findings, _ = check_json("data.jsonl", "--text-field", "body")
    assert [(finding["path"], finding["column"]) for finding in findings] == [("data.jsonl:7", 4)]


def test_text_field_in_the_config(only_sample: Path) -> None:
    config = only_sample / "doclint.toml"
    config.write_text(config.read_text() + 'text-field = "body"\n', encoding="utf-8")
    write_jsonl(only_sample / "data.jsonl", RECORDS)
    _, findings, _ = check_json("data.jsonl")
    assert [finding["path"] for finding in findings] == ["data.jsonl:7"]


def test_a_file_without_the_field_is_skipped_with_a_notice(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", [{"content": "x"}])
    code, findings, stderr = check_json("data.jsonl")
    assert code == 0 and findings == []
    assert "no record has a string 'text' field" in stderr


def test_a_line_that_is_not_json_stops_the_file_and_keeps_earlier_findings(only_sample: Path) -> None:
    path = write_jsonl(only_sample / "data.jsonl", RECORDS[:2])
    path.write_text(path.read_text() + "{broken\n" + json.dumps({"text": "Late  one."}) + "\n")
    code, findings, stderr = check_json("data.jsonl")
    assert [finding["path"] for finding in findings] == ["data.jsonl:2", "data.jsonl:first"]
    assert "line 3 is not JSON" in stderr and code == 1


def test_statistics_count_the_file_of_records_once(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", RECORDS)
    out = runner.invoke(app, ["check", "--no-cache", "--statistics", "data.jsonl"]).stdout.splitlines()
    assert out[0].endswith("in 1 file  [2 fixable]") and "TST001" in out[0]
    assert out[-1] == "2 findings (2 fixable with --fix) in 1 file checked."


def test_records_checked_in_several_processes_are_checked_alike(
    only_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "BATCH_CHARACTERS", 20)  # a batch every record or two
    pools = []
    pool = runner_module._worker_pool
    monkeypatch.setattr(runner_module, "_worker_pool", lambda *args: pools.append(args[1]) or pool(*args))
    path = write_jsonl(only_sample / "data.jsonl", RECORDS * 5 + SAME_TITLE)
    path.write_text(path.read_text() + "{broken\n" + json.dumps({"text": "Late  one."}) + "\n")
    one = check_json("data.jsonl", "--jobs", "1")
    assert pools == []
    several = check_json("data.jsonl", "--jobs", "2")
    assert pools == [2]
    assert several == one
    code, findings, stderr = several
    spaced = [finding["path"] for finding in findings if finding["code"] == "TST001"]
    assert sorted(spaced) == sorted(["data.jsonl:first"] * 5 + [f"data.jsonl:{line}" for line in (2, 6, 10, 14, 18)])
    assert "data.jsonl:b" in {finding["path"] for finding in findings}  # the last record before the broken line
    assert "line 23 is not JSON" in stderr and code == 1


@pytest.mark.parametrize(
    ("sizes", "notice"),
    [
        ([100], "skipped: line 21 is 113 bytes, over max-file-size (60)"),
        ([100, 47], "skipped: line 21 is 113 bytes, over max-file-size (60)"),
        ([100, 48], "skipped: 2 records over max-file-size (60): lines 21, 22"),
        ([48] * 7, "skipped: 7 records over max-file-size (60): lines 21, 22, 23, 24, 25 and 2 more"),
    ],
)
def test_max_file_size_passes_over_a_record_not_the_file(only_sample: Path, sizes: list[int], notice: str) -> None:
    """A record of over ``max-file-size`` bytes (its line, newline included) is passed
    over; the records after it are checked, and one notice names what was passed over."""
    config = only_sample / "doclint.toml"
    config.write_text(config.read_text() + "max-file-size = 60\n", encoding="utf-8")
    rows = [{"text": f"Record {number}  text."} for number in range(20)]
    large = [{"text": "x" * size} for size in sizes]
    write_jsonl(only_sample / "data.jsonl", [*rows, *large, {"id": "after", "text": "Last  one."}])
    code, findings, stderr = check_json("data.jsonl")
    assert len(findings) == 21 and findings[-1]["path"] == "data.jsonl:after" and code == 1
    assert stderr == f"doclint: data.jsonl: {notice}\n"


def test_a_line_that_is_not_json_after_a_large_record_names_both(only_sample: Path) -> None:
    config = only_sample / "doclint.toml"
    config.write_text(config.read_text() + "max-file-size = 60\n", encoding="utf-8")
    path = write_jsonl(only_sample / "data.jsonl", [{"text": "Two  spaces."}, {"text": "x" * 100}])
    path.write_text(path.read_text() + "{broken\n" + json.dumps({"text": "Late  one."}) + "\n")
    code, findings, stderr = check_json("data.jsonl")
    assert [finding["path"] for finding in findings] == ["data.jsonl:1"] and code == 1
    assert stderr == (
        "doclint: data.jsonl: skipped: line 2 is 113 bytes, over max-file-size (60);"
        " line 3 is not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))\n"
    )


def test_a_file_whose_records_are_all_too_large_says_so(only_sample: Path) -> None:
    config = only_sample / "doclint.toml"
    config.write_text(config.read_text() + "max-file-size = 60\n", encoding="utf-8")
    write_jsonl(only_sample / "data.jsonl", [{"text": "x" * 100}])
    code, findings, stderr = check_json("data.jsonl")
    assert (code, findings) == (0, [])
    assert stderr == "doclint: data.jsonl: skipped: line 1 is 113 bytes, over max-file-size (60)\n"


class HugeLineStream:
    """A JSONL stream whose second line is ``size`` bytes, made up as it is read, so that
    the test holds no more of it than the reader asks for; it notes the largest read."""

    def __init__(self, size: int) -> None:
        self.lines = [b'{"text": "Before  it."}\n', None, b'{"id": "after", "text": "After  it."}\n']
        self.position = 0
        self.huge_left = size
        self.largest = 0
        self.closed = False

    def readline(self, limit: int = -1) -> bytes:
        assert limit > 0, "an unbounded readline"
        if self.position == len(self.lines):
            return b""
        line = self.lines[self.position]
        if line is None:  # the huge line: x..x\n
            length = min(limit, self.huge_left)
            self.huge_left -= length
            line = b"x" * (length - 1) + (b"x" if self.huge_left else b"\n")
        if self.huge_left == 0 or self.position != 1:
            self.position += 1
        self.largest = max(self.largest, len(line))
        return line

    def __enter__(self) -> HugeLineStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.closed = True


def test_a_1_gb_line_is_passed_over_in_chunks_never_read_whole() -> None:
    stream = HugeLineStream(1 << 30)
    names = []
    with pytest.raises(SkipFile, match=r"^line 2 is 1,073,741,824 bytes, over max-file-size \(1,000\)$"):
        for document in records(stream, "big.jsonl", "text", 1000):
            names.append(document.path)
    assert names == ["big.jsonl:1", "big.jsonl:after"]
    assert stream.largest <= 1 << 20 and stream.closed


def test_other_files_are_left_to_the_plain_reader(only_sample: Path) -> None:
    (only_sample / "notes.txt").write_text('{"text": "Two  spaces."}\n', encoding="utf-8")
    _, findings, _ = check_json("notes.txt")
    assert [finding["path"] for finding in findings] == ["notes.txt"]


class CountingStream(io.BytesIO):
    """A stream that counts the lines read from it."""

    lines_read = 0

    def readline(self, limit: int | None = -1) -> bytes:
        line = super().readline(limit)
        self.lines_read += bool(line)
        return line


def test_records_are_read_one_at_a_time() -> None:
    stream = CountingStream(b"".join(json.dumps({"text": f"doc {n}"}).encode() + b"\n" for n in range(1000)))
    documents = records(stream, "big.jsonl", "text", 1 << 20)
    first = next(documents)
    assert (first.path, first.file, first.text) == ("big.jsonl:1", "big.jsonl", "doc 0")
    assert stream.lines_read == 1
    assert sum(1 for _ in documents) == 999 and stream.closed


# A record's findings belong to its file wherever a file is meant: the files a corpus rule
# reports on, per-file-ignores, the baseline.

SAME_TITLE = [{"text": "Same title\n\nbody a\n"}, {"id": "b", "text": "Same title\n\nbody b\n"}]


def test_corpus_rules_report_on_the_records_of_a_checked_file(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", SAME_TITLE)
    code, findings, _ = check_json("data.jsonl")
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in findings] == [("data.jsonl:b", "TST003", 1, 1)]
    assert [(r["path"], r["line"]) for r in findings[0]["related"]] == [("data.jsonl:1", 1)]
    assert code == 1


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.jsonl", []),
        ("data.jsonl", []),
        ("sub/*", []),
        ("sub/data.jsonl", []),
        ("other.jsonl", ["sub/data.jsonl:2", "sub/data.jsonl:first"]),
        ("*.txt", ["sub/data.jsonl:2", "sub/data.jsonl:first"]),
    ],
)
def test_per_file_ignores_apply_to_the_records_of_a_matching_file(
    only_sample: Path, pattern: str, expected: list[str]
) -> None:
    config = only_sample / "doclint.toml"
    config.write_text(config.read_text() + f'[per-file-ignores]\n"{pattern}" = ["TST001"]\n', encoding="utf-8")
    (only_sample / "sub").mkdir()
    write_jsonl(only_sample / "sub" / "data.jsonl", RECORDS)
    _, findings, _ = check_json("sub/data.jsonl")
    assert [finding["path"] for finding in findings] == expected


def baseline_entries(path: Path) -> list[tuple[str, str, int]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(entry["path"], entry["code"], entry["count"]) for entry in data["findings"]]


def test_rewriting_a_baseline_of_records_keeps_its_counts(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", RECORDS)
    expected = [("data.jsonl:2", "TST001", 1), ("data.jsonl:first", "TST001", 1)]
    for _ in range(3):
        result = runner.invoke(app, ["check", "--no-cache", "data.jsonl", "--write-baseline", "baseline.json"])
        assert result.exit_code == 0
        assert baseline_entries(only_sample / "baseline.json") == expected
    code, findings, stderr = check_json("data.jsonl", "--baseline", "baseline.json")
    assert (code, findings) == (0, []) and "no longer match" not in stderr


def test_stale_baseline_entries_of_records_are_reported_per_file_and_dropped(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", RECORDS)
    runner.invoke(app, ["check", "--no-cache", "data.jsonl", "--write-baseline", "baseline.json"])
    write_jsonl(only_sample / "data.jsonl", [{"id": "first", "text": "Clean now."}, *RECORDS[1:]])
    code, findings, stderr = check_json("data.jsonl", "--baseline", "baseline.json")
    assert (code, findings) == (0, [])
    assert "doclint: data.jsonl: 1 baseline entry no longer match (TST001); --write-baseline drops them" in stderr
    runner.invoke(app, ["check", "--no-cache", "data.jsonl", "--write-baseline", "baseline.json"])
    assert baseline_entries(only_sample / "baseline.json") == [("data.jsonl:2", "TST001", 1)]


def test_a_baseline_of_records_is_relative_to_its_folder_and_keeps_odd_ids(only_sample: Path) -> None:
    (only_sample / "sub").mkdir()
    write_jsonl(only_sample / "sub" / "data.jsonl", [{"id": "a/../b", "text": "Two  spaces."}])
    runner.invoke(app, ["check", "--no-cache", "sub/data.jsonl", "--write-baseline", "sub/baseline.json"])
    assert baseline_entries(only_sample / "sub" / "baseline.json") == [("data.jsonl:a/../b", "TST001", 1)]
    code, findings, _ = check_json("sub/data.jsonl", "--baseline", "sub/baseline.json")
    assert (code, findings) == (0, [])


def test_github_annotations_of_records_point_at_the_file(only_sample: Path) -> None:
    write_jsonl(only_sample / "data.jsonl", RECORDS[:1])
    result = runner.invoke(app, ["check", "--no-cache", "--output-format", "github", "data.jsonl"])
    assert result.stdout.splitlines()[0] == (
        "::warning file=data.jsonl,title=doclint (TST001)::data.jsonl:first:3:4: TST001 Two spaces"
    )


def test_sarif_locates_a_record_in_its_file_and_names_it(only_sample: Path) -> None:
    import jsonschema

    write_jsonl(only_sample / "data.jsonl", RECORDS[:1])
    log = json.loads(runner.invoke(app, ["check", "--no-cache", "--output-format", "sarif", "data.jsonl"]).stdout)
    schema = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    result = log["runs"][0]["results"][0]
    assert result["locations"] == [
        {
            "physicalLocation": {"artifactLocation": {"uri": "data.jsonl"}},
            "logicalLocations": [{"fullyQualifiedName": "data.jsonl:first", "kind": "object"}],
        }
    ]
    assert result["message"]["text"] == "Two spaces (record data.jsonl:first, line 3, column 4)"
    assert "fixes" not in result  # records are not fixed


def test_a_jsonl_file_is_its_own_corpus(only_sample: Path) -> None:
    # A document beside it with the same title is not compared with its records.
    write_jsonl(only_sample / "data.jsonl", SAME_TITLE[:1])
    (only_sample / "beside.txt").write_text(SAME_TITLE[0]["text"], encoding="utf-8")
    _, findings, _ = check_json("data.jsonl")
    assert findings == []
    _, findings, _ = check_json("data.jsonl", "--corpus-root", ".")
    assert [finding["code"] for finding in findings] == ["TST003"]
