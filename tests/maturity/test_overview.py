"""The maturity overview /tjenester/modenhet/: the figures per area and in total, the full digital
first choice, where each service stops, the chart with its text alternative, the date and the
comparison between two assessment dates."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.test import Client
from django.utils import translation

from helhet.maturity.models import Answer, MaturityLevel
from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from tests.conftest import count_queries
from tests.maturity.plan_helpers import areas, assess, import_audit, service

URL = "/tjenester/modenhet/"


def _cells(html: str, table_id: str) -> list[list[str]]:
    """The table's rows as lists of cell texts (tags stripped)."""
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_overview_gives_the_audits_figures_per_area_and_in_total(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL).content.decode()

    rows = _cells(html, "counts-table")[1:]
    assert rows == [
        ["Oppvekst og utdanning", "9", "8", "2", "9", "2", "0"],
        ["Helse og velferd", "10", "1", "0", "2", "0", "0"],
        ["Plan, bygg og geodata", "5", "2", "0", "5", "0", "0"],
        [rows[3][0], "24", "11", "2", "16", "2", "0"],
    ]


def test_overview_names_the_services_with_a_full_digital_first_choice(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL).content.decode()

    full = html.split('id="full-services"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'class="ds-link"[^>]*>([^<]+)</a>', full) == [
        "Barnehageplass",
        "Skolefritidsordning",
    ]


def test_overview_says_where_each_service_stops(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL).content.decode()

    rows = {row[0]: row for row in _cells(html, "services-table")}
    with translation.override("nb"):
        assert rows["Byggesøknad"][-1] == str(MaturityLevel.ELECTRONIC_TRANSFER.label)
        assert rows["Hjemmehjelp"][-1] == str(MaturityLevel.ELECTRONIC_APPLICATION.label)
        assert rows["Byggesøknad"][1:4] == [
            str(Answer.YES.label),
            str(Answer.UNCLASSIFIED.label),
            str(Answer.YES.label),
        ]


def test_overview_chart_is_an_image_with_a_title_and_description(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL).content.decode()

    # The chart's own <svg> (the header's icons are images too).
    drawn = [part.split("</svg>", 1)[0] for part in html.split("<svg")[1:]]
    (svg,) = [part for part in drawn if "maturity-chart-title" in part]
    assert 'role="img"' in svg
    assert 'aria-labelledby="maturity-chart-title maturity-chart-desc"' in svg
    assert '<title id="maturity-chart-title">' in svg
    desc = svg.split('<desc id="maturity-chart-desc">', 1)[1].split("</desc>", 1)[0]
    assert "Plan, bygg og geodata" in desc
    assert "11" in desc and "24" in desc


def test_overview_as_of_a_date_before_the_audit_shows_every_service_not_assessed(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL, {"on": "2020-01-01"}).content.decode()

    assert _cells(html, "counts-table")[-1][1:] == ["24", "0", "0", "0", "0", "24"]


def test_overview_with_a_bad_date_answers_400_and_shows_today(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    response = login("leser").get(URL, {"on": "30.02.2021"})

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert _cells(response.content.decode(), "counts-table")[-1][1:4] == ["24", "11", "2"]


def test_overview_compares_the_two_newest_assessment_dates(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1), Answer.YES, Answer.YES, Answer.YES)

    html = login("leser").get(URL).content.decode()

    rows = _cells(html, "comparison-table")[1:]
    assert [row[1:] for row in rows] == [
        ["24", "24", "0"],
        ["11", "11", "0"],
        ["2", "3", "+1"],
        ["16", "16", "0"],
        ["2", "3", "+1"],
    ]
    assert "Byggesøknad" in html.split('id="changed-services"', 1)[1].split("</ul>", 1)[0]


def test_the_comparison_counts_only_services_assessed_at_both_dates_and_says_so(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1), Answer.YES, Answer.YES, Answer.YES)
    new = service_create(
        actor=None, municipality=stavanger, name="Ny tjeneste", area=areas(stavanger)[0]
    )
    assess(new, date(2023, 3, 1), Answer.YES, Answer.YES, Answer.YES)

    html = login("leser").get(URL).content.decode()

    rows = _cells(html, "comparison-table")[1:]
    assert [row[1:] for row in rows] == [
        ["24", "24", "0"],
        ["11", "11", "0"],
        ["2", "3", "+1"],
        ["16", "16", "0"],
        ["2", "3", "+1"],
    ]
    with translation.override("nb"):
        note = translation.ngettext(
            "Only the %(counted)s services assessed at both dates are counted. %(left)s service "
            "assessed at only one of them is left out.",
            "Only the %(counted)s services assessed at both dates are counted. %(left)s services "
            "assessed at only one of them are left out.",
            1,
        ) % {"counted": 24, "left": 1}
    assert note in html


def test_overview_offers_only_assessment_dates_that_exist_to_compare(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1))

    html = login("leser").get(URL).content.decode()

    form = html.split('class="hh-maturity-compare"', 1)[1].split("</form>", 1)[0]
    assert sorted(set(re.findall(r'<option value="([^"]+)"', form))) == ["2021-06-30", "2023-03-01"]


def test_overview_refuses_a_comparison_date_that_does_not_exist(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    assess(service(stavanger, "Byggesøknad"), date(2023, 3, 1))

    response = login("leser").get(URL, {"first": "2022-01-01", "second": "2023-03-01"})

    assert response.status_code == 400


def test_overview_without_two_dates_has_no_comparison(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL).content.decode()

    assert 'id="comparison-table"' not in html


def test_overview_notes_that_it_reports_the_data_not_the_audits_text(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("leser").get(URL).content.decode()

    note = html.split('id="counting-note"', 1)[1].split("</p>", 1)[0]
    assert "16" in note and "24" in note


def test_overview_shows_only_the_own_municipalitys_services(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("bergen-admin").get(URL).content.decode()

    assert "Barnehageplass" not in html


def test_overview_takes_the_same_queries_for_few_and_many_services(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    client = login("leser")
    first = service_create(actor=None, municipality=stavanger, name="Tjeneste 0", area=area)
    assess(first, date(2022, 1, 1))
    assess(first, date(2023, 1, 1))
    few = count_queries(client, URL)
    for index in range(1, 40):
        more = service_create(
            actor=None, municipality=stavanger, name=f"Tjeneste {index}", area=area
        )
        assess(more, date(2022, 1, 1), Answer.YES)
        assess(more, date(2023, 1, 1), Answer.YES, Answer.YES)

    assert count_queries(client, URL) == few
