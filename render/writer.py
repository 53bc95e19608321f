"""Another producer: a word-processor table (python-docx document printed by LibreOffice Writer).

Writer lays a table out unlike Calc: a row that does not fit is cut by the page break and
continues on the next page (Word's "allow row to break across pages", on by default), even
inside vertically merged cells, and the header row repeats on each page ("repeat heading").
This layout also has no 内容 column: the 実施内容 cell holds the program name on its first
line and the description below it, as many report templates print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from .common import (
    COLUMNS,
    PAPER,
    TABLES,
    Column,
    Row,
    cell_lines,
    load_transcript,
    program_blocks,
    table_rows,
    text_width_em,
    transcript_chars,
)
from .soffice import export_pdf

# Fields whose cell is merged down over a program's department rows (the description now
# lives in the name cell).
MERGED = ("no", "name")


@dataclass(frozen=True)
class WriterLayout:
    """Sizes of the Writer rendering; the font is small enough that the widest table fits."""

    paper: str = "A3"
    font: str = "IPAexGothic"
    font_size: float = 6.4
    margin_mm: float = 10.0
    # Cell margins left and right, in pt, and air beside the longest line so none wraps again
    # (Writer's Japanese/Latin autospacing widens some lines a little).
    cell_margin_pt: float = 2.0
    padding_em: float = 1.5
    # Blank room above a table on its first page, per table (as a report leaves for a title
    # or a stamp; no text). 480 pt moves the page break of the FY2020 table into the middle
    # of №3's ten merged department rows, so that a vertically merged block is cut too.
    lead_space_pt: tuple[tuple[str, float], ...] = (("r2", 480.0),)


def columns(table: str) -> list[Column]:
    """The standard columns without 内容: its text moves under the name."""
    return [(fld, label) for fld, label in COLUMNS[table] if fld != "description"]


def cell_text(row: Row, fld: str) -> list[str]:
    """The printed lines of a cell; the name cell carries the description below the name."""
    if fld == "name":
        return cell_lines(row, "name") + cell_lines(row, "description")
    return cell_lines(row, fld)


def column_widths_pt(rows: list[Row], table: str, layout: WriterLayout) -> list[float]:
    """Each column as wide as its longest printed line (label or text), plus cell margins."""
    out = []
    for fld, label in columns(table):
        lines = label.split("\n") + [ln for r in rows for ln in cell_text(r, fld)]
        em = max(text_width_em(ln, layout.font) for ln in lines) + layout.padding_em
        out.append(em * layout.font_size + 2 * layout.cell_margin_pt)
    return out


def _set_default_font(doc: DocxDocument, layout: WriterLayout) -> None:
    """Normal style: our font for Latin and East Asian text alike, no paragraph spacing."""
    style = doc.styles["Normal"]
    style.font.name = layout.font
    style.font.size = Pt(layout.font_size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), layout.font)
    para = style.paragraph_format
    para.space_before = para.space_after = Pt(0)
    para.line_spacing = 1.0
    # Ask for no extra space between Japanese and Latin/digits (autospace). Writer still puts
    # about 0.2 em there (measured: 徊|SOS), so padding_em leaves room for it; the gap is a
    # real trait of Writer output that the pipeline meets (extract reads it as a space).
    p_pr = style.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        p_pr.append(el)


def _set_page(doc: DocxDocument, layout: WriterLayout) -> None:
    _, long_mm, short_mm = PAPER[layout.paper]
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(long_mm), Mm(short_mm)
    m = Mm(layout.margin_mm)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = m


def _set_cell_margins(table: Table, pt: float) -> None:
    """Table-wide left/right cell margins (tblCellMar), in twentieths of a point."""
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(pt * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    table._tbl.tblPr.append(mar)


def _repeat_as_heading(table: Table, row: int) -> None:
    """Mark a row as heading: Writer prints it again at the top of every page the table spans."""
    tr_pr = table.rows[row]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fill(cell: _Cell, lines: list[str], center: bool = False) -> None:
    """One paragraph, the printed lines separated by line breaks (not new paragraphs)."""
    para = cell.paragraphs[0]
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(lines):
        run = para.add_run(line)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _blank_space(doc: DocxDocument, height_pt: float, page_break_before: bool = False) -> None:
    """An empty paragraph of an exact height (not space-before, which a page top may drop)."""
    para = doc.add_paragraph()
    para.paragraph_format.page_break_before = page_break_before
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    para.paragraph_format.line_spacing = Pt(height_pt)


def add_table(doc: DocxDocument, table: str, rows: list[Row], layout: WriterLayout) -> Table:
    cols = columns(table)
    widths = column_widths_pt(rows, table, layout)
    t: Table = doc.add_table(rows=1 + len(rows), cols=len(cols))
    t.style = "Table Grid"
    t.autofit = False
    _set_cell_margins(t, layout.cell_margin_pt)
    for c, w in enumerate(widths):
        t.columns[c].width = Pt(w)
        for cell in t.columns[c].cells:
            cell.width = Pt(w)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for c, (_, label) in enumerate(cols):
        hdr = t.cell(0, c)
        hdr.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _fill(hdr, label.split("\n"), center=True)
    _repeat_as_heading(t, 0)

    r = 1
    for block in program_blocks(rows):
        for i, row in enumerate(block):
            for c, (fld, _) in enumerate(cols):
                if fld in MERGED and i > 0:
                    continue
                _fill(t.cell(r + i, c), cell_text(row, fld), center=fld == "no")
        if len(block) > 1:
            for c, (fld, _) in enumerate(cols):
                if fld in MERGED:
                    t.cell(r, c).merge(t.cell(r + len(block) - 1, c))
        r += len(block)
    return t


def build_document(rows: list[Row], layout: WriterLayout) -> DocxDocument:
    doc = Document()
    _set_default_font(doc, layout)
    _set_page(doc, layout)
    for i, table in enumerate(TABLES):
        if i:
            # Two tables with nothing between them would be read as one table: a paragraph
            # (1 pt high) keeps them apart at the foot of the last page of the first.
            _blank_space(doc, 1.0)
        lead = dict(layout.lead_space_pt).get(table, 0.0)
        if lead:
            _blank_space(doc, lead, page_break_before=i > 0)
        t = add_table(doc, table, table_rows(rows, table), layout)
        if i and not lead:
            # Each table starts a page: "page break before" on its first paragraph, which
            # Writer takes as the table's own break.
            t.cell(0, 0).paragraphs[0].paragraph_format.page_break_before = True
    return doc


def render(layout: WriterLayout, pdf: Path, docx: Path | None = None) -> None:
    """Write the document (beside the PDF unless ``docx`` is given) and print it to ``pdf``."""
    docx = docx or pdf.with_suffix(".docx")
    rows = load_transcript()
    build_document(rows, layout).save(str(docx))
    export_pdf(docx, pdf, layout.font, transcript_chars(rows))
