"""Helhet's JSON API, version 1. Same roles and tenancy as the HTML views: a token acts as its
user in one municipality, and another municipality's objects answer 404.

This module only assembles the routers. Their order is the order of the OpenAPI description.
Each operation names its ``operation_id``: generated clients name their methods after it, so it
keeps the name it was first published with wherever the endpoint's code lives."""

from ninja import NinjaAPI

from helhet.api import (
    accounts,
    benefit_plans,
    benefits,
    benefits_summary,
    decisions,
    fund_applications,
    fund_decisions,
    fund_rounds,
    funds,
    gates,
    help_requests,
    ideas,
    initiatives,
    lessons,
    maturity,
    methods,
    notifications,
    organization,
    portfolio_summary,
    projects,
    scaleup,
    service_catalogue,
    similar_work,
    solutions,
    status_reports,
)
from helhet.api.auth import TokenAuth, add_token_exception_handlers
from helhet.api.errors import TextParser, add_exception_handlers

api = NinjaAPI(
    title="Helhet API",
    version="1",
    description="The JSON API of Helhet. Authenticate with `Authorization: Bearer <token>`. "
    "A person makes their tokens in Helhet (*API-nøkler* in the header) or an operator with "
    "`python manage.py create_api_token <username>`. A token acts as its person, with their role, "
    "in one municipality; it expires after its last day (at most a year ahead) and then answers "
    "401, like a revoked token. A read-only token answers 403 on every POST, PATCH, PUT and "
    "DELETE, before the request is read; a read-and-write token may do what the person's role "
    "allows.",
    auth=TokenAuth(),
    parser=TextParser(),
    docs_url=None,
    urls_namespace="api-v1",
)
add_exception_handlers(api)
add_token_exception_handlers(api)

for module in (
    accounts,
    organization,
    initiatives,
    portfolio_summary,
    status_reports,
    methods,
    gates,
    decisions,
    projects,
    lessons,
    service_catalogue,
    maturity,
    benefits,
    benefits_summary,
    benefit_plans,
    ideas,
    fund_applications,
    fund_decisions,
    funds,
    fund_rounds,
    solutions,
    similar_work,
    help_requests,
    scaleup,
    notifications,
):
    api.add_router("", module.router)
