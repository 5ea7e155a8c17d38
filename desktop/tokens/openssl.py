"""Clearing OpenSSL errors that a PKCS#11 module leaves behind.

A module built on the same OpenSSL as Python (SoftHSM2 is) may leave errors in OpenSSL's
per-thread error queue when it loads ("no such engine"). Python's ssl module later reads that
stale error as the cause of an ordinary "want more data" during a TLS handshake and fails the
connection. Clearing the queue changes nothing about what is verified.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


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
