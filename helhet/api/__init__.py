"""Helhet's JSON API, version 1 (django-ninja, under /api/v1/).

- ``urls``: the NinjaAPI and its routers, in the order of the OpenAPI description; nothing else.
- Shared plumbing: ``errors`` (the error shape, 422 answers, exception handlers), ``middleware``
  (JSON for the errors no endpoint answers: unknown address, wrong method), ``members`` (the
  token's membership and the role check), ``lookups`` (ids and usernames from a request as
  objects of the municipality), ``pagination`` and ``schemas`` (shared references, number
  formats, and the bounded types of what a request sends); ``auth`` is the bearer token.
- Endpoints by sub-domain, each module with its router and its schemas: ``accounts`` (/me),
  ``organization``, ``initiatives`` (with ``initiative_payloads``), ``portfolio_summary``,
  ``status_reports``, ``methods``, ``gates`` (a project's phase and decision requests),
  ``decisions``, ``projects`` (risks, log), ``lessons`` (the lessons register),
  ``service_catalogue``, ``maturity``,
  ``benefits``, ``benefits_summary`` and ``benefit_plans``.

Output schemas read model objects (or the selectors' dataclasses) directly: attributes by name,
``Field(alias="a.b")`` for a value one step away, ``resolve_<field>`` for anything computed. An
endpoint returns the object; there are no dict builders restating the schemas."""
