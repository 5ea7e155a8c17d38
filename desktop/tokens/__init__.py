"""PKCS#11 tokens: finding modules, listing tokens and certificates, logging in, signers.

No Qt here. The GUI observes `TokenState` values produced by this package.
"""
