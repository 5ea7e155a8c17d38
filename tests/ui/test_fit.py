"""It fits: 1600×1000 at 200 % leaves 800×500 logical pixels; the window, its verdict panel and the bulk
window must be usable there (the offscreen screen is 800×800 logical)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.verify_view import SignatureCard
from tests.ui.test_signing import open_and_wait


@pytest.fixture
def signed(imza, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    return letter.with_name("letter.signed.pdf")


def test_the_window_and_its_verdicts_fit_800_by_500(qtbot, window, signed):
    open_and_wait(qtbot, window, signed)
    qtbot.waitUntil(lambda: window.preview.view.page is not None)
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 500
    window.resize(800, 500)
    qtbot.waitUntil(lambda: window.size().width() == 800 and window.size().height() == 500)
    (card,) = window.verification.findChildren(SignatureCard)
    qtbot.waitUntil(lambda: card.isVisible())
    # the verdict is not clipped: the card gets the width its badge and words need
    assert window.verification.list.viewport().width() >= card.minimumSizeHint().width()
    assert card.badge.width() >= card.badge.sizeHint().width()
    # the page's tool bar wraps instead of pushing the panels off the window
    assert window.preview.bar.width() <= window.preview.width()


def test_the_bulk_window_opens_on_screen(qtbot, window):
    window._qsettings().remove("bulk/geometry")  # first opening: no place remembered yet
    window.bulk_action.trigger()
    view = window.bulk_view
    qtbot.waitUntil(view.isVisible)
    area = QApplication.primaryScreen().availableGeometry()
    assert area.contains(view.frameGeometry())
    assert view.minimumSizeHint().width() <= 800 and view.minimumSizeHint().height() <= 720


def test_size_and_panel_widths_are_remembered(qtbot, settings, translations, window, signed):
    from desktop.ui.app import create_window

    open_and_wait(qtbot, window, signed)
    window.resize(760, 480)
    qtbot.waitUntil(lambda: window.size().width() == 760)
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0] + 40, sizes[1] - 40, sizes[2]])
    moved = window.splitter.sizes()
    window.close()
    again = create_window(settings=settings, files=[signed])
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.current() is not None and again.current().report is not None
                    and again.tokens.snapshot is not None and again.trust_setup.text is None)
    assert (again.size().width(), again.size().height()) == (760, 480)
    assert again.splitter.sizes() == moved
    again.close()
