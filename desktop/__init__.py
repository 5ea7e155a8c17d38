"""Imza: a desktop signing client (PAdES, CAdES) for PKCS#11 ID cards and tokens."""

__version__ = "0.1.0"
