"""TLS for the portal: always verified, and not confused by a PKCS#11 module's OpenSSL errors.

A PKCS#11 module built on the same OpenSSL as Python (SoftHSM2 is) may leave errors in
OpenSSL's per-thread error queue (SoftHSM2 leaves "no such engine" when it loads). Python's ssl
module then reads that stale error as the cause of an ordinary "want more data" during a
handshake and fails the connection ("[ENGINE: NO_SUCH_ENGINE]"). So the queue is cleared before
each request; this changes nothing about what is verified.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from desktop.tokens.openssl import clear_openssl_errors  # noqa: F401 - re-exported for the portal client


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Certificate and host name checks always on; a CA bundle replaces the system's CAs."""
    ctx = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx

