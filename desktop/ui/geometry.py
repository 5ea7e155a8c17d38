"""Where a window opens: where the user left it, else a size that fits the screen it is on.

Geometry goes to the window's own QSettings file (never the documents' settings, never a PIN).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QWidget


def fit_size(widget: QWidget, wanted: QSize, near: QWidget | None = None) -> QSize:
    """`wanted`, shrunk to fit the available area of the screen (of `near`, else of `widget`)."""
    screen = (near or widget).screen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size()
    return wanted.boundedTo(QSize(int(room.width() * 0.95), int(room.height() * 0.92)))


def place(widget: QWidget, settings: QSettings, key: str, wanted: QSize, near: QWidget | None = None) -> None:
    """Restore `key`'s saved geometry (Qt moves it back on screen if the screens changed); else open
    at `wanted` (fitted to the screen) centred on `near` or on the screen."""
    saved = settings.value(key)
    if saved is not None and widget.restoreGeometry(saved):
        return
    widget.resize(fit_size(widget, wanted, near))
    screen = (near or widget).screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    centre = near.frameGeometry().center() if near is not None and near.isVisible() else area.center()
    frame = widget.frameGeometry()
    frame.moveCenter(centre)
    x = min(max(frame.x(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.top()), area.bottom() - frame.height() + 1)
    widget.move(max(x, area.left()), max(y, area.top()))


def remember(widget: QWidget, settings: QSettings, key: str) -> None:
    settings.setValue(key, widget.saveGeometry())
