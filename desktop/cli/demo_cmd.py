"""`imza demo init|serve|info`: the demo PKI, tokens and services."""

from __future__ import annotations

from pathlib import Path

import click

from desktop.cli.common import handle_errors
from desktop.cli.output import echo, echo_lines
from desktop.config import Settings, data_dir
from desktop.core.i18n import tr
from desktop.demo import environment


def default_dir() -> Path:
    return data_dir() / "demo"


@click.group()
def demo() -> None:
    """Demo PKI, SoftHSM2 tokens and TSA/OCSP/CRL services (for trying Imza; not for real signatures)."""


@demo.command()
@click.option("--dir", "demo_dir", type=click.Path(path_type=Path), help="Where to create it (default: user data dir).")
@click.option("--port", type=int, default=environment.DEFAULT_PORT, show_default=True,
              help="Port of the demo services on 127.0.0.1 (written into the certificates).")
@click.option("--force", is_flag=True, help="Rebuild even if it exists.")
@handle_errors
def init(demo_dir: Path | None, port: int, force: bool) -> None:
    """Create the demo PKI and tokens once, and point Imza's settings at them."""
    demo_dir = (demo_dir or default_dir()).resolve()
    existed = environment.is_initialised(demo_dir) and not force
    state = environment.init(demo_dir, port, force=force)
    settings = Settings.load()
    settings.set("pkcs11_module", state["pkcs11_module"])
    settings.set("softhsm2_conf", state["softhsm2_conf"])
    settings.set("tsa_url", state["services"]["tsa"])
    settings.set("trust_dir", state["trust_dir"])
    if "portal" in state["services"]:  # a demo made before the reference portal existed has none
        settings.set("portal_url", state["services"]["portal"])
        settings.set("portal_ca_bundle", str(Path(state["trust_dir"]) / "imza-demo-root.pem"))
        settings.set("portal_receipt_cert", str(demo_dir / "certs" / "portal-receipt.cert.pem"))
    settings.save()
    echo(tr("Demo environment {what} in {dir}", what=tr("already present") if existed else tr("created"), dir=demo_dir))
    pins = {spec.label: spec.pin for spec in environment.TOKENS}
    for t in state["tokens"]:  # a demo made by an older Imza may hold fewer tokens
        echo(f"  {tr('token')} {t['label']!r}: {t['person']}  (PIN {pins.get(t['label'], '?')})")
    echo(tr("Services (start them with `imza demo serve`):"))
    for name, url in state["services"].items():
        echo(f"  {name}: {url}")


@demo.command()
@click.option("--dir", "demo_dir", type=click.Path(path_type=Path), help="The demo dir (default: user data dir).")
@click.option("--detach", is_flag=True, help="Run in the background (stop with `imza demo stop`).")
@handle_errors
def serve(demo_dir: Path | None, detach: bool) -> None:
    """Serve the demo TSA, OCSP and CRLs on 127.0.0.1 until Ctrl+C."""
    from desktop.demo import services

    demo_dir = (demo_dir or default_dir()).resolve()
    if detach:
        state, started = services.start_detached(demo_dir)
        echo(tr("Demo services {what} on {url} (stop: imza demo stop)",
                what=tr("started") if started else tr("already running"), url=state["url_prefix"]))
        return

    def ready(state: dict) -> None:
        # The first line is what scripts and tests wait for: never translated.
        # One write: a detached parent reads the first line and may close the pipe after it.
        lines = [f"ready: demo services on {state['url_prefix']}"]
        lines += [f"  {name}: {url}" for name, url in state["services"].items()]
        echo_lines(lines)
        echo(tr("Press Ctrl+C to stop."), err=True)

    services.serve(demo_dir, on_ready=ready)


@demo.command()
@click.option("--dir", "demo_dir", type=click.Path(path_type=Path), help="The demo dir (default: user data dir).")
@handle_errors
def stop(demo_dir: Path | None) -> None:
    """Stop demo services started with `imza demo serve --detach`."""
    from desktop.demo import services

    stopped = services.stop_detached((demo_dir or default_dir()).resolve())
    echo(tr("Demo services stopped.") if stopped else tr("Demo services were not running."))
