"""Small PDFs written byte by byte, so each bad-input test makes exactly the file it needs."""

from __future__ import annotations

import hashlib
import struct
import zlib

PAGE_W, PAGE_H = 842, 595


def rule(x0: float, top0: float, x1: float, top1: float) -> str:
    """A stroked line, in top-left coordinates like the rest of the project."""
    return f"0.5 w {x0} {PAGE_H - top0} m {x1} {PAGE_H - top1} l S"


def text(x: float, top: float, s: str, size: float = 9) -> str:
    return f"BT /F1 {size} Tf {x} {PAGE_H - top - size} Td ({s}) Tj ET"


def grid(
    labels: list[str],
    rows: list[list[str]],
    width: float = 100,
    height: float = 30,
    skip_rule: tuple[int, int] | None = None,
) -> str:
    """A ruled table with one header row; ``skip_rule`` = (col boundary, row) leaves out one
    piece of a vertical rule."""
    body = [labels, *rows]
    xs = [40 + i * width for i in range(len(labels) + 1)]
    ys = [40 + i * height for i in range(len(body) + 1)]
    ops = [rule(xs[0], y, xs[-1], y) for y in ys]
    for i, x in enumerate(xs):
        for r in range(len(body)):
            if (i, r) != skip_rule:
                ops.append(rule(x, ys[r], x, ys[r + 1]))
    for r, cells in enumerate(body):
        for c, s in enumerate(cells):
            ops.append(text(xs[c] + 3, ys[r] + 3, s))
    return "\n".join(ops)


def make_pdf(
    pages: list[str],
    encrypted: bool = False,
    media_box: tuple[float, float, float, float] | None = None,
    count: int | None = None,
    root: int = 1,
    flate: bool = False,
) -> bytes:
    """A PDF with one page per content stream; Helvetica for text.

    ``media_box`` replaces every page's box, ``count`` the page tree's /Count (a lying one),
    ``root`` the catalogue's object number in the trailer (a dangling one), ``flate``
    compresses the content streams.
    """
    box = media_box or (0, 0, PAGE_W, PAGE_H)
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for content in pages:
        objs.append(stream(content.encode("latin-1"), flate))
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (" ".join(f"{v:g}" for v in box).encode(), len(objs))
        )
        kids.append(len(objs))
    n = len(kids) if count is None else count
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), n)
    trailer_extra = b""
    if encrypted:
        # Standard security handler, revision 2, with a user password we do not give.
        u = hashlib.md5(b"not the empty password").digest() * 2
        objs.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>" % (u.hex().encode(), u.hex().encode())
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), b"00" * 16, b"00" * 16)
    return assemble(objs, root, trailer_extra)


def stream(data: bytes, flate: bool = False, extra: bytes = b"") -> bytes:
    if flate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def assemble(objs: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Objects 1..n, a classic xref table and a trailer: a well-formed file around ``objs``."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    size = len(objs) + 1
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref)
    return bytes(out)


# ---- hostile files: each breaks one thing a reader trusts --------------------------------


def table_page() -> str:
    """A small page with a ruled table, for files that are fine apart from their structure."""
    return grid(["A", "B", "C", "D", "E"], [["1", "2", "3", "4", "5"]])


def flip_bytes(data: bytes, positions: list[int]) -> bytes:
    out = bytearray(data)
    for p in positions:
        out[p % len(out)] ^= 0xFF
    return bytes(out)


def broken_startxref() -> bytes:
    """startxref points into the middle of an object."""
    data = make_pdf([table_page()])
    head, _, tail = data.rpartition(b"startxref\n")
    return head + b"startxref\n" + b"17\n%%EOF\n"


def broken_xref() -> bytes:
    """The xref table's entries are garbage."""
    data = make_pdf([table_page()])
    start = data.index(b"0000000000 65535 f")
    end = data.index(b"trailer")
    return data[:start] + b"z" * (end - start) + data[end:]


def page_tree_cycle() -> bytes:
    """The page tree's Kids contain the tree itself."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ]
    return assemble(objs)


def deep_nesting(depth: int = 200_000) -> bytes:
    """A page resource nested ``depth`` arrays deep (a recursive parser's stack)."""
    data = make_pdf([table_page()])
    nested = b"[" * depth + b"]" * depth
    return data.replace(b"/Resources <<", b"/Deep " + nested + b" /Resources <<", 1)


def inflating_to_zeros(n_mib: int) -> bytes:
    """A zlib stream of ``n_mib`` MiB of zeros, made in milliseconds: one MiB is deflated
    after a full flush (byte-aligned, no history), so every further MiB is the same bytes;
    the Adler-32 of n zeros is (n mod 65521) << 16 | 1."""
    z = zlib.compressobj(9)
    chunk = bytes(1024**2)
    head = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    adler = ((n_mib * len(chunk)) % 65521) << 16 | 1
    return head + block * (n_mib - 1) + b"\x03\x00" + struct.pack(">I", adler)


def flate_bomb(n_mib: int = 1024) -> bytes:
    """A page whose content stream inflates to ``n_mib`` MiB of zeros (about 1 KB of file per
    MiB: deflate cannot do better than about 1:1000)."""
    data = inflating_to_zeros(n_mib)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R >>" % (PAGE_W, PAGE_H),
    ]
    return assemble(objs)


def rule_bomb(n: int) -> bytes:
    """``n`` full-width rules on one page (compressed: the file stays small)."""
    ys = (40 + 500 * i / n for i in range(n))
    return make_pdf(["0.5 w " + "\n".join(f"0 {y:.3f} m {PAGE_W} {y:.3f} l" for y in ys) + " S"], flate=True)
