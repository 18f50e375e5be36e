"""Reads across the fund's models: one module per sub-domain (``balance``, ...)."""
