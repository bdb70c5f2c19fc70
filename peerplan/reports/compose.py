"""Write the committee report's content from a snapshot and a cover: sections, figures, tables.

Pure: no database, no clock. The three kinds (progress report, position statement, exception report)
are composed here once, and every format renders the resulting ReportDocument.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from peerplan.plans.enums import ActionStatus
from peerplan.plans.figures import Figures, Headline, figures_of
from peerplan.shared.dates import date_range, long_date

from .changes import Changes, RagMove, changes_between
from .cover import Cover
from .document import (
    Appendix,
    Bar,
    Block,
    Bullets,
    Cell,
    Chart,
    Column,
    Paragraph,
    RagStyle,
    ReportDocument,
    Row,
    Section,
    Subheading,
    Table,
)
from .enums import ReportKind
from .layouts import DEFAULT_LAYOUT, layout_get, owners_text, progress_cell, rag_cell
from .sections import (
    EXCEPTION_REPORT_SECTIONS,
    TO_BE_COMPLETED,
    ImplicationsAs,
    SectionKey,
    cross_reference,
    section_title,
)
from .snapshot import ActionRow, RecommendationRow, Snapshot

NOT_RATED_COLOUR = "#f3f2f1"
CLOSED_COLOUR = "#505a5f"  # GOV.UK dark grey: closed without completion has no RAG colour of its own
SOON_DAYS = 92  # "coming up": about one quarter ahead of the report's date
NO_EXCEPTIONS = "No action is rated red or amber, and none is overdue."  # the exceptions section and appendix
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # a blank line between two paragraphs an author wrote


@dataclass(frozen=True)
class ReportInput:
    """Everything a renderer needs; with the snapshot stored, it reproduces an issued report exactly."""

    snapshot: Snapshot
    cover: Cover
    kind: str = ReportKind.PROGRESS
    layout: str = DEFAULT_LAYOUT
    previous: Snapshot | None = None

    @property
    def changes(self) -> Changes:
        return changes_between(self.previous, self.snapshot)

    def actions(self) -> list[ActionRow]:
        """The actions this kind of report lists: all of them, or only the exceptions."""
        if self.kind == ReportKind.EXCEPTIONS:
            return [a for a in self.snapshot.actions if a.is_exception]
        return self.snapshot.actions


# --- figures --------------------------------------------------------------------------------------------------------


def summarise(actions: list[ActionRow]) -> Figures:
    """The figures for these actions, by the one definition in `peerplan.plans.figures`."""
    return figures_of((a.status, a.rag, a.overdue) for a in actions)


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _action_line(action: ActionRow) -> str:
    """The action's ref and its words exactly as written: the plan's (and the peers') wording is never cut."""
    return f"{action.ref} {action.text}".strip()


class _Numberer:
    """Numbers a section's paragraphs 4.1, 4.2 … as committee reports do."""

    def __init__(self, section: int) -> None:
        self.section, self.count = section, 0

    def __call__(self, text: str, *, bold_lead: str = "") -> Paragraph:
        self.count += 1
        return Paragraph(text, number=f"{self.section}.{self.count}", bold_lead=bold_lead)


# --- blocks shared by the kinds -------------------------------------------------------------------------------------


def _rag_label(snapshot: Snapshot, rating: str) -> str:
    label = snapshot.rag_label(rating) if rating else None
    return label.label if label else "Not rated"


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)}%" if total else "0%"


def headline_colour(snapshot: Snapshot, headline: Headline) -> str:
    label = snapshot.rag_label(headline.rating)
    return label.colour if label else CLOSED_COLOUR


