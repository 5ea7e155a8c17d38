"""Every file's verification runs in a worker process under a time and memory budget (issue 14 item 1).

The stand-in jobs below never return (or crash) on files named for it, so the budget alone ends
them: nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from desktop.core.model import FileReport, Indication, SignatureReport
from desktop.verify.batch import verify_many
from desktop.verify.engine import exit_status
from desktop.verify.sandbox import Budget, verify_all


def stand_in(path: Path, **options) -> FileReport:
    """Hangs on *hang*, dies on *crash*, else a passed report naming the worker's pid."""
    name = Path(path).name
    if "hang" in name:
        Path(path).write_text(str(os.getpid()))
        threading.Event().wait()
    if "crash" in name:
        os._exit(7)
    return FileReport(Path(path), "pdf", [SignatureReport(Indication.TOTAL_PASSED, None, str(os.getpid()))])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_file_over_its_time_budget_is_stopped_and_its_worker_replaced(tmp_path, empty_trust):
    paths = [tmp_path / "hang.pdf", tmp_path / "next.pdf"]
    for p in paths:
        p.write_text("x")
    hung, after = verify_all(paths, empty_trust, workers=1, budget=Budget(seconds=1), fn=stand_in)
    (sig,) = hung.signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "GENERIC")
    assert "took longer than 1 s" in sig.message and "hang.pdf" in sig.message and "larger time limit" in sig.message  # no option: the window shows it too
    assert exit_status([hung]) == 2
    hung_pid = int(paths[0].read_text())
    assert not _alive(hung_pid)  # killed, not abandoned
    assert after.worst is Indication.TOTAL_PASSED and int(after.signatures[0].message) != hung_pid


def test_a_file_over_its_memory_budget_is_stopped(tmp_path, empty_trust):
    path = tmp_path / "hang.pdf"
    path.write_text("x")
    (report,) = verify_all([path], empty_trust, workers=1, budget=Budget(seconds=3600, memory_mb=1), fn=stand_in)
    assert report.worst is Indication.INDETERMINATE
    assert "needed more than 1 MB of memory" in report.signatures[0].message


def test_a_crashing_worker_is_reported_and_the_batch_goes_on(tmp_path, empty_trust):
    paths = [tmp_path / "crash.pdf", tmp_path / "fine.pdf"]
    for p in paths:
        p.write_text("x")
    crashed, fine = verify_all(paths, empty_trust, workers=1, budget=Budget(), fn=stand_in)
    assert crashed.worst is Indication.INDETERMINATE and "exit status 7" in crashed.signatures[0].message
    assert fine.worst is Indication.TOTAL_PASSED


def test_the_real_engine_runs_under_the_budget(samples, trust):
    """The CLI's batch goes through the workers: with a 1 MB budget nothing can be verified."""
    (ok,) = verify_many([samples["rsa-B-LT.pdf"]], trust)
    assert ok.worst is Indication.TOTAL_PASSED
    (stopped,) = verify_many([samples["rsa-B-B.pdf"]], trust, budget=Budget(memory_mb=1))
    assert stopped.worst is Indication.INDETERMINATE and exit_status([stopped]) == 2


def test_imza_verify_says_why_and_exits_2(demo, samples):
    from tests.conftest import run_imza

    proc = run_imza(["verify", samples["rsa-B-B.pdf"], "--memory-limit", "1"], demo.env)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "needed more than 1 MB of memory" in proc.stdout and "--memory-limit" not in proc.stdout
    assert "--memory-limit MB" in proc.stderr  # the engine's words name no option; the command adds its own
