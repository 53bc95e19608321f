"""Check data/raw/ against its SHA256SUMS: ``python -m scripts.verify_raw [DIR]`` (make runs it)."""

import sys
from pathlib import Path

from pipeline.raw import problems


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
