"""GOV.UK Design System components as template tags: `{% load govuk %}`, then e.g. `{% govuk_tag "Late" "red" %}`.

Every page builds its GOV.UK markup from these tags and ui/components/, never by hand; /patterns/ shows them all.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import template
from django.core.paginator import Page
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from peerplan.accounts.vocabulary import DEFAULT_WORDS, RagWord
from peerplan.plans.enums import ActionStatus
from peerplan.shared import dates
from peerplan.shared.rag import Rag
from peerplan.ui import branding, navigation

register = template.Library()

TAG_COLOURS = frozenset(
    {"grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red", "orange", "yellow", "teal", "magenta"}
)
BUTTON_VARIANTS = frozenset({"", "secondary", "warning", "start", "inverse"})

_START_ICON = mark_safe(
    '<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" '
    'viewBox="0 0 33 40" aria-hidden="true" focusable="false">'
    '<path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg>'
)


# Links -------------------------------------------------------------------------------------------


@register.simple_tag
def route(name: str, *args: Any, **kwargs: Any) -> str:
    """`{% route "plans:list" as u %}`: the URL for a route name into a variable. Unlike `{% url … as u %}`, a
    name that does not exist raises NoReverseMatch, so a broken link fails a test instead of vanishing."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


# Small inline components -------------------------------------------------------------------------


@register.simple_tag
def govuk_tag(text: Any, colour: str = "") -> SafeString:
    """`{% govuk_tag "In progress" "light-blue" %}`; colour is a GOV.UK tag modifier or empty for the default."""
    if colour and colour not in TAG_COLOURS:
        raise template.TemplateSyntaxError(f"govuk_tag: unknown colour {colour!r}")
    modifier = f" govuk-tag--{colour}" if colour else ""
    return format_html('<strong class="govuk-tag{}">{}</strong>', modifier, text)


def rag_tag_for(rating: Any, words: Mapping[str, RagWord] | None = None) -> SafeString:
    """A rating as a tag in the council's word; its colour comes from the council's brand stylesheet."""
    if rating in (None, ""):
        return govuk_tag("Not rated", "grey")
    word = (words or DEFAULT_WORDS).get(str(rating)) or DEFAULT_WORDS[Rag(rating).value]
    return format_html('<strong class="govuk-tag app-rag-tag app-rag-tag--{}">{}</strong>', word.rating, word.label)


def rag_tags(words: Mapping[str, RagWord]) -> dict[str, SafeString]:
    """Every rating's tag, and "" for not rated: a long list makes each tag once, not once per row."""
    return {rating: rag_tag_for(rating, words) for rating in words} | {"": rag_tag_for("")}


@register.simple_tag(takes_context=True)
def rag_tag(context: template.Context, rating: Any) -> SafeString:
    """A RAG rating as a tag in the council's own word and colour: `{% rag_tag action.rag %}`."""
    return rag_tag_for(rating, context.get("rag_words"))


@register.simple_tag(takes_context=True)
def rag_label(context: template.Context, rating: Any) -> str:
    """The council's word for a rating, as plain text: `{% rag_label "amber" %}`."""
    if rating in (None, ""):
        return "Not rated"
    word = (context.get("rag_words") or DEFAULT_WORDS).get(str(rating))
    return word.label if word else str(Rag(rating).label)


@register.simple_tag(takes_context=True)
def rag_rating(context: template.Context, rating: Any) -> SafeString:
    """A RAG rating as a solid block in the committee report's colours: `{% rag_rating "amber" %}`."""
    member = Rag(rating)
    return format_html(
        '<strong class="app-rag app-rag--{}">{}</strong>', member.value, rag_label(context, member.value)
    )


@register.simple_tag
def status_tag(status: Any) -> SafeString:
    """An action's status as a GOV.UK tag: `{% status_tag action.status %}`."""
    member = ActionStatus(status)
    return govuk_tag(member.label, member.tag_colour)


