"""Checks on a PDF's bytes before a reader opens it, for what the readers would trust.

* A compressed stream that inflates past ``Settings.max_inflated_stream`` (a decompression
  bomb) is refused with a clear line, quickly, instead of the reader running into the memory
  limit.
* The page tree is walked independently of the reader: a cycle is named as such, and the
  number of pages it really holds is returned, so that a lying /Count (PDFium trusts it) cannot
  silently drop pages (``check_pages_read``).

Neither check replaces the reader's own errors: a file these cannot parse is left to it.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from ..errors import ExtractionError
from ..settings import DEFAULT, Settings

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")
_LOOKBACK = 4096  # bytes before "stream" searched for the stream's dictionary
_CHUNK = 16 * 1024**2


def inflated_size(data: memoryview, limit: int) -> int:
    """Bytes a zlib stream at the start of ``data`` inflates to, counting no further than just
    past ``limit`` (so a bomb costs at most ``limit`` bytes of work, a chunk of memory)."""
    d = zlib.decompressobj()
    total = 0
    tail: bytes | memoryview = data
    try:
        while tail and total <= limit and not d.eof:
            total += len(d.decompress(tail, _CHUNK))
            tail = d.unconsumed_tail
    except zlib.error:
        pass  # not zlib after all, or damaged: the reader reports damage itself
    return total


def check_streams(path: Path, settings: Settings = DEFAULT) -> None:
    data = memoryview(Path(path).read_bytes())
    raw = data.obj
    assert isinstance(raw, bytes)
    for m in _STREAM.finditer(raw):
        head = raw[max(0, m.start() - _LOOKBACK) : m.start()]
        head = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        if not _FLATE.search(head):
            continue
        if inflated_size(data[m.end() :], settings.max_inflated_stream) > settings.max_inflated_stream:
            raise ExtractionError(
                f"a compressed stream (at byte {m.end():,}) inflates past "
                f"{settings.max_inflated_stream // 1024**2:,} MiB: a decompression bomb, not a report "
                "(Settings.max_inflated_stream)",
                file=str(path),
            )


def tree_pages(path: Path) -> int | None:
    """Pages the page tree holds, walked leaf by leaf; None when pdfminer cannot parse the file
    (the reader will say why). A cycle raises: no reader can read such a tree faithfully."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, resolve1

    try:
        with Path(path).open("rb") as f:
            doc = PDFDocument(PDFParser(f))
            root = doc.catalog.get("Pages")
            stack = [root]
            seen: set[int] = set()
            leaves = 0
            while stack:
                ref = stack.pop()
                if isinstance(ref, PDFObjRef):
                    if ref.objid in seen:
                        raise ExtractionError(
                            f"the page tree has a cycle (object {ref.objid} is reached twice)", file=str(path)
                        )
                    seen.add(ref.objid)
                node = resolve1(ref)
                if not isinstance(node, dict):
                    continue
                kids = resolve1(node.get("Kids"))
                if isinstance(kids, list):
                    stack.extend(reversed(kids))
                else:
                    leaves += 1
            return leaves
    except ExtractionError:
        raise
    except Exception:
        return None


def check_pages_read(path: Path, expected: int, read: int) -> None:
    """A reader that finds fewer pages than the tree holds would lose some: refuse instead."""
    if read < expected:
        raise ExtractionError(
            f"the page tree holds {expected} pages but the reader found {read} "
            "(a /Count that does not match the tree); refusing rather than dropping pages",
            file=str(path),
        )
