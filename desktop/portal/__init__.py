"""Submitting signed documents to the e-government portal (docs/portal-openapi.yaml).

Layers, each knowing only those before it:
  errors, model      plain types and user-facing errors
  credentials        the refresh token, kept in the OS secret store (keyring) only
  client             PortalClient: HTTPS (TLS always verified), login, refresh-once-on-401
  receipts           checking the portal's signed receipt
  checks             what may be sent: the verify engine's verdict against the recipient's rules
  outbox             Outbox: the persistent queue (SQLite + copies of the files)
  sender             OutboxSender: sending with the same Idempotency-Key until it is received,
                     waiting out Retry-After and backing off; status polling
  login              card login glue (PKCS#11 signature over the portal's challenge)

No printing and no Qt: results are dataclasses, progress is a callback, so the CLI and the GUI
(a worker thread) use the same calls.
"""