def summary_blocks(report: ReportInput, number: _Numberer) -> list[Block]:
    """The sentence, the chart and the three tables: each adds up to the same total, and the key says why."""
    snapshot = report.snapshot
    f = summarise(snapshot.actions)
    blocks: list[Block] = [
        number(f"As at {long_date(snapshot.as_of)} the plan has {_plural(f.total, 'action')}: {f.sentence()}."),
        number(
            "Each action is counted once, under the first of these positions that applies; the key in the table "
            "says what each means."
        ),
        Chart(
            "Actions by position",
            tuple(
                Bar(str(h.label), count, headline_colour(snapshot, h), h.rating if h != Headline.CLOSED else "")
                for h, count in f.by_headline
            ),
        ),
        Table(
            (
                Column("Position", 40),
                Column("What it means", 85),
                Column("Actions", 22, True),
                Column("Share", 22, True),
            ),
            (
                *(
                    Row(
                        (Cell(str(h.label), bold=True), Cell(h.meaning), Cell(str(count)), Cell(_share(count, f.total)))
                    )
                    for h, count in f.by_headline
                ),
                Row((Cell("Total", bold=True), Cell(""), Cell(str(f.total), bold=True), Cell(""))),
            ),
            caption="Actions by position (the chart's figures)",
        ),
        number(
            "The RAG ratings below are those the lead officers last gave, for every action including complete "
            "ones. They are a separate measure from the positions above: an overdue action may still be rated "
            "green, and an action with no update has no rating."
        ),
    ]
    rag_rows = []
    for rating, count in f.by_rag:
        label = snapshot.rag_label(rating) if rating else None
        if rating and label is None:
            continue
        rag_rows.append(
            Row(
                (
                    Cell(label.label if label else "Not rated", rag=rating, bold=bool(rating)),
                    Cell(label.meaning if label else "No rating given yet"),
                    Cell(str(count)),
                    Cell(_share(count, f.total)),
                )
            )
        )
    blocks.append(
        Table(
            (Column("RAG rating", 35), Column("Meaning", 85), Column("Actions", 25, True), Column("Share", 25, True)),
            (*rag_rows, Row((Cell("Total", bold=True), Cell(""), Cell(str(f.total), bold=True), Cell("")))),
            caption="RAG ratings given by lead officers (all actions)",
        )
    )
    status_rows = [Row((Cell(str(status.label)), Cell(str(count)))) for status, count in f.by_status]
    blocks.append(
        Table(
            (Column("Status", 120), Column("Actions", 50, True)),
            (*status_rows, Row((Cell("Total", bold=True), Cell(str(f.total), bold=True)))),
            caption="Actions by status",
        )
    )
    return blocks


def changes_blocks(report: ReportInput, number: _Numberer) -> list[Block]:
    changes = report.changes
    snapshot = report.snapshot
    if changes.is_first_report:
        return [number("This is the first report on the plan, so there is no earlier report to compare with.")]
    blocks: list[Block] = [
        number(f"Since the last report, which showed the plan as at {long_date(changes.previous_as_of)}:")
    ]
    if not changes.any:
        blocks.append(number("No rating, status or date has changed."))
        return blocks

    def rag_moves(moves: tuple[RagMove, ...]) -> Bullets:
        return Bullets(
            tuple(
                f"{_action_line(m.action)}: "
                f"{_rag_label(snapshot, str(m.before or ''))} → {_rag_label(snapshot, str(m.after or ''))}"
                for m in moves
            )
        )

    parts: list[tuple[str, Block | None]] = [
        (
            f"{_plural(len(changes.completed), 'action')} completed",
            Bullets(tuple(_action_line(a) for a in changes.completed)),
        ),
        (f"{_plural(len(changes.improved), 'rating')} improved", rag_moves(changes.improved)),
        (f"{_plural(len(changes.worsened), 'rating')} worsened", rag_moves(changes.worsened)),
        (
            f"{_plural(len(changes.newly_overdue), 'action')} newly overdue",
            Bullets(tuple(f"{_action_line(a)}: due {long_date(a.due)}" for a in changes.newly_overdue)),
        ),
        (
            f"{_plural(len(changes.dates_revised), 'due date')} revised",
            Bullets(
                tuple(
                    f"{_action_line(r.action)}: "
                    f"{long_date(_day(r.before)) or 'no date'} → {long_date(_day(r.after)) or 'no date'}"
                    for r in changes.dates_revised
                )
            ),
        ),
        (
            f"{_plural(len(changes.new_actions), 'new action')} added",
            Bullets(tuple(_action_line(a) for a in changes.new_actions)),
        ),
        (
            f"{_plural(len(changes.removed_actions), 'action')} removed from the plan",
            Bullets(tuple(_action_line(a) for a in changes.removed_actions)),
        ),
    ]
    for lead, bullets in parts:
        if isinstance(bullets, Bullets) and bullets.items:
            blocks.append(number(f"{lead}:"))
            blocks.append(bullets)
    return blocks


