"""BulkRun in-process, on the demo token: what the CLI tests cannot reach from outside."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pkcs11

from desktop.bulk import plan
from desktop.bulk.journal import Journal
from desktop.bulk.runner import BulkRun, PreparationPool
from desktop.core.model import SignatureLevel
from desktop.signing.session import SigningSession
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens


def test_workers_killed_mid_run_the_letters_are_prepared_here_instead(demo, letters, tmp_path):
    """A preparation process killed (out of memory, a user's kill) loses no letter: the rest are
    prepared in the main process, and the run says so."""
    source, out = letters(12), tmp_path / "out"
    out.mkdir()
    module = demo.state["pkcs11_module"]  # this module only: probing others would load it twice
    pkcs11.lib(module).reinitialize()
    found, _ = list_tokens(module)
    token = choose_token(found, "Citizen ID")
    cert = choose_certificate(token, None)
    journal = Journal.create(out / "journal.sqlite", {"level": "B-B"},
                             plan.jobs_for(plan.collect_sources([source], out), out))
    with PreparationPool(cert.certificate.dump(), workers=2) as pool, TokenSession(token) as session:
        pool.executor.submit(os.getpid).result()  # the workers are up
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)
        session.login("12345")
        summary = BulkRun(journal, SigningSession(session, cert, tsa_url=None), level=SignatureLevel.B_B,
                          pool=pool).run()
    journal.close()
    assert (summary.signed, summary.failed, summary.token_signatures) == (12, 0, 12)
    assert len(list(out.glob("*.pdf"))) == 12
    assert any("preparation processes stopped" in w for w in summary.warnings)
