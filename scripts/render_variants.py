"""Render layout variants of the report, for the extraction tests.

Each variant changes one thing a city might change (paper, font, column widths, where the
header repeats, where pages break); the extraction must read them all to the same rows. The
PDFs are committed under tests/fixtures/variants/ so that CI needs no LibreOffice.

    python -m scripts.render_variants [--out tests/fixtures/variants]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from scripts.rebuild_source_pdf import Layout, render

# Break inside №3's ten-department block (after its 5th department row), in both tables.
INSIDE_NO3 = (("r2", 3, 4), ("r3", 3, 4))

VARIANTS: dict[str, Layout] = {
    "a4": Layout(paper="A4"),
    # LibreOffice sets IPAex Mincho a little wider than its advance widths say.
    "mincho": Layout(font="IPAexMincho", padding_em=1.6),
    "narrow": Layout(text_width_factor=0.8),
    "header_every_page": Layout(headers="every"),
    "header_first_page": Layout(headers="first"),
    "auto_breaks": Layout(breaks="auto", headers="first", extra_breaks=INSIDE_NO3),
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("tests/fixtures/variants"))
    ap.add_argument("names", nargs="*", choices=[*VARIANTS, []], help="variants to render (default: all)")
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.names or VARIANTS:
            render(VARIANTS[name], a.out / f"{name}.pdf", Path(tmp) / f"{name}.xlsx")
            print(f"wrote {a.out / name}.pdf")


if __name__ == "__main__":
    main()
