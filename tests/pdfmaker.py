"""Small PDFs written byte by byte, so each bad-input test makes exactly the file it needs."""

from __future__ import annotations

import hashlib

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


def make_pdf(pages: list[str], encrypted: bool = False) -> bytes:
    """A PDF with one page per content stream; Helvetica for text."""
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data))
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (PAGE_W, PAGE_H, len(objs))
        )
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer_extra = b""
    if encrypted:
        # Standard security handler, revision 2, with a user password we do not give.
        u = hashlib.md5(b"not the empty password").digest() * 2
        objs.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>" % (u.hex().encode(), u.hex().encode())
        )
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), b"00" * 16, b"00" * 16)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer_extra, xref)
    return bytes(out)
