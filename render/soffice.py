"""Convert an office document to PDF with LibreOffice, headless, in a controlled font setup."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import FONT_FILES, write_distinct_glyph_font


class SofficeMissing(RuntimeError):
    """LibreOffice is not installed; only rendering needs it, never the pipeline."""


def export_pdf(document: Path, pdf: Path, font: str, chars: set[str]) -> None:
    """``document`` (.xlsx, .docx, …) → ``pdf``, with ``font`` the only font LibreOffice sees."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SofficeMissing("soffice not found: apt-get install libreoffice-calc-nogui fonts-ipaexfont")
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
             "--convert-to", "pdf", "--outdir", tmp, str(document)],
            check=True, capture_output=True, env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        )  # fmt: skip
        shutil.move(Path(tmp, document.with_suffix(".pdf").name), pdf)
