"""`peerplan demo`: load the fictional demo council and print the demo sign-ins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from peerplan.demo.setup import PASSWORD, PEOPLE, demo_load


class Command(BaseCommand):
    help = (
        "Load the fictional Kestrel Vale Borough Council: a corporate peer challenge plan with a year of "
        "quarterly updates, an internal-audit tracker, committees, and one person for each role. "
        "Safe to run again: the plans are loaded once; the demo passwords are reset each time. "
        "Prints the sign-ins. For demonstration databases only: the password is public."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation, review_ids = demo_load()
        if review_ids:
            self.stdout.write(f"Loaded {organisation.name}: reviews {', '.join(map(str, review_ids))}.")
        else:
            self.stdout.write(f"{organisation.name} was loaded already; demo passwords reset.")
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {PASSWORD})")
        for person in PEOPLE:
            self.stdout.write(f"  {person.role.label:<20} {person.email:<38} {person.full_name}")
        self.stdout.write("")
        self.stdout.write(f"Open {settings.SITE_URL} and sign in.")
