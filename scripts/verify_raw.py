"""Check the raw PDFs against ``SHA256SUMS`` before anything is extracted from them.

Raw data is immutable: a changed or missing file means the clean data would no longer be
reproducible, so we stop and say which file, rather than build on it.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def problems(raw_dir: Path) -> list[str]:
    sums = raw_dir / "SHA256SUMS"
    if not sums.exists():
        return [f"{sums}: missing; run `make source-pdf` or write it with sha256sum"]
    out = []
    for line in sums.read_text().splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        path = raw_dir / name.lstrip("*")
        if not path.exists():
            out.append(f"{path}: raw file is missing (listed in {sums})")
        elif sha256(path) != digest:
            out.append(
                f"{path}: raw file has changed (sha256 differs from {sums}); raw data is "
                "immutable: restore it, or if you replaced it on purpose, update SHA256SUMS"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    raw_dir = Path((argv or sys.argv[1:] or ["data/raw"])[0])
    found = problems(raw_dir)
    for p in found:
        print(f"error: {p}", file=sys.stderr)
    if not found:
        print(f"{raw_dir}: raw files match SHA256SUMS")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
