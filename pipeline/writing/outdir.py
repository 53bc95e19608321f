"""Which ``--out`` directories the pipeline may replace: only its own, or an empty or absent one.

Publishing swaps a whole directory in (``output.publishing``), so whatever ``--out`` held is gone.
A directory counts as the pipeline's own when it holds the ``datapackage.json`` the pipeline
writes (its name is the package's), and, when it also holds the ``SHA256SUMS`` the pipeline
writes, nothing that list does not name: a file a person put beside the data is never deleted.

Everything here runs before any PDF is read, so a refusal costs nothing and is one line.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from extract.errors import PipelineError

MARKER = "datapackage.json"
MANIFEST = "SHA256SUMS"  # every file the pipeline wrote into the directory, with its digest


def check_out_dir(out: Path, sources: Sequence[Path] = ()) -> None:
    """Refuse an ``--out`` that the pipeline must not replace, naming it and saying why."""
    if out.exists() and not out.is_dir():
        raise PipelineError("--out names an existing file, not a directory; it was left as it is", file=str(out))
    target = out.resolve()
    if target == target.parent:
        raise _refuse(out, "is the root of the filesystem")
    for place, what in ((_cwd(), "the current directory"), (_home(), "your home directory")):
        if place is not None and (target == place or target in place.parents):
            raise _refuse(out, f"is {what} or holds it")
    for pdf in sources:
        folder = pdf.resolve().parent
        if folder == target or target in folder.parents:
            raise _refuse(out, f"holds the source {pdf}")
    if target.is_dir():
        try:
            why = foreign(target)
        except OSError as e:
            why = f"cannot be looked into ({e.strerror or e})"
        if why:
            raise _refuse(out, why)
    _check_writable(out, target)


def _cwd() -> Path | None:
    try:
        return Path.cwd().resolve()
    except OSError:  # the current directory was deleted: nothing to protect there
        return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (KeyError, RuntimeError):  # no HOME and no password entry
        return None


def _refuse(out: Path, why: str) -> PipelineError:
    why = f"--out {why}; the pipeline replaces only a directory it wrote (or an empty one)"
    return PipelineError(why, file=str(out))


def foreign(directory: Path) -> str | None:
    """Why ``directory`` is not the pipeline's to replace, or None when it is (or is empty)."""
    entries = sorted(p.name for p in directory.iterdir())
    if not entries:
        return None
    if MARKER not in entries or not _is_our_package(directory / MARKER):
        return f"holds files the pipeline did not write (no {MARKER} of this dataset)"
    listed = written_files(directory)
    if listed is None:  # written before the pipeline listed its files: the marker suffices
        return None
    extra = [rel for rel in _files(directory) if rel not in listed and rel != MANIFEST]
    if extra:
        more = f" and {len(extra) - 1} more" if len(extra) > 1 else ""
        return f"holds {extra[0]}{more}, which the pipeline did not write ({MANIFEST} does not list it)"
    return None


def _is_our_package(path: Path) -> bool:
    from schemas.datapackage import PACKAGE_NAME

    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(descriptor, dict) and descriptor.get("name") == PACKAGE_NAME


def written_files(directory: Path) -> set[str] | None:
    """The files the manifest lists (relative, with /), or None when there is no manifest."""
    try:
        text = (directory / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return set()
    return {line.split(maxsplit=1)[1].lstrip("*") for line in text.splitlines() if len(line.split(maxsplit=1)) == 2}


def _files(directory: Path) -> list[str]:
    """Every file and empty folder under ``directory``, relative, sorted."""
    out = []
    for root, dirs, files in os.walk(directory):
        base = Path(root).relative_to(directory)
        out += [(base / f).as_posix() for f in files]
        out += [(base / d).as_posix() + "/" for d in dirs if not any((Path(root) / d).iterdir())]
    return sorted(out)


def _check_writable(out: Path, target: Path) -> None:
    """The swap writes a directory beside ``out``: try that now rather than after reading."""
    parent = target.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise _refuse(out, f"lies under {parent}, which is not a directory")
    try:
        probe = tempfile.mkdtemp(prefix=".iizuka-probe-", dir=parent)
    except OSError as e:
        raise PipelineError(
            f"--out cannot be written: no directory can be made in {parent} ({e.strerror or e}); nothing was read",
            file=str(out),
        ) from None
    with contextlib.suppress(OSError):
        shutil.rmtree(probe)


def write_manifest(directory: Path) -> None:
    """List every file of ``directory`` with its SHA-256, as ``sha256sum`` writes and checks
    them (``cd data/clean && sha256sum -c SHA256SUMS``): what ``foreign`` reads back, what
    make checks for missing outputs, and a way to cite the exact files."""
    from ..raw import sha256

    lines = [f"{sha256(directory / rel)}  {rel}" for rel in _files(directory) if not rel.endswith("/")]
    (directory / MANIFEST).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
