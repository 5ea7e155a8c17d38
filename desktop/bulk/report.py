"""The end-of-run report, CSV and JSON, from the journal (so it is complete after a resume)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from desktop.bulk.journal import Journal
from desktop.fsio import write_atomic

FIELDS = ("source", "output", "format", "status", "output_sha256", "source_sha256", "signer", "time", "error")


def rows(journal: Journal) -> list[dict]:
    """One row per letter of the journal, for the CSV and JSON reports.

    `status` is signed, failed or "not signed" (pending when the run stopped); `output` is empty
    unless the letter was signed.
    """
    return [{
        "source": j.source, "output": j.output if j.state == "done" else "", "format": j.format,
        "status": {"done": "signed", "failed": "failed"}.get(j.state, "not signed"),
        "output_sha256": j.output_sha256 or "", "source_sha256": j.source_sha256 or "",
        "signer": j.signer or "", "time": j.finished_at or "", "error": j.error or "",
    } for j in journal.jobs()]


def write_reports(journal: Journal, out_dir: Path) -> tuple[Path, Path]:
    """Write bulk-report.csv and bulk-report.json into `out_dir` (atomically, replacing earlier ones); returns both paths."""
    data = rows(journal)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS)
    w.writeheader()
    w.writerows(data)
    csv_path, json_path = out_dir / "bulk-report.csv", out_dir / "bulk-report.json"
    write_atomic(csv_path, buf.getvalue().encode("utf-8"))
    write_atomic(json_path, json.dumps({"letters": data}, indent=2, ensure_ascii=False).encode("utf-8"))
    return csv_path, json_path
