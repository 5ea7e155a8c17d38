"""`imza trust list|add|remove`: the certificates and trusted lists verification trusts."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from desktop.cli.common import fail, handle_errors, load_settings
from desktop.core.errors import ConfigError
from desktop.core.i18n import tr


def _store(settings):
    from desktop.verify.trust import TrustStore

    return TrustStore.from_setting(settings.get("trust_dir"))


def _user_dir(settings) -> Path:
    from desktop.verify.trust import user_trust_dir

    return user_trust_dir(settings.get("trust_dir"))


@click.group()
def trust() -> None:
    """Trusted root certificates and trusted lists (ETSI TS 119 612) used by `imza verify`.

    \b
    They live in the bundled folder and in your trust folder (the trust_dir setting, else
    <data dir>/trust): *.pem/*.crt/*.cer/*.der roots, *.xml trusted lists, and in tl-signers/
    the certificates trusted lists must be signed with.
    """


@trust.command("list")
@handle_errors
def list_() -> None:
    """What is trusted, from which file; refused trusted lists with the reason."""
    from desktop.verify.report import common_name
    from desktop.verify.trust import CERT_SUFFIXES

    settings = load_settings()
    store = _store(settings)
    for folder in store.directories:
        click.echo(f"{folder}:")
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in CERT_SUFFIXES and path.is_file():
                for cert in _certificates_in_file(path):
                    click.echo(f"  {path.name}: {tr('root')} {common_name(cert)} "
                               f"({tr('valid until')} {cert.not_valid_after:%Y-%m-%d})")
        signer_dir = folder / "tl-signers"
        for cert in (c for p in sorted(signer_dir.glob("*")) if signer_dir.is_dir() for c in _certificates_in_file(p)):
            click.echo(f"  tl-signers/: {tr('trusted-list signer')} {common_name(cert)}")
        for tl in (t for t in store.trust_lists if t.path.parent == folder):
            if tl.accepted:
                click.echo(f"  {tl.name}: {tr('trusted list')} {tl.territory or '?'} ({tl.operator or '?'}), "
                           f"{tr('next update')} {tl.next_update or '?'}")
                for s in tl.services:
                    click.echo(f"      {s.kind}: {s.name} ({common_name(s.certificate)})")
            else:
                click.echo(f"  {tl.name}: {tr('REFUSED')} — {tl.problem}")
    if not store.directories:
        click.echo(tr("Nothing is trusted yet; add a root certificate or trusted list with `imza trust add FILE`."))


def _certificates_in_file(path: Path):
    from desktop.verify.trust import load_certificates

    try:
        return load_certificates(path.read_bytes())
    except (ValueError, TypeError, OSError):
        return []


@trust.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--tl-signer", is_flag=True, help="FILE is the certificate trusted lists are signed with.")
@handle_errors
def add(file: Path, tl_signer: bool) -> None:
    """Trust a root certificate (PEM/DER) or a trusted list (.xml) by copying it to your trust folder."""
    from desktop.verify.trust import CERT_SUFFIXES, TrustStore, load_certificates

    settings = load_settings()
    folder = _user_dir(settings)
    target_dir = folder / "tl-signers" if tl_signer else folder
    suffix = file.suffix.lower()
    if suffix == ".xml" and not tl_signer:
        target = target_dir / file.name
    elif suffix in CERT_SUFFIXES:
        try:
            certs = load_certificates(file.read_bytes())
        except (ValueError, TypeError) as e:
            raise ConfigError(f"{file} is not a certificate ({e}).", "Pass a PEM or DER certificate.") from e
        if not certs:
            raise ConfigError(f"{file} holds no certificate.", "Pass a PEM or DER certificate.")
        target = target_dir / file.name
    else:
        raise ConfigError(f"{file} is neither a certificate (.pem, .crt, .cer, .der) nor a trusted list (.xml).",
                          "Pass a root certificate or an ETSI TS 119 612 trusted list.")
    if target.exists():
        fail(tr("{name} is already in the trust folder {folder}; remove it first.", name=target.name,
                folder=target_dir), 2)
    target_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)
    if suffix == ".xml":
        status = next(t for t in TrustStore.from_dirs([folder]).trust_lists if t.path == target)
        if not status.accepted:
            click.echo(tr("Added {name}, but it is not used: {problem}.", name=target.name, problem=status.problem))
            return
    click.echo(tr("Added {name} to {folder}.", name=target.name, folder=target_dir))


@trust.command()
@click.argument("name")
@handle_errors
def remove(name: str) -> None:
    """Stop trusting NAME (a file name shown by `imza trust list`, in your trust folder)."""
    settings = load_settings()
    folder = _user_dir(settings)
    for candidate in (folder / name, folder / "tl-signers" / name):
        if candidate.is_file() and candidate.resolve().parent in (folder.resolve(), (folder / "tl-signers").resolve()):
            candidate.unlink()
            click.echo(tr("Removed {name} from {folder}.", name=name, folder=candidate.parent))
            return
    fail(tr("{name} is not in your trust folder {folder}; `imza trust list` shows what is there.",
            name=name, folder=folder), 2)
