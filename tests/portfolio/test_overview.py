"""The portfolio overview: counts and sums, filters in the URL, the sortable and paginated table,
what needs attention, who sees which buttons, and that it stays fast."""

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSourceKind,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Rating,
    StrategicGoal,
)
from helhet.portfolio.services import (
    FundingLine,
    goal_create,
    initiative_update,
    status_report_create,
)
from tests.conftest import count_queries, unit_named
from tests.portfolio.conftest import MakeInitiative

OVERVIEW = "/portefolje/"
ROW_LINK = re.compile(r'<td><a class="ds-link" href="/portefolje/tiltak/\d+/">([^<]+)</a></td>')
NBSP = "\xa0"


def nb(label: object) -> str:
    """``label`` as the Norwegian page shows it, translated yet or not."""
    with translation.override("nb"):
        return str(label)


def names_in_table(body: str) -> list[str]:
    """The initiatives the table lists, in the order it lists them."""
    return ROW_LINK.findall(body)


def kroner(amount: int) -> str:
    """An amount as the Norwegian page shows it: 1 613 764 kr, with no-break spaces."""
    return f"{amount:,}".replace(",", NBSP) + " kr"


def report(
    initiative: Initiative,
    *,
    days_ago: int = 1,
    red: str = "",
    yellow: str = "",
) -> None:
    """A status report, green on every aspect except those named."""
    ratings = {aspect: "green" for aspect in ("progress", "economy", "quality", "risk", "benefits")}
    if red:
        ratings[red] = "red"
    if yellow:
        ratings[yellow] = "yellow"
    status_report_create(
        actor=User.objects.get(username="prosjektleder"),
        initiative=initiative,
        ratings=ratings,
        comments={red: "Forsinket."} if red else {},
        summary="Går etter planen.",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 1, 31),
        reported_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def portfolio(make_initiative: MakeInitiative) -> dict[str, Initiative]:
    """A few of Stavanger's initiatives from the audit, in three directorates."""
    spider = make_initiative(
        "Spider",
        owning_unit="Hundvåg hjemmebaserte tjenester",
        estimated_cost=Decimal("1613764"),
        actual_cost=Decimal("400000"),
        processes_personal_data=True,
        ros_status=AssessmentStatus.PLANNED,
        planned_start=date(2017, 5, 1),
        planned_end=date(2019, 12, 31),
        funding=[
            FundingLine("digitalisation_fund", Decimal("1000000")),
            FundingLine("own_budget", Decimal("613764")),
        ],
        tags=["velferdsteknologi"],
    )
    rpa = make_initiative(
        "RPA",
        owning_unit="Innovasjon og digitalisering",
        estimated_cost=Decimal("300000"),
        processes_personal_data=True,
        ros_status=AssessmentStatus.DONE,
        dpia_status=AssessmentStatus.DONE,
        planned_start=date(2019, 1, 1),
        funding=[FundingLine("own_budget", Decimal("300000"))],
    )
    lervig = make_initiative(
        "Kvikktest Lervig",
        owning_unit="Smartby",
        status=InitiativeStatus.COMPLETED,
        estimated_cost=Decimal("1500000"),
        planned_start=date(2020, 6, 1),
        planned_end=date(2020, 12, 31),
        funding=[FundingLine("innovasjon_norge", Decimal("1500000"))],
    )
    datasjo = make_initiative("Datasjø", kind=InitiativeKind.IDEA, owning_unit="IT-avdelingen")
    report(spider, days_ago=3, yellow="risk")
    report(rpa, days_ago=45)
    report(lervig, days_ago=200)
    return {"spider": spider, "rpa": rpa, "lervig": lervig, "datasjo": datasjo}


