"""The page's layout: pure geometry, no file and no PDF library.

In: a page's ``PageContent`` (characters and ruling segments). Out: its ``PageGrid`` (each
table's grid of cells with their text as printed lines, the notes drawn over it, the marks set
apart, the grids that are no tables), checked against the text layer (``selfcheck``).
``geometry`` runs the steps: rules into tables (``grid``), columns from text where no rule draws
them (``inference``), text into cells (``cell_text``, ``spacing``), text boxes (``boxes``),
charts and other non-tables (``nontables``), stamps (``marks``), quarter-turned pages
(``turned``). ``continued`` tells, from the same geometry, a row cut by a page break.
"""
