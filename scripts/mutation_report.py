"""`make mutation`'s verdict: the share of mutants killed in each mutated file, and every survivor
either listed as equivalent (with why) or named as a gap. Exits 1 on a file under the target, on an
unexplained survivor, and on a listed mutant that no longer survives (the list must stay true).

Reads what `mutmut run` left in mutants/ (a ``.meta`` JSON per file: each mutant's exit code).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

# mutmut's exit codes (mutmut.stats.status_by_exit_code): a test failed (1, 3) or the mutant
# hung (timeouts); everything else reached no failing test.
KILLED = {1, 3, 36, -24, 24, 152, 255}
NOT_RUN = {None, 2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mutants", type=Path, help="mutmut's mutants/ directory")
    ap.add_argument("equivalent", type=Path, help="folder of TOML files: [equivalent] mutant = why no test kills it")
    ap.add_argument("--target", type=float, default=90.0, help="least percentage killed in each file")
    ap.add_argument("--only", nargs="+", default=[], help="judge these source files alone (a partial run)")
    args = ap.parse_args(argv)

    # One file per mutated module (extract.headers.toml …), so that work on two modules never
    # edits one file.
    equivalent: dict[str, str] = {}
    for listing in sorted(args.equivalent.glob("*.toml")):
        equivalent.update(tomllib.loads(listing.read_text(encoding="utf-8")).get("equivalent", {}))
    codes: dict[str, int | None] = {}
    file_of: dict[str, str] = {}  # mutant → the source file it mutates
    for meta in sorted(args.mutants.rglob("*.py.meta")):
        source = meta.relative_to(args.mutants).with_suffix("").as_posix()
        if args.only and source not in args.only:
            continue
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            codes[name], file_of[name] = code, source
    if not codes:
        print(f"{args.mutants}: no mutmut results; run `mutmut run` first", file=sys.stderr)
        return 1

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
    if not args.only:
        gone = sorted(equivalent.keys() - codes)
        problems += [f"{name}: listed as equivalent, but there is no such mutant" for name in gone]

    print(f"{'file':32} {'mutants':>8} {'killed':>7} {'equiv.':>7} {'score':>7}")
    for path in sorted(total):
        listed = sum(1 for n in equivalent if n in codes and file_of[n] == path)
        score = 100 * killed[path] / total[path]
        print(f"{path:32} {total[path]:8} {killed[path]:7} {listed:7} {score:6.1f}%")
        if score < args.target:
            problems.append(f"{path}: {score:.1f}% of its mutants killed, under the target of {args.target:g}%")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
