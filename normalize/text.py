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
from functools import cache
from typing import Protocol, cast

from extract.model import Line

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


# A line that starts with one of these starts a new item, wherever the line above ended:
# 【heading】, ※ remark, a bullet other than ・, a numbered item. (・ and "(" also start
# items, but a wrap can put them first on a line, so for them the geometry decides.)
_STARTS_ITEM = re.compile(r"^(?:[【〔※○●◆◇■□★☆→]|\d+[.)．）]\s|[①-⑳])")
# A line that ends a heading ends its item. A sentence's 。 does not: a wrap can fall right
# after it. In a column of figures, a figure with its unit ends its item too ("1100冊", then
# the next label), though in running text "2回" may well go on.
_ENDS_HEADING = re.compile(r"[】〕]$")
_ENDS_FIGURE = re.compile(r"[0-9０-９][0-9０-９,，.．]*\s*(?:[%％件人冊回枚名校]|か所|箇所|種類)(?:[/／][年月週])?$")
# Latin letters and digits wrap as a word: the next line's first "character" is the whole run.
_LATIN_RUN = re.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.,，．%％]+")
# Kinsoku: characters a line may not start with. A line that starts with one continues the
# line above; one whose second character is one was wrapped a character early, because the
# printer carried the character before it down too.
NO_LINE_START = "、。，．,.)）」』】〕ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々!?！？%％:：;；/／"
# Slack for where the column's longest line stops short of the true wrapping edge, in em.
WRAP_TOLERANCE_EM = 0.75


def em_width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def wrap_allowance_em(next_text: str) -> float:
    """How far short of the edge a line may stop and still be a wrap, given the next line.

    A printer wraps when the next character does not fit; so the gap is less than that
    character's width, or than two characters when kinsoku carried one down with it.
    """
    run = _LATIN_RUN.match(next_text)
    first = run.group() if run else next_text[0]
    width = sum(em_width(c) for c in first)
    after = next_text[len(first) : len(first) + 1]
    if after and after in NO_LINE_START:
        width += em_width(after)
    return width + WRAP_TOLERANCE_EM


class PhraseParser(Protocol):
    """Splits Japanese text into phrases (bunsetsu): ``budoux.Parser`` is one."""

    def parse(self, sentence: str) -> list[str]: ...


@cache
def phrase_parser() -> PhraseParser:
    """BudouX's Japanese model, loaded once per process.

    Why BudouX: it answers exactly this job's question, "may a line break here?", because it
    was made for line breaking in Japanese. It is a 130 kB pure-Python wheel with its model
    included, loads in about 2 ms and needs no dictionary download. A morphological analyser
    (fugashi with unidic-lite, SudachiPy) would tell words apart too, but ships 50-250 MB of
    dictionary and takes far longer to load, for no better answer to that question.
    """
    import budoux

    return cast(PhraseParser, budoux.load_default_japanese_parser())


# How far short of the column's edge a line may stop and still be wrapped mid-word: a person
# ends a paragraph at a sentence's end, never inside a word; but a break that far short of the
# edge between two words (…対応 / 受診者数…) is a real one the parser cannot tell apart.
WORD_BAND_EM = 4.0
# Context on each side of a break that the phrase parser sees.
_WORD_CONTEXT = 12
# Kana and kanji (with the Kangxi radicals a PDF may carry), but not ・, which starts an item.
_JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf々〆]")


def breaks_a_word(before: str, after: str, phrases: PhraseParser) -> bool:
    """Would a line break between ``before`` and ``after`` fall inside a word (研|究)?

    True when both sides are Japanese letters and the phrase parser puts no phrase boundary
    at the break: a person never breaks a line there, only a printer running out of room.
    """
    a, b = before.rstrip()[-_WORD_CONTEXT:], after.lstrip()[:_WORD_CONTEXT]
    if not a or not b or not (_JAPANESE.match(a[-1]) and _JAPANESE.match(b[0])):
        return False
    if _ENDS_FIGURE.search(a):  # "…年1回" ends an item: the parser would read on into the next
        return False
    boundary, pos = set(), 0
    for phrase in phrases.parse(a + b):
        pos += len(phrase)
        boundary.add(pos)
    return len(a) not in boundary


def is_soft_wrap(
    line: Line,
    next_line: Line,
    text_edge: float,
    figures: bool = False,
    phrases: PhraseParser | None = None,
    before: str | None = None,
) -> bool:
    """Did the printer wrap ``line`` only because the column ran out of room?

    ``figures``: the column holds figures (targets, actuals), where a unit ends an item.
    ``phrases``: a phrase parser; a line that stops within ``WORD_BAND_EM`` of the edge in
    the middle of a word (研|究) is then a wrap, although it stops short of the column's
    edge (a cell that wraps narrower than its column). ``before``: the cell's text up to the
    break, for the parser's context (``line`` may hold a single character).
    """
    text, nxt = line.text.rstrip(), next_line.text.strip()
    if not text or not nxt:
        return False
    if nxt[0] in NO_LINE_START:
        return True
    if _STARTS_ITEM.match(nxt) or _ENDS_HEADING.search(text) or (figures and _ENDS_FIGURE.search(text)):
        return False
    if line.x1 is None:
        return False
    short_by = text_edge - line.x1
    em = line.size or 10.0
    if phrases is not None and short_by < WORD_BAND_EM * em and breaks_a_word(before or text, nxt, phrases):
        return True
    return short_by < wrap_allowance_em(nxt) * em


def join_wrapped(
    lines: Sequence[Line], text_edge: float, figures: bool = False, phrases: PhraseParser | None = None
) -> str:
    """Join soft wraps with no space (Japanese has none between words); keep real breaks."""
    if not lines:
        return ""
    parts = [lines[0].text]
    for prev, line in zip(lines, lines[1:], strict=False):
        soft = is_soft_wrap(prev, line, text_edge, figures, phrases, "".join(parts[-2 * 3 :]))
        parts.append("" if soft else "\n")
        parts.append(line.text)
    return "".join(parts)


def clean_cell(
    lines: Sequence[Line], text_edge: float, figures: bool = False, phrases: PhraseParser | None = None
) -> str:
    """A cell's printed lines → one normalised string with only its real line breaks.

    ``text_edge`` is how far right text reaches in this column (the right end of the column's
    longest line in the table). ``phrases`` (free-text columns): no break is left in a word.
    """
    return normalize_text(join_wrapped(lines, text_edge, figures, phrases))
