"""Rebuild the city's PDF the way the city made it: a spreadsheet exported by an office suite.

The city's own file cannot be fetched here, so the project's raw input is this rendering of
the cell-by-cell transcription (``data/raw/reconstruction/transcript.json``). The same script
also renders the layout *variants* that the extraction tests run on (another paper size, font,
column widths, header and page-break policy), so that every variant shares one code path.

Only this script needs LibreOffice (``soffice``) and the IPAex fonts; the pipeline never runs it.

    python -m scripts.rebuild_source_pdf --out data/raw/iizuka_suicide_plan_progress_r2_r3.pdf
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPT = ROOT / "data/raw/reconstruction/transcript.json"

FONT_FILES = {
    "IPAexGothic": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "IPAexMincho": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
}
# openpyxl paper codes (ECMA-376): 8 = A3, 9 = A4.
PAPER = {"A3": (8, 420.0, 297.0), "A4": (9, 297.0, 210.0)}
MM = 72 / 25.4

# (transcript field, header label) per table; "\n" is a line break inside the header cell.
COMMON = [
    ("no", "№"),
    ("name", "実施内容"),
    ("description", "内容"),
    ("department", "担当課"),
]
COLUMNS = {
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
SHEET_TITLES = {"r2": "令和2年度実績", "r3": "令和3年度計画"}
# Fields printed once per program, in a cell merged over its department rows.
MERGED_FIELDS = ("no", "name", "description")
# Text columns: the ones that shrink in the "narrow" variant (a short code or figure never would).
TEXT_FIELDS = ("name", "description", "plan", "status", "evaluation")

# Room beside the longest line: LibreOffice's cell indents plus a margin, so that no printed
# line wraps again (0.6 em was measured to be too tight for a line ending in "GPSによる徘").
CELL_PADDING_EM = 1.0

HeaderPolicy = Literal["original", "every", "first"]
BreakPolicy = Literal["original", "auto"]


@dataclass(frozen=True)
class Layout:
    """How to lay the report out; the defaults reproduce the city's printout."""

    paper: str = "A3"
    font: str = "IPAexGothic"
    font_size: float = 9.0
    text_width_factor: float = 1.0
    headers: HeaderPolicy = "original"
    breaks: BreakPolicy = "original"
    # Extra page breaks (table, program №) to force on top of the policy, e.g. inside №3.
    extra_breaks: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)
    padding_em: float = CELL_PADDING_EM


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


def load_transcript(path: Path = TRANSCRIPT) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def cell_lines(row: dict, fld: str) -> list[str]:
    if fld == "no":
        return [str(row["no"])]
    return list(row.get(fld, []))


def paragraphs(lines: list[str], text_em: float, font: str) -> list[str]:
    """Printed lines → the paragraphs they were wrapped from, for re-wrapping at a new width.

    A line counts as wrapped when it stops closer to the column's text edge (``text_em``, its
    longest line) than the next line's first character (two with kinsoku) plus a tolerance,
    the rule normalize/ reads wraps by; the narrow variant then checks that the pipeline
    finds the same paragraphs after LibreOffice has wrapped them anew.
    """
    from normalize.text import NO_LINE_START, wrap_allowance_em

    out: list[str] = []
    joined = False
    for i, line in enumerate(lines):
        if joined:
            out[-1] += line
        else:
            out.append(line)
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        joined = bool(nxt) and (
            nxt[0] in NO_LINE_START
            or (
                text_em - text_width_em(line, font) < wrap_allowance_em(nxt)
                and not line.endswith("】")
                and not nxt.startswith(("【", "※"))
            )
        )
    return out


def column_widths_em(rows: list[dict], table: str, layout: Layout) -> list[float]:
    """Each column as wide as its longest printed line, so the printed lines stay as printed."""
    out = []
    for fld, label in COLUMNS[table]:
        lines = label.split("\n") + [ln for r in rows for ln in cell_lines(r, fld)]
        em = max(text_width_em(ln, layout.font) for ln in lines) + layout.padding_em
        em = max(em, 2.2)
        if fld in TEXT_FIELDS:
            em *= layout.text_width_factor
        out.append(em)
    return out


