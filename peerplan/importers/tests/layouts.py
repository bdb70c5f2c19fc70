"""A layout generator for the importer's tests: one small fictional plan rendered in many table layouts
and file formats, with the plan it should import as (interchange JSON), so a test can parse each
rendering and score it against its source.

Layouts vary what councils vary: the order of the columns, the headings (synonyms the importer knows,
words it does not, or none at all), how a recommendation with several actions is written (repeated on
each row, merged down, or a full-width row above its actions), several actions as bullets in one cell
with their dates one a line, a title and intro above the table, notes below it, and the header row
repeated part-way down (as on each page). Formats: text with tabs, Markdown, a row a line split by
' / ', one cell a line ending in ' |', columns set apart by spaces, HTML, Word (python-docx), Excel
(openpyxl), CSV, and PDF made from the Word file by LibreOffice (slow: tests use it for a few fixed
cases only).

Everything here is fictional; no sample's words are used.
"""

from __future__ import annotations

import calendar
import csv
import html
import io
import subprocess
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("ref", "recommendation", "action", "owner", "timescale")

RECOMMENDATIONS = (
    "Develop a shared long-term vision for the borough with partners and residents",
    "Strengthen the medium-term financial strategy so that savings are identified well ahead of need",
    "Improve the way performance information reaches members and is used in decisions",
    "Invest in the skills of middle managers to lead change across the organisation",
    "Review the governance of the council's companies and the role of the shareholder board",
    "Make consultation with residents earlier, clearer and easier to take part in",
    "Set out a clear plan for the regeneration of the town centre with milestones",
    "Build capacity in the programme office to keep major projects on time and budget",
)
ACTIONS = (
    "Hold a series of workshops with partners to draft the vision",
    "Publish the draft vision for public consultation",
    "Refresh the financial strategy with a three-year savings programme",
    "Report budget risks to the cabinet every quarter",
    "Introduce a monthly performance dashboard for all members",
    "Train scrutiny members in the use of performance data",
    "Launch a leadership programme for service managers",
    "Agree a new terms of reference for the shareholder board",
    "Appoint an independent member to each company board",
    "Adopt a consultation charter setting out our standards",
    "Create an online engagement hub for residents",
    "Commission a masterplan for the town centre",
    "Recruit two additional project managers to the programme office",
    "Review the project gateway process and publish it",
    "Set up a residents panel to test proposals early",
    "Agree milestones for each regeneration site with the developer",
)
OWNERS = (
    "Chief Executive",
    "Director of Finance",
    "Head of Policy",
    "Monitoring Officer",
    "Director of Place",
    "Head of Human Resources",
    "Head of Communications",
    "Programme Director",
)
MONTHS = ("March", "June", "September", "December")

KNOWN = {
    "ref": ("Ref", "No.", "Item"),
    "recommendation": ("Recommendation", "Peer challenge recommendation", "Area for improvement", "Finding"),
    "action": ("Action", "Actions", "Action to be taken", "Key actions"),
    "owner": ("Lead officer", "Owner", "Responsible officer"),
    "timescale": ("Timescale", "Target date", "Deadline", "By when"),
}
UNLISTED = {
    "ref": "",
    "recommendation": "What the review said",
    "action": "Our response",
    "owner": "Who will make it happen",
    "timescale": "Complete by",
}
TITLE = "Fictional Borough Council: improvement action plan"
INTRO = "This plan sets out how the council will respond to the review."
NOTE = "Progress on this plan is reported to the cabinet each quarter."


@dataclass
class Step:
    text: str
    owner: str
    timescale: str


@dataclass
class Rec:
    ref: str
    text: str
    steps: list[Step]


@dataclass
class Layout:
    order: tuple[str, ...] = FIELDS  # the columns, left to right (a subset of FIELDS)
    headings: str = "known"  # known | unlisted | none
    synonym: int = 0  # which of the known headings
    recs: str = "repeat"  # repeat | merged (merged down) | full_width (a row above its actions)
    bullets: bool = False  # a recommendation's actions in one row, as bullets, dates one a line
    title: bool = False
    notes: bool = False
    header_again: bool = False

    def describe(self) -> str:
        return (
            f"columns {'/'.join(self.order)}, headings {self.headings}, recommendations {self.recs}"
            f"{', bullets' if self.bullets else ''}{', title' if self.title else ''}"
            f"{', notes' if self.notes else ''}{', header repeated' if self.header_again else ''}"
        )


