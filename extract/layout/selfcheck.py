"""Pure: every build checks its own work. Each table's cells and notes must hold exactly the
characters the page's text layer holds inside the table's box, counted by a second reader.

The second count is PDFium's text page as PDFium reports it (``PageContent.layer``: its own
characters and boxes, none of the reader's repairs, no geometry): a character the geometry
drops or puts in two tables, or that the reader loses or invents, shows as a difference. It is
cheap, a pass over characters PDFium has already read, where a second parse of the page
(pdfminer) would cost more than the whole build. Characters are compared as a multiset after
NFKC with white space left out (a voicing mark joins its kana, as the cells have it); a glyph
drawn over itself is one character in both.

Some differences the reader can explain: characters it took from pdfminer where PDFium drew a
glyph it could not name (``PageContent.borrowed``; the text page does not hold them). Every other
difference, and every glyph no reader could name inside a table (``PageContent.unread``), is
unexplained: the build names it and stops, unless told to keep going.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import BBox, Char, PageContent, PageGrid, TextDifference
from .geometry import boxes_overlap
from .turned import char_in_frame


def solid(text: str) -> Counter[str]:
    """The multiset of a text's characters after NFKC, white space left out."""
    return Counter(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def inside(chars: Iterable[Char], box: BBox) -> str:
    """The text of the characters whose centre lies in the box (left and top edges included)."""
    x0, top, x1, bottom = box
    return "".join(c.text for c in chars if x0 <= (c.x0 + c.x1) / 2 < x1 and top <= (c.top + c.bottom) / 2 < bottom)


def in_frame(chars: Sequence[Char], page: PageContent, turn: int) -> Sequence[Char]:
    """The characters in the frame the page's tables were read in (``turned``)."""
    return [char_in_frame(c, turn, page.width, page.height) for c in chars] if turn else chars


def text_differences(page: PageContent, grid: PageGrid) -> tuple[TextDifference, ...]:
    """Each table of the page whose cells and notes differ from the text layer in its box.

    No second count (``layer`` None): nothing to check against, and nothing is said here; the
    readers give one wherever PDFium can open the page.
    """
    if page.layer is None:
        return ()
    layer = in_frame(page.layer, page, grid.turn)
    borrowed = in_frame(page.borrowed, page, grid.turn)
    unread = in_frame([u.spot for u in page.unread], page, grid.turn)
    found = []
    for k, table in enumerate(grid.tables, start=1):
        box = table.bbox
        drawn = solid(inside(layer, box))
        held = solid("".join(cell.text for cell in table.grid.cells) + "".join(table.notes))
        lost, added = drawn - held, held - drawn
        not_named = sum(1 for s in unread if box[0] <= s.x0 < box[2] and box[1] <= (s.top + s.bottom) / 2 < box[3])
        if not (lost or added or not_named):
            continue
        explained = why_they_differ(lost, added, not_named, solid(inside(borrowed, box)), stamped(grid, box))
        found.append(
            TextDifference(page.source_file, page.page_number, k, text_of(lost), text_of(added), explained, not_named)
        )
    if len(grid.tables) > 1:
        # Each table can hold what is drawn in its box and a character still be output twice: in
        # a table and in another drawn inside it. Together, the tables hold each character once.
        drawn = solid("".join(c.text for c in layer if any(inside((c,), t.bbox) for t in grid.tables)))
        held = solid(
            "".join(cell.text for t in grid.tables for cell in t.grid.cells)
            + "".join(n for t in grid.tables for n in t.notes)
        )
        twice = (held - drawn) - sum((solid(d.added) for d in found), Counter())
        if twice:
            found.append(TextDifference(page.source_file, page.page_number, 0, "", text_of(twice)))
    return tuple(found)


def stamped(grid: PageGrid, box: BBox) -> Counter[str]:
    """The characters of the stamps over the box that the reader kept out of every cell."""
    return solid("".join(m.text for m in grid.marks if m.sure and boxes_overlap(m.bbox, box)))


def why_they_differ(
    lost: Counter[str], added: Counter[str], not_named: int, from_pdfminer: Counter[str], stamps: Counter[str]
) -> str:
    """Why a table's cells differ from the text layer in its box, where every difference has a
    reason the reader knows; "" (unexplained) where any character or unnamed glyph has none."""
    if not_named or (added - from_pdfminer) or (lost - stamps):
        return ""
    return "; ".join(
        why
        for why, applies in (
            ("read by pdfminer: glyphs of a font the file does not embed, which PDFium cannot name on this machine",
             bool(added)),
            ("a stamp or watermark drawn over the table, kept out of its cells: see Stamps and watermarks",
             bool(lost)),
        )
        if applies
    )  # fmt: skip


def text_of(counts: Counter[str]) -> str:
    """The characters of a multiset, each as often as it counts, in code-point order."""
    return "".join(c * n for c, n in sorted(counts.items()))


def unexplained(differences: Iterable[TextDifference]) -> list[TextDifference]:
    return [d for d in differences if not d.explained]


def checked(page: PageContent, grid: PageGrid) -> PageGrid:
    """The page's grid with its check (``PageGrid.text_check``) and pdfplumber's corner."""
    return replace(grid, origin=page.origin, text_check=text_differences(page, grid))
