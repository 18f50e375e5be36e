"""The cross-department view: per directorate and department what it owns and where it takes
part, and the people who take part in more initiatives than a threshold."""

from collections.abc import Callable

from django.test import Client

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives
from helhet.portfolio.models import InitiativeStatus
from helhet.portfolio.selectors.cross_department import (
    NAMES_SHOWN,
    CrossDepartment,
    UnitLoad,
    cross_department,
)
from tests.conftest import count_queries, unit_named
from tests.portfolio.conftest import MakeInitiative

URL = "/portefolje/tverrgaende/"


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _cross(municipality: Municipality, threshold: int = 3) -> CrossDepartment:
    return cross_department(
        municipality=municipality,
        initiatives=filtered_initiatives(municipality=municipality, filters=PortfolioFilter()),
        threshold=threshold,
    )


def _load(data: CrossDepartment, name: str) -> UnitLoad:
    for area in data.directorates:
        if area.unit.name == name:
            return area
        for department in area.departments:
            if department.unit.name == name:
                return department
    raise AssertionError(f"{name} is not shown")


def test_a_department_owns_the_initiatives_of_the_units_below_it(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("SvarUt-optimalisering", owning_unit="Systemforvaltning")
    make_initiative("RPA", owning_unit="IT-avdelingen")

    data = _cross(stavanger)

    it = _load(data, "IT-avdelingen")
    assert (it.owned, [ref.name for ref in it.owned_names]) == (2, ["RPA", "SvarUt-optimalisering"])
    assert _load(data, "Innovasjon og støttetjenester").owned == 2


def test_taking_part_counts_an_initiative_once_per_department(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative(
        "Spider",
        owning_unit="E-helse og velferdsteknologi",
        m2m={
            "participating_units": [
                unit_named(stavanger, "Hundvåg hjemmebaserte tjenester"),
                unit_named(stavanger, "Storhaug hjemmebaserte tjenester"),
                unit_named(stavanger, "Smartby"),
            ]
        },
    )

    data = _cross(stavanger)

    home_care = _load(data, "Hjemmebaserte tjenester")
    assert (home_care.owned, home_care.participates) == (0, 1)
    assert [ref.name for ref in home_care.participates_names] == ["Spider"]
    assert _load(data, "Smartby").participates == 1
    assert _load(data, "Innbygger- og samfunnskontakt").participates == 1


def test_taking_part_in_an_initiative_the_unit_owns_itself_is_not_counted(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative(
        "Medisindispensere",
        owning_unit="E-helse og velferdsteknologi",
        m2m={"participating_units": [unit_named(stavanger, "Hinna hjemmebaserte tjenester")]},
    )

    data = _cross(stavanger)

    # Hjemmebaserte tjenester takes part in E-helse's initiative; both are in Helse og velferd,
    # which owns it, so the directorate does not "take part" in its own initiative.
    assert _load(data, "Hjemmebaserte tjenester").participates == 1
    area = _load(data, "Helse og velferd")
    assert (area.owned, area.participates) == (1, 0)


def test_units_with_no_initiatives_are_named_as_such(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    make_initiative("Datasjø", owning_unit="Smartby")

    data = _cross(stavanger)

    assert "Kultur" in [unit.name for unit in data.idle]
    assert "Oppvekst og utdanning" in [unit.name for unit in data.idle]
    assert "Kultur" not in [d.unit.name for a in data.directorates for d in a.departments]


def test_people_above_the_threshold_are_listed_with_their_initiatives(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    leader, owner = _user("prosjektleder"), _user("eier")
    for index in range(4):
        make_initiative(f"Velferdsteknologi {index}", project_leader=leader)
    for index in range(3):
        make_initiative(f"Legevakt {index}", project_owner=owner)

    data = _cross(stavanger)

    assert [(p.user.username, p.count) for p in data.people] == [("prosjektleder", 4)]
    assert [ref.name for ref in data.people[0].initiatives] == [
        f"Velferdsteknologi {index}" for index in range(4)
    ]
    assert data.people[0].unit is not None
    assert data.people[0].unit.name == "E-helse og velferdsteknologi"


def test_a_person_counts_once_per_initiative_whatever_their_roles_in_it(
    stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    owner = _user("eier")
    for index in range(4):
        make_initiative(
            f"Omstilling {index}",
            project_owner=owner,
            m2m={"contacts": [owner, _user("gevinsteier")]},
        )

    data = _cross(stavanger)

    # Equal counts stand by name: Tor Espeland before Øyvind Tjelta.
    assert [(p.user.username, p.count) for p in data.people] == [
        ("gevinsteier", 4),
        ("eier", 4),
    ]


def test_contacts_are_counted_too(stavanger: Municipality, make_initiative: MakeInitiative) -> None:
    for index in range(2):
        make_initiative(f"Kvikktest {index}", m2m={"contacts": [_user("gevinsteier")]})
    # A benefits owner leads no project: being a contact is what puts them on the list.
    make_initiative("Kvikktest 2", m2m={"contacts": [_user("gevinsteier")]})

    assert [(p.user.username, p.count) for p in _cross(stavanger, threshold=2).people] == [
        ("gevinsteier", 3)
    ]


def test_the_threshold_comes_from_the_address(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    for index in range(2):
        make_initiative(f"Drone {index}", project_leader=_user("prosjektleder"))

    client = login("leser")
    assert "Hanne Vik" not in client.get(URL).content.decode()
    page = client.get(URL, {"threshold": "1"}).content.decode()
    assert "Hanne Vik" in page
    assert 'value="1"' in page


def test_an_invalid_threshold_shows_an_error_and_uses_the_default(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    for index in range(4):
        make_initiative(f"AI4Cities {index}", project_leader=_user("prosjektleder"))

    response = login("leser").get(URL, {"threshold": "mange"})

    assert response.status_code == 200
    assert response.context["data"].threshold == 3
    assert response.context["threshold_form"].errors["threshold"]
    assert "Hanne Vik" in response.content.decode()


def test_the_overviews_filters_apply(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative("Mitt Stavanger", owning_unit="Smartby", status=InitiativeStatus.COMPLETED)
    make_initiative("Aktiv kommune", owning_unit="Smartby")

    response = login("leser").get(URL, {"status": "active"})

    smartby = _load(response.context["data"], "Smartby")
    assert [ref.name for ref in smartby.owned_names] == ["Aktiv kommune"]
    assert "Mitt Stavanger" not in response.content.decode()


def test_long_lists_name_the_first_initiatives_and_count_them_all(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    smartby = unit_named(stavanger, "Smartby")
    for index in range(NAMES_SHOWN + 2):
        make_initiative(f"Sensor {index:02d}", owning_unit="Smartby")

    page = login("leser").get(URL).content.decode()

    assert f"Sensor {NAMES_SHOWN - 1:02d}" in page
    assert f"Sensor {NAMES_SHOWN + 1:02d}" not in page
    assert f"/portefolje/?unit={smartby.pk}" in page  # where all of them are listed


def test_the_page_shows_counts_and_names_to_a_reader(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    initiative = make_initiative("Kvikktest Lervig", owning_unit="Smartby")

    response = login("leser").get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in page
    assert f'href="/portefolje/tiltak/{initiative.pk}/"' in page
    assert 'style="' not in page  # the CSP forbids inline styles


def test_another_municipalitys_initiatives_are_not_shown(
    bergen: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    make_initiative(
        "Bergens byggesak", municipality=bergen, owning_unit="Digitaliseringsavdelingen"
    )

    page = login("leser").get(URL).content.decode()

    assert "Bergens byggesak" not in page
    assert "Digitaliseringsavdelingen" not in page


def test_the_query_count_does_not_grow_with_the_initiatives(
    stavanger: Municipality, make_initiative: MakeInitiative, login: Callable[[str], Client]
) -> None:
    client = login("portefolje")
    people = [_user(name) for name in ("eier", "prosjektleder", "gevinsteier")]
    # Owners and leaders from the roles that may hold them, never one person as both.
    owners = [_user("eier"), _user("direktor")]
    leaders = [_user("prosjektleder"), _user("portefolje")]
    units = [unit_named(stavanger, name) for name in ("Smartby", "Skole", "Drift og forvaltning")]

    def add(first: int, count: int) -> None:
        for index in range(first, first + count):
            make_initiative(
                f"Tiltak {index:03d}",
                owning_unit=["Smartby", "IT-avdelingen", "Barnehage"][index % 3],
                project_owner=owners[index % 2],
                project_leader=leaders[index % 2],
                m2m={"participating_units": units[: index % 3 + 1], "contacts": people[:2]},
            )

    add(0, 3)
    few = count_queries(client, f"{URL}?threshold=1")
    add(3, 30)
    assert count_queries(client, f"{URL}?threshold=1") == few
