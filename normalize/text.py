"""Japanese text repair: code points, and soft line wraps told from real breaks by geometry.

Code-point policy (what NFKC alone gets wrong, or leaves to chance):

1. NFKC first: full-width digits and Latin become ASCII, half-width katakana become full
   width, Kangxi radicals (⾃ U+2F83) and CJK compatibility ideographs become unified ones.
2. Wave dash: 〜 (U+301C) and ～ (U+FF5E) are the same glyph in Japanese fonts, and which one
   a PDF carries depends on the font and the exporter. Both become 〜 (U+301C). (NFKC would
   turn only ～ into an ASCII "~", so the output would depend on the font.)
3. Dashes: the hyphen-like ‐ ‑ ‒ – − － (U+2010/2011/2012/2013/2212/FF0D) become ASCII "-";
   the long dashes — ― (U+2014/2015) become ― (U+2015). The katakana prolonged sound mark
   ー (U+30FC) is a letter and stays; a cell that is nothing but dashes means "no value" and is
   made null by the value parser, not here.
4. Spaces: the ideographic space (U+3000, made a plain space by NFKC) and runs of spaces become
   one space; spaces at the start and end of a line (indentation) go.

``normalize_text`` is total (never raises), idempotent, and keeps every decimal digit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_BEFORE_NFKC = str.maketrans({"\uff5e": "\u301c"})
_AFTER_NFKC = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\uff0d": "-",
        "\u2014": "\u2015",
    }
)  # fmt: skip
_SPACES = re.compile(r"[^\S\n]+")
_LINE_EDGE_SPACE = re.compile(r" *\n *")


def normalize_text(text: str) -> str:
    """The code-point policy above, applied to any string (line breaks are kept)."""
    text = unicodedata.normalize("NFKC", text.translate(_BEFORE_NFKC)).translate(_AFTER_NFKC)
    # NFKC of a translated character is stable, but normalising again keeps the function
    # idempotent even for inputs where the mapping exposes a new composition.
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _LINE_EDGE_SPACE.sub("\n", text).strip(" ")


@dataclass(frozen=True)
class PrintedLine:
    """A line as printed in its cell: the geometry normalize/ needs from extract/."""

    text: str
    x1: float | None  # right end of the line; None when the engine cannot tell
    size: float | None = None  # font size, to measure "reaches the edge" in em


# A line that starts with one of these starts a new item or paragraph, wherever the line
# above ended: list bullets, 【heading】, (note), ※ remark, numbered items.
_STARTS_ITEM = re.compile(r"^(?:[・･\u30fb【〔\[(（※○●◆◇■□★☆→]|\d+[.)．）]|[①-⑳])")
# A line that ends a sentence, a heading, or a figure with its unit ends its item.
_ENDS_ITEM = re.compile(r"(?:[】〕\]。]|[0-9０-９][0-9０-９,，.．]*\s*(?:[%％件人冊回枚名校]|か所|箇所|種類)(?:/[年月週])?)$")

# How far short of the text edge (the right end of the longest line in the column, on that
# page) a soft-wrapped line may stop, in em. The next character did not fit (up to 1 em), and
# kinsoku rules push a character or two down (、 。 may not start a line); measured on the
# report, soft wraps stop up to 2.4 em short and real breaks are caught by the rules above.
SOFT_WRAP_EM = 2.5


def is_soft_wrap(line: PrintedLine, next_line: PrintedLine, text_edge: float) -> bool:
    """Did the printer wrap ``line`` only because the column ran out of room?"""
    if line.x1 is None or not line.text.strip() or not next_line.text.strip():
        return False
    if _STARTS_ITEM.match(next_line.text.lstrip()) or _ENDS_ITEM.search(line.text.rstrip()):
        return False
    return text_edge - line.x1 < SOFT_WRAP_EM * (line.size or 10.0)


def join_wrapped(lines: Sequence[PrintedLine], text_edge: float) -> str:
    """Join soft wraps with no space (Japanese has none between words); keep real breaks."""
    if not lines:
        return ""
    parts = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        parts.append("" if is_soft_wrap(prev, line, text_edge) else "\n")
        parts.append(line.text)
    return "".join(parts)


def clean_cell(lines: Sequence[PrintedLine], text_edge: float) -> str:
    """A cell's printed lines → one normalised string with only its real line breaks.

    ``text_edge`` is how far right text reaches in this column: the cell's right rule less
    its padding, measured as the right end of the column's longest line.
    """
    return normalize_text(join_wrapped(lines, text_edge))
