"""An initiative's benefits realisation plan as files to send on: an .xlsx workbook
(``plan_xlsx``) and a PDF to print or attach to a case (``plan_pdf``, with the before/after
calculation's part in ``calculation_pdf``); ``texts`` holds what both show alike.

Both take the benefits as ``list(selectors.plan.benefits_plan(initiative))`` and read only what it
prefetched, so an export makes the same few queries however large the plan is. Achievement, trend
and when the next measurement falls due come from ``selectors.follow_up.indicator_figures`` (the
rules of ``helhet.benefits.figures`` that every page shares); the before/after figures from
``helhet.benefits.calculator``."""
