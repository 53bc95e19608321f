"""Writing the dataset: the published files, and the atomic swap into ``--out``.

In: the validated tables, the sources' descriptions and the build's one timestamp (``buildtime``,
from the PDFs' dates, never the clock). Out: the CSV (with BOM) and Parquet files (``columns``,
no pandas import), datapackage.json, the data dictionary, the Excel workbook in Japanese
(``workbook``, ``workbook_ja``), SHA256SUMS, all written into a temporary directory and swapped
in whole (``output``), only over a directory the pipeline may replace (``outdir``).
"""
