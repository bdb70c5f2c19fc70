"""Every page and API endpoint, walked from the URL configuration: anonymous people are sent to sign in,
people with no role in a council (or a role in another) never see its plan, and inside the council the wrong
role is refused: guests, councillors and lead officers on the pages that change a plan (a lead officer on
another officer's update form), plan managers on the administrator's pages.

Each app's own tests walk anonymous / no role / wrong role / right role for its views; this test makes sure
no view is left out of that, including views added later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from peerplan.accounts.enums import Role
from peerplan.accounts.models import Committee, Membership
from peerplan.api.services import api_token_create
from peerplan.importers.drafts import draft_create
from peerplan.notifications.models import EmailLog
from peerplan.plans.enums import ActionStatus
from peerplan.plans.models import Review
from peerplan.plans.services import revision_request
from peerplan.progress.services import action_update_post, reporting_period_create
from peerplan.reports.services import report_issue
from peerplan.testing import factories as f

pytestmark = pytest.mark.django_db

# Pages anyone may open: signing in, resetting a password, accepting an invitation, a calendar feed (its secret
# address is the key), the accessibility statement, a council's
# colour and logo (public branding), and the API's description.
PUBLIC = {
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:password-reset",
    "accounts:password-reset-sent",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "accounts:invitation",
    "notifications:calendar-feed",
    "ui:accessibility",
    "ui:brand-stylesheet",
    "ui:logo",
    "reports:stylesheet",
    "api:openapi-json",
    "api:api-root",
    "api:openapi-view",
}
# The public progress pages: open to everyone on purpose, but only for a review its council has published.
# The world's review is not published, so each of these must be a 404 for everyone (tested below).
PUBLISHED_ONLY = {
    "public:review",
    "public:plan-data",
    "public:feed",
    "public:report-data",
    "public:report-file",
}
PUBLIC |= PUBLISHED_ONLY | {"public:index"}
SECRET = "Zebracrossing"  # a word that appears only in the guarded council's plan


def patterns(resolvers: list[URLPattern | URLResolver], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    for p in resolvers:
        if isinstance(p, URLResolver):
            yield from patterns(p.url_patterns, prefix + str(p.pattern), p.namespace or ns)
        elif not prefix.startswith("admin/"):
            yield prefix + str(p.pattern), f"{ns}:{p.name}" if ns else str(p.name)


@pytest.fixture
def world():
    org = f.council("Zebracrossing District Council", "zebracrossing")
    review = f.review(org, title=f"{SECRET} peer challenge")
    rec = f.recommendation(review, f"{SECRET} recommendation")
    lead = f.person(org, Role.LEAD_OFFICER, "lead@zebracrossing.example", "Lee Ward")
    action = f.action(rec, f"{SECRET} action", lead=lead)
    period = reporting_period_create(
        review=review, actor=None, name="Q1", start=date(2025, 4, 1), end=date(2025, 6, 30)
    )
    update = action_update_post(
        action=action,
        author=None,
        on=date(2025, 6, 1),
        status=ActionStatus.IN_PROGRESS,
        commentary=SECRET,
        files=[SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 " + SECRET.encode())],
    )
    revision = revision_request(
        action=action, actor=None, new_due=date(2026, 6, 30), reason=SECRET, on=date(2025, 6, 2)
    )
    committee = Committee.objects.create(organisation=org, name="Cabinet")
    report = report_issue(
        review=review,
        actor=None,
        as_of=date(2025, 6, 30),
        kind="progress",
        layout="ref-details",
        committee=committee,
        meeting_date=None,
        cover={},
        formats=["csv"],
        period=period,
    )
    review.peer_team.create(name="Pat Peer", role="Lead peer", organisation="Elsewhere")
    email = EmailLog.objects.create(
        organisation=org, to=lead.email, kind="reminder", reason=SECRET, subject=SECRET, body=SECRET, status="failed"
    )
    token, _ = api_token_create(
        user=lead,
        organisation=org,
        name=f"{SECRET} token",
        access="read",
        expires_at=timezone.now() + timedelta(days=30),
        actor=None,
        at=timezone.now(),
    )
    values = {
        "reviews/pk": review.pk,
        "recommendations/pk": rec.pk,
        "actions/pk": action.pk,
        "owners/pk": action.lead_officer_id,
        "updates/pk": update.pk,
        "evidence/pk": update.files.get().pk,
        "reports/pk": report.pk,
        "member_pk": review.peer_team.get().pk,
        "api-tokens/pk": token.pk,
        "rec_pk": rec.pk,
        "action_pk": action.pk,
        "revision_pk": revision.pk,
        "period_pk": period.pk,
        "milestone": "progress-review",
        "org": org.slug,
        "committees/pk": committee.pk,
        "people/pk": Membership.objects.get(user=lead).pk,
        "emails/pk": email.pk,
        "file_format": "csv",
        "review_id": review.pk,
        "council": org.slug,
        "report_id": report.pk,
        "data_format": "csv",
        "export_format": "csv",
        "action_id": action.pk,
        "uidb64": "MQ",
        "token": "x-y",
    }
    return org, values


def url_of(route: str, values: dict[str, object]) -> str:
    """Fill each <converter:name> from `values`, keyed "segment/name" (the path segment before it) or "name"."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        segment = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        for key in (f"{segment}/{name}", name):
            if key in values:
                return str(values[key])
        raise KeyError(f"no value for <{name}> in {route}: add one to the world fixture")

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, route)