@register.simple_tag
def govuk_button(
    text: str,
    *,
    href: str = "",
    variant: str = "",
    type: str = "submit",
    name: str = "",
    value: str = "",
    form: str = "",
) -> SafeString:
    """`{% govuk_button "Save" %}`, `{% govuk_button "Start now" href=url variant="start" %}`.

    variant: "" (primary), "secondary", "warning", "start" or "inverse". With href it is a link.
    """
    if variant not in BUTTON_VARIANTS:
        raise template.TemplateSyntaxError(f"govuk_button: unknown variant {variant!r}")
    classes = "govuk-button" + (f" govuk-button--{variant}" if variant else "")
    icon = _START_ICON if variant == "start" else ""
    if href:
        return format_html(
            '<a href="{}" role="button" draggable="false" class="{}" data-module="govuk-button">{}{}</a>',
            href,
            classes,
            text,
            icon,
        )
    extra = format_html_join(
        "", ' {}="{}"', [(k, v) for k, v in (("name", name), ("value", value), ("form", form)) if v]
    )
    return format_html(
        '<button type="{}" class="{}" data-module="govuk-button" data-prevent-double-click="true"{}>{}{}</button>',
        type,
        classes,
        extra,
        text,
        icon,
    )


@register.simple_tag
def govuk_back_link(href: str, text: str = "Back") -> SafeString:
    return format_html('<a href="{}" class="govuk-back-link">{}</a>', href, text)


# Block components: {% govuk_inset_text %}…{% endgovuk_inset_text %} ------------------------------


@register.simple_block_tag
def govuk_inset_text(content: str) -> SafeString:
    return format_html('<div class="govuk-inset-text">{}</div>', content)


@register.simple_block_tag
def govuk_details(content: str, summary: str, open: bool = False) -> SafeString:
    """`{% govuk_details "Help with timescales" %}…{% endgovuk_details %}`."""
    return format_html(
        '<details class="govuk-details"{}><summary class="govuk-details__summary">'
        '<span class="govuk-details__summary-text">{}</span></summary>'
        '<div class="govuk-details__text">{}</div></details>',
        mark_safe(" open") if open else "",
        summary,
        content,
    )


@register.simple_block_tag
def govuk_warning_text(content: str) -> SafeString:
    return format_html(
        '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
        '<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> {}</strong>'
        "</div>",
        content,
    )


@register.simple_block_tag
def govuk_notification_banner(content: str, title: str = "", success: bool = False, heading: str = "") -> SafeString:
    """`{% govuk_notification_banner heading="Plan approved" success=True %}…{% endgovuk_notification_banner %}`."""
    return _notification_banner(content, title=title, success=success, heading=heading)


def _notification_banner(content: str, *, title: str, success: bool, heading: str) -> SafeString:
    title = title or ("Success" if success else "Important")
    body = format_html('<p class="govuk-notification-banner__heading">{}</p>', heading) if heading else ""
    title_id = _banner_id(title)
    return format_html(
        '<div class="govuk-notification-banner{}" role="{}" aria-labelledby="{}" '
        'data-module="govuk-notification-banner">'
        '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="{}">{}</h2>'
        '</div><div class="govuk-notification-banner__content">{}{}</div></div>',
        " govuk-notification-banner--success" if success else "",
        "alert" if success else "region",
        title_id,
        title_id,
        title,
        body,
        content,
    )


_banner_numbers = itertools.count(1)


def _banner_id(title: str) -> str:
    """Unique on the page even when two banners share a title (several messages, say)."""
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())
    return f"govuk-notification-banner-title-{slug}-{next(_banner_numbers)}"


@register.simple_block_tag
def govuk_panel(content: str, title: str, level: int = 1) -> SafeString:
    """A confirmation panel: `{% govuk_panel "Password changed" %}…{% endgovuk_panel %}`; level is the heading's."""
    return format_html(
        '<div class="govuk-panel govuk-panel--confirmation"><h{} class="govuk-panel__title">{}</h{}>'
        '<div class="govuk-panel__body">{}</div></div>',
        int(level),
        title,
        int(level),
        content,
    )


