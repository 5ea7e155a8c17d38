"""Main window: token state and certificates; signing and verifying follow in the GUI issue."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import load_and_apply
from desktop.ui.workers import Job


def _read_tokens():
    from desktop.tokens.session import list_tokens

    settings = load_and_apply()
    tokens, _ = list_tokens(settings.get("pkcs11_module"))
    return tokens


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.setWindowTitle(self.tr("Imza — sign and verify documents"))
        self.resize(760, 460)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        heading = QLabel(self.tr("<h2>Imza</h2>Your cards and tokens, and the certificates on them."))
        layout.addWidget(heading)
        self.status = QLabel(self.tr("Looking for cards and tokens…"))
        layout.addWidget(self.status)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Token / certificate"), self.tr("Valid until"), self.tr("Signing")])
        self.tree.setColumnWidth(0, 430)
        layout.addWidget(self.tree)
        self.refresh = QPushButton(self.tr("Refresh"))
        self.refresh.clicked.connect(self.refresh_tokens)
        layout.addWidget(self.refresh)
        hint = QLabel(self.tr("Sign and verify from the command line: <tt>imza sign FILE</tt>, "
                              "<tt>imza verify FILE</tt>."))
        layout.addWidget(hint)
        self.setCentralWidget(body)
        self.pool = QThreadPool.globalInstance()

    def refresh_tokens(self) -> None:
        self.refresh.setEnabled(False)
        job = Job(_read_tokens)
        job.signals.done.connect(self.show_tokens)
        job.signals.failed.connect(self.show_error)
        self.pool.start(job)

    def show_tokens(self, tokens) -> None:
        self.refresh.setEnabled(True)
        self.tree.clear()
        if not tokens:
            self.status.setText(self.tr("No card or token found. Insert your ID card and press Refresh."))
            return
        self.status.setText(self.tr("%n card(s) or token(s) found.", "", len(tokens)))
        for t in tokens:
            top = QTreeWidgetItem([t.label, "", self.tr("PIN locked") if t.pin_locked else ""])
            self.tree.addTopLevelItem(top)
            for c in t.certificates:
                if c.is_ca:
                    continue
                verdict = self.tr("can sign") if c.fit_for_signing else c.signing_problem()
                QTreeWidgetItem(top, [c.subject, f"{c.not_after:%Y-%m-%d}", verdict])
            top.setExpanded(True)

    def show_error(self, error) -> None:
        self.refresh.setEnabled(True)
        self.status.setText(str(error))
