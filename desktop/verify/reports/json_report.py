"""The JSON envelope of `imza verify --json` (docs/verify-json.md), shared by the CLI and serve-verify."""

from __future__ import annotations

import json

from desktop.core.model import SCHEMA_VERSION, FileReport, to_jsonable


def envelope(reports: list[FileReport]) -> dict:
    """The JSON document of docs/verify-json.md: schema version and one object per file."""
    return {"schema_version": SCHEMA_VERSION, "files": [to_jsonable(r) for r in reports]}


def render(reports: list[FileReport], **_ignored) -> bytes:
    """The envelope as UTF-8 JSON (indented, non-ASCII kept); other keyword arguments are ignored."""
    return (json.dumps(envelope(reports), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
