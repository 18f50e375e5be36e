"""A project's pages, one module per part of its work: its method and gates, board, risk
register and log."""
