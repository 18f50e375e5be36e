"""Import of a service maturity table: one row per service with its service area and the answers
for the three levels, as the audit's table 2 (``service-maturity-stavanger-2021.csv``) has them.

The file is read whole and checked before anything is written: every problem is reported by row
and column, and one bad row means nothing is imported. Answers are read as people wrote them:
text beginning with "Ja", "Nei", "Usikker" or "Delvis" is yes, no, unsure or partly (the full text
kept as the comment when it says more), and any other text is kept, not classified, for a person to
read; such answers are reported, not refused."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.maturity.models import Answer, MaturityLevel, Service, ServiceArea
from helhet.maturity.services.assessments import assessment_record
from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from helhet.portfolio.exchange import Problem

# The columns, by their names in the file; Norwegian names are accepted too.
AREA, SERVICE = "service_area", "service"
LEVEL_COLUMNS = {
    "electronic_application": ("application", MaturityLevel.ELECTRONIC_APPLICATION),
    "electronic_transfer": ("transfer", MaturityLevel.ELECTRONIC_TRANSFER),
    "electronic_answer": ("answer", MaturityLevel.ELECTRONIC_ANSWER),
}
COLUMNS = (AREA, SERVICE, *LEVEL_COLUMNS)
ALIASES = {
    "tjenesteområde": AREA,
    "tjeneste": SERVICE,
    "elektronisk søknad": "electronic_application",
    "elektronisk overføring": "electronic_transfer",
    "elektronisk svar": "electronic_answer",
}

# The words an answer may begin with, and what they mean.
ANSWER_WORDS = (
    ("ja", Answer.YES),
    ("nei", Answer.NO),
    ("usikker", Answer.UNSURE),
    ("delvis", Answer.PARTLY),
)

# The characters other than ASCII that a Norwegian file saved as Windows-1252 holds: letters of
# the Nordic and Western European languages and Excel's typographic punctuation. A file in
# another encoding read as Windows-1252 shows others (Mac Roman's ø comes out as "¿").
PLAUSIBLE_CP1252 = frozenset(
    "æøåÆØÅäöüÄÖÜéèêëÉÈÊáàâÁÀóòôÓÒúùÚíìÍçÇñÑß–—‘’‚“”„«»…•·§°½¼¾€£©®™\u00a0\u00ad"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


class FileUnreadable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _unreadable_characters() -> str:
    return _(
        "The characters in the file could not be read. Save it as “CSV UTF-8” in Excel and "
        "import it again."
    )


def decode(data: bytes) -> str:
    """The file's text: UTF-8 with or without a byte order mark, or Windows-1252 (what
    Norwegian Excel saves as plain "CSV") when the text then reads as Norwegian. Anything else
    is refused with FileUnreadable rather than imported with garbled letters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise FileUnreadable(_unreadable_characters()) from error
        if any(ord(char) > 127 and char not in PLAUSIBLE_CP1252 for char in text):
            raise FileUnreadable(_unreadable_characters()) from None
    if _CONTROL.search(text):
        raise FileUnreadable(_unreadable_characters())
    return text


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """The records of the CSV text, numbered from 1, separated by comma, semicolon (Norwegian
    Excel) or tab, whichever the first line has most of."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [
            (number, [cell.strip() for cell in cells]) for number, cells in enumerate(reader, 1)
        ]
    except csv.Error as error:
        raise FileUnreadable(
            _("The file could not be read as CSV. Save it as “CSV UTF-8” in Excel and try again.")
        ) from error


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


def check_service_maturity(
    *, municipality: Municipality, data: bytes, assessed_on: date | None = None
) -> ImportPreview:
    """Read and check the file without writing anything: the services it would create or
    assess, the answers it cannot classify, and every problem by row and column."""
    preview = ImportPreview()
    if assessed_on is not None and assessed_on > timezone.localdate():
        preview.problems.append(Problem(_("The date of the assessment cannot be in the future.")))
    try:
        records = [(n, cells) for n, cells in _rows(decode(data)) if any(cells)]
    except FileUnreadable as unreadable:
        preview.problems.append(Problem(unreadable.message))
        return preview
    if not records:
        preview.problems.append(Problem(_("The file is empty.")))
        return preview
    header_row, header = records[0]
    columns = _header_map(header)
    missing = [name for name in COLUMNS if name not in columns]
    for name in missing:
        preview.problems.append(
            Problem(
                _("The column is missing. The first row must name the columns %(columns)s.")
                % {"columns": ", ".join(COLUMNS)},
                header_row,
                name,
            )
        )
    if missing:
        return preview
    if len(records) == 1:
        preview.problems.append(Problem(_("The file has no services below the column names.")))
        return preview

    areas = {
        area.name.casefold(): area for area in ServiceArea.objects.filter(municipality=municipality)
    }
    existing = {
        service.name.casefold(): service
        for service in Service.objects.filter(municipality=municipality).select_related("area")
    }
    seen: dict[str, int] = {}
    max_name = Service._meta.get_field("name").max_length or 200
    for number, cells in records[1:]:

        def cell(column: str, cells: list[str] = cells) -> str:
            index = columns[column]
            return cells[index] if index < len(cells) else ""

        row_problems: list[Problem] = []
        area_name, name = cell(AREA), " ".join(cell(SERVICE).split())
        area = areas.get(" ".join(area_name.split()).casefold())
        if not area_name:
            row_problems.append(Problem(_("The service area is empty."), number, AREA))
        elif area is None:
            row_problems.append(
                Problem(
                    _(
                        "There is no service area “%(name)s”. Create it under Service areas, "
                        "or correct the name."
                    )
                    % {"name": area_name},
                    number,
                    AREA,
                )
            )
        if not name:
            row_problems.append(Problem(_("The name of the service is empty."), number, SERVICE))
        elif len(name) > max_name:
            row_problems.append(
                Problem(
                    _("The name can be at most %(max)s characters long.") % {"max": max_name},
                    number,
                    SERVICE,
                )
            )
        elif name.casefold() in seen:
            row_problems.append(
                Problem(
                    _("The service “%(name)s” is also in row %(row)s. Each service once.")
                    % {"name": name, "row": seen[name.casefold()]},
                    number,
                    SERVICE,
                )
            )
        else:
            seen[name.casefold()] = number
        answers: dict[str, tuple[str, str]] = {}
        unclassified: list[UnclassifiedAnswer] = []
        for column, (fieldname, level) in LEVEL_COLUMNS.items():
            text = cell(column)
            if not text:
                row_problems.append(
                    Problem(
                        _("The answer is empty. Write Ja, Nei, Usikker or Delvis, or a comment."),
                        number,
                        column,
                    )
                )
                continue
            answer, comment = read_answer(text)
            answers[fieldname] = (answer, comment)
            if answer == Answer.UNCLASSIFIED:
                unclassified.append(UnclassifiedAnswer(number, name, level, comment))
        if row_problems:
            preview.problems.extend(row_problems)
            continue
        assert area is not None
        preview.unclassified.extend(unclassified)
        preview.rows.append(ImportRow(number, area, name, existing.get(name.casefold()), answers))
    return preview


@transaction.atomic
def import_service_maturity(
    *,
    municipality: Municipality,
    data: bytes,
    assessed_on: date,
    actor: User | None = None,
    source: str = "",
) -> ImportResult:
    """Import a service maturity table as the assessments of ``assessed_on``: services not yet
    in the catalogue are created in their service area (which must exist), and every service of
    the file gets the assessment of that date (an earlier import of the same date is updated).
    All or nothing: ImportRefused (a ValidationError) lists every problem and nothing is
    written. Answers that could not be classified are imported as such and listed in the
    result."""
    preview = check_service_maturity(municipality=municipality, data=data, assessed_on=assessed_on)
    if preview.problems:
        raise ImportRefused(preview.problems)
    created = 0
    for row in preview.rows:
        try:
            service = row.existing
            if service is None:
                service = service_create(
                    actor=actor, municipality=municipality, name=row.name, area=row.area
                )
                created += 1
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
        except ValidationError as error:
            # What the checks above cannot know (a source too long): the transaction is undone.
            raise ImportRefused(
                [Problem(message, row.row) for message in error.messages]
            ) from error
    return ImportResult(
        services_created=created, assessments=len(preview.rows), unclassified=preview.unclassified
    )
