"""A person's history page: who changed their membership, and from what to what."""

from collections.abc import Callable

from django.test import Client

from helhet.accounts.models import User
from helhet.accounts.roles import Role
from helhet.accounts.services import membership_update
from helhet.organization.models import Municipality
from tests.conftest import count_queries, membership_of, unit_named


def test_the_history_shows_who_changed_the_title_from_what_to_what(
    login: Callable[[str], Client],
) -> None:
    admin = login("admin")
    pk = membership_of("leser").pk
    admin.post(f"/personer/{pk}/endre/", {"role": Role.READER, "unit": "", "title": "Revisor"})

    body = admin.get(f"/personer/{pk}/historikk/").content.decode()

    assert "Siri Haugen" in body
    assert body.index("Medlem av kontrollutvalget") < body.index("Revisor")


def test_the_history_uses_as_many_queries_for_twenty_changes_as_for_one(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    admin = login("admin")
    leser = membership_of("leser")
    path = f"/personer/{leser.pk}/historikk/"
    units = [unit_named(stavanger, "Smartby"), unit_named(stavanger, "Kultur")]
    membership_update(actor=None, membership=leser, role=leser.role, unit=units[0], title="")
    admin.get(path)  # the first request of a session does one-off work
    one_change = count_queries(admin, path)

    for change in range(20):
        membership_update(
            actor=User.objects.get(username=["admin", "portefolje"][change % 2]),
            membership=leser,
            role=[Role.READER, Role.LEADER][change % 2],
            unit=units[change % 2],
            title=f"Tittel {change}",
        )

    assert count_queries(admin, path) == one_change
    assert "Tittel 19" in admin.get(path).content.decode()
