"""Import of a service maturity table: one row per service with its service area and the answers
for the three levels, as the audit's table 2 (``service-maturity-stavanger-2021.csv``) has them.

The file is read whole and checked before anything is written: every problem is reported by row
and column, and one bad row means nothing is imported. Answers are read as people wrote them:
text beginning with "Ja", "Nei", "Usikker" or "Delvis" is yes, no, unsure or partly (the full text
kept as the comment when it says more), and any other text is kept, not classified, for a person to
read; such answers are reported, not refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.accounts.models import User
from helhet.maturity.csv_text import FileUnreadable, csv_records, decode
from helhet.maturity.models import Answer, MaturityLevel, Service, ServiceArea
from helhet.maturity.services.assessments import assessment_record
from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.exchange import Problem

# The columns: their internal names (as the audit's table has them), and the Norwegian column
# names the templates use. Both are read, in any case and order.
AREA, SERVICE = "service_area", "service"
LEVEL_COLUMNS = {
    "electronic_application": ("application", MaturityLevel.ELECTRONIC_APPLICATION),
    "electronic_transfer": ("transfer", MaturityLevel.ELECTRONIC_TRANSFER),
    "electronic_answer": ("answer", MaturityLevel.ELECTRONIC_ANSWER),
}
COLUMNS = (AREA, SERVICE, *LEVEL_COLUMNS)
COLUMN_HEADERS = {
    AREA: "Tjenesteområde",
    SERVICE: "Tjeneste",
    "electronic_application": "Elektronisk søknad",
    "electronic_transfer": "Elektronisk overføring",
    "electronic_answer": "Elektronisk svar",
}
ALIASES = {header.casefold(): key for key, header in COLUMN_HEADERS.items()}
# The templates' example row.
EXAMPLE_ROW = ("Plan, bygg og geodata", "Byggesøknad", "Ja - nasjonal løsning", "Nei", "Ja")

# The words an answer may begin with, and what they mean.
ANSWER_WORDS = (
    ("ja", Answer.YES),
    ("nei", Answer.NO),
    ("usikker", Answer.UNSURE),
    ("delvis", Answer.PARTLY),
)


@dataclass(frozen=True)
class UnclassifiedAnswer:
    """An answer imported as text that could not be read as yes, no, unsure or partly."""

    row: int
    service: str
    level: MaturityLevel
    text: str


@dataclass
class ImportResult:
    services_created: int
    assessments: int
    unclassified: list[UnclassifiedAnswer]


@dataclass(frozen=True)
class ImportRow:
    """One service of a checked file: where it goes and its three answers with comments."""

    row: int
    area: ServiceArea
    name: str
    existing: Service | None
    answers: dict[str, tuple[str, str]]  # "application" -> (answer, comment)


@dataclass
class ImportPreview:
    """What an import of the file would do, or every problem that stops it."""

    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unclassified: list[UnclassifiedAnswer] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def new_services(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)


class ImportRefused(ValidationError):
    """The file has problems; nothing was written. ``problems`` has them by row and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([str(problem) for problem in problems], code="import_refused")
        self.problems = problems


def read_answer(text: str) -> tuple[str, str]:
    """An answer as written in the file -> (answer, comment). "Ja" is yes with no comment; "Ja -
    nasjonal løsning" is yes with the full text as the comment; text that begins with none of
    the words is UNCLASSIFIED with the text as the comment."""
    text = " ".join(text.split())
    lowered = text.casefold()
    for word, answer in ANSWER_WORDS:
        if lowered.startswith(word):
            rest = lowered[len(word) :]
            if rest and rest[0].isalnum():
                continue  # "Nei" begins "Neida", not a plain "Nei"
            bare = not rest.strip(" .!")
            return answer, "" if bare else text
    return Answer.UNCLASSIFIED, text


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = " ".join(name.split()).casefold()
        key = ALIASES.get(key, key)
        if key in COLUMNS and key not in found:
            found[key] = index
    return found


