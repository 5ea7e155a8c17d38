"""What may be sent: each document verified (the verify engine) against the recipient's rules.

Before anything enters the outbox, every document must verify TOTAL-PASSED, every signature
in it must reach the recipient's required level, its format must be accepted, and the whole
submission must fit the recipient's maximum size. A refusal says which rule failed and what to
do, so nothing is queued that the portal would reject for these reasons.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.files import check_readable, file_looks_like_pdf
from desktop.core.model import FileReport, Indication, SignatureLevel
from desktop.portal.errors import DocumentRefused
from desktop.portal.model import Recipient

CONTENT_TYPES = {".pdf": "application/pdf", ".p7s": "application/pkcs7-signature"}


@dataclass
class PreparedFile:
    """One file of a submission, as it will be uploaded."""

    name: str
    path: Path
    sha256: str
    size: int
    content_type: str


@dataclass
class CheckedDocument:
    """A document that may be sent, its verification report, and the files that go (the PDF; or data file then .p7s)."""

    source: Path
    format: str  # "pades" | "cades"
    report: FileReport
    files: list[PreparedFile]  # the PDF; or the data file then its .p7s


Verifier = Callable[..., FileReport]


def _prepared(path: Path) -> PreparedFile:
    data = path.read_bytes()
    return PreparedFile(path.name, path, hashlib.sha256(data).hexdigest(), len(data),
                        CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"))


def _pair(path: Path) -> tuple[str, Path, Path | None]:
    """(format, file to verify, detached data file) for what the user named."""
    if file_looks_like_pdf(path):
        return "pades", path, None
    if path.suffix.lower() == ".p7s":
        data = path.with_suffix("")
        if not data.is_file():
            raise DocumentRefused("{path} is a detached signature, but the signed file {data} is not beside it.",
                                  "Put the signed file in the same folder and submit again.", path=path, data=data.name)
        return "cades", path, data
    signature = path.with_name(path.name + ".p7s")
    if signature.is_file():
        return "cades", signature, path
    raise DocumentRefused("{path} is not signed.",
                          "Sign it first: `imza sign {name}`, then submit the signed file.", path=path, name=path.name)


def _why_not_passed(report: FileReport) -> str:
    for s in report.signatures:
        if s.indication is not Indication.TOTAL_PASSED:
            sub = f" / {s.sub_indication}" if s.sub_indication else ""
            return f"{s.indication}{sub}: {s.message}"
    return str(report.worst)


def check_document(path: Path, recipient: Recipient, verify: Verifier, **verify_options) -> CheckedDocument:
    """Whether `path` may be sent to `recipient`, and the files that would go.

    A PDF goes as itself; a data file with NAME.p7s beside it (or a .p7s with its data) goes as
    the pair. Raises InputError when it cannot be read, DocumentRefused when the recipient does not
    accept the format, the signature does not verify (TOTAL-PASSED is required) or its level is
    below the recipient's. `verify` is the verify engine's `verify_file` (or a stand-in);
    `verify_options` go to it.
    """
    path = Path(path)
    check_readable(path)
    fmt, signed, data_file = _pair(path)
    rules = recipient.requirements
    name = recipient.name.get()
    if fmt not in rules.accepted_formats:
        wanted = " or ".join("signed PDF (PAdES)" if f == "pades" else "detached .p7s (CAdES)"
                             for f in rules.accepted_formats)
        raise DocumentRefused("{name} does not accept {fmt} documents; it accepts {wanted}.",
                              "Sign the document in an accepted format and submit again.", name=name, fmt=fmt.upper(), wanted=wanted)
    report = verify(signed, data_file=data_file, **verify_options)
    if report.error:
        raise DocumentRefused(report.error)  # the verify engine's line already says what to do
    if not report.signatures:
        raise DocumentRefused("{path} carries no signature.",
                              "Sign it first with `imza sign`, then submit the signed file.", path=signed)
    if report.worst is not Indication.TOTAL_PASSED:
        raise DocumentRefused("{path} cannot be sent: its signature does not verify ({why}).",
                              "`imza verify {name}` shows the details; sign the document again.", path=signed, why=_why_not_passed(report), name=signed.name)
    for s in report.signatures:
        level = _level(s.level)
        if level is None or level.rank < rules.required_level.rank:
            raise DocumentRefused(
                "{path} is signed at level {level}, but {name} requires {required} or higher.",
                "Sign the original again with `--level {required}`.", path=signed, level=s.level or "?", name=name, required=rules.required_level)
    files = [_prepared(data_file), _prepared(signed)] if data_file else [_prepared(signed)]
    return CheckedDocument(path, fmt, report, files)


def check_submission(paths: list[Path], recipient: Recipient, verify: Verifier,
                     on_checked: Callable[[CheckedDocument], None] | None = None,
                     **verify_options) -> list[CheckedDocument]:
    """Every document checked; refuses the whole submission on the first that may not be sent."""
    if not paths:
        raise DocumentRefused("Nothing to submit.", "Name the signed file(s) to send.")
    checked: list[CheckedDocument] = []
    names: set[str] = set()
    for path in paths:
        doc = check_document(path, recipient, verify, **verify_options)
        for f in doc.files:
            if f.name in names:
                raise DocumentRefused("Two files named {name} would be sent.",
                                      "Rename one of them and submit again.", name=f.name)
            names.add(f.name)
        checked.append(doc)
        if on_checked:
            on_checked(doc)
    total = sum(f.size for d in checked for f in d.files)
    limit = recipient.requirements.max_size_bytes
    if total > limit:
        raise DocumentRefused("The submission is {size} but {name} accepts at most {limit}.",
                              "Send fewer or smaller files.", size=_size(total), name=recipient.name.get(), limit=_size(limit))
    return checked


def _level(text: str | None) -> SignatureLevel | None:
    try:
        return SignatureLevel(text) if text else None
    except ValueError:
        return None


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
