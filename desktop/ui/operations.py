"""What the window asks of the engine, as plain functions run in workers (never in a widget).

No Qt here: each function takes what the dialog collected, calls the engine, and returns a
plain result or raises ImzaError. Token work holds `watch.exclusive()` so the token panel's
poll never re-initialises a module under a login. PINs are parameters only: never stored.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.config import Settings
from desktop.core.model import (
    FileReport,
    SignatureFormat,
    SignatureLevel,
    SignRequest,
    VisibleSignature,
)

# Engine imports in workers go one thread at a time: pyhanko's modules import each other in cycles,
# and a second thread importing them meanwhile can meet a partially initialised module (ImportError).
ENGINE_IMPORT = threading.Lock()


@dataclass(frozen=True)
class FileFacts:
    """What the window shows for a file it cannot preview."""

    name: str
    size: int
    mime: str
    sha256: str


def file_facts(path: Path, task=None) -> FileFacts:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            if task is not None:
                task.check_cancelled()
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileFacts(path.name, path.stat().st_size, mime, digest.hexdigest())


def signature_file_for(path: Path) -> Path | None:
    """The detached signature beside a data file (contract.docx → contract.docx.p7s), if any."""
    p7s = path.with_name(path.name + ".p7s")
    return p7s if p7s.is_file() else None


def verify(path: Path, settings: Settings, *, offline: bool, data_file: Path | None = None) -> FileReport:
    with ENGINE_IMPORT:
        from desktop.verify.engine import verify_file
        from desktop.verify.trust import TrustStore

    trust = TrustStore.from_setting(settings.get("trust_dir"))
    report = verify_file(path, trust, offline=offline, data_file=data_file)
    if report.error and not report.signatures and report.kind == "pdf" and not has_signature_fields(path):
        # The engine calls an unsigned PDF an error (nothing to verify: exit 3 for scripts);
        # in the window it is simply a document that is not signed yet.
        return FileReport(path, "pdf", [])
    return report


def has_signature_fields(path: Path) -> bool:
    from io import BytesIO

    with ENGINE_IMPORT:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader = PdfFileReader(BytesIO(path.read_bytes()), strict=False)
        return any(True for _ in enumerate_sig_fields(reader, filled_status=True))
    except Exception:  # noqa: BLE001 - unreadable: let the engine's message stand
        return True


def container_members(path: Path) -> list:
    """The data files inside an ASiC container (desktop.verify.container_files.Member)."""
    from desktop.verify.container_files import members

    return members(path)


def save_member(path: Path, name: str, out: Path, task=None) -> Path:
    """Copy the data file `name` out of the container at `path` to `out`."""
    from desktop.verify.container_files import copy_out

    return copy_out(path, name, out, task)


OPEN_PREFIX = "imza-open-"  # + this process's id: copies opened for viewing go under it
_OPENED: list[Path] = []  # this process's private folder for those copies, made on first use


def _opened_root() -> Path:
    import tempfile

    if not _OPENED:  # mkdtemp: private to this user (0700), a fresh name every time
        _OPENED.append(Path(tempfile.mkdtemp(prefix=f"{OPEN_PREFIX}{os.getpid()}-")))
    return _OPENED[0]


def _opened_folder(container: Path) -> Path:
    """The folder under this process's root that holds the copies opened from `container`."""
    return _opened_root() / hashlib.sha256(os.fsencode(container)).hexdigest()[:16]


def open_member(path: Path, name: str, task=None) -> Path:
    """Copy the data file `name` out of the container to a private temporary folder, to be opened
    with the system's viewer; returns the copy (never executable, under a plain file name).
    The copies are removed by `forget_opened` (the document is closed) or `remove_opened` (exit)."""
    import tempfile

    from desktop.verify.container_files import copy_out, safe_name

    parent = _opened_folder(path)
    parent.mkdir(mode=0o700, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=parent))  # one folder per copy: names never collide
    return copy_out(path, name, folder / safe_name(name), task)


def forget_opened(container: Path) -> None:
    """Remove the copies opened from `container` (its document was closed)."""
    if _OPENED:
        shutil.rmtree(_opened_folder(container), ignore_errors=True)


def remove_opened() -> None:
    """Remove every copy this process opened for viewing (the window is closing)."""
    if _OPENED:
        shutil.rmtree(_OPENED.pop(), ignore_errors=True)


def remove_stale_opened(tmp: Path | None = None) -> list[Path]:
    """Remove the folders of copies left by an Imza of this user that is no longer running (it was
    killed, or crashed); another user's folders and a running Imza's are left alone."""
    import tempfile

    removed = []
    if os.name != "posix":  # the temporary folder is the user's own there, and os.kill would end a process
        return removed
    root = Path(tmp) if tmp is not None else Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(OPEN_PREFIX):
            continue
        pid = entry.name[len(OPEN_PREFIX):].split("-", 1)[0]
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or (pid.isdigit() and _alive(int(pid))):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but is another user's: not ours to judge
        return True
    return True


