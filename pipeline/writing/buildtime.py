"""The build's one timestamp: what the workbook records as its creation time.

Never the wall clock and never a file's modification time (a fresh clone gives every file a
new one): either would make two builds of the same PDFs differ, and ``make`` dirty a clean
checkout. ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
when it is set; else the newest date the PDFs record about themselves (/ModDate or
/CreationDate in their Info dictionary); else a fixed epoch.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

# When no source says anything: the start of 2000, a date no report of this plan predates.
FIXED_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2})'?(\d{2})?'?|Z)?")


def build_time(pdfs: Sequence[Path], environ: Mapping[str, str] = os.environ) -> datetime:
    """SOURCE_DATE_EPOCH, else the newest date of the PDFs, else ``FIXED_EPOCH`` (aware, UTC)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    dates = [d for pdf in pdfs for d in pdf_dates(pdf)]
    return max(dates, default=FIXED_EPOCH).astimezone(UTC)


def pdf_dates(pdf: Path) -> list[datetime]:
    """The /CreationDate and /ModDate a PDF records about itself; none if it records none or
    cannot be parsed (the file was already read by then: a bad date costs only the date)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    found = []
    try:
        with pdf.open("rb") as f:
            for info in PDFDocument(PDFParser(f)).info:
                for key in ("CreationDate", "ModDate"):
                    value = resolve1(info.get(key))
                    if isinstance(value, bytes):
                        date = parse_pdf_date(value.decode("latin-1"))
                        if date is not None:
                            found.append(date)
    except Exception:
        return []
    return found


def parse_pdf_date(text: str) -> datetime | None:
    """A PDF date (``D:20261128182557Z``, ``D:20210401090000+09'00'``) as an aware datetime."""
    m = _PDF_DATE.search(text)
    if m is None:
        return None
    parts = zip(m.groups()[:6], (0, 1, 1, 0, 0, 0), strict=True)
    year, month, day, hour, minute, second = (int(g) if g else default for g, default in parts)
    sign, off_h, off_m = m.group(7), int(m.group(8) or 0), int(m.group(9) or 0)
    offset = timedelta(hours=off_h, minutes=off_m) * (-1 if sign == "-" else 1)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone(offset))
    except ValueError:
        return None
