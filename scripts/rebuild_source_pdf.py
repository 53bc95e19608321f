"""Rebuild the city's PDF the way the city made it: a spreadsheet exported by an office suite.

The city's own file cannot be fetched here, so the project's raw input is this rendering of
the cell-by-cell transcription (``data/raw/reconstruction/transcript.json``); the rendering
itself lives in ``render.calc``. Only this needs LibreOffice (``soffice``) and the
IPAex fonts; the pipeline never runs it.

    python -m scripts.rebuild_source_pdf --out data/raw/iizuka_suicide_plan_progress_fy2020_fy2021.pdf
"""

from __future__ import annotations

import argparse
from pathlib import Path

from render.calc import Layout, render
from render.common import FONT_FILES, PAPER


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
    render(Layout(a.paper, a.font, 9.0, a.text_width_factor, a.headers, a.breaks), a.out, a.xlsx)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
