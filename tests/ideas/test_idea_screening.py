"""The portfolio office screens an idea: scores on the weighted criteria of the idea's set (the
municipality's, or its unit's own), asks the submitter, and decides: reject with a reason the
submitter reads, park, merge into an initiative, or promote to one, each leading to the other.
Nobody screens their own idea; a decided idea is not decided again."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from helhet.ideas.models import CriteriaSet, Idea, IdeaStatus, weighted_score
from helhet.ideas.selectors import criteria_set_for_unit
from helhet.ideas.services import criteria as criteria_services
from helhet.ideas.services import ideas as services
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import database_state, unit_named
from tests.ideas.helpers import person, submit

pytestmark = pytest.mark.django_db


def _default_scores(stavanger: Municipality, values: list[int]) -> dict[int, int]:
    default = CriteriaSet.objects.get(municipality=stavanger, unit=None)
    return dict(zip(default.criteria.values_list("pk", flat=True), values, strict=True))


def test_the_weighted_score_is_the_sum_of_weight_times_score_over_the_sum_of_weights(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    idea = submit(stavanger)
    # The default set's weights are 3, 2, 2, 2, 1 (citizens, staff, strategy, feasibility,
    # urgency). Scores 5, 4, 3, 2, 1: (3·5 + 2·4 + 2·3 + 2·2 + 1·1) / (3+2+2+2+1) = 34/10 = 3.40.
    form = {
        f"criterion_{pk}": str(value)
        for pk, value in _default_scores(stavanger, [5, 4, 3, 2, 1]).items()
    }

    response = login("portefolje").post(f"/ideer/{idea.pk}/vurdering/", form)

    idea.refresh_from_db()
    assert response.status_code == 302
    assert idea.score == Decimal("3.40")
    assert idea.status == IdeaStatus.SCREENING
    page = login("leser").get(f"/ideer/{idea.pk}/").content.decode()
    assert "3,40" in page or "3.40" in page
    assert weighted_score([(1, 5), (3, 1)]) == Decimal("2.00")  # (5 + 3) / 4
    assert weighted_score([]) is None


def test_smartbys_ideas_are_scored_on_smartbys_own_three_criteria(
    stavanger: Municipality,
) -> None:
    smartby = unit_named(stavanger, "Smartby")
    own = criteria_services.criteria_set_create(
        actor=person("portefolje"), municipality=stavanger, name="Smartbykriterier", unit=smartby
    )
    for name, weight in (("Innbyggerinvolvering", 2), ("Samarbeid på tvers", 1), ("Klima", 1)):
        criteria_services.criterion_add(
            actor=person("portefolje"), criteria_set=own, name=name, weight=weight
        )
    idea = submit(stavanger, unit="Smartby", title="Sensorer i bybussene")

    criteria = list(own.criteria.values_list("pk", flat=True))
    scored = services.idea_score(
        actor=person("portefolje"), idea=idea, scores=dict(zip(criteria, [4, 2, 5], strict=True))
    )

    assert scored.criteria_set == own
    assert scored.score == Decimal("3.75")  # (2·4 + 1·2 + 1·5) / 4
    # Ideas of other units keep the municipality's set.
    assert criteria_set_for_unit(unit_named(stavanger, "Kultur")) != own


def test_nobody_screens_their_own_idea_and_only_the_portfolio_office_screens(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    own = submit(stavanger, by="portefolje")
    theirs = submit(stavanger, by="leser", title="Noe annet")

    with pytest.raises(PermissionDenied):
        services.idea_reject(actor=person("portefolje"), idea=own, reason="Ikke nå")
    assert login("portefolje").get(f"/ideer/{own.pk}/vurdering/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.idea_park(actor=person("direktor"), idea=theirs)
    page = login("portefolje").get(f"/ideer/{own.pk}/").content.decode()
    assert f'href="/ideer/{own.pk}/vurdering/"' not in page


def test_a_rejection_needs_a_reason_that_the_submitter_reads_under_my_ideas(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    idea = submit(stavanger)
    office = login("portefolje")
    before = database_state()

    refused = office.post(f"/ideer/{idea.pk}/beslutning/", {"decision": "reject", "reason": ""})

    assert refused.status_code == 400
    assert database_state() == before
    office.post(
        f"/ideer/{idea.pk}/beslutning/",
        {"decision": "reject", "reason": "Legevakten får ny innsjekk gjennom Helseplattformen."},
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REJECTED
    mine = login("leser").get("/ideer/mine/").content.decode()
    assert "Legevakten får ny innsjekk gjennom Helseplattformen." in mine
    with pytest.raises(ValidationError):
        services.idea_park(actor=person("portefolje"), idea=idea)


def test_a_promoted_idea_and_its_new_initiative_lead_to_each_other(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    idea = submit(stavanger, who_has_it="Pasienter og ansatte i skranken")

    response = login("portefolje").post(
        f"/ideer/{idea.pk}/tiltak/",
        {
            "name": "Digital innsjekk legevakt",
            "kind": InitiativeKind.PROJECT,
            "owning_unit": str(unit_named(stavanger, "Stavanger legevakt").pk),
            "reason": "Tas inn i porteføljen.",
        },
    )

    initiative = Initiative.objects.get(name="Digital innsjekk legevakt")
    idea.refresh_from_db()
    assert response["Location"] == f"/portefolje/tiltak/{initiative.pk}/"
    assert (idea.status, idea.initiative) == (IdeaStatus.PROMOTED, initiative)
    assert initiative.kind == InitiativeKind.PROJECT
    assert "Pasienter og ansatte i skranken" in initiative.need
    initiative_page = login("leser").get(f"/portefolje/tiltak/{initiative.pk}/")
    assert f'href="/ideer/{idea.pk}/"' in initiative_page.content.decode()
    idea_page = login("leser").get(f"/ideer/{idea.pk}/").content.decode()
    assert f"/tiltak/{initiative.pk}/" in idea_page
    # Decided for good: the screening pages send the office back to the idea.
    assert login("portefolje").get(f"/ideer/{idea.pk}/vurdering/").status_code == 302


def test_merging_names_the_initiative_and_a_parked_idea_may_be_taken_up_again(
    stavanger: Municipality,
) -> None:
    initiative = initiative_create(
        actor=None,
        municipality=stavanger,
        name="Ny legevaktløsning",
        kind=InitiativeKind.PROJECT,
        owning_unit=unit_named(stavanger, "Stavanger legevakt"),
    )
    idea = submit(stavanger)
    office = person("portefolje")

    parked = services.idea_park(actor=office, idea=idea, reason="Venter på anskaffelsen.")
    assert parked.status == IdeaStatus.PARKED
    merged = services.idea_merge(actor=office, idea=parked, initiative=initiative)

    assert (merged.status, merged.initiative) == (IdeaStatus.MERGED, initiative)
    assert list(initiative.ideas.all()) == [merged]
    assert merged.history.count() == 3  # submitted, parked, merged: who and when each time


def test_the_office_asks_and_only_the_submitter_answers(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    idea = submit(stavanger)
    login("portefolje").post(
        f"/ideer/{idea.pk}/sporsmal/", {"question": "Hvor mange pasienter gjelder det per døgn?"}
    )
    question = idea.questions.get()

    mine = login("leser").get("/ideer/mine/").content.decode()
    assert "1 spørsmål å svare på" in mine
    assert login("eier").get(f"/ideer/sporsmal/{question.pk}/svar/").status_code == 403
    response = login("leser").post(
        f"/ideer/sporsmal/{question.pk}/svar/", {"answer": "Rundt 150 på en travel lørdag."}
    )

    question.refresh_from_db()
    assert response.status_code == 302
    assert question.answer == "Rundt 150 på en travel lørdag."
    assert (
        "Rundt 150 på en travel lørdag."
        in login("portefolje").get(f"/ideer/{idea.pk}/").content.decode()
    )


def test_a_criterion_ideas_are_scored_on_stays(stavanger: Municipality) -> None:
    idea = submit(stavanger)
    scores = _default_scores(stavanger, [3, 3, 3, 3, 3])
    services.idea_score(actor=person("portefolje"), idea=idea, scores=scores)
    criterion = CriteriaSet.objects.get(municipality=stavanger, unit=None).criteria.first()
    assert criterion is not None

    with pytest.raises(ValidationError, match=r"blir stående|so it stays"):
        criteria_services.criterion_delete(actor=person("portefolje"), criterion=criterion)
    with pytest.raises(ValidationError):
        services.idea_score(
            actor=person("portefolje"), idea=idea, scores={**scores, criterion.pk: 6}
        )
    assert Idea.objects.get(pk=idea.pk).score == Decimal("3.00")


def test_the_start_page_says_what_waits_among_the_ideas(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    idea = submit(stavanger)
    submit(stavanger, by="portefolje", title="Kontorets egen idé")
    services.idea_question_ask(actor=person("portefolje"), idea=idea, question="Hvor ofte?")

    reader = login("leser").get("/").content.decode()
    office = login("portefolje").get("/").content.decode()

    assert "1 spørsmål om ideene dine venter på svar fra deg" in reader
    assert "1 ny idé venter på vurdering" in office  # not the office's own idea
    assert 'id="home-ideas"' not in login("direktor").get("/").content.decode()
