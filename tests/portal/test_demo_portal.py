"""`imza demo serve` runs the reference portal beside the PKI services, and demo init points at it."""

from __future__ import annotations

from types import SimpleNamespace

from desktop.portal.model import RecipientKind
from tests.portal.conftest import MemoryKeyring, card_login, make_workspace


def test_demo_serve_runs_the_portal_over_https(services, demo, imza):
    assert services["portal"] == f"https://127.0.0.1:{demo.state['portal_port']}"
    proc = imza("config", "show")
    assert services["portal"] in proc.stdout and "imza-demo-root.pem" in proc.stdout
    proc = imza("services")
    assert proc.returncode == 0, proc.stderr
    assert "birth-certificate-duplicate  Duplicate of a birth certificate" in proc.stdout


def test_login_and_submit_through_the_demo_portal(services, demo, signed, tmp_path):
    server = SimpleNamespace(url=services["portal"], ca=demo.trust_dir / "imza-demo-root.pem",
                             receipt_cert=demo.dir / "certs" / "portal-receipt.cert.pem")
    store = MemoryKeyring()
    subject, _ = card_login(server, store)
    assert subject.serial_number == "PNOAZ-5ZHJ8KQ"
    ws = make_workspace(server, store, demo, tmp_path)
    try:
        service, _ = ws.recipient(RecipientKind.SERVICE, "general-appeal")
        result = ws.submit([signed.citizen_bt], service, "Demo appeal")
        assert result.sent and result.item.summary == "received, receipt verified"
    finally:
        ws.close()
