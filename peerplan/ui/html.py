"""Small pieces of GOV.UK markup that views put into table cells and headings."""

from django.utils.html import format_html
from django.utils.safestring import SafeString


def visually_hidden(text: str) -> SafeString:
    """Text for screen readers only: e.g. the heading of a column of links, which sighted people do not need."""
    return format_html('<span class="govuk-visually-hidden">{}</span>', text)