def signable(path: Path) -> SignatureFormat:
    """The engine's answer to "can this file be signed, and how": the format `imza sign` would use,
    or InputError (a damaged or encrypted .pdf is refused, never offered as a .p7s instead)."""
    from desktop.signing.inputs import check_signable

    return check_signable(path)


def default_level(settings: Settings) -> SignatureLevel:
    """The `default_level` setting, or B-T when a time-stamping service is set, else B-B."""
    value = str(settings.get("default_level")).upper()
    if value in {lvl.value for lvl in SignatureLevel}:
        return SignatureLevel(value)
    return SignatureLevel.B_T if settings.get("tsa_url") else SignatureLevel.B_B


@dataclass(frozen=True)
class SignChoice:
    """What the signing dialog collected (no PIN: that comes later, straight into `sign`)."""

    token: object  # TokenInfo
    certificate: object  # CertificateEntry
    format: SignatureFormat
    level: SignatureLevel
    visible: VisibleSignature | None = None
    reason: str | None = None
    location: str | None = None


def plan(sources: list[Path], choice: SignChoice, *, force: bool = False) -> list[SignRequest]:
    """Check the inputs and name the outputs before any PIN is asked (raises OutputExistsError)."""
    with ENGINE_IMPORT:
        from desktop.signing.inputs import plan as plan_requests

    requests = plan_requests(sources, fmt=choice.format, level=choice.level, force=force,
                             reason=choice.reason, location=choice.location,
                             visible=choice.visible if choice.format is SignatureFormat.PADES else None)
    return requests


def sign(requests: list[SignRequest], choice: SignChoice, pin, settings: Settings, task) -> list:
    """Log in once with `pin` (a str, or PinPad) and sign every request; returns SignResults.

    Cancelling stops after the document being signed; a wrong PIN raises PinError and is not retried.
    """
    with ENGINE_IMPORT:
        from desktop.signing.session import SigningSession
        from desktop.tokens.session import TokenSession
        from desktop.tokens.watch import exclusive
        from desktop.verify.trust import TrustStore

    task.check_cancelled()
    trust = TrustStore.from_setting(settings.get("trust_dir"))
    results = []

    def on_result(result) -> None:
        results.append(result)
        task.progress(len(results), len(requests), str(result.request.source.name))
        if len(results) < len(requests):
            task.check_cancelled()

    with exclusive(), TokenSession(choice.token) as session:
        session.login(pin)
        del pin  # not kept beyond the login
        signing = SigningSession(session, choice.certificate, tsa_url=settings.get("tsa_url") or None, trust=trust)
        task.progress(0, len(requests), "")
        signing.sign_all(requests, on_result=on_result)
    return results


def change_pin(token, old_pin: str, new_pin: str) -> None:
    from desktop.tokens import pin
    from desktop.tokens.watch import exclusive

    with exclusive():
        pin.change_pin(token, old_pin, new_pin)


def unblock_pin(token, puk: str, new_pin: str) -> None:
    from desktop.tokens import pin
    from desktop.tokens.watch import exclusive

    with exclusive():
        pin.unblock_pin(token, puk, new_pin)


def pin_rules(token):
    from desktop.tokens.pin import pin_rules as rules

    return rules(token)


def discover_modules(module_setting: str) -> list:
    from desktop.tokens import discovery
    from desktop.tokens.watch import exclusive

    with exclusive():
        return [c for c, _ in discovery.discover(module_setting)]


def nothing_trusted(settings: Settings) -> str | None:
    """The sentence to show when verification trusts no certification centre at all, else None."""
    from desktop.core.errors import ImzaError

    with ENGINE_IMPORT:
        from desktop.verify.trust import TrustStore, nothing_trusted_text

    try:
        store = TrustStore.from_setting(settings.get("trust_dir"))
    except ImzaError:
        return None  # a trust folder that is missing or broken is said when a document is verified
    return nothing_trusted_text() if store.nothing_trusted else None


def inspect_root(path: Path):
    """What the window shows before trusting a root certificate (desktop.verify.trust_folder.CandidateRoot)."""
    with ENGINE_IMPORT:
        from desktop.verify.trust_folder import inspect_certificate

    return inspect_certificate(path)


def add_root(path: Path, settings: Settings):
    """Copy the root certificate to the user's trust folder, as `imza trust add FILE` does."""
    with ENGINE_IMPORT:
        from desktop.verify.trust_folder import TrustFolders, add_to_trust

    return add_to_trust(path, TrustFolders.from_setting(settings.get("trust_dir")))
