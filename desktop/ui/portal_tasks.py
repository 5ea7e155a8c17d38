"""What the portal views ask of the portal engine, as plain functions run in a worker (no Qt here)."""

from __future__ import annotations

from desktop.portal.errors import LoginRequired, PortalIdentityError, PortalUnavailable


def login(ws, token, pin) -> str:
    """Log in with the card's authentication certificate; returns the name the portal read from it.

    The password store is checked before the PIN is used; a wrong PIN raises PinError (never retried).
    """
    from desktop.portal.login import login_with_card
    from desktop.tokens.auth import choose_authentication_certificate
    from desktop.tokens.session import TokenSession
    from desktop.tokens.watch import exclusive

    ws.client.credentials.check_available()
    cert = choose_authentication_certificate(token)
    with exclusive(), TokenSession(token) as session:
        session.login(pin)
        del pin
        subject = login_with_card(ws.client, session, cert)
    return subject.name


def refresh(ws, *, send: bool = True) -> list:
    """Send what is due, ask the portal for new statuses, and return the outbox, newest first.

    Not being able to reach the portal (or being logged out) is not an error here: the list is
    still shown, with each entry's own status.
    """
    try:
        if send:
            ws.sender.send_pending()
        if ws.outbox.awaiting_status():
            ws.sender.refresh_statuses()
    except (PortalUnavailable, PortalIdentityError, LoginRequired):
        pass
    return sorted(ws.outbox.list(), key=lambda i: i.id, reverse=True)
