"""The demo environment: a certomancer test PKI, SoftHSM2 tokens, and their services.

Used by `imza demo init|serve`, by the tests and by the benchmarks. Never by real signing.
"""