def guarded_pages(values: dict[str, object]) -> list[tuple[str, str]]:
    routes = [(route, name) for route, name in patterns(get_resolver().url_patterns) if name not in PUBLIC]
    return [(name, url_of(route, values)) for route, name in routes]


def test_every_guarded_page_sends_anonymous_people_to_sign_in(world):
    _, values = world
    wrong = []
    for name, url in guarded_pages(values):
        for method in ("get", "post"):
            response = getattr(Client(), method)(url)
            ok = (
                (response.status_code == 401 and url.startswith("/api/"))
                or (response.status_code == 302 and response["Location"].startswith("/account/sign-in/"))
                or response.status_code == 405
            )
            if not ok or SECRET in response.content.decode(errors="replace"):
                wrong.append(f"{method.upper()} {url} ({name}): {response.status_code}")
    assert not wrong, "pages open to anonymous people:\n" + "\n".join(wrong)


@pytest.mark.parametrize("stranger", ["no role anywhere", "administrator of another council"])
def test_people_with_no_role_in_a_council_never_see_its_plan(world, stranger):
    _, values = world
    if stranger == "no role anywhere":
        user = f.person(None, None, "nobody@example.org")
    else:
        user = f.person(f.council("Fernley Borough Council", "fernley"), Role.ADMINISTRATOR, "admin@fernley.example")
    client = Client()
    client.force_login(user)
    wrong = []
    for name, url in guarded_pages(values):
        response = client.get(url, follow=True)
        body = response.content.decode(errors="replace")
        if SECRET in body or "Zebracrossing District Council" in body:
            wrong.append(f"GET {url} ({name}): {response.status_code} shows the council's plan")
        if response.status_code == 500:
            wrong.append(f"GET {url} ({name}): 500")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("who", ["anonymous", "the council's administrator", "administrator of another council"])
def test_an_unpublished_reviews_public_pages_are_not_found_for_everyone(world, who):
    org, values = world
    client = Client()
    if who == "the council's administrator":
        client.force_login(f.person(org, Role.ADMINISTRATOR, "admin@zebracrossing.example"))
    elif who == "administrator of another council":
        client.force_login(f.person(f.council("Fernley Borough Council", "fernley"), Role.ADMINISTRATOR, "a@f.example"))
    routes = [(route, name) for route, name in patterns(get_resolver().url_patterns) if name in PUBLISHED_ONLY]
    assert {name for _, name in routes} == PUBLISHED_ONLY
    wrong = []
    for route, name in routes:
        response = client.get(url_of(route, values))
        # Its own administrator's pages carry the council's name in the header: only the status counts there.
        shows = SECRET in response.content.decode(errors="replace") and who != "the council's administrator"
        if response.status_code != 404 or shows:
            wrong.append(f"GET {url_of(route, values)} ({name}): {response.status_code}")
    index = Client().get("/public/").content.decode()
    assert SECRET not in index
    assert not wrong, "an unpublished review's public pages answer:\n" + "\n".join(wrong)


def test_the_walk_reaches_every_app():
    names = {name.split(":")[0] for _, name in patterns(get_resolver().url_patterns) if ":" in name}
    apps = {"progress", "plans", "reports", "importers", "audit", "settings", "api", "public", "publishing", "tokens"}
    assert apps <= names


