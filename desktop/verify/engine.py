"""Verify files: recognise each by its content, dispatch, and sum up an exit status.

Nothing leaves `verify_file` as an exception: a file that cannot be verified comes back as a
FileReport whose `error` is one line saying what is wrong and what to do.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm

from desktop.core.errors import InputError
from desktop.core.files import check_readable, file_looks_like_pdf, looks_like_pdf
from desktop.core.i18n import tr
from desktop.core.logs import quiet_pyhanko
from desktop.core.model import FileReport, Indication
from desktop.verify import asice, cades, pades, policy
from desktop.verify import report as rep
from desktop.verify.trust import TrustStore, nothing_trusted_text

quiet_pyhanko()

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_INDETERMINATE = 2
EXIT_UNREADABLE = 3


def sniff(data: bytes) -> str | None:
    """"pdf", "cms", "asice" or None, from the content (the extension may lie)."""
    if looks_like_pdf(data):
        return "pdf"
    if asice.looks_like_asic(data):
        return "asice"
    if cades.looks_like_cms(data):
        return "cms"
    return None


def _read(path: Path) -> bytes | str:
    """The file's bytes, or one line saying why they cannot be had."""
    try:
        check_readable(path)
        data = path.read_bytes()
    except InputError as e:
        return str(e)
    except OSError as e:
        return tr("{path} cannot be read ({error}).", path=path, error=e.strerror or e)
    if not data:  # emptied since the check
        return str(InputError("{path} is empty.", "Check that the file was saved completely.", path=path))
    return data


async def averify_file(path: Path, trust: TrustStore, *, offline: bool = False,
                       data_file: Path | None = None, at: datetime | None = None) -> FileReport:
    """`at`: validate at that past moment (with the data the file carries) instead of now."""
    token = policy.VALIDATION_TIME.set(at)
    try:
        report = await _averify_file(Path(path), trust, offline=offline, data_file=data_file)
    finally:
        policy.VALIDATION_TIME.reset(token)
    _explain_untrusted(report, trust)
    return report


def _explain_untrusted(report: FileReport, trust: TrustStore) -> None:
    """A signature that chains to nothing trusted says which trust lists were refused, and why."""
    problems = trust.problems
    for s in report.signatures:
        if problems and s.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND":
            s.warnings.extend(problems)
        if trust.nothing_trusted and s.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND":
            s.warnings.insert(0, nothing_trusted_text())


def _is_container(path: Path) -> bool:
    """An ASiC container, recognised without reading it whole: it is then verified as a stream
    (its members may unpack to far more than memory holds)."""
    return not file_looks_like_pdf(path) and asice.looks_like_asic_file(path)


async def _averify_file(path: Path, trust: TrustStore, *, offline: bool,
                        data_file: Path | None) -> FileReport:
    container = _is_container(path)
    data = b"" if container else _read(path)
    if isinstance(data, str):
        return FileReport(path, "unknown", [], error=data)
    kind = "asice" if container else sniff(data)
    try:
        if kind == "pdf":
            return await pades.verify_pdf(path, data, trust, offline=offline)
        if kind == "cms":
            return await cades.verify_cms(path, data, trust, offline=offline, data_file=data_file)
        if kind == "asice":
            return await asice.verify_asic(path, data or None, trust, offline=offline)
    except Exception as e:  # noqa: BLE001 - a bug must not abort a batch; it is reported, not hidden
        # damaged data found late (a certificate's key of no known type, too), not a bug
        if (rep.raised_by_asn1crypto(e) or rep.raised_by_pdf_parser(e)
                or isinstance(e, (UnsupportedAlgorithm, *rep.CMS_STRUCTURE_ERRORS))):
            return FileReport(path, kind or "unknown", [], error=tr(
                "{path} is damaged: a signature, certificate or PDF structure in it cannot be read ({error}); "
                "get a fresh copy.", path=path, error=rep.short(e) or type(e).__name__))
        return FileReport(path, kind or "unknown", [], error=tr(
            "{path} could not be verified because of an internal error ({error}); please report it.",
            path=path, error=f"{type(e).__name__}: {e}"))
    if path.suffix.lower() in cades.SIGNATURE_SUFFIXES:
        return FileReport(path, "unknown", [], error=tr(
            "{path} is not a readable signature file (damaged, or not CMS/PKCS#7); get a fresh copy.", path=path))
    return FileReport(path, "unknown", [], error=tr(
        "{path} is neither a PDF nor a CMS signature file (.p7s) nor an ASiC-E container; "
        "pass a signed PDF, a .p7s or an .asice.", path=path))


async def averify_files(paths: list[Path], trust: TrustStore, *, offline: bool = False,
                        data_file: Path | None = None, at: datetime | None = None) -> list[FileReport]:
    """`averify_file` of each path in turn, in order (the async form of `verify_files`).

    `data_file` applies to every path; pass one path when it is a detached signature's data.
    """
    return [await averify_file(p, trust, offline=offline, data_file=data_file, at=at) for p in paths]


def verify_file(path: Path, trust: TrustStore, *, offline: bool = False,
                data_file: Path | None = None, at: datetime | None = None) -> FileReport:
    """Verify every signature in one PDF or detached .p7s. `offline` guarantees no network access;
    `at` validates at that past moment instead of now."""
    return asyncio.run(averify_file(path, trust, offline=offline, data_file=data_file, at=at))


def verify_files(paths: list[Path], trust: TrustStore, *, offline: bool = False,
                 data_file: Path | None = None, at: datetime | None = None) -> list[FileReport]:
    """Verify several files in one event loop; one report per path, in order."""
    return asyncio.run(averify_files(list(paths), trust, offline=offline, data_file=data_file, at=at))


def exit_status(reports: list[FileReport]) -> int:
    """0 all TOTAL-PASSED; 1 any TOTAL-FAILED; 3 any unreadable input (and none failed);
    2 any INDETERMINATE (none failed, all readable).

    A forged signature outranks everything else: a script must not mistake it for a read error.
    """
    if any(r.worst is Indication.TOTAL_FAILED for r in reports):
        return EXIT_FAILED
    if not reports or any(r.error or not r.signatures for r in reports):
        return EXIT_UNREADABLE
    if any(r.worst is Indication.INDETERMINATE for r in reports):
        return EXIT_INDETERMINATE
    return EXIT_PASSED
