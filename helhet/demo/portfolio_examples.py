"""Example figures for the demo portfolio where the audit gives none: estimated and actual costs,
funding, planned dates, and the project owners and leaders who hold those duties (the audit names
units, never people, and no amount for any initiative).

Every amount here is an example, and shown as one: each initiative given one carries the tag
``EXAMPLE_TAG`` and each funding line the note ``EXAMPLE_NOTE``. The digitalisation fund's lines
for DigiBarnevern and the wireless network in the nursing homes are the fund demo's example grants
(``helhet.demo.fund``), so the two agree. Planned dates of work still running are counted from the
year the demo is loaded, so the portfolio is neither all late nor all in the future whenever it
is loaded; dates the audit gives stay in ``helhet.demo.portfolio_initiatives``.

Owners and leaders are chosen the way ``helhet.accounts.duties`` allows: an owner's role owns
projects, a leader's role leads them, and never one person both. Besides the one demo login per
role, the colleagues below hold those duties (members with the demo password, not listed as
logins)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from helhet.accounts.roles import Role
from helhet.portfolio.models import FundingSourceKind

EXAMPLE_TAG = "eksempeltall"
EXAMPLE_NOTE = "Eksempelbeløp"

OWN, FUND, EU = (
    FundingSourceKind.OWN_BUDGET,
    FundingSourceKind.DIGITALISATION_FUND,
    FundingSourceKind.EU,
)

# The fund demo's example grants (helhet.demo.fund), also the initiatives' fund lines.
WIRELESS_GRANT = Decimal(4_500_000)
DIGIBARNEVERN_GRANT = Decimal(2_000_000)


@dataclass(frozen=True)
class InYear:
    """A day in the year ``years`` after the one the demo is loaded in (before it if negative)."""

    years: int
    month: int
    day: int

    def on(self, today: date) -> date:
        return date(today.year + self.years, self.month, self.day)


@dataclass(frozen=True)
class DaysFromToday:
    days: int

    def on(self, today: date) -> date:
        return today + timedelta(days=self.days)


Day = date | InYear | DaysFromToday


def day_on(day: Day | None, today: date) -> date | None:
    """``day`` as a date, counted from ``today`` when it is relative."""
    if day is None or isinstance(day, date):
        return day
    return day.on(today)


@dataclass(frozen=True)
class Colleague:
    """A member of Stavanger who owns or leads demo initiatives (no demo login of their own)."""

    username: str
    first_name: str
    last_name: str
    role: Role
    unit: str
    title: str


COLLEAGUES: tuple[Colleague, ...] = (
    Colleague(
        "ingrid.loland",
        "Ingrid",
        "Løland",
        Role.PROJECT_LEADER,
        "Smartby",
        "Prosjektleder smartby",
    ),
    Colleague(
        "espen.rasmussen",
        "Espen",
        "Rasmussen",
        Role.PROJECT_LEADER,
        "Innovasjon og digitalisering",
        "Prosjektleder digitalisering",
    ),
    Colleague(
        "kristin.hovland",
        "Kristin",
        "Hovland",
        Role.PROJECT_LEADER,
        "Arkitektur og utvikling",
        "Løsningsarkitekt og prosjektleder",
    ),
    Colleague(
        "sigrun.tveit",
        "Sigrun",
        "Tveit",
        Role.PROJECT_OWNER,
        "Smartby",
        "Avdelingsdirektør Smartby",
    ),
    Colleague(
        "bjorn.helland",
        "Bjørn",
        "Helland",
        Role.PROJECT_OWNER,
        "Innbygger- og samfunnskontakt",
        "Direktør innbygger- og samfunnskontakt",
    ),
    Colleague(
        "anne.sola",
        "Anne",
        "Sola",
        Role.PROJECT_OWNER,
        "Oppvekst og utdanning",
        "Direktør oppvekst og utdanning",
    ),
    Colleague(
        "rune.larsen",
        "Rune",
        "Larsen",
        Role.PROJECT_OWNER,
        "Bymiljø og utbygging",
        "Direktør bymiljø og utbygging",
    ),
)


@dataclass(frozen=True)
class Example:
    """An initiative's example figures: costs in NOK, planned dates, owner and leader by username,
    and funding as (source, amount) lines, each noted ``EXAMPLE_NOTE``."""

    estimated_cost: Decimal | None = None
    actual_cost: Decimal | None = None
    planned_start: Day | None = None
    planned_end: Day | None = None
    project_owner: str = ""
    project_leader: str = ""
    funding: tuple[tuple[FundingSourceKind, Decimal], ...] = ()


def _nok(amount: int) -> Decimal:
    return Decimal(amount)


STAVANGER_EXAMPLES: dict[str, Example] = {
    # Prosjekteier Innovasjon og støttetjenester (the audit): its director owns it.
    "RPA": Example(
        estimated_cost=_nok(3_200_000),
        planned_end=InYear(1, 12, 31),
        project_owner="direktor",
        project_leader="espen.rasmussen",
        funding=((OWN, _nok(3_200_000)),),
    ),
    "Datasjø": Example(
        estimated_cost=_nok(6_500_000),
        planned_start=date(2020, 1, 1),
        planned_end=InYear(1, 12, 31),
        project_owner="direktor",
        project_leader="kristin.hovland",
        funding=((OWN, _nok(4_500_000)), (FundingSourceKind.OTHER, _nok(2_000_000))),
    ),
    # Innbygger- og samfunnskontakt's director sits on the project board (the audit).
    "MinSide": Example(
        estimated_cost=_nok(2_800_000),
        planned_start=InYear(-1, 1, 15),
        planned_end=InYear(1, 6, 30),
        project_owner="bjorn.helland",
        project_leader="espen.rasmussen",
        funding=((OWN, _nok(2_800_000)),),
    ),
    "FIKS-plattformen og KS MinSide": Example(
        estimated_cost=_nok(600_000),
        planned_start=InYear(-2, 1, 1),
        planned_end=InYear(1, 12, 31),
        project_owner="direktor",
        project_leader="kristin.hovland",
        funding=((OWN, _nok(600_000)),),
    ),
    "Mitt Stavanger": Example(
        estimated_cost=_nok(4_000_000),
        actual_cost=_nok(4_600_000),
        project_owner="rune.larsen",
        project_leader="ingrid.loland",
        funding=(
            (FundingSourceKind.INNOVASJON_NORGE, _nok(1_500_000)),
            (OWN, _nok(3_100_000)),
        ),
    ),
    # The audit: five tests of up to NOK 300,000 each; the rest is the example's own work.
    "Kvikktest Lervig": Example(
        estimated_cost=_nok(1_800_000),
        actual_cost=_nok(1_720_000),
        project_owner="sigrun.tveit",
        project_leader="ingrid.loland",
        funding=((OWN, _nok(1_720_000)),),
    ),
    "Kvikktest Øyriket": Example(
        estimated_cost=_nok(1_800_000),
        planned_start=DaysFromToday(-75),
        planned_end=DaysFromToday(120),
        project_owner="sigrun.tveit",
        project_leader="ingrid.loland",
        funding=((OWN, _nok(1_800_000)),),
    ),
    # The audit: the project leader comes from the digitalisation department.
    "Legevaktprosjektet": Example(
        estimated_cost=_nok(5_500_000),
        planned_start=InYear(-1, 9, 1),
        planned_end=InYear(1, 12, 31),
        project_leader="espen.rasmussen",
        funding=((OWN, _nok(5_500_000)),),
    ),
    "Medisindispensere": Example(
        estimated_cost=_nok(2_900_000),
        planned_end=InYear(1, 6, 30),
        funding=((OWN, _nok(2_900_000)),),
    ),
    "Spider": Example(
        estimated_cost=_nok(3_500_000),
        funding=((OWN, _nok(3_500_000)),),
    ),
    # The audit: the fund paid the municipality's "entry ticket".
    "DigiBarnevern": Example(
        estimated_cost=_nok(2_600_000),
        planned_start=InYear(-3, 1, 1),
        planned_end=InYear(2, 12, 31),
        project_owner="anne.sola",
        project_leader="espen.rasmussen",
        funding=((FUND, DIGIBARNEVERN_GRANT), (OWN, _nok(600_000))),
    ),
    # Stavanger's share of a national project; its leader is in the national project.
    "Felles kommunal journal": Example(
        estimated_cost=_nok(1_200_000),
        planned_start=InYear(-2, 1, 1),
        planned_end=InYear(3, 12, 31),
        project_owner="eier",
        funding=((OWN, _nok(1_200_000)),),
    ),
    "Optimalisering av SvarUt": Example(
        estimated_cost=_nok(450_000),
        planned_start=DaysFromToday(-30),
        planned_end=InYear(1, 3, 31),
        project_owner="direktor",
        project_leader="kristin.hovland",
        funding=((OWN, _nok(450_000)),),
    ),
    "Smarte gatesluker": Example(
        estimated_cost=_nok(1_200_000),
        planned_start=InYear(-1, 3, 1),
        planned_end=InYear(1, 10, 31),
        project_owner="sigrun.tveit",
        project_leader="ingrid.loland",
        funding=((OWN, _nok(1_200_000)),),
    ),
    # A three-year EU project (the audit); the EU's share is the example.
    "Droneprosjektet": Example(
        estimated_cost=_nok(2_400_000),
        planned_start=InYear(-1, 1, 1),
        planned_end=InYear(1, 12, 31),
        project_owner="sigrun.tveit",
        project_leader="ingrid.loland",
        funding=((EU, _nok(2_000_000)), (OWN, _nok(400_000))),
    ),
    "AI4Cities": Example(
        estimated_cost=_nok(1_600_000),
        planned_start=InYear(-1, 2, 1),
        planned_end=InYear(1, 1, 31),
        project_owner="direktor",
        project_leader="kristin.hovland",
        funding=((EU, _nok(1_300_000)), (OWN, _nok(300_000))),
    ),
    "Aktiv kommune": Example(
        estimated_cost=_nok(900_000),
        planned_start=InYear(-2, 1, 1),
        planned_end=InYear(1, 12, 31),
        project_owner="bjorn.helland",
        project_leader="kristin.hovland",
        funding=((OWN, _nok(900_000)),),
    ),
    # The programme's name gives its end; it runs on past it.
    "Omstilling 2025": Example(
        estimated_cost=_nok(8_000_000),
        planned_end=date(2025, 12, 31),
        project_owner="direktor",
        project_leader="portefolje",
        funding=((OWN, _nok(8_000_000)),),
    ),
    # The audit gives neither dates nor cost; the fund's grant is the example (helhet.demo.fund).
    "Trådløst nett på sykehjemmene": Example(
        estimated_cost=WIRELESS_GRANT,
        actual_cost=_nok(4_350_000),
        planned_start=date(2020, 1, 1),
        planned_end=date(2020, 12, 31),
        project_owner="eier",
        project_leader="kristin.hovland",
        funding=((FUND, WIRELESS_GRANT),),
    ),
}

BERGEN_EXAMPLES: dict[str, Example] = {
    "Porteføljestyring av digitaliseringstiltak": Example(
        estimated_cost=_nok(750_000), funding=((OWN, _nok(750_000)),)
    ),
    "Endringsagenter": Example(estimated_cost=_nok(1_100_000)),
    "Velferdsteknologi i hjemmetjenesten (demoeksempel)": Example(
        estimated_cost=_nok(3_400_000),
        planned_start=InYear(0, 1, 1),
        planned_end=InYear(2, 6, 30),
    ),
}
