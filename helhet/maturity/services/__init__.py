"""Every change to the service catalogue, its maturity assessments and the plan to close the gaps
goes through these modules, one per sub-domain: validated, atomic, recorded in history.

A word on names: in this app "service" alone means a municipal service (tjeneste, the ``Service``
model). This package is "services" only by the Django convention for the write layer; its
functions are named ``<entity>_<verb>`` (``service_create`` creates a municipal service)."""
