"""What every renderer shares: the transcription, the tables' columns, and font metrics.

The renderers rebuild the city's report (and layout variants of it) from the cell-by-cell
transcription. Only rendering reads the transcription; the extraction pipeline reads PDFs only.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPT = ROOT / "data/raw/reconstruction/transcript.json"

FONT_FILES = {
    "IPAexGothic": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "IPAexMincho": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
}
# openpyxl paper codes (ECMA-376): 8 = A3, 9 = A4; then long and short side in mm.
PAPER = {"A3": (8, 420.0, 297.0), "A4": (9, 297.0, 210.0)}
MM = 72 / 25.4

Row = dict[str, Any]  # one row of the transcription (JSON): field → value
Column = tuple[str, str]  # (transcript field, header label); "\n" breaks the header cell

# (transcript field, header label) per table.
COMMON: list[Column] = [
    ("no", "№"),
    ("name", "実施内容"),
    ("description", "内容"),
    ("department", "担当課"),
]
COLUMNS: dict[str, list[Column]] = {
    "r2": COMMON
    + [
        ("plan", "令和2年度の実施計画"),
        ("indicator", "令和2年度\n指標名"),
        ("target", "令和2年度\n目標値"),
        ("status", "令和2年度実施状況"),
        ("evaluation", "令和2年度　実施状況に関する担当課の評価"),
        ("actual", "令和2年度\n実績値"),
        ("achievement", "達成度（％）"),
    ],
    "r3": COMMON
    + [
        ("plan", "令和3年度の実施計画"),
        ("indicator", "令和3年度\n指標名"),
        ("target", "令和3年度\n目標値"),
    ],
}
TABLES = ("r2", "r3")
SHEET_TITLES = {"r2": "令和2年度実績", "r3": "令和3年度計画"}
# Fields printed once per program, in a cell merged over its department rows.
MERGED_FIELDS = ("no", "name", "description")
# Text columns: the ones that shrink in the "narrow" variant (a short code or figure never would).
TEXT_FIELDS = ("name", "description", "plan", "status", "evaluation")


# --- the transcription -------------------------------------------------------------------


def load_transcript(path: Path = TRANSCRIPT) -> list[Row]:
    rows: list[Row] = json.loads(path.read_text(encoding="utf-8"))
    return rows


def transcript_chars(rows: list[Row]) -> set[str]:
    """Every character the report prints (for fonts that must give each its own glyph)."""
    return {c for r in rows for v in r.values() if isinstance(v, list) for ln in v for c in ln}


def table_rows(rows: list[Row], table: str) -> list[Row]:
    return [r for r in rows if r["table"] == table]


# Columns the schema has no field for, as other reports print them (the variants that add one):
# field → its printed lines in a row.
EXTRA_VALUES = {
    "direction": lambda row: [("継続", "拡充", "見直し")[row["no"] % 3]],  # 今後の方向性
}


def cell_lines(row: Row, fld: str) -> list[str]:
    if fld == "no":
        return [str(row["no"])]
    if fld in EXTRA_VALUES:
        return EXTRA_VALUES[fld](row)
    return list(row.get(fld, []))


def pages_of(rows: list[Row]) -> list[list[Row]]:
    """Rows grouped by the page the city printed them on."""
    pages: dict[int, list[Row]] = {}
    for r in rows:
        pages.setdefault(r["page"], []).append(r)
    return [pages[p] for p in sorted(pages)]


def program_blocks(rows: list[Row]) -> list[list[Row]]:
    """Consecutive rows of one program (its departments), which share the merged cells."""
    blocks: list[list[Row]] = []
    for r in rows:
        if blocks and blocks[-1][0]["no"] == r["no"]:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    return blocks


# --- font metrics --------------------------------------------------------------------------


@cache
def _advances(font: str) -> tuple[dict[int, int], float]:
    from fontTools.ttLib import TTFont

    tt = TTFont(FONT_FILES[font])
    hmtx = tt["hmtx"]
    widths = {cp: hmtx[name][0] for cp, name in tt.getBestCmap().items()}
    return widths, float(tt["head"].unitsPerEm)


def text_width_em(text: str, font: str) -> float:
    """Printed width of one line in em, from the font's own advance widths."""
    widths, upem = _advances(font)
    return sum(widths.get(ord(c), upem) for c in text) / upem


def wrapped_line_count(lines: list[str], width_em: float, font: str) -> int:
    """How many lines LibreOffice will print once it wraps ``lines`` at ``width_em``.

    Japanese wraps between any two characters, so a greedy fill is a close model; the caller
    adds slack for kinsoku (line-start/line-end rules) moving a character down.
    """
    count = 0
    for line in lines or [""]:
        used, n = 0.0, 1
        for ch in line:
            w = text_width_em(ch, font)
            if used + w > width_em and used > 0:
                n, used = n + 1, 0.0
            used += w
        count += n
    return count


def write_distinct_glyph_font(src: Path, dst: Path, chars: set[str]) -> None:
    """Copy a font, giving each of ``chars`` a glyph of its own where it shares one.

    IPAex draws ⾃ (U+2F83, a Kangxi radical) with the glyph of 自, and so do several dashes
    share glyphs. LibreOffice then writes the rarer code point only as /ActualText, which
    pdfminer (and so pdfplumber and camelot) ignores. The city's PDF carried these code points
    in its ToUnicode map, as an office suite with separate glyphs writes them; a private glyph
    per code point makes our rebuild do the same. The outlines are unchanged.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    cmap = font.getBestCmap()
    users: dict[str, int] = {}
    for glyph in cmap.values():
        users[glyph] = users.get(glyph, 0) + 1
    glyf, hmtx = font["glyf"], font["hmtx"]
    vmtx = font.get("vmtx", None)
    for cp in sorted(ord(c) for c in chars):
        glyph = cmap.get(cp)
        if glyph is None or users[glyph] < 2:
            continue
        own = f"uni{cp:04X}.distinct"
        glyf[own] = copy.deepcopy(glyf[glyph])  # also appends to the glyph order
        hmtx[own] = hmtx[glyph]
        if vmtx is not None:
            vmtx[own] = vmtx[glyph]
        for sub in font["cmap"].tables:
            if cp in sub.cmap:
                sub.cmap[cp] = own
    font.setGlyphOrder(list(glyf.glyphOrder))
    font.save(dst)
