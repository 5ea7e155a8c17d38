"""The portal in the window: card login through the dialog, submit a signed letter, the outbox follows it.

Runs against the reference portal process of tests/portal/conftest.py (HTTPS, signed receipts),
with an in-memory keyring standing in for the system's password store.
"""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from desktop.ui.portal_dialogs import LoginDialog, SubmitDialog
from desktop.ui.portal_views import OutboxView
from tests.portal import conftest as portal_fixtures
from tests.portal.conftest import MemoryKeyring, make_workspace
from tests.ui.test_signing import open_and_wait

# The reference portal and the signed documents of the portal engine's tests, shared here.
portal_server, portal, signed = portal_fixtures.portal_server, portal_fixtures.portal, portal_fixtures.signed


def visible_dialog(qtbot, window, kind):
    qtbot.waitUntil(lambda: isinstance(window.portal.dialog, kind) and window.portal.dialog.isVisible(),
                    timeout=30000)
    return window.portal.dialog


def log_in(qtbot, window, trigger: bool = True) -> None:
    if trigger:
        window.portal_login_action.trigger()
    dialog = visible_dialog(qtbot, window, LoginDialog)
    dialog.select("Citizen ID")
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password
    qtbot.keyClicks(dialog.pin_edit, "12345")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.portal.who or window.errors.last_text), timeout=30000)
    assert window.portal.who.startswith("Aysel Mammadova"), window.errors.last_text


def test_log_in_with_the_card_submit_and_follow_the_outbox(qtbot, window, portal, signed, demo, tmp_path):
    store = MemoryKeyring()
    window.portal.make_workspace = lambda: make_workspace(portal, store, demo, tmp_path)
    log_in(qtbot, window)
    assert store.secrets  # the portal's refresh token went to the password store

    letter = shutil.copy(signed.citizen_bt, tmp_path / "application.signed.pdf")
    open_and_wait(qtbot, window, letter)
    assert window.submit_action.isEnabled()
    window.submit_action.trigger()
    dialog = visible_dialog(qtbot, window, SubmitDialog)
    qtbot.waitUntil(lambda: bool(dialog.recipients), timeout=30000)
    qtbot.keyClicks(dialog.search_edit, "appea")
    shown = [dialog.list.item(i).text() for i in range(dialog.list.count()) if not dialog.list.item(i).isHidden()]
    assert len(shown) == 1 and "Appeal" in shown[0]
    assert dialog.recipient().id == "appeal" and dialog.subject_edit.text() == "Appeal"
    assert "B-T" in dialog.rules.text()
    qtbot.keyClicks(dialog.reference_edit, "R-42")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: isinstance(window.portal.outbox_view, OutboxView)
                    and bool(window.portal.outbox_view.items), timeout=60000)
    view = window.portal.outbox_view
    result = window.portal.last_result
    assert result.sent and result.item.reference == "R-42"
    assert view.summaries()[result.item.id].endswith(", receipt verified")
    assert "receipt verified" in window.statusBar().currentMessage()

    portal.set_status(result.item.remote_id, "delivered")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.summaries()[result.item.id] == "delivered, receipt verified", timeout=30000)
    row = next(r for r in range(view.table.rowCount()) if view.table.item(r, 0).text() == str(result.item.id))
    assert view.table.item(row, 4).text() == "delivered, receipt verified"
    view.table.selectRow(row)
    assert view.receipt_button.isEnabled() and not view.retry_button.isEnabled()


def test_a_refused_document_is_explained_in_a_dialog(qtbot, window, portal, signed, demo, tmp_path):
    store = MemoryKeyring()
    window.portal.make_workspace = lambda: make_workspace(portal, store, demo, tmp_path)
    before = len(portal.stored())
    window.portal.submit([signed.unsigned])  # not logged in yet: the card login comes first
    log_in(qtbot, window, trigger=False)
    dialog = visible_dialog(qtbot, window, SubmitDialog)
    qtbot.waitUntil(lambda: bool(dialog.recipients), timeout=30000)
    dialog.kind_combo.setCurrentIndex(1)  # an organisation: the list is loaded again
    qtbot.waitUntil(lambda: bool(dialog.recipients) and dialog.recipient() is not None, timeout=30000)
    qtbot.keyClicks(dialog.subject_edit, "A letter nobody signed")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.errors.last_text is not None, timeout=60000)
    assert "unsigned.pdf" in window.errors.last_text
    assert window.errors.last_box.isVisible()
    assert len(portal.stored()) == before  # nothing reached the portal


def test_a_busy_portal_leaves_the_entry_in_the_outbox_and_send_again_delivers_it(qtbot, window, portal, signed,
                                                                                 demo, tmp_path):
    store = MemoryKeyring()
    window.portal.make_workspace = lambda: make_workspace(portal, store, demo, tmp_path)
    log_in(qtbot, window)
    portal.fault(mode="error", status=429, retry_after=600)  # "come back in ten minutes": scheduled, not waited
    window.portal.submit([signed.citizen_bt])
    dialog = visible_dialog(qtbot, window, SubmitDialog)
    qtbot.waitUntil(lambda: bool(dialog.recipients), timeout=30000)
    qtbot.keyClicks(dialog.search_edit, "appeal")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.errors.last_text is not None, timeout=60000)
    assert "429" in window.errors.last_text and "stays in the outbox" in window.errors.last_text
    view = window.portal.outbox_view
    qtbot.waitUntil(lambda: view is not None and bool(view.items), timeout=30000)
    (entry,) = view.items
    assert entry.summary.startswith("waiting to be sent")

    portal.reset()
    view.table.selectRow(0)
    assert view.retry_button.isEnabled() and view.cancel_button.isEnabled() and not view.receipt_button.isEnabled()
    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.summaries()[entry.id].endswith(", receipt verified"), timeout=60000)
    assert len(portal.stored(entry.idempotency_key)) == 1
