"""The one place that answers "who may do what". Every view, API endpoint, report and command asks here.

Rules: administrators and plan managers run the plan; a lead officer updates only the actions they own;
councillors and guests read and never write; nobody sees another council's plans. Superusers are
Django-admin operators, not council staff: they get no implicit access to plans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from .enums import Role

if TYPE_CHECKING:
    from datetime import date

    from peerplan.plans.models import Action, Review
    from peerplan.progress.models import ProgressUpdate

    from .models import Organisation, User

MANAGERS = frozenset({Role.ADMINISTRATOR, Role.PLAN_MANAGER})
READERS = frozenset(Role)


def signed_in(user: Any) -> User:
    """The person behind a signed-in view, as the write services take them (`actor: User`); 403 otherwise."""
    from .models import User  # as elsewhere in this module, models are imported where they are used

    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def role_in(user: Any, organisation: Organisation | None) -> Role | None:
    """The person's role in the organisation, or None (anonymous, no membership, inactive)."""
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache: dict[int, Role | None] = user.__dict__.setdefault("_peerplan_roles", {})
    if organisation.pk not in cache:
        membership = user.memberships.filter(organisation_id=organisation.pk).values_list("role", flat=True).first()
        cache[organisation.pk] = Role(membership) if membership else None
    return cache[organisation.pk]


def organisations_of(user: Any) -> list[Organisation]:
    from .models import Organisation

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(Organisation.objects.filter(memberships__user=user).distinct())


def _has(user: Any, organisation: Organisation | None, roles: frozenset[Role]) -> bool:
    return role_in(user, organisation) in roles


# Organisation-wide abilities
def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    return _has(user, organisation, READERS)


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """Settings, people and roles: administrators only."""
    return _has(user, organisation, frozenset({Role.ADMINISTRATOR}))


def can_view_email_log(user: Any, organisation: Organisation) -> bool:
    """The email log, the schedule's state and "Send again": plan managers and administrators."""
    return _has(user, organisation, MANAGERS)


def can_create_review(user: Any, organisation: Organisation) -> bool:
    return _has(user, organisation, MANAGERS)


def can_manage_owners(user: Any, organisation: Organisation) -> bool:
    """Rename or merge the council's owners (people, roles, bodies named in its plans)."""
    return _has(user, organisation, MANAGERS)


def can_import_plan(user: Any, organisation: Organisation) -> bool:
    return _has(user, organisation, MANAGERS)


def can_view_audit(user: Any, organisation: Organisation) -> bool:
    return _has(user, organisation, READERS)


# Review-level abilities
# Who reads a plan before Cabinet approves it: the people who write it. Councillors and guests (LGA peers)
# read approved plans only, so a draft or a test review never reaches a councillor's dashboard.
DRAFT_READERS = frozenset({Role.ADMINISTRATOR, Role.PLAN_MANAGER, Role.LEAD_OFFICER})


def can_view_review(user: Any, review: Review) -> bool:
    """Managers see every review, archived ones too; lead officers every review not archived; councillors
    and guests approved reviews not archived."""
    role = role_in(user, review.organisation)
    if role is None:
        return False
    if role in MANAGERS:
        return True
    if review.archived_on is not None:
        return False
    return role in DRAFT_READERS or review.plan_approved_on is not None


