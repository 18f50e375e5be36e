"""Reads of benefits, by sub-domain:

- ``plan``: an initiative's benefits realisation plan;
- ``follow_up``: where an indicator stands, a benefit's follow-up, my benefits (Mine gevinster);
- ``due_measurements``: who should measure what (the reminders);
- the benefits overview (gevinstoversikt): ``filters``, ``realised`` (the realised value as
  database expressions), ``totals`` (figures in total and line by line), ``listings``,
  ``budget_cuts`` and ``overview`` (the summary; the API's BenefitsSummaryOut reads it as is).
"""