def exceptions_table(report: ReportInput) -> Table | None:
    snapshot = report.snapshot
    rows = []
    for action in snapshot.actions:
        if not action.is_exception:
            continue
        due = Cell(long_date(action.due) or action.timescale, note="Overdue" if action.overdue else "")
        if action.revised:
            due = Cell(
                long_date(action.due),
                note=f"Revised from {long_date(action.original_due)}" + ("; overdue" if action.overdue else ""),
            )
        rows.append(
            Row(
                (
                    Cell(action.ref, bold=True),
                    Cell(action.text),
                    Cell(owners_text(action)),
                    due,
                    rag_cell(snapshot, action),
                    progress_cell(action),
                )
            )
        )
    if not rows:
        return None
    return Table(
        (
            Column("Ref", 13),
            Column("Action", 62),
            Column("Responsible", 30),
            Column("Due", 26),
            Column("RAG", 18),
            Column("Latest commentary", 118),
        ),
        tuple(rows),
        caption="Actions rated red or amber, or overdue",
        landscape=True,
    )


def exceptions_blocks(report: ReportInput, number: _Numberer) -> list[Block]:
    table = exceptions_table(report)
    if table is None:
        return [number(NO_EXCEPTIONS)]
    count = len(table.rows)
    return [
        number(
            f"{_plural(count, 'action')} {'is' if count == 1 else 'are'} rated red or amber or overdue. "
            "Each is listed below with the lead officer's latest commentary and, where agreed, its revised date."
        ),
        table,
    ]


def next_steps_blocks(report: ReportInput, number: _Numberer, refs: Mapping[str, str]) -> list[Block]:
    snapshot, cover = report.snapshot, report.cover
    blocks: list[Block] = [
        number(
            cross_reference(cover.next_steps, refs)
            or "Lead officers will continue to deliver the plan and will update each action at the end of the "
            "next reporting period; progress will be reported again then."
        )
    ]
    horizon = snapshot.as_of + timedelta(days=SOON_DAYS)
    due_soon = [a for a in snapshot.actions if not a.is_closed and a.due and snapshot.as_of <= a.due <= horizon]
    if due_soon:
        verb = "falls" if len(due_soon) == 1 else "fall"
        blocks.append(number(f"{_plural(len(due_soon), 'action')} {verb} due by {long_date(horizon)}:"))
        blocks.append(Bullets(tuple(f"{_action_line(a)}: due {long_date(a.due)}" for a in due_soon)))
    coming = [c for c in snapshot.clock if c.met_on is None]
    if coming:
        blocks.append(
            number(
                "The LGA's timetable for the peer challenge, counted from the end of the peer team's visit on "
                f"{long_date(snapshot.visit_end)}, sets these deadlines still to be met:"
            )
        )
        blocks.append(
            Table(
                (Column("Milestone", 100), Column("Due", 40), Column("Position", 30)),
                tuple(Row((Cell(c.label), Cell(long_date(c.due)), Cell(c.state_label))) for c in coming),
                caption="Coming deadlines on the CPC timetable",
            )
        )
    return blocks


def implications_blocks(cover: Cover, number: _Numberer, numbers: dict[str, str]) -> list[Block]:
    """Each implication a numbered sub-section: "11.1 Financial implications", its text under it (the heading's
    number is the paragraph's, so it is not numbered again); cross-references computed."""
    blocks: list[Block] = []
    for implication in cover.implications:
        number.count += 1  # after any opening note
        blocks.append(Subheading(f"{number.section}.{number.count} {implication.title}"))
        blocks.append(Paragraph(_text(cover, implication.text, numbers), aligned=True))
    return blocks


