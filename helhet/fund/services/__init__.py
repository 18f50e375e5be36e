"""Writes to the fund: one module per sub-domain (``ledger``, and the modules built on it)."""
