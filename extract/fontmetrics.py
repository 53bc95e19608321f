"""The descent each font declares, read from the PDF's font dictionaries.

PDFium does not expose a font's declared /Descent: where a font declares 0 (LibreOffice's
subset TrueType fonts do) it substitutes the bottom of glyph 'g'. Character boxes follow
pdfminer's convention (baseline + declared descent … + font size), which the geometry was tuned
on, so the PDFium reader needs the declared value. Only the font dictionaries are parsed (with
pdfminer's object parser, already a dependency): no content stream, no CMap.
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


def font_descents(path: Path) -> dict[str, float]:
    """BaseFont name → declared descent per unit of font size (≤ 0), as pdfminer reads it.

    Names are without the subset tag ("BAAAAA+"), as PDFium reports them; a name whose fonts
    declare different descents is left out. Returns what it could read: a font missing here
    falls back to PDFium's own metric.
    """
    found: dict[str, set[float]] = {}
    try:
        with Path(path).open("rb") as f:
            doc = PDFDocument(PDFParser(f))
            for page in PDFPage.create_pages(doc):
                for name, spec in _fonts(page.resources, depth=0):
                    found.setdefault(untagged(name), set()).add(_descent(spec))
    except Exception:  # damaged files are reported by the reader itself, with page numbers
        pass
    return {name: values.pop() for name, values in found.items() if len(values) == 1}


def untagged(name: str) -> str:
    """A subset font's name without its six-letter tag: "BAAAAA+IPAexGothic" → "IPAexGothic"."""
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() else name


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _fonts(resources: Any, depth: int) -> Iterator[tuple[str, dict]]:
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


def _descent(spec: dict) -> float:
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
            descriptor: dict = FONT_METRICS[base][0]
        else:
            descriptor = resolve1(spec.get("FontDescriptor")) or {}
        value, scale = float(resolve1(descriptor.get("Descent", 0)) or 0), 0.001
    return -abs(value) * scale