def reviews_visible_to(user: Any) -> Q:
    """The reviews a person may read, as a filter for lists and search (the same rule as can_view_review)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    roles = dict(user.memberships.values_list("organisation_id", "role"))
    managed = [org for org, role in roles.items() if role in MANAGERS]
    drafting = [org for org, role in roles.items() if role in DRAFT_READERS and role not in MANAGERS]
    reading = [org for org, role in roles.items() if role not in DRAFT_READERS]
    live = Q(archived_on__isnull=True)
    return (
        Q(organisation_id__in=managed)
        | (Q(organisation_id__in=drafting) & live)
        | Q(organisation_id__in=reading, plan_approved_on__isnull=False, archived_on__isnull=True)
    )


def can_archive_review(user: Any, review: Review) -> bool:
    """Archive a draft or test review (or bring it back), or delete one never approved: managers only."""
    return _has(user, review.organisation, MANAGERS)


def audit_entries_visible_to(user: Any, organisation: Organisation) -> Q:
    """The council's audit entries a person may read, as a filter (the same rule as can_view_review).

    Guests see only entries about approved reviews: an entry with no review (settings, committees) or about
    a draft review would show them wording that the pages themselves refuse.
    """
    from peerplan.plans.models import Review

    role = role_in(user, organisation)
    if role is None:
        return Q(pk__in=[])
    if role != Role.GUEST:
        return Q(organisation_id=organisation.pk)
    approved = Review.objects.filter(organisation=organisation).filter(reviews_visible_to(user))
    ids = list(approved.values_list("pk", flat=True))
    return Q(organisation_id=organisation.pk) & (
        Q(review_id__in=ids) | Q(review_id__isnull=True, target_type="review", target_id__in=[str(i) for i in ids])
    )


def can_edit_plan(user: Any, review: Review) -> bool:
    """Edit the review, its recommendations and actions; approve; open reporting periods."""
    return _has(user, review.organisation, MANAGERS)


def can_produce_reports(user: Any, review: Review) -> bool:
    return _has(user, review.organisation, MANAGERS)


def can_view_reports(user: Any, review: Review) -> bool:
    return can_view_review(user, review)


# Action-level abilities
def owns(user: Any, action: Action) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if action.lead_officer_id is not None and action.lead_officer and action.lead_officer.user_id == user.pk:
        return True
    return action.owners.filter(user=user).exists()


def can_update_action(user: Any, action: Action) -> bool:
    """Post a progress update or ask for a revised date: the action's owner, or a plan manager."""
    role = role_in(user, action.review.organisation)
    if role in MANAGERS:
        return True
    return role == Role.LEAD_OFFICER and owns(user, action)


def can_decide_revision(user: Any, action: Action) -> bool:
    return _has(user, action.review.organisation, MANAGERS)


def can_withdraw_update(user: Any, update: ProgressUpdate, *, at: date) -> bool:
    """Withdraw a mistaken update: a plan manager or administrator at any time; its author only while the
    reporting period it belongs to is open (before the period ends; the day itself if it has no period)."""
    organisation = update.action.review.organisation
    role = role_in(user, organisation)
    if role in MANAGERS:
        return True
    if role != Role.LEAD_OFFICER or update.author_id is None or update.author_id != user.pk:
        return False
    last_day = update.period.end if update.period_id and update.period else update.date
    return at <= last_day


# API tokens: a token acts as its person, within that person's permissions above, and narrower still.
def api_token_allows(token: Any, organisation: Organisation, *, write: bool) -> bool:
    """A token reaches only the council it was made for, and writes only if it is read-write.

    `token` is None for a signed-in browser session, which these limits do not apply to.
    """
    if token is None:
        return True
    if token.organisation_id != organisation.pk:
        return False
    return token.may_write or not write


def can_manage_api_tokens_of(user: Any, person: Any, organisation: Organisation) -> bool:
    """Make or revoke a token for `person` in the council: the person themself (with a role there), or its
    administrator for anyone who has a role there."""
    if role_in(person, organisation) is None:
        return False
    if getattr(user, "pk", None) == person.pk:
        return True
    return can_manage_organisation(user, organisation)


def require(allowed: bool) -> None:
    """Raise PermissionDenied (HTTP 403) unless allowed."""
    if not allowed:
        raise PermissionDenied


def can_update_owned_actions(user: Any, organisation: Organisation) -> bool:
    """Whether the person may update the actions they own in this council (for lists of their own actions)."""
    role = role_in(user, organisation)
    return role in MANAGERS or role == Role.LEAD_OFFICER
