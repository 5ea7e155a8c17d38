"""The About box: what Imza is, its version, where it keeps its settings and log, what it is built on."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from desktop import __version__
from desktop.config import config_path, data_dir
from desktop.resources import resource_path

# name shown: the distributions that may provide it (PySide6 is usually installed as its Essentials part)
PARTS = {"Qt for Python": ("PySide6", "PySide6-Essentials"), "pyHanko": ("pyhanko",),
         "python-pkcs11": ("python-pkcs11",), "certomancer": ("certomancer",)}


def _version(packages: tuple[str, ...]) -> str:
    for package in packages:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return "?"


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Imza"))
        logo = QLabel()
        pixmap = QPixmap(str(resource_path("icons", "imza-128.png")))
        logo.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(f"<h2>Imza {__version__}</h2>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        intro = QLabel(self.tr("Sign and verify documents with the e-signature certificate on your ID card or "
                               "USB token. PDF documents get PAdES signatures; other files a detached CAdES "
                               "signature (.p7s); several files go into one ASiC-E container."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.settings_label = QLabel(str(config_path()))
        self.log_label = QLabel(str(data_dir() / "imza.log"))
        self.parts_label = QLabel(", ".join(f"{name} {_version(dists)}" for name, dists in PARTS.items()))
        for label in (self.settings_label, self.log_label, self.parts_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Settings:"), self.settings_label)
        form.addRow(self.tr("Log:"), self.log_label)
        form.addRow(self.tr("Built with:"), self.parts_label)
        form.addRow(self.tr("Licence:"), QLabel("EUPL-1.2"))
        privacy = QLabel(self.tr("Your PIN is never stored or logged. Documents are checked on this computer; "
                                 "the network is used only for time-stamps, for revocation data when you ask for "
                                 "an online check, and for the portal when you submit."))
        privacy.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(intro)
        text.addLayout(form)
        text.addWidget(privacy)
        top = QHBoxLayout()
        top.setSpacing(18)
        top.addWidget(logo)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