def test_the_overview_lists_every_initiative_by_name(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("portefolje").get(OVERVIEW).content.decode()

    assert names_in_table(body) == ["Datasjø", "Kvikktest Lervig", "RPA", "Spider"]
    assert f'href="/portefolje/tiltak/{portfolio["spider"].pk}/"' in body


def test_the_summary_counts_initiatives_by_kind_and_status(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("direktor").get(OVERVIEW).content.decode()

    assert '<a class="ds-link" href="?kind=project">3<' in body
    assert '<a class="ds-link" href="?kind=idea">1<' in body
    assert '<a class="ds-link" href="?status=active">3<' in body
    assert '<a class="ds-link" href="?status=completed">1<' in body


def test_the_summary_counts_initiatives_by_directorate_and_department(
    stavanger: Municipality, portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("direktor").get(OVERVIEW).content.decode()

    def link(unit: str, count: int) -> str:
        return f'<a class="ds-link" href="?unit={unit_named(stavanger, unit).pk}">{count}<'

    assert link("Innovasjon og støttetjenester", 2) in body  # RPA and Datasjø
    assert link("Helse og velferd", 1) in body
    assert link("Innbygger- og samfunnskontakt", 1) in body
    assert link("Hjemmebaserte tjenester", 1) in body  # Spider, owned by a unit below it
    assert link("IT-avdelingen", 1) in body


def test_the_summary_counts_initiatives_by_strategic_goal(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    goal = goal_create(
        actor=None,
        municipality=stavanger,
        name="Digitalt førstevalg",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.GOAL,
    )
    make_initiative("MinSide", m2m={"goals": [goal]})
    make_initiative("FIKS", m2m={"goals": [goal]})
    make_initiative("Droneprosjektet")

    body = login("leser").get(OVERVIEW).content.decode()

    assert "Digitalt førstevalg" in body
    assert f'<a class="ds-link" href="?goal={goal.pk}">2<' in body


def test_the_summary_totals_the_costs_and_the_funding_by_source(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    response = login("direktor").get(OVERVIEW)
    body = response.content.decode()

    assert f"<dd>{kroner(3413764)}</dd>" in body  # estimated
    assert f"<dd>{kroner(400000)}</dd>" in body  # actual
    for source, amount in [
        (FundingSourceKind.DIGITALISATION_FUND, 1000000),
        (FundingSourceKind.INNOVASJON_NORGE, 1500000),
        (FundingSourceKind.OWN_BUDGET, 913764),  # 613 764 + 300 000
    ]:
        assert (
            f'<th scope="row">{nb(source.label)}</th><td class="hh-num">{kroner(amount)}</td>'
            in body
        )
    assert f'<td class="hh-num">{kroner(3413764)}</td></tr></tfoot>' in body


def test_filters_combine_and_narrow_both_table_and_summary(
    stavanger: Municipality, portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "Innovasjon og støttetjenester")
    response = login("portefolje").get(OVERVIEW, {"unit": str(unit.pk), "kind": "project"})
    body = response.content.decode()

    assert names_in_table(body) == ["RPA"]
    assert response.context["summary"].total == 1
    assert f"<dd>{kroner(300000)}</dd>" in body


def test_several_kinds_and_statuses_are_combined_with_or_within_a_filter(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = (
        login("portefolje")
        .get(OVERVIEW, {"kind": ["idea", "project"], "status": ["active"]})
        .content.decode()
    )

    assert names_in_table(body) == ["Datasjø", "RPA", "Spider"]


def test_the_search_text_finds_initiatives_by_name_and_description(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Medisindispensere", short_description="Digitale medisindispensere hjemme.")
    make_initiative("Legevaktprosjektet", need="Færre telefoner om medisiner til legevakten.")
    make_initiative("Smarte sluk")

    body = login("leser").get(OVERVIEW, {"q": "MEDISIN"}).content.decode()

    assert names_in_table(body) == ["Legevaktprosjektet", "Medisindispensere"]


def test_the_tag_filter_shows_only_tagged_initiatives(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    tag = portfolio["spider"].tags.get()

    body = login("leser").get(OVERVIEW, {"tag": tag.pk}).content.decode()

    assert names_in_table(body) == ["Spider"]


def test_the_goal_filter_shows_only_initiatives_serving_the_goal(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    goal = goal_create(
        actor=None,
        municipality=stavanger,
        name="Mer åpenhet og tilgjengelighet",
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.GOAL,
    )
    make_initiative("Åpne data", m2m={"goals": [goal]})
    make_initiative("Smarte sluk")

    body = login("leser").get(OVERVIEW, {"goal": goal.pk}).content.decode()

    assert names_in_table(body) == ["Åpne data"]


def test_active_filters_are_shown_each_with_a_link_that_removes_it_and_one_that_clears_all(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"kind": "project", "q": "Spi"}).content.decode()

    assert 'id="active-filters-heading"' in body
    assert f'href="?kind=project">{nb(_("Remove"))}' in body
    assert 'href="?q=Spi">' in body  # removes the kind, keeps the search
    assert 'href="/portefolje/">' in body


def test_no_active_filters_section_when_nothing_is_filtered(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW).content.decode()

    assert 'id="active-filters-heading"' not in body


def test_the_filter_form_shows_the_filters_from_the_address(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = (
        login("leser").get(OVERVIEW, {"kind": "idea", "q": "Data", "stale": "on"}).content.decode()
    )

    assert 'value="idea" id="id_kind_0" checked' in body
    assert 'value="Data"' in body
    assert re.search(r'<input type="checkbox" name="stale"[^>]*checked', body)


def test_an_unknown_filter_value_is_ignored_with_a_notice(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    response = login("leser").get(OVERVIEW, {"unit": "999999", "kind": "idea"})
    body = response.content.decode()

    assert response.status_code == 200
    assert 'class="ds-alert" data-color="warning"' in body
    assert names_in_table(body) == ["Datasjø"]


def test_the_stale_count_links_to_active_initiatives_without_a_report_for_a_month(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    client = login("direktor")
    body = client.get(OVERVIEW).content.decode()
    # RPA reported 45 days ago, Datasjø never; Spider is recent and Lervig is completed.
    assert '<a class="ds-link" href="?stale=on" id="stale-count">2<' in body

    stale = client.get(OVERVIEW, {"stale": "on"}).content.decode()
    assert names_in_table(stale) == ["Datasjø", "RPA"]


def test_the_without_ros_count_links_to_personal_data_without_a_finished_ros(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    client = login("direktor")
    body = client.get(OVERVIEW).content.decode()
    assert '<a class="ds-link" href="?without_ros=on" id="without-ros-count">1<' in body

    without = client.get(OVERVIEW, {"without_ros": "on"}).content.decode()
    assert names_in_table(without) == ["Spider"]


def test_personal_data_with_the_dpia_not_assessed_is_flagged_like_a_missing_ros(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    rpa = portfolio["rpa"]
    initiative_update(
        actor=None,
        initiative=rpa,
        expected_version=rpa.version,
        fields={"dpia_status": AssessmentStatus.UNKNOWN},
    )
    client = login("direktor")
    body = client.get(OVERVIEW).content.decode()
    assert '<a class="ds-link" href="?without_ros=on" id="without-ros-count">2<' in body
    assert "DPIA" in body.split('id="without-ros-count"')[0].rsplit("<dt>", 1)[1]

    without = client.get(OVERVIEW, {"without_ros": "on"}).content.decode()
    assert names_in_table(without) == ["RPA", "Spider"]


def test_the_table_shows_kind_status_unit_dates_cost_and_leader(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative(
        "Spider",
        owning_unit="E-helse og velferdsteknologi",
        project_leader=User.objects.get(username="prosjektleder"),
        planned_start=date(2017, 5, 1),
        planned_end=date(2019, 10, 31),
        estimated_cost=Decimal("1613764"),
    )

    body = login("leser").get(OVERVIEW).content.decode()
    row = body[body.index(">Spider</a>") :].split("</tr>")[0]

    for shown in [
        f"<td>{nb(InitiativeKind.PROJECT.label)}</td>",
        f"<td>{nb(InitiativeStatus.ACTIVE.label)}</td>",
        "E-helse og velferdsteknologi",
        "Hanne Vik",
        '<time datetime="2017-05-01">01.05.2017</time>',
        '<time datetime="2019-10-31">31.10.2019</time>',
        kroner(1613764),
    ]:
        assert shown in row


def test_the_latest_report_shows_its_worst_rating_and_its_date(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    spider = make_initiative("Spider")
    report(spider, days_ago=40, red="economy")
    report(spider, days_ago=2, yellow="benefits")
    make_initiative("RPA")

    body = login("leser").get(OVERVIEW).content.decode()
    spider_row = body[body.index(">Spider</a>") :].split("</tr>")[0]
    rpa_row = body[body.index(">RPA</a>") :].split("</tr>")[0]

    assert (
        f'<span class="ds-tag" data-color="warning">{nb(Rating.YELLOW.label)}</span>' in spider_row
    )
    reported = timezone.localdate() - timedelta(days=2)
    assert reported.strftime("%d.%m.%Y") in spider_row
    assert nb(Rating.RED.label) not in spider_row
    assert nb(_("No report")) in rpa_row


def test_sorting_by_a_column_orders_the_table_and_marks_the_column(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"sort": "-cost"}).content.decode()

    # Without a cost, Datasjø comes last whichever way one sorts.
    assert names_in_table(body) == ["Spider", "Kvikktest Lervig", "RPA", "Datasjø"]
    assert '<th scope="col" aria-sort="descending"><a class="hh-sort" href="?sort=cost">' in body
    assert body.count("aria-sort=") == 1


def test_sorting_ascending_puts_missing_values_last_too(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"sort": "cost"}).content.decode()

    assert names_in_table(body) == ["RPA", "Kvikktest Lervig", "Spider", "Datasjø"]
    assert '<th scope="col" aria-sort="ascending"><a class="hh-sort" href="?sort=-cost">' in body


def test_the_table_is_sorted_by_name_when_nothing_is_chosen(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW).content.decode()

    assert '<th scope="col" aria-sort="ascending"><a class="hh-sort" href="?sort=-name">' in body


def test_sorting_by_the_latest_report_puts_the_newest_first_when_descending(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"sort": "-reported"}).content.decode()

    assert names_in_table(body) == ["Spider", "RPA", "Kvikktest Lervig", "Datasjø"]


def test_sort_links_keep_the_filters_and_drop_the_page(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"kind": "project", "page": "1"}).content.decode()

    assert 'href="?kind=project&amp;sort=start"' in body


def test_the_filter_form_keeps_the_sort_order(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"sort": "-end"}).content.decode()

    assert '<input type="hidden" name="sort" value="-end">' in body


def _many(
    stavanger: Municipality, count: int, *, prefix: str = "Smartbyprosjekt", reports: bool = False
) -> None:
    """``count`` initiatives straight into the database (the services are tested elsewhere),
    with two status reports each when asked, the newer of them 40 days old."""
    unit = unit_named(stavanger, "Smartby")
    created = Initiative.objects.bulk_create(
        Initiative(
            municipality=stavanger,
            kind=InitiativeKind.PROJECT,
            name=f"{prefix} {index:03d}",
            owning_unit=unit,
            estimated_cost=Decimal(1000 * index),
        )
        for index in range(count)
    )
    if reports:
        for initiative in created:
            report(initiative, days_ago=60, red="risk")
            report(initiative, days_ago=40, yellow="quality")


def test_the_table_shows_fifty_initiatives_per_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _many(stavanger, 120)
    client = login("leser")

    first = client.get(OVERVIEW).content.decode()
    third = client.get(OVERVIEW, {"page": "3"}).content.decode()

    assert len(names_in_table(first)) == 50
    assert names_in_table(first)[0] == "Smartbyprosjekt 000"
    assert names_in_table(third) == [f"Smartbyprosjekt {index:03d}" for index in range(100, 120)]
    assert '<nav class="ds-pagination" aria-label=' in first
    assert 'href="?page=2" rel="next"' in first
    assert 'href="?page=2" rel="prev"' in third
    assert 'href="?page=3" aria-current="true"' in third


def test_the_page_links_keep_filters_and_sort(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _many(stavanger, 60)

    body = login("leser").get(OVERVIEW, {"kind": "project", "sort": "-cost"}).content.decode()

    assert 'href="?kind=project&amp;sort=-cost&amp;page=2" rel="next"' in body
    assert names_in_table(body)[0] == "Smartbyprosjekt 059"


def test_a_page_number_out_of_range_shows_the_last_page(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _many(stavanger, 60)

    body = login("leser").get(OVERVIEW, {"page": "99"}).content.decode()

    assert len(names_in_table(body)) == 10


def test_no_pagination_when_everything_fits_on_one_page(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW).content.decode()

    assert "ds-pagination" not in body


def test_the_overview_makes_as_many_queries_for_sixty_initiatives_as_for_three(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    _many(stavanger, 3, reports=True)
    client.get(OVERVIEW)  # the first request of a session does one-off work
    smartby = unit_named(stavanger, "Smartby").pk
    filtered = f"{OVERVIEW}?kind=project&stale=on&sort=-reported&unit={smartby}&q=prosjekt"
    few, few_filtered = count_queries(client, OVERVIEW), count_queries(client, filtered)

    _many(stavanger, 57, prefix="Flere prosjekter", reports=True)

    assert count_queries(client, OVERVIEW) == few
    assert count_queries(client, filtered) == few_filtered
    assert len(names_in_table(client.get(filtered).content.decode())) == 50


@pytest.mark.parametrize("username", ["direktor", "leser", "gevinsteier"])
def test_leaders_readers_and_benefits_owners_see_the_overview_without_register_or_import(
    username: str, portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    response = login(username).get(OVERVIEW)
    body = response.content.decode()

    assert response.status_code == 200
    assert "Spider" in body
    assert 'href="/portefolje/tiltak/ny/"' not in body
    assert 'href="/portefolje/import/"' not in body


def test_the_portfolio_office_may_register_and_import(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("portefolje").get(OVERVIEW).content.decode()

    assert 'href="/portefolje/tiltak/ny/"' in body
    assert 'href="/portefolje/import/"' in body


def test_a_project_leader_may_register_but_not_import(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("prosjektleder").get(OVERVIEW).content.decode()

    assert 'href="/portefolje/tiltak/ny/"' in body
    assert 'href="/portefolje/import/"' not in body


def test_exports_timeline_and_cross_department_links_carry_the_filters(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"kind": "project", "page": "1"}).content.decode()

    for path in ["/portefolje/eksport/xlsx/", "/portefolje/eksport/csv/"]:
        assert f'action="{path}?kind=project"' in body
    for path in ["/portefolje/tidslinje/", "/portefolje/tverrgaende/"]:
        assert f'href="{path}?kind=project"' in body


def test_another_municipalitys_initiatives_never_appear(
    bergen: Municipality,
    portfolio: dict[str, Initiative],
    make_initiative: MakeInitiative,
    login: Callable[[str], Client],
) -> None:
    make_initiative(
        "Bergens eget prosjekt",
        municipality=bergen,
        owning_unit="Digitaliseringsavdelingen",
        estimated_cost=Decimal("999"),
    )

    stavanger_body = login("portefolje").get(OVERVIEW).content.decode()
    bergen_response = login("bergen-admin").get(OVERVIEW)
    bergen_body = bergen_response.content.decode()

    assert "Bergens eget prosjekt" not in stavanger_body
    assert "Digitaliseringsavdelingen" not in stavanger_body
    assert names_in_table(bergen_body) == ["Bergens eget prosjekt"]
    assert bergen_response.context["summary"].total == 1
    for stavanger_only in ["Spider", "Innovasjon og støttetjenester", "Hundvåg"]:
        assert stavanger_only not in bergen_body


def test_another_municipalitys_unit_goal_or_tag_cannot_be_used_as_a_filter(
    stavanger: Municipality,
    portfolio: dict[str, Initiative],
    login: Callable[[str], Client],
) -> None:
    stavanger_unit = unit_named(stavanger, "Smartby")
    tag = portfolio["spider"].tags.get()
    goal = StrategicGoal.objects.create(
        municipality=stavanger, name="Digitalt førstevalg", level="municipal", kind="goal"
    )

    response = login("bergen-admin").get(
        OVERVIEW, {"unit": stavanger_unit.pk, "tag": tag.pk, "goal": goal.pk}
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert response.context["filters"].unit is None
    assert response.context["filters"].tag is None
    assert response.context["filters"].goal is None
    assert "Smartby" not in body
    assert "velferdsteknologi" not in body


def test_an_empty_portfolio_says_so_and_invites_the_portfolio_office_to_register(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    body = login("portefolje").get(OVERVIEW).content.decode()

    assert 'class="ds-card hh-overview-empty"' in body
    assert 'href="/portefolje/tiltak/ny/"' in body
    assert "<table" not in body


def test_filters_that_match_nothing_say_so(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    body = login("leser").get(OVERVIEW, {"kind": "programme"}).content.decode()

    assert 'class="ds-card hh-overview-empty"' not in body
    assert names_in_table(body) == []
    assert 'class="ds-table hh-initiatives"' not in body


def test_the_overview_does_not_answer_post(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    assert login("portefolje").post(OVERVIEW).status_code == 405


def test_someone_signed_out_is_sent_to_log_in(stavanger: Municipality) -> None:
    response = Client().get(OVERVIEW)

    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")


def test_empty_fields_from_the_filter_form_are_dropped_from_the_address(
    portfolio: dict[str, Initiative], login: Callable[[str], Client]
) -> None:
    response = login("leser").get(OVERVIEW + "?q=&unit=&kind=idea&goal=&stale=&page=1")

    assert response.status_code == 302
    assert response["Location"] == "/portefolje/?kind=idea&page=1"


def test_the_cost_sums_say_how_many_initiatives_have_a_cost(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Spider", estimated_cost=Decimal("1613764"))
    make_initiative("Datasjø")

    page = login("portefolje").get("/portefolje/").content.decode()

    assert "1\u00a0613\u00a0764 kr" in page
    assert "1 av 2 har anslag" in page
    assert "0 av 2 har faktisk kostnad" in page


def test_amounts_with_ore_show_two_decimals_and_whole_kroner_none(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Dispensere", estimated_cost=Decimal("8452.50"))
    make_initiative("RPA", estimated_cost=Decimal("300000"))

    body = login("direktor").get(OVERVIEW).content.decode()

    assert "8\u00a0452,50 kr" in body  # in the table
    assert "308\u00a0452,50 kr" in body  # the total
    assert "300\u00a0000 kr" in body
    assert "300\u00a0000,00" not in body
