"""The one settings object of the extraction, after pdfplumber's ``TableSettings``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # Ruling lines closer than this (pt) are one line: exporters draw borders in pieces.
    snap_tolerance: float = 1.5
    # Parallel rules this close (pt) are one rule drawn double: word processors draw a double
    # border as two thin lines 1-2 pt apart (ICDAR us-038/039/040: 1.92 pt), under a header or
    # as a frame, and no cell holding text is that narrow. Read as two, they make an empty row
    # or column (an empty ring round a framed table). Kept under 2 pt: a page break in the
    # canvas variant leaves a row rule 2.0 pt above the table's foot (an empty sliver row, as
    # camelot's line_tol of snap_tolerance reads it too).
    double_rule_gap: float = 1.95
    # A rule this close (pt) to a table's top or foot, across part of it only and with no text
    # between, is an underline outside the table (a title's), not a row (extract.layout.geometry).
    edge_sliver: float = 4.0
    # A line ends this close (pt) to another still meets it.
    join_tolerance: float = 2.0
    # A rect thinner than this (pt) is a ruling line drawn as a filled box.
    thin_rect: float = 2.0
    # A stroked path whose outlines are no rectangles and all fit in this (pt) both ways draws
    # letters (text turned into outlines, as Illustrator does with titles), not rules; a filled
    # one does whatever its size (extract.reading.rules.draws_letters).
    letter_size: float = 40.0
    # A filled shape in the page's own colour (white) narrower than this (pt) is a rule too: a
    # white bar drawn over shaded cells parts them as a black line would (ICDAR us-011a draws
    # 1-3 pt white bars between colour-filled cells). A fill in any other colour wider than
    # ``thin_rect`` is shading (a header band, zebra rows) and parts nothing.
    white_rule: float = 4.0
    # Filled bands this many times wider than tall, of one width, at least ``min_bands`` of them
    # down a page, are rows told apart by shading: their edges part rows (extract.reading.rules).
    band_aspect: float = 4.0
    min_bands: int = 3
    # Characters whose tops differ by less than this share a line, as a fraction of font size.
    line_tolerance: float = 0.5
    # A gap wider than this between glyphs is a space the PDF did not draw, as a fraction of
    # font size (exporters often position words instead of drawing ASCII spaces).
    space_gap: float = 0.2
    # The same between Japanese and Latin glyphs, where word processors add up to a quarter em
    # of their own ("autospace"); a real space there is wider (a space glyph is 0.27 em or more).
    asian_latin_gap: float = 0.25
    # A glyph this many times the page's median glyph size is far larger than its text: one
    # sign of a stamp or watermark drawn over the page (extract.layout.marks). Headings in a cell are
    # at most about twice the text's size.
    mark_size: float = 3.0
    # Lowest mean rapidfuzz score (0-100) of a header's labels for it to be read as a header.
    header_min_score: float = 70.0
    # Two glyphs of one text whose boxes cover at least this share of each other's width and
    # height are one glyph drawn twice (fake bold: offset 0.2-1 pt, or filled then stroked).
    # Real neighbours only touch (0), even with tight tracking (well under a half).
    duplicate_overlap: float = 0.5
    # Where a table draws no column rule, a gap in its text at least this wide (em), running
    # through every row, parts two columns (extract.layout.inference): a word space is a quarter em,
    # and columns set apart by text alone are an em or more apart. A gap where a row rule
    # starts or stops is a boundary whatever its width: the rule says so.
    column_gap: float = 1.0
    # A grid of at least this many cells with text in fewer than this share of them is a
    # chart's gridlines, not a table (extract.layout.nontables): a map of small bar charts in one frame
    # gives 26x69 cells and 17 with text; the sparsest table read so far has a third filled.
    chart_min_cells: int = 100
    chart_filled_share: float = 0.05
    # Pages continue a table when their column boundaries match within this (pt).
    column_match_tolerance: float = 3.0
    # A labels file to read instead of extract/columns/labels.toml (a copy extended for a new report).
    labels_file: Path | None = None
    # Smallest table worth reading: fewer grid columns than this is not one of ours.
    min_columns: int = 5
    # Bounds on what one page may hold, checked before the geometry step (extract.layout.geometry.
    # check_page). The reports have at most ~500 ruling segments and ~11,000 characters a page;
    # the grid search grows faster than linearly with rules (20,000 full-width rules take ~20 s
    # on a laptop core), so a page beyond these is refused as not a report, not ground through.
    max_segments_per_page: int = 10_000
    max_chars_per_page: int = 200_000
    # A page side outside this range (pt) is not a printed page: the PDF spec allows 3 to
    # 14,400 units; a zero-area or absurd MediaBox would make every position meaningless.
    min_page_side: float = 3.0
    max_page_side: float = 14_400.0
    # A compressed stream that inflates past this many bytes is refused before the reader
    # opens the file (extract.reading.preflight): the largest stream of a report is a few MB; a
    # decompression bomb would otherwise only be stopped by --max-memory.
    max_inflated_stream: int = 256 * 1024**2


DEFAULT = Settings()
