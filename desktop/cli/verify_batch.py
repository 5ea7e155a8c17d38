"""`imza verify DIR --recursive`: which files in a folder are verified, and the table it prints."""

from __future__ import annotations

import os
from pathlib import Path

import click

from desktop.cli.output import echo
from desktop.core.i18n import ntr, tr
from desktop.core.model import FileReport
from desktop.core.text import printable

# Files that carry signatures. Data files beside a .p7s are verified through their .p7s.
SIGNED_SUFFIXES = {".pdf", ".p7s", ".p7m", ".sig", ".asice", ".sce", ".asics", ".scs"}


def expand(paths: list[Path], recursive: bool) -> list[Path]:
    """With --recursive, each folder becomes the signed files under it (sorted, hidden ones skipped)."""
    if not recursive:
        return list(paths)
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = []
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(root) / n for n in names
                      if not n.startswith(".") and Path(n).suffix.lower() in SIGNED_SUFFIXES]
        out += sorted(found)
    return out


def _cell(text: str, width: int) -> str:
    """Long cells keep their end: for a path, the file's name is what matters."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1:]


def print_table(reports: list[FileReport]) -> None:
    """One line per file: the worst verdict, its reason, the signers and levels; then a summary."""
    rows = []
    for r in reports:
        if r.error or not r.signatures:
            rows.append((str(r.path), tr("UNREADABLE"), "", "", r.error or ""))
            continue
        worst = next(s for s in r.signatures if s.indication is r.worst)
        signers = ", ".join(dict.fromkeys(s.signer or "?" for s in r.signatures if s.kind == "signature"))
        levels = ", ".join(dict.fromkeys(s.level for s in r.signatures if s.level))
        rows.append((str(r.path), str(r.worst), worst.sub_indication or "", levels, signers))
    # escaped before the widths are measured, so the columns stay aligned
    rows = [tuple(printable(c) for c in row) for row in rows]
    headers = (tr("file"), tr("result"), tr("reason"), tr("level"), tr("signers / problem"))
    widths = [min(60, max(len(h), *(len(row[i]) for row in rows))) if rows else len(h)
              for i, h in enumerate(headers)]
    widths[-1] = max(len(headers[-1]), 20)
    line = "  ".join(f"{{:<{w}}}" for w in widths[:-1]) + "  {}"
    echo(line.format(*headers))
    echo(line.format(*("-" * w for w in widths)))
    for row in rows:
        echo(line.format(*(_cell(c, w) for c, w in zip(row[:-1], widths[:-1], strict=True)), row[-1]))
    counts = {"TOTAL-PASSED": 0, "TOTAL-FAILED": 0, "INDETERMINATE": 0, "UNREADABLE": 0}
    for r in reports:
        counts[str(r.worst) if r.signatures and not r.error else "UNREADABLE"] += 1
    echo(ntr("{n} file: {passed} TOTAL-PASSED, {failed} TOTAL-FAILED, {indeterminate} INDETERMINATE, "
             "{unreadable} unreadable",
             "{n} files: {passed} TOTAL-PASSED, {failed} TOTAL-FAILED, {indeterminate} INDETERMINATE, "
             "{unreadable} unreadable", len(reports), passed=counts["TOTAL-PASSED"],
            failed=counts["TOTAL-FAILED"], indeterminate=counts["INDETERMINATE"],
            unreadable=counts["UNREADABLE"]))


def budget_options(command):
    """--time-limit and --memory-limit: what one file's verification may take (desktop/verify/sandbox.py)."""
    command = click.option("--memory-limit", "memory_limit", type=click.IntRange(1, 1 << 20), default=2048,
                           show_default=True, metavar="MB",
                           help="Memory one file's verification may use; beyond it the file is "
                                "INDETERMINATE (exit status 2).")(command)
    return click.option("--time-limit", "time_limit", type=click.FloatRange(0.1, 86400), default=120.0,
                        show_default=True, metavar="SECONDS",
                        help="Time one file's verification may take; beyond it the file is "
                             "INDETERMINATE (exit status 2).")(command)


def budget_of(time_limit: float, memory_limit: int):
    from desktop.verify.sandbox import Budget  # late: start-up time of the CLI

    return Budget(seconds=time_limit, memory_mb=memory_limit)