# Inside the council: pages every reader (guest, councillor, lead officer) may open, and pages about the person
# themself. Every other guarded page belongs to plan managers, so a page added later is refused to readers
# until it is listed here.
READER_PAGES = {
    "dashboard",
    "search",
    "evidence",
    "progress:home",
    "progress:my-actions",
    "progress:review",
    "progress:plan",
    "progress:recommendation",
    "progress:action",
    "progress:evidence",
    "progress:search",
    "audit:list",
    "audit:review",
    "audit:action",
    "reports:list",
    "reports:detail",
    "reports:download",
    "plans:list",
    "plans:plan-export",
    "api:reviews",
    "api:review_detail",
    "api:review_figures",
    "api:review_plan",
    "api:review_actions",
    "api:review_periods",
    "api:review_snapshot",
    "api:review_reports",
    "api:action_detail",
    "api:action_updates",
    "api:report_detail",
    "api:report_snapshot",
    "api:report_file",
}
OWN_PAGES = {
    "accounts:password-change",
    "accounts:password-change-done",
    "ui:patterns",
    "notifications:calendars",
    "tokens:list",
    "tokens:new",
}
# The council's settings, its chasing schedule, its report defaults and other people's API tokens: administrators.
ADMINISTRATOR_PAGES = {
    "settings:index",
    "settings:overview",
    "settings:rag",
    "settings:rag-rule",
    "settings:committees",
    "settings:committee-remove",
    "settings:branding",
    "settings:people",
    "settings:person-add",
    "settings:people-upload",
    "settings:person-role",
    "settings:person-remove",
    "settings:person-invite",
    "settings:person-deactivate",
    "notifications:chasing",
    "reports:defaults",
    "tokens:revoke",
}
# A body the API accepts, so a refusal is the permission check and not the body's validation.
API_UPDATE = {"status": "in-progress", "commentary": "Posted by the wrong person", "version": 1}
REFUSED = {403, 404}


def _refusals(client: Client, pages: list[tuple[str, str]], readable: Set[str] = frozenset()) -> list[str]:
    """Each page refused to GET (405 if it only takes POST) and to POST, even with a valid API body.

    A GET is not asked of an address that is also a `readable` page (the API lists an action's updates at the
    address where it takes a new one)."""
    wrong = []
    for name, url in pages:
        got = client.get(url, follow=True)
        if url not in readable and got.status_code not in REFUSED | {405}:
            wrong.append(f"GET {url} ({name}): {got.status_code}")
        if url.startswith("/api/"):
            posted = client.post(url, API_UPDATE, content_type="application/json")
        else:
            posted = client.post(url)
        if posted.status_code not in REFUSED | {405} or posted.status_code == got.status_code == 405:
            wrong.append(f"POST {url} ({name}): {posted.status_code}")
    return wrong


def _openings(client: Client, pages: list[tuple[str, str]]) -> list[str]:
    """Each page opens (after any redirect), unless it only takes POST."""
    return [
        f"GET {url} ({name}): {status}"
        for name, url in pages
        if (status := client.get(url, follow=True).status_code) not in {200, 405}
    ]


@pytest.mark.parametrize("role", [Role.GUEST, Role.COUNCILLOR, Role.LEAD_OFFICER])
def test_readers_in_the_council_are_refused_every_page_that_changes_its_plan(world, role):
    """A guest or councillor on a plan manager's page, or a lead officer on another officer's update form."""
    org, values = world
    Review.objects.filter(organisation=org).update(plan_approved_on=date(2025, 4, 1))  # readers may see it
    person = f.person(org, role, f"{role.value}@zebracrossing.example")
    # An upload left from when they managed plans: the check page must refuse it, not only redirect.
    draft_create(organisation=org, filename="plan.csv", data=b"Recommendation,Action\nR1,A1\n", actor=person)
    client = Client()
    client.force_login(person)
    pages = guarded_pages(values)
    assert {name for name, _ in pages} >= READER_PAGES | OWN_PAGES | ADMINISTRATOR_PAGES, "a listed page has gone"
    readable = [(name, url) for name, url in pages if name in READER_PAGES | OWN_PAGES]
    closed = _openings(client, readable)
    assert not closed, "readers cannot open pages they should:\n" + "\n".join(closed)
    others = [(name, url) for name, url in pages if name not in READER_PAGES | OWN_PAGES]
    wrong = _refusals(client, others, readable={url for _, url in readable})
    assert not wrong, f"a {role.label.lower()} who owns nothing reaches:\n" + "\n".join(wrong)


def test_plan_managers_are_refused_the_administrators_pages(world):
    org, values = world
    client = Client()
    client.force_login(f.person(org, Role.PLAN_MANAGER, "pm@zebracrossing.example"))
    pages = guarded_pages(values)
    managed = [(name, url) for name, url in pages if name not in ADMINISTRATOR_PAGES]
    closed = _openings(client, managed)
    assert not closed, "a plan manager cannot open:\n" + "\n".join(closed)
    wrong = _refusals(client, [(name, url) for name, url in pages if name in ADMINISTRATOR_PAGES])
    assert not wrong, "a plan manager reaches an administrator's page:\n" + "\n".join(wrong)
