"""Ideas from anyone in the municipality, screened by the portfolio office and promoted to
initiatives, merged, parked or rejected."""
