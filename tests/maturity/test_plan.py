"""maturity_plan and the plan page /tjenester/plan/: every service with its gaps and their steps,
the flags (no step, needs an initiative, initiative stopped or late, past the due date), the
filters, and the query count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from helhet.maturity.models import Answer, MaturityLevel, StepStatus
from helhet.maturity.selectors.plan import Flag, Gap, PlanRow, maturity_plan
from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeStatus
from tests.conftest import count_queries
from tests.maturity.plan_helpers import (
    areas,
    assess,
    import_audit,
    initiative,
    service,
    step,
    user,
)

URL = "/tjenester/plan/"
TODAY = date(2025, 1, 15)


def _row(municipality: Municipality, name: str, today: date = TODAY) -> PlanRow:
    plan = maturity_plan(municipality, today)
    return next(row for row in plan.rows if row.service.name == name)


def _gap(municipality: Municipality, name: str, level: int, today: date = TODAY) -> Gap:
    return next(gap for gap in _row(municipality, name, today).gaps if gap.level == level)


def test_plan_lists_every_service_that_lacks_a_level(stavanger: Municipality) -> None:
    import_audit(stavanger)

    names = [row.service.name for row in maturity_plan(stavanger, TODAY).rows]

    assert len(names) == 22
    assert "Barnehageplass" not in names
    assert "Skolefritidsordning" not in names


def test_plan_gaps_are_the_levels_not_answered_yes(stavanger: Municipality) -> None:
    import_audit(stavanger)

    assert [gap.level for gap in _row(stavanger, "Byggesøknad").gaps] == [
        MaturityLevel.ELECTRONIC_TRANSFER
    ]
    assert [
        gap.level for gap in _row(stavanger, "Parkeringsbevis for forflytningshemmede").gaps
    ] == [
        MaturityLevel.ELECTRONIC_APPLICATION,
        MaturityLevel.ELECTRONIC_TRANSFER,
    ]


def test_a_service_never_assessed_lacks_all_three_levels(stavanger: Municipality) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    service_create(actor=None, municipality=stavanger, name="Lån av Sølvberget", area=area)

    row = _row(stavanger, "Lån av Sølvberget")

    assert (row.maturity.assessed, len(row.gaps)) == (False, 3)


def test_a_gap_with_no_step_is_flagged(stavanger: Municipality) -> None:
    import_audit(stavanger)

    assert _gap(stavanger, "Byggesøknad", 2).flags == [Flag.NO_STEP]


def test_a_gap_with_a_step_on_a_running_initiative_is_not_flagged(stavanger: Municipality) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak", planned_end=date(2026, 12, 31))
    step(service(stavanger, "Byggesøknad"), 2, initiative=carrier, due_date=date(2025, 6, 30))

    gap = _gap(stavanger, "Byggesøknad", 2)

    assert (gap.flags, [line.step.initiative for line in gap.steps]) == ([], [carrier])


def test_a_step_that_needs_an_initiative_is_flagged(stavanger: Municipality) -> None:
    import_audit(stavanger)
    step(service(stavanger, "Byggesøknad"), 2, needs_initiative=True)

    assert _gap(stavanger, "Byggesøknad", 2).flags == [Flag.NEEDS_INITIATIVE]


def test_a_step_whose_initiative_is_stopped_is_flagged(stavanger: Municipality) -> None:
    import_audit(stavanger)
    carrier = initiative(
        stavanger,
        "Byggesak i eByggeSak",
        status=InitiativeStatus.STOPPED,
        stop_reason="Ingen midler",
    )
    step(service(stavanger, "Byggesøknad"), 2, initiative=carrier)

    assert _gap(stavanger, "Byggesøknad", 2).flags == [Flag.INITIATIVE_STOPPED]


def test_a_step_whose_initiative_is_past_its_planned_end_is_flagged_late(
    stavanger: Municipality,
) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak", planned_end=date(2024, 12, 31))
    step(service(stavanger, "Byggesøknad"), 2, initiative=carrier)

    assert _gap(stavanger, "Byggesøknad", 2).flags == [Flag.INITIATIVE_LATE]


def test_a_completed_initiative_past_its_planned_end_is_not_late(stavanger: Municipality) -> None:
    import_audit(stavanger)
    carrier = initiative(
        stavanger,
        "Byggesak i eByggeSak",
        planned_end=date(2024, 12, 31),
        status=InitiativeStatus.COMPLETED,
    )
    step(service(stavanger, "Byggesøknad"), 2, initiative=carrier)

    assert _gap(stavanger, "Byggesøknad", 2).flags == []


def test_a_step_past_its_due_date_and_not_done_is_flagged(stavanger: Municipality) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    step(service(stavanger, "Byggesøknad"), 2, initiative=carrier, due_date=date(2024, 6, 1))

    assert _gap(stavanger, "Byggesøknad", 2).flags == [Flag.OVERDUE]


def test_a_done_step_past_its_due_date_is_not_flagged(stavanger: Municipality) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    step(
        service(stavanger, "Byggesøknad"),
        2,
        initiative=carrier,
        due_date=date(2024, 6, 1),
        status=StepStatus.DONE,
    )

    assert _gap(stavanger, "Byggesøknad", 2).flags == []


def test_a_step_for_a_level_already_reached_is_not_in_the_plan(stavanger: Municipality) -> None:
    import_audit(stavanger)
    step(service(stavanger, "Byggesøknad"), 1, needs_initiative=True)

    assert [gap.level for gap in _row(stavanger, "Byggesøknad").gaps] == [2]


def test_plan_filters_on_service_area_and_attention(stavanger: Municipality) -> None:
    import_audit(stavanger)
    plan_area = areas(stavanger)[2]
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    for name in ("Byggesøknad", "Gravetillatelse"):
        step(service(stavanger, name), 2, initiative=carrier)

    plan = maturity_plan(stavanger, TODAY)

    assert len(plan.filtered(area=plan_area.pk)) == 5
    assert [row.service.name for row in plan.filtered(area=plan_area.pk, only_flagged=True)] == [
        "Deling/sammenslåing av grunneiendom",
        "Rørleggermelding",
        "Sanitærabonnement",
    ]


# --- The page ------------------------------------------------------------------------------------


def test_plan_page_shows_each_gap_its_steps_and_flags(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    carrier = initiative(
        stavanger,
        "Byggesak i eByggeSak",
        status=InitiativeStatus.STOPPED,
        stop_reason="Ingen midler",
    )
    step(
        service(stavanger, "Byggesøknad"),
        2,
        "Koble eByggeSak til Public 360",
        initiative=carrier,
        responsible=user("prosjektleder"),
    )

    html = login("leser").get(URL).content.decode()

    block = html.split(f'id="service-{service(stavanger, "Byggesøknad").pk}"', 1)[1].split(
        "</table>", 1
    )[0]
    assert "Koble eByggeSak til Public 360" in block
    assert f"/portefolje/tiltak/{carrier.pk}/" in block or f"{carrier.pk}" in block
    assert "Byggesak i eByggeSak" in block
    assert user("prosjektleder").get_full_name() in block
    assert 'data-color="warning"' in block


def test_plan_page_offers_planning_steps_only_to_those_who_keep_the_catalogue(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    create = f"/tjenester/{service(stavanger, 'Byggesøknad').pk}/steg/ny/"

    assert create in login("portefolje").get(URL).content.decode()
    assert create not in login("leser").get(URL).content.decode()


def test_plan_page_filters_on_attention(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    step(service(stavanger, "Byggesøknad"), 2, initiative=carrier)

    html = login("leser").get(URL, {"flagged": "on"}).content.decode()

    assert "Gravetillatelse" in html
    assert "Byggesøknad" not in html


def test_plan_page_with_another_municipalitys_area_answers_400(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    response = login("bergen-admin").get(URL, {"area": str(areas(stavanger)[0].pk)})

    assert response.status_code == 400
    assert "Barnehage" not in response.content.decode()


def test_plan_page_takes_the_same_queries_for_few_and_many_services(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    client = login("portefolje")
    carrier = initiative(
        stavanger, "Kulturtiltak", planned_end=timezone.localdate() - timedelta(days=1)
    )

    def add(index: int) -> None:
        new = service_create(
            actor=None, municipality=stavanger, name=f"Tjeneste {index}", area=area
        )
        assess(new, date(2022, 1, 1), Answer.YES)
        step(new, 2, initiative=carrier, responsible=user("eier"), due_date=date(2024, 1, 1))
        step(new, 3, needs_initiative=True)

    add(0)
    few = count_queries(client, URL)
    for index in range(1, 30):
        add(index)

    assert count_queries(client, URL) == few
