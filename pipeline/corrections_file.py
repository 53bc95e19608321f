"""``corrections.toml`` beside the PDFs: read it, tie each correction to a file of the build
(by name and SHA-256), and append one (``iizuka-dataset correct``, ``pipeline.correct``).

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
        raise PipelineError(f"cannot read the corrections file ({e})", file=str(path)) from None
    return parse_corrections(text, str(path))


def resolve(entries: Sequence[Correction], path: Path | None, built: Sequence[Path]) -> Corrections:
    """The entries of the files this build reads, each checked against the file's SHA-256, and
    those of a file beside the corrections file that this build does not read (skipped, and
    named in quality.md). A file that is neither, or a file changed since its correction was
    written, stops the run naming the correction."""
    from normalize.corrections import Corrections, refused

    if path is None:
        return Corrections()
    by_name = {p.name: p for p in built}
    digests: dict[Path, str] = {}
    applied, skipped = [], []
    for c in entries:
        pdf = by_name.get(c.file)
        if pdf is None:
            if not (path.parent / c.file).is_file():
                raise refused(
                    c.source, f"{c.name()}: there is no file {c.file} among the PDFs built or beside {path.name}"
                )
            skipped.append(c)
            continue
        digest = digests.setdefault(pdf, sha256(pdf))
        if digest != c.sha256:
            raise refused(
                c.source,
                f"{c.name()}: stale: written for the file with SHA-256 {c.sha256}, but {pdf} has {digest}; "
                "check the value and update or remove the correction",
            )
        applied.append(c)
    return Corrections(str(path), tuple(applied), tuple(skipped))


def appended(old: str, entry: str) -> str:
    """The file's text with ``entry`` after it, a blank line between: every character of
    ``old`` kept as it was (a missing final newline is added after it, never changed in it)."""
    if not old:
        return entry
    return old + ("" if old.endswith("\n\n") else "\n" if old.endswith("\n") else "\n\n") + entry


def write_atomically(path: Path, text: str, was: str) -> None:
    """Write ``text`` over ``path`` through a temporary file beside it, renamed over it; refused
    if the file no longer holds ``was`` (someone edited it meanwhile: their edit is kept)."""
    now = path.read_text(encoding="utf-8") if path.exists() else ""
    if now != was:
        raise PipelineError(
            "changed while the correction was being made; nothing written, run it again", file=str(path)
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
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
