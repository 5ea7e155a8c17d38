"""The window on a desktop without a password store: the card login lasts while it is open
(kept in memory only) instead of being refused (issue 14, item 15)."""

from __future__ import annotations

from tests.portal import conftest as portal_fixtures
from tests.ui.test_portal_views import log_in

portal_server, portal, no_secure_store = (portal_fixtures.portal_server, portal_fixtures.portal,
                                          portal_fixtures.no_secure_store)


def test_the_window_logs_in_for_as_long_as_it_is_open(qtbot, window, settings, portal, no_secure_store):
    # the window's own portal workspace is made from its settings when first needed
    settings.set("portal_url", portal.url)
    settings.set("portal_ca_bundle", str(portal.ca))
    settings.set("portal_receipt_cert", str(portal.receipt_cert))
    log_in(qtbot, window)
    assert "until this window closes" in window.statusBar().currentMessage()
    assert not window.portal._ws.client.credentials.persistent
    assert not any((no_secure_store / "data").rglob("*")) and not any((no_secure_store / "config").rglob("*"))
    assert len(portal.events("login")) == 1
