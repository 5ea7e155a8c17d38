"""The first screen: a large drop zone that invites a document, and the cards present below it.

The main window shows it until the first document opens; the token panel is lent to it meanwhile.
While files are dragged over the window the zone lights up (`set_dragging`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desktop.ui import icons

ZONE_STYLE = """
QFrame#dropZone { border: 3px dashed palette(mid); border-radius: 14px; background: palette(base); }
QFrame#dropZone[dragging="true"] { border: 3px solid palette(highlight); background: palette(alternate-base); }
"""


class DropZone(QFrame):
    """The big invitation: an icon, one sentence, and a button for those who do not drag."""

    chooseRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setStyleSheet(ZONE_STYLE)
        self.setProperty("dragging", False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setObjectName("dropText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.text.setFont(font)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.choose_button = QPushButton()
        self.choose_button.setIcon(icons.icon("open"))
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.chooseRequested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        layout.addWidget(self.hint)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    @property
    def dragging(self) -> bool:
        return bool(self.property("dragging"))

    def set_dragging(self, on: bool) -> None:
        if self.dragging != on:
            self.setProperty("dragging", on)
            self.style().unpolish(self)
            self.style().polish(self)
            self.update()
        self.icon.setPixmap(icons.pixmap("drop-active" if on else "drop", 64, self.devicePixelRatioF()))

    def retranslate(self) -> None:
        self.text.setText(self.tr("Drop a document here to sign or check it, or choose a file"))
        self.hint.setText(self.tr("PDF documents, signature files (.p7s) and containers (.asice), or any file to sign."))
        self.choose_button.setText(self.tr("&Choose a file…"))
        self.setAccessibleName(self.tr("Drop zone"))
        self.setAccessibleDescription(self.text.text())
        self.choose_button.setAccessibleDescription(self.tr("Open a document to sign or check"))
        self.set_dragging(self.dragging)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class WelcomePage(QWidget):
    """Drop zone on top, then whatever the window lends it (the trust notice, the token panel)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.drop_zone = DropZone()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(self.drop_zone, 3)

    def lend(self, widget: QWidget, stretch: int = 0) -> None:
        """Show `widget` below the drop zone (it is taken back with plain re-parenting)."""
        self.layout_.addWidget(widget, stretch)
