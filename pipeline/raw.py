"""Raw inputs: their checksums, and the check that ``data/raw/`` is as it was recorded.

Raw data is immutable: a changed or missing file means the clean data would no longer be
reproducible, so the build stops and says which file, rather than build on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def problems(raw_dir: Path) -> list[str]:
    """What differs between ``raw_dir`` and its SHA256SUMS, one line each."""
    sums = raw_dir / "SHA256SUMS"
    if not sums.exists():
        return [f"{sums}: missing; run `make source-pdf` or write it with sha256sum"]
    out = []
    listed = set()
    for line in sums.read_text().splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        path = raw_dir / name.lstrip("*")
        listed.add(path.name)
        if not path.exists():
            out.append(f"{path}: raw file is missing (listed in {sums})")
        elif sha256(path) != digest:
            out.append(
                f"{path}: raw file has changed (sha256 differs from {sums}); raw data is "
                "immutable: restore it, or if you replaced it on purpose, update SHA256SUMS"
            )
    # make builds from every PDF here: one the list does not vouch for is not built from.
    for pdf in sorted(raw_dir.glob("*.pdf")):
        if pdf.name not in listed:
            out.append(
                f"{pdf}: raw file is not listed in {sums}; remove it, or record it: "
                f"cd {raw_dir} && sha256sum *.pdf > SHA256SUMS"
            )
    return out
