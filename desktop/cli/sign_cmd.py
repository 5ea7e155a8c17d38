"""`imza sign FILE...`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop.cli.common import handle_errors, load_settings, token_login
from desktop.cli.output import echo
from desktop.core.i18n import ntr, tr
from desktop.core.model import SignatureFormat, SignatureLevel, VisibleSignature
from desktop.signing.inputs import plan
from desktop.signing.session import SigningSession
from desktop.tokens.session import (
    TokenSession,
    choose_certificate,
    choose_token,
    list_tokens,
)
from desktop.verify.trust import TrustStore

LEVELS = [lvl.value for lvl in SignatureLevel]


def signing_options(func):
    """The options `sign` and `bulk` share: level, token, certificate, PIN, TSA, reason, location."""
    for option in reversed((
        click.option("--level", type=click.Choice(LEVELS, case_sensitive=False),
                     help="Baseline level. Default: B-T when a time-stamping service is set, else B-B."),
        click.option("--token", "token_label", help="Label of the card/token to use (see `imza tokens`)."),
        click.option("--cert", "cert_selector", help="Certificate ID or SHA-256 fingerprint (see `imza tokens`)."),
        click.option("--pin-stdin", is_flag=True, help="Read the PIN from the first line of standard input."),
        click.option("--tsa", "tsa_url", help="RFC 3161 time-stamping service URL (overrides the tsa_url setting)."),
        click.option("--reason", help="Reason for signing (PDF)."),
        click.option("--location", help="Place of signing (PDF)."),
    )):
        func = option(func)
    return func


def choose_level(level: str | None, tsa_url: str | None) -> SignatureLevel:
    """--level as given; else B-T when a time-stamping service is set, else B-B."""
    if level:
        return SignatureLevel(level.upper())
    return SignatureLevel.B_T if tsa_url else SignatureLevel.B_B


def choose_signer(settings, token_label: str | None, cert_selector: str | None, level: SignatureLevel):
    """The token, its signing certificate and (for B-LT and up) the trust store, before any PIN."""
    found, _ = list_tokens(settings.get("pkcs11_module"))
    token = choose_token(found, token_label or settings.get("default_token") or None)
    cert = choose_certificate(token, cert_selector)
    trust = TrustStore.from_setting(settings.get("trust_dir")) if level.needs_validation_data else None
    return token, cert, trust


def parse_visible(text: str, image: Path | None = None) -> VisibleSignature:
    try:
        page, _, coords = text.partition(":")
        x1, y1, x2, y2 = (float(v) for v in coords.split(","))
        return VisibleSignature(int(page) - 1, (x1, y1, x2, y2), image)
    except ValueError:
        raise click.BadParameter(tr("use PAGE:X1,Y1,X2,Y2, e.g. 1:360,60,560,120"), param_hint="--visible") from None


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (one input only).")
@click.option("--out-dir", type=click.Path(path_type=Path), help="Folder for the signed files.")
@click.option("--format", "fmt", type=click.Choice(["pades", "cades", "asice"]),
              help="pades (PDF only), cades (detached .p7s) or asice (ASiC-E container; with -o, all FILES "
                   "in one). Default: pades for .pdf, cades otherwise.")
@signing_options
@click.option("--visible", "visible", metavar="PAGE:X1,Y1,X2,Y2",
              help="Visible signature on PAGE (1 = first) in a box given in points from the bottom-left.")
@click.option("--visible-image", "visible_image", type=click.Path(path_type=Path, dir_okay=False),
              help="A PNG, JPEG or PDF drawn faintly behind the words of the visible signature.")
@click.option("--force", is_flag=True, help="Replace existing output files.")
@handle_errors
def sign(files, output, out_dir, fmt, level, token_label, cert_selector, pin_stdin, tsa_url,
         reason, location, visible, visible_image, force) -> None:
    """Sign FILES with the signing certificate on your card or token.

    PDFs get a PAdES signature in NAME.signed.pdf; other files a detached CAdES signature
    in NAME.EXT.p7s. Originals are never modified.
    """
    settings = load_settings()
    tsa_url = tsa_url or settings.get("tsa_url") or None
    chosen_level = choose_level(level, tsa_url)
    requests = plan(list(files), fmt=SignatureFormat(fmt) if fmt else None, level=chosen_level,
                    output=output, out_dir=out_dir, force=force, reason=reason, location=location,
                    visible=parse_visible(visible, visible_image) if visible else None)

    token, cert, trust = choose_signer(settings, token_label, cert_selector, chosen_level)

    with TokenSession(token) as session:
        token_login(session, token, pin_stdin)
        signing = SigningSession(session, cert, tsa_url=tsa_url, trust=trust)
        echo(tr("Signing as {signer} ({level})", signer=cert.subject, level=chosen_level), err=True)

        def report(result) -> None:
            if result.error:
                echo(tr("failed: {error}", error=str(result.error)), err=True)
            else:
                echo(str(result.outcome.output))

        results = signing.sign_all(requests, on_result=report)

    failed = [r for r in results if r.error]
    skipped = len(requests) - len(results)
    if skipped:
        echo(ntr("{n} file not signed because the token stopped answering.",
                 "{n} files not signed because the token stopped answering.", skipped), err=True)
    if failed or skipped:
        sys.exit(failed[0].error.exit_code if failed else 6)
