"""Verification of PAdES and detached CAdES signatures, offline-first. No Qt here."""
