"""Verification reports written to a file: JSON, HTML, PDF, and the ETSI TS 119 102-2 XML.

The format follows the file's extension. Human reports (HTML, PDF) are in the language of
desktop.core.i18n (IMZA_LANG; the CLI sets it from the `language` setting).
"""

from __future__ import annotations

import importlib
from datetime import datetime
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.model import FileReport
from desktop.fsio import write_atomic

# extension -> module in this package with render(reports, verified_at=...) -> str | bytes
FORMATS = {".json": "json_report", ".html": "html", ".htm": "html", ".pdf": "pdf", ".xml": "xml_etsi"}


def check_report_path(path: Path) -> None:
    """Refuse an unknown extension before any verification work."""
    if Path(path).suffix.lower() not in FORMATS:
        raise InputError("{path}: the report format is chosen by the extension, and this one is not known.",
                         "Use .html, .pdf, .json or .xml (ETSI TS 119 102-2).", path=path)


def render(path: Path, reports: list[FileReport], *, verified_at: datetime | None = None) -> bytes:
    """The report of `reports` in the format `path`'s extension names (FORMATS), as bytes to write.

    Raises InputError for an extension with no format. `verified_at`: the moment shown as the time
    of verification (default: now).
    """
    check_report_path(path)
    module = importlib.import_module(f"{__name__}.{FORMATS[Path(path).suffix.lower()]}")
    out = module.render(reports, verified_at=verified_at)
    return out.encode("utf-8") if isinstance(out, str) else out


def write_report(path: Path, reports: list[FileReport], *, verified_at: datetime | None = None) -> Path:
    """Render and write atomically (an existing report is replaced)."""
    path = Path(path)
    write_atomic(path, render(path, reports, verified_at=verified_at))
    return path
