"""Writes of the adoption app, split by sub-domain."""
