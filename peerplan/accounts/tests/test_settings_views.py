"""The council's settings: only administrators; RAG words and rule, committees, branding, people and roles."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import RagRule, Role
from peerplan.accounts.models import Committee, Membership, Organisation, RagDefinition, User
from peerplan.audit.models import AuditEntry
from peerplan.shared.rag import Rag


def _image(fmt: str, size: tuple[int, int] = (40, 20)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (0, 112, 60)).save(out, format=fmt)
    return out.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")


@pytest.fixture
def council(organisation: Organisation) -> Organisation:
    for order, rag in enumerate(Rag):
        RagDefinition.objects.create(
            organisation=organisation, rating=rag, label=rag.label, meaning=rag.meaning, colour=rag.colour, order=order
        )
    Committee.objects.create(organisation=organisation, name="Cabinet")
    return organisation


@pytest.fixture
def people(make_user: Callable[..., User], council: Organisation) -> dict[str, User]:
    made = {
        role.value: make_user(f"{role.value}@threerivers.example", organisation=council, role=role) for role in Role
    }
    made["outsider"] = make_user("someone@elsewhere.example")
    return made


@pytest.fixture
def admin(client: Client, people: dict[str, User]) -> Client:
    client.force_login(people[Role.ADMINISTRATOR.value])
    return client


PAGES = [
    ("get", "settings:overview", False),
    ("get", "settings:rag", False),
    ("get", "settings:rag-rule", False),
    ("get", "settings:committees", False),
    ("get", "settings:committee-remove", True),
    ("get", "settings:branding", False),
    ("get", "settings:people", False),
    ("get", "settings:person-add", False),
    ("get", "settings:people-upload", False),
    ("get", "settings:person-role", True),
    ("get", "settings:person-remove", True),
    ("get", "settings:person-deactivate", True),
    ("post", "settings:person-invite", True),
]


def url_for(name: str, needs_pk: bool, council: Organisation) -> str:
    if not needs_pk:
        return reverse(name, args=[council.slug])
    if "committee" in name:
        return reverse(name, args=[council.slug, council.committees.get().pk])
    membership = council.memberships.first()
    assert membership is not None, "the council has people"
    pk = membership.pk
    return reverse(name, args=[council.slug, pk])


@pytest.mark.parametrize(("method", "name", "needs_pk"), PAGES, ids=[p[1] for p in PAGES])
def test_anonymous_people_are_sent_to_sign_in(
    client: Client,
    people: dict[str, User],
    method: str,
    name: str,
    needs_pk: bool,
) -> None:
    council = people[Role.ADMINISTRATOR.value].memberships.get().organisation
    response = getattr(client, method)(url_for(name, needs_pk, council))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("who", ["outsider", *(r.value for r in Role if r != Role.ADMINISTRATOR)])
def test_everyone_but_administrators_is_refused_every_settings_page(
    client: Client, people: dict[str, User], council: Organisation, who: str
) -> None:
    client.force_login(people[who])
    assert client.get(reverse("settings:index")).status_code == 403
    for method, name, needs_pk in PAGES:
        assert getattr(client, method)(url_for(name, needs_pk, council)).status_code == 403, name
    assert client.post(url_for("settings:person-remove", True, council)).status_code == 403
    assert Membership.objects.count() == len(Role)


def test_administrators_open_every_settings_page(admin: Client, council: Organisation) -> None:
    assert admin.get(reverse("settings:index"))["Location"] == reverse("settings:overview", args=[council.slug])
    for method, name, needs_pk in PAGES:
        expected = 302 if method == "post" else 200  # a POST does its work and goes back to the list
        assert getattr(admin, method)(url_for(name, needs_pk, council)).status_code == expected, name


def rag_data(council: Organisation, **changes: str) -> dict[str, str]:
    data = {}
    for d in council.rag_definitions.all():
        data.update({f"{d.rating}-label": d.label, f"{d.rating}-meaning": d.meaning, f"{d.rating}-colour": d.colour})
        if d.in_use:
            data[f"{d.rating}-in_use"] = "on"
    return {**data, **changes}


def test_the_rag_vocabulary_is_saved_with_an_audit_entry(admin: Client, council: Organisation) -> None:
    data = rag_data(council, **{"complete-label": "Blue (complete)", "complete-colour": "#1D70B8"})
    del data["not-started-in_use"]
    assert admin.post(reverse("settings:rag", args=[council.slug]), data).status_code == 302
    complete = council.rag_definitions.get(rating="complete")
    assert (complete.label, complete.colour) == ("Blue (complete)", "#1d70b8")
    assert not council.rag_definitions.get(rating="not-started").in_use
    assert AuditEntry.objects.filter(verb="changed RAG vocabulary").exists()


def test_a_bad_colour_or_no_rating_in_use_saves_nothing(admin: Client, council: Organisation) -> None:
    data = {
        k: v
        for k, v in rag_data(council, **{"red-colour": "red", "red-label": "Off track"}).items()
        if not k.endswith("in_use")
    }
    response = admin.post(reverse("settings:rag", args=[council.slug]), data)
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a colour as # and six hex digits" in page
    assert "Keep at least one rating in use" in page
    assert council.rag_definitions.get(rating="red").label == "Red"


def rule_data(council: Organisation, **changes: object) -> dict[str, object]:
    return {
        "version": council.version,
        "rag_rule": RagRule.PERCENTAGE,
        "rag_red_max_percent": "20",
        "rag_amber_max_percent": "70",
        "rag_amber_days": "14",
        **changes,
    }


def test_the_rag_rule_is_saved(admin: Client, council: Organisation) -> None:
    assert admin.post(reverse("settings:rag-rule", args=[council.slug]), rule_data(council)).status_code == 302
    council.refresh_from_db()
    assert (council.rag_rule, council.rag_red_max_percent, council.rag_amber_max_percent) == ("percentage", 20, 70)
    assert council.rag_red_when_behind_and_overdue is False  # the box was not ticked


def test_a_red_threshold_above_the_amber_one_is_refused(admin: Client, council: Organisation) -> None:
    response = admin.post(
        reverse("settings:rag-rule", args=[council.slug]), rule_data(council, rag_red_max_percent="80")
    )
    assert "The red threshold must be the same as or lower than the amber threshold" in response.content.decode()
    council.refresh_from_db()
    assert council.rag_rule == RagRule.MANUAL


def test_committees_are_added_and_removed(admin: Client, council: Organisation) -> None:
    url = reverse("settings:committees", args=[council.slug])
    admin.post(url, {"name": "Audit and Governance Committee"})
    duplicate = admin.post(url, {"name": "cabinet"})
    assert "cabinet is already in the list" in duplicate.content.decode()
    empty = admin.post(url, {"name": ""}).content.decode()
    assert "Enter the committee’s name" in empty and "Enter add a committee" not in empty
    cabinet = council.committees.get(name="Cabinet")
    admin.post(reverse("settings:committee-remove", args=[council.slug, cabinet.pk]))
    assert list(council.committees.values_list("name", flat=True)) == ["Audit and Governance Committee"]


def branding_data(council: Organisation, **changes: object) -> dict[str, object]:
    return {"version": council.version, "name": council.name, "brand_colour": "#00703C", **changes}


def test_a_png_logo_and_a_brand_colour_are_saved(admin: Client, council: Organisation) -> None:
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    response = admin.post(reverse("settings:branding", args=[council.slug]), branding_data(council, logo=logo))
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.brand_colour == "#00703c"
    assert council.logo.name.startswith(f"logos/{council.slug}-") and council.logo.name.endswith(".png")


@pytest.mark.parametrize(("name", "content", "extension"), [("crest.html", PNG, ".png"), ("x.png", JPEG, ".jpg")])
def test_a_logo_is_stored_under_a_name_and_extension_the_server_chooses_from_its_content(
    admin: Client, council: Organisation, name: str, content: bytes, extension: str
) -> None:
    """The probe's finding: a PNG-headed file named .html was stored as .html."""
    logo = SimpleUploadedFile(name, content, content_type="text/html")
    assert (
        admin.post(reverse("settings:branding", args=[council.slug]), branding_data(council, logo=logo)).status_code
        == 302
    )
    council.refresh_from_db()
    assert council.logo.name.endswith(extension) and name.split(".", maxsplit=1)[0] not in council.logo.name
    from PIL import Image

    with council.logo.open("rb") as stored:
        assert Image.open(stored).format == {".png": "PNG", ".jpg": "JPEG"}[extension]  # re-encoded, readable


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"this is not an image", "The logo must be a PNG or JPEG image (this file is not one"),
        ("logo.png", PNG + b"\x00" * (1024 * 1024), "The logo must be smaller than 1 MB"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "The logo must be a PNG or JPEG image"),
        ("logo.png", _image("PNG", (4001, 4001)), "The logo is 4,001 × 4,001 pixels"),
        ("logo.gif", _image("GIF"), "The logo must be a PNG or JPEG image"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
            "SVG files can carry scripts, so they are not accepted",
        ),
        (
            "logo.svg",
            (
                b'<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" '
                b'values="javascript:alert(1)"/><text>x</text></a></svg>'
            ),
            "SVG files can carry scripts, so they are not accepted",
        ),
    ],
)
def test_a_logo_is_checked_by_its_content(
    admin: Client, council: Organisation, name: str, content: bytes, message: str
) -> None:
    logo = SimpleUploadedFile(name, content)
    response = admin.post(reverse("settings:branding", args=[council.slug]), branding_data(council, logo=logo))
    assert message in response.content.decode()
    council.refresh_from_db()
    assert not council.logo
    assert council.brand_colour == "#1d70b8"


