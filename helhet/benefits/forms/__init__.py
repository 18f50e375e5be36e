"""Forms for benefits, by sub-domain: ``plan`` (a benefit, an indicator), ``follow_up`` (a
measurement, a benefit's status), ``budget_cuts``, ``calculations`` (before/after) and
``overview`` (filters, the hours in one full-time equivalent); ``fields`` holds what they share.
They turn what a person typed into values (numbers as Norwegians write them, "1 613 764" or
"8452,50"); the services decide what may be saved."""
