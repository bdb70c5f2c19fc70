"""A council's colour and logo reach every page without breaking the Content-Security-Policy."""

import pytest
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.test import Client

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation
from peerplan.testing import factories as f
from peerplan.ui.branding import stylesheet_version

pytestmark = pytest.mark.django_db

SignedIn = tuple[Organisation, Client]  # a council with a colour and a logo, and a councillor of it signed in

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


@pytest.fixture
def signed_in() -> SignedIn:
    org = f.council()
    org.brand_colour = "#8a2be2"
    org.logo.save("crest.png", ContentFile(PNG), save=True)
    client = Client()
    client.force_login(f.person(org, Role.COUNCILLOR, "cllr@brackenridge.example"))
    return org, client


def test_pages_link_the_councils_colour_stylesheet_and_logo(signed_in: SignedIn) -> None:
    org, client = signed_in
    html = client.get("/patterns/").content.decode()
    assert f'href="/branding/{org.pk}/brand.css?v={stylesheet_version(org)}"' in html
    assert f'src="/branding/{org.pk}/logo?v=' in html
    assert "style=" not in html


def test_the_colour_stylesheet_carries_the_councils_colour(signed_in: SignedIn) -> None:
    org, _ = signed_in
    response = Client().get(f"/branding/{org.pk}/brand.css")
    assert response["Content-Type"].startswith("text/css")
    assert "#8a2be2" in response.content.decode()


def test_the_logo_is_served_with_its_type_and_sandboxed(signed_in: SignedIn) -> None:
    org, _ = signed_in
    response = Client().get(f"/branding/{org.pk}/logo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="logo.png"'
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == PNG


def test_an_svg_logo_stored_before_svg_was_refused_downloads_rather_than_runs() -> None:
    org = f.council()
    org.logo.save("old.svg", ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg"/>'), save=True)
    response = Client().get(f"/branding/{org.pk}/logo")
    assert response["Content-Disposition"] == 'attachment; filename="logo.svg"'
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_council_without_a_logo_has_none_to_serve() -> None:
    org = f.council()
    assert Client().get(f"/branding/{org.pk}/logo").status_code == 404


def test_renaming_or_recolouring_a_rating_changes_the_stylesheet_and_its_address(signed_in: SignedIn) -> None:
    org, _ = signed_in
    before = stylesheet_version(org)
    org.rag_definitions.filter(rating="amber").update(label="Watch", colour="#f47738")
    org = type(org).objects.get(pk=org.pk)
    css = Client().get(f"/branding/{org.pk}/brand.css").content.decode()
    assert ".govuk-tag.app-rag-tag--amber" in css and "#f47738" in css
    assert stylesheet_version(org) != before
