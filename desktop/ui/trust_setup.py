"""Trust on first run: say that nothing is trusted yet, and add a centre's root certificate.

A fresh install trusts no certification centre, so every signature stays INDETERMINATE. The
window says so (the notice below is shown on the first screen and over the verdict) and offers
to add the root: pick the file, compare its name and SHA-256 fingerprint with what the centre
publishes, confirm. The file goes to the trust folder through desktop.verify.trust_folder, as
`imza trust add` does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.ui import icons, operations
from desktop.ui.dialog_parts import ok_cancel

NOTICE_STYLE = "QFrame#trustNotice { border: 1px solid #8a5a00; border-radius: 6px; background: #fff7e0; }"


def grouped(hex_digest: str) -> str:
    """AB:CD:… in two lines of 16 bytes, as certification centres publish fingerprints."""
    pairs = [hex_digest[i:i + 2].upper() for i in range(0, len(hex_digest), 2)]
    return "\n".join(":".join(pairs[i:i + 16]) for i in range(0, len(pairs), 16))


class TrustNotice(QFrame):
    """'Imza does not yet trust any certification centre' and a button to add one."""

    addRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("trustNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self.icon = QLabel()
        self.icon.setPixmap(icons.pixmap("warnings", 24, self.devicePixelRatioF()))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button = QPushButton()
        self.add_button.setIcon(icons.icon("trust"))
        self.add_button.clicked.connect(self.addRequested)
        # The button goes under the words: the notice also sits in the narrow verdict panel.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        row = QHBoxLayout()
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()
        self.retranslate()

    def set_text(self, text: str | None) -> None:
        """The engine's sentence (None: something is trusted, nothing to say)."""
        if text:
            self.text.setText(text + " " + self.tr("Until then no signature can be confirmed as valid."))
            self.setAccessibleDescription(self.text.text())
        self.setVisible(bool(text))

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("&Add a root certificate…"))
        self.add_button.setAccessibleDescription(self.tr(
            "Trust your certification centre: choose its root certificate file"))
        self.setAccessibleName(self.tr("Nothing is trusted yet"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AddRootDialog(QDialog):
    """Shows a certificate's name and fingerprint; the person confirms they match the centre's."""

    def __init__(self, candidate, parent=None):
        super().__init__(parent)
        self.candidate = candidate
        self.setWindowTitle(self.tr("Trust this certification centre?"))
        intro = QLabel(self.tr("Compare the fingerprint below with the one your certification centre publishes "
                               "(on its website or on paper). Trust the certificate only if they are the same: "
                               "every signature made under this centre will then be accepted."))
        intro.setWordWrap(True)
        self.name = QLabel(candidate.subject)
        self.issuer = QLabel(candidate.issuer)
        self.file = QLabel(str(candidate.path))
        self.fingerprint = QLabel(grouped(candidate.sha256))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = self.fingerprint.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.fingerprint.setFont(font)
        self.fingerprint.setMinimumWidth(self.fingerprint.sizeHint().width())  # never clipped: it is compared
        self.valid = QLabel(f"{candidate.valid_until:%Y-%m-%d}")
        for label in (self.name, self.issuer, self.file):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Issued by:"), self.issuer)
        form.addRow(self.tr("SHA-256 fingerprint:"), self.fingerprint)
        form.addRow(self.tr("Valid until:"), self.valid)
        form.addRow(self.tr("File:"), self.file)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        if not candidate.self_signed:
            self.warning.setText(self.tr("This certificate is not a root (it was issued by another centre). "
                                         "A centre's root certificate is usually what should be trusted."))
        self.warning.setVisible(not candidate.self_signed)
        buttons, self.ok_button = ok_cancel(self, self.tr("&Trust this centre"))
        buttons.button(buttons.StandardButton.Cancel).setDefault(True)  # trusting is a deliberate choice
        self.ok_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        self.fingerprint.setAccessibleName(self.tr("SHA-256 fingerprint"))
        self.fingerprint.setAccessibleDescription(candidate.sha256)


class TrustSetup(QObject):
    """The window's side of first-run trust: checks the trust store, runs the add-a-root steps."""

    changed = Signal(object)  # the sentence to show, or None once something is trusted
    added = Signal(object)  # the TrustEntry added

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.text: str | None = None
        self.dialog = None  # the file dialog or the confirmation shown now (tests look here)

    def check(self) -> None:
        if self.window_.closing:
            return
        settings = self.window_.settings
        self.window_.background.start(lambda task: operations.nothing_trusted(settings), done=self._checked,
                                      failed=lambda e: None)

    def _checked(self, text) -> None:
        self.text = text
        self.changed.emit(text)

    def add(self) -> None:
        dialog = QFileDialog(self.window_, self.tr("The root certificate of your certification centre"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Certificates (*.pem *.crt *.cer *.der)"), self.tr("All files (*)")])
        dialog.fileSelected.connect(self.inspect)
        self._open(dialog)

    def inspect(self, path) -> None:
        self.window_.background.start(lambda task: operations.inspect_root(path), done=self._confirm,
                                      failed=self.window_.errors.show)

    def _confirm(self, candidate) -> None:
        dialog = AddRootDialog(candidate, self.window_)
        dialog.accepted.connect(lambda: self._add(candidate.path))
        self._open(dialog)

    def _add(self, path) -> None:
        settings = self.window_.settings
        self.window_.background.start(lambda task: operations.add_root(path, settings), done=self._added,
                                      failed=self.window_.errors.show)

    def _added(self, entry) -> None:
        self.added.emit(entry)
        self.check()

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()
