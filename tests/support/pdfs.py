"""Hand-made hostile PDFs shared by the signing and verification tests."""

from __future__ import annotations

import struct


def comment_to_the_end_pdf() -> bytes:
    """A PDF whose catalog is the last object of an object stream and nothing but a comment
    that runs to the stream's end (pyhanko's object reader looped forever on it)."""
    header = b"2 0 5 5 "
    objects = header + b"null %a comment to the end"
    out = bytearray(b"%PDF-1.7\n")
    at_objstm = len(out)
    out += (b"1 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d >>\nstream\n" % (len(header), len(objects))
            + objects + b"\nendstream\nendobj\n")
    at_xref = len(out)
    rows = b"".join(struct.pack(">BIH", *row) for row in [(0, 0, 65535), (1, at_objstm, 0), (2, 1, 0),
                                                           (1, at_xref, 0), (0, 0, 0), (2, 1, 1)])
    out += (b"3 0 obj\n<< /Type /XRef /W [1 4 2] /Index [0 6] /Size 6 /Root 5 0 R /Length %d >>\nstream\n"
            % len(rows) + rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % at_xref)
    return bytes(out)
