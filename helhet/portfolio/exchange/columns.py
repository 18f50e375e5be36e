"""The columns of the portfolio spreadsheet and the fixed Norwegian words for kind, status and ROS.

Column names and values are not translated: a file must import the same whatever language the
person has chosen. The internal values ("project", "owning_unit") are accepted too."""

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

KIND_LABELS = {
    "idea": "idé",
    "project": "prosjekt",
    "programme": "program",
    "activity": "aktivitet",
}
STATUS_LABELS = {
    "active": "aktiv",
    "paused": "pause",
    "completed": "fullført",
    "stopped": "stoppet",
}
ASSESSMENT_LABELS = {
    "": "ikke vurdert",
    "not_needed": "ikke nødvendig",
    "planned": "planlagt",
    "done": "ferdig",
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
    kind: str = "text"  # text, choice, unit, units, user, goals, tags, date, money, bool
    max_length: int | None = None


def labels_text(labels: dict[str, str]) -> str:
    """The labels as the template and the messages list them: "idé, prosjekt, ..."."""
    return ", ".join(labels.values())


COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Navn",
        gettext_lazy("The initiative's name. Must be unique in the municipality."),
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
        gettext_lazy("The username of a person in the municipality."),
        kind="user",
    ),
    Column(
        "project_leader",
        "Prosjektleder",
        gettext_lazy("The username of a person in the municipality."),
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
        labels_text(ASSESSMENT_LABELS),
        kind="choice",
    ),
    Column("ros_date", "ROS-dato", gettext_lazy("A date."), "31.03.2024", kind="date"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# Written by the export, ignored by the import (so an export can be imported again).
EXPORT_ONLY_HEADERS = ("Siste statusrapport", "Siste vurdering")

CHOICES: dict[str, dict[str, str]] = {
    "kind": KIND_LABELS,
    "status": STATUS_LABELS,
    "ros_status": ASSESSMENT_LABELS,
}
# Other spellings people write for the same value.
EXTRA_CHOICE_WORDS: dict[str, dict[str, str]] = {
    "kind": {"ide": "idea", "programme": "programme"},
    "status": {"satt på pause": "paused", "pauset": "paused", "ferdig": "completed"},
    "ros_status": {"ikke nodvendig": "not_needed", "utført": "done", "gjennomført": "done"},
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
        }
    )
    return found


HEADER_LOOKUP = _header_lookup()
