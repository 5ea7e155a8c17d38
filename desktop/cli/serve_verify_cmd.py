"""`imza serve-verify --port N`: the local validation service (desktop/verify/service.py)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from desktop.cli.common import handle_errors, load_settings
from desktop.cli.output import echo
from desktop.cli.verify_batch import budget_of, budget_options
from desktop.core.i18n import tr


@click.command("serve-verify")
@click.option("--port", type=int, default=8720, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--trust", "trust_dir", type=click.Path(path_type=Path),
              help="Folder of trusted root certificates (default: the trust_dir setting, else the bundled anchors).")
@click.option("--max-size", "max_mb", type=click.IntRange(1, 2048), default=50, show_default=True,
              help="Largest upload accepted, in MB.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Files verified at the same time.")
@budget_options
@click.option("--max-connections", type=click.IntRange(8, 4096), default=128, show_default=True,
              help="Connections served at once; more get 503 at once.")
@handle_errors
def serve_verify(port, trust_dir, max_mb, workers, time_limit, memory_limit, max_connections) -> None:
    """Answer POST /verify on 127.0.0.1 with the JSON verification report, for other programs.

    \b
    curl --data-binary @letter.signed.pdf 'http://127.0.0.1:8720/verify?name=letter.signed.pdf'
    curl -F file=@contract.docx.p7s -F data=@contract.docx http://127.0.0.1:8720/verify

    Verification is offline (what the file carries and the trust store). Stop with Ctrl+C.
    """
    from desktop.verify.service import HOST, make_app, serve
    from desktop.verify.trust import TrustStore

    settings = load_settings()
    trust = TrustStore.from_dir(trust_dir) if trust_dir else TrustStore.from_setting(settings.get("trust_dir"))
    app = make_app(trust, max_bytes=max_mb << 20, workers=workers, budget=budget_of(time_limit, memory_limit),
                   max_connections=max_connections)

    def ready(bound: int) -> None:
        # What scripts and tests wait for: never translated.
        echo(f"ready: validation service on http://{HOST}:{bound}/verify")
        sys.stdout.flush()

    try:
        asyncio.run(serve(app, port, ready))
    except OSError as e:
        raise click.ClickException(tr("Cannot listen on {host}:{port} ({error}); choose another --port.",
                                      host=HOST, port=port, error=e.strerror or e)) from None
    except KeyboardInterrupt:
        pass
