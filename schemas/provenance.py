"""What each source PDF is: the reviewed ``sources.toml`` beside the PDFs, read and checked.

The dataset carries it (datapackage.json's ``sources``, data/clean/README.md, the workbook's
about sheet), so that whoever cites the data knows whose file it was read from, which years it
covers, and whether it is the city's own file or a rebuild. An entry names its file by name and
SHA-256: it describes those bytes and no others. Parsing is pure; reading the file is the
pipeline's (``pipeline.provenance``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

SOURCES_NAME = "sources.toml"
ORIGINS = ("original", "rebuild")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_REQUIRED = ("file", "sha256", "publisher", "title", "fiscal_years", "origin")
_OPTIONAL = ("published", "rebuilt_from", "rebuilt_on")


class SourcesError(ValueError):
    """A bad sources.toml: the message is one line naming the file, the entry and why."""


@dataclass(frozen=True)
class SourceEntry:
    """One reviewed entry: what one PDF (by name and SHA-256) is."""

    file: str
    sha256: str
    publisher: str
    title: str
    fiscal_years: tuple[int, ...]
    origin: str  # "original": the publisher's own file; "rebuild": remade here (rebuilt_from says from what)
    published: date | None = None  # when the publisher published it, where known
    rebuilt_from: str | None = None
    rebuilt_on: date | None = None


@dataclass(frozen=True)
class Source:
    """A PDF the dataset was read from: its name, digest and entry (None: no entry describes it)."""

    name: str
    sha256: str
    entry: SourceEntry | None = None

    def facts(self) -> list[tuple[str, str, str]]:
        """(Japanese label, key, value) of what is known, in the order a reader wants it."""
        rows = [("出典ファイル", "source_file", self.name), ("SHA-256", "sha256", self.sha256)]
        e = self.entry
        if e is None:
            return [*rows, ("出典の説明", "described", f"none: no entry in {SOURCES_NAME} for this file")]
        rows += [
            ("発行者", "publisher", e.publisher),
            ("表題", "title", e.title),
            ("年度", "fiscal_years", ", ".join(f"FY{y}" for y in e.fiscal_years)),
            ("公表日", "published", e.published.isoformat() if e.published else "not known"),
            ("原本か再現か", "origin", e.origin),
        ]
        if e.rebuilt_from is not None:
            rows.append(("再現の元", "rebuilt_from", e.rebuilt_from))
        if e.rebuilt_on is not None:
            rows.append(("再現日", "rebuilt_on", e.rebuilt_on.isoformat()))
        return rows

    def package_entry(self) -> dict[str, Any]:
        """The Data Package ``sources`` item (title and path, as the spec names them, and the rest)."""
        e = self.entry
        if e is None:
            return {"title": self.name, "path": self.name, "sha256": self.sha256, "described": False}
        item: dict[str, Any] = {"title": e.title, "path": self.name, "sha256": self.sha256, "publisher": e.publisher}
        item["fiscal_years"] = list(e.fiscal_years)
        item["published"] = e.published.isoformat() if e.published else None
        item["origin"] = e.origin
        if e.rebuilt_from is not None:
            item["rebuilt_from"] = e.rebuilt_from
        if e.rebuilt_on is not None:
            item["rebuilt_on"] = e.rebuilt_on.isoformat()
        return item


def parse_sources(text: str, where: str) -> dict[str, SourceEntry]:
    """``[[source]]`` tables → entries by file name. Anything unreadable, missing, unknown or
    ill-typed raises ``SourcesError`` in one line naming ``where``, the entry and why."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SourcesError(f"{where}: not TOML ({e})") from None
    if set(data) - {"source"} or not isinstance(data.get("source", []), list):
        raise SourcesError(f"{where}: only [[source]] tables belong here, not {sorted(set(data) - {'source'})}")
    entries: dict[str, SourceEntry] = {}
    for i, raw in enumerate(data.get("source", []), start=1):
        entry = _entry(raw, f"{where}: [[source]] #{i}")
        if entry.file in entries:
            raise SourcesError(f"{where}: [[source]] {entry.file}: described twice")
        entries[entry.file] = entry
    return entries


def _entry(raw: dict[str, Any], at: str) -> SourceEntry:
    name = raw.get("file")
    if isinstance(name, str) and name:
        at = at.split(": [[source]]")[0] + f": [[source]] {name}"
    missing = [k for k in _REQUIRED if k not in raw]
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if missing or unknown:
        why = [f"missing {', '.join(missing)}"] if missing else []
        why += [f"unknown {', '.join(unknown)}"] if unknown else []
        raise SourcesError(f"{at}: {'; '.join(why)}")
    for key in ("file", "publisher", "title"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise SourcesError(f"{at}: {key} must be text")
    if "/" in raw["file"] or "\\" in raw["file"]:
        raise SourcesError(f"{at}: file is a name beside sources.toml, not a path")
    if not isinstance(raw["sha256"], str) or not _SHA256.fullmatch(raw["sha256"]):
        raise SourcesError(f"{at}: sha256 must be 64 lowercase hex digits (sha256sum's)")
    years = raw["fiscal_years"]
    if not isinstance(years, list) or not years or not all(type(y) is int and 1989 <= y <= 2100 for y in years):
        raise SourcesError(f"{at}: fiscal_years must be a list of years such as [2020, 2021]")
    if raw["origin"] not in ORIGINS:
        raise SourcesError(f"{at}: origin must be one of {', '.join(ORIGINS)}, not {raw['origin']!r}")
    rebuild = raw["origin"] == "rebuild"
    if rebuild != ("rebuilt_from" in raw) or (not rebuild and "rebuilt_on" in raw):
        raise SourcesError(f"{at}: rebuilt_from (and rebuilt_on) belong to a rebuild, and a rebuild needs rebuilt_from")
    if rebuild and (not isinstance(raw["rebuilt_from"], str) or not raw["rebuilt_from"].strip()):
        raise SourcesError(f"{at}: rebuilt_from must be text")
    for key in ("published", "rebuilt_on"):
        if key in raw and (not isinstance(raw[key], date) or hasattr(raw[key], "hour")):
            raise SourcesError(f"{at}: {key} must be a date such as 2021-06-30 (leave it out where not known)")
    return SourceEntry(
        file=raw["file"], sha256=raw["sha256"], publisher=raw["publisher"], title=raw["title"],
        fiscal_years=tuple(sorted(years)), origin=raw["origin"], published=raw.get("published"),
        rebuilt_from=raw.get("rebuilt_from"), rebuilt_on=raw.get("rebuilt_on"),
    )  # fmt: skip


def described(
    name: str, digest: str, entries: dict[str, SourceEntry], where: str, years: Sequence[int] | None = None
) -> Source:
    """The source ``name`` with its entry, if any. An entry for this name that names other bytes
    or other fiscal years than the file holds describes something else: refused in one line."""
    entry = entries.get(name)
    if entry is None:
        return Source(name, digest)
    if entry.sha256 != digest:
        raise SourcesError(
            f"{where}: [[source]] {name}: sha256 {entry.sha256[:12]}… is not the file's ({digest[:12]}…); "
            "an entry describes one file: review it and write the new digest"
        )
    if years is not None and tuple(sorted(set(years))) != entry.fiscal_years:
        held = ", ".join(map(str, sorted(set(years))))
        raise SourcesError(
            f"{where}: [[source]] {name}: fiscal_years {list(entry.fiscal_years)}, but the file holds {held}"
        )
    return Source(name, digest, entry)
