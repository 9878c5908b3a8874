"""The findings of a run, in report order, held in memory up to a bound and on disk past it.

A folder with a finding in every file must not make a run's memory grow with the folder:
the findings are kept in sorted runs of at most ``SPILL_FINDINGS``, each written to an
anonymous temporary file once full, and read back merged, a chunk of each run at a time.
A run with fewer findings (the pre-commit case, most folders) never touches the disk.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from typing import IO, Any

from doclint.models import Finding, Severity

# Findings held in memory before they are written out as a sorted run (about 600 bytes each
# with their line and fix: 5 MB). Spilling and merging cost about 20 ms per 1,000 findings,
# which a re-run served by the cache (0.4 s for 6,000 files) would feel.
SPILL_FINDINGS = 8192
# Findings pickled together in a run: merging reads one such chunk of each run at a time.
CHUNK_FINDINGS = 32


def _sort_key(finding: Finding) -> tuple[str, int, int, str]:
    return finding.sort_key


class FindingSpool(Collection[Finding]):
    """Findings added in any order, iterated in the order of ``Finding.sort_key``.

    The sort is stable: findings with the same key come in the order they were added, as
    ``list.sort`` would leave them. Each iteration reads the spilled runs again, so the
    findings are iterated, never indexed. In memory: at most ``SPILL_FINDINGS`` findings,
    and while iterating, a chunk of ``CHUNK_FINDINGS`` of each spilled run. ``codes`` and
    ``severities`` count them as they come: what a run's outcome asks (a rule crashed, a
    finding fails it) needs no pass over findings held on disk.
    """

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._held: list[Finding] = []
        self._file: IO[bytes] | None = None  # the spilled runs, one after another
        self._runs: list[tuple[int, int]] = []  # (offset of its first chunk, number of chunks)
        self.codes: Counter[str] = Counter()
        self.severities: Counter[Severity] = Counter()
        self.extend(findings)

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def append(self, finding: Finding) -> None:
        self._held.append(finding)
        self.codes[finding.code] += 1
        self.severities[finding.severity] += 1
        if len(self._held) >= SPILL_FINDINGS:
            self._spill()

    def __len__(self) -> int:
        return self.codes.total()

    def __contains__(self, item: object) -> bool:
        return any(finding == item for finding in self)

    def __iter__(self) -> Iterator[Finding]:
        self._held.sort(key=_sort_key)  # sorted where it lies: a second iteration finds it so
        if not self._runs:
            return iter(self._held)
        runs = [self._read(*run) for run in self._runs]
        return heapq.merge(*runs, self._held, key=_sort_key)

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed when the spool is let go)
        self._held.sort(key=_sort_key)
        self._file.seek(0, 2)
        start = self._file.tell()
        chunks = range(0, len(self._held), CHUNK_FINDINGS)
        for chunk in chunks:
            pickle.dump(self._held[chunk : chunk + CHUNK_FINDINGS], self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._runs.append((start, len(chunks)))
        self._held = []

    def _read(self, offset: int, chunks: int) -> Iterator[Finding]:
        """The findings of the run at ``offset``, a chunk at a time."""
        assert self._file is not None
        for chunk in pickles(self._file, offset, chunks):
            yield from chunk


def pickles(file: IO[bytes], offset: int, count: int) -> Iterator[Any]:
    """The ``count`` objects pickled one after another in ``file`` from ``offset``, read one at
    a time: each read seeks to where the last left off, so other readers of the same file
    (the other runs of a merge, another pass) may read in between."""
    for _ in range(count):
        file.seek(offset)
        made = pickle.load(file)
        offset = file.tell()
        yield made
