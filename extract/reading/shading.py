"""Pure: what shading says about rules (issue 28).

Fills are no rules, but where grey bands stack down a table across its columns, their edges
part rows as rules would (grey sub-rows with no rule between them), and a white bar parts
cells only where it lies over shading (on the white page it is background).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import BBox, Segment
from ..settings import DEFAULT, Settings


def band_edges(shades: Sequence[BBox], rules: Sequence[Segment], settings: Settings = DEFAULT) -> list[Segment]:
    """The top and foot of each shaded band across a table's columns, where bands of the same
    width stack down it (``Settings.min_bands`` or more): grey sub-rows part rows as rules do.

    A band is a fill much wider than tall that a column rule crosses. A cell's own background
    (each cell filled apart) is crossed by none; a shaded header, or zebra rows drawn between
    rules, gives edges on the rules themselves (they snap into one); bars of a chart (taller
    than wide, or of other widths) give none. An edge on a drawn rule is left to the rule."""
    vertical = [s for s in rules if not s.horizontal]
    bands: dict[tuple[int, int], list[BBox]] = {}
    for b in shades:
        if b[2] - b[0] >= settings.band_aspect * (b[3] - b[1]) and crossed_by(b, vertical, settings.thin_rect):
            bands.setdefault((round(b[0]), round(b[2])), []).append(b)
    edges = {
        (x0, y, x1)
        for stack in bands.values()
        if len(stack) >= settings.min_bands
        for x0, top, x1, bottom in stack
        for y in (top, bottom)
    }
    near = max(settings.snap_tolerance, settings.double_rule_gap)
    ruled = [s for s in rules if s.horizontal]
    return [
        Segment(x0, y, x1, y)
        for x0, y, x1 in sorted(edges)
        if not any(abs(s.top - y) <= near and s.x0 < x1 and s.x1 > x0 for s in ruled)
    ]


def crossed_by(box: BBox, vertical: Sequence[Segment], margin: float) -> bool:
    """Does a vertical rule run through the box from its top to its foot, inside its sides?"""
    x0, top, x1, bottom = box
    return any(
        x0 + margin < s.x0 < x1 - margin and s.top <= top + margin and s.bottom >= bottom - margin for s in vertical
    )


def on_shading(box: BBox, shades: Sequence[BBox], tolerance: float = 0.5) -> bool:
    """Does the box overlap or touch a shaded box?"""
    x0, top, x1, bottom = box
    return any(
        s[0] <= x1 + tolerance and x0 <= s[2] + tolerance and s[1] <= bottom + tolerance and top <= s[3] + tolerance
        for s in shades
    )
