"""Reading the PDF: the only stage that opens the file.

In: a PDF's path (and the pages wanted). Out: one ``PageContent`` per page (its characters in
reading order, upright and top-left based; the ruling segments its painted paths and shading
draw; PDFium's own text layer for the build's self-check), or an ``ExtractionError`` naming the
file and page. ``pdfium_io`` (PDFium, the default) and ``pdfio`` (pdfplumber) are the two readers;
``preflight`` and ``pdffile`` check the bytes before either opens them; ``chars``, ``rules`` and
``shading`` are the decisions both share, so that two readers of one page hand over the same
content. ``pdfium_*`` are PDFium's C API, fonts, objects, text page and the glyphs it skips.
"""
