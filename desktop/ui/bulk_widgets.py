"""The bulk view's two lists: the files and folders to sign (takes drops), and the queue of letters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.ui.plain import tooltip


class SourceList(QListWidget):
    """Files and folders to sign; takes drops."""

    dropped = Signal(list)

    def __init__(self):
        super().__init__()
        self.setAcceptDrops(True)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class LetterQueue(QTableWidget):
    """One row per letter: its name and its status (waiting, signed, failed: why)."""

    def __init__(self):
        super().__init__(0, 2)
        self.rows: dict[str, int] = {}
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.setWordWrap(False)  # one line per letter; the whole reason is in the tooltip
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.retranslate()

    def fill(self, letters) -> None:
        self.setRowCount(len(letters))
        self.rows = {}
        for row, letter in enumerate(letters):
            self.rows[letter.source] = row
            item = QTableWidgetItem(Path(letter.source).name)
            item.setToolTip(tooltip(letter.source))
            self.setItem(row, 0, item)
            self._status(row, {"done": "signed", "failed": "failed"}.get(letter.state, "pending"), letter.error)

    def set_status(self, source: str, status: str, error: str | None = None) -> None:
        row = self.rows.get(source)
        if row is not None:
            self._status(row, status, error)

    def _status(self, row: int, status: str, error: str | None) -> None:
        texts = {"signed": self.tr("signed"), "already-done": self.tr("already signed"),
                 "failed": self.tr("failed: %1").replace("%1", error or ""), "pending": self.tr("waiting")}
        item = QTableWidgetItem(texts.get(status, status))
        item.setData(Qt.ItemDataRole.UserRole, status)
        item.setToolTip(tooltip(item.text()))
        item.setForeground(Qt.GlobalColor.darkGreen if status in ("signed", "already-done")
                           else Qt.GlobalColor.red if status == "failed" else Qt.GlobalColor.gray)
        self.setItem(row, 1, item)

    def statuses(self) -> dict[str, str]:
        """{letter file name: status} as shown."""
        return {self.item(r, 0).text(): self.item(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(self.rowCount())}

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Letter"), self.tr("Status")])
        self.setAccessibleName(self.tr("Queue of letters with their status"))
        self.setAccessibleDescription(self.tr("One row per letter: waiting, signed, or failed with the reason. "
                                              "After a run the failed letters come first."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
