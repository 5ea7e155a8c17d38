"""`imza trust list|add|remove`: the certificates and trusted lists verification trusts.

The work is desktop.verify.trust_folder's (the settings' Trust page uses it too); this prints it.
"""

from __future__ import annotations

from pathlib import Path

import click

from desktop.cli.common import handle_errors, load_settings
from desktop.cli.output import echo
from desktop.core.errors import ConfigError
from desktop.core.i18n import tr


def _folders():
    from desktop.verify.trust_folder import TrustFolders

    return TrustFolders.from_setting(load_settings().get("trust_dir"))


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
    from desktop.verify.trust_folder import ROOT, TL_SIGNER, list_trust

    settings = load_settings()
    folders = _folders()
    if settings.get("trust_dir") and not folders.user.is_dir():
        raise ConfigError("The trust folder {folder} does not exist.",
                          "Set trust_dir to an existing folder, or create it with `imza trust add FILE`.", folder=folders.user)
    overview = list_trust(folders)
    for folder in folders.existing:
        echo(f"{folder}:")
        for e in overview.in_folder(folder):
            shown = "tl-signers/" if e.kind == TL_SIGNER else e.name
            if not e.accepted:
                echo(f"  {e.name}: {tr('REFUSED')} — {e.problem}")
            elif e.kind == ROOT:
                echo(f"  {shown}: {tr('root')} {e.subject} ({tr('valid until')} {e.valid_until:%Y-%m-%d})")
            elif e.kind == TL_SIGNER:
                echo(f"  {shown}: {tr('trusted-list signer')} {e.subject}")
            else:
                echo(f"  {shown}: {tr('trusted list')} {e.territory or '?'} ({e.operator or '?'}), "
                     f"{tr('next update')} {e.next_update or '?'}")
                for s in e.services:
                    echo(f"      {s.kind}: {s.name} ({common_name(s.certificate)})")
    if not folders.existing:
        echo(tr("Nothing is trusted yet; add a root certificate or trusted list with `imza trust add FILE`."))


@trust.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--tl-signer", is_flag=True, help="FILE is the certificate trusted lists are signed with.")
@handle_errors
def add(file: Path, tl_signer: bool) -> None:
    """Trust a root certificate (PEM/DER) or a trusted list (.xml) by copying it to your trust folder."""
    from desktop.verify.trust_folder import add_to_trust

    entry = add_to_trust(file, _folders(), tl_signer=tl_signer)
    if not entry.accepted:
        echo(tr("Added {name}, but it is not used: {problem}.", name=entry.path.name, problem=entry.problem))
        return
    echo(tr("Added {name} to {folder}.", name=entry.path.name, folder=entry.path.parent))


@trust.command()
@click.argument("name")
@handle_errors
def remove(name: str) -> None:
    """Stop trusting NAME (a file name shown by `imza trust list`, in your trust folder)."""
    from desktop.verify.trust_folder import remove_from_trust

    removed = remove_from_trust(name, _folders())
    echo(tr("Removed {name} from {folder}.", name=name, folder=removed.parent))
