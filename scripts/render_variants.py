"""Render the layout variants of the report that the extraction tests read.

The variants are defined in ``render.variants``.

    python -m scripts.render_variants [--out tests/fixtures/variants] [NAME ...]
    python -m scripts.render_variants --columns tests/fixtures/columns
    python -m scripts.render_variants --shapes tests/fixtures/shapes
    python -m scripts.render_variants --marks tests/fixtures/marks
    python -m scripts.render_variants --next-year tests/fixtures/next_year/next_year.pdf
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    # The layout variants need every renderer (python-docx, Calc); the next year's report only
    # reportlab: import them only for what is asked.
    if "--next-year" in (sys.argv[1:] if argv is None else argv):
        from render import next_year

        ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
        ap.add_argument("--next-year", type=Path, metavar="PDF", required=True, help="render next year's report there")
        a = ap.parse_args(argv)
        a.next_year.parent.mkdir(parents=True, exist_ok=True)
        next_year.render(a.next_year)
        print(f"wrote {a.next_year}")
        return
    from render.variants import COLUMN_VARIANTS, MARK_VARIANTS, SHAPE_VARIANTS, VARIANTS, render_variant

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("tests/fixtures/variants"))
    ap.add_argument("names", nargs="*", choices=[*VARIANTS, *COLUMN_VARIANTS, *SHAPE_VARIANTS, *MARK_VARIANTS, []],
                    help="variants to render (default: all layout variants)")  # fmt: skip
    ap.add_argument("--columns", type=Path, metavar="DIR", help="render the column variants there instead")
    ap.add_argument("--shapes", type=Path, metavar="DIR", help="render the shape variants (and tables) there instead")
    ap.add_argument("--marks", type=Path, metavar="DIR", help="render the office-print marks variants there instead")
    a = ap.parse_args(argv)
    if a.marks:
        out, names = a.marks, a.names or list(MARK_VARIANTS)
    elif a.shapes:
        out, names = a.shapes, a.names or list(SHAPE_VARIANTS)
    elif a.columns:
        out, names = a.columns, a.names or list(COLUMN_VARIANTS)
    else:
        out, names = a.out, a.names or list(VARIANTS)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            print(f"wrote {render_variant(name, out, Path(tmp))}")


if __name__ == "__main__":
    main()
