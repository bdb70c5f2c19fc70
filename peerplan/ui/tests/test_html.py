"""The small pieces of markup views ask ui for: text a person wrote is escaped, safe markup is kept."""

from django.utils.safestring import mark_safe

from peerplan.ui import html


def test_a_link_escapes_its_text_and_address_and_can_carry_words_for_screen_readers() -> None:
    made = html.link("/a?b=1&c=2", "<b>Plan</b>", hidden=" of 2026", download=True)
    assert made == (
        '<a class="govuk-link" href="/a?b=1&amp;c=2" download>&lt;b&gt;Plan&lt;/b&gt;'
        '<span class="govuk-visually-hidden"> of 2026</span></a>'
    )


def test_an_external_link_tells_the_site_nothing_of_where_it_came_from() -> None:
    assert 'rel="noreferrer noopener"' in html.link("https://example.org", "example", external=True)


def test_a_bullet_list_of_nothing_is_nothing() -> None:
    assert html.bullet_list([]) == ""
    assert html.bullet_list(["a<", mark_safe("<i>b</i>")], small=True) == (
        '<ul class="govuk-list govuk-body-s"><li>a&lt;</li><li><i>b</i></li></ul>'
    )


def test_lines_and_joined_leave_out_empty_parts_and_escape_the_rest() -> None:
    assert html.lines("a", "", "<b>") == "a<br>&lt;b&gt;"
    assert html.joined(mark_safe("<strong>Red</strong>"), "", "late & worse", sep=" – ") == (
        "<strong>Red</strong> – late &amp; worse"
    )


def test_paragraphs_are_the_non_blank_lines() -> None:
    assert html.paragraphs("One\n\n Two <x>") == '<p class="govuk-body">One</p><p class="govuk-body"> Two &lt;x&gt;</p>'
