"""Adding many people from a CSV or Excel file: a preview, row-numbered problems, all or nothing."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Organisation, User
from peerplan.accounts.people_file import read_people

GOOD = (
    "Name,Email address,Job title,Role\n"
    "Lee Ward,Lee.Ward@wendlebury.example,Head of Housing,Lead officer\n"
    "Pat Manager,pat@wendlebury.example,,plan-manager\n"
)


def test_a_good_file_reads_into_people() -> None:
    found = read_people(GOOD.encode(), "people.csv")
    assert found.problems == []
    assert [(r.row, r.name, r.email, r.job_title, r.role) for r in found.rows] == [
        (2, "Lee Ward", "lee.ward@wendlebury.example", "Head of Housing", "lead-officer"),
        (3, "Pat Manager", "pat@wendlebury.example", "", "plan-manager"),
    ]


def test_each_bad_row_is_named_with_what_is_wrong() -> None:
    text = (
        "Name,Email,Role\n"
        "Lee Ward,lee.ward@,Lead officer\n"
        ",sam@wendlebury.example,Boss\n"
        "Sam Again,SAM@wendlebury.example,Guest\n"
        "Ann,ann@wendlebury.example,\n"
    )
    found = read_people(text.encode(), "people.csv")
    assert found.problems == [
        "Row 2: “lee.ward@” is not an email address",
        (
            "Row 3: the name is missing; the role “Boss” is not one of: Administrator, Plan manager, Lead officer, "
            "Councillor, Guest"
        ),
        "Row 4: sam@wendlebury.example is also on row 3",
        "Row 5: the role is missing",
    ]


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"", "people.csv", "people.csv is empty"),
        (b"Full name,Job title\nLee,Head\n", "people.csv", "Row 1 must name the columns"),
        (b"PK\x03\x04 not really", "people.xlsx", "this spreadsheet is damaged and cannot be opened"),
        (b"Name,Email", "people.xlsx", "the file is not an Office Open XML package"),
        (b"Name\n", "people.docx", "choose a CSV (.csv) or Excel (.xlsx) file"),
        (b"Name,Email,Role\n" + b"A,a@b.example,Guest\n" * 501, "people.csv", "more than 500 people"),
    ],
)
def test_a_file_that_cannot_be_used_says_why(data: bytes, name: str, problem: str) -> None:
    found = read_people(data, name)
    assert found.rows == []
    assert problem in found.problems[0]


def test_an_excel_file_reads_too() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Email address", "Job title", "Role"])
    sheet.append(["Lee Ward", "lee@wendlebury.example", "Head of Housing", "Councillor"])
    out = io.BytesIO()
    book.save(out)
    found = read_people(out.getvalue(), "people.xlsx")
    assert found.problems == []
    assert found.rows[0].role == Role.COUNCILLOR


@pytest.fixture
def admin(client: Client, make_user: Callable[..., User], organisation: Organisation) -> Client:
    client.force_login(make_user("admin@wendlebury.example", organisation=organisation, role=Role.ADMINISTRATOR))
    return client


def test_upload_preview_then_confirm_adds_everyone_and_invites_them(admin: Client, organisation: Organisation) -> None:
    url = reverse("settings:people-upload", args=[organisation.slug])
    preview = admin.post(url, {"file": SimpleUploadedFile("people.csv", GOOD.encode())})
    page = preview.content.decode()
    assert "Check the 2 people to add" in page
    assert "lee.ward@wendlebury.example" in page
    assert not User.objects.filter(email="lee.ward@wendlebury.example").exists()  # nothing saved yet
    signed = preview.context["signed"]
    done = admin.post(url, {"people": signed})
    assert done.status_code == 302
    assert set(organisation.memberships.values_list("user__email", flat=True)) >= {
        "lee.ward@wendlebury.example",
        "pat@wendlebury.example",
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["lee.ward@wendlebury.example", "pat@wendlebury.example"]


def test_a_bad_file_adds_nobody_and_names_the_rows(admin: Client, organisation: Organisation) -> None:
    url = reverse("settings:people-upload", args=[organisation.slug])
    bad = GOOD + "Ann,not-an-address,Lead officer\n"
    page = admin.post(url, {"file": SimpleUploadedFile("people.csv", bad.encode())}).content.decode()
    assert "nobody has been added" in page
    assert "Row 4: “not-an-address” is not an email address" in page
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_someone_already_at_the_council_is_named_and_a_tampered_list_is_refused(
    admin: Client, organisation: Organisation, make_user: Callable[..., User]
) -> None:
    make_user("pat@wendlebury.example", organisation=organisation)
    url = reverse("settings:people-upload", args=[organisation.slug])
    page = admin.post(url, {"file": SimpleUploadedFile("people.csv", GOOD.encode())}).content.decode()
    assert "Row 3: pat@wendlebury.example already has a role at Wendlebury District Council" in page
    response = admin.post(url, {"people": "forged"}, follow=True)
    assert "The list has expired or was changed" in response.content.decode()
    assert not User.objects.filter(email="lee.ward@wendlebury.example").exists()
