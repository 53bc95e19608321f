"""What a page reads does not depend on the fonts the machine has (issue 28).

A font the file does not embed is drawn with a font of the machine's; without one that has the
glyph, PDFium draws it without width and cannot name it, and the reader takes pdfminer's
character there. ``tests/fixtures/fonts/`` (``python -m render.fonts tests/fixtures/fonts``)
holds a table in such a font, and one on a page whose MediaBox does not start at (0, 0).

PDFium finds a machine's fonts by scanning its font directories (not through fontconfig), so
"no font installed" is PDFium initialised with one empty font directory, in a process of its own
(PDFium keeps the first initialisation); fontconfig is pointed at an empty configuration there
too, for anything else that asks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from extract.__main__ import tables
from extract.reading import pdfio, pdfium_io
from render.fonts import MEDIA_BOX, NOT_EMBEDDED

from .conservation import CORPUS, differences
from .helpers import ROOT

FIXTURES = ROOT / "tests/fixtures/fonts"
NOT_EMBEDDED_PDF = FIXTURES / "not_embedded.pdf"
MEDIA_BOX_PDF = FIXTURES / "media_box.pdf"
YODOGAWA = CORPUS / "jpreal2/osaka_kodomo_yodogawa.pdf"

# Run in a fresh interpreter: PDFium first initialised with an empty font directory, then the
# generic reader's JSON.
WITHOUT_FONTS = """
import ctypes, sys
import pypdfium2_raw.bindings as b
field = dict(b.FPDF_LIBRARY_CONFIG._fields_)["m_pUserFontPaths"]
paths = (field._type_ * 2)(ctypes.cast(ctypes.c_char_p(sys.argv[1].encode()), field._type_), None)
b.FPDF_InitLibraryWithConfig(b.FPDF_LIBRARY_CONFIG(
    version=2, m_pUserFontPaths=ctypes.cast(paths, field), m_pIsolate=None, m_v8EmbedderSlot=0))
from extract.__main__ import main
sys.exit(main(sys.argv[2:]))
"""


def read_without_fonts(path: Path, tmp_path: Path, *args: str) -> list[dict[str, Any]]:
    empty = tmp_path / "no-fonts"
    empty.mkdir(exist_ok=True)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{empty}</dir></fontconfig>\n')
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_FONTS, str(empty), str(path), "--json", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stderr, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def without_check(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tables as the dataset has them: the check's note on how they were read left out."""
    return [{k: v for k, v in t.items() if k != "text_check"} for t in found]


def test_a_font_the_file_does_not_embed_reads_the_same_without_it(tmp_path: Path) -> None:
    here = tables(NOT_EMBEDDED_PDF, None)
    elsewhere = read_without_fonts(NOT_EMBEDDED_PDF, tmp_path)
    assert [t["rows"] for t in here] == [NOT_EMBEDDED]
    assert without_check(elsewhere) == without_check(here)
    # Without the font, PDFium named none of the glyphs drawn one per text object (nor 計, an
    # object of one glyph): pdfminer did,
    # and the check says so (an explained difference), where it says nothing with the font.
    assert "text_check" not in here[0]
    check = elsewhere[0]["text_check"]
    assert check["explained"] and not check["lost"] and not check["unread"]
    assert sorted(check["added"]) == sorted("レイモンド梅田北保育園北保育所施設名計")


def test_pdfminer_reads_a_half_width_cmap_whole() -> None:
    # pdfminer's UniJIS-UCS2-HW-H holds only the codes it changes (ASCII): every CJK glyph of a
    # font encoded with it decoded to nothing, silently.
    (page,) = list(pdfio.read_pages(NOT_EMBEDDED_PDF))
    text = "".join(c.text for c in page.chars)
    assert "レイモンド梅田北保育園" in text and "区分" in text


def test_boxes_are_in_pdfplumber_coordinates_whatever_the_media_box() -> None:
    (found,) = tables(MEDIA_BOX_PDF, None)
    assert found["rows"] == MEDIA_BOX
    with pdfplumber.open(MEDIA_BOX_PDF) as pdf:
        (theirs,) = pdf.pages[0].find_tables()
        assert found["bbox"] == [round(v, 2) for v in theirs.bbox]
        assert pdf.pages[0].bbox[:2] == (-9, -9)
    # Both readers give the same page, each from its corner, and the same corner for pdfplumber.
    (mine,), (reference,) = list(pdfium_io.read_pages(MEDIA_BOX_PDF)), list(pdfio.read_pages(MEDIA_BOX_PDF))
    assert mine.origin == reference.origin == (-9.0, -9.0)
    assert mine.chars[0].x0 == pytest.approx(reference.chars[0].x0, abs=0.01)


@pytest.mark.slow
@pytest.mark.skipif(not YODOGAWA.exists(), reason=f"{YODOGAWA} is absent")
def test_a_cmap_pdfminer_cannot_decode_loses_nothing(tmp_path: Path) -> None:
    # SkyPDF's ＭＳ Ｐゴシック, not embedded, UniJIS-UCS2-HW-H, no ToUnicode: 502 CJK characters of
    # pages 4-5 were lost, with exit 0. Both counts (pdfplumber's, PDFium's text page) hold them.
    found = tables(YODOGAWA, [4, 5])
    assert "レイモンド梅田北保育園" in found[0]["rows"][2][1]
    assert not [str(d) for d in differences(YODOGAWA, "pdfium", [4, 5], together=True)]
    assert without_check(read_without_fonts(YODOGAWA, tmp_path, "--pages", "4,5")) == without_check(found)


KOBE_TREND = CORPUS / "jpreal2/kobe_trend_sh18_1.pdf"


@pytest.mark.skipif(not KOBE_TREND.exists(), reason=f"{KOBE_TREND} is absent")
def test_tables_are_listed_top_to_bottom_in_pdfplumber_coordinates() -> None:
    # Acrobat's MediaBox starts at (-16.64, 16.61): every bbox was 16.6 pt off pdfplumber's, and
    # a 12×25 table came before the 2×31 table above it.
    found = [t for t in tables(KOBE_TREND, [1]) if "skipped" not in t]  # grids set apart come after
    # Tables whose tops are level to the point read left to right (here a 12×25 table and a box
    # 0.2 pt higher at the right edge).
    places = [(round(t["bbox"][1]), t["bbox"][0]) for t in found]
    assert places == sorted(places)
    assert [len(found[0]["rows"]), len(found[0]["rows"][0])] == [2, 31]
    with pdfplumber.open(KOBE_TREND) as pdf:
        theirs = [[round(v, 2) for v in t.bbox] for t in pdf.pages[0].find_tables()]
    assert found[0]["bbox"] == pytest.approx(theirs[0], abs=0.5)
    assert found[1]["bbox"] == pytest.approx(theirs[1], abs=0.5)
