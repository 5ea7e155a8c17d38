"""Plain data types of the engine: what is asked of it and what it answers.

These are rendered by both faces: the CLI prints them (text or JSON), the GUI shows them.
The JSON form of `FileReport` is a documented, stable schema (docs/verify-json.md):
add fields, never rename or remove one without bumping SCHEMA_VERSION.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

SCHEMA_VERSION = 1


class SignatureFormat(enum.StrEnum):
    """How a file is signed: inside a PDF (PAdES), beside any file (detached CAdES .p7s), or in an ASiC-E container."""

    PADES = "pades"
    CADES = "cades"
    ASICE = "asice"  # ASiC-E container (EN 319 162-1) with a CAdES signature over its manifest


class SignatureLevel(enum.StrEnum):
    """ETSI baseline levels (EN 319 142-1 for PAdES, EN 319 122-1 for CAdES)."""

    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @property
    def rank(self) -> int:
        """The level's position in B-B < B-T < B-LT < B-LTA (EN 319 142-1 / 122-1 baseline levels)."""
        return list(SignatureLevel).index(self)

    @property
    def needs_timestamp(self) -> bool:
        """B-T and above: a signature time-stamp from a TSA is part of the signature."""
        return self.rank >= SignatureLevel.B_T.rank

    @property
    def needs_validation_data(self) -> bool:
        """B-LT and above: certificates and revocation data are fetched and embedded when signing."""
        return self.rank >= SignatureLevel.B_LT.rank


class Indication(enum.StrEnum):
    """ETSI EN 319 102-1 main status indication."""

    TOTAL_PASSED = "TOTAL-PASSED"
    TOTAL_FAILED = "TOTAL-FAILED"
    INDETERMINATE = "INDETERMINATE"


@dataclass(frozen=True)
class VisibleSignature:
    """Where a visible signature goes: a page (0-based) and a box in PDF points, origin bottom-left."""

    page: int
    box: tuple[float, float, float, float]  # x1, y1, x2, y2
    image: Path | None = None  # PNG, JPEG or PDF drawn faintly behind the words


@dataclass(frozen=True)
class SignRequest:
    """One document to sign, and how."""

    source: Path
    output: Path
    format: SignatureFormat
    level: SignatureLevel
    reason: str | None = None
    location: str | None = None
    force: bool = False
    visible: VisibleSignature | None = None
    # ASiC-E: every file that goes into the container, `source` first.
    container_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class SignOutcome:
    """What signing one request wrote: where, in which format and level, and the signer's name."""

    source: Path
    output: Path
    format: SignatureFormat
    level: SignatureLevel
    signer: str


@dataclass
class CertInfo:
    """One certificate in a chain, as a person reads it."""

    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    sha256: str


@dataclass
class RevocationSource:
    """Where the revocation status of one certificate came from."""

    certificate: str
    kind: str  # "OCSP" | "CRL" | "none"
    origin: str  # "embedded (DSS)" | "embedded (CMS)" | "embedded (Adobe revocation archival)" | "fetched" | "none"
    produced_at: datetime | None = None


@dataclass
class TimestampReport:
    """The verdict on one signature time-stamp: an RFC 3161 token in the signer's unsigned
    attribute id-aa-signatureTimeStampToken (CAdES/PAdES B-T and up), judged on its own
    (EN 319 102-1, 5.4). Only a TOTAL-PASSED time-stamp proves when the signature existed."""

    indication: Indication
    sub_indication: str | None
    message: str
    time: datetime | None = None  # genTime, as the token states it
    authority: str | None = None  # common name of the time-stamping authority's certificate
    authority_certificate: CertInfo | None = None
    # The token's message imprint is the hash of the signature value it claims to time-stamp.
    imprint_matches: bool | None = None
    cryptographically_valid: bool | None = None  # the token's own signature verifies
    trusted: bool | None = None  # the authority's certificate chains to the trust store and passed
    chain: list[CertInfo] = field(default_factory=list)
    revocation: list[RevocationSource] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str = "signature-timestamp"
    token_sha256: str | None = None  # SHA-256 of the token's DER (its identity in reports)


@dataclass
class SignatureReport:
    """The verdict on one signature, with the facts behind it."""

    indication: Indication
    sub_indication: str | None
    message: str
    signer: str | None = None
    signer_certificate: CertInfo | None = None
    field_name: str | None = None
    claimed_signing_time: datetime | None = None
    timestamp_time: datetime | None = None
    timestamp_authority: str | None = None
    level: str | None = None
    coverage: str | None = None  # "entire-file" | "entire-revision" | "partial" | "detached-data"
    modification_level: str | None = None
    intact: bool | None = None
    cryptographically_valid: bool | None = None
    trusted: bool | None = None
    chain: list[CertInfo] = field(default_factory=list)
    revocation: list[RevocationSource] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str = "signature"  # "signature" | "document-timestamp"
    # PDF: the revision this signature signs (1-based); later revisions are not covered by it.
    revision: int | None = None
    # PDF: every change made after this signature, in words ("page 1 content was modified
    # after the signature by revision 3"); empty when nothing followed it.
    changes: list[str] = field(default_factory=list)
    # ASiC containers: the data files this signature covers (digests checked), else empty.
    covered_files: list[str] = field(default_factory=list)
    # The signature time-stamps, each with its own verdict, in the order the signature holds them.
    timestamps: list[TimestampReport] = field(default_factory=list)

    def proven_time(self) -> datetime | None:
        """The earliest time a valid signature time-stamp proves, or None."""
        times = [t.time for t in self.timestamps if t.indication is Indication.TOTAL_PASSED and t.time]
        return min(times) if times else None


@dataclass
class FileReport:
    """The verification of one file: its signatures' verdicts, or `error` (one line, translated)
    when it could not be verified at all.
    """

    path: Path
    kind: str  # "pdf" | "cms" | "asice" | "unknown" (when the file could not be read or recognised)
    signatures: list[SignatureReport]
    data_file: Path | None = None
    error: str | None = None  # set when the file could not be read at all
    revisions: int | None = None  # PDF: how many revisions (incremental updates + 1) the file has

    @property
    def worst(self) -> Indication | None:
        """The worst indication over all signatures (FAILED beats INDETERMINATE beats PASSED)."""
        found = {s.indication for s in self.signatures}
        for ind in (Indication.TOTAL_FAILED, Indication.INDETERMINATE, Indication.TOTAL_PASSED):
            if ind in found:
                return ind
        return None


def to_jsonable(obj):
    """Dataclasses, enums, paths and datetimes to plain JSON types."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    return obj
