"""What each font declares, read from the PDF's font dictionaries: its descent, and the
advance of its space glyphs.

PDFium does not expose a font's declared /Descent: where a font declares 0 (LibreOffice's
subset TrueType fonts do) it substitutes the bottom of glyph 'g'. Character boxes follow
pdfminer's convention (baseline + declared descent … + font size), which the geometry was tuned
on, so the PDFium reader needs the declared value. PDFium's text page also skips a lone space
without saying which space it was; its declared width tells. Only the font dictionaries are
parsed (with pdfminer, already a dependency), no content stream; a font's ToUnicode map is read
to find its space glyphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

SPACES = (" ", "\u3000")

# A PDF dictionary as pdfminer's parser gives it: names as str keys, values still to resolve.
PDFDict = dict[str, Any]


def font_metrics(path: Path) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Per BaseFont name: declared descent per unit of font size (≤ 0), and the advance of its
    space glyphs (" ", U+3000) per unit of font size, as pdfminer reads them.

    Names are without the subset tag ("BAAAAA+"), as PDFium reports them; a name whose fonts
    disagree is left out. Returns what it could read: a font missing here falls back to
    PDFium's own metric. The space widths let the PDFium reader rebuild a lone space, which
    its text page skips and whose code point PDFium does not expose.
    """
    found: dict[str, set[float]] = {}
    spaces: dict[str, dict[str, set[float]]] = {}
    try:
        with Path(path).open("rb") as f:
            doc = PDFDocument(PDFParser(f))
            seen: set[int] = set()
            for page in PDFPage.create_pages(doc):
                for name, spec in _fonts(page.resources, depth=0):
                    found.setdefault(untagged(name), set()).add(_descent(spec))
                    if id(spec) not in seen:
                        seen.add(id(spec))
                        for char, width in _space_widths(spec).items():
                            spaces.setdefault(untagged(name), {}).setdefault(char, set()).add(width)
    except Exception:  # damaged files are reported by the reader itself, with page numbers
        pass
    descents = {name: values.pop() for name, values in found.items() if len(values) == 1}
    widths = {name: {c: w.pop() for c, w in chars.items() if len(w) == 1} for name, chars in spaces.items()}
    return descents, widths


def _space_widths(spec: PDFDict) -> dict[str, float]:
    """The advance of each space glyph of a font (per unit of font size), by its ToUnicode."""
    from pdfminer.pdfinterp import PDFResourceManager

    try:
        font = PDFResourceManager(caching=False).get_font(None, spec)
    except Exception:  # a font pdfminer cannot build: no widths, PDFium's guess stands
        return {}
    out: dict[str, float] = {}
    for cid in list(getattr(font, "widths", {}) or {}):
        try:
            text = font.to_unichr(cid)
        except Exception:  # a cid without a Unicode mapping
            continue
        if text in SPACES and text not in out:
            out[text] = float(font.char_width(cid))
    if " " not in out and getattr(font, "default_width", None) is not None:
        try:
            if font.to_unichr(32) == " ":
                out[" "] = float(font.char_width(32))
        except Exception:
            pass
    return out


def untagged(name: str) -> str:
    """A subset font's name without its six-letter tag: "BAAAAA+IPAexGothic" → "IPAexGothic"."""
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() else name


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _fonts(resources: Any, depth: int) -> Iterator[tuple[str, PDFDict]]:
    """(BaseFont, font dictionary) for each font of these resources and of their form XObjects."""
    resources = resolve1(resources) or {}
    if depth > 8 or not isinstance(resources, dict):
        return
    for spec in (resolve1(resources.get("Font")) or {}).values():
        spec = resolve1(spec)
        if isinstance(spec, dict) and "BaseFont" in spec:
            yield _name(spec["BaseFont"]), spec
            for desc in resolve1(spec.get("DescendantFonts")) or []:
                desc = resolve1(desc)
                if isinstance(desc, dict) and "BaseFont" in desc:
                    yield _name(desc["BaseFont"]), spec
    for xobj in (resolve1(resources.get("XObject")) or {}).values():
        xobj = resolve1(xobj)
        attrs = getattr(xobj, "attrs", None)
        if attrs and _name(attrs.get("Subtype")) == "Form":
            yield from _fonts(attrs.get("Resources"), depth + 1)


def _descent(spec: PDFDict) -> float:
    """pdfminer's rule: standard-14 names use their AFM metrics; Type0 fonts their descendant's
    descriptor; Type3 fonts their FontBBox; others their descriptor. Positive means negative."""
    subtype = _name(spec.get("Subtype"))
    if subtype == "Type3":
        bbox = resolve1(spec.get("FontBBox")) or [0, 0, 0, 0]
        matrix = resolve1(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
        value, scale = float(resolve1(bbox[1])), abs(float(resolve1(matrix[3])))
    else:
        if subtype == "Type0":
            kids = resolve1(spec.get("DescendantFonts")) or [{}]
            spec = resolve1(kids[0]) or {}
        base = _name(spec.get("BaseFont", ""))
        if subtype != "Type0" and base in FONT_METRICS:
            descriptor: PDFDict = FONT_METRICS[base][0]
        else:
            descriptor = resolve1(spec.get("FontDescriptor")) or {}
        value, scale = float(resolve1(descriptor.get("Descent", 0)) or 0), 0.001
    return -abs(value) * scale