def test_a_brand_colour_must_be_a_hex_colour(admin: Client, council: Organisation) -> None:
    response = admin.post(
        reverse("settings:branding", args=[council.slug]), branding_data(council, brand_colour="blue")
    )
    assert "Enter a colour as # and six hex digits" in response.content.decode()


def test_adding_someone_new_gives_them_an_account_and_a_role(admin: Client, council: Organisation) -> None:
    response = admin.post(
        reverse("settings:person-add", args=[council.slug]),
        {"email": "New.Person@ThreeRivers.example", "full_name": "New Person", "role": Role.LEAD_OFFICER},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@threerivers.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, organisation=council).role == Role.LEAD_OFFICER
    assert AuditEntry.objects.filter(verb="gave a role").exists()


def test_someone_new_needs_a_name_and_someone_with_a_role_cannot_be_added_twice(
    admin: Client, council: Organisation
) -> None:
    url = reverse("settings:person-add", args=[council.slug])
    nameless = admin.post(url, {"email": "new@threerivers.example", "role": Role.GUEST})
    assert "Enter the person’s full name" in nameless.content.decode()
    twice = admin.post(url, {"email": "guest@threerivers.example", "role": Role.GUEST})
    assert "already has a role at Wendlebury District Council" in twice.content.decode()
    assert not User.objects.filter(email="new@threerivers.example").exists()


def test_changing_a_role(admin: Client, council: Organisation, people: dict[str, User]) -> None:
    membership = Membership.objects.get(user=people[Role.GUEST.value])
    admin.post(reverse("settings:person-role", args=[council.slug, membership.pk]), {"role": Role.COUNCILLOR})
    membership.refresh_from_db()
    assert membership.role == Role.COUNCILLOR


def test_the_last_administrator_cannot_be_removed_or_demoted(
    admin: Client, council: Organisation, people: dict[str, User]
) -> None:
    membership = Membership.objects.get(user=people[Role.ADMINISTRATOR.value])
    removed = admin.post(reverse("settings:person-remove", args=[council.slug, membership.pk]))
    assert "the council&#x27;s only administrator" in removed.content.decode()
    demoted = admin.post(reverse("settings:person-role", args=[council.slug, membership.pk]), {"role": Role.GUEST})
    assert "the council&#x27;s only administrator" in demoted.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.ADMINISTRATOR


def test_removing_someone_keeps_their_account(admin: Client, council: Organisation, people: dict[str, User]) -> None:
    membership = Membership.objects.get(user=people[Role.GUEST.value])
    response = admin.post(reverse("settings:person-remove", args=[council.slug, membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=people[Role.GUEST.value].pk).exists()
