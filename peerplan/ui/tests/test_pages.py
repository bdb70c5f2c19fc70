"""The base template, the patterns page, the accessibility statement and the error pages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.testing.factories import PASSWORD


def test_the_patterns_page_needs_a_signed_in_person(client: Client) -> None:
    response = client.get("/patterns/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/patterns/"


@pytest.mark.django_db
def test_the_patterns_page_shows_every_component_and_a_form_with_errors(signed_in_client: Client) -> None:
    page = signed_in_client.get("/patterns/").content.decode()
    for component in (
        "govuk-button--start",
        "govuk-button--secondary",
        "govuk-button--warning",
        "govuk-tag--red",
        "app-rag--amber",
        "app-rag-tag--green",
        "govuk-summary-list",
        "govuk-summary-card",
        "govuk-table__caption",
        "govuk-task-list",
        "govuk-inset-text",
        "govuk-details",
        "govuk-warning-text",
        "govuk-notification-banner--success",
        "govuk-panel",
        "govuk-back-link",
        "govuk-pagination",
        "govuk-breadcrumbs",
        "app-chart",
        "govuk-error-summary",
        "govuk-date-input",
        "govuk-radios",
        "govuk-checkboxes",
        "govuk-select",
        "govuk-textarea",
        "govuk-file-upload",
    ):
        assert component in page, component
    assert "Revised due date must include a month" in page


@pytest.mark.django_db
def test_the_header_shows_the_council_of_the_first_membership(signed_in_client: Client) -> None:
    page = signed_in_client.get("/patterns/").content.decode()
    assert re.search(r'class="govuk-generic-header__homepage-link">\s*Wendlebury District Council\s*</a>', page)
    assert "govuk-header__crown" not in page


@pytest.mark.django_db
def test_the_header_shows_the_councils_logo_beside_its_name(
    client: Client, make_user: Callable[..., User], organisation: Organisation
) -> None:
    organisation.logo.save("logo.png", _png(), save=True)
    client.force_login(make_user(organisation=organisation, role=Role.COUNCILLOR))
    page = client.get("/patterns/").content.decode()
    assert f'<img class="app-header__logo-image" src="/branding/{organisation.pk}/logo?v=logos/logo' in page
    assert "Wendlebury District Council" in page


def _png() -> ContentFile[bytes]:
    return ContentFile(b"\x89PNG\r\n\x1a\n")


@pytest.mark.django_db
def test_someone_with_no_council_sees_peerplan_in_the_header(client: Client, make_user: Callable[..., User]) -> None:
    client.force_login(make_user())
    page = client.get("/patterns/").content.decode()
    assert re.search(r'class="govuk-generic-header__homepage-link">\s*peerplan\s*</a>', page)


@pytest.mark.django_db
def test_pages_are_british_english_with_a_skip_link_beta_banner_and_accessibility_link(client: Client) -> None:
    page = client.get("/accessibility/").content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in page
    assert '<a href="#main-content" class="govuk-skip-link"' in page
    assert '<main class="govuk-main-wrapper" id="main-content">' in page
    assert "govuk-phase-banner" in page and ">Beta<" in page
    assert '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>' in page
    assert "peerplan — open-source software" in page
    assert "Crown copyright" not in page


@pytest.mark.django_db
def test_no_page_has_inline_script_or_style(client: Client, signed_in_client: Client) -> None:
    pages = [
        (signed_in_client, "/patterns/"),
        (signed_in_client, "/nowhere/"),
        (client, "/accessibility/"),
        (Client(), "/account/sign-in/"),
        (Client(), "/account/password-reset/"),
    ]
    for visitor, url in pages:
        page = visitor.get(url).content.decode()
        scripts = re.findall(r"<script[^>]*>", page)
        assert scripts == [
            '<script defer src="/static/ui/js/accessible-autocomplete.min.js">',
            '<script type="module" src="/static/ui/js/app.mjs">',
        ], url
        assert " style=" not in page, url
        assert "<style" not in page, url


@pytest.mark.django_db
def test_the_navigation_shows_only_pages_that_exist(signed_in_client: Client) -> None:
    page = signed_in_client.get("/patterns/").content.decode()
    assert 'href="#"' not in page.split("govuk-service-navigation__list")[1].split("</ul>")[0]


@pytest.mark.django_db
def test_a_missing_page_has_the_govuk_not_found_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_the_server_error_page_renders_without_a_request_context(rf: RequestFactory) -> None:
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_a_csrf_failure_has_its_own_page(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "Sorry, you’ll need to try again" in response.content.decode()


@pytest.mark.django_db
def test_permission_denied_has_the_govuk_page() -> None:
    assert "You cannot see this page" in render_to_string("403.html")
