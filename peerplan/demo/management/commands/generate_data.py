"""`peerplan generate_data`: make large fictional data to measure pages and reports against."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerplan.demo.generate import Spec, generate


class Command(BaseCommand):
    help = (
        "Generate fictional councils with reviews, actions and quarterly updates for benchmarks (bench/). "
        "Without --commit nothing is written. Example, one council of 100,000 actions and 1,000,000 updates: "
        "peerplan generate_data --councils 1 --reviews 200 --actions 500 --quarters 10 --commit"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--councils", type=int, default=1, help="How many councils (default 1).")
        parser.add_argument("--reviews", type=int, default=1, help="Reviews per council (default 1).")
        parser.add_argument("--recommendations", type=int, default=10, help="Recommendations per review (default 10).")
        parser.add_argument("--actions", type=int, default=500, help="Actions per review (default 500).")
        parser.add_argument("--quarters", type=int, default=8, help="Quarters of updates per action (default 8).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; also names the councils (default 1).")
        parser.add_argument("--commit", action="store_true", help="Write the data (default: say what it would write).")

    def handle(self, *args: Any, **options: Any) -> None:
        spec = Spec(
            councils=options["councils"],
            reviews=options["reviews"],
            recommendations=options["recommendations"],
            actions=options["actions"],
            quarters=options["quarters"],
            seed=options["seed"],
        )
        for name in ("councils", "reviews", "recommendations", "actions"):
            if getattr(spec, name) < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if spec.quarters < 0:
            raise CommandError("--quarters must be 0 or more.")
        total = spec.councils * spec.reviews * spec.actions
        if not options["commit"]:
            self.stdout.write(
                f"Would create {spec.councils} council(s), {spec.councils * spec.reviews} review(s), "
                f"{total} actions and {total * spec.quarters} updates. Run again with --commit."
            )
            return
        started = time.perf_counter()
        result = generate(spec)
        self.stdout.write(
            f"Created {result.organisations} council(s), {result.reviews} review(s), {result.actions} actions, "
            f"{result.updates} updates in {time.perf_counter() - started:.1f} s. First review: {result.first_review_id}"
        )
