"""Running the reference portal: HTTPS on 127.0.0.1 with the demo PKI's portal certificates.

`imza demo serve` starts it beside the PKI services on the port recorded in demo.json
(`portal_port`, the services' port + 1); tests start it alone with `python -m
desktop.portal_server`, test controls on and a port of their own.
"""

from __future__ import annotations

import ssl
import sys
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from asn1crypto import pem, x509

from desktop.portal_server.app import PortalConfig, build_app
from desktop.portal_server.catalogue import Catalogue
from desktop.portal_server.identity import IdentityChecker
from desktop.portal_server.receipts import ReceiptSigner

HOST = "127.0.0.1"


@dataclass(frozen=True)
class DemoFiles:
    """Where a demo dir (`imza demo init`) keeps what the portal needs."""

    demo_dir: Path

    @property
    def tls_cert(self) -> Path:
        return self.demo_dir / "certs" / "portal-tls.cert.pem"

    @property
    def tls_key(self) -> Path:
        return self.demo_dir / "keys" / "portal-tls.key.pem"

    @property
    def receipt_cert(self) -> Path:
        return self.demo_dir / "certs" / "portal-receipt.cert.pem"

    @property
    def receipt_key(self) -> Path:
        return self.demo_dir / "keys" / "portal-receipt.key.pem"

    @property
    def root(self) -> Path:
        return self.demo_dir / "certs" / "root.cert.pem"

    @property
    def issuing(self) -> Path:
        return self.demo_dir / "certs" / "issuing.cert.pem"

    def missing(self) -> list[Path]:
        return [p for p in (self.tls_cert, self.tls_key, self.receipt_cert, self.receipt_key, self.root, self.issuing)
                if not p.is_file()]


def _cert(path: Path) -> x509.Certificate:
    data = path.read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def demo_config(demo_dir: Path, port: int, *, db_path: Path | None = None, catalogue: Path | None = None,
                test_controls: bool = False, advance_after: float | None = None,
                access_ttl: float = 300.0) -> PortalConfig:
    files = DemoFiles(Path(demo_dir))
    return PortalConfig(
        origins=(f"https://{HOST}:{port}", f"https://localhost:{port}"),
        db_path=db_path or files.demo_dir / "portal" / "portal.sqlite",
        identity=IdentityChecker([_cert(files.root)], [_cert(files.issuing)]),
        receipts=ReceiptSigner(files.receipt_key, files.receipt_cert),
        catalogue=Catalogue.load(catalogue),
        access_ttl=access_ttl,
        test_controls=test_controls,
        advance_after=advance_after,
    )


def tls_context(demo_dir: Path) -> ssl.SSLContext:
    files = DemoFiles(Path(demo_dir))
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(str(files.tls_cert), str(files.tls_key))
    return ctx


async def start(config: PortalConfig, tls: ssl.SSLContext, port: int, host: str = HOST) -> web.AppRunner:
    # A client that hangs up (timeout, killed) cancels its request's handler: nothing half-done
    # is kept (see create_submission), and a slow-answer fault does not outlive its client.
    runner = web.AppRunner(build_app(config), access_log=None, handler_cancellation=True)
    await runner.setup()
    await web.TCPSite(runner, host, port, ssl_context=tls).start()
    return runner


async def start_for_demo(demo_dir: Path, state: dict) -> web.AppRunner | None:
    """The demo's portal beside the PKI services, or None (with a note) for a demo that has none."""
    files = DemoFiles(Path(demo_dir))
    port = state.get("portal_port")
    if not port or files.missing():
        sys.stderr.write("The demo portal is not available in this demo environment; "
                         "re-create it with `imza demo init --force` to get it.\n")
        return None
    config = demo_config(files.demo_dir, port, advance_after=3.0)
    try:
        return await start(config, tls_context(files.demo_dir), port)
    except OSError as e:
        sys.stderr.write(f"The demo portal could not listen on {HOST}:{port} ({e.strerror}); "
                         "the other demo services run without it.\n")
        return None
