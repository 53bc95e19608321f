"""The layout variants the extraction tests run on: name → how to render it.

Each variant changes what another city, template or producer might change (paper, font,
column widths, where the header repeats, where pages break, …); the extraction must read them
all to the same rows. The PDFs are committed under tests/fixtures/variants/ so that CI needs
no LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import calc

# A renderer writes one PDF; ``work`` is a scratch folder for intermediate documents.
Renderer = Callable[[Path, Path], None]

# Break inside №3's ten-department block (after its 5th department row), in both tables.
INSIDE_NO3 = (("r2", 3, 4), ("r3", 3, 4))

CALC_LAYOUTS: dict[str, calc.Layout] = {
    "a4": calc.Layout(paper="A4"),
    # LibreOffice sets IPAex Mincho a little wider than its advance widths say.
    "mincho": calc.Layout(font="IPAexMincho", padding_em=1.6),
    "narrow": calc.Layout(text_width_factor=0.8),
    "header_every_page": calc.Layout(headers="every"),
    "header_first_page": calc.Layout(headers="first"),
    "auto_breaks": calc.Layout(breaks="auto", headers="first", extra_breaks=INSIDE_NO3),
}


def _calc(layout: calc.Layout) -> Renderer:
    def run(pdf: Path, work: Path) -> None:
        calc.render(layout, pdf, work / f"{pdf.stem}.xlsx")

    return run


VARIANTS: dict[str, Renderer] = {name: _calc(layout) for name, layout in CALC_LAYOUTS.items()}


def render_variant(name: str, out_dir: Path, work: Path) -> Path:
    pdf = out_dir / f"{name}.pdf"
    VARIANTS[name](pdf, work)
    return pdf
