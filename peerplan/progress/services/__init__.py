"""Writes to progress, one module per entity (updates, reporting periods). Import from here."""

from .periods import reporting_period_create, reporting_period_open, reporting_period_remind
from .updates import action_update_post, progress_update_withdraw

__all__ = [
    "action_update_post",
    "progress_update_withdraw",
    "reporting_period_create",
    "reporting_period_open",
    "reporting_period_remind",
]