@register.inclusion_tag("ui/components/messages.html")
def govuk_messages(messages: Iterable[Any]) -> dict[str, Any]:
    """Django messages as notification banners: success messages green, the rest "Important"."""
    banners = [
        _notification_banner("", title="", success="success" in message.tags, heading=str(message))
        for message in messages
    ]
    return {"banners": banners}


# Lists and tables --------------------------------------------------------------------------------


def _row(row: Any) -> dict[str, Any]:
    if isinstance(row, Mapping):
        return dict(row)
    key, value, *rest = row
    return {
        "key": key,
        "value": value,
        "href": rest[0] if rest else "",
        "action": rest[1] if len(rest) > 1 else "Change",
    }


@register.inclusion_tag("ui/components/summary_list.html")
def govuk_summary_list(rows: Iterable[Any], card_title: str = "", no_border: bool = False) -> dict[str, Any]:
    """`{% govuk_summary_list rows %}`: rows of (key, value) or (key, value, href[, action text]),
    or dicts with key, value, href, action. With card_title it is a summary card."""
    rows = [_row(r) for r in rows]
    return {
        "rows": rows,
        "card_title": card_title,
        "no_border": no_border,
        "any_actions": any(r.get("href") for r in rows),
    }


@register.inclusion_tag("ui/components/table.html", takes_context=True)
def govuk_table(
    context: template.Context,
    head: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    caption: str = "",
    caption_size: str = "m",
    numeric: str = "",
    first_cell_is_header: bool = False,
    label: str = "",
) -> dict[str, Any]:
    """`{% govuk_table head rows caption="Actions" numeric="2,3" %}`; numeric lists 0-based column numbers."""
    numeric_columns = {int(n) for n in str(numeric).split(",") if n.strip()}
    # The table scrolls inside its own labelled, focusable region on a narrow screen, never the page.
    # Its name: the label or caption given, else the columns; numbered when a page has two of the same name.
    label = str(label or caption) or "Table: " + ", ".join(str(text) for text in head if str(text).strip())
    # Counted in the render's base layer, which every {% include %} and inclusion tag of the page shares.
    base: dict[str, Any] = context.render_context.dicts[0]  # type: ignore[assignment]  # stubs say dict[str, str]
    used: dict[str, int] = base.setdefault("govuk_table_labels", {})
    used[label] = used.get(label, 0) + 1
    if used[label] > 1:
        label = f"{label} ({used[label]})"
    return {
        "label": label,
        "head": [(text, i in numeric_columns) for i, text in enumerate(head)],
        "body": _table_body(rows, numeric_columns, first_cell_is_header=first_cell_is_header),
        "caption": caption,
        "caption_size": caption_size,
        "first_cell_is_header": first_cell_is_header,
    }


