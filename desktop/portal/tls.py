"""TLS for the portal: always verified, and not confused by a PKCS#11 module's OpenSSL errors.

A PKCS#11 module built on the same OpenSSL as Python (SoftHSM2 is) may leave errors in
OpenSSL's per-thread error queue (SoftHSM2 leaves "no such engine" when it loads). Python's ssl
module then reads that stale error as the cause of an ordinary "want more data" during a
handshake and fails the connection ("[ENGINE: NO_SUCH_ENGINE]"). So the queue is cleared before
each request; this changes nothing about what is verified.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import ssl
from pathlib import Path


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Certificate and host name checks always on; a CA bundle replaces the system's CAs."""
    ctx = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


@functools.cache
def _libcryptos() -> tuple:
    paths: set[str] = set()
    try:
        with open("/proc/self/maps", encoding="utf-8") as fh:
            paths = {line.split()[-1] for line in fh if "libcrypto" in line and "/" in line}
    except OSError:
        found = ctypes.util.find_library("crypto")
        paths = {found} if found else set()
    libs = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
            lib.ERR_clear_error.restype = None
            libs.append(lib)
        except (OSError, AttributeError):
            continue
    return tuple(libs)


def clear_openssl_errors() -> None:
    """Empty this thread's OpenSSL error queue (see the module's docstring)."""
    for lib in _libcryptos():
        lib.ERR_clear_error()