def _records(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    """The file's non-empty records as text, numbered as in the spreadsheet: an .xlsx read by
    the portfolio import's reader (the same size, zip-bomb and row limits), anything else as
    CSV. Raises FileUnreadable."""
    if Path(name).suffix.lower() == ".xlsx":
        try:
            table = exchange.read_table(name, data)
        except exchange.FileRefused as refused:
            raise FileUnreadable(refused.message) from refused
        if table.too_many_rows:
            raise FileUnreadable(_too_many_rows())
        rows = [(n, [exchange.cell_as_text(value) for value in cells]) for n, cells in table.rows]
        return [(table.header_row, table.headers), *rows]
    records = [(n, cells) for n, cells in csv_records(decode(data)) if any(cells)]
    if len(records) > exchange.MAX_ROWS + 1:
        raise FileUnreadable(_too_many_rows())
    return records


def _too_many_rows() -> str:
    return _("The file has more than %(limit)s rows. Split it into smaller files.") % {
        "limit": f"{exchange.MAX_ROWS:,}".replace(",", "\xa0")
    }


def check_service_maturity(
    *, municipality: Municipality, data: bytes, assessed_on: date | None = None, name: str = ""
) -> ImportPreview:
    """Read and check the file (``name`` ending .xlsx: a workbook; otherwise CSV) without
    writing anything: the services it would create or assess, the answers it cannot classify,
    and every problem by row and column."""
    preview = ImportPreview()
    if assessed_on is not None and assessed_on > timezone.localdate():
        preview.problems.append(Problem(_("The date of the assessment cannot be in the future.")))
    try:
        records = _records(name, data)
    except FileUnreadable as unreadable:
        preview.problems.append(Problem(unreadable.message))
        return preview
    columns, header_problems = _check_header(records)
    if header_problems:
        preview.problems.extend(header_problems)
        return preview
    known = _Known.of(municipality)
    headers = records[0][1]
    for number, cells in records[1:]:
        _check_row(preview, known, number, _Cells(cells, columns, headers))
    return preview


def _check_header(records: list[tuple[int, list[str]]]) -> tuple[dict[str, int], list[Problem]]:
    """The column of each name the first record gives, and the problems that stop the import
    before any row is read: no records, a column missing, no row below the names."""
    if not records:
        return {}, [Problem(_("The file is empty."))]
    header_row, header = records[0]
    columns = _header_map(header)
    missing = [name for name in COLUMNS if name not in columns]
    if missing:
        message = _("The column is missing. The first row must name the columns %(columns)s.") % {
            "columns": ", ".join(COLUMN_HEADERS.values())
        }
        return columns, [Problem(message, header_row, COLUMN_HEADERS[name]) for name in missing]
    if len(records) == 1:
        return columns, [Problem(_("The file has no services below the column names."))]
    return columns, []


@dataclass(frozen=True)
class _Cells:
    """One record's cells, read by column name (an absent cell reads as empty)."""

    cells: list[str]
    columns: dict[str, int]
    headers: list[str]

    def __getitem__(self, column: str) -> str:
        index = self.columns[column]
        return self.cells[index] if index < len(self.cells) else ""

    def header(self, column: str) -> str:
        """The column's name as the file writes it, for the problems."""
        return self.headers[self.columns[column]].strip()


@dataclass
class _Known:
    """What each row is checked against: the municipality's service areas and services by name
    (whatever the case), and the services named in the rows checked so far."""

    areas: dict[str, ServiceArea]
    services: dict[str, Service]
    seen: dict[str, int] = field(default_factory=dict)
    max_name: int = 200

    @classmethod
    def of(cls, municipality: Municipality) -> _Known:
        areas = ServiceArea.objects.filter(municipality=municipality)
        services = Service.objects.filter(municipality=municipality).select_related("area")
        return cls(
            areas={area.name.casefold(): area for area in areas},
            services={service.name.casefold(): service for service in services},
            max_name=Service._meta.get_field("name").max_length or 200,
        )


def _check_row(preview: ImportPreview, known: _Known, number: int, cells: _Cells) -> None:
    """Check one row: a row without problems joins the preview with its unclassified answers;
    a row with problems adds them instead."""
    area_name, name = cells[AREA], " ".join(cells[SERVICE].split())
    area = known.areas.get(" ".join(area_name.split()).casefold())
    problems = _area_problems(number, area_name, area, cells.header(AREA))
    problems += _name_problems(number, name, known, cells.header(SERVICE))
    answers: dict[str, tuple[str, str]] = {}
    unclassified: list[UnclassifiedAnswer] = []
    for column, (fieldname, level) in LEVEL_COLUMNS.items():
        text = cells[column]
        if not text:
            problems.append(
                Problem(
                    _("The answer is empty. Write Ja, Nei, Usikker or Delvis, or a comment."),
                    number,
                    cells.header(column),
                )
            )
            continue
        answer, comment = read_answer(text)
        answers[fieldname] = (answer, comment)
        if answer == Answer.UNCLASSIFIED:
            unclassified.append(UnclassifiedAnswer(number, name, level, comment))
    if problems:
        preview.problems.extend(problems)
        return
    assert area is not None
    preview.unclassified.extend(unclassified)
    existing = known.services.get(name.casefold())
    preview.rows.append(ImportRow(number, area, name, existing, answers))


def _area_problems(
    number: int, area_name: str, area: ServiceArea | None, header: str
) -> list[Problem]:
    if not area_name:
        return [Problem(_("The service area is empty."), number, header)]
    if area is None:
        message = _(
            "There is no service area “%(name)s”. Create it under Service areas, or correct the "
            "name."
        ) % {"name": area_name}
        return [Problem(message, number, header)]
    return []


def _name_problems(number: int, name: str, known: _Known, header: str) -> list[Problem]:
    """What is wrong with the service's name: empty, too long, or named in an earlier row (a
    good name is remembered for the rows after)."""
    if not name:
        return [Problem(_("The name of the service is empty."), number, header)]
    if len(name) > known.max_name:
        message = _("The name can be at most %(max)s characters long.") % {"max": known.max_name}
        return [Problem(message, number, header)]
    if name.casefold() in known.seen:
        message = _("The service “%(name)s” is also in row %(row)s. Each service once.") % {
            "name": name,
            "row": known.seen[name.casefold()],
        }
        return [Problem(message, number, header)]
    known.seen[name.casefold()] = number
    return []


@transaction.atomic
def import_service_maturity(
    *,
    municipality: Municipality,
    data: bytes,
    assessed_on: date,
    actor: User | None = None,
    source: str = "",
    name: str = "",
) -> ImportResult:
    """Import a service maturity table (``name`` ending .xlsx: a workbook; otherwise CSV) as
    the assessments of ``assessed_on``: services not yet in the catalogue are created in their
    service area (which must exist), and every service of the file gets the assessment of that
    date (an earlier import of the same date is updated).
    All or nothing: ImportRefused (a ValidationError) lists every problem and nothing is
    written. Answers that could not be classified are imported as such and listed in the
    result."""
    preview = check_service_maturity(
        municipality=municipality, data=data, assessed_on=assessed_on, name=name
    )
    if preview.problems:
        raise ImportRefused(preview.problems)
    created = 0
    for row in preview.rows:
        try:
            created += _import_row(row, municipality, assessed_on, actor=actor, source=source)
        except ValidationError as error:
            # What the checks above cannot know (a source too long): the transaction is undone.
            raise ImportRefused(
                [Problem(message, row.row) for message in error.messages]
            ) from error
    return ImportResult(
        services_created=created, assessments=len(preview.rows), unclassified=preview.unclassified
    )


def _import_row(
    row: ImportRow,
    municipality: Municipality,
    assessed_on: date,
    *,
    actor: User | None,
    source: str,
) -> int:
    """Create the row's service if the catalogue lacks it and record its assessment; 1 if the
    service was created, else 0."""
    service = row.existing
    if service is None:
        service = service_create(
            actor=actor, municipality=municipality, name=row.name, area=row.area
        )
    assessment_record(
        actor=actor,
        service=service,
        assessed_on=assessed_on,
        application=row.answers["application"][0],
        application_comment=row.answers["application"][1],
        transfer=row.answers["transfer"][0],
        transfer_comment=row.answers["transfer"][1],
        answer=row.answers["answer"][0],
        answer_comment=row.answers["answer"][1],
        source=source,
        imported=True,
    )
    return 1 if row.existing is None else 0


def new_in_catalogue_text(new: int) -> str:
    """How many of the services imported are new in the catalogue, its own plural ("1 of them
    is new", never "1 nye")."""
    return ngettext(
        "%(new)s of them is new in the catalogue.",
        "%(new)s of them are new in the catalogue.",
        new,
    ) % {"new": new}
