"""The benefits overview's figures as the API writes them: BenefitsSummaryOut reads the summary
as benefits_summary returns it, amounts as strings."""

from datetime import date

import pytest

from helhet.api.benefits_summary import BenefitsSummaryOut
from helhet.benefits.selectors.filters import BenefitFilters
from helhet.benefits.selectors.overview import BenefitsSummary, benefits_summary
from helhet.organization.models import Municipality
from tests.benefits.overview_helpers import TODAY, add_benefit, add_indicator, initiative, measure

pytestmark = pytest.mark.django_db


def _summary(municipality: Municipality) -> BenefitsSummary:
    return benefits_summary(municipality, BenefitFilters(), today=TODAY)


def _dispensers(stavanger: Municipality) -> None:
    """The audit's dispensers: yearly cost 3,085,163 to 1,471,399, now measured at 2,000,000."""
    benefit = add_benefit(
        initiative(stavanger, "Medisindispensere"), "Lavere årskostnad", planned=1613764
    )
    yearly = add_indicator(benefit, unit="nok", baseline=3085163, target=1471399)
    measure(yearly, date(2025, 6, 1), 2500000)
    measure(yearly, date(2026, 1, 1), 2000000)


def test_the_summary_as_json_gives_amounts_as_strings(stavanger: Municipality) -> None:
    _dispensers(stavanger)

    data = BenefitsSummaryOut.model_validate(_summary(stavanger)).model_dump(mode="json")

    assert data["totals"]["planned_nok"] == "1613764.00"
    assert data["totals"]["realised_nok"] == "1085163.00"
    assert data["totals"]["count"] == 1
    assert data["hours_per_fte"] == "1695"
    assert data["by_dimension"][0]["key"] == "economy"
    assert data["without_indicator"] == {"total": 0, "benefits": []}
