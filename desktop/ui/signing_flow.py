"""The steps of signing, and of token care, as the window walks a user through them.

Signing: SignDialog → check inputs in a worker (a damaged PDF or an existing output is reported
before any PIN is asked) → PinDialog → log in and sign in a worker → open the signed output, which
verifies it. Every dialog is opened non-modally (`open()`), so the window stays responsive and a
test can type into it. After a wrong PIN the flow stops: nothing is retried without the user.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import OutputExistsError, PinError
from desktop.core.model import VisibleSignature
from desktop.ui import operations
from desktop.ui.pin_dialog import PinChangeDialog, PinDialog
from desktop.ui.sign_dialog import SignDialog


class SigningFlow(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog = None  # the dialog of the current step (tests and screenshots look here)
        self.last_results: list = []

    @property
    def errors(self):
        return self.window.errors

    # signing
    def start(self, source: Path, *, is_pdf: bool, visible: VisibleSignature | None) -> None:
        w = self.window
        dialog = SignDialog(w.tokens.tokens(), source, is_pdf=is_pdf, visible=visible if is_pdf else None,
                            level=operations.default_level(w.settings), has_tsa=bool(w.settings.get("tsa_url")),
                            parent=w)
        dialog.accepted.connect(lambda: self._plan(source, dialog.choice(), force=False))
        self._open(dialog)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _plan(self, source: Path, choice: operations.SignChoice, *, force: bool) -> None:
        def failed(error):
            if isinstance(error, OutputExistsError):
                self._ask_replace(source, choice, error)
            else:
                self.errors.show(error)

        self.window.jobs.start(lambda task: operations.plan([source], choice, force=force),
                               done=lambda requests: self._ask_pin(requests, choice), failed=failed)

    def _ask_replace(self, source: Path, choice, error: OutputExistsError) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace the signed file?"),
                          self.tr("%1\n\nReplace it with the new signed document?").replace("%1", error.message),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(lambda button: self._plan(source, choice, force=True)
                                  if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
        self._open(box)

    def _ask_pin(self, requests, choice: operations.SignChoice) -> None:
        dialog = PinDialog(choice.token, self.window)
        dialog.accepted.connect(lambda: self._sign(requests, choice, dialog.pin()))
        self._open(dialog)

    def _sign(self, requests, choice, pin) -> None:
        w = self.window
        settings = w.settings
        w.busy_label.setText(self.tr("Signing…") if not choice.token.pin_pad
                             else self.tr("Type your PIN on the reader's PIN pad…"))
        w.jobs.start(lambda task: operations.sign(requests, choice, pin, settings, task),
                     done=self._signed, failed=self._sign_failed, progress=w.show_progress,
                     cancelled=lambda: w.statusBar().showMessage(self.tr("Signing cancelled."), 8000))

    def _signed(self, results) -> None:
        self.last_results = results
        w = self.window
        done = [r.outcome.output for r in results if r.outcome]
        for r in results:
            if r.error:
                self.errors.show(r.error)
        if done:
            w.statusBar().showMessage(self.tr("Signed: %1").replace("%1", ", ".join(p.name for p in done)), 10000)
            w.preview.view.set_box(None)
            w.preview.place_button.setChecked(False)
            w.open_files(done)

    def _sign_failed(self, error) -> None:
        if isinstance(error, PinError):
            # Shown once; the next attempt is the user's to make (Sign again), never automatic.
            self.errors.show(error, self.tr("PIN not accepted"))
        else:
            self.errors.show(error)

    # token care
    def pin_care(self, token, *, unblock: bool) -> None:
        w = self.window
        dialog = PinChangeDialog(w.tokens.tokens(), token, unblock=unblock, parent=w)
        dialog.token_combo.currentIndexChanged.connect(lambda _: self._load_rules(dialog))
        dialog.accepted.connect(lambda: self._change(dialog, unblock))
        self._load_rules(dialog)
        self._open(dialog)

    def _load_rules(self, dialog: PinChangeDialog) -> None:
        token = dialog.token()
        if token is not None:
            self.window.background.start(lambda task: operations.pin_rules(token), done=dialog.set_rules)

    def _change(self, dialog: PinChangeDialog, unblock: bool) -> None:
        token = dialog.token()
        old, new = dialog.values()
        fn = operations.unblock_pin if unblock else operations.change_pin
        ok = (self.tr("The PIN of %1 was unblocked and set to the new PIN.") if unblock
              else self.tr("The PIN of %1 was changed.")).replace("%1", token.label)

        def done(_):
            self.window.statusBar().showMessage(ok, 10000)
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Token"), ok, QMessageBox.StandardButton.Ok,
                              self.window)
            self._open(box)

        self.window.jobs.start(lambda task: fn(token, old, new), done=done,
                               failed=lambda e: self.errors.show(e, self.tr("PIN not changed")))
