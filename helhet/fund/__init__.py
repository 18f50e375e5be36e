"""The digitalisation fund: its decision, rules as versioned data, applications from the
portfolio, assessment and decision, the ledger, gains returned to it and its review."""
