"""The govuk template tags draw the Design System's markup, so no page has to write it by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import NoReverseMatch

from peerplan.shared.rag import Rag
from peerplan.ui.templatetags.govuk import govuk_duration


def render(source: str, **context: object) -> str:
    return Template("{% load govuk %}" + source).render(Context(context)).strip()


def test_a_tag_takes_a_colour() -> None:
    assert render('{% govuk_tag "Late" "red" %}') == '<strong class="govuk-tag govuk-tag--red">Late</strong>'


def test_a_tag_refuses_a_colour_the_design_system_does_not_have() -> None:
    with pytest.raises(TemplateSyntaxError):
        render('{% govuk_tag "Late" "scarlet" %}')


def test_rag_tags_use_the_colours_of_the_rag_vocabulary() -> None:
    assert render("{% rag_tag r %}", r="amber") == (
        '<strong class="govuk-tag app-rag-tag app-rag-tag--amber">Amber</strong>'
    )
    assert render("{% rag_tag r %}", r=Rag.COMPLETE) == (
        '<strong class="govuk-tag app-rag-tag app-rag-tag--complete">Complete</strong>'
    )
    assert render("{% rag_rating r %}", r="red") == '<strong class="app-rag app-rag--red">Red</strong>'
    assert "Not rated" in render("{% rag_tag r %}", r="")


def test_status_tags_use_the_action_status_colours() -> None:
    assert render('{% status_tag "in-progress" %}') == (
        '<strong class="govuk-tag govuk-tag--light-blue">In progress</strong>'
    )


def test_buttons_come_in_the_design_systems_variants() -> None:
    assert 'class="govuk-button govuk-button--secondary"' in render('{% govuk_button "Save" variant="secondary" %}')
    assert 'class="govuk-button govuk-button--warning"' in render('{% govuk_button "Delete" variant="warning" %}')
    start = render('{% govuk_button "Start" href="/go" variant="start" %}')
    assert start.startswith('<a href="/go" role="button" draggable="false" class="govuk-button govuk-button--start"')
    assert "govuk-button__start-icon" in start


def test_text_passed_to_tags_is_escaped() -> None:
    assert "&lt;script&gt;" in render("{% govuk_tag t %}", t="<script>")
    assert "&lt;b&gt;" in render("{% govuk_summary_list rows %}", rows=[("Key", "<b>")])


def test_a_summary_list_row_can_have_a_change_link_with_hidden_context() -> None:
    html = render("{% govuk_summary_list rows %}", rows=[("Lead officer", "Head of Policy", "/edit")])
    assert (
        '<a class="govuk-link" href="/edit">Change<span class="govuk-visually-hidden"> lead officer</span></a>' in html
    )


def test_a_table_has_a_caption_and_numeric_columns() -> None:
    html = render(
        '{% govuk_table head rows caption="Actions" numeric="1" %}', head=["Action", "Done"], rows=[["1a", "50"]]
    )
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Actions</caption>' in html
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Done</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">50</td>' in html


def test_block_components_wrap_their_content() -> None:
    assert render("{% govuk_inset_text %}Note{% endgovuk_inset_text %}") == '<div class="govuk-inset-text">Note</div>'
    details = render('{% govuk_details "Help" %}Text{% endgovuk_details %}')
    assert '<span class="govuk-details__summary-text">Help</span>' in details
    warning = render("{% govuk_warning_text %}Careful{% endgovuk_warning_text %}")
    assert '<span class="govuk-visually-hidden">Warning</span> Careful' in warning


def test_notification_banners_have_unique_title_ids() -> None:
    html = render(
        "{% govuk_notification_banner %}a{% endgovuk_notification_banner %}"
        "{% govuk_notification_banner %}b{% endgovuk_notification_banner %}"
    )
    ids = [part.split('"')[0] for part in html.split('aria-labelledby="')[1:]]
    assert len(set(ids)) == 2
    assert 'role="region"' in html


def test_pagination_keeps_the_query_string_and_marks_the_current_page() -> None:
    request = RequestFactory().get("/plans/?q=housing&page=5")
    page = Paginator(list(range(100)), 10).page(5)
    html = render("{% govuk_pagination page %}", page=page, request=request)
    assert 'href="?q=housing&amp;page=4" rel="prev"' in html
    assert 'aria-label="Page 5" aria-current="page"' in html
    assert html.count("govuk-pagination__item--ellipses") == 2


def test_pagination_is_hidden_for_a_single_page() -> None:
    assert render("{% govuk_pagination page %}", page=Paginator([1], 10).page(1)) == ""


def test_route_names_a_page_and_fails_loudly_for_a_route_that_does_not_exist() -> None:
    assert render('{% route "ui:patterns" as u %}{{ u }}') == "/patterns/"
    with pytest.raises(NoReverseMatch):
        render('{% route "no-such-route" as u %}[{{ u }}]')


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (dt.timedelta(minutes=30), "30 minutes"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(hours=1, minutes=30), "1 hour 30 minutes"),
        (dt.timedelta(days=2), "2 days"),
    ],
)
def test_durations_read_as_words(delta: dt.timedelta, words: str) -> None:
    assert govuk_duration(delta) == words
