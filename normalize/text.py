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
from collections.abc import Callable, Sequence
from functools import cache
from itertools import pairwise

from extract.model import Line

_BEFORE_NFKC = str.maketrans({"\uff5e": "\u301c"})
# NFKC itself makes U+2011 U+2010 and U+FF0D "-", so the table maps what it leaves.
_AFTER_NFKC = str.maketrans({"\u2010": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\u2014": "\u2015"})
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
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


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


WordSplitter = Callable[[str], list[str]]
"""Splits Japanese text into its words, in order (their surfaces)."""


@cache
def word_splitter() -> WordSplitter:
    """MeCab (fugashi) with the UniDic-lite dictionary, loaded once per process.

    Why this one: the question is "is this break inside a word?", so it needs words, as a
    dictionary knows them: 研究, 必要, 猶予 are one word each, while 対応 | 受診者数 are two.
    BudouX (a 130 kB model) splits phrases, not words: it joins whole runs of kanji nouns, so
    it cannot tell 研|究 from 対応|受診; TinySegmenter guesses words without a dictionary and is
    no longer maintained; SudachiPy's dictionary is a 77 MB download and loads more slowly.
    fugashi is maintained, loads UniDic-lite (a 47 MB download) in about 15 ms by mapping it,
    and splits a cell's text in microseconds.
    """
    import fugashi

    tagger = fugashi.Tagger()

    def split(text: str) -> list[str]:
        return [str(word.surface) for word in tagger(text)]

    return split


# Context on each side of a break that the word splitter sees.
_WORD_CONTEXT = 12
# Kana and kanji (with the Kangxi radicals a PDF may carry), but not ・, which starts an item.
_JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf々〆]")


def word_ends(text: str, words: WordSplitter) -> set[int]:
    """Offsets in ``text`` at which a word ends (the splitter skips white space)."""
    ends, pos = set(), 0
    for surface in words(text):
        found = text.find(surface, pos)
        if found < 0:  # the splitter normalised a character: stop rather than guess
            break
        pos = found + len(surface)
        ends.add(pos)
    return ends


def breaks_a_word(before: str, after: str, words: WordSplitter) -> bool:
    """Would a line break between ``before`` and ``after`` fall inside a word (研|究)?

    True when both sides are Japanese letters and no word ends at the break: a person never
    breaks a line there, only a printer running out of room.
    """
    a, b = before.rstrip()[-_WORD_CONTEXT:], after.lstrip()[:_WORD_CONTEXT]
    if not a or not b or not (_JAPANESE.match(a[-1]) and _JAPANESE.match(b[0])):
        return False
    return len(a) not in word_ends(a + b, words)


def is_soft_wrap(
    line: Line,
    next_line: Line,
    text_edge: float,
    figures: bool = False,
    words: WordSplitter | None = None,
    before: str | None = None,
) -> bool:
    """Did the printer wrap ``line`` only because the column ran out of room?

    ``figures``: the column holds figures (targets, actuals), where a unit ends an item.
    ``words``: a word splitter; a break inside a word (研|究) is then a wrap whatever the
    geometry says. ``before``: the cell's text up to the break, for the splitter's context
    (``line`` may hold a single character).
    """
    text, nxt = line.text.rstrip(), next_line.text.strip()
    if not text or not nxt:
        return False
    if nxt[0] in NO_LINE_START:
        return True
    if _STARTS_ITEM.match(nxt) or _ENDS_HEADING.search(text) or (figures and _ENDS_FIGURE.search(text)):
        return False
    # The position first: it is cheap, and it settles most lines before the word splitter runs.
    if line.x1 is not None and text_edge - line.x1 < wrap_allowance_em(nxt) * (line.size or 10.0):
        return True
    return words is not None and breaks_a_word(before or text, nxt, words)


# A cell wraps narrower than its column when two or more of its lines stop within this (em)
# of each other, and their edge is at least this share of the column's text width: a short
# list whose lines happen to be equal is far narrower than that.
CELL_EDGE_SPREAD_EM = 0.5
CELL_EDGE_MIN_SHARE = 0.75
# A line that ends one of these ends its sentence: not wrapped, even at the cell's edge.
_ENDS_SENTENCE = re.compile(r"[。．.!?！？」』)）]$")


def starts_bullet(prev: str, line: str) -> bool:
    """Does ``line`` start a new item of a ・ list, whatever the geometry says?

    A wrap may put a ・ first on a line (it also joins words: センター・産後ケア, 情報共有・連携),
    so ・ alone does not decide. Right after a sentence's end it does: "…事業の周知。" /
    "・母子手帳交付時…". Elsewhere the geometry decides, as for any line.
    """
    return line.lstrip().startswith("・") and bool(_ENDS_SENTENCE.search(prev.rstrip()))


def cell_wrap_edge(lines: Sequence[Line], text_edge: float) -> float | None:
    """The edge a cell's text wraps at, where it is narrower than its column's; else None.

    Where two or more lines (not the last) reach the same width short of the column's text
    edge, the exporter wrapped this cell at that width (a cell with its own indent or a
    narrower text box). Its lines that reach it are wrapped like lines reaching the column's.
    """
    ends = sorted(ln.x1 for ln in lines[:-1] if ln.x1 is not None)
    lefts = [ln.x0 for ln in lines if ln.x0 is not None]
    if len(ends) < 2 or not lefts:
        return None
    em = max((ln.size or 10.0) for ln in lines)
    left = min(lefts)
    best = None
    for i, end in enumerate(ends):
        near = [e for e in ends[i:] if e - end <= CELL_EDGE_SPREAD_EM * em]
        if len(near) >= 2:
            best = max(near)
    if best is None or best >= text_edge or best - left < CELL_EDGE_MIN_SHARE * (text_edge - left):
        return None
    return best


def join_wrapped(
    lines: Sequence[Line], text_edge: float, figures: bool = False, words: WordSplitter | None = None
) -> str:
    """Join soft wraps with no space (Japanese has none between words), and, in a ・ item,
    without the indent typed at the start of the continuation line; keep real breaks (and their
    lines as printed: the code-point policy decides a leading space).

    A line is measured against its cell's own wrap edge, where the cell has one and the line
    does not end a sentence. That edge lies inside the column's, so a line wrapped at the
    column's edge is wrapped at the cell's too: one measure does for both.
    """
    if not lines:
        return ""
    own_edge = None if figures else cell_wrap_edge(lines, text_edge)
    parts = [lines[0].text]
    item = lines[0].text  # the first line of the paragraph being joined
    for prev, line in pairwise(lines):
        edge = own_edge if own_edge is not None and not _ENDS_SENTENCE.search(prev.text.rstrip()) else text_edge
        soft = not starts_bullet(prev.text, line.text) and is_soft_wrap(
            prev, line, edge, figures, words, "".join(parts[-6:])
        )
        # In a ・ item, a wrap's continuation may start with an indent typed to sit under the
        # bullet (a full-width space): joined, the indent would be a space inside a word.
        # Elsewhere a space there is one the text had between two words (健診925人　1歳…, wrapped
        # at it), and stays.
        indented = soft and item.lstrip().startswith("・")
        item = item if soft else line.text
        parts.append("" if soft else "\n")
        parts.append(line.text.lstrip() if indented else line.text)
    return "".join(parts)


def clean_cell(
    lines: Sequence[Line], text_edge: float, figures: bool = False, words: WordSplitter | None = None
) -> str:
    """A cell's printed lines → one normalised string with only its real line breaks.

    ``text_edge`` is how far right text reaches in this column (the right end of the column's
    longest line in the table). ``words`` (free-text columns): no break is left in a word.
    """
    return normalize_text(join_wrapped(lines, text_edge, figures, words))


def solid(text: str) -> str:
    """The text without white space or line breaks: what two printings must share to agree."""
    return "".join(text.split())


def line_ends(lines: Sequence[Line]) -> set[int]:
    """Where a cell's printed lines end, counted in characters other than white space."""
    ends, pos = set(), 0
    for line in lines:
        pos += len(solid(normalize_text(line.text)))
        ends.add(pos)
    return ends


def break_positions(text: str) -> set[int]:
    """Where a clean text keeps a line break, counted in characters other than white space."""
    out, pos = set(), 0
    for ch in text:
        if ch == "\n":
            out.add(pos)
        elif not ch.isspace():
            pos += 1
    return out


def with_breaks(text: str, breaks: set[int]) -> str:
    """``text`` with its line breaks moved to ``breaks`` (positions as in ``break_positions``)."""
    out: list[str] = []
    pos = 0
    for ch in text.replace("\n", ""):
        # A break goes before the first letter at its position, and never before the first character.
        if pos in breaks and not ch.isspace() and out:
            out.append("\n")
        out.append(ch)
        if not ch.isspace():
            pos += 1
    return normalize_text("".join(out))


def agree(printings: Sequence[tuple[str, set[int]]]) -> str | None:
    """One text for several printings of the same words, or None where the words differ.

    Each printing is (clean text, where its printed lines end). A break is real where one
    printing shows it and every printing ends a line there: a printing whose line merely
    reached the column's edge at that point cannot tell a wrap from a break, and one whose
    text runs on past the point shows there is none.
    """
    if len({solid(text) for text, _ in printings}) != 1:
        return None
    shown = set().union(*(break_positions(text) for text, _ in printings))
    possible = set.intersection(*(ends for _, ends in printings))
    return with_breaks(printings[0][0], shown & possible)
