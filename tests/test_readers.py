"""The two readers (PDFium, the default, and pdfplumber, the oracle) give the same PageContent.

Real PDFs: the committed report and every layout variant. Small PDFs made here: one drawing
construct each (rotated pages, odd MediaBoxes, rules drawn in many ways, fake bold, a lone
space, CID fonts, rotated cell text, /ActualText).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from extract import page_grids
from extract.layout.cell_text import grid_rows
from extract.model import PageContent
from extract.reading import pdfio, pdfium_io
from extract.reading.chars import Matrix, upright_matrix
from pipeline.cli import main

from .helpers import RAW_PDF, VARIANTS

reportlab = pytest.importorskip("reportlab")
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402

IPAEX = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
TOL = 0.01
W, H = 842.5, 595.5
# Pages of the MediaBox tests are made this size, so that its long number leaves room to write
# another box in place (see with_box).
ROOMY = (842.5001, 595.5001)


def both(path: Path) -> tuple[list[PageContent], list[PageContent]]:
    return list(pdfio.read_pages(path)), list(pdfium_io.read_pages(path))


def seg_key(page: PageContent) -> list[tuple[float, float, float, float]]:
    return sorted((s.x0, s.top, s.x1, s.bottom) for s in page.segments)


def close(a: tuple[float, ...], b: tuple[float, ...], tol: float = TOL) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=False))


def assert_same(a: PageContent, b: PageContent, tol: float = TOL) -> None:
    """Same size, same characters in the same (reading) order at the same place, same rules."""
    assert close((a.width, a.height), (b.width, b.height))
    assert "".join(c.text for c in a.chars) == "".join(c.text for c in b.chars)
    for x, y in zip(a.chars, b.chars, strict=False):
        assert close((x.x0, x.x1, x.top, x.bottom, x.size), (y.x0, y.x1, y.top, y.bottom, y.size), tol), (x, y)
        assert x.rotation == y.rotation, (x, y)
    sa, sb = seg_key(a), seg_key(b)
    assert len(sa) == len(sb) and all(close(u, v) for u, v in zip(sa, sb, strict=False)), (sa, sb)


def assert_readers_agree(path: Path, tol: float = TOL) -> list[PageContent]:
    plumber, pdfium = both(path)
    assert len(plumber) == len(pdfium)
    for a, b in zip(plumber, pdfium, strict=False):
        assert_same(a, b, tol)
    return pdfium


# -- real PDFs ---------------------------------------------------------------------------------


# PDFium rounds a font's glyph widths to whole thousandths of an em, and places each glyph
# after the rounded advances of those before it. reportlab writes fractional widths (LibreOffice
# whole ones), so along a 1,000 pt line of canvas_rules.pdf the positions drift apart by up to
# 0.06 pt: pdfminer's are the exact ones. Every character and rule still agrees.
ROUNDED_WIDTHS_TOL = {"canvas_rules.pdf": 0.06}


@pytest.mark.parametrize(
    "path", [pytest.param(p, marks=pytest.mark.slow) for p in (RAW_PDF, *VARIANTS)], ids=lambda p: p.name
)
def test_readers_agree_on_real_pdfs(path: Path) -> None:
    pages = assert_readers_agree(path, ROUNDED_WIDTHS_TOL.get(path.name, TOL))
    assert sum(len(p.chars) for p in pages) > 1000


@pytest.mark.slow
def test_dataset_is_byte_identical_under_both_engines(tmp_path: Path) -> None:
    outs: dict[str, dict[str, bytes]] = {}
    for engine in ("pdfium", "pdfplumber"):
        out = tmp_path / engine
        assert main(["--quiet", "--engine", engine, "--out", str(out), str(RAW_PDF)]) == 0
        outs[engine] = {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}
    assert outs["pdfium"] and outs["pdfium"] == outs["pdfplumber"]


# -- small PDFs --------------------------------------------------------------------------------


def make(
    tmp_path: Path,
    draw: Callable[[rl_canvas.Canvas], None],
    name: str = "t.pdf",
    size: tuple[float, float] = (W, H),
    rotate: int = 0,
) -> Path:
    """A one-page PDF drawn by ``draw(canvas)``, uncompressed so that tests can patch it."""
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=size, pageCompression=0)
    if rotate:
        c.setPageRotation(rotate)
    draw(c)
    c.showPage()
    c.save()
    path = tmp_path / name
    path.write_bytes(buf.getvalue())
    return path


def with_box(path: Path, box: str) -> Path:
    """The same file with another MediaBox, padded to the same length so offsets hold."""
    data = path.read_bytes()
    old = b"/MediaBox [ 0 0 842.5001 595.5001 ]"
    assert old in data and len(box) <= len(old) - 10
    new = b"/MediaBox " + box.encode().ljust(len(old) - 10)
    out = path.with_name("box_" + path.name)
    out.write_bytes(data.replace(old, new))
    return out


def table(c: rl_canvas.Canvas, texts: bool = True) -> None:
    """A small ruled table, in y-up coordinates of the upright page."""
    c.setLineWidth(0.5)
    for y in (500, 470, 440):
        c.line(50, y, 350, y)
    for x in (50, 150, 250, 350):
        c.line(x, 440, x, 500)
    if texts:
        c.setFont("Helvetica", 9)
        c.drawString(55, 480, "Item")
        c.drawString(155, 480, "Price 12")
        c.drawString(55, 450, "Tea (green)")


def test_plain_table(tmp_path: Path) -> None:
    page = assert_readers_agree(make(tmp_path, table))[0]
    assert "".join(c.text for c in page.chars) == "ItemPrice 12Tea (green)"
    assert len(page.segments) == 7


def inverse(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_page_reads_like_the_upright_page(tmp_path: Path, rotate: int) -> None:
    upright = assert_readers_agree(make(tmp_path, table, "upright.pdf"))[0]
    media = (H, W) if rotate in (90, 270) else (W, H)
    to_page, _, _ = upright_matrix((0, 0, *media), rotate)
    # Drawing in y-up upright coordinates (x, H - Y) → user space: undo the page's turn.
    flip = (1, 0, 0, -1, 0, H)
    a, b, c_, d, e, f = inverse(to_page)
    m = (
        flip[0] * a + flip[1] * c_,
        flip[0] * b + flip[1] * d,
        flip[2] * a + flip[3] * c_,
        flip[2] * b + flip[3] * d,
        flip[4] * a + flip[5] * c_ + e,
        flip[4] * b + flip[5] * d + f,
    )

    def draw(c: rl_canvas.Canvas) -> None:
        c.transform(*m)
        table(c)

    # reportlab turns the MediaBox itself for /Rotate 90 and 270: pass the upright size.
    turned = assert_readers_agree(make(tmp_path, draw, "turned.pdf", rotate=rotate))[0]
    assert_same(upright, turned)


@pytest.mark.parametrize("box", ["[100 100 942.5 695.5]", "[942.5 695.5 100 100]", "[0 0 -842.5 -595.5]"])
def test_odd_media_boxes_read_like_the_normal_page(tmp_path: Path, box: str) -> None:
    normal = assert_readers_agree(with_box(make(tmp_path, table, "normal.pdf", size=ROOMY), "[0 0 842.5 595.5]"))[0]
    x0 = min(float(v) for v in box.strip("[]").split()[::2])
    y0 = min(float(v) for v in box.strip("[]").split()[1::2])

    def draw(c: rl_canvas.Canvas) -> None:
        c.translate(x0, y0)
        table(c)

    odd_pdf = with_box(make(tmp_path, draw, "odd.pdf", size=ROOMY), box)
    assert_same(normal, assert_readers_agree(odd_pdf)[0])


def segments_of(tmp_path: Path, draw: Callable[[rl_canvas.Canvas], None]) -> list[tuple[float, ...]]:
    page = assert_readers_agree(make(tmp_path, draw))[0]
    return [tuple(round(v, 2) for v in s) for s in seg_key(page)]


def test_rules_drawn_as_thin_filled_rects(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        c.rect(50, 499.5, 300, 1, stroke=0, fill=1)  # horizontal, 1 pt thick
        c.rect(99.5, 400, 1, 100, stroke=0, fill=1)

    assert segments_of(tmp_path, draw) == [(50.0, 95.5, 350.0, 95.5), (100.0, 95.5, 100.0, 195.5)]


def test_rules_drawn_as_per_cell_rects_and_frame_paths(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        c.rect(50, 450, 100, 50, stroke=1, fill=0)  # one cell: four sides
        p = c.beginPath()  # one closed polygon for a frame with a notch
        for i, (x, y) in enumerate([(200, 450), (300, 450), (300, 500), (250, 500), (250, 480), (200, 480)]):
            p.moveTo(x, y) if i == 0 else p.lineTo(x, y)
        p.close()
        c.drawPath(p, stroke=1, fill=0)

    segs = segments_of(tmp_path, draw)
    assert len(segs) == 4 + 6
    assert (200.0, 145.5, 300.0, 145.5) in segs and (200.0, 115.5, 200.0, 145.5) in segs


def test_dashed_and_dotted_rules_are_one_segment(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        c.setDash(2, 1)
        c.line(50, 500, 350, 500)  # a dashed stroke: the path is a solid rule
        c.setDash()
        for x in range(50, 350, 3):  # a dotted rule of tiny filled squares
            c.rect(x, 449.5, 1, 1, stroke=0, fill=1)
        for x in range(50, 350, 5):  # a dashed rule of short stroked pieces
            c.line(x, 400, x + 3, 400)

    segs = segments_of(tmp_path, draw)
    assert segs == [(50.0, 95.5, 350.0, 95.5), (50.0, 145.5, 348.0, 145.5), (50.0, 195.5, 348.0, 195.5)]


def test_backgrounds_curves_and_diagonals_rule_nothing(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        c.setFillGray(0.85)
        c.rect(50, 450, 300, 50, stroke=0, fill=1)  # shaded header
        c.rect(50, 350, 300, 20, stroke=0, fill=1)  # zebra row
        c.circle(400, 300, 30, stroke=1, fill=0)
        c.line(50, 50, 300, 300)

    assert segments_of(tmp_path, draw) == []


def test_rotated_text_in_a_cell_is_kept(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        table(c, texts=False)
        c.setFont("Helvetica", 9)
        c.saveState()
        c.translate(110, 445)
        c.rotate(90)
        c.drawString(0, 0, "Up")
        c.restoreState()
        c.saveState()
        c.translate(200, 495)
        c.rotate(-90)
        c.drawString(0, 0, "Down")
        c.restoreState()

    page = assert_readers_agree(make(tmp_path, draw))[0]
    assert {c.text: c.rotation for c in page.chars} == {"U": 90, "p": 90, "D": 270, "o": 270, "w": 270, "n": 270}


def test_fake_bold_both_copies_are_reported(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("Helvetica", 9)
        c.drawString(55, 480, "Bold")
        c.drawString(55.3, 480, "Bold")

    page = assert_readers_agree(make(tmp_path, draw))[0]
    assert "".join(c.text for c in page.chars) == "BBoolldd"


def test_lone_space_object_is_not_lost(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("Helvetica", 9)
        c.drawString(55, 480, "a")
        c.drawString(60, 480, " ")
        c.drawString(62.5, 480, "b")

    page = assert_readers_agree(make(tmp_path, draw))[0]
    assert "".join(c.text for c in page.chars) == "a b"


def test_cid_cmap_font(tmp_path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))

    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("HeiseiKakuGo-W5", 9)
        c.drawString(55, 480, "自殺対策 No.1")

    page = assert_readers_agree(make(tmp_path, draw))[0]
    assert "".join(c.text for c in page.chars) == "自殺対策 No.1"


@pytest.mark.skipif(not IPAEX.exists(), reason="IPAex Gothic not installed")
def test_embedded_truetype_font(tmp_path: Path) -> None:
    pdfmetrics.registerFont(TTFont("IPAexG", str(IPAEX)))

    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("IPAexG", 9)
        c.drawString(55, 480, "飯塚市　令和2年度 №3")

    # reportlab writes fractional /Widths; PDFium keeps widths as whole 1/1000 em, so its
    # origins drift from pdfminer's by up to 0.0005 em per glyph along a line.
    page = assert_readers_agree(make(tmp_path, draw), tol=0.05)[0]
    assert "".join(c.text for c in page.chars) == "飯塚市　令和2年度 №3"


def test_actual_text(tmp_path: Path) -> None:
    """/ActualText replaces what the glyphs say. PDFium honours it; pdfminer does not (it reads
    the glyphs), so here, and only here, the readers differ, on purpose."""

    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("Helvetica", 9)
        c._code.append("/Span <</ActualText (fi)>> BDC")
        c.drawString(55, 480, "X")
        c._code.append("EMC")
        c.drawString(70, 480, "ok")

    path = make(tmp_path, draw)
    plumber, pdfium = both(path)
    assert "".join(c.text for c in plumber[0].chars) == "Xok"
    assert "".join(c.text for c in pdfium[0].chars) == "fiok"


def test_a_hyphen_that_ends_a_line_is_kept(tmp_path: Path) -> None:
    # PDFium's text page marks a line-end hyphen as U+0002 (to join the word in its own text
    # output); the hyphen is drawn, and both readers report it.
    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("Helvetica", 9)
        c.drawString(55, 480, "Web-")
        c.drawString(55, 469, "API and Non-")
        c.drawString(55, 458, "Negligent")

    page = assert_readers_agree(make(tmp_path, draw))[0]
    assert "".join(c.text for c in page.chars) == "Web-API and Non-Negligent"


def test_single_glyphs_in_a_font_the_file_does_not_embed_are_read(tmp_path: Path) -> None:
    # A CJK font the file names but does not carry: where the machine has no such font, PDFium
    # draws every glyph without an outline, and a one-glyph text object looks like a lone
    # space. Such a page is read by the reference reader, so the text is right either way.
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))

    def draw(c: rl_canvas.Canvas) -> None:
        c.setFont("HeiseiKakuGo-W5", 9)
        for i, ch in enumerate("月火水"):
            c.drawString(55 + 30 * i, 480, ch)
        c.drawString(55, 460, "備考 №")

    page = assert_readers_agree(make(tmp_path, draw))[0]
    assert "".join(c.text for c in page.chars) == "月火水備考 №"


def test_doubled_letters_stay_and_fake_bold_is_read_once_in_a_cell(tmp_path: Path) -> None:
    def draw(c: rl_canvas.Canvas) -> None:
        table(c, texts=False)
        c.setFont("Helvetica", 9)
        c.drawString(52, 480, "peachbells.jp")
        for dx in (0, 0.5):  # fake bold: the word again, half a point to the right
            c.drawString(152 + dx, 480, "Allergy")
        c.drawString(52, 450, "attending")
        c.drawString(152, 450, "Illnesses")

    path = make(tmp_path, draw)
    for engine in ("pdfium", "pdfplumber"):
        rows = grid_rows(page_grids(path, engine=engine)[0].tables[0].grid)
        assert rows == [["peachbells.jp", "Allergy", ""], ["attending", "Illnesses", ""]], engine


def test_a_run_of_spaces_is_one_space_and_ideographic_spaces_stay(tmp_path: Path) -> None:
    # The generic reader's policy (extract.layout.cell_text._lines): PDFium keeps only the first ASCII
    # space of a run, so both readers give one; U+3000 is kept, each as drawn.
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))

    def draw(c: rl_canvas.Canvas) -> None:
        table(c, texts=False)
        c.setFont("Helvetica", 9)
        c.drawString(52, 480, "A  B   C")
        c.drawString(52, 450, "  lead")
        c.setFont("HeiseiKakuGo-W5", 9)
        c.drawString(152, 480, "C\u3000\u3000D")
        c.drawString(152, 450, "E\u3000 F")

    path = make(tmp_path, draw)
    for engine in ("pdfium", "pdfplumber"):
        rows = grid_rows(page_grids(path, engine=engine)[0].tables[0].grid)
        assert rows == [["A B C", "C\u3000\u3000D", ""], [" lead", "E\u3000 F", ""]], engine
