"""Submitting through the outbox to the reference portal: checks first, receipts, statuses."""

from __future__ import annotations

import shutil

import pytest

from desktop.portal.errors import DocumentRefused, OutboxError, PortalError
from desktop.portal.model import Phase, RecipientKind, SubmissionStatus
from desktop.portal.outbox import ItemState
from desktop.portal.receipts import verify_receipt

SERVICE, ORG = RecipientKind.SERVICE, RecipientKind.ORGANIZATION


def _stored_once(portal, item) -> dict:
    stored = portal.stored(item.idempotency_key)
    assert len(stored) == 1, stored
    return stored[0]


def test_submit_a_signed_application_and_verify_the_receipt(workspace, portal, signed):
    phases = []
    workspace.sender.on_progress = lambda p: phases.append(p.phase)
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    result = workspace.submit([signed.citizen_bt], appeal, "Application", "R-42")
    item = result.item
    assert result.sent and result.error is None
    assert item.state is ItemState.SENT and item.remote_status is SubmissionStatus.RECEIVED
    assert item.receipt_verified is True and item.receipt_problem is None
    assert item.summary == "received, receipt verified"
    stored = _stored_once(portal, item)
    assert stored["id"] == item.remote_id and stored["files"][0]["sha256"] == item.files[0].sha256
    assert Phase.SENDING in phases and Phase.UPLOADING in phases and phases[-1] is Phase.SENT
    # the outbox kept its own copy, so later changes to the user's file change nothing
    assert item.files[0].path.read_bytes() == signed.citizen_bt.read_bytes()
    assert item.files[0].path.parent.parent == workspace.outbox.files_dir


def test_an_official_sends_a_letter_to_an_organisation(portal, signed, demo, tmp_path):
    from tests.conftest import AGENCY
    from tests.portal.conftest import MemoryKeyring, card_login, make_workspace

    store = MemoryKeyring()
    card_login(portal, store, AGENCY)
    workspace = make_workspace(portal, store, demo, tmp_path)
    justice, _ = workspace.recipient(ORG, "justice")
    result = workspace.submit([signed.official_bt], justice, "Request for documents", "No. 12/345")
    assert result.sent and result.item.receipt_verified
    assert _stored_once(portal, result.item)["owner"].startswith("cert:")  # no personal number: the certificate
    workspace.close()


def test_a_detached_cades_signature_goes_with_its_file(workspace, portal, signed):
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    result = workspace.submit([signed.contract_sig], appeal, "Contract")
    assert result.sent and result.item.receipt_verified
    assert [f["name"] for f in _stored_once(portal, result.item)["files"]] == ["contract.txt", "contract.txt.p7s"]


@pytest.mark.parametrize("service, doc, message", [
    ("appeal", "citizen_bb", r"signed at level B-B, but Appeal requires B-T or higher.*--level B-T"),
    ("long-term", "citizen_bt", r"signed at level B-T, but Archive requires B-LT"),
    ("pdf-only", "contract_sig", r"does not accept CADES"),
    ("appeal", "unsigned", r"(contains|carries) no signature"),
])
def test_documents_the_recipient_would_not_accept_are_refused_before_queueing(
        workspace, portal, signed, service, doc, message):
    recipient, _ = workspace.recipient(SERVICE, service)
    with pytest.raises(DocumentRefused, match=message):
        workspace.submit([getattr(signed, doc)], recipient, "Refused")
    assert workspace.outbox.list() == []
    assert portal.events("request", "/v1/submissions") == []


def test_a_document_whose_signature_fails_is_refused(workspace, portal, signed, tmp_path):
    data = signed.citizen_bt.read_bytes()
    assert data.count(b"duplicate") == 1
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(data.replace(b"duplicate", b"DUPLICATE"))  # same length: only signed content differs
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    with pytest.raises(DocumentRefused, match="does not verify.*TOTAL-FAILED"):
        workspace.submit([forged], appeal, "Forged")
    assert workspace.outbox.list() == []


def test_the_same_documents_twice_need_again(workspace, portal, signed):
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    first = workspace.submit([signed.citizen_bt], appeal, "Once")
    with pytest.raises(OutboxError, match=f"already submitted.*entry {first.item.id}.*--again"):
        workspace.submit([signed.citizen_bt], appeal, "Twice")
    again = workspace.submit([signed.citizen_bt], appeal, "Twice", allow_duplicate=True)
    assert again.sent and again.item.idempotency_key != first.item.idempotency_key
    assert len(portal.stored(first.item.idempotency_key)) == len(portal.stored(again.item.idempotency_key)) == 1


def test_too_large_for_the_portal_is_a_permanent_failure(workspace, portal, signed):
    """The client checks sizes too; the portal's 413 is what happens when its rules are stricter."""
    from desktop.portal.checks import _prepared

    tiny, _ = workspace.recipient(SERVICE, "tiny")
    item = workspace.outbox.add(workspace.config.origin, tiny, "Big", None, [_prepared(signed.citizen_bt)])
    result = workspace.sender.send(item.id)
    assert isinstance(result.error, PortalError) and result.error.status == 413
    assert result.item.state is ItemState.FAILED and "too large" in result.item.summary
    assert portal.stored(item.idempotency_key) == []
    assert len(portal.events("request", "/v1/submissions")) == 1  # a 413 is not retried


