"""Writes to benefits, by sub-domain: ``plan`` (benefits and their indicators), ``follow_up``
(measurements and a benefit's status), ``budget_cuts``, ``calculations`` (before/after) and
``settings`` (the hours in one full-time equivalent)."""
