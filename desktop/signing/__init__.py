"""Producing signatures: PAdES for PDF, detached CAdES (.p7s) for any file. No Qt here."""
