"""Verdicts in plain words, the same as `imza verify`: offline by default, one banner for a tampered
document, ETSI codes only in the details, signatures counted apart from document time-stamps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.verify.reports.words import COLOURS
from tests.support import tst_swap
from tests.ui.test_signing import open_and_wait

pytestmark = pytest.mark.gui


def _cards(window):
    view = window.verification
    return [view.list.itemWidget(view.list.item(i)) for i in range(view.list.count())]


def _item(window, name):
    items = [window.doc_list.item(i) for i in range(window.doc_list.count())]
    return next(i for i in items if i.data(Qt.ItemDataRole.UserRole).name == name)


def test_the_window_checks_offline_by_default_like_the_cli(qtbot, window, services, imza, letter):
    """`imza verify` is offline by default (README); the window says the same about the same file,
    and says which check it made. Online is a deliberate choice (Document → Check online)."""
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-T", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    signed = letter.with_name("letter.signed.pdf")
    assert imza("verify", signed).returncode == 2  # INDETERMINATE: no revocation data in a B-T letter

    doc = open_and_wait(qtbot, window, signed)
    assert window.verification.badges() == ["Indeterminate"]
    assert window.verification.how.text() == "Checked offline, with the data in the document."
    assert doc.offline and not window.online_action.isChecked()

    window.online_action.trigger()  # fetches the signer's OCSP response from the demo responder
    qtbot.waitUntil(lambda: doc.report is not None and not doc.offline, timeout=60000)
    assert window.verification.badges() == ["Valid"]
    assert window.verification.how.text().startswith("Checked online")


def test_a_tampered_document_gets_one_banner_a_mark_and_plain_words(qtbot, window, services, imza, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    signed = letter.with_name("letter.signed.pdf")
    tampered = letter.with_name("tampered.pdf")
    tampered.write_bytes(signed.read_bytes().replace(b"Dear colleagues", b"Dear Colleagues", 1))

    open_and_wait(qtbot, window, tampered)
    assert window.banner.isVisible() and window.banner.text() == "Changed after signing — do not rely on it."
    item = _item(window, "tampered.pdf")
    assert item.text() == "✖ tampered.pdf" and item.foreground().color().name() == COLOURS["invalid"]
    assert "Changed after signing" in item.data(Qt.ItemDataRole.AccessibleTextRole)

    view = window.verification
    assert view.badges() == ["Invalid"]
    assert view.summary.text() == "Changed after signing — do not rely on it." and view.tally.text() == "Signatures: 1"
    (card,) = _cards(window)
    # the time-stamp is valid, but a red card carries no green "Valid" line (EN 319 102-1 5.4: it proves a
    # time, not the signature)
    (stamp,) = card.stamps
    assert stamp.kind == "plain" and "Valid" not in stamp.text() and COLOURS["valid"] not in stamp.styleSheet()
    assert stamp.text().startswith("Signature time-stamp by Imza Demo Time-Stamping Authority at ")
    # ETSI codes only in the details' last section; the trust in the certificate was never judged
    plain = " ".join([view.summary.text(), view.tally.text(), card.accessibleName()])
    assert "TOTAL-FAILED" not in plain and "HASH_FAILURE" not in plain
    details = view.details.toPlainText()
    assert "Chains to a trusted root\nnot judged: the content was changed" in details
    assert "Chains to a trusted root\nno\n" not in details
    technical = details.split("Technical details (ETSI EN 319 102-1)")[1]
    assert "TOTAL-FAILED / HASH_FAILURE" in technical and "TOTAL-FAILED" not in details.split("Technical details")[0]
    assert "✔ Valid" not in details

    open_and_wait(qtbot, window, signed)  # the valid copy: no banner, no mark
    assert not window.banner.isVisible()
    assert _item(window, "letter.signed.pdf").text() == "letter.signed.pdf"
    assert view.summary.text() == "All signatures are valid."


def test_signatures_are_counted_apart_from_document_time_stamps(qtbot, window, services, imza, letter, tmp_path):
    for token, pin, level, out in (("Citizen ID", "12345", "B-LT", tmp_path / "one.pdf"),
                                   ("Agency token", "246810", "B-LTA", tmp_path / "two.pdf")):
        proc = imza("sign", letter, "--token", token, "--level", level, "-o", out, "--pin-stdin", input=pin + "\n")
        assert proc.returncode == 0, proc.stderr
        letter = out
    open_and_wait(qtbot, window, tmp_path / "two.pdf")
    assert window.verification.tally.text() == "Signatures: 2; document time-stamps: 1"
    assert len(window.verification.badges()) == 3 and "Invalid" not in window.verification.badges()


def test_valid_with_warnings_says_what_the_warning_is(qtbot, window, services, imza, letter, tmp_path):
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    swapped = tmp_path / "swapped.pdf"
    signed = letter.with_name("letter.signed.pdf").read_bytes()
    swapped.write_bytes(tst_swap.pdf_with_token(signed, tst_swap.foreign_token(services["tsa"])))
    open_and_wait(qtbot, window, swapped)
    view = window.verification
    assert view.badges() == ["Valid with warnings"]
    (card,) = _cards(window)
    warning = window.current().report.signatures[0].warnings[0]
    assert [w.text() for w in card.warnings][0] == f"⚠ {warning}" and card.warnings[0].isVisible()
    assert view.summary.text() == f"Valid, with a warning: {warning}"
    assert not window.banner.isVisible()


def test_file_open_offers_every_supported_type_all_supported_first(window):
    filters = window.open_filters().split(";;")
    assert filters[0] == "All supported (*.pdf *.p7s *.p7m *.asice *.sce)"
    assert filters[-1] == "Any file to sign (*)"


def badge_width(card) -> int:
    """The badge's width on one line, beside its icon."""
    margins = card.layout().contentsMargins()
    return (margins.left() + margins.right() + card.icon.sizeHint().width() + card.layout().spacing()
            + card.badge.fontMetrics().horizontalAdvance(card.badge.text()) + 16)  # 16: the badge's padding


def test_a_long_verdict_badge_wraps_instead_of_being_cut_off(qtbot, window, services, imza, letter, tmp_path):
    """`make screenshots` showed '⚠ Действительна с предупрежден' cut at the card's edge in Russian at
    the panel's usual width: the badge wraps inside the card instead."""
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    swapped = tmp_path / "swapped.pdf"
    signed = letter.with_name("letter.signed.pdf").read_bytes()
    swapped.write_bytes(tst_swap.pdf_with_token(signed, tst_swap.foreign_token(services["tsa"])))
    doc = open_and_wait(qtbot, window, swapped)
    english = doc.report
    window.open_settings()
    dialog = window.settings_dialog
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ru"))
    dialog.accept()
    qtbot.waitUntil(lambda: doc.report is not None and doc.report is not english, timeout=60000)
    view = window.verification
    assert view.badges() == ["Действительна с предупреждениями"]
    # A panel a little narrower than the badge on one line (in the screenshot: 336 pixels, xvfb's fonts)
    window.resize(1500, 920)
    (card,) = _cards(window)
    sizes = window.splitter.sizes()
    panel = max(badge_width(card) - 30 + view.width() - card.width(), view.minimumWidth())
    window.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - panel, panel])
    qtbot.waitUntil(lambda: view.width() == panel)
    assert card.contentsRect().width() < badge_width(card)
    badge = card.badge
    qtbot.waitUntil(lambda: badge.geometry().right() <= card.contentsRect().right())
    # as wide as its text needs (on one line it needed more than the card has), and tall enough for its lines
    assert badge.width() >= badge.minimumSizeHint().width()
    assert badge.height() >= badge.heightForWidth(badge.width())