def test_status_polling_follows_the_portal_until_final(workspace, portal, signed):
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    first = workspace.submit([signed.citizen_bt], appeal, "Follow me").item
    second = workspace.submit([signed.contract_sig], appeal, "Reject me").item
    assert {i.id for i in workspace.outbox.awaiting_status()} == {first.id, second.id}
    portal.set_status(first.remote_id, "delivered")
    portal.set_status(second.remote_id, "rejected", "The signature is not from the applicant.")
    workspace.sender.refresh_statuses()
    first, second = workspace.outbox.get(first.id), workspace.outbox.get(second.id)
    assert first.summary == "delivered, receipt verified"
    assert second.remote_status is SubmissionStatus.REJECTED
    assert "not from the applicant" in second.summary
    assert workspace.outbox.awaiting_status() == []


def test_receipt_checks_catch_the_wrong_signer_and_other_content(workspace, portal, signed, demo):
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    item = workspace.submit([signed.citizen_bt], appeal, "Receipt").item
    facts = {"submission_id": item.remote_id, "idempotency_key": item.idempotency_key,
             "file_hashes": [f.sha256 for f in item.files]}
    assert verify_receipt(item.receipt, receipt_cert=portal.receipt_cert, **facts).verified
    other_cert = demo.dir / "certs" / "tsa.cert.pem"  # chains to the same root, but is not the portal's
    assert "not signed with the portal's receipt certificate" in verify_receipt(
        item.receipt, receipt_cert=other_cert, **facts).problem
    assert "does not list the files" in verify_receipt(
        item.receipt, receipt_cert=portal.receipt_cert, **{**facts, "file_hashes": ["0" * 64]}).problem
    assert "another submission" in verify_receipt(
        item.receipt, receipt_cert=portal.receipt_cert, **{**facts, "submission_id": "S-OTHER"}).problem
    tampered = item.receipt.replace(item.remote_id.encode(), b"S-" + b"0" * (len(item.remote_id) - 2))
    assert "signature is not valid" in verify_receipt(tampered, receipt_cert=portal.receipt_cert, **facts).problem
    assert not verify_receipt(item.receipt, receipt_cert=None, **facts).verified


def test_offline_the_catalogue_comes_from_the_cache_and_the_entry_waits(workspace, portal, signed):
    workspace.recipient(SERVICE, "appeal")  # online once: the catalogue is remembered
    portal.fault("/v1/services", method="GET", mode="drop")
    portal.fault(mode="drop", times=4)  # every attempt of this send() loses its connection
    appeal, catalogue = workspace.recipient(SERVICE, "appeal")
    assert catalogue.from_cache and "broke" in catalogue.problem
    result = workspace.submit([signed.citizen_bt], appeal, "While offline")
    assert result.deferred and not result.sent
    assert result.item.state is ItemState.QUEUED and result.item.attempts == 4
    assert result.item.next_attempt_at > result.item.updated_at
    assert workspace.sender.send_pending() == []  # not due yet
    # back online: the same entry, the same key, received once
    (sent,) = workspace.sender.send_pending(due_only=False)
    assert sent.sent and sent.item.id == result.item.id
    _stored_once(portal, sent.item)


def test_a_missing_outbox_copy_fails_clearly(workspace, portal, signed):
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    docs = workspace.check([signed.citizen_bt], appeal)
    item = workspace.enqueue(docs, appeal, "Lost copy")
    shutil.rmtree(item.files[0].path.parent)
    result = workspace.sender.send(item.id)
    assert result.item.state is ItemState.FAILED and "missing" in str(result.error)


def test_cancel_only_what_the_portal_does_not_have(workspace, portal, signed):
    appeal, _ = workspace.recipient(SERVICE, "appeal")
    docs = workspace.check([signed.citizen_bt], appeal)
    waiting = workspace.enqueue(docs, appeal, "Changed my mind")
    cancelled = workspace.outbox.cancel(waiting.id)
    assert cancelled.state is ItemState.CANCELLED and not waiting.files[0].path.exists()
    sent = workspace.submit([signed.contract_sig], appeal, "Sent").item
    with pytest.raises(OutboxError, match="already received"):
        workspace.outbox.cancel(sent.id)
    assert workspace.sender.send_pending(due_only=False) == []


def test_sending_from_a_worker_thread_while_the_window_reads_the_outbox(workspace, portal, signed):
    """The GUI's way: the outbox is shared by the window's thread and a worker that sends."""
    import threading

    appeal, _ = workspace.recipient(SERVICE, "appeal")
    item = workspace.enqueue(workspace.check([signed.citizen_bt], appeal), appeal, "From a worker")
    progress, results = [], []
    workspace.sender.on_progress = progress.append
    worker = threading.Thread(target=lambda: results.append(workspace.sender.send(item.id)))
    worker.start()
    while worker.is_alive():
        assert len(workspace.outbox.list()) == 1  # reading meanwhile is fine
        worker.join(0.01)
    (result,) = results
    assert result.sent and progress[-1].phase is Phase.SENT and progress[-1].item_id == item.id
