"""An enveloping signature (.p7m) opened in the window: verified, and its content can be saved."""

from __future__ import annotations

from tests.support import policy_pki
from tests.ui.test_signing import open_and_wait


def test_an_enveloping_signature_is_verified_and_its_content_saved(qtbot, window, tmp_path):
    """The .p7m is verified as CAdES with the data inside it (RFC 5652 5.4: encapsulated content);
    File > Save signed content writes that data (the demo trust store does not know this PKI,
    so the verdict is INDETERMINATE, which does not matter for saving)."""
    pki = policy_pki.build(tmp_path / "pki")
    path = pki.sign_cms(tmp_path / "contract.txt.p7m", pki.signer("signer"), detached=False, crl=True,
                        with_timestamp=True)
    assert not window.save_content_action.isEnabled()
    doc = open_and_wait(qtbot, window, path)
    assert doc.report.kind == "cms" and doc.report.signatures[0].coverage == "attached-data"
    assert window.save_content_action.isEnabled()
    out = tmp_path / "saved.txt"
    window.save_content_to(doc, out)
    assert out.read_bytes() == policy_pki.DATA
    assert "saved.txt" in window.statusBar().currentMessage()
