"""PIN entry and token care dialogs.

The PIN goes from the masked field straight to the worker that logs in, and the field is cleared
when the dialog closes: nothing here keeps it. With a PIN-pad reader there is no field at all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.ui.dialog_parts import add_rows, ok_cancel
from desktop.ui.token_panel import AMBER, RED, holder_name


def pin_edit() -> QLineEdit:
    """A masked field for a PIN that input methods neither show nor learn."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData
                             | Qt.InputMethodHint.ImhNoPredictiveText)
    return edit


def take_pin(token, edit: QLineEdit):
    """The typed PIN (or the PIN-pad marker for such a reader); the field is emptied as it is read."""
    if token is not None and token.pin_pad:
        from desktop.tokens.session import PinPad

        return PinPad()
    text = edit.text()
    edit.clear()
    return text


class PinDialog(QDialog):
    """Asks for the PIN of one token, showing what the token says about the tries left.

    `what`: what is being signed ("letter.pdf", "120 documents"); `certificate`: the certificate
    that signs (its holder is named); `problem`: why the PIN is asked again (a wrong PIN).
    """

    def __init__(self, token, parent=None, action: str | None = None, *, what: str | None = None,
                 certificate=None, problem: str | None = None):
        super().__init__(parent)
        self.token = token
        self.setWindowTitle(self.tr("Enter PIN"))
        layout = QVBoxLayout(self)
        self.subject = QLabel()  # what is signed, and as whom
        self.subject.setObjectName("pinSubject")
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.subject)
        self.problem = QLabel()  # a wrong PIN: said here, with the prompt back for the next try
        self.problem.setObjectName("pinProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.problem.setStyleSheet(f"QLabel#pinProblem {{ color: {RED}; }}")
        what_happened, _, what_next = (problem or "").partition("\n\n")  # the engine's message, then its hint
        self.problem.setText(f"<b>{_esc(what_happened)}</b>" + (f"<br>{_esc(what_next)}" if what_next else ""))
        self.problem.setVisible(bool(problem))
        layout.addWidget(self.problem)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.pin_edit = pin_edit()
        self.pin_label = QLabel(self.tr("&PIN:"))
        self.pin_label.setBuddy(self.pin_edit)
        form = QFormLayout()
        form.addRow(self.pin_label, self.pin_edit)
        layout.addLayout(form)
        self.tries = QLabel()
        self.tries.setWordWrap(True)
        self.tries.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.tries)
        self.buttons, self.ok_button = ok_cancel(self, action or self.tr("&Sign"))
        layout.addWidget(self.buttons)

        signer = _common_name(certificate) if certificate is not None else ""
        rows = []
        if what:
            rows.append(self.tr("Signing: %1").replace("%1", f"<b>{_esc(what)}</b>"))
        if signer:
            rows.append(self.tr("As: %1").replace("%1", f"<b>{_esc(signer)}</b>"))
        self.subject.setText("<br>".join(rows))
        self.subject.setVisible(bool(rows))
        # The title bar shows the whole title: the dialog is at least as wide as it.
        title_width = self.fontMetrics().horizontalAdvance(self.windowTitle())
        self.setMinimumWidth(max(self.fontMetrics().averageCharWidth() * 56, title_width + 160))

        from desktop.tokens.cards import PinRole, pin_prompt

        who = holder_name(token)
        self.intro.setText(self.tr("Enter the PIN of <b>%1</b>%2.").replace("%1", _esc(token.label))
                           .replace("%2", f" ({_esc(who)})" if who else ""))
        if PinRole(token.pin_role or "") is not PinRole.ONLY:  # a card with two PINs: say which one
            self.intro.setText(f"<b>{_esc(pin_prompt(token))}</b>" + (f" ({_esc(who)})" if who else ""))
        if token.pin_pad:
            self.pin_label.hide()
            self.pin_edit.hide()
            self.intro.setText(self.tr("<b>%1</b> is in a reader with a PIN pad. After you press the button "
                                       "below, type your PIN on the reader, not on the keyboard.")
                               .replace("%1", _esc(token.label)))
        else:
            self.pin_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
            self.ok_button.setEnabled(False)
        self.tries.setText(self.tries_text())
        if token.pin_locked:
            self.ok_button.setEnabled(False)
            self.pin_edit.setEnabled(False)

    def tries_text(self) -> str:
        t = self.token
        if t.pin_locked:
            text, style = self.tr("The PIN is blocked. Unblock it with the PUK first."), f"color:{RED}; font-weight:bold"
        elif t.pin_final_try:
            text = self.tr("Tries left: 1. This is the final try: a wrong PIN now blocks the PIN.")
            style = f"color:{RED}; font-weight:bold"
        elif t.pin_count_low:
            text, style = self.tr("A wrong PIN was entered before: few tries may be left."), f"color:{AMBER}"
        else:
            text, style = self.tr("Tries left: not reported by this token. Imza never retries a PIN by itself."), ""
        return f'<span style="{style}">{_esc(text)}</span>'

    def set_token(self, token) -> None:
        """The token's PIN state changed (the panel read it again): show the tries left anew."""
        self.token = token
        self.tries.setText(self.tries_text())
        if token.pin_locked:
            self.ok_button.setEnabled(False)
            self.pin_edit.setEnabled(False)

    def pin(self):
        return take_pin(self.token, self.pin_edit)

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.pin_edit.clear()
        super().done(result)


