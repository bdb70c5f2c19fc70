"""The form a plan manager fills in to prepare a committee report: what, as at when, for which meeting, and the cover.

The cover texts start from the council's defaults; what the form returns is passed to reports.services unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from peerplan.accounts.models import Committee
from peerplan.plans.clock import quarter_containing
from peerplan.plans.models import Review
from peerplan.progress.models import ReportingPeriod
from peerplan.shared.dates import long_date
from peerplan.ui.forms import GovukDateField, GovukForm, example_date_hint

from .cover import Cover
from .enums import ReportKind
from .layouts import DEFAULT_LAYOUT, layouts
from .renderers import Renderer, renderers
from .sections import DEFAULT_SECTIONS, IMPLICATION_TEXT_MAX, REQUIRED_SECTIONS, SectionKey, section_title

TEXT_MAX = 300
PARAGRAPH_MAX = 5000


class HintedRadios(forms.RadioSelect):
    """Radios with a hint under each choice (ui/forms/radios.html reads `item_hints`)."""

    item_hints: dict[str, str]

    def __init__(self, *args: Any, hints: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_hints = hints or {}


@dataclass(frozen=True)
class CoverText:
    name: str  # a Cover field
    label: str
    hint: str
    paragraph: bool = False  # a textarea rather than a one-line input
    required: bool = False


# The cover's header block, then its sections, in the order the report prints them.
HEADER_TEXTS = (
    CoverText("subject", "Subject", "Leave empty to use the review’s title and the kind of report."),
    CoverText("report_of", "Report of", "Who the report is from, for example Cabinet Member for Resources."),
    CoverText("wards_affected", "Wards affected", "Usually All."),
    CoverText("key_decision", "Key decision", "Yes or No."),
    CoverText("budget_policy_framework", "Budget/Policy Framework", "Whether the decision is within it, e.g. Yes."),
    CoverText("contact_officer", "Contact officer", "Name and job title."),
    CoverText("contact_details", "Contact details", "Email address and telephone number."),
)
SECTION_TEXTS = (
    CoverText(
        "purpose",
        "Purpose of the report",
        "Leave empty for a paragraph written from the review, the meeting and the as-at date.",
        paragraph=True,
    ),
    CoverText(
        "recommendation_wording",
        "What members are asked to do",
        "Completes the sentence ‘Cabinet is asked to … made against the action plan’. For example: note the"
        " progress, or endorse the progress.",
        required=True,
    ),
    CoverText(
        "recommendations",
        "Recommendations in full (instead of that sentence)",
        "Leave empty for the sentence above. Or write the recommendations as the minutes will record them, one"
        " paragraph each with a blank line between, for example: Cabinet is asked to RESOLVE that the progress"
        " be noted. Each paragraph is numbered.",
        paragraph=True,
    ),
    CoverText("background", "Background", "An extra paragraph after the peer challenge’s facts.", True),
    CoverText("next_steps", "Next steps", "The opening paragraph, before the actions falling due.", True),
    CoverText("alternative_options", "Alternative options considered", "", paragraph=True, required=True),
    CoverText("reasons", "Reasons for the recommendations", "", paragraph=True, required=True),
    CoverText("consultation", "Consultation", "", paragraph=True, required=True),
    CoverText("background_papers", "Background papers", "", paragraph=True, required=True),
)
POSITION_TEXTS = (
    CoverText(
        "intro",
        "Introduction",
        "Leave empty for an introduction written from the review and the as-at date.",
        paragraph=True,
    ),
)
COVER_TEXTS = HEADER_TEXTS + SECTION_TEXTS + POSITION_TEXTS
# The cover texts that are a whole section: their labels follow the council's titles for them.
SECTION_OF_TEXT = {
    "purpose": SectionKey.PURPOSE,
    "background": SectionKey.BACKGROUND,
    "next_steps": SectionKey.NEXT_STEPS,
    "alternative_options": SectionKey.ALTERNATIVE_OPTIONS,
    "reasons": SectionKey.REASONS,
    "consultation": SectionKey.CONSULTATION,
    "background_papers": SectionKey.BACKGROUND_PAPERS,
}
IMPLICATION_PREFIX = "implication_"
IMPACT_PREFIX = "impact_"
# The position statement's four texts per recommendation: (cover field, label, hint).
POSITION_PARTS = (
    ("done", "What has been done", "Leave empty to use the completed actions and the updates, marked in the report."),
    ("impact", "Early impact", "What difference the work has made so far, in words."),
    ("evidence", "Evidence", "Leave empty to use the evidence attached to the updates, marked in the report."),
    ("remains", "What remains", "Leave empty to use the open actions with their ratings, marked in the report."),
)
FORMAT_ORDER = ("docx", "pdf", "html", "xlsx", "csv")


@dataclass(frozen=True)
class ReportChoice:
    """What the form decided: the arguments of report_issue and report_input_build."""

    kind: str
    layout: str
    as_of: dt.date
    period: ReportingPeriod | None
    committee: Committee | None
    meeting_date: dt.date | None
    cover: dict[str, Any]
    formats: list[str]


class PeriodChoiceField(forms.ModelChoiceField[ReportingPeriod]):
    def label_from_instance(self, obj: ReportingPeriod) -> str:
        return f"{obj.name} (ends {long_date(obj.end)})"


class ReportForm(GovukForm):
    """Kind, as-at date (a reporting period's end or a date), meeting, layout, cover texts and formats."""

    kind = forms.ChoiceField(
        label="What kind of report?",
        choices=ReportKind.choices,
        initial=ReportKind.PROGRESS.value,
        widget=HintedRadios(hints={kind.value: kind.description for kind in ReportKind}),
        error_messages={"invalid_choice": "Select a kind of report from the list"},
    )
    period = PeriodChoiceField(
        label="Reporting period",
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label="None: use the as-at date below",
        help_text="The report shows the plan as it stood at the end of the period’s last day.",
        error_messages={"invalid_choice": "Select a reporting period from the list"},
    )
    as_of = GovukDateField(
        label="As-at date",
        required=False,
        help_text="Or, instead of a reporting period: the plan as it stood at the end of this day.",
    )
    committee = forms.ModelChoiceField(
        label="Committee",
        queryset=Committee.objects.none(),
        required=False,
        empty_label="None: not for a committee meeting",
        error_messages={"invalid_choice": "Select a committee from the list"},
    )
    meeting_date = GovukDateField(label="Meeting date", required=False)
    layout = forms.ChoiceField(
        label="How should the action plan (the appendix) be laid out?",
        choices=(),
        initial=DEFAULT_LAYOUT,
        widget=HintedRadios,
        error_messages={"invalid_choice": "Select a layout from the list"},
    )
    formats = forms.MultipleChoiceField(
        label="Formats to issue",
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each format is made once, when the report is issued, and always downloads exactly as issued.",
        error_messages={"invalid_choice": "Select formats from the list"},
    )

    label_sizes = {"kind": "m", "layout": "m", "formats": "m"}

    def __init__(
        self,
        *args: Any,
        review: Review,
        today: dt.date,
        defaults: Cover,
        issuing: bool = False,
        **kwargs: Any,
    ) -> None:
        self.review, self.today, self.issuing = review, today, issuing
        # The cover texts and one early-impact box per recommendation are added before GovukForm words the fields.
        self.impact_refs: dict[str, str] = {}
        self.position_refs: dict[str, tuple[str, str]] = {}  # field name → (cover field, recommendation ref)
        self.defaults = defaults
        titled = [
            replace(t, label=section_title(SECTION_OF_TEXT[t.name], defaults.section_titles))
            if t.name in SECTION_OF_TEXT
            else t
            for t in COVER_TEXTS
        ]
        extra: dict[str, forms.Field] = {text.name: _text_field(text, getattr(defaults, text.name)) for text in titled}
        # The council's implications: which this report includes, and each one's wording for this report.
        extra["implications"] = forms.MultipleChoiceField(
            label=f"{section_title(SectionKey.IMPLICATIONS, defaults.section_titles)}: which to include",
            choices=[(str(index), i.title) for index, i in enumerate(defaults.implications)],
            initial=[str(index) for index in range(len(defaults.implications))],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Each is numbered under its own heading, in your council’s order.",
            error_messages={"invalid_choice": "Select implications from the list"},
        )
        for index, implication in enumerate(defaults.implications):
            extra[f"{IMPLICATION_PREFIX}{index}"] = _text_field(
                CoverText(
                    f"{IMPLICATION_PREFIX}{index}",
                    implication.title,
                    "Write {section:exceptions} where the report should give the Exceptions section’s number."
                    if implication.key == "risk"
                    else "",
                    paragraph=True,
                ),
                implication.text,
                limit=IMPLICATION_TEXT_MAX,
            )
        for rec in review.recommendations.order_by("order", "pk").only("pk", "ref", "text"):
            for part, part_label, hint in POSITION_PARTS:
                name = f"{IMPACT_PREFIX}{rec.pk}" if part == "impact" else f"{part}_{rec.pk}"
                if part == "impact":
                    self.impact_refs[name] = rec.ref
                self.position_refs[name] = (part, rec.ref)
                label = f"Recommendation {rec.ref}: {part_label.lower()}" if rec.ref else part_label
                initial = getattr(defaults, part).get(rec.ref, "")
                extra[name] = _text_field(CoverText(name, label, f"{rec.text} — {hint}", True), initial)
        sections_field = forms.MultipleChoiceField(
            label="Sections to include",
            choices=[(key, section_title(key, defaults.section_titles)) for key in _section_order(defaults.sections)],
            initial=list(defaults.sections),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="In your council’s order. Purpose and Recommendations are always included. Numbers and"
            " cross-references follow the sections you include.",
            error_messages={"invalid_choice": "Select sections from the list"},
        )
        extra["sections"] = sections_field
        # An instance's own base_fields: BaseForm.__init__ copies them into self.fields like the declared ones.
        self.base_fields = {**type(self).base_fields, **extra}  # type: ignore[misc]  # an instance's own, which BaseForm.__init__ copies into fields
        super().__init__(*args, **kwargs)
        # Examples from the clock passed in, so they never go stale: the last quarter's end, a meeting next month.
        last_quarter_end = quarter_containing(today).start - dt.timedelta(days=1)
        as_of_field = self.fields["as_of"]
        as_of_field.help_text = f"{as_of_field.help_text} {example_date_hint(last_quarter_end)}"
        self.fields["meeting_date"].help_text = example_date_hint(today + dt.timedelta(days=28))
        periods = review.reporting_periods.order_by("start")
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ModelChoiceField)
        period_field.queryset = periods
        period_field.initial = periods.filter(end__lte=today).order_by("-end").first()
        committee_field = self.fields["committee"]
        assert isinstance(committee_field, forms.ModelChoiceField)
        committee_field.queryset = Committee.objects.filter(organisation_id=review.organisation_id).order_by("name")
        layout_field = self.fields["layout"]
        assert isinstance(layout_field, forms.ChoiceField)
        layout_field.choices = [(layout.name, layout.label) for layout in layouts()]
        assert isinstance(layout_field.widget, HintedRadios)
        layout_field.widget.item_hints = {layout.name: layout.description for layout in layouts()}
        format_field = self.fields["formats"]
        assert isinstance(format_field, forms.MultipleChoiceField)
        format_field.choices = [(renderer.format, renderer.label) for renderer in _renderers_in_order()]
        format_field.initial = [renderer.format for renderer in _renderers_in_order()]

    # Groups of fields, so the template can set them out under headings.
    def header_fields(self) -> list[forms.BoundField]:
        return [self[t.name] for t in HEADER_TEXTS]

    def section_fields(self) -> list[forms.BoundField]:
        """The sections' texts, the implications (which, then each one's wording) before the background papers."""
        texts = [self[t.name] for t in SECTION_TEXTS]
        implications = [self["implications"]] + [
            self[f"{IMPLICATION_PREFIX}{index}"] for index in range(len(self.defaults.implications))
        ]
        return texts[:-1] + implications + texts[-1:]

    def position_fields(self) -> list[forms.BoundField]:
        return [self[t.name] for t in POSITION_TEXTS] + [self[name] for name in self.position_refs]

    def position_has_errors(self) -> bool:
        return any(field.errors for field in self.position_fields())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        period: ReportingPeriod | None = data.get("period")
        as_of: dt.date | None = data.get("as_of")
        if "period" in self.errors or "as_of" in self.errors:
            return data
        if period is None and as_of is None:
            self.add_error("period", "Choose a reporting period or enter an as-at date")
        elif period is not None and as_of is not None:
            self.add_error("as_of", "Choose a reporting period or enter an as-at date, not both")
        elif period is not None and period.end > self.today:
            self.add_error(
                "period",
                f"{period.name} has not ended yet (it ends {long_date(period.end)}): choose a period that has"
                " ended, or enter today’s date as the as-at date",
            )
        elif as_of is not None and as_of > self.today:
            self.add_error("as_of", "The as-at date must be today or in the past")
        resolved = period.end if period is not None else as_of
        meeting_date: dt.date | None = data.get("meeting_date")
        if resolved and meeting_date and meeting_date < resolved:
            self.add_error(
                "meeting_date", f"The meeting date must be on or after the as-at date, {long_date(resolved)}"
            )
        if self.issuing and not data.get("formats") and "formats" not in self.errors:
            self.add_error("formats", "Select at least one format to issue")
        return data

    def add_service_error(self, error: ValidationError) -> None:
        """Show a refusal from reports.services at the field it names ("cover" errors at the top)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def choice(self) -> ReportChoice:
        """What to produce; call only once the form is valid."""
        data = self.cleaned_data
        period: ReportingPeriod | None = data["period"]
        cover: dict[str, Any] = {text.name: data[text.name] for text in COVER_TEXTS}
        included = set(data.get("implications") or ())
        cover["implications"] = [
            {"key": i.key, "title": i.title, "text": data[f"{IMPLICATION_PREFIX}{index}"]}
            for index, i in enumerate(self.defaults.implications)
            if str(index) in included
        ]
        for part, _, _ in POSITION_PARTS:
            cover[part] = {ref: data[name] for name, (p, ref) in self.position_refs.items() if p == part and data[name]}
        order = _section_order(self.fields["sections"].initial or ())
        chosen = set(data.get("sections") or ()) | REQUIRED_SECTIONS
        cover["sections"] = [key for key in order if key in chosen]
        return ReportChoice(
            kind=data["kind"],
            layout=data["layout"],
            as_of=period.end if period is not None else data["as_of"],
            period=period,
            committee=data["committee"],
            meeting_date=data["meeting_date"],
            cover=cover,
            formats=list(data["formats"]),
        )


def format_rank(format_: str) -> int:
    """Word and PDF first, as committee systems want them; any other format after the built-ins."""
    return FORMAT_ORDER.index(format_) if format_ in FORMAT_ORDER else len(FORMAT_ORDER)


def _renderers_in_order() -> list[Renderer]:
    return sorted(renderers(), key=lambda renderer: format_rank(renderer.format))


def _section_order(council: tuple[str, ...] | list[str]) -> list[str]:
    """The council's sections in its order, then the ones it switched off, in the standard order."""
    return [*council, *(key for key in DEFAULT_SECTIONS if key not in council)]


def _text_field(text: CoverText, initial: str, limit: int | None = None) -> forms.CharField:
    limit = limit or (PARAGRAPH_MAX if text.paragraph else TEXT_MAX)
    return forms.CharField(
        label=text.label,
        help_text=text.hint,
        initial=initial,
        required=text.required,
        max_length=limit,
        strip=True,
        error_messages={"max_length": f"{text.label} must be {limit:,} characters or fewer"},
        widget=forms.Textarea(attrs={"rows": "3"}) if text.paragraph else forms.TextInput(),
    )
