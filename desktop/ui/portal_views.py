"""The portal in the window: log in with the card, submit a signed document, follow the outbox.

One PortalWorkspace (desktop.portal.workspace) lives in a one-thread pool of its own: every call
to it (login, catalogue, submit, send, status refresh) runs there, one at a time, never in the UI
thread. Dialogs open non-modally; the engine's errors are shown with its own message.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.plain import plain, tooltip
from desktop.ui.portal_dialogs import LoginDialog, SubmitDialog
from desktop.ui.token_panel import GREEN, RED
from desktop.ui.workers import Jobs

REFRESH_MS = 5000


def _portal_tasks():
    from desktop.ui import portal_tasks

    return portal_tasks


class PortalController(QObject):
    """The window's portal: owns the workspace and the dialogs; `make_workspace` may be replaced (tests)."""

    progressed = Signal(object)  # desktop.portal.model.Progress, from the worker
    loginChanged = Signal(str)  # who is logged in ("" when nobody)
    outboxChanged = Signal(list)  # OutboxItems

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.jobs = Jobs(self, self.pool)
        self.make_workspace = None  # () -> PortalWorkspace; default from the settings
        self._ws = None
        self.dialog = None
        self.outbox_view: OutboxView | None = None
        self.who = ""
        self.last_result = None
        self.progressed.connect(self._show_progress)

    def workspace(self):
        """Called in the worker only."""
        if self._ws is None:
            if self.make_workspace is not None:
                self._ws = self.make_workspace()
                self._ws.sender.on_progress = self.progressed.emit
            else:
                from desktop.portal.credentials import Keeping
                from desktop.portal.workspace import PortalWorkspace

                # no password store: the login lasts while the window is open (memory only)
                self._ws = PortalWorkspace.from_settings(self.window.settings, on_progress=self.progressed.emit,
                                                         keeping=Keeping.STORE_OR_MEMORY)
        return self._ws

    def run(self, fn, done=None, failed=None) -> None:
        self.jobs.start(lambda task: fn(self.workspace()), done=done, failed=failed or self.window.errors.show)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    # --- login --------------------------------------------------------------------------------
    def login(self, then=None) -> None:
        """Ask for the card and PIN, once it is known that the login can be kept (a password store exists)."""
        def ask(_) -> None:
            dialog = LoginDialog(self.window.tokens.tokens(), self.window)
            dialog.accepted.connect(lambda: self._login(dialog.token(), dialog.pin(), then))
            self._open(dialog)

        self.run(lambda ws: ws.client.credentials.check_available(), done=ask)

    def _login(self, token, pin, then) -> None:
        if token is None:
            return
        self.window.statusBar().showMessage(self.tr("Logging in to the portal…"))
        tasks = _portal_tasks()

        def done(name) -> None:
            self._set_who(name)
            if self._ws is not None and not self._ws.client.credentials.persistent:
                text = self.tr("Logged in to the portal as %1, until this window closes (there is no password "
                               "store to keep the login in).")
            else:
                text = self.tr("Logged in to the portal as %1.")
            self.window.statusBar().showMessage(text.replace("%1", name), 10000)
            if then:
                then()

        self.run(lambda ws: tasks.login(ws, token, pin), done=done,
                 failed=lambda e: self.window.errors.show(e, self.tr("Portal login failed")))

    def logout(self) -> None:
        self.run(lambda ws: ws.client.logout(), done=lambda _: self._set_who(""))

    def _set_who(self, name: str) -> None:
        self.who = name or ""
        self.loginChanged.emit(self.who)

    # --- submit -------------------------------------------------------------------------------
    def submit(self, paths: list[Path]) -> None:
        """Check the login first (asking for the card if needed), then show the submit dialog."""
        def checked(login) -> None:
            if login is None:
                self.login(then=lambda: self._submit_dialog(paths))
            else:
                self._set_who(login.subject.name)
                self._submit_dialog(paths)

        self.run(lambda ws: ws.current_login(), done=checked)

    def _submit_dialog(self, paths: list[Path]) -> None:
        from desktop.portal.model import RecipientKind

        dialog = SubmitDialog(paths, self.window)
        dialog.kindChanged.connect(lambda kind: self._load_catalogue(dialog, kind))
        dialog.accepted.connect(lambda: self._send(paths, *dialog.values()))
        self._open(dialog)
        self._load_catalogue(dialog, RecipientKind.SERVICE)

    def _load_catalogue(self, dialog, kind) -> None:
        self.run(lambda ws: ws.catalogue(kind), done=lambda catalogue: dialog.set_catalogue(kind, catalogue))

    def _send(self, paths, recipient, subject, reference) -> None:
        self.window.statusBar().showMessage(self.tr("Checking and sending…"))
        self.run(lambda ws: ws.submit(paths, recipient, subject, reference), done=self._sent)

    def _sent(self, result) -> None:
        self.last_result = result
        item = result.item
        if result.sent:
            self.window.statusBar().showMessage(self.tr("Outbox entry %1: %2").replace("%1", str(item.id))
                                                .replace("%2", item.summary), 15000)
        elif result.deferred:
            self.window.errors.message(self.tr("Not sent yet"), self.tr(
                "%1\n\nIt stays in the outbox as entry %2 and is sent again from there.")
                .replace("%1", str(result.error)).replace("%2", str(item.id)))
        elif result.error is not None:
            self.window.errors.show(result.error)
        self.show_outbox()

    # --- outbox -------------------------------------------------------------------------------
    def show_outbox(self) -> None:
        if self.outbox_view is None:
            self.outbox_view = OutboxView(self)
        self.outbox_view.show()
        self.outbox_view.raise_()
        self.refresh()

    def refresh(self, send: bool = True) -> None:
        tasks = _portal_tasks()
        self.run(lambda ws: tasks.refresh(ws, send=send), done=self.outboxChanged.emit,
                 failed=lambda e: self.window.statusBar().showMessage(str(e), 10000))

    def retry(self, ids: list[int]) -> None:
        self.run(lambda ws: ws.sender.send_pending(ids=ids, due_only=False), done=lambda _: self.refresh(send=False))

    def cancel_entry(self, item_id: int) -> None:
        self.run(lambda ws: ws.outbox.cancel(item_id), done=lambda _: self.refresh(send=False))

    def _show_progress(self, p) -> None:
        if p.message:
            self.window.statusBar().showMessage(self.tr("Entry %1: %2").replace("%1", str(p.item_id))
                                                .replace("%2", p.message), 8000)

    def settings_changed(self) -> None:
        """The portal's address or certificates may have changed: the next call makes a new workspace."""
        def drop(_task) -> None:
            ws, self._ws = self._ws, None
            if ws is not None:
                ws.close()

        self.jobs.start(drop)

    def shutdown(self) -> None:
        if self.outbox_view is not None:
            self.outbox_view.timer.stop()
        self.pool.waitForDone(30000)
        ws, self._ws = self._ws, None
        if ws is not None:
            ws.close()