class PinChangeDialog(QDialog):
    """Change the PIN (current + new twice) or, with `unblock`, set a new one with the PUK."""

    def __init__(self, tokens: list, selected=None, *, unblock: bool = False, parent=None):
        super().__init__(parent)
        self.unblock = unblock
        self.tokens = [t for t in tokens if not t.pin_pad]
        self.setWindowTitle(self.tr("Unblock PIN") if unblock else self.tr("Change PIN"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        from desktop.tokens.cards import token_title

        self.token_combo = QComboBox()
        for t in self.tokens:  # a card with two PINs offers both: "National ID — signing PIN", "… — authentication PIN"
            self.token_combo.addItem(token_title(t))
        if selected is not None and selected in self.tokens:
            self.token_combo.setCurrentIndex(self.tokens.index(selected))
        self.old_edit, self.new_edit, self.repeat_edit = pin_edit(), pin_edit(), pin_edit()
        rows = ((self.tr("&Token:"), self.token_combo),
                (self.tr("&PUK (SO PIN):") if unblock else self.tr("&Current PIN:"), self.old_edit),
                (self.tr("&New PIN:"), self.new_edit),
                (self.tr("&Repeat new PIN:"), self.repeat_edit))
        add_rows(form, rows)
        layout.addLayout(form)
        self.rules = QLabel(self.tr("PIN length rules of this token: checking…"))
        self.rules.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {RED}")
        layout.addWidget(self.rules)
        layout.addWidget(self.problem)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("&Unblock") if unblock else self.tr("C&hange"))
        layout.addWidget(self.buttons)
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.textChanged.connect(self._check)
        self._check()

    def token(self):
        i = self.token_combo.currentIndex()
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def set_rules(self, rules) -> None:
        self.rules_value = rules
        if rules is None or not rules.known:
            self.rules.setText(self.tr("PIN length rules of this token: unknown. "
                                       "The token refuses a PIN of the wrong length."))
        else:
            lo = "?" if rules.min_length is None else str(rules.min_length)
            hi = "?" if rules.max_length is None else str(rules.max_length)
            self.rules.setText(self.tr("PIN length rules of this token: %1 to %2 characters.")
                               .replace("%1", lo).replace("%2", hi))
        self._check()

    def _check(self) -> None:
        problem = ""
        new, repeat = self.new_edit.text(), self.repeat_edit.text()
        rules = getattr(self, "rules_value", None)
        if self.token() is None:
            problem = self.tr("No token whose PIN can be changed here is present.")
        elif new and repeat and new != repeat:
            problem = self.tr("The two new PINs differ.")
        elif new and rules is not None and rules.min_length is not None and len(new) < rules.min_length:
            problem = self.tr("The new PIN is too short.")
        elif new and rules is not None and rules.max_length is not None and len(new) > rules.max_length:
            problem = self.tr("The new PIN is too long.")
        self.problem.setText(problem)
        self.ok_button.setEnabled(not problem and bool(self.old_edit.text() and new and repeat))

    def values(self) -> tuple[str, str]:
        """(current PIN or PUK, new PIN); the fields are emptied as they are read."""
        out = (self.old_edit.text(), self.new_edit.text())
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        return out

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            for edit in (self.old_edit, self.new_edit, self.repeat_edit):
                edit.clear()
        super().done(result)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_rules(getattr(self, "rules_value", None))
        super().changeEvent(event)


def _common_name(certificate) -> str:
    """The holder a certificate names (its CN), else its whole subject."""
    try:
        return certificate.certificate.subject.native.get("common_name") or certificate.subject
    except AttributeError:
        return getattr(certificate, "subject", "") or ""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