def make_plan(picks: list[tuple[int, list[tuple[int, int, int]]]]) -> list[Rec]:
    """A plan from indexes into the pools: (recommendation, [(action, owner, month), …]) each."""
    plan = []
    used: set[int] = set()
    for n, (rec, steps) in enumerate(picks, start=1):
        chosen = []
        for wanted, owner, month in steps:
            action = next(
                a % len(ACTIONS) for a in range(wanted, wanted + len(ACTIONS)) if a % len(ACTIONS) not in used
            )
            used.add(action)
            timescale = f"{MONTHS[month % len(MONTHS)]} {2025 + month // len(MONTHS) % 3}"
            chosen.append(Step(ACTIONS[action], OWNERS[owner % len(OWNERS)], timescale))
        plan.append(Rec(str(n), RECOMMENDATIONS[rec % len(RECOMMENDATIONS)], chosen))
    return plan


def _due(timescale: str) -> str:
    month, year = timescale.split()
    number = list(calendar.month_name).index(month)
    return f"{year}-{number:02d}-{calendar.monthrange(int(year), number)[1]:02d}"


def expected(plan: list[Rec], layout: Layout) -> dict[str, Any]:
    """The plan in interchange JSON, as far as the layout shows it (no ref column: no refs)."""
    show_ref = "ref" in layout.order
    return {
        "format": "peerplan.plan/1",
        "recommendations": [
            {
                "ref": rec.ref if show_ref else None,
                "text": rec.text,
                "owners": [],
                "actions": [
                    {
                        "text": s.text,
                        "owners": [s.owner] if "owner" in layout.order else [],
                        "timescale": s.timescale if "timescale" in layout.order else None,
                        "due": _due(s.timescale) if "timescale" in layout.order else None,
                        "actions": [],
                    }
                    for s in rec.steps
                ],
            }
            for rec in plan
        ],
    }


# --- the table, format-free ---------------------------------------------------------------------------
@dataclass
class Cell:
    lines: list[str]
    across: bool = False  # merged across the whole row (a full-width row)
    down: bool = False  # merged with the cell above (written empty, or repeated where merges cannot be drawn)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Grid:
    header: list[str]
    rows: list[list[Cell]]  # the header first
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    repeat_header: bool = False  # Word: the header row repeats at the top of each page
    fields: list[str] = field(default_factory=list)  # what each column holds


def grid(plan: list[Rec], layout: Layout) -> Grid:
    columns = [f for f in layout.order if not (layout.recs == "full_width" and f in ("recommendation", "ref"))]
    if layout.headings == "known":
        header = [KNOWN[f][layout.synonym % len(KNOWN[f])] for f in columns]
    elif layout.headings == "unlisted":
        header = [UNLISTED[f] for f in columns]
    else:
        header = ["" for _ in columns]
    rows: list[list[Cell]] = [] if layout.headings == "none" else [[Cell([h]) for h in header]]
    for n, rec in enumerate(plan):
        if layout.header_again and n == len(plan) // 2 and n and layout.headings != "none":
            rows.append([Cell([h]) for h in header])
        if layout.recs == "full_width":
            label = f"{rec.ref}. {rec.text}" if "ref" in layout.order else rec.text
            rows.append([Cell([label], across=True)] + [Cell([""], across=True) for _ in columns[1:]])
        groups = [rec.steps] if layout.bullets else [[s] for s in rec.steps]
        for k, steps in enumerate(groups):
            values = {
                "ref": [rec.ref],
                "recommendation": [rec.text],
                "action": [f"• {s.text}" for s in steps] if layout.bullets else [steps[0].text],
                "owner": [steps[0].owner],
                "timescale": [s.timescale for s in steps],
            }
            down = k > 0 and layout.recs == "merged"
            rows.append([Cell(values[f], down=down and f in ("ref", "recommendation")) for f in columns])
    return Grid(
        header,
        rows,
        [TITLE, INTRO] if layout.title else [],
        [NOTE] if layout.notes else [],
        repeat_header=layout.header_again and layout.headings != "none",
        fields=columns,
    )