def background_blocks(snapshot: Snapshot, cover: Cover, number: _Numberer, refs: Mapping[str, str]) -> list[Block]:
    recs = snapshot.recommendations
    key = sum(1 for r in recs if r.is_key)
    is_cpc = snapshot.review_kind.endswith("peer-challenge")
    when = ""
    if snapshot.visit_start and snapshot.visit_end and snapshot.visit_start != snapshot.visit_end:
        when = f" from {date_range(snapshot.visit_start, snapshot.visit_end)}"
    elif snapshot.visit_end:
        when = f" on {long_date(snapshot.visit_end)}"
    if is_cpc:
        opening = (
            f"{snapshot.organisation} invited a {snapshot.review_kind_label.lower()} from the Local Government "
            "Association (LGA)."
        )
        if when:
            opening += f" The peer team was on site{when}."
    elif when:
        opening = f"The {snapshot.review_title} ({snapshot.review_kind_label.lower()}) took place{when}."
    else:  # no dates: "took place." alone reads as a sentence cut short
        opening = f"This report follows the {snapshot.review_title} ({snapshot.review_kind_label.lower()})."
    if snapshot.feedback_report_date:
        # "Feedback report" is the LGA's word for a peer challenge's; audits and inspections make a report.
        opening += (
            f" Its {'feedback report' if is_cpc else 'report'} was received on "
            f"{long_date(snapshot.feedback_report_date)}."
        )
    blocks: list[Block] = [number(opening)]
    if snapshot.peer_team:
        blocks.append(number("The peer team was:"))
        blocks.append(
            Bullets(tuple(", ".join(p for p in (m.name, m.role, m.organisation) if p) for m in snapshot.peer_team))
        )
    if snapshot.themes:
        blocks.append(number(f"The review looked at {_plural(len(snapshot.themes), 'theme')}:"))
        blocks.append(Bullets(snapshot.themes))
    made = f"The review made {_plural(len(recs), 'recommendation')}"
    if key:
        made += ", one of them a key recommendation" if key == 1 else f", {key} of them key recommendations"
    made += f". The council's action plan answers them with {_plural(len(snapshot.actions), 'action')}"
    made += f", approved on {long_date(snapshot.plan_approved_on)}." if snapshot.plan_approved_on else "."
    blocks.append(number(made))
    if cover.background:
        blocks.append(number(cross_reference(cover.background, refs)))
    return blocks


def appendix_tables(report: ReportInput) -> tuple[Table, ...]:
    """The action plan in the chosen layout: one table per recommendation, each with its header row.

    Many small tables rather than one of a thousand rows: Word and WeasyPrint lay out and paginate each
    table on its own, so the time grows with the plan rather than faster than it.
    """
    recs: list[RecommendationRow] = list(report.snapshot.recommendations)
    if report.kind == ReportKind.EXCEPTIONS:
        wanted = {a.id for a in report.actions()}
        recs = [
            RecommendationRow(**{**r.__dict__, "actions": tuple(a for a in r.actions if a.id in wanted)})
            for r in recs
            if any(a.id in wanted for a in r.actions)
        ]
    layout = layout_get(report.layout)
    return tuple(layout.build(report.snapshot, [rec]) for rec in recs)


def appendix_blocks(report: ReportInput) -> tuple[Block, ...]:
    """The RAG key and the plan's tables; with nothing to list, a sentence that says so rather than an empty table."""
    tables = appendix_tables(report)
    if tables:
        return (rag_key(report.snapshot), *tables)
    if report.kind == ReportKind.EXCEPTIONS:
        return (Paragraph(NO_EXCEPTIONS),)
    return (Paragraph("The action plan has no recommendations yet."),)


def rag_key(snapshot: Snapshot) -> Paragraph:
    return Paragraph("RAG key: " + "; ".join(f"{label.label} — {label.meaning}" for label in snapshot.rag_labels))


def recommendation_blocks(cover: Cover, sentence: str, number: _Numberer, refs: Mapping[str, str]) -> list[Block]:
    """The recommendations as the author wrote them, a numbered paragraph each; else the sentence made from
    what members are asked to do."""
    written = [part.strip() for part in _PARAGRAPH_BREAK.split(cover.recommendations) if part.strip()]
    return [number(cross_reference(part, refs)) for part in written] if written else [number(sentence)]


def _meeting(cover: Cover) -> str:
    return cover.meeting or "Members"


