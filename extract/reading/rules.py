"""Painted paths → ruling segments, shared by every reader.

A reader hands over what the page paints, as plain data in upright top-left coordinates; this
module decides which of it is a table rule. Keeping the decision here (and not in each reader)
is what makes two readers of the same page report the same segments.

Exporters draw the same ruled table in many ways: stroked lines, stroked rectangles (one per
cell or one per frame), a closed polygon per frame, dashed strokes, rows of short dashes or of
tiny filled squares (dotted rules), and thin filled rectangles. All of them become segments.
Large fills without a stroke are cell backgrounds (a shaded header, zebra rows) and rule
nothing, except that bands stacked across a table's columns part its rows at their edges
(``band_edges``); curves and diagonals never rule a table, and nor does any straight piece of a
letter drawn as an outline (``without_letters``); a white bar rules only over shading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..model import BBox, Segment
from ..settings import DEFAULT, Settings
from .shading import band_edges, on_shading

Point = tuple[float, float]

# Two coordinates this close are the same line: exporters round positions to 0.001 pt.
AXIS_TOLERANCE = 0.01
# Pieces of a dashed or dotted rule this far apart (pt) still make one rule.
DOT_GAP = 3.0
# Only pieces this short (pt) are dashes or dots: longer collinear rules stay separate, as the
# PDF draws them, so that a real break in a rule (a merged cell) is kept.
DOT_LENGTH = 10.0


@dataclass(frozen=True, slots=True)
class Subpath:
    """One subpath: its vertices in order; ``curves`` holds the index i of each piece from
    points[i] to points[i + 1] that is a Bézier curve (its control points do not matter here)."""

    points: tuple[Point, ...]
    closed: bool = False
    curves: frozenset[int] = frozenset()


# One step of drawing a path, as a reader hands it over: ("m", point) moves (a new subpath
# starts), ("l", point) draws a line to the point, ("c", point) a curve ending at it, and
# ("h", None) closes the subpath.
PathStep = tuple[str, Point | None]


def subpaths(steps: Iterable[PathStep]) -> tuple[Subpath, ...]:
    """A path's steps → its subpaths (each reader turns its own path data into steps)."""
    out: list[Subpath] = []
    points: list[Point] = []
    curves: set[int] = set()
    closed = False
    for op, point in steps:
        if op == "h":
            closed = True
            continue
        assert point is not None
        if op == "m":
            if points:
                out.append(Subpath(tuple(points), closed, frozenset(curves)))
            points, curves, closed = [point], set(), False
            continue
        if op == "c":
            curves.add(len(points) - 1)
        points.append(point)
    if points:
        out.append(Subpath(tuple(points), closed, frozenset(curves)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PaintedPath:
    """A path as painted: its subpaths and how it is painted (dashes are irrelevant here)."""

    subpaths: tuple[Subpath, ...]
    stroke: bool
    fill: bool
    line_width: float = 1.0
    # Filled in the page's own colour (opaque white): a thin white bar over shaded cells is a rule.
    white_fill: bool = False


def is_white(colour: Sequence[float]) -> bool:
    """Are a colour's components (grey, RGB or CMYK, each 0-1) the paper's white?"""
    if len(colour) == 4:  # CMYK: no ink
        return max(colour) <= 0.01
    return len(colour) in (1, 3) and min(colour) >= 0.99


def ruling_segments(paths: Iterable[PaintedPath], settings: Settings = DEFAULT) -> list[Segment]:
    """Every rule the page paints, with dashed and dotted rules joined into single segments."""
    painted = without_letters([p for p in paths if p.stroke or p.fill], settings)
    shades = shaded_boxes(painted, settings)
    pieces = [s for path in painted for s in path_segments(path, settings, shades)]
    rules = merge_dots(pieces)
    return rules + band_edges(shades, rules, settings)


def path_segments(path: PaintedPath, settings: Settings = DEFAULT, shades: Sequence[BBox] = ()) -> Iterator[Segment]:
    """The rules one path draws; ``shades``: the page's shaded boxes, which a white bar must lie
    on to part anything (``shaded_boxes``)."""
    if not (path.stroke or path.fill):
        return  # a path that paints nothing (clipping, or an invisible helper)
    for sub in path.subpaths:
        if not sub.points:
            continue
        thin = thin_shape(sub, thin_limit(path, settings)) if path.fill else None
        if thin is not None and path.white_fill and thin_shape(sub, settings.thin_rect) is None:
            thin = thin if on_shading(box_of(sub), shades) else None
        if thin is not None:
            yield thin
        elif path.stroke:
            yield from straight_pieces(sub)


def box_of(sub: Subpath) -> BBox:
    xs, ys = [p[0] for p in sub.points], [p[1] for p in sub.points]
    return min(xs), min(ys), max(xs), max(ys)


def shaded_boxes(paths: Sequence[PaintedPath], settings: Settings = DEFAULT) -> list[BBox]:
    """The boxes filled in a colour (not white) and wider than a rule both ways: cell shading.

    A white bar over shading parts its cells as a black line would; a white bar on the white
    page is no rule (DocuWorks re-written by Ghostscript paints the page's background as a
    stack of 3.6 pt white bands, which would otherwise rule a row every 3.6 pt)."""
    thin = settings.thin_rect
    boxes = (box_of(sub) for p in paths if p.fill and not p.white_fill for sub in p.subpaths if sub.points)
    return [b for b in boxes if b[2] - b[0] >= thin and b[3] - b[1] >= thin]


def without_letters(paths: Sequence[PaintedPath], settings: Settings = DEFAULT) -> list[PaintedPath]:
    """The paths less those that draw letters (``draws_letters``), and less the paths painted
    with them, in a row and alike, within one letter's box: pdfminer paints each subpath of a
    glyph's outline as a path of its own, so a glyph's straight strokes (its thin rectangles)
    come apart from its curves, and must go with them as PDFium's one path does."""
    out: list[PaintedPath] = []
    group: list[PaintedPath] = []
    box: BBox | None = None
    size = settings.letter_size

    def flush() -> None:
        if not any(draws_letters(p, settings) for p in group):
            out.extend(group)
        elif not all(letter_sized(p, size) for p in group if draws_letters(p, settings)):
            out.extend(p for p in group if not draws_letters(p, settings))  # a large drawing alone

    for path in paths:
        pbox = path_box(path)
        joined = None if box is None or pbox is None else union(box, pbox)
        if group and joined is not None and alike(path, group[-1]) and fits(joined, size):
            group.append(path)
            box = joined
            continue
        flush()
        group, box = [path], pbox
    flush()
    return out


def path_box(path: PaintedPath) -> BBox | None:
    boxes = [box_of(sub) for sub in path.subpaths if sub.points]
    return None if not boxes else (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                   max(b[2] for b in boxes), max(b[3] for b in boxes))  # fmt: skip


def union(a: BBox, b: BBox) -> BBox:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def fits(box: BBox, size: float) -> bool:
    return box[2] - box[0] <= size and box[3] - box[1] <= size


def alike(a: PaintedPath, b: PaintedPath) -> bool:
    return (a.stroke, a.fill, a.white_fill) == (b.stroke, b.fill, b.white_fill)


def draws_letters(path: PaintedPath, settings: Settings = DEFAULT) -> bool:
    """Is the path a glyph outline (text turned into paths, often over a text layer that holds
    the same text)? A path one of whose outlines, larger than a dot, is no rectangle (curved,
    slanted, or with more than four corners): a rule is a line or a box, so the thin straight
    pieces drawn with it (the stem of a 1, the bars of 市) are strokes of letters, not rules.
    A round dot (narrow both ways) still is a dot: rows of them draw dotted rules. A stroked
    path must also be letter-sized (``Settings.letter_size``): a table's frame may be stroked
    as one polygon of many corners, or with rounded corners.
    """
    if not path.fill and not path.stroke:
        return False
    if path.stroke and not letter_sized(path, settings.letter_size):
        return False
    thin = settings.thin_rect
    for sub in path.subpaths:
        if not sub.points or is_rectangle(sub):
            continue
        x0, top, x1, bottom = box_of(sub)
        if x1 - x0 >= thin or bottom - top >= thin:
            return True
    return False


def letter_sized(path: PaintedPath, size: float) -> bool:
    boxes = [box_of(sub) for sub in path.subpaths if sub.points]
    return bool(boxes) and all(b[2] - b[0] <= size and b[3] - b[1] <= size for b in boxes)


def is_rectangle(sub: Subpath) -> bool:
    """Is the outline an upright rectangle (or a line, or a point): four corners at most, each
    side along an axis?"""
    if sub.curves:
        return False
    corners = list(dict.fromkeys(sub.points))
    if len(corners) > 4:
        return False
    ring = [*corners, corners[0]]
    return all(
        abs(ax - bx) <= AXIS_TOLERANCE or abs(ay - by) <= AXIS_TOLERANCE
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False)
    )


def thin_limit(path: PaintedPath, settings: Settings = DEFAULT) -> float:
    """How narrow a filled shape must be to be a rule: white bars over shading may be wider."""
    return max(settings.thin_rect, settings.white_rule) if path.white_fill else settings.thin_rect


def thin_shape(sub: Subpath, thin: float) -> Segment | None:
    """A filled shape narrower than ``thin`` on one side is a rule drawn as a box: its centre line.

    Curved outlines count too (a round dot is a dot). A dot (narrow both ways) becomes a short
    segment along its longer side, so that a row of
    dots merges into one rule.
    """
    xs, ys = [p[0] for p in sub.points], [p[1] for p in sub.points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if x1 - x0 >= thin and bottom - top >= thin:
        return None
    if x1 - x0 < bottom - top:
        cx = (x0 + x1) / 2
        return Segment(cx, top, cx, bottom)
    cy = (top + bottom) / 2
    return Segment(x0, cy, x1, cy)


def straight_pieces(sub: Subpath) -> Iterator[Segment]:
    """The axis-aligned pieces of a stroked subpath: a line, a rectangle's four sides, a polygon's
    sides. Diagonal and zero-length pieces rule nothing."""
    pts = sub.points
    pairs = list(zip(pts, pts[1:], strict=False))
    if sub.closed and len(pts) > 2 and pts[0] != pts[-1]:
        pairs.append((pts[-1], pts[0]))
    for i, ((ax, ay), (bx, by)) in enumerate(pairs):
        if i in sub.curves:
            continue
        if abs(ay - by) <= AXIS_TOLERANCE and abs(ax - bx) > AXIS_TOLERANCE:
            y = (ay + by) / 2
            yield Segment(min(ax, bx), y, max(ax, bx), y)
        elif abs(ax - bx) <= AXIS_TOLERANCE and abs(ay - by) > AXIS_TOLERANCE:
            x = (ax + bx) / 2
            yield Segment(x, min(ay, by), x, max(ay, by))


def merge_dots(segments: Sequence[Segment]) -> list[Segment]:
    """Join runs of short collinear pieces with small gaps (a dashed or dotted rule) into one.

    Only short pieces join, and only to each other, so solid rules come out exactly as drawn.
    """
    out: list[Segment] = []
    short: dict[tuple[bool, int], list[Segment]] = {}
    for s in segments:
        length = max(s.x1 - s.x0, s.bottom - s.top)
        if length > DOT_LENGTH:
            out.append(s)
            continue
        horizontal = s.horizontal
        at = (s.top + s.bottom) / 2 if horizontal else (s.x0 + s.x1) / 2
        short.setdefault((horizontal, round(at / AXIS_TOLERANCE / 10)), []).append(s)
    for (horizontal, _), group in short.items():
        out.extend(_join_run(group, horizontal))
    return out


def _join_run(group: list[Segment], horizontal: bool) -> Iterator[Segment]:
    def span(s: Segment) -> tuple[float, float]:
        return (s.x0, s.x1) if horizontal else (s.top, s.bottom)

    run: list[Segment] = []
    end = 0.0  # where the run reaches so far (kept as it grows: a dotted rule has thousands of dots)
    for s in sorted(group, key=span):
        start, stop = span(s)
        if run and start - end > DOT_GAP:
            yield _joined(run, horizontal)
            run = []
        end = stop if not run else max(end, stop)
        run.append(s)
    if run:
        yield _joined(run, horizontal)


def _joined(run: list[Segment], horizontal: bool) -> Segment:
    if len(run) == 1:
        return run[0]
    if horizontal:
        y = sum((s.top + s.bottom) / 2 for s in run) / len(run)
        return Segment(min(s.x0 for s in run), y, max(s.x1 for s in run), y)
    x = sum((s.x0 + s.x1) / 2 for s in run) / len(run)
    return Segment(x, min(s.top for s in run), x, max(s.bottom for s in run))