def bullet_plan(plan: list[Rec]) -> list[Rec]:
    """With bullets, a recommendation's actions share one owner (the first one's): a cell has one."""
    return [Rec(r.ref, r.text, [Step(s.text, r.steps[0].owner, s.timescale) for s in r.steps]) for r in plan]


# --- formats ------------------------------------------------------------------------------------------
def _plain(cell: Cell, *, repeat: bool) -> list[str]:
    if cell.down and not repeat:
        return [""]
    return cell.lines


def as_tabs(g: Grid) -> bytes:
    """A row a line, cells split by tabs (bullets cannot be drawn: layouts with bullets are not used)."""
    lines = [*g.before, ""]
    for row in g.rows:
        lines.append("\t".join(" ".join(_plain(c, repeat=False)) for c in row).rstrip("\t"))
    return "\n".join([*lines, "", *g.after, ""]).encode()


def as_markdown(g: Grid) -> bytes:
    lines = [f"# {g.before[0]}", "", *g.before[1:], ""] if g.before else []
    for n, row in enumerate(g.rows):
        lines.append("| " + " | ".join("<br>".join(_plain(c, repeat=False)) for c in row) + " |")
        if n == 0:
            lines.append("|" + "|".join("---" for _ in row) + "|")
    return "\n".join([*lines, "", *g.after, ""]).encode()


def as_slashes(g: Grid) -> bytes:
    """A row a line with cells split by ' / ' (a merged cell is repeated: text has no merges); a
    full-width row is its text alone."""
    lines = [*g.before, ""]
    for row in g.rows:
        if row[0].across:
            lines.append(row[0].text)
        else:
            lines.append(" / ".join(" ".join(_plain(c, repeat=True)) for c in row))
    return "\n".join([*lines, "", *g.after, ""]).encode()


def as_pipes(g: Grid) -> bytes:
    """One cell a line (long cells wrapped over several), each ending in ' |'; a full-width row is
    one cell followed by empty ones."""
    lines = [*g.before, ""]
    for row in g.rows:
        for cell in row:
            text = " ".join(_plain(cell, repeat=False))
            wrapped = textwrap.wrap(text, 40) or [""]
            lines.extend(wrapped[:-1])
            lines.append(f"{wrapped[-1]} |".lstrip())
    return "\n".join([*lines, "", *g.after, ""]).encode()


SPACED_WIDTHS = {"ref": 6, "recommendation": 36, "action": 34, "owner": 24, "timescale": 16}


def as_spaced(g: Grid) -> bytes:
    """Columns set apart by spaces, each cell wrapped to its column's width, as `pdftotext -layout`
    writes a table (a merged cell is left empty; a full-width row is its text alone)."""
    widths = [max(SPACED_WIDTHS[f], len(h) + 2) for f, h in zip(g.fields, g.header, strict=True)]
    lines = [*g.before, ""]
    for row in g.rows:
        if row[0].across:
            lines.append(row[0].text)
            continue
        wrapped = [
            textwrap.wrap(" ".join(_plain(c, repeat=False)), w - 2) or [""] for c, w in zip(row, widths, strict=True)
        ]
        for k in range(max(len(w) for w in wrapped)):
            parts = [(w[k] if k < len(w) else "").ljust(width) for w, width in zip(wrapped, widths, strict=True)]
            lines.append("".join(parts).rstrip())
    return "\n".join([*lines, "", *g.after, ""]).encode()


