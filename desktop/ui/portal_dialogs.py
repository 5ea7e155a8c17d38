"""The portal's dialogs: log in with the card (which card, its PIN) and submit (where to, subject, reference).

The PIN goes from the masked field straight to the worker that logs in; nothing here keeps it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desktop.ui.dialog_parts import add_rows, ok_cancel
from desktop.ui.pin_dialog import pin_edit, take_pin
from desktop.ui.plain import plain
from desktop.ui.token_panel import holder_name


class LoginDialog(QDialog):
    """Which card, and its PIN: the card's authentication certificate logs in."""

    def __init__(self, tokens: list, parent=None):
        super().__init__(parent)
        from desktop.tokens.cards import PinRole

        # A card with two PINs logs in with its authentication PIN: its signing token is not offered.
        self.tokens = [t for t in tokens if not t.pin_locked and any(not c.is_ca for c in t.certificates)
                       and t.pin_role != PinRole.SIGNING]
        self.setWindowTitle(self.tr("Log in to the portal"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Log in with your ID card: its authentication certificate proves who you are. "
                               "The portal's login is kept in the system's password store, never in a file."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.token_combo = QComboBox()
        for t in self.tokens:
            who = holder_name(t)
            name = t.card_label or t.label
            self.token_combo.addItem(f"{name} — {who}" if who else name)
        self.pin_edit = pin_edit()
        add_rows(form, ((self.tr("&Card:"), self.token_combo), (self.tr("&PIN:"), self.pin_edit)))
        layout.addLayout(form)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("&Log in"))
        layout.addWidget(self.buttons)
        self.token_combo.currentIndexChanged.connect(self._update)
        self.pin_edit.textChanged.connect(self._update)
        self._update()

    def token(self):
        i = self.token_combo.currentIndex()
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def select(self, label: str) -> None:
        rows = [i for i, t in enumerate(self.tokens) if label in (t.label, t.card_label)]
        if rows:
            self.token_combo.setCurrentIndex(rows[0])

    def _update(self) -> None:
        token = self.token()
        pad = bool(token and token.pin_pad)
        self.pin_edit.setVisible(not pad)
        self.ok_button.setEnabled(token is not None and (pad or bool(self.pin_edit.text())))

    def pin(self):
        return take_pin(self.token(), self.pin_edit)

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.pin_edit.clear()
        super().done(result)


class SubmitDialog(QDialog):
    """Where to (an e-service or an organisation, searchable), subject and reference."""

    kindChanged = Signal(object)

    def __init__(self, paths: list[Path], parent=None):
        from desktop.portal.model import RecipientKind

        super().__init__(parent)
        self.kinds = [RecipientKind.SERVICE, RecipientKind.ORGANIZATION]
        self.recipients: list = []
        self.setWindowTitle(self.tr("Submit to the portal"))
        layout = QVBoxLayout(self)
        files = QLabel(self.tr("Documents: %1").replace("%1", ", ".join(p.name for p in paths)))
        plain(files)
        files.setWordWrap(True)
        layout.addWidget(files)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.addItems([self.tr("An e-service (application)"), self.tr("An organisation (letter)")])
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Type to search by name or id"))
        self.list = QListWidget()
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self.rules = QLabel()
        plain(self.rules)  # the portal's words
        self.rules.setWordWrap(True)
        self.subject_edit = QLineEdit()
        self.reference_edit = QLineEdit()
        add_rows(form, ((self.tr("Send &to:"), self.kind_combo), (self.tr("Searc&h:"), self.search_edit),
                        (self.tr("&Recipient:"), self.list), ("", self.rules),
                        (self.tr("S&ubject:"), self.subject_edit), (self.tr("R&eference:"), self.reference_edit)))
        layout.addLayout(form)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("&Submit"))
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(lambda i: self._kind_changed())
        self.search_edit.textChanged.connect(self._filter)
        self.list.currentRowChanged.connect(lambda _: self._update())
        self.subject_edit.textChanged.connect(lambda _: self._update())
        self.rules.setText(self.tr("Loading the portal's list…"))
        self._update()

    def kind(self):
        return self.kinds[self.kind_combo.currentIndex()]

    def _kind_changed(self) -> None:
        self.recipients = []
        self.list.clear()
        self.rules.setText(self.tr("Loading the portal's list…"))
        self.kindChanged.emit(self.kind())

    def set_catalogue(self, kind, catalogue) -> None:
        if kind != self.kind():
            return
        from desktop.core.i18n import current_language

        lang = current_language()
        self.recipients = catalogue.recipients
        self.list.clear()
        for r in self.recipients:
            org = f" — {r.organization_name.get(lang)}" if r.organization_name else ""
            item = QListWidgetItem(f"{r.name.get(lang)}{org}  ({r.id})")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        self.rules.setText(self.tr("The portal cannot be reached: this list was saved earlier.")
                           if catalogue.from_cache else "")
        self._filter(self.search_edit.text())

    def _filter(self, text: str) -> None:
        first = None
        for i, r in enumerate(self.recipients):
            hidden = not r.matches(text)
            self.list.item(i).setHidden(hidden)
            if not hidden and first is None:
                first = i
        current = self.list.currentRow()
        if first is not None and (current < 0 or self.list.item(current).isHidden()):
            self.list.setCurrentRow(first)
        self._update()

    def recipient(self):
        i = self.list.currentRow()
        if 0 <= i < len(self.recipients) and not self.list.item(i).isHidden():
            return self.recipients[i]
        return None

    def _update(self) -> None:
        from desktop.core.i18n import current_language
        from desktop.portal.model import RecipientKind

        r = self.recipient()
        if r is not None:
            rules = r.requirements
            self.rules.setText(self.tr("Accepts %1 up to %2 MB, level %3 or higher.")
                               .replace("%1", "/".join(f.upper() for f in rules.accepted_formats))
                               .replace("%2", f"{rules.max_size_bytes / 1048576:.1f}")
                               .replace("%3", str(rules.required_level)))
            if r.kind is RecipientKind.SERVICE and not self.subject_edit.isModified():
                self.subject_edit.setText(r.name.get(current_language()))
        subject_ok = bool(self.subject_edit.text().strip())
        self.ok_button.setEnabled(r is not None and subject_ok)

    def values(self):
        return self.recipient(), self.subject_edit.text().strip(), self.reference_edit.text().strip() or None
