"""The verification view: a signature's time-stamps, each on its own line in its own verdict's colour."""

from __future__ import annotations

import pytest

from desktop.ui.report_html import COLOURS
from desktop.ui.verify_view import VerificationView
from desktop.verify.engine import verify_file
from desktop.verify.trust import TrustStore
from tests.support import tst_swap

pytestmark = pytest.mark.gui
TSA = "Imza Demo Time-Stamping Authority"


@pytest.fixture
def signed_lt(imza, services, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-LT", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    return letter.with_name("letter.signed.pdf")


def _card(view):
    return view.list.itemWidget(view.list.item(0))


def test_each_timestamp_has_a_line_in_its_own_colour(qtbot, demo, services, signed_lt, tmp_path):
    trust = TrustStore.from_dir(demo.trust_dir)
    view = VerificationView()
    qtbot.addWidget(view)

    view.show_report(verify_file(signed_lt, trust, offline=True))
    (line,) = _card(view).stamps
    assert line.kind == "valid" and COLOURS["valid"] in line.styleSheet()
    assert line.text().startswith(f"✔ Valid: signature time-stamp by {TSA} at ")
    assert view.badges() == ["Valid"]
    assert "Signature time-stamps" in view.details.toPlainText()

    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(tst_swap.pdf_with_token(signed_lt.read_bytes(), tst_swap.foreign_token(services["tsa"])))
    view.show_report(verify_file(swapped, trust, offline=True))
    card = _card(view)
    (line,) = card.stamps
    assert line.kind == "invalid" and COLOURS["invalid"] in line.styleSheet()
    assert line.text().startswith(f"✖ Invalid: signature time-stamp by {TSA} at ")
    assert "does not belong to this signature" in line.toolTip()
    assert view.badges() == ["Valid with warnings"]  # the signature stands, its time-stamp proves nothing
    assert "Invalid: signature time-stamp" in card.accessibleDescription()
    details = view.details.toPlainText()
    assert "imprint matches the signature: no" in details and "time-stamped by" not in details
    # The pane leads with words; a time-stamp's ETSI codes are in its last section only.
    plain, technical = details.split("Technical details (ETSI EN 319 102-1)")
    assert "TOTAL-FAILED / HASH_FAILURE" in technical and "TOTAL-FAILED" not in plain
