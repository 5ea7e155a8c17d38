"""Fuzz targets for the verifier: mutated signed PDFs, CMS signatures and ASiC containers.

Shared by the short run in `make test` (tests/verify/test_fuzz.py) and the long one
(`make fuzz`, same test with IMZA_FUZZ_EXAMPLES set). The property: whatever the bytes,
`verify_file` returns a FileReport (never raises), within TIME_LIMIT seconds, and it is either a
verdict on each signature or one clear line saying why the file cannot be verified. An
"internal error" verdict counts as a failure too: it is a bug the engine merely contained.
"""

from __future__ import annotations

import signal
import zipfile
from contextlib import contextmanager
from io import BytesIO

from hypothesis import strategies as st

from desktop.core.model import FileReport, Indication

TIME_LIMIT = 20  # seconds per input; a verification of a letter takes well under one


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in the engine hides it."""


@contextmanager
def time_limit(seconds: int):
    def on_alarm(signum, frame):
        raise Hang(f"verification did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def asic_s(data_name: str, data: bytes, p7s: bytes) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-s+zip")
        z.writestr(data_name, data)
        z.writestr("META-INF/signature.p7s", p7s, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


INTERESTING = [b"\x00", b"\xff", b"0", b"9", b"\x80", b"\x7f", b" ", b"\n", b"<", b">", b"(", b")", b"/",
               b"obj", b"endobj", b"R", b"xref", b"trailer", b"startxref", b"%%EOF", b"stream", b"\x30\x82",
               b"99999999999", b"-1", b"PK\x03\x04", b"/ByteRange [0 1 2 3]"]


@st.composite
def mutations(draw, size: int):
    """A list of edits (kind, position, argument) to apply to a file of `size` bytes."""
    n = draw(st.integers(1, 6))
    pos = st.integers(0, max(0, size - 1))
    edits = []
    for _ in range(n):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "overwrite", "splice", "token"]))
        if kind == "flip":
            edits.append((kind, draw(pos), draw(st.integers(0, 7))))
        elif kind == "truncate":
            edits.append((kind, draw(pos), None))
        elif kind in ("insert", "overwrite"):
            edits.append((kind, draw(pos), draw(st.binary(min_size=1, max_size=64))))
        elif kind == "delete":
            edits.append((kind, draw(pos), draw(st.integers(1, 4096))))
        elif kind == "splice":  # copy a chunk of the file over another place in it
            edits.append((kind, draw(pos), (draw(pos), draw(st.integers(1, 2048)))))
        else:
            edits.append((kind, draw(pos), draw(st.sampled_from(INTERESTING))))
    return edits


def apply(data: bytes, edits) -> bytes:
    buf = bytearray(data)
    for kind, at, arg in edits:
        at = min(at, len(buf))
        if kind == "flip" and at < len(buf):
            buf[at] ^= 1 << arg
        elif kind == "truncate":
            del buf[at:]
        elif kind == "insert":
            buf[at:at] = arg
        elif kind == "delete":
            del buf[at:at + arg]
        elif kind in ("overwrite", "token"):
            buf[at:at + len(arg)] = arg
        elif kind == "splice":
            src, length = arg
            buf[at:at + length] = data[src:src + length]
    return bytes(buf)


def check(report: FileReport) -> None:
    """The property every verification result must have."""
    assert isinstance(report, FileReport)
    if report.error:
        assert not report.signatures
        assert len(report.error) > 20 and "internal error" not in report.error, report.error
        return
    assert report.signatures, "no verdict and no reason"
    for sig in report.signatures:
        assert sig.indication in set(Indication)
        assert (sig.sub_indication is None) == (sig.indication is Indication.TOTAL_PASSED), sig
        assert sig.message and "internal error" not in sig.message, sig.message
