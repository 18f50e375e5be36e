"""Reads of a project's work, one module per part of it, each in a fixed number of queries."""