def _table_body(rows: Iterable[Sequence[Any]], numeric: set[int], *, first_cell_is_header: bool) -> SafeString:
    """The rows as HTML, built in Python: a plan of 500 actions is 3,000 cells, too many for template loops."""
    cell_class = ("govuk-table__cell", "govuk-table__cell govuk-table__cell--numeric")
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0 and first_cell_is_header:
                cells.append(f'<th scope="row" class="govuk-table__header">{conditional_escape(cell)}</th>')
            else:
                cells.append(f'<td class="{cell_class[i in numeric]}">{conditional_escape(cell)}</td>')
        lines.append(f'<tr class="govuk-table__row">{"".join(cells)}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 -- every cell went through conditional_escape


@register.inclusion_tag("ui/components/task_list.html")
def govuk_task_list(items: Iterable[Mapping[str, Any]], id_prefix: str = "task-list") -> dict[str, Any]:
    """Items: dicts with title, href, hint, status and colour (a tag colour; empty means plain text)."""
    return {"items": list(items), "id_prefix": id_prefix}


@register.inclusion_tag("ui/components/breadcrumbs.html")
def govuk_breadcrumbs(*crumbs: Any) -> dict[str, Any]:
    """`{% govuk_breadcrumbs crumbs %}` with a list of (text, href), or pairs as arguments."""
    if len(crumbs) == 1 and not isinstance(crumbs[0], str):
        crumbs = tuple(crumbs[0])
    return {"crumbs": [tuple(c) for c in crumbs]}


@register.inclusion_tag("ui/components/error_summary.html")
def govuk_error_summary(form: Any) -> dict[str, Any]:
    """The error summary on its own, for a page that shows it above something other than {{ form }}."""
    return {"form": form}


# Pagination --------------------------------------------------------------------------------------


def _page_numbers(page: Page[Any], around: int = 1) -> list[int | None]:
    """1 … 4 5 6 … 10: None marks a gap."""
    last = page.paginator.num_pages
    wanted = {1, last, *range(page.number - around, page.number + around + 1)}
    numbers: list[int | None] = []
    for n in sorted(w for w in wanted if 1 <= w <= last):
        if numbers and numbers[-1] is not None and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


@register.inclusion_tag("ui/components/pagination.html", takes_context=True)
def govuk_pagination(context: template.Context, page: Page[Any], param: str = "page") -> dict[str, Any]:
    """`{% govuk_pagination page_obj %}`: keeps the rest of the query string (filters, search)."""
    request = context.get("request")
    query: QueryDict | None = request.GET.copy() if request is not None else None

    def href(number: int) -> str:
        if query is None:
            return f"?{param}={number}"
        query[param] = str(number)
        return "?" + query.urlencode()

    return {
        "show": page.paginator.num_pages > 1,
        "previous": href(page.previous_page_number()) if page.has_previous() else "",
        "next": href(page.next_page_number()) if page.has_next() else "",
        "pages": [(n, href(n) if n else "", n == page.number) for n in _page_numbers(page)],
    }


# Page furniture ----------------------------------------------------------------------------------


@register.inclusion_tag("ui/components/council_header.html", takes_context=True)
def council_header(context: template.Context) -> dict[str, Any]:
    """The generic header with the council of the signed-in person's first membership, else 'peerplan'."""
    organisation = navigation.header_organisation(context.get("user"))
    return {"organisation": organisation, "home": reverse("dashboard")}


@register.simple_tag(takes_context=True)
def brand_stylesheet(context: template.Context) -> SafeString:
    """The <link> to the council's colour stylesheet, or nothing when there is no council to show."""
    organisation = navigation.header_organisation(context.get("user"))
    if organisation is None:
        return mark_safe("")
    href = reverse("ui:brand-stylesheet", args=[organisation.pk])
    return format_html('<link rel="stylesheet" href="{}?v={}">', href, branding.stylesheet_version(organisation))


@register.inclusion_tag("ui/components/service_navigation.html", takes_context=True)
def service_navigation(context: template.Context, current: str = "") -> dict[str, Any]:
    """`{% service_navigation current="plans" %}`: only entries whose pages exist, the current one marked."""
    user = context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    return {
        "items": navigation.items(current, user) if signed_in else [],
        # The header already says "peerplan" when there is no council to show: do not say it twice.
        "show_service_name": navigation.header_organisation(user) is not None,
        "signed_in": signed_in,
        "sign_out_url": reverse("accounts:sign-out"),
        "sign_in_url": reverse("accounts:sign-in"),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def govuk_duration(value: dt.timedelta | None) -> str:
    """30 minutes, 1 hour, 1 hour 30 minutes, 2 days."""
    if not value:
        return ""
    minutes = round(value.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n)


# Dates: one family of filters, `{{ action.due_date|long_date }}`; the words come from shared/dates.py ----------

register.filter("long_date", dates.long_date, expects_localtime=False)
register.filter("short_date", dates.short_date, expects_localtime=False)
register.filter("day_month", dates.day_month, expects_localtime=False)
register.filter("weekday_date", dates.weekday_date, expects_localtime=False)
register.filter("long_date_time", dates.long_date_time, expects_localtime=False)
register.filter("time_of_day", dates.time_of_day, expects_localtime=False)
