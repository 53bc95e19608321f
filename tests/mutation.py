"""`make mutation`'s verdict: the share of mutants killed in each mutated file, and every survivor
either listed as equivalent (with why) or named as a gap. A file under the target, an unexplained
survivor, and a listed mutant that no longer survives (the list must stay true) are problems.

Reads what `mutmut run` left in mutants/ (a ``.meta`` JSON per file: each mutant's exit code).
The judging (``judge``) is pure, so that its rules are unit-tested on hand-made results
(tests/test_mutation_report.py); scripts/mutation_report.py is the command over it.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# mutmut's exit codes (mutmut.stats.status_by_exit_code): a test failed (1, 3) or the mutant
# hung (timeouts); everything else reached no failing test.
KILLED = {1, 3, 36, -24, 24, 152, 255}
NOT_RUN = {None, 2}


@dataclass(frozen=True)
class Results:
    """Each mutant's exit code (None: not run yet) and the source file it mutates."""

    codes: dict[str, int | None] = field(default_factory=dict)
    file_of: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FileScore:
    path: str
    mutants: int
    killed: int
    listed: int

    @property
    def score(self) -> float:
        return 100 * self.killed / self.mutants


@dataclass(frozen=True)
class Verdict:
    files: list[FileScore]
    problems: list[str]


def read_equivalent(folder: Path) -> dict[str, str]:
    """Every listed mutant with why no test kills it. One file per mutated module
    (extract.columns.headers.toml …), so that work on two modules never edits one file."""
    equivalent: dict[str, str] = {}
    for listing in sorted(folder.glob("*.toml")):
        equivalent.update(tomllib.loads(listing.read_text(encoding="utf-8")).get("equivalent", {}))
    return equivalent


def read_results(mutants: Path, only: Collection[str] = ()) -> Results:
    """mutmut's exit codes from each ``.meta`` under ``mutants``; with ``only``, those source
    files' alone."""
    results = Results()
    for meta in sorted(mutants.rglob("*.py.meta")):
        source = meta.relative_to(mutants).with_suffix("").as_posix()
        if only and source not in only:
            continue
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            results.codes[name], results.file_of[name] = code, source
    return results


def judge(results: Results, equivalent: Mapping[str, str], target: float, partial: bool = False) -> Verdict:
    """Each file's score, and every problem. A partial run (some files only) cannot tell a listed
    mutant that is gone from one in a file it did not run, so it does not look for them."""
    codes, file_of = results.codes, results.file_of
    total: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    problems: list[str] = []
    for name, code in sorted(codes.items()):
        path = file_of[name]
        total[path] += 1
        if code in KILLED:
            killed[path] += 1
            if name in equivalent:
                problems.append(f"{name}: listed as equivalent, but a test kills it; take it off the list")
        elif code in NOT_RUN:
            problems.append(f"{name}: not run (exit code {code}); run `mutmut run` to the end")
        elif name not in equivalent:
            problems.append(f"{name}: survives (exit code {code}); `mutmut show {name}` shows the change")
    if not partial:
        gone = sorted(equivalent.keys() - codes)
        problems += [f"{name}: listed as equivalent, but there is no such mutant" for name in gone]

    files = []
    for path in sorted(total):
        listed = sum(1 for n in equivalent if n in codes and file_of[n] == path)
        files.append(FileScore(path, total[path], killed[path], listed))
    problems += [
        f"{f.path}: {f.score:.1f}% of its mutants killed, under the target of {target:g}%"
        for f in files
        if f.score < target
    ]
    return Verdict(files, problems)


def table(files: list[FileScore]) -> list[str]:
    """The figures, one line per file."""
    lines = [f"{'file':32} {'mutants':>8} {'killed':>7} {'equiv.':>7} {'score':>7}"]
    lines += [f"{f.path:32} {f.mutants:8} {f.killed:7} {f.listed:7} {f.score:6.1f}%" for f in files]
    return lines
