"""Does the committed dataset still come out of the committed PDFs and code?

``python -m scripts.check_clean [RAW_DIR] [CLEAN_DIR]`` (``make check-clean``; CI runs it):
rebuilds CLEAN_DIR from RAW_DIR's PDFs into a temporary directory, with the command make runs,
and compares every file byte for byte. Exit 1, naming each file that differs, is missing or is
extra: the code changed the output and data/clean was not rebuilt and committed (or a build is
not reproducible). The temporary directory is removed whatever happens.

SOURCE_DATE_EPOCH is dropped for the rebuild: the committed files take their time from the
PDFs, and a CI that sets it would otherwise see a different workbook.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    out = [f"{name}: differs from a rebuild" for name in sorted(expected.keys() & actual.keys())
           if expected[name] != actual[name]]  # fmt: skip
    out += [f"{name}: missing (a rebuild writes it)" for name in sorted(actual.keys() - expected.keys())]
    out += [f"{name}: not written by a rebuild" for name in sorted(expected.keys() - actual.keys())]
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    raw, clean = Path(args[0] if args else "data/raw"), Path(args[1] if len(args) > 1 else "data/clean")
    pdfs = sorted(raw.glob("*.pdf"))
    if not pdfs or not clean.is_dir():
        print(f"error: {raw if not pdfs else clean}: nothing to compare (no PDF, or no dataset)", file=sys.stderr)
        return 1
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    with tempfile.TemporaryDirectory(prefix="iizuka-check-") as tmp:
        out = Path(tmp) / "clean"
        command = [sys.executable, "-m", "scripts.build_dataset", "--quiet", "--out", str(out), *map(str, pdfs)]
        built = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, check=False)
        if built.returncode != 0:
            print(f"error: {raw}: the rebuild failed (exit {built.returncode})", file=sys.stderr)
            return 1
        found = differences(snapshot(clean), snapshot(out))
    for line in found:
        print(f"error: {clean / line}", file=sys.stderr)
    if found:
        print(f"error: {clean} is not what {raw} gives: run `make` and commit {clean}", file=sys.stderr)
        return 1
    print(f"{clean}: every file equals a rebuild from {raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
