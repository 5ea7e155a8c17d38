"""exit_status: the one number a script gets for a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.model import FileReport, Indication, SignatureReport
from desktop.verify.engine import exit_status


def _file(*indications: Indication, error: str | None = None) -> FileReport:
    sigs = [SignatureReport(i, None, "") for i in indications]
    return FileReport(Path("x.pdf"), "pdf", sigs, error=error)


P, F, U = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE
UNREADABLE = _file(error="x.pdf is empty.")


@pytest.mark.parametrize(("reports", "status"), [
    ([_file(P), _file(P, P)], 0),
    ([_file(P), _file(P, F)], 1),
    ([_file(P), _file(U, P)], 2),
    ([_file(U), _file(F)], 1),
    ([_file(P), UNREADABLE], 3),
    ([_file(U), UNREADABLE], 3),
    ([_file(F), UNREADABLE], 1),  # a failed signature is never hidden behind a read error
    ([_file()], 3),  # no signature at all
    ([], 3),
])
def test_exit_status(reports, status):
    assert exit_status(reports) == status
