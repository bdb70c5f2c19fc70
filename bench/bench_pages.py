"""Time the pages people open most, on big data: server time per request through Django's test Client.

Builds one council in a scratch database (SQLite in a temporary file; PostgreSQL's test database when
DATABASE_URL is set) with --org-actions actions in reviews of --plan-actions each and 8 quarters of
updates, then times the dashboard and a recommendation of the first review, My actions and search.
Prints the median and 95th percentile per page. Target: p95 < 100 ms. Exits 1 when a page misses it.

    .venv/bin/python bench/bench_pages.py                     500-action plan, 100,000-action council
    .venv/bin/python bench/bench_pages.py --quick             500-action plan, 5,000-action council
    .venv/bin/python bench/bench_pages.py --org-actions 20000 --runs 50
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerplan.config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from peerplan.accounts.models import User  # noqa: E402
from peerplan.demo.generate import Spec, generate  # noqa: E402
from peerplan.plans.models import Action, Recommendation, Review  # noqa: E402

TARGET_P95_MS = 100.0


def quarters_back(today: date, quarters: int) -> date:
    """The first day of the quarter `quarters - 1` before today's, so today falls in the last generated one."""
    month_index = today.year * 12 + (today.month - 1) // 3 * 3 - 3 * (quarters - 1)
    return date(month_index // 12, month_index % 12 + 1, 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_page(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    for _ in range(2):  # warm caches and templates
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times), percentile(times, 0.95), len(response.content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a 5,000-action council (unless --org-actions)")
    parser.add_argument("--org-actions", type=int, default=None, help="actions in the council (default 100000)")
    parser.add_argument("--plan-actions", type=int, default=500, help="actions per review (default 500)")
    parser.add_argument("--quarters", type=int, default=8, help="quarters of updates (default 8)")
    parser.add_argument("--runs", type=int, default=None, help="timed requests per page (default 30; quick 10)")
    args = parser.parse_args(sys.argv[1:])
    org_actions = args.org_actions or (5_000 if args.quick else 100_000)
    runs = args.runs or (10 if args.quick else 30)
    reviews = max(1, org_actions // args.plan_actions)

    scratch = tempfile.TemporaryDirectory(prefix="peerplan-bench-")
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(scratch.name) / "bench.sqlite3")  # a file, not memory
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        today = timezone.localdate()
        started = time.perf_counter()
        made = generate(
            Spec(
                reviews=reviews,
                recommendations=10,
                actions=args.plan_actions,
                quarters=args.quarters,
                start=quarters_back(today, args.quarters),
            )
        )
        print(
            f"{connection.vendor}: {made.actions:,} actions in {made.reviews} reviews, {made.updates:,} updates, "
            f"built in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        with connection.cursor() as cursor:  # as autovacuum would have by now: plans need the tables' statistics
            cursor.execute("ANALYZE")
        assert made.first_review_id is not None
        review = Review.objects.get(pk=made.first_review_id)
        # The generator's objects would not live in a web server: keep them out of the timed collections.
        gc.collect()
        gc.freeze()
        rec = Recommendation.objects.filter(review=review).order_by("order").first()
        assert rec is not None
        lead = User.objects.get(email="lead0@bench.example")
        manager = User.objects.get(email="plan0@bench.example")
        owned = Action.objects.owned_by(lead).count()
        pages = [
            ("Review dashboard (500 actions)", manager, reverse("progress:review", args=[review.pk])),
            ("The plan (500 actions)", manager, reverse("progress:plan", args=[review.pk])),
            (
                f"Recommendation ({rec.actions.count()} actions)",
                manager,
                reverse("progress:recommendation", args=[rec.pk]),
            ),
            (f"My actions ({owned:,} owned)", lead, reverse("progress:my-actions")),
            ("Search 'housing' (whole council)", manager, reverse("progress:search") + "?q=housing"),
            ("Search 'head of finance' (owner)", manager, reverse("progress:search") + "?q=head+of+finance"),
        ]
        print(f"{'page':<40} {'median ms':>10} {'p95 ms':>10} {'KB':>8}")
        missed = []
        for label, person, url in pages:
            client = Client()
            client.force_login(person)
            median, p95, size = time_page(client, url, runs)
            flag = "" if p95 < TARGET_P95_MS else "  > target"
            print(f"{label:<40} {median:>10.1f} {p95:>10.1f} {size / 1024:>8.0f}{flag}", flush=True)
            if flag:
                missed.append(label)
        print(f"Target: p95 < {TARGET_P95_MS:.0f} ms ({runs} requests per page after 2 warm-ups).")
        return 1 if missed else 0
    finally:
        teardown_databases(old_config, verbosity=0)
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