def _header(report: ReportInput, appendix_title: str) -> tuple[tuple[str, str], ...]:
    cover, snapshot = report.cover, report.snapshot
    contact = "\n".join(p for p in (cover.contact_officer, cover.contact_details) if p)
    rows = (
        ("Meeting", cover.meeting),
        ("Date", long_date(cover.meeting_date)),
        ("Subject", cover.subject or default_subject(report)),
        ("Report of", cover.report_of),
        ("Wards affected", cover.wards_affected),
        ("Key decision", cover.key_decision),
        ("Budget/Policy Framework", cover.budget_policy_framework),
        ("Contact officer", contact),
        ("Appendices", f"1. {appendix_title}"),
        ("Position as at", long_date(snapshot.as_of)),
    )
    # A row with no value stays, visibly: a clerk sees what is missing before the report is published.
    return tuple((label, value.strip() or TO_BE_COMPLETED) for label, value in rows)


def default_subject(report: ReportInput) -> str:
    kind = ReportKind(report.kind)
    return f"{report.snapshot.review_title}: {kind.label.lower()}"


def _rag_styles(snapshot: Snapshot) -> tuple[RagStyle, ...]:
    return tuple(RagStyle(r.rating, r.label, r.colour, r.text_colour) for r in snapshot.rag_labels)


# --- the three kinds ------------------------------------------------------------------------------------------------


def _text(cover: Cover, text: str, numbers: dict[str, str]) -> str:
    return cross_reference(text, numbers).strip() or TO_BE_COMPLETED


Builder = Callable[[_Numberer, dict[str, str]], list[Block]]


def _paragraph_of(cover: Cover, text: str) -> Builder:
    """A section that is one numbered paragraph of this text, its references computed."""
    return lambda n, refs: [n(_text(cover, text, refs))]


def _sections(report: ReportInput, builders: dict[str, Builder]) -> tuple[Section, ...]:
    """The council's sections in its order (those this kind has), under its titles, numbered 1, 2 … with
    paragraphs 1.1, 1.2 …; implications as sub-sections of one section or each a section of its own."""
    cover = report.cover
    order = [key for key in cover.sections if key in builders]
    if not cover.implications and SectionKey.IMPLICATIONS in order:
        order.remove(SectionKey.IMPLICATIONS)
    # Each entry is one numbered section: (section key, title, what writes its blocks).
    entries: list[tuple[str, str, Builder]] = []
    for key in order:
        if key == SectionKey.IMPLICATIONS and cover.implications_as == ImplicationsAs.SECTIONS:
            entries += [(key, i.title, _paragraph_of(cover, i.text)) for i in cover.implications]
        else:
            entries.append((key, section_title(key, cover.section_titles), builders[key]))
    numbers: dict[str, str] = {}
    for index, (key, _, _) in enumerate(entries, start=1):
        numbers.setdefault(key, str(index))  # a reference to the implications is to the first of them
    sections = []
    for index, (key, title, build) in enumerate(entries, start=1):
        number = _Numberer(index)
        note = cover.section_notes.get(key, "").strip() if numbers[key] == str(index) else ""
        blocks = ([number(cross_reference(note, numbers))] if note else []) + build(number, numbers)
        sections.append(Section(str(index), title, tuple(blocks)))
    return tuple(sections)


def _common_builders(report: ReportInput) -> dict[str, Builder]:
    cover = report.cover
    return {
        SectionKey.ALTERNATIVE_OPTIONS: lambda n, refs: [n(_text(cover, cover.alternative_options, refs))],
        SectionKey.REASONS: lambda n, refs: [n(_text(cover, cover.reasons, refs))],
        SectionKey.CONSULTATION: lambda n, refs: [n(_text(cover, cover.consultation, refs))],
        SectionKey.IMPLICATIONS: lambda n, refs: implications_blocks(cover, n, refs),
        SectionKey.BACKGROUND_PAPERS: lambda n, refs: [n(_text(cover, cover.background_papers, refs))],
    }


