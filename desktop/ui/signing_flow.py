"""The steps of signing, and of token care, as the window walks a user through them.

Signing: the engine says whether and how the file can be signed (a damaged PDF is refused, as by
`imza sign`) → a document whose signatures are not all valid asks for a deliberate choice (the
default is not to sign) → SignDialog → check inputs in a worker (an existing output is reported
before any PIN is asked) → PinDialog → log in and sign in a worker → open the signed output, which
verifies it. Every dialog is opened non-modally (`open()`), so the window stays responsive and a
test can type into it. After a wrong PIN the PIN prompt comes back with every choice kept and
what the token says about the tries left: nothing is retried without the user typing a PIN again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import OutputExistsError, PinError, PinLocked
from desktop.core.model import Indication, SignatureFormat, VisibleSignature
from desktop.ui import operations
from desktop.ui.errors import engine_message
from desktop.ui.pin_dialog import PinChangeDialog, PinDialog
from desktop.ui.sign_dialog import SignDialog


class SigningFlow(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog = None  # the dialog of the current step (tests and screenshots look here)
        self.last_results: list = []
        self.choices: dict[Path, operations.SignChoice] = {}  # the last choice per document, offered again

    @property
    def errors(self):
        return self.window.errors

    # signing
    def start(self, source: Path, *, visible: VisibleSignature | None, report=None) -> None:
        """Sign `source`; `report` is its verification report (None: not signed, or not checked)."""
        self.window.jobs.start(lambda task: operations.signable(source),
                               done=lambda fmt: self._check_existing(source, fmt, visible, report),
                               failed=self.errors.show)

    def _check_existing(self, source: Path, fmt: SignatureFormat, visible, report) -> None:
        """Signing next to signatures that are not valid (or in a damaged file) is a deliberate choice."""
        if report is None or not (report.error or any(s.indication is not Indication.TOTAL_PASSED
                                                      for s in report.signatures)):
            self._choose(source, fmt, visible)
            return
        from desktop.verify.reports import words

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sign a document that is not valid?"),
                          self.tr("%1\n\n%2\n\nYour signature would stand beside this. Others may not rely on "
                                  "the document; ask its sender for a valid copy before you sign it.")
                          .replace("%1", source.name).replace("%2", words.headline(report)),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("signInvalidBox")
        box.setTextFormat(box.textFormat().PlainText)
        dont = box.addButton(self.tr("Do&n't sign"), QMessageBox.ButtonRole.RejectRole)
        sign = box.addButton(self.tr("Sign &anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(dont)
        box.setEscapeButton(dont)
        box.buttonClicked.connect(lambda button: self._choose(source, fmt, visible) if button is sign else None)
        self._open(box)

    def _choose(self, source: Path, fmt: SignatureFormat, visible) -> None:
        w = self.window
        is_pdf = fmt is SignatureFormat.PADES
        dialog = SignDialog(w.tokens.tokens(), source, is_pdf=is_pdf, visible=visible if is_pdf else None,
                            level=operations.default_level(w.settings), has_tsa=bool(w.settings.get("tsa_url")),
                            previous=self.choices.get(source), parent=w)
        dialog.accepted.connect(lambda: self._plan(source, dialog.choice(), force=False))
        self._open(dialog)

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _plan(self, source: Path, choice: operations.SignChoice, *, force: bool) -> None:
        self.choices[source] = choice

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

    def _ask_pin(self, requests, choice: operations.SignChoice, problem: PinError | None = None) -> None:
        token = self._fresh(choice.token)
        what = (requests[0].source.name if len(requests) == 1
                else self.tr("%n documents", "", len(requests)))  # never one: that one is named
        dialog = PinDialog(token, self.window, what=what, certificate=choice.certificate,
                           problem=engine_message(problem) if problem is not None else None)
        dialog.accepted.connect(lambda: self._sign(requests, choice, dialog.pin()))

        def follow(_snapshot):
            dialog.set_token(self._fresh(choice.token))

        self.window.tokens.changed.connect(follow)
        dialog.finished.connect(lambda _: self.window.tokens.changed.disconnect(follow))
        self._open(dialog)

    def _fresh(self, token):
        """The token as the panel last saw it (its PIN state changes after a wrong PIN)."""
        key = (token.module, token.slot_id, token.serial)
        return next((t for t in self.window.tokens.tokens() if (t.module, t.slot_id, t.serial) == key), token)

    def _sign(self, requests, choice, pin) -> None:
        w = self.window
        settings = w.settings
        w.busy_label.setText(self.tr("Signing…") if not choice.token.pin_pad
                             else self.tr("Type your PIN on the reader's PIN pad…"))
        w.jobs.start(lambda task: operations.sign(requests, choice, pin, settings, task),
                     done=self._signed, failed=lambda error: self._sign_failed(error, requests, choice),
                     progress=w.show_progress,
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

    def _sign_failed(self, error, requests, choice) -> None:
        if isinstance(error, PinLocked):
            self.errors.show(error, self.tr("PIN not accepted"))
        elif isinstance(error, PinError):
            # Back to the PIN prompt, every choice kept; the next try is the user's to type, never automatic.
            self.window.tokens.poll()  # read the token's PIN state now; the prompt follows it
            self._ask_pin(requests, choice, problem=error)
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
