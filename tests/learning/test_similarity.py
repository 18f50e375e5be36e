"""The one similarity finder: which initiatives and lessons count as like an initiative or an
idea's text (shared words, folded; themes; service; unit; method), and who did them."""

from __future__ import annotations

from typing import Any

import pytest

from helhet.core.folding import fold_spelling as fold
from helhet.learning.services.lessons import lesson_write
from helhet.learning.similarity import (
    Query,
    significant_words,
    similar_to_initiative,
    similar_work,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import unit_named
from tests.ideas.helpers import person

pytestmark = pytest.mark.django_db


def initiative(municipality: Municipality, name: str, unit: str, **fields: Any) -> Initiative:
    return initiative_create(
        actor=None,
        municipality=municipality,
        name=name,
        kind=InitiativeKind.PROJECT,
        owning_unit=unit_named(municipality, unit),
        **fields,
    )


def dispensers(municipality: Municipality) -> Initiative:
    """The audit's medicine dispensers, as the demo has them (shortened)."""
    return initiative(
        municipality,
        "Medisindispensere",
        "E-helse og velferdsteknologi",
        short_description="En multidosedispenser hjemme hos brukeren gir påminnelser og "
        "varsler hjemmetjenesten hvis medisin blir glemt.",
        need="Færre hjemmebesøk, færre feilmedisineringer og stabil medisinering.",
        project_owner=person("eier"),
        project_leader=person("prosjektleder"),
        tags=["velferdsteknologi"],
    )


def test_an_initiative_like_the_dispensers_finds_them_and_who_to_ask(
    stavanger: Municipality, django_assert_max_num_queries: Any
) -> None:
    dispensers(stavanger)
    initiative(stavanger, "Droneprosjektet", "Smartby", short_description="Droner i byen.")
    new = initiative_create(
        actor=person("portefolje"),
        municipality=stavanger,
        name="Multidosedispenser for hjemmeboende",
        kind=InitiativeKind.IDEA,
        owning_unit=unit_named(stavanger, "Hinna hjemmebaserte tjenester"),
        # Typed on an English keyboard and in capitals: still the same words.
        short_description="PAAMINNELSER om medisiner hjemme, FEILMEDISINERINGER unngås.",
        tags=["velferdsteknologi"],
    )

    with django_assert_max_num_queries(8):
        found = similar_to_initiative(new)

    names = [like.item.name for like in found.initiatives]
    assert names == ["Medisindispensere"]
    first = found.initiatives[0]
    assert {"paaminnelser", "feilmedisineringer", "multidosedispenser"} <= set(first.words)
    assert first.themes == ["velferdsteknologi"]
    assert "samme temaer: velferdsteknologi" in first.reasons
    assert new.pk not in {like.item.pk for like in found.initiatives}
    who = found.who
    assert who[0].unit.name == "E-helse og velferdsteknologi"
    assert [p.username for p in who[0].people][:2] == ["prosjektleder", "eier"]


def test_one_word_or_the_same_unit_alone_is_not_enough(stavanger: Municipality) -> None:
    initiative(stavanger, "Droneprosjektet", "Smartby", short_description="Droner i byen.")
    smartby = unit_named(stavanger, "Smartby")
    found = similar_work(
        Query(municipality_id=stavanger.pk, text="Droner til varetransport", unit_id=smartby.pk)
    )
    # "droner" alone (2) and the same unit (1) make 3: the drone project is found ...
    assert [like.item.name for like in found.initiatives] == ["Droneprosjektet"]
    # ... but one word without the unit, or the unit without words, is not enough.
    assert not similar_work(Query(municipality_id=stavanger.pk, text="Droner til varetransport"))
    assert not similar_work(
        Query(municipality_id=stavanger.pk, text="Noe helt annet", unit_id=smartby.pk)
    )


def test_words_are_folded_and_common_words_left_out() -> None:
    assert fold("Påminnelser") == fold("PAAMINNELSER") == fold("paminnelser") == "paminnelser"
    assert fold("Søknad") == fold("soeknad") == fold("soknad") == "soknad"
    assert significant_words("Digitale tjenester for innbyggerne i kommunen 2024") == []


def test_another_municipalitys_initiatives_are_never_found(
    stavanger: Municipality, bergen: Municipality
) -> None:
    dispensers(stavanger)
    text = "Multidosedispenser med påminnelser hjemme"
    assert similar_work(Query(municipality_id=stavanger.pk, text=text))
    assert not similar_work(Query(municipality_id=bergen.pk, text=text))


def test_lessons_like_the_text_or_from_a_similar_initiative_are_shown(
    stavanger: Municipality,
) -> None:
    rpa = initiative(
        stavanger,
        "RPA",
        "Innovasjon og digitalisering",
        short_description="Robotisering av fakturakontroll og andre rutineoppgaver.",
    )
    lesson_write(
        actor=person("prosjektleder"),
        municipality=stavanger,
        title="Frykten for å bli overflødig bremser",
        learned="Involver de ansatte tidlig når oppgaver robotiseres.",
        initiative=rpa,
    )
    lesson_write(
        actor=person("prosjektleder"),
        municipality=stavanger,
        title="Roboter trenger en eier i drift",
        learned="Robotisering av fakturakontroll krever at noen følger opp roboten.",
    )
    lesson_write(
        actor=person("prosjektleder"), municipality=stavanger, title="Kaffe", learned="Godt."
    )

    found = similar_work(
        Query(
            municipality_id=stavanger.pk,
            text="Robotisering av fakturakontroll i lønn",
        )
    )

    assert [like.item.name for like in found.initiatives] == ["RPA"]
    lessons = {like.item.title: like for like in found.lessons}
    assert set(lessons) == {
        "Frykten for å bli overflødig bremser",
        "Roboter trenger en eier i drift",
    }
    assert "fra et lignende tiltak" in lessons["Frykten for å bli overflødig bremser"].reasons
    assert lessons["Roboter trenger en eier i drift"].words == ["fakturakontroll", "robotisering"]


def test_a_lesson_found_by_its_words_shares_two_of_them(stavanger: Municipality) -> None:
    """The lessons register is asked for two shared words in one search (one to_tsquery on
    PostgreSQL): one shared word is not enough, two are."""
    for title, learned in [
        ("Sensorer i sykehjem", "Sensorer varsler nattevakten."),
        ("Sensorer og dispensere", "Sensorer og medisindispensere hjemme hos brukeren."),
        ("Dispensere", "Dispensere må fylles av apoteket."),
    ]:
        lesson_write(
            actor=person("prosjektleder"), municipality=stavanger, title=title, learned=learned
        )

    found = similar_work(Query(municipality_id=stavanger.pk, text="sensorer og dispensere"))

    assert [like.item.title for like in found.lessons] == ["Sensorer og dispensere"]