def pages_of(rows: list[dict]) -> list[list[dict]]:
    pages: dict[int, list[dict]] = {}
    for r in rows:
        pages.setdefault(r["page"], []).append(r)
    return [pages[p] for p in sorted(pages)]


def program_blocks(rows: list[dict]) -> list[list[dict]]:
    blocks: list[list[dict]] = []
    for r in rows:
        if blocks and blocks[-1][0]["no"] == r["no"]:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    return blocks


def _xlsx_width(points: float) -> float:
    # LibreOffice prints an xlsx column width unit as 7 pt (measured on its PDF export).
    return points / 7.0


def write_sheet(ws: Worksheet, table: str, rows: list[dict], layout: Layout) -> None:
    cols = COLUMNS[table]
    widths = column_widths_em(rows, table, layout)
    longest = [
        max(text_width_em(ln, layout.font) for r in rows for ln in cell_lines(r, fld) or [""]) for fld, _ in cols
    ]

    def content(row: dict, c: int) -> list[str]:
        """What the cell holds: its printed lines, or its paragraphs when columns change width."""
        fld = cols[c][0]
        lines = cell_lines(row, fld)
        if layout.text_width_factor == 1.0 or fld not in TEXT_FIELDS:
            return lines
        return paragraphs(lines, longest[c], layout.font)
    size = layout.font_size
    line_pt = size * 1.1  # IPAex prints at a 1.0 em pitch; keep a little air
    pad_pt = 4.0
    font = Font(name=layout.font, size=size)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9D9D9")

    for i, em in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _xlsx_width(em * size)

    def fits(lines: list[str], col: int) -> int:
        n = wrapped_line_count(lines, widths[col] - layout.padding_em, layout.font)
        slack = 1 if layout.text_width_factor != 1.0 and n > len(lines) else 0
        return n + slack

    def put_header(r: int) -> None:
        height = 0
        for c, (_, label) in enumerate(cols, start=1):
            cell = ws.cell(row=r, column=c, value=label)
            cell.font, cell.border, cell.fill = font, border, header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            height = max(height, fits(label.split("\n"), c - 1))
        ws.row_dimensions[r].height = height * line_pt + pad_pt

    page_heights: list[float] = []
    breaks: list[int] = []
    r = 1
    page_rows = pages_of(rows) if layout.breaks == "original" else [rows]
    for p, page in enumerate(page_rows):
        start = r
        if layout.headers == "original" and (table == "r2" or p < 2) or p == 0:
            put_header(r)
            r += 1
        for block in program_blocks(page):
            first = r
            for row in block:
                need = 1
                for c, (fld, _) in enumerate(cols):
                    if fld in MERGED_FIELDS and len(block) > 1:
                        continue
                    need = max(need, fits(content(row, c), c))
                ws.row_dimensions[r].height = need * line_pt + pad_pt
                for c, (fld, _) in enumerate(cols, start=1):
                    cell = ws.cell(row=r, column=c)
                    cell.font, cell.border = font, border
                    cell.alignment = Alignment(
                        horizontal="center" if fld == "no" else "left",
                        vertical="center",
                        wrap_text=True,
                    )
                    if fld in MERGED_FIELDS and row is not block[0]:
                        continue
                    value = "\n".join(content(row, c - 1))
                    cell.value = int(value) if fld == "no" else value
                if (table, row["no"], row["dept_index"]) in layout.extra_breaks:
                    breaks.append(r)
                r += 1
            if len(block) > 1:
                _merge_block(ws, block, cols, first, r - 1, widths, layout, line_pt, pad_pt, content)
        page_heights.append(sum(ws.row_dimensions[i].height for i in range(start, r)))
        if layout.breaks == "original" and p < len(page_rows) - 1:
            breaks.append(r - 1)

    for b in sorted(set(breaks)):
        ws.row_breaks.append(Break(id=b))
    _page_setup(ws, layout, sum(widths) * size, max(page_heights))


