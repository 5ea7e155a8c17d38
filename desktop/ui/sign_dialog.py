"""The signing dialog: certificate, format, level, visible signature (and its image), reason and location.

Only certificates fit for signing are offered (non-repudiation, in validity, not a CA): the
authentication certificate on an ID card never appears. The PIN is asked afterwards, by PinDialog.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.model import SignatureFormat, SignatureLevel, VisibleSignature
from desktop.signing.inputs import default_output
from desktop.ui.dialog_parts import add_rows, ok_cancel
from desktop.ui.operations import SignChoice
from desktop.ui.plain import plain, tooltip


class SignDialog(QDialog):
    def __init__(self, tokens: list, source: Path, *, is_pdf: bool, visible: VisibleSignature | None,
                 level: SignatureLevel, has_tsa: bool, previous: SignChoice | None = None, parent=None):
        """`previous`: the choice made last time for this document (after a cancelled PIN prompt, say):
        its certificate, format, level, reason and location are offered again."""
        super().__init__(parent)
        self.source = source
        self.is_pdf = is_pdf
        self.visible = visible
        self.setWindowTitle(self.tr("Sign %1").replace("%1", source.name))
        self.choices = [(t, c) for t in tokens for c in t.certificates
                        if c.fit_for_signing and not t.pin_locked]

        form = QFormLayout()
        self.cert_combo = QComboBox()
        for token, cert in self.choices:
            name = next((p[3:] for p in cert.subject.split(", ") if p.startswith("CN=")), cert.subject)
            self.cert_combo.addItem(self.tr("%1 — %2 (valid until %3)").replace("%1", name)
                                    .replace("%2", token.label).replace("%3", f"{cert.not_after:%Y-%m-%d}"))
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("PAdES: signature inside the PDF"), SignatureFormat.PADES)
        self.format_combo.addItem(self.tr("CAdES: detached signature file (.p7s)"), SignatureFormat.CADES)
        if not is_pdf:
            self.format_combo.setCurrentIndex(1)
            self.format_combo.model().item(0).setEnabled(False)
        self.level_combo = QComboBox()
        descriptions = {
            SignatureLevel.B_B: self.tr("B-B: basic signature"),
            SignatureLevel.B_T: self.tr("B-T: with a trusted time-stamp"),
            SignatureLevel.B_LT: self.tr("B-LT: with validation data, for long-term checks"),
            SignatureLevel.B_LTA: self.tr("B-LTA: with an archive time-stamp"),
        }
        for lvl, text in descriptions.items():
            self.level_combo.addItem(text, lvl)
            if lvl.needs_timestamp and not has_tsa:
                item = self.level_combo.model().item(self.level_combo.count() - 1)
                item.setEnabled(False)
                item.setToolTip(self.tr("Needs a time-stamping service: set one in Settings."))
        wanted = level if (has_tsa or not level.needs_timestamp) else SignatureLevel.B_B
        self.level_combo.setCurrentIndex(list(SignatureLevel).index(wanted))
        self.visible_check = QCheckBox()
        self.visible_hint = QLabel()
        self.visible_hint.setWordWrap(True)
        # An optional image (a seal, a handwritten signature) drawn faintly behind the stamp's words,
        # as `imza sign --visible-image`; the engine checks that it can be read.
        self.image: Path | None = visible.image if visible is not None else None
        self.image_caption = QLabel()
        self.image_label = QLabel()
        self.image_label.setWordWrap(True)
        self.image_button, self.image_clear = QPushButton(), QPushButton()
        self.image_button.clicked.connect(self.choose_image)
        self.image_clear.clicked.connect(lambda: self.set_image(None))
        self.reason_edit = QLineEdit()
        self.location_edit = QLineEdit()
        self.output_label = QLabel()
        plain(self.visible_hint, self.output_label, self.image_label)
        self.output_label.setWordWrap(True)
        self.output_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        add_rows(form, ((self.tr("&Certificate:"), self.cert_combo), (self.tr("&Format:"), self.format_combo),
                        (self.tr("&Level:"), self.level_combo), (self.tr("&Reason:"), self.reason_edit),
                        (self.tr("L&ocation:"), self.location_edit)))
        form.addRow(self.visible_check)
        form.addRow(self.visible_hint)
        image_row = QHBoxLayout()
        image_row.addWidget(self.image_label, 1)
        image_row.addWidget(self.image_button)
        image_row.addWidget(self.image_clear)
        form.addRow(self.image_caption, image_row)
        self.image_caption.setBuddy(self.image_button)
        form.addRow(self.tr("Output:"), self.output_label)

        self.no_cert = QLabel(self.tr("No certificate fit for signing is present. Insert your ID card or token; "
                                      "authentication and expired certificates cannot sign."))
        self.no_cert.setWordWrap(True)
        self.no_cert.setStyleSheet("color: #b42318")
        self.no_cert.setVisible(not self.choices)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("&Next: PIN…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_cert)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._update)
        self.visible_check.toggled.connect(self._update_image)
        if previous is not None:
            self._restore(previous)
        self._update()
        self.cert_combo.setFocus()

    def _restore(self, previous: SignChoice) -> None:
        rows = [i for i, (t, c) in enumerate(self.choices)
                if (t.serial, t.label, c.sha256) == (previous.token.serial, previous.token.label,
                                                     previous.certificate.sha256)]
        if rows:
            self.cert_combo.setCurrentIndex(rows[0])
        fmt = self.format_combo.findData(previous.format.value)
        if fmt >= 0 and self.format_combo.model().item(fmt).isEnabled():
            self.format_combo.setCurrentIndex(fmt)
        lvl = self.level_combo.findData(previous.level.value)
        if lvl >= 0 and self.level_combo.model().item(lvl).isEnabled():
            self.level_combo.setCurrentIndex(lvl)
        if previous.visible is not None and self.image is None:
            self.image = previous.visible.image
        self.reason_edit.setText(previous.reason or "")
        self.location_edit.setText(previous.location or "")

    def format(self) -> SignatureFormat:
        # Qt hands StrEnum item data back as plain str: convert again
        return SignatureFormat(self.format_combo.currentData())

    def _update(self) -> None:
        pades = self.format() is SignatureFormat.PADES
        lta = self.level_combo.model().item(3)
        lta.setEnabled(pades and lta.toolTip() == "")
        if not pades and self.level_combo.currentIndex() == 3:
            self.level_combo.setCurrentIndex(2)
        self.reason_edit.setEnabled(pades)
        self.location_edit.setEnabled(pades)
        if self.visible is not None:
            self.visible_check.setText(self.tr("&Visible signature on page %1, in the box drawn on the preview")
                                       .replace("%1", str(self.visible.page + 1)))
            self.visible_check.setEnabled(pades)
            self.visible_check.setChecked(pades)
            self.visible_hint.setText("")
        else:
            self.visible_check.setText(self.tr("&Visible signature"))
            self.visible_check.setEnabled(False)
            self.visible_check.setChecked(False)
            self.visible_hint.setText(self.tr("To add a visible signature, press “Place signature” above the "
                                              "page and drag a rectangle where it should go.") if pades else "")
        self.visible_hint.setVisible(bool(self.visible_hint.text()))
        self._update_image()
        self.output_label.setText(str(default_output(self.source, self.format())))
        self.ok_button.setEnabled(bool(self.choices))

    def _update_image(self) -> None:
        self.image_caption.setText(self.tr("&Image:"))
        self.image_button.setText(self.tr("Choose image…"))
        self.image_clear.setText(self.tr("No image"))
        self.image_label.setText(self.image.name if self.image is not None else self.tr("None (optional)"))
        self.image_label.setToolTip(tooltip(str(self.image)) if self.image is not None else "")
        self.image_button.setToolTip(self.tr("A seal or a handwritten signature (PNG, JPEG or PDF), drawn faintly "
                                             "behind the words of the visible signature."))
        on = self.visible_check.isChecked() and self.visible_check.isEnabled()
        for w in (self.image_caption, self.image_label, self.image_button):
            w.setEnabled(on)
        self.image_clear.setEnabled(on and self.image is not None)

    def choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Image for the visible signature"),
                                              str(self.image.parent if self.image else self.source.parent),
                                              self.tr("Images (*.png *.jpg *.jpeg *.pdf)"))
        if path:
            self.set_image(Path(path))

    def set_image(self, path: Path | None) -> None:
        self.image = path
        self._update_image()

    def choice(self) -> SignChoice:
        token, cert = self.choices[self.cert_combo.currentIndex()]
        pades = self.format() is SignatureFormat.PADES
        return SignChoice(
            token=token, certificate=cert, format=self.format(), level=SignatureLevel(self.level_combo.currentData()),
            visible=dataclasses.replace(self.visible, image=self.image)
            if pades and self.visible is not None and self.visible_check.isChecked() else None,
            reason=(self.reason_edit.text().strip() or None) if pades else None,
            location=(self.location_edit.text().strip() or None) if pades else None,
        )


