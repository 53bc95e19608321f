"""Glyph conservation: a table's cells (and notes) hold exactly the characters drawn inside its box.

The oracle is two counts made here without any of the reader's code: pdfplumber's own character
list, and PDFium's text page (pypdfium2, its loose character boxes), so that a font one of them
cannot decode (pdfminer and a CMap it holds only in part; PDFium and a font the file does not
embed, on a machine without it) is still counted by the other. Each counts the characters whose
centre lies in a table's box, a glyph drawn over itself (fake bold: same character, boxes
covering most of each other) once, spaces left out, every run normalised by NFKC (so that a
voicing mark joins its kana, as the cells have it). A character is expected as often as the
count that sees it more often has it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract import Engine, page_grids
from extract.model import PageGrid
from extract.reading.chars import transform, upright_matrix

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_pdfs() -> list[Path]:
    """Every PDF of ``../shared/corpus`` (none where it is absent: a user's fresh clone)."""
    return sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []


def solid(text: str) -> Counter[str]:
    """The multiset of a text's non-space characters after NFKC."""
    return Counter(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


@dataclass(frozen=True)
class Difference:
    file: str
    page: int
    table: int
    lost: Counter[str]  # drawn in the table's box, missing from its cells
    added: Counter[str]  # in the cells, not drawn there

    def __str__(self) -> str:
        return (
            f"{Path(self.file).name} page {self.page} table {self.table}: "
            f"lost {dict(self.lost) or '{}'}, added {dict(self.added) or '{}'}"
        )


def _drawn_over(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["text"] != b["text"]:
        return False
    across: float = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    down: float = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    width: float = min(a["width"], b["width"])
    height: float = min(a["height"], b["height"])
    return across > 0.5 * width - 0.01 and down > 0.5 * height - 0.01


def once(chars: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters, each glyph drawn over an earlier one left out (plainly, pair by pair)."""
    kept: list[dict[str, Any]] = []
    by_text: dict[str, list[dict[str, Any]]] = {}
    for ch in chars:
        same = by_text.setdefault(ch["text"], [])
        if not any(_drawn_over(o, ch) for o in same):
            same.append(ch)
            kept.append(ch)
    return kept


def drawn_in(
    chars: Sequence[dict[str, Any]], box: tuple[float, float, float, float], dx: float, dy: float,
    turn: tuple[int, float, float] = (0, 0.0, 0.0),
) -> str:  # fmt: skip
    """The text of the characters whose centre lies in ``box``; ``turn`` (degrees, page width
    and height) gives the frame a turned table's box is in: the page turned clockwise by 90 (a
    point (x, y) is then at (height - y, x)) or anticlockwise (at (y, width - x))."""
    x0, top, x1, bottom = box
    degrees, width, height = turn
    out = []
    for c in chars:
        x, y = (c["x0"] + c["x1"]) / 2 + dx, (c["top"] + c["bottom"]) / 2 + dy
        if degrees == 90:
            x, y = height - y, x
        elif degrees == 270:
            x, y = y, width - x
        if x0 <= x < x1 and top <= y < bottom:
            out.append(c["text"])
    return "".join(out)


def text_page_chars(doc: pdfium.PdfDocument, number: int) -> list[dict[str, Any]]:
    """PDFium's text page of a page (1-based) as characters in the readers' coordinates (the
    upright page's top-left corner): each its loose box's centre, white space and the glyphs
    PDFium cannot name left out, a line-end hyphen (U+0002) read as the hyphen it is."""
    page = doc[number - 1]
    to_page, _, _ = upright_matrix(tuple(page.get_mediabox()), page.get_rotation())
    text = page.get_textpage()
    out = []
    for i in range(text.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(text.raw, i)
        if code == 0xFFFE or chr(code).isspace():
            continue
        left, bottom, right, top = text.get_charbox(i, loose=True)
        x, y = transform(to_page, (left + right) / 2, (bottom + top) / 2)
        out.append({"text": "-" if code == 2 else chr(code), "x0": x, "x1": x, "top": y, "bottom": y})
    text.close()
    page.close()
    return out


def differences(
    path: Path, engine: Engine = "pdfium", pages: list[int] | None = None, together: bool = False
) -> Iterator[Difference]:
    """Each table, of each page, whose cells do not hold exactly what is drawn in its box; with
    ``together``, also each page whose tables together hold a character more often than it is
    drawn in them (in two tables at once, a table drawn inside another), as table 0."""
    grids: dict[int, PageGrid] = {g.page_number: g for g in page_grids(path, pages=pages, engine=engine)}
    doc = pdfium.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        for number, grid in sorted(grids.items()):
            if not grid.tables:
                continue
            page = pdf.pages[number - 1]
            # pdfplumber measures from the MediaBox's corner; the readers from the page's.
            dx, dy = -float(page.bbox[0]), -float(page.bbox[1])
            chars = once(page.chars)
            layer = text_page_chars(doc, number)
            turn = (grid.turn, float(page.width), float(page.height))
            boxes = [(t.grid.xs[0], t.grid.ys[0], t.grid.xs[-1], t.grid.ys[-1]) for t in grid.tables]
            both: Counter[str] = Counter()
            for k, (table, box) in enumerate(zip(grid.tables, boxes, strict=True)):
                # Either count may miss a font the other decodes: a character is drawn as often
                # as the count that sees it more often says.
                drawn = solid(drawn_in(chars, box, dx, dy, turn)) | solid(drawn_in(layer, box, 0.0, 0.0, turn))
                # A box drawn over the table keeps its text whole, as the table's note.
                held = solid("".join(cell.text for cell in table.grid.cells) + "".join(table.notes))
                both += held
                if drawn != held:
                    yield Difference(str(path), number, k + 1, drawn - held, held - drawn)
            anywhere = solid("".join(c["text"] for c in chars if any(drawn_in([c], b, dx, dy, turn) for b in boxes)))
            anywhere |= solid("".join(c["text"] for c in layer if any(drawn_in([c], b, 0.0, 0.0, turn) for b in boxes)))
            if together and len(boxes) > 1 and both - anywhere:
                yield Difference(str(path), number, 0, Counter(), both - anywhere)
            page.close()
    doc.close()
