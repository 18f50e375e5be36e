"""Stavanger's lessons register for the demo: the audit's lessons, written through the lesson
services as those who learned them would (the log lesson of the dispenser project comes from
helhet.demo.projects). The texts paraphrase the audit (Stavanger kommune's revision of the
digitalisation work, 2021); the pages cited are the seed's lines:

- RPA: the project description warns that employees who fear becoming redundant may not take
  up the new processes; take care of the people and give everyone ownership (3958-3966); in
  Næringsavdelingen the fear did not come true, and time went to more important work
  (4190-4198).
- The drone project: Smartby takes on exploratory projects with no natural home in the
  municipality (4384-4390).
- The medicine dispensers: use falls when E-helse og velferdsteknologi stops following up and
  reminding; list reviews, supplier courses, and the units proposing users help (5103-5112).
- E-helse og velferdsteknologi asks for more competence in project method and implementation,
  which Innovasjon og digitalisering is to offer (3268-3274, 320-325)."""

from __future__ import annotations

from dataclasses import dataclass, field

from helhet.accounts.models import User
from helhet.learning.models import Lesson
from helhet.learning.services.lessons import lesson_write
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative


@dataclass(frozen=True)
class DemoLesson:
    by: str
    title: str
    learned: str
    what_happened: str = ""
    advice: str = ""
    initiative: str = ""
    unit: str = ""
    phase: str = ""
    themes: list[str] = field(default_factory=list)


LESSONS = [
    DemoLesson(
        by="portefolje",
        title="Involver de ansatte før robotene kommer",
        initiative="RPA",
        phase="Gjennomføring",
        what_happened=(
            "Prosjektbeskrivelsen for RPA advarte om at ansatte som frykter å bli overflødige, "
            "kan føle seg så truet av robotiseringen at de ikke vil samarbeide eller ta i bruk de "
            "nye prosessene. I Næringsavdelingen skjedde ikke det: hele avdelingen var positiv, "
            "og tiden gikk til viktigere oppgaver."
        ),
        learned=(
            "Frykten for å bli overflødig bremser innføringen. Der de ansatte var med fra "
            "starten og så at roboten tok de enkle, repetitive oppgavene, tok de prosessene i "
            "bruk."
        ),
        advice=(
            "Ta godt vare på menneskene i prosessen: involver de ansatte tidlig, vis hva den "
            "frigjorte tiden skal brukes til, og gi alle eierskap til de nye prosessene."
        ),
        themes=["RPA", "Involvering", "Implementering"],
    ),
    DemoLesson(
        by="portefolje",
        title="Et utforskende prosjekt trenger et hjem i drift",
        initiative="Droneprosjektet",
        unit="Smartby",
        what_happened=(
            "Smartby tar gjerne på seg prosjekter som ikke har et naturlig hjem i kommunen, "
            "typisk utforskende prosjekter som droneprosjektet."
        ),
        learned=(
            "Smartby avlaster tjenesteområdene ved å teste ny teknologi, men det som virker, "
            "står uten eier når forsøket er over."
        ),
        advice=(
            "Avklar allerede ved oppstart hvilken tjeneste som skal eie løsningen om forsøket "
            "lykkes, og ha med en fra driften i prosjektet."
        ),
        themes=["Smartby", "Droner", "Eierskap"],
    ),
    DemoLesson(
        by="prosjektleder",
        title="Bruken av medisindispensere faller når oppfølgingen stopper",
        initiative="Medisindispensere",
        what_happened=(
            "E-helse og velferdsteknologi ser at bruken av medisindispensere går ned når "
            "avdelingen ikke følger opp og minner de hjemmebaserte tjenestene på det."
        ),
        learned=(
            "En løsning er ikke innført når den er levert: bruken holder seg bare med jevn "
            "oppfølging i enhetene."
        ),
        advice=(
            "Planlegg oppfølgingen etter overleveringen: gå gjennom brukerlistene sammen med "
            "enhetene, be leverandøren om kurs, og la enhetene selv foreslå aktuelle brukere – "
            "de kjenner brukerne best."
        ),
        themes=["Velferdsteknologi", "Implementering"],
    ),
    DemoLesson(
        by="prosjektleder",
        title="Vi trenger mer kompetanse i prosjektmetodikk og implementering",
        unit="E-helse og velferdsteknologi",
        what_happened=(
            "Innføringen av velferdsteknologi har tatt tid, og enkelte savner bedre struktur og "
            "kompetanse på innføring av løsninger og prosjektmetodikk."
        ),
        learned=(
            "Fagavdelingene står ofte alene med implementeringen, selv om Innovasjon og "
            "digitalisering har kompetansen."
        ),
        advice=(
            "Be Innovasjon og digitalisering om hjelp til metode og implementering tidlig, og "
            "bruk et rammeverk som er enkelt, presist og tilpasset behovet."
        ),
        themes=["Prosjektmetodikk", "Implementering"],
    ),
]


def build_lessons_demo(stavanger: Municipality) -> list[Lesson]:
    """The audit's lessons in Stavanger's register (initiatives missing from the portfolio
    demo are left out of a lesson, not made up)."""
    people = {
        user.username: user for user in User.objects.filter(memberships__municipality=stavanger)
    }
    initiatives = {i.name: i for i in Initiative.objects.filter(municipality=stavanger)}
    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=stavanger)}
    return [
        lesson_write(
            actor=people[demo.by],
            municipality=stavanger,
            title=demo.title,
            learned=demo.learned,
            what_happened=demo.what_happened,
            advice=demo.advice,
            initiative=initiatives.get(demo.initiative),
            unit=units.get(demo.unit),
            phase_name=demo.phase,
            themes=demo.themes,
        )
        for demo in LESSONS
    ]
