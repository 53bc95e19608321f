"""Render the report from its transcription, by several producers, for the raw PDF and the tests.

``calc`` is the city's way (a spreadsheet printed by LibreOffice Calc); the other modules are
other producers (Writer, a reportlab canvas, a page-rotating rewrite) whose PDFs the
extraction must read just the same. Heavy imports (openpyxl, python-docx, reportlab, pypdf)
stay inside the modules, so importing this package needs none of them.
"""
