"""A unit's history page: who changed it, and what each field was before and after."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.organization.services import org_unit_update
from tests.conftest import count_queries, unit_named


def _edit_systemforvaltning(stavanger: Municipality, client: Client) -> int:
    unit = unit_named(stavanger, "Systemforvaltning")
    response = client.post(
        f"/organisasjon/enheter/{unit.pk}/endre/",
        {
            "name": "Applikasjonsforvaltning",
            "kind": UnitKind.SECTION,
            "parent": str(unit_named(stavanger, "Innovasjon og digitalisering").pk),
            "description": "Forvalter om lag 280 applikasjoner.",
        },
    )
    assert response.status_code == 302
    return unit.pk


def test_the_history_shows_who_changed_the_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    admin = login("admin")
    pk = _edit_systemforvaltning(stavanger, admin)

    response = login("leser").get(f"/organisasjon/enheter/{pk}/historikk/")

    assert response.status_code == 200
    assert "Siri Haugen" in response.content.decode()


def test_the_history_shows_the_old_and_new_values(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    admin = login("admin")
    pk = _edit_systemforvaltning(stavanger, admin)

    body = admin.get(f"/organisasjon/enheter/{pk}/historikk/").content.decode()

    for old, new in [
        ("Systemforvaltning", "Applikasjonsforvaltning"),
        ("IT-avdelingen", "Innovasjon og digitalisering"),  # the unit above, by name
        ("Forvalter om lag 300 applikasjoner.", "Forvalter om lag 280 applikasjoner."),
    ]:
        assert old in body
        assert new in body
        assert body.index(old) < body.index(new, body.index(old))


def test_the_newest_change_comes_first_with_only_the_fields_that_changed(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    admin = login("admin")
    pk = _edit_systemforvaltning(stavanger, admin)

    entries = admin.get(f"/organisasjon/enheter/{pk}/historikk/").context["entries"]

    assert len(entries) == 2  # created by the demo loader, then changed by Siri Haugen
    assert entries[0].who == "Siri Haugen"
    assert sorted((change.old, change.new) for change in entries[0].changes) == [
        ("Forvalter om lag 300 applikasjoner.", "Forvalter om lag 280 applikasjoner."),
        ("IT-avdelingen", "Innovasjon og digitalisering"),
        ("Systemforvaltning", "Applikasjonsforvaltning"),
    ]


def test_the_history_uses_as_many_queries_for_twenty_moves_as_for_one(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    """Each change of the unit above is shown by name; the names are looked up together."""
    admin = login("admin")
    pk = _edit_systemforvaltning(stavanger, admin)
    path = f"/organisasjon/enheter/{pk}/historikk/"
    admin.get(path)  # the first request of a session does one-off work
    one_move = count_queries(admin, path)

    unit = OrgUnit.objects.get(pk=pk)
    departments = [unit_named(stavanger, "IT-avdelingen"), unit_named(stavanger, "Smartby")]
    for move in range(20):
        org_unit_update(
            actor=None,
            unit=unit,
            name=unit.name,
            kind=unit.kind,
            parent=departments[move % 2],
            description=unit.description,
        )

    assert count_queries(admin, path) == one_move
    assert len(admin.get(path).context["entries"]) == 22
