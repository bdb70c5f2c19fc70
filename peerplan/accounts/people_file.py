"""Read a list of people to invite from CSV or Excel: name, email address, job title, role.

Pure: bytes in, rows and row-numbered problems out; nothing is saved here. Bounded: 1 MB, 500 people.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from peerplan.importers.errors import PlanImportError
from peerplan.importers.limits import decode_text, open_zip

from .enums import Role

MAX_BYTES = 1024 * 1024
MAX_PEOPLE = 500
COLUMNS = {
    "name": ("name", "full name", "person"),
    "email": ("email", "email address", "e-mail", "e-mail address"),
    "job_title": ("job title", "title", "position", "post"),
    "role": ("role", "peerplan role"),
}
EXAMPLE = "Name, Email address, Job title, Role"


@dataclass(frozen=True)
class PersonRow:
    row: int
    name: str
    email: str
    job_title: str
    role: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass
class PeopleFile:
    rows: list[PersonRow]
    problems: list[str]


def _role(text: str) -> str | None:
    wanted = " ".join(text.replace("-", " ").split()).lower()
    for role in Role:
        if wanted in {role.value.replace("-", " "), str(role.label).lower(), str(role.label).split(" (")[0].lower()}:
            return role.value
    return None


def _table(data: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        import openpyxl

        open_zip(data, filename, "spreadsheet")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise PlanImportError(f"this spreadsheet cannot be read ({type(exc).__name__})", filename) from None
        sheet = book.worksheets[0]
        table = []
        for values in sheet.iter_rows(values_only=True, max_row=MAX_PEOPLE + 2):
            table.append(["" if v is None else str(v).strip() for v in values])
        book.close()
        return table
    if filename.lower().endswith(".csv"):
        text = decode_text(data, filename)
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))][: MAX_PEOPLE + 2]
    raise PlanImportError("choose a CSV (.csv) or Excel (.xlsx) file", filename)


def read_people(data: bytes, filename: str) -> PeopleFile:
    """The people in the file, or what is wrong with it (each problem names its row)."""
    if not data.strip():
        return PeopleFile([], [f"{filename} is empty"])
    if len(data) > MAX_BYTES:
        return PeopleFile([], [f"{filename} is {len(data) // 1024} KB; the limit is {MAX_BYTES // 1024} KB"])
    try:
        table = [row for row in _table(data, filename) if any(row)]
    except PlanImportError as error:
        return PeopleFile([], [str(error)])
    except csv.Error as error:
        return PeopleFile([], [f"{filename}: this is not a readable CSV file ({error})"])
    if not table:
        return PeopleFile([], [f"{filename} has no rows"])
    header = [" ".join(h.split()).lower().rstrip(":") for h in table[0]]
    where: dict[str, int] = {}
    for key, names in COLUMNS.items():
        found = [i for i, h in enumerate(header) if h in names]
        if found:
            where[key] = found[0]
    missing = [k for k in ("name", "email", "role") if k not in where]
    if missing:
        absent = ", ".join(COLUMNS[k][0].capitalize() for k in missing)
        return PeopleFile([], [f"Row 1 must name the columns ({EXAMPLE}); it has no {absent} column"])
    if len(table) - 1 > MAX_PEOPLE:
        return PeopleFile([], [f"{filename} lists more than {MAX_PEOPLE} people: split it into smaller files"])
    rows: list[PersonRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(table[1:], start=2):
        fields = {k: " ".join(values[i].split()) if i < len(values) else "" for k, i in where.items()}
        person, row_problems = _check_row(number, fields, seen)
        if row_problems:
            problems.append(f"Row {number}: " + "; ".join(row_problems))
        elif person is not None:
            rows.append(person)
    return PeopleFile(rows, problems)


def _check_row(number: int, fields: dict[str, str], seen: dict[str, int]) -> tuple[PersonRow | None, list[str]]:
    name, email, job_title = fields["name"], fields["email"].lower(), fields.get("job_title", "")
    role_text = fields["role"]
    problems = []
    if not name:
        problems.append("the name is missing")
    try:
        validate_email(email)
    except ValidationError:
        problems.append(f"“{email}” is not an email address" if email else "the email address is missing")
    role = _role(role_text)
    if role is None:
        choices = ", ".join(str(r.label).split(" (")[0] for r in Role)
        problems.append(f"the role “{role_text}” is not one of: {choices}" if role_text else "the role is missing")
    if email and email in seen:
        problems.append(f"{email} is also on row {seen[email]}")
    seen.setdefault(email, number)
    if len(name) > 200 or len(job_title) > 200:
        problems.append("a name or job title is longer than 200 characters")
    if problems or role is None:
        return None, problems
    return PersonRow(number, name, email, job_title, role), []
