"""Writes to the plan, one module per entity: each service is one transaction, validates, saves and records an
audit entry. Named <entity>_<verb>; keyword-only, typed arguments; the acting person and the date are passed in.
An update takes only the fields it changes: a field left out keeps its value (KEEP), and None is a value.

Import from here; the modules are how the code is kept, not part of the interface.
"""

from ._common import KEEP, Keep
from .actions import (
    DUE_DATE_LOCKED,
    action_close_statuses,
    action_create,
    action_delete,
    action_move,
    action_update,
    renumber_with_steps,
    sort_key_for,
)
from .organisations import organisation_create
from .owners import owner_get_or_create, owner_links, owner_merge, owner_rename, owners_resolve
from .recommendations import recommendation_create, recommendation_move, recommendation_update
from .reviews import (
    milestone_met_record,
    peer_team_member_add,
    peer_team_member_remove,
    plan_approve,
    review_archive,
    review_create,
    review_delete,
    review_themes_set,
    review_update,
)
from .revisions import revision_decide, revision_request

__all__ = [
    "DUE_DATE_LOCKED",
    "KEEP",
    "Keep",
    "action_close_statuses",
    "action_create",
    "action_delete",
    "action_move",
    "action_update",
    "milestone_met_record",
    "organisation_create",
    "owner_get_or_create",
    "owner_links",
    "owner_merge",
    "owner_rename",
    "owners_resolve",
    "peer_team_member_add",
    "peer_team_member_remove",
    "plan_approve",
    "recommendation_create",
    "recommendation_move",
    "recommendation_update",
    "renumber_with_steps",
    "review_archive",
    "review_create",
    "review_delete",
    "review_themes_set",
    "review_update",
    "revision_decide",
    "revision_request",
    "sort_key_for",
]