def compose_progress(report: ReportInput) -> ReportDocument:
    snapshot, cover = report.snapshot, report.cover
    appendix_title = f"Action plan: progress as at {long_date(snapshot.as_of)}"
    purpose = cover.purpose or (
        f"To update {_meeting(cover)} on progress with the action plan agreed in response to the "
        f"{snapshot.review_title}, as at {long_date(snapshot.as_of)}, and to present the plan at Appendix 1."
    )
    recommendation = (
        f"{_meeting(cover)} {'are' if not cover.meeting else 'is'} asked to {cover.recommendation_wording} made "
        "against the action plan, as set out in this report and Appendix 1."
    )
    builders: dict[str, Builder] = {
        SectionKey.PURPOSE: lambda n, refs: [n(_text(cover, purpose, refs))],
        SectionKey.RECOMMENDATIONS: lambda n, refs: recommendation_blocks(cover, recommendation, n, refs),
        SectionKey.BACKGROUND: lambda n, refs: background_blocks(snapshot, cover, n, refs),
        SectionKey.PROGRESS: lambda n, refs: summary_blocks(report, n),
        SectionKey.CHANGES: lambda n, refs: changes_blocks(report, n),
        SectionKey.EXCEPTIONS: lambda n, refs: exceptions_blocks(report, n),
        SectionKey.NEXT_STEPS: lambda n, refs: next_steps_blocks(report, n, refs),
        **_common_builders(report),
    }
    appendix = Appendix(1, appendix_title, appendix_blocks(report))
    return ReportDocument(
        title=cover.subject or default_subject(report),
        organisation=snapshot.organisation,
        kind=report.kind,
        as_of=snapshot.as_of,
        header=_header(report, appendix_title),
        sections=_sections(report, builders),
        appendices=(appendix,),
        rag_styles=_rag_styles(snapshot),
    )


def with_exceptions_section(sections: tuple[str, ...]) -> tuple[str, ...]:
    """An exception report always has its Exceptions section: when the council's list leaves it out (for its
    other reports), it goes back after the progress summary, or else after the recommendations."""
    if SectionKey.EXCEPTIONS in sections:
        return sections
    after = SectionKey.PROGRESS if SectionKey.PROGRESS in sections else SectionKey.RECOMMENDATIONS
    at = sections.index(after) + 1 if after in sections else len(sections)
    return (*sections[:at], SectionKey.EXCEPTIONS.value, *sections[at:])


def compose_exceptions(report: ReportInput) -> ReportDocument:
    cover = replace(report.cover, sections=with_exceptions_section(report.cover.sections))
    report = replace(report, cover=cover)
    snapshot = report.snapshot
    appendix_title = f"Exceptions in the action plan as at {long_date(snapshot.as_of)}"
    s = summarise(snapshot.actions)
    purpose = cover.purpose or (
        f"To draw {_meeting(cover)}'s attention to the actions in the {snapshot.review_title} action plan that are "
        f"rated red or amber or are overdue, as at {long_date(snapshot.as_of)}."
    )
    recommendation = (
        f"{_meeting(cover)} {'are' if not cover.meeting else 'is'} asked to {cover.recommendation_wording} made "
        "and the action being taken on the exceptions set out in this report."
    )
    key = (
        "Each action is counted once, under the first that applies: "
        + "; ".join(f"{h.label.lower()} ({h.meaning.lower()})" for h in Headline)
        + "."
    )
    builders: dict[str, Builder] = {
        SectionKey.PURPOSE: lambda n, refs: [n(_text(cover, purpose, refs))],
        SectionKey.RECOMMENDATIONS: lambda n, refs: recommendation_blocks(cover, recommendation, n, refs),
        SectionKey.PROGRESS: lambda n, refs: [n(f"Of {_plural(s.total, 'action')}: {s.sentence()}."), n(key)],
        SectionKey.EXCEPTIONS: lambda n, refs: exceptions_blocks(report, n),
        **_common_builders(report),
    }
    builders = {k: v for k, v in builders.items() if k in EXCEPTION_REPORT_SECTIONS}
    return ReportDocument(
        title=cover.subject or default_subject(report),
        organisation=snapshot.organisation,
        kind=report.kind,
        as_of=snapshot.as_of,
        header=_header(report, appendix_title),
        sections=_sections(report, builders),
        appendices=(Appendix(1, appendix_title, appendix_blocks(report)),),
        rag_styles=_rag_styles(snapshot),
    )


