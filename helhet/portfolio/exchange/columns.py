"""The columns of the portfolio spreadsheet and the fixed Norwegian words for kind, status, ROS,
DPIA and data processing agreement.

Column names and values are not translated: a file must import the same whatever language the
person has chosen. The words are the interface's bokmål words ("Satt på pause", "Stanset"); the
internal values ("project", "owning_unit") and the words earlier exports wrote are accepted too."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from helhet.portfolio.models import Rating

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx is a zip; refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
LIST_SEPARATOR = ";"
SHEET_NAME = "Tiltak"

# The interface's bokmål words (InitiativeKind, InitiativeStatus, AssessmentStatus and
# FundingSourceKind in helhet/portfolio/models.py; a test holds them equal).
KIND_LABELS = {
    "idea": "Idé",
    "project": "Prosjekt",
    "programme": "Program",
    "activity": "Aktivitet",
}
STATUS_LABELS = {
    "active": "Aktiv",
    "paused": "Satt på pause",
    "completed": "Fullført",
    "stopped": "Stanset",
}
ASSESSMENT_LABELS = {
    "": "Ikke vurdert",
    "not_needed": "Ikke nødvendig",
    "planned": "Planlagt",
    "done": "Gjennomført",
}
FUNDING_LABELS = {
    "own_budget": "Eget budsjett",
    "digitalisation_fund": "Digitaliseringsfondet",
    "innovasjon_norge": "Innovasjon Norge",
    "eu": "EU",
    "state_grant": "Annet statlig tilskudd",
    "other": "Annet",
}
RATING_LABELS = {Rating.GREEN: "grønn", Rating.YELLOW: "gul", Rating.RED: "rød"}
YES, NO = "Ja", "Nei"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    description: Promise
    allowed: str = ""
    required: bool = False
    # text, choice, unit, units, user, goals, tags, date, money, bool; id (an initiative of the
    # municipality), version (a whole number)
    kind: str = "text"
    max_length: int | None = None


def labels_text(labels: dict[str, str]) -> str:
    """The labels as the template and the messages list them: "idé, prosjekt, ..."."""
    return ", ".join(labels.values())


PERSON_DESCRIPTION = gettext_lazy(
    "A person in the municipality: the name as Helhet shows it, or the username."
)
ASSESSMENT_ALLOWED = labels_text(ASSESSMENT_LABELS)

COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Navn",
        gettext_lazy(
            "The initiative's name. Must be unique in the municipality. A row with the name of "
            "an existing initiative (and no ID of another) changes that initiative."
        ),
        required=True,
        max_length=200,
    ),
    Column(
        "kind",
        "Type",
        gettext_lazy("What kind of initiative it is."),
        labels_text(KIND_LABELS),
        required=True,
        kind="choice",
    ),
    Column(
        "owning_unit",
        "Eierenhet",
        gettext_lazy("The unit that owns the initiative, as it is named in Helhet."),
        required=True,
        kind="unit",
    ),
    Column("short_description", "Kort beskrivelse", gettext_lazy("A few sentences.")),
    Column("need", "Behov", gettext_lazy("The need the initiative answers.")),
    Column(
        "status",
        "Status",
        gettext_lazy("Empty means active."),
        labels_text(STATUS_LABELS),
        kind="choice",
    ),
    Column(
        "stop_reason",
        "Grunn til stopp",
        gettext_lazy("Required when the status is stopped."),
    ),
    Column("planned_start", "Planlagt start", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column("planned_end", "Planlagt slutt", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column("actual_start", "Faktisk start", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column("actual_end", "Faktisk slutt", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column(
        "estimated_cost",
        "Estimert kostnad",
        gettext_lazy("In NOK, without “kr”."),
        "1 234 567,50",
        kind="money",
    ),
    Column(
        "actual_cost",
        "Faktisk kostnad",
        gettext_lazy("In NOK, without “kr”."),
        "1 234 567,50",
        kind="money",
    ),
    Column(
        "project_owner",
        "Prosjekteier",
        PERSON_DESCRIPTION,
        kind="user",
    ),
    Column(
        "project_leader",
        "Prosjektleder",
        PERSON_DESCRIPTION,
        kind="user",
    ),
    Column(
        "participating_units",
        "Deltakende enheter",
        gettext_lazy("Names of units, separated by semicolons (;)."),
        kind="units",
    ),
    Column(
        "goals",
        "Strategiske mål",
        gettext_lazy("Names of the municipality's strategic goals, separated by semicolons (;)."),
        kind="goals",
    ),
    Column(
        "tags",
        "Stikkord",
        gettext_lazy("Separated by semicolons (;). New tags are created."),
        kind="tags",
    ),
    Column(
        "processes_personal_data",
        "Behandler personopplysninger",
        gettext_lazy("Empty means no."),
        f"{YES}, {NO}",
        kind="bool",
    ),
    Column(
        "ros_status",
        "ROS-status",
        gettext_lazy("Where the risk assessment (ROS) stands. Empty means not assessed."),
        ASSESSMENT_ALLOWED,
        kind="choice",
    ),
    Column("ros_date", "ROS-dato", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column(
        "dpia_status",
        "DPIA-status",
        gettext_lazy(
            "Where the data protection impact assessment (DPIA) stands. Empty means not assessed."
        ),
        ASSESSMENT_ALLOWED,
        kind="choice",
    ),
    Column("dpia_date", "DPIA-dato", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column(
        "dpa_status",
        "Databehandleravtale",
        gettext_lazy("Where the data processing agreement stands. Empty means not assessed."),
        ASSESSMENT_ALLOWED,
        kind="choice",
    ),
    Column(
        "dpa_date", "Databehandleravtale-dato", gettext_lazy("A date."), "31.03.2024", kind="date"
    ),
    Column(
        "id",
        "ID",
        gettext_lazy(
            "Helhet's number for the initiative, written by the export. A row with the ID of an "
            "initiative changes it (also its name); leave it empty for a new initiative."
        ),
        kind="id",
    ),
    Column(
        "version",
        "Versjon",
        gettext_lazy(
            "Written by the export; leave it as it is. If the initiative has been saved in "
            "Helhet since, a change to it is refused rather than overwriting the newer one."
        ),
        kind="version",
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# Written by the export, ignored by the import (so an export can be imported again): the method,
# phase and level change only through the project's enrolment and decisions, funding on the
# initiative's page.
EXPORT_ONLY_HEADERS = (
    "Metode",
    "Fase",
    "Nivå",
    "Finansiering",
    "Finansiering i alt",
    "Siste statusrapport",
    "Siste vurdering",
)

CHOICES: dict[str, dict[str, str]] = {
    "kind": KIND_LABELS,
    "status": STATUS_LABELS,
    "ros_status": ASSESSMENT_LABELS,
    "dpia_status": ASSESSMENT_LABELS,
    "dpa_status": ASSESSMENT_LABELS,
}
# Other spellings people write for the same value, and the words earlier exports wrote.
_ASSESSMENT_WORDS = {
    "ikke nodvendig": "not_needed",
    "utført": "done",
    "ferdig": "done",
    "gjennomfort": "done",
}
EXTRA_CHOICE_WORDS: dict[str, dict[str, str]] = {
    "kind": {"ide": "idea", "programme": "programme"},
    "status": {
        "pause": "paused",
        "pauset": "paused",
        "ferdig": "completed",
        "stoppet": "stopped",
        "stanset": "stopped",
    },
    "ros_status": _ASSESSMENT_WORDS,
    "dpia_status": _ASSESSMENT_WORDS,
    "dpa_status": _ASSESSMENT_WORDS,
}


def comparable(text: str) -> str:
    """Text as it is compared: spaces (also non-breaking) collapsed, case folded."""
    return " ".join(text.replace("\xa0", " ").split()).casefold()


def _choice_lookup(name: str) -> dict[str, str]:
    found = {}
    for value, label in CHOICES[name].items():
        found[comparable(label)] = value
        if value:
            found[comparable(value)] = value
            found[comparable(value.replace("_", " "))] = value
    found.update(EXTRA_CHOICE_WORDS.get(name, {}))
    return found


CHOICE_LOOKUP = {name: _choice_lookup(name) for name in CHOICES}


def _header_lookup() -> dict[str, str]:
    found = {}
    for column in COLUMNS:
        for alias in (column.header, column.key, column.key.replace("_", " ")):
            found[comparable(alias)] = column.key
    # Earlier versions of the template named the units (kr) and (brukernavn).
    found.update(
        {
            "estimert kostnad (kr)": "estimated_cost",
            "faktisk kostnad (kr)": "actual_cost",
            "prosjekteier (brukernavn)": "project_owner",
            "prosjektleder (brukernavn)": "project_leader",
            "dpia": "dpia_status",
            "databehandleravtale-status": "dpa_status",
        }
    )
    return found


HEADER_LOOKUP = _header_lookup()
