"""Provenance: the reviewed sources.toml beside the PDFs says what each one is, the dataset
carries it, a PDF with no entry is built all the same and named undescribed, and a bad entry
stops the run in one line naming the file, the entry and why."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from pipeline import provenance
from pipeline.build import build
from pipeline.raw import sha256
from schemas.provenance import SOURCES_NAME, Source, SourceEntry, SourcesError, described, parse_sources

from .helpers import RAW_PDF, ROOT

GOOD = """
[[source]]
file = "a.pdf"
sha256 = "{digest}"
publisher = "飯塚市"
title = "進捗状況"
fiscal_years = [2021, 2020]
origin = "original"
published = 2021-06-30
"""
DIGEST = "ab" * 32


def test_the_committed_sources_file_describes_the_raw_pdf_as_a_rebuild() -> None:
    source = provenance.describe(RAW_PDF, sha256(RAW_PDF), [2020, 2021])
    assert source.entry is not None
    assert (source.entry.publisher, source.entry.fiscal_years, source.entry.origin) == (
        "飯塚市",
        (2020, 2021),
        "rebuild",
    )
    assert source.entry.published is None  # not known: never guessed
    assert "data/raw/reconstruction/transcript.json" in (source.entry.rebuilt_from or "")
    assert provenance.SOURCES_NAME == SOURCES_NAME


def test_an_entry_is_read_with_its_years_sorted_and_its_dates() -> None:
    (entry,) = parse_sources(GOOD.format(digest=DIGEST), "sources.toml").values()
    assert entry == SourceEntry("a.pdf", DIGEST, "飯塚市", "進捗状況", (2020, 2021), "original", date(2021, 6, 30))
    source = described("a.pdf", DIGEST, {"a.pdf": entry}, "sources.toml", [2021, 2020, 2020])
    assert source.package_entry() == {
        "title": "進捗状況", "path": "a.pdf", "sha256": DIGEST, "publisher": "飯塚市",
        "fiscal_years": [2020, 2021], "published": "2021-06-30", "origin": "original",
    }  # fmt: skip
    assert ("公表日", "published", "2021-06-30") in source.facts()
    assert described("b.pdf", DIGEST, {"a.pdf": entry}, "sources.toml") == Source("b.pdf", DIGEST)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('origin = "original"', 'origin = "copy"'), "[[source]] a.pdf: origin must be one of original, rebuild"),
        (('publisher = "飯塚市"\n', ""), "[[source]] a.pdf: missing publisher"),
        (('title = "進捗状況"', 'title = "進捗状況"\nauthor = "x"'), "[[source]] a.pdf: unknown author"),
        ((DIGEST, DIGEST.upper()), "[[source]] a.pdf: sha256 must be 64 lowercase hex digits"),
        (("[2021, 2020]", "[]"), "[[source]] a.pdf: fiscal_years must be a list of years"),
        (("[2021, 2020]", '["令和2"]'), "[[source]] a.pdf: fiscal_years must be a list of years"),
        (('origin = "original"', 'origin = "rebuild"'), "[[source]] a.pdf: rebuilt_from (and rebuilt_on) belong"),
        (("2021-06-30", "2021-06-30T09:00:00"), "[[source]] a.pdf: published must be a date"),
        (('file = "a.pdf"', 'file = "raw/a.pdf"'), "[[source]] raw/a.pdf: file is a name beside sources.toml"),
        (('file = "a.pdf"\n', ""), "[[source]] #1: missing file"),
        (("[[source]]", "[source]"), "sources.toml: only [[source]] tables belong here"),
        (("[[source]]", "[[source"), "sources.toml: not TOML"),
    ],
)
def test_a_bad_entry_is_one_line_naming_the_file_and_the_entry(change: tuple[str, str], message: str) -> None:
    with pytest.raises(SourcesError, match=re.escape(message)) as e:
        parse_sources(GOOD.format(digest=DIGEST).replace(*change), "sources.toml")
    assert "\n" not in str(e.value) and str(e.value).startswith("sources.toml: ")


def test_an_entry_twice_or_for_other_bytes_or_years_is_refused() -> None:
    good = GOOD.format(digest=DIGEST)
    with pytest.raises(SourcesError, match=re.escape("sources.toml: [[source]] a.pdf: described twice")):
        parse_sources(good + good, "sources.toml")
    entries = parse_sources(good, "sources.toml")
    with pytest.raises(SourcesError, match=r"\[\[source\]\] a\.pdf: sha256 abababababab… is not the file's \(cdcd"):
        described("a.pdf", "cd" * 32, entries, "sources.toml")
    with pytest.raises(
        SourcesError, match=re.escape("a.pdf: fiscal_years [2020, 2021], but the file holds 2021, 2022")
    ):
        described("a.pdf", DIGEST, entries, "sources.toml", [2021, 2022])


def test_a_bad_entry_stops_the_build_before_anything_is_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = Path(shutil.copy(RAW_PDF, raw))
    text = (ROOT / "data/raw" / SOURCES_NAME).read_text(encoding="utf-8").replace(sha256(pdf)[:8], "00000000")
    (raw / SOURCES_NAME).write_text(text, encoding="utf-8")
    report = build([pdf], tmp_path / "out")
    assert report.files == [] and not (tmp_path / "out").exists()
    (error,) = report.errors
    assert error.startswith(f"{raw / SOURCES_NAME}: [[source]] {pdf.name}: sha256 00000000") and "\n" not in error


def test_a_pdf_with_no_entry_is_built_and_named_undescribed(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = Path(shutil.copy(RAW_PDF, raw))
    report = build([pdf], tmp_path / "out")
    assert report.ok, report.errors
    quality = (tmp_path / "out/quality.md").read_text(encoding="utf-8")
    assert f"| {pdf.name} | {sha256(pdf)[:12]}… | **undescribed** |" in quality
    assert f"Undescribed (no entry in the sources.toml beside it): {pdf.name}." in quality
    package = json.loads((tmp_path / "out/datapackage.json").read_text(encoding="utf-8"))
    assert package["sources"] == [{"title": pdf.name, "path": pdf.name, "sha256": sha256(pdf), "described": False}]
    assert package["description"].endswith(f"Undescribed (origin not known): {pdf.name}.")
    readme = (tmp_path / "out/README.md").read_text(encoding="utf-8")
    assert f"- `{pdf.name}` (SHA-256 `{sha256(pdf)}`): undescribed" in readme


def test_the_reconstruction_readme_lists_exactly_the_files_there() -> None:
    folder = ROOT / "data/raw/reconstruction"
    text = (folder / "README.md").read_text(encoding="utf-8")
    listed = text[text.index("## Files") : text.index("### ")]  # the list under the heading
    named = set(re.findall(r"^- `([^`]+)`", listed, re.M))
    assert named == {p.name for p in folder.iterdir()}