class OutboxView(QWidget):
    """Every submission: where to, subject, status with the receipt's check; retry, cancel, receipt."""

    def __init__(self, controller: PortalController):
        super().__init__(controller.window, Qt.WindowType.Window)
        self.setObjectName("outboxView")
        self.controller = controller
        self.items: list = []
        self.who = QLabel()
        plain(self.who)  # the name the portal read from the certificate
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.refresh_button, self.retry_button = QPushButton(), QPushButton()
        self.cancel_button, self.receipt_button, self.login_button = QPushButton(), QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.retry_button, self.cancel_button, self.receipt_button):
            buttons.addWidget(b)
        buttons.addStretch()
        buttons.addWidget(self.login_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh_button.clicked.connect(lambda: controller.refresh())
        self.retry_button.clicked.connect(lambda: controller.retry(self.selected_ids()))
        self.cancel_button.clicked.connect(self._cancel)
        self.receipt_button.clicked.connect(self.save_receipt)
        self.login_button.clicked.connect(lambda: controller.login())
        self.table.itemSelectionChanged.connect(self._update)
        controller.outboxChanged.connect(self.show_items)
        controller.loginChanged.connect(lambda _: self.retranslate())
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(lambda: controller.refresh() if self.isVisible() and not controller.jobs.active
                                   else None)
        self.timer.start()
        self.retranslate()
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 130, self.fontMetrics().lineSpacing() * 24)

    def show_items(self, items: list) -> None:
        from desktop.portal.outbox import ItemState

        selected = set(self.selected_ids())
        self.items = items
        self.table.setRowCount(len(items))
        for row, i in enumerate(items):
            target = ("→ " if i.recipient_kind == "organization" else "@ ") + i.recipient_name
            cells = (str(i.id), datetime.fromtimestamp(i.created_at).strftime("%Y-%m-%d %H:%M"), target,
                     i.subject + (f"  [{i.reference}]" if i.reference else ""), i.summary)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(tooltip(text))
                self.table.setItem(row, col, cell)
            colour = GREEN if i.receipt_verified else RED if i.state in (ItemState.FAILED,) or (
                i.receipt is not None and not i.receipt_verified) else None
            if colour:
                self.table.item(row, 4).setForeground(QColor(colour))
            if i.id in selected:
                self.table.selectRow(row)
        self._update()

    def summaries(self) -> dict[int, str]:
        return {i.id: i.summary for i in self.items}

    def selected_ids(self) -> list[int]:
        rows = sorted({idx.row() for idx in self.table.selectedIndexes()})
        return [self.items[r].id for r in rows if r < len(self.items)]

    def _selected(self):
        ids = self.selected_ids()
        return next((i for i in self.items if ids and i.id == ids[0]), None)

    def _update(self) -> None:
        from desktop.portal.outbox import ItemState

        item = self._selected()
        self.retry_button.setEnabled(item is not None and item.state in (ItemState.QUEUED, ItemState.FAILED,
                                                                         ItemState.SENDING))
        self.cancel_button.setEnabled(item is not None and item.state in (ItemState.QUEUED, ItemState.FAILED))
        self.receipt_button.setEnabled(item is not None and bool(item.receipt))

    def _cancel(self) -> None:
        item = self._selected()
        if item is not None:
            self.controller.cancel_entry(item.id)

    def save_receipt(self) -> None:
        item = self._selected()
        if item is None or not item.receipt:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the portal's receipt"),
                                              f"receipt-{item.remote_id or item.id}.p7s", self.tr("CMS (*.p7s)"))
        if path:
            try:
                Path(path).write_bytes(item.receipt)
            except OSError as e:
                self.controller.window.errors.message(self.tr("Receipt"), str(e))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Outbox — Imza"))
        who = self.controller.who
        self.who.setText(self.tr("Logged in to the portal as %1.").replace("%1", who) if who
                         else self.tr("Submissions to the portal, newest first. Statuses are refreshed every few "
                                      "seconds while this window is open."))
        self.table.setHorizontalHeaderLabels([self.tr("Entry"), self.tr("Queued"), self.tr("To"),
                                              self.tr("Subject"), self.tr("Status")])
        self.table.setAccessibleName(self.tr("Outbox entries"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.retry_button.setText(self.tr("Send &again"))
        self.cancel_button.setText(self.tr("&Cancel entry"))
        self.receipt_button.setText(self.tr("Save r&eceipt…"))
        self.login_button.setText(self.tr("&Log in with the card…"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
