"""Reads of the service catalogue and its maturity, by sub-domain:

- ``catalogue``: the municipal services by service area, each with its newest assessment;
- ``service_maturity``: where each service stands at a date (its newest assessment by then);
- ``overview``: how many services reach each level, per service area and in total;
- ``comparison``: the change between two assessment dates;
- ``plan``: the digital-first-choice plan (every gap, the steps planned, what needs attention).

"The current maturity at date D" is, for each service, its newest assessment on or before D; a
service with none is "not assessed" and reaches no level."""