def as_html(g: Grid) -> bytes:
    out = [f"<h1>{html.escape(g.before[0])}</h1>"] if g.before else []
    out.extend(f"<p>{html.escape(p)}</p>" for p in g.before[1:])
    out.append("<table>")
    for r, row in enumerate(g.rows):
        if row[0].across:
            out.append(f'<tr><td colspan="{len(row)}">{html.escape(row[0].text)}</td></tr>')
            continue
        tag = "th" if r == 0 and g.header[0] == row[0].text else "td"
        cells = []
        for c, cell in enumerate(row):
            if cell.down:
                continue
            span = 1
            while r + span < len(g.rows) and g.rows[r + span][c].down:
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            if any(line.startswith("• ") for line in cell.lines):
                inner = "<ul>" + "".join(f"<li>{html.escape(line[2:])}</li>" for line in cell.lines) + "</ul>"
            else:
                inner = "<br>".join(html.escape(line) for line in cell.lines)
            cells.append(f"<{tag}{attr}>{inner}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    out.extend(f"<p>{html.escape(p)}</p>" for p in g.after)
    return ("<!doctype html><html><body>" + "\n".join(out) + "</body></html>").encode()


def as_docx(g: Grid) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(1.5)
    if g.before:
        document.add_heading(g.before[0], 1)
        for text in g.before[1:]:
            document.add_paragraph(text)
    table = document.add_table(rows=len(g.rows), cols=len(g.header))
    table.style = "Table Grid"
    for r, row in enumerate(g.rows):
        for c, cell in enumerate(row):
            if cell.down or (cell.across and c > 0):
                continue
            target = table.cell(r, c)
            target.text = cell.lines[0]
            for line in cell.lines[1:]:
                target.add_paragraph(line)
        if row[0].across:
            table.cell(r, 0).merge(table.cell(r, len(row) - 1))
        for c, cell in enumerate(row):
            if cell.down:
                top = r
                while g.rows[top][c].down:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
    if g.repeat_header:
        from docx.oxml import OxmlElement

        properties = table.rows[0]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:tblHeader"))
    for text in g.after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_xlsx(g: Grid) -> bytes:
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action plan"
    for text in g.before:
        sheet.append([text])
    first = sheet.max_row + 1 if g.before else 1
    for r, row in enumerate(g.rows):
        sheet.append([None if cell.down or (cell.across and c) else cell.text for c, cell in enumerate(row)])
        at = first + r
        if row[0].across:
            sheet.merge_cells(f"A{at}:{get_column_letter(len(row))}{at}")
        for c, cell in enumerate(row):
            if cell.down and not (r + 1 < len(g.rows) and g.rows[r + 1][c].down):
                top = r
                while g.rows[top][c].down:
                    top -= 1
                letter = get_column_letter(c + 1)
                sheet.merge_cells(f"{letter}{first + top}:{letter}{at}")
    for text in g.after:
        sheet.append([text])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_csv(g: Grid) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for text in g.before:
        writer.writerow([text])
    for row in g.rows:
        writer.writerow(["\n".join(_plain(c, repeat=False)) for c in row])
    for text in g.after:
        writer.writerow([text])
    return out.getvalue().encode()


def as_pdf(g: Grid, soffice: str) -> bytes:
    """The Word rendering converted by LibreOffice (a second or more each: use sparingly)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "plan.docx"
        source.write_bytes(as_docx(g))
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        subprocess.run(  # noqa: S603 - soffice found by the test, on a file the test wrote
            [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(tmp) / "plan.pdf").read_bytes()


RENDERERS = {
    "txt-tabs": (as_tabs, "plan.txt"),
    "md": (as_markdown, "plan.md"),
    "txt-slashes": (as_slashes, "plan.txt"),
    "txt-pipes": (as_pipes, "plan.txt"),
    "txt-spaced": (as_spaced, "plan.txt"),
    "html": (as_html, "plan.html"),
    "docx": (as_docx, "plan.docx"),
    "xlsx": (as_xlsx, "plan.xlsx"),
    "csv": (as_csv, "plan.csv"),
}
# formats that cannot draw a cell of several lines (bullets) in a row
ONE_LINE_ROWS = {"txt-tabs", "txt-slashes", "txt-pipes", "txt-spaced"}


def render(plan: list[Rec], layout: Layout, fmt: str) -> tuple[bytes, str, dict[str, Any]]:
    """The file's bytes, its name and the plan it should import as."""
    if layout.bullets:
        plan = bullet_plan(plan)
    make, name = RENDERERS[fmt]
    return make(grid(plan, layout)), name, expected(plan, layout)
