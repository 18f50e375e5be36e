"""Demo benefits realisation plans for Stavanger's demo portfolio, from the 2022 audit (Rogaland
Revisjon, ``seed/000_2f3fe3e17b51d0d8.txt``; the comments give its line numbers): the medicine
dispensers with table 4 exactly as the audit gives it (so its inconsistency shows), Spider's
benefit analysis (table 5), the invoice robot Robin and Byarkivet's RPA processes (table 3), and
the video visits. Built through the services, as the project leader and the benefits owners
would, after the portfolio demo (``helhet.demo.portfolio``).

What the audit tells is dated as it tells it (the dispensers' trial in 2017, Byarkivet from the
autumn of 2020). Follow-up is dated relative to today, as the other demos' recent events are, so
the plans show measurements not yet due, one due soon and some overdue whenever the demo is
loaded. Figures the audit does not give are marked "(demoeksempel)" where they are set.

The plans are data (``dispensers``, ``spider``, ``rpa``, in the shapes of ``shapes``); ``build``
makes them through the services in the order the data gives: each benefit, its indicators, their
measurements, its before/after calculation, its budget cuts, and last the status its owner
sets."""
