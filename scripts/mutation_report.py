"""`make mutation`'s verdict: the share of mutants killed in each mutated file, and every survivor
either listed as equivalent (with why) or named as a gap. Exits 1 on a file under the target, on an
unexplained survivor, and on a listed mutant that no longer survives (the list must stay true).

The rules are tests/mutation.py's (unit-tested); this is the command over them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.mutation import judge, read_equivalent, read_results, table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mutants", type=Path, help="mutmut's mutants/ directory")
    ap.add_argument("equivalent", type=Path, help="folder of TOML files: [equivalent] mutant = why no test kills it")
    ap.add_argument("--target", type=float, default=90.0, help="least percentage killed in each file")
    ap.add_argument("--only", nargs="+", default=[], help="judge these source files alone (a partial run)")
    args = ap.parse_args(argv)

    results = read_results(args.mutants, args.only)
    if not results.codes:
        print(f"{args.mutants}: no mutmut results; run `mutmut run` first", file=sys.stderr)
        return 1
    verdict = judge(results, read_equivalent(args.equivalent), args.target, partial=bool(args.only))
    print("\n".join(table(verdict.files)))
    for line in verdict.problems:
        print(line, file=sys.stderr)
    return 1 if verdict.problems else 0


if __name__ == "__main__":
    sys.exit(main())
