"""Settings: PKCS#11 module, time-stamping service, default level, language; trust on a tab of its own.

Values live in desktop.config (TOML in the platformdirs config folder), the same settings the CLI
uses; the modules found are listed (read in a worker) so a user sees why a token is missing.
The Trust tab (trust_page.py) lists and changes what verification trusts.
There is deliberately no field for a PIN.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.core.model import SignatureLevel
from desktop.ui.i18n import LANGUAGES
from desktop.ui.trust_page import TrustPage
from desktop.ui.workers import Jobs


def _with_button(edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, jobs: Jobs, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.module_edit = QLineEdit(settings.get("pkcs11_module"))
        self.module_edit.setPlaceholderText(self.tr("Automatic (found on this computer)"))
        self.module_browse = QPushButton(self.tr("&Browse…"))
        self.modules_found = QPlainTextEdit()
        self.modules_found.setReadOnly(True)
        self.modules_found.setPlainText(self.tr("Looking for PKCS#11 modules…"))
        self.modules_found.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.tsa_edit = QLineEdit(settings.get("tsa_url"))
        self.tsa_edit.setPlaceholderText("https://…")
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("Automatic: B-T with a time-stamping service, else B-B"), "")
        for lvl in SignatureLevel:
            self.level_combo.addItem(lvl.value, lvl.value)
        current = str(settings.get("default_level")).upper()
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(current), 0))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings.get("language")), 0))

        form = QFormLayout()
        rows = ((self.tr("PKCS#11 &module:"), _with_button(self.module_edit, self.module_browse), self.module_edit),
                (self.tr("Modules found:"), self.modules_found, self.modules_found),
                (self.tr("&Time-stamping service (TSA):"), self.tsa_edit, self.tsa_edit),
                (self.tr("Default &level:"), self.level_combo, self.level_combo),
                (self.tr("L&anguage:"), self.language_combo, self.language_combo))
        for text, widget, buddy in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, widget)
        note = QLabel(self.tr("PINs are never stored: Imza asks for the PIN every time it signs."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(note)
        general_layout.addStretch(1)
        self.trust_page = TrustPage(settings.get("trust_dir"), jobs)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("&General"))
        self.tabs.addTab(self.trust_page, self.tr("Tr&ust"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.module_browse.clicked.connect(self._browse_module)
        self.setTabOrder(self.module_edit, self.module_browse)
        self.setTabOrder(self.module_browse, self.modules_found)
        self.setTabOrder(self.modules_found, self.tsa_edit)
        self.setTabOrder(self.tsa_edit, self.level_combo)
        self.setTabOrder(self.level_combo, self.language_combo)
        self.resize(self.fontMetrics().averageCharWidth() * 156, self.fontMetrics().lineSpacing() * 32)

        from desktop.ui import operations

        setting = settings.get("pkcs11_module")
        jobs.start(lambda task: operations.discover_modules(setting), done=self._show_modules,
                   failed=lambda e: self.modules_found.setPlainText(str(e)))

    def _show_modules(self, candidates) -> None:
        if not candidates:
            self.modules_found.setPlainText(self.tr("None. Install your card's software (for most ID cards: OpenSC)."))
            return
        lines = []
        for c in candidates:
            state = self.tr("loaded") if c.error is None else self.tr("failed: %1").replace("%1", c.error)
            lines.append(f"{c.path}  [{c.source}]  {state}")
        self.modules_found.setPlainText("\n".join(lines))

    def _browse_module(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("PKCS#11 module"), self.module_edit.text(),
                                              self.tr("Libraries (*.so *.so.* *.dylib *.dll);;All files (*)"))
        if path:
            self.module_edit.setText(path)

    def apply(self) -> Settings:
        """Write the dialog's values into the settings and save them; returns the settings."""
        s = self.settings
        s.set("pkcs11_module", self.module_edit.text().strip())
        s.set("tsa_url", self.tsa_edit.text().strip())
        s.set("default_level", self.level_combo.currentData())
        s.set("trust_dir", self.trust_page.setting())
        s.set("language", self.language_combo.currentData())
        s.save()
        return s
