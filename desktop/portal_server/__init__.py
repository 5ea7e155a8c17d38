"""The reference e-government portal: a real HTTPS server implementing docs/portal-openapi.yaml.

Used by `imza demo serve` and by the tests; it is not part of the client and the client
(desktop/portal) never imports it. It keeps submissions in SQLite, signs receipts with the demo
portal key, checks login signatures against the demo PKI, and, when started with test controls,
can be told to misbehave (drop connections, answer 500/503/429, answer slowly).
"""