def _position_table(report: ReportInput, rec: RecommendationRow) -> Table:
    snapshot = report.snapshot
    done = [a for a in rec.actions if a.is_closed]
    doing = [a for a in rec.actions if not a.is_closed and a.status != ActionStatus.NOT_STARTED and a.commentary]
    remaining = [a for a in rec.actions if not a.is_closed]
    done_lines = [f"{_action_line(a)} — {ActionStatus(a.status).label.lower()}." for a in done]
    done_lines += [
        f"{_action_line(a)} ({ActionStatus(a.status).label.lower()}"
        + (f", {a.percent}%" if a.percent is not None else "")
        + f"): {a.commentary}"
        for a in doing
    ]
    remain_lines = [
        f"{_action_line(a)} — {_rag_label(snapshot, a.rag).lower() if a.rag else 'not rated'}"
        + (f", due {long_date(a.due)}" if a.due else "")
        + (" (overdue)" if a.overdue else "")
        for a in remaining
    ]
    evidence = sorted({e for a in rec.actions for e in a.evidence})
    nothing_remains = (
        "Nothing: every action is complete."
        if all(a.status == ActionStatus.COMPLETE for a in rec.actions)
        else "Nothing: every action is complete or closed (ongoing as business as usual, or no further action)."
    )
    cover = report.cover
    drawn = "Drawn from the plan and its updates"

    def part(written: dict[str, str], suggestion: str) -> Cell:
        # The plan manager's words when written; else the plan's own record, marked as a suggestion.
        text = written.get(rec.ref, "").strip()
        return Cell(text) if text else Cell(suggestion, note=drawn)

    rows = (
        ("What has been done", part(cover.done, "\n".join(done_lines) or "Work has not started yet.")),
        ("Early impact", Cell(cover.impact.get(rec.ref, "").strip() or TO_BE_COMPLETED)),
        ("Evidence", part(cover.evidence, "\n".join(evidence) or "None recorded yet.")),
        ("What remains", part(cover.remains, "\n".join(remain_lines) or nothing_remains)),
    )
    return Table(
        (Column("", 40), Column("", 130)),
        tuple(Row((Cell(label, bold=True), cell)) for label, cell in rows),
        caption=rec.heading,
        kind="form",
    )


def compose_position_statement(report: ReportInput) -> ReportDocument:
    snapshot, cover = report.snapshot, report.cover
    n1, n2 = _Numberer(1), _Numberer(2)
    intro = cover.intro or (
        f"This statement sets out the progress {snapshot.organisation} has made since the "
        f"{snapshot.review_title}, for the peer team's progress review. It takes each recommendation in turn: "
        "what has been done, the early impact, the evidence and what remains."
    )
    progress_blocks: list[Block] = []
    for rec in snapshot.recommendations:
        progress_blocks.append(Subheading(f"{rec.heading}: {rec.text}"))
        progress_blocks.append(_position_table(report, rec))
    appendix_title = f"Action plan: progress as at {long_date(snapshot.as_of)}"
    sections = (
        Section("1", "Introduction", (n1(intro),)),
        Section("2", "Overall progress", tuple(summary_blocks(report, n2))),
        Section("3", "Progress on each recommendation", tuple(progress_blocks)),
    )
    return ReportDocument(
        title=cover.subject or f"{snapshot.review_title}: progress review position statement",
        organisation=snapshot.organisation,
        kind=report.kind,
        as_of=snapshot.as_of,
        header=(
            ("Council", snapshot.organisation),
            ("Review", snapshot.review_title),
            ("Position as at", long_date(snapshot.as_of)),
            ("Contact officer", "\n".join(p for p in (cover.contact_officer, cover.contact_details) if p)),
        ),
        sections=sections,
        appendices=(Appendix(1, appendix_title, appendix_blocks(report)),),
        rag_styles=_rag_styles(snapshot),
    )


_COMPOSERS = {
    ReportKind.PROGRESS: compose_progress,
    ReportKind.POSITION_STATEMENT: compose_position_statement,
    ReportKind.EXCEPTIONS: compose_exceptions,
}


def compose(report: ReportInput) -> ReportDocument:
    return _COMPOSERS[ReportKind(report.kind)](report)
