"""The timeline: initiatives as bars over months, grouped by department, filtered like the
overview, built as a table that reads without a mouse and prints."""

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from helhet.organization.models import Municipality
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.selectors.timeline import timeline_default_window
from helhet.portfolio.views import timeline as timeline_view
from tests.conftest import count_queries
from tests.portfolio.conftest import MakeInitiative

URL = "/portefolje/tidslinje/"
TODAY = date(2025, 6, 15)


def _row(page: str, name: str) -> str:
    """The table row of the initiative named ``name``."""
    match = re.search(
        rf"<tr>\s*<th scope=\"row\"[^>]*><a [^>]*>{re.escape(name)}</a>.*?</tr>", page, re.S
    )
    assert match, f"no row for {name}"
    return match.group(0)


def _window(municipality: Municipality) -> tuple[date, int]:
    initiatives = filtered_initiatives(municipality=municipality, filters=PortfolioFilter())
    return timeline_default_window(initiatives, today=TODAY)


def test_a_bar_spans_the_months_of_the_initiative(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative(
        "Kvikktest Lervig", planned_start=date(2020, 6, 1), planned_end=date(2020, 12, 31)
    )

    page = login("leser").get(URL, {"from": "2020-01", "months": "12"}).content.decode()

    row = _row(page, "Kvikktest Lervig")
    assert "tl-s-6 tl-w-7" in row  # June to December of 2020
    assert "01.06.2020" in row and "31.12.2020" in row  # the dates as text
    assert "1. juni 2020" in row  # the bar's text alternative


def test_actual_dates_take_the_place_of_planned_ones(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative(
        "Legevakt",
        planned_start=date(2021, 1, 1),
        planned_end=date(2021, 6, 30),
        actual_start=date(2021, 3, 1),
        actual_end=date(2021, 9, 30),
    )

    row = _row(
        login("leser").get(URL, {"from": "2021-01", "months": "12"}).content.decode(), "Legevakt"
    )

    assert "tl-s-3 tl-w-7" in row
    assert "01.03.2021" in row and "30.09.2021" in row


def test_a_bar_is_cut_at_the_edges_of_the_period_and_says_so(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Datasjø", planned_start=date(2019, 3, 1), planned_end=date(2026, 2, 28))
    make_initiative("Aktiv kommune", kind=InitiativeKind.ACTIVITY, planned_start=date(2022, 5, 1))

    page = login("leser").get(URL, {"from": "2022-01", "months": "12"}).content.decode()

    datasjo = _row(page, "Datasjø")
    assert "tl-s-1 tl-w-12" in datasjo and "tl-before" in datasjo and "tl-after" in datasjo
    aktiv = _row(page, "Aktiv kommune")
    assert "tl-s-5 tl-w-8" in aktiv and "tl-after" in aktiv  # runs on without an end date


def test_initiatives_without_a_start_date_are_listed_separately(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Felles kommunal journal", kind=InitiativeKind.IDEA)
    make_initiative("Spider", planned_start=date(2017, 5, 1), planned_end=date(2019, 12, 31))

    response = login("leser").get(URL)

    page = response.content.decode()
    assert response.context["undated"][0].name == "Felles kommunal journal"
    assert 'id="undated-heading"' in page
    with pytest.raises(AssertionError):
        _row(page, "Felles kommunal journal")
    _row(page, "Spider")


def test_initiatives_outside_the_period_are_counted_not_shown(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative(
        "Mitt Stavanger", planned_start=date(2016, 1, 1), planned_end=date(2019, 12, 31)
    )
    make_initiative("MinSide", planned_start=date(2024, 1, 1))

    response = login("leser").get(URL, {"from": "2024-01", "months": "12"})

    assert response.context["data"].counts.outside == 1
    assert "Mitt Stavanger" not in response.content.decode()


def test_rows_are_grouped_by_department_and_can_be_grouped_by_directorate(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("DigiBarnevern", owning_unit="Skole", planned_start=date(2022, 1, 1))
    make_initiative("Barnehageopptak", owning_unit="Barnehage", planned_start=date(2023, 1, 1))
    client = login("leser")

    by_department = client.get(URL).context["groups"]
    by_directorate = client.get(URL, {"group": "directorate"}).context["groups"]

    assert [g.unit.name for g in by_department] == ["Barnehage", "Skole"]
    assert [g.parent.name for g in by_department] == ["Oppvekst og utdanning"] * 2
    assert [(g.unit.name, len(g.bars)) for g in by_directorate] == [("Oppvekst og utdanning", 2)]


def test_the_overviews_filters_apply(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("RPA", planned_start=date(2020, 1, 1))
    make_initiative("Idé om chatbot", kind=InitiativeKind.IDEA, planned_start=date(2024, 1, 1))

    page = login("leser").get(URL, {"kind": "idea"}).content.decode()

    _row(page, "Idé om chatbot")
    assert "RPA" not in page


def test_the_period_defaults_to_what_the_initiatives_span(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("A", planned_start=date(2020, 3, 15), planned_end=date(2022, 8, 1))
    make_initiative("B", planned_start=date(2021, 1, 1))

    assert _window(stavanger) == (date(2020, 3, 1), 30)


def test_a_short_span_shows_at_least_a_year(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative(
        "Kvikktest Øyriket", planned_start=date(2021, 4, 1), planned_end=date(2021, 6, 30)
    )

    assert _window(stavanger) == (date(2021, 4, 1), 12)


def test_a_span_of_more_than_ten_years_shows_ten_years_from_three_years_ago(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("Gammel", planned_start=date(2005, 1, 1), planned_end=date(2006, 1, 1))
    make_initiative("Ny", planned_start=date(2030, 1, 1), planned_end=date(2040, 1, 1))

    assert _window(stavanger) == (date(2022, 1, 1), 120)


def test_no_dates_at_all_shows_this_year(stavanger: Municipality) -> None:
    assert _window(stavanger) == (date(2025, 1, 1), 12)


@pytest.mark.parametrize(
    "query",
    [
        {"from": "2024-13"},
        {"from": "31.02.2024"},
        {"months": "121"},
        {"months": "0"},
        {"group": "x"},
    ],
)
def test_a_bad_period_shows_an_error_and_the_default(
    query: dict[str, str], make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("SvarUt", planned_start=date(2023, 2, 1), planned_end=date(2023, 11, 30))

    response = login("leser").get(URL, query)

    assert response.status_code == 200
    assert response.context["extra_form"].errors
    assert (response.context["data"].first, response.context["data"].months) == (
        date(2023, 2, 1),
        12,
    )


def test_months_and_years_are_named_in_norwegian(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Drone", planned_start=date(2024, 3, 1))

    page = login("leser").get(URL, {"from": "2024-03", "months": "12"}).content.decode()

    assert re.search(r'class="tl-month tl-s-3">mai<', page)
    assert re.search(r'class="tl-year tl-s-1 tl-w-10">2024<', page)
    assert re.search(r'class="tl-year tl-s-11 tl-w-2">2025<', page)
    assert "mars 2024" in page and "februar 2025" in page


def test_long_periods_name_only_the_years(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Omstilling 2025", planned_start=date(2020, 1, 1))

    page = login("leser").get(URL, {"from": "2020-01", "months": "60"}).content.decode()

    assert "tl-month" not in page
    assert page.count('class="tl-year ') == 5


def test_the_page_is_a_table_with_a_caption_and_no_inline_styles(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Smarte sluk", planned_start=date(2021, 1, 1))

    page = login("leser").get(URL).content.decode()

    assert '<table class="ds-table tl-table"' in page
    assert "<caption>" in page
    assert '<th scope="rowgroup"' in page
    assert 'style="' not in page  # the CSP forbids them; bars are placed with classes


def test_the_timeline_is_paginated(
    make_initiative: MakeInitiative, login: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timeline_view, "PAGE_SIZE", 2)
    for index in range(3):
        make_initiative(f"Tiltak {index}", planned_start=date(2022, index + 1, 1))
    client = login("leser")

    first = client.get(URL, {"kind": "project"})
    second = client.get(URL, {"kind": "project", "page": "2"})

    assert [b.initiative.name for g in first.context["groups"] for b in g.bars] == [
        "Tiltak 0",
        "Tiltak 1",
    ]
    assert [b.initiative.name for g in second.context["groups"] for b in g.bars] == ["Tiltak 2"]
    assert "?kind=project&amp;page=2" in first.content.decode()


def test_the_query_count_does_not_grow_with_the_initiatives(
    make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    units = ["Smartby", "IT-avdelingen", "Hundvåg hjemmebaserte tjenester", "Skole"]

    def add(first: int, count: int) -> None:
        for index in range(first, first + count):
            make_initiative(
                f"Tiltak {index:03d}",
                owning_unit=units[index % 4],
                planned_start=date(2020 + index % 5, index % 12 + 1, 1) if index % 7 else None,
            )

    add(0, 4)
    few = count_queries(client, URL)
    add(4, 40)
    assert count_queries(client, URL) == few
