"""``corrections.toml`` beside the PDFs: read it, tie each correction to a file of the build
(by name and SHA-256), and append one (``iizuka-dataset correct``).

Read from beside the PDFs, like ``program_links.toml``, rather than from an option: the same
files always build the same dataset. The rules of the file and where a correction lands are
``normalize.corrections``'s (pure); this module is the I/O around them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from extract import PipelineError

from .raw import sha256

if TYPE_CHECKING:
    from normalize.corrections import Correction, Corrections

CORRECTIONS_NAME = "corrections.toml"


def read_corrections(path: Path | None) -> tuple[Correction, ...]:
    """Every entry of the file (none when there is no file); a file that cannot be read, or an
    entry that is not well formed, stops the run in one line naming the file and the entry."""
    if path is None:
        return ()
    from normalize.corrections import parse_corrections  # pydantic and the models: only when there is a file

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise PipelineError(f"{path}: cannot read the corrections file ({e})") from None
    return parse_corrections(text, str(path))


def resolve(entries: Sequence[Correction], path: Path | None, built: Sequence[Path]) -> Corrections:
    """The entries of the files this build reads, each checked against the file's SHA-256, and
    those of a file beside the corrections file that this build does not read (skipped, and
    named in quality.md). A file that is neither, or a file changed since its correction was
    written, stops the run naming the correction."""
    from normalize.corrections import Corrections

    if path is None:
        return Corrections()
    by_name = {p.name: p for p in built}
    digests: dict[Path, str] = {}
    applied, skipped = [], []
    for c in entries:
        pdf = by_name.get(c.file)
        if pdf is None:
            if not (path.parent / c.file).is_file():
                raise PipelineError(f"{c.name()}: there is no file {c.file} among the PDFs built or beside {path.name}")
            skipped.append(c)
            continue
        digest = digests.setdefault(pdf, sha256(pdf))
        if digest != c.sha256:
            raise PipelineError(
                f"{c.name()}: stale: written for the file with SHA-256 {c.sha256}, but {pdf} has {digest}; "
                "check the value and update or remove the correction"
            )
        applied.append(c)
    return Corrections(str(path), tuple(applied), tuple(skipped))


def append_entry(path: Path, entry: str) -> None:
    """Append ``entry`` to the user's file, leaving every byte before it as it was, written
    atomically: a temporary file beside it, renamed over it (a new file if there is none)."""
    old = path.read_bytes() if path.exists() else b""
    sep = b"" if not old or old.endswith(b"\n\n") else (b"\n" if old.endswith(b"\n") else b"\n\n")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(old + sep + entry.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def toml_string(text: str) -> str:
    """A TOML basic string (json's escapes are TOML's for these characters)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def entry_text(c: Correction) -> str:
    """One ``[[correction]]`` table, as ``parse_corrections`` reads it."""
    lines = [
        "[[correction]]",
        f"file = {toml_string(c.file)}",
        f'sha256 = "{c.sha256}"',
        f"fiscal_year = {c.fiscal_year}",
        f'table = "{c.table.value}"',
        f"program_no = {c.program_no}",
        *([f"department = {toml_string(c.department)}"] if c.department is not None else []),
        f'field = "{c.field}"',
        f"was = {toml_string(c.was or '')}",
        f"value = {toml_string(c.value or '')}",
        f"why = {toml_string(c.why)}",
    ]
    return "\n".join(lines) + "\n"
