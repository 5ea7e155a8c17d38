"""What the portal offers and answers, as plain data (rendered by the CLI and the GUI)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.model import SignatureLevel

# docs/portal-openapi.yaml, GET /v1/submissions/{id}: the id's pattern. An id outside it is never
# put into a URL (a '../' or '?' in it would make the client call another API path).
_SUBMISSION_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


def valid_submission_id(value: object) -> bool:
    """Whether `value` is a submission id the client accepts (the OpenAPI pattern); any other is refused."""
    return isinstance(value, str) and _SUBMISSION_ID.fullmatch(value) is not None


@dataclass(frozen=True)
class LocalizedName:
    """A name the portal gives in Azerbaijani, Russian and English."""

    az: str
    ru: str
    en: str

    def get(self, lang: str = "en") -> str:
        """The name in `lang`, else the English one (a language the portal left empty falls back too)."""
        return getattr(self, lang, None) or self.en

    @classmethod
    def from_json(cls, data: dict) -> LocalizedName:
        return cls(az=str(data.get("az", "")), ru=str(data.get("ru", "")), en=str(data.get("en", "")))


@dataclass(frozen=True)
class Requirements:
    """What a recipient accepts."""

    accepted_formats: tuple[str, ...]  # "pades", "cades"
    max_size_bytes: int
    required_level: SignatureLevel

    @classmethod
    def from_json(cls, data: dict) -> Requirements:
        return cls(tuple(data["accepted_formats"]), int(data["max_size_bytes"]),
                   SignatureLevel(data["required_level"]))


class RecipientKind(enum.StrEnum):
    SERVICE = "service"  # an e-service a citizen applies to
    ORGANIZATION = "organization"  # an agency an official writes a letter to


@dataclass(frozen=True)
class Recipient:
    """An e-service or an organisation: where a submission goes."""

    kind: RecipientKind
    id: str
    name: LocalizedName
    requirements: Requirements
    organization_id: str | None = None
    organization_name: LocalizedName | None = None

    @classmethod
    def service(cls, data: dict) -> Recipient:
        """From an entry of GET /v1/services (the organisation behind it, when given)."""
        org = data.get("organization") or {}
        return cls(RecipientKind.SERVICE, data["id"], LocalizedName.from_json(data["name"]),
                   Requirements.from_json(data), org.get("id"),
                   LocalizedName.from_json(org["name"]) if "name" in org else None)

    @classmethod
    def organization(cls, data: dict) -> Recipient:
        """From an entry of GET /v1/organizations."""
        return cls(RecipientKind.ORGANIZATION, data["id"], LocalizedName.from_json(data["name"]),
                   Requirements.from_json(data))

    def matches(self, query: str) -> bool:
        """For a searchable list: the query in the id or any language's name (case-insensitive)."""
        q = query.casefold().strip()
        names = [self.id, self.name.az, self.name.ru, self.name.en]
        if self.organization_name:
            names += [self.organization_name.az, self.organization_name.ru, self.organization_name.en]
        return not q or any(q in n.casefold() for n in names)


class SubmissionStatus(enum.StrEnum):
    """A submission's state at the portal: received → accepted → delivered, or rejected."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DELIVERED = "delivered"

    @property
    def final(self) -> bool:
        """Rejected or delivered: it will not change again, so it is no longer asked about."""
        return self in (SubmissionStatus.REJECTED, SubmissionStatus.DELIVERED)


@dataclass
class RemoteSubmission:
    """A submission as the portal reports it."""

    id: str
    status: SubmissionStatus
    reason: str | None
    created_at: str
    updated_at: str
    files: list[dict]
    receipt: bytes
    replayed: bool = False  # the portal answered an Idempotency-Key it already had


@dataclass
class Subject:
    """Who is logged in, as the portal read it from the certificate."""

    name: str
    serial_number: str | None = None
    organization: str | None = None
    certificate_sha256: str = ""

    @classmethod
    def from_json(cls, data: dict) -> Subject:
        return cls(str(data.get("name", "")), data.get("serial_number"), data.get("organization"),
                   str(data.get("certificate_sha256", "")))


@dataclass
class ReceiptCheck:
    """The verdict on a portal receipt, with what it says."""

    verified: bool
    problem: str | None = None  # why it is not verified
    signer: str | None = None
    signed_at: datetime | None = None
    submission_id: str | None = None
    received_at: str | None = None
    files: list[dict] = field(default_factory=list)


class Phase(enum.StrEnum):
    """Where sending one outbox entry is (Progress.phase)."""

    SENDING = "sending"
    UPLOADING = "uploading"  # sent_bytes / total_bytes tell how far
    WAITING = "waiting"  # wait_seconds before the next attempt (Retry-After or backoff)
    SENT = "sent"  # the portal has it; receipt checked
    DEFERRED = "deferred"  # not sent now; stays in the outbox for a later retry
    FAILED = "failed"  # the portal refused it; will not be retried automatically
    STATUS = "status"  # a status update from polling


@dataclass
class Progress:
    """A step of sending one outbox entry, as the on_progress callback gets it."""

    item_id: int
    phase: Phase
    message: str = ""
    sent_bytes: int = 0
    total_bytes: int = 0
    wait_seconds: float | None = None