def _merge_block(
    ws: Worksheet,
    block: list[dict],
    cols: list[tuple[str, str]],
    first: int,
    last: int,
    widths: list[float],
    layout: Layout,
    line_pt: float,
    pad_pt: float,
    content: Callable[[dict, int], list[str]],
) -> None:
    """Merge №/実施内容/内容 over a program's department rows, growing the rows to fit them."""
    need = 0
    for c, (fld, _) in enumerate(cols, start=1):
        if fld in MERGED_FIELDS:
            ws.merge_cells(start_row=first, start_column=c, end_row=last, end_column=c)
            lines = content(block[0], c - 1)
            need = max(need, wrapped_line_count(lines, widths[c - 1] - layout.padding_em, layout.font))
    have = sum(ws.row_dimensions[i].height for i in range(first, last + 1))
    want = need * line_pt + pad_pt
    if want > have:
        extra = (want - have) / (last - first + 1)
        for i in range(first, last + 1):
            ws.row_dimensions[i].height += extra


def _page_setup(ws: Worksheet, layout: Layout, width_pt: float, page_height_pt: float) -> None:
    code, long_mm, short_mm = PAPER[layout.paper]
    margin = 0.4  # inch
    avail_w = long_mm * MM - 2 * margin * 72
    avail_h = short_mm * MM - 2 * margin * 72 - 20
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = code
    ws.page_margins.left = ws.page_margins.right = margin
    ws.page_margins.top = ws.page_margins.bottom = margin
    ws.page_margins.header = ws.page_margins.footer = 0.2
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    scale = avail_w / width_pt
    if layout.breaks == "original":
        scale = min(scale, avail_h / page_height_pt)
    ws.page_setup.scale = max(10, min(100, math.floor(scale * 100)))
    if layout.headers == "every":
        ws.print_title_rows = "1:1"


def build_workbook(rows: list[dict], layout: Layout) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for table in ("r2", "r3"):
        ws = wb.create_sheet(SHEET_TITLES[table])
        write_sheet(ws, table, [r for r in rows if r["table"] == table], layout)
    return wb


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
    vmtx = font["vmtx"] if "vmtx" in font else None
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


def export_pdf(xlsx: Path, pdf: Path, font: str, chars: set[str]) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui fonts-ipaexfont")
    with tempfile.TemporaryDirectory() as tmp:
        fonts = Path(tmp, "fonts")
        fonts.mkdir()
        write_distinct_glyph_font(Path(FONT_FILES[font]), fonts / Path(FONT_FILES[font]).name, chars)
        # Only our font is visible, so nothing falls back to a font we did not choose.
        conf = Path(tmp, "fonts.conf")
        conf.write_text(
            '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            f"<dir>{fonts}</dir><cachedir>{tmp}/fc-cache</cachedir></fontconfig>"
        )
        # A private profile keeps a user's LibreOffice settings out of the rendering.
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(xlsx)],
            check=True, capture_output=True, env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        )
        shutil.move(Path(tmp, xlsx.with_suffix(".pdf").name), pdf)


def render(layout: Layout, pdf: Path, xlsx: Path | None = None) -> None:
    xlsx = xlsx or pdf.with_suffix(".xlsx")
    rows = load_transcript()
    build_workbook(rows, layout).save(xlsx)
    chars = {c for r in rows for v in r.values() if isinstance(v, list) for ln in v for c in ln}
    export_pdf(xlsx, pdf, layout.font, chars)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="PDF to write")
    ap.add_argument("--xlsx", type=Path, help="workbook to write (default: beside the PDF)")
    ap.add_argument("--paper", choices=sorted(PAPER), default="A3")
    ap.add_argument("--font", choices=sorted(FONT_FILES), default="IPAexGothic")
    ap.add_argument("--text-width-factor", type=float, default=1.0)
    ap.add_argument("--headers", choices=["original", "every", "first"], default="original")
    ap.add_argument("--breaks", choices=["original", "auto"], default="original")
    a = ap.parse_args(argv)
    layout = Layout(a.paper, a.font, 9.0, a.text_width_factor, a.headers, a.breaks)
    render(layout, a.out, a.xlsx)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
