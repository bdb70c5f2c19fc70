"""Writes to councils and their people, one module per entity (council settings, people). Import from here."""

from .council import (
    RagWording,
    branding_update,
    committee_add,
    committee_remove,
    rag_rule_update,
    rag_vocabulary_update,
)
from .people import (
    membership_add,
    membership_remove,
    membership_role_change,
    people_add_many,
    people_already_here,
    person_deactivate,
    person_line_manager_set,
    person_reactivate,
)

__all__ = [
    "RagWording",
    "branding_update",
    "committee_add",
    "committee_remove",
    "membership_add",
    "membership_remove",
    "membership_role_change",
    "people_add_many",
    "people_already_here",
    "person_deactivate",
    "person_line_manager_set",
    "person_reactivate",
    "rag_rule_update",
    "rag_vocabulary_update",
]
