"""Bulk signing: hundreds of letters, one login, a journal that survives kill -9. No Qt here."""
