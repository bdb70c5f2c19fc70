"""Time the pages people open most, on big data: server time per request through Django's test Client.

Builds one council in a scratch database (SQLite in a temporary file; PostgreSQL's test database when
DATABASE_URL is set) with --org-actions actions in reviews of --plan-actions each and 8 quarters of
updates, plus one review of --api-actions actions, then times the dashboard (from its cache, and built
afresh as after a write), the plan and a recommendation of the first review, My actions, search for a
common word and for a real owner's name, and the API's plan JSON. PostgreSQL gets VACUUM ANALYZE first (as
autovacuum would have), SQLite ANALYZE. Prints the median and 95th percentile per page, the page's own
SQL time and page ÷ SQL, and the load average beside each figure. Targets: pages p95 < 100 ms, the API
< 150 ms. Exits 1 when one misses.

    .venv/bin/python bench/bench_pages.py                     500-action plan, 100,000-action council
    .venv/bin/python bench/bench_pages.py --quick             500-action plan, 5,000-action council
    .venv/bin/python bench/bench_pages.py --org-actions 20000 --runs 50
    .venv/bin/python bench/bench_pages.py --keep --only "my actions,api"   two of the pages, on the kept data
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
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerplan.config.settings.test")

import django

django.setup()

from django.core.cache import cache  # noqa: E402 - after django.setup()
from django.db import connection  # noqa: E402 - after django.setup()
from django.test import Client  # noqa: E402 - after django.setup()
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402 - after django.setup()
from django.urls import reverse  # noqa: E402 - after django.setup()
from django.utils import timezone  # noqa: E402 - after django.setup()

from bench import interpreter  # noqa: E402 - after django.setup()
from peerplan.accounts.models import User  # noqa: E402 - after django.setup()
from peerplan.demo.generate import Generated, Spec, generate  # noqa: E402 - after django.setup()
from peerplan.plans.models import Action, Owner, Recommendation, Review  # noqa: E402 - after django.setup()
from peerplan.progress.models import ProgressUpdate  # noqa: E402 - after django.setup()

TARGET_P95_MS = 100.0
COLD = "cold:"  # a page timed with the cache emptied before each request
API_TARGET_MS = 150.0


def quarters_back(today: date, quarters: int) -> date:
    """The first day of the quarter `quarters - 1` before today's, so today falls in the last generated one."""
    month_index = today.year * 12 + (today.month - 1) // 3 * 3 - 3 * (quarters - 1)
    return date(month_index // 12, month_index % 12 + 1, 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_page(client: Client, url: str, runs: int, *, cold: bool = False) -> tuple[float, float, int, float]:
    """Median and p95 server time in ms, the response's size, and the page's own SQL time (ms, one request).

    `cold`: Django's cache is emptied before each request, as after a write (the dashboard's figures are cached).
    """
    for _ in range(2):  # warm caches and templates
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:  # one more request, its queries timed by Django
        client.get(url)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return statistics.median(times), percentile(times, 0.95), len(response.content), sql_ms


TABLE_HEADER = f"{'page':<44} {'median ms':>10} {'p95 ms':>8} {'SQL ms':>8} {'page/SQL':>9} {'KB':>6} {'load':>6}"


def load_average() -> str:
    """The machine's 1-minute load average, printed beside each figure: a busy machine explains a slow one."""
    return f"{os.getloadavg()[0]:.2f}"


def settle_statistics() -> None:
    """As a live database would be after autovacuum: PostgreSQL's VACUUM ANALYZE, SQLite's ANALYZE."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def pages_to_time(
    review: Review, plan_actions: int, api_actions: int, api_review_id: int
) -> list[tuple[str, User, str]]:
    """The pages people open most, each with the person who opens it; the searches use words from the data."""
    rec = Recommendation.objects.filter(review=review).order_by("order").first()
    assert rec is not None
    lead = User.objects.get(email="lead0@bench.example")
    manager = User.objects.get(email="plan0@bench.example")
    owned = Action.objects.owned_by(lead).count()
    owner_name = Owner.objects.filter(user=lead).values_list("name", flat=True).get()  # searched as people do
    word = "housing"
    matches = Action.objects.filter(review__organisation=review.organisation, text__icontains=word).count()
    return [
        (f"Review dashboard ({plan_actions} actions)", manager, reverse("progress:review", args=[review.pk])),
        (f"{COLD}Review dashboard, after a write", manager, reverse("progress:review", args=[review.pk])),
        (f"The plan ({plan_actions} actions)", manager, reverse("progress:plan", args=[review.pk])),
        (
            f"Recommendation ({rec.actions.count()} actions)",
            manager,
            reverse("progress:recommendation", args=[rec.pk]),
        ),
        (f"My actions ({owned:,} owned)", lead, reverse("progress:my-actions")),
        (f"Search '{word}' ({matches:,} actions)", manager, reverse("progress:search") + f"?q={word}"),
        (f"Search owner '{owner_name}'", manager, reverse("progress:search") + "?" + urlencode({"q": owner_name})),
        (f"API plan JSON ({api_actions:,} actions)", manager, f"/api/reviews/{api_review_id}/plan"),
    ]


def chosen(pages: list[tuple[str, User, str]], only: str) -> list[tuple[str, User, str]]:
    """The pages named by --only (comma-separated words, any case), else all of them."""
    wanted = [w.strip().lower() for w in only.split(",") if w.strip()]
    return [p for p in pages if any(w in p[0].lower() for w in wanted)] if wanted else pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a 5,000-action council (unless --org-actions)")
    parser.add_argument("--org-actions", type=int, default=None, help="actions in the council (default 100000)")
    parser.add_argument("--plan-actions", type=int, default=500, help="actions per review (default 500)")
    parser.add_argument("--api-actions", type=int, default=1000, help="actions in the review the API serves")
    parser.add_argument("--quarters", type=int, default=8, help="quarters of updates (default 8)")
    parser.add_argument("--runs", type=int, default=None, help="timed requests per page (default 30; quick 10)")
    parser.add_argument(
        "--only",
        metavar="WORDS",
        default="",
        help="time only the pages whose name contains one of these comma-separated words, e.g. 'my actions,api'",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="PostgreSQL: keep the benchmark database afterwards, and reuse one kept before (no 5-minute rebuild)",
    )
    args = parser.parse_args(sys.argv[1:])
    org_actions = args.org_actions or (5_000 if args.quick else 100_000)
    runs = args.runs or (10 if args.quick else 30)
    reviews = max(1, org_actions // args.plan_actions)

    scratch = tempfile.TemporaryDirectory(prefix="peerplan-bench-")
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(Path(scratch.name) / "bench.sqlite3")  # a file, not memory
    keep = args.keep and connection.vendor == "postgresql"
    old_config = setup_databases(verbosity=0, interactive=False, keepdb=keep)
    try:
        today = timezone.localdate()
        started = time.perf_counter()
        kept = Review.objects.filter(organisation__slug="bench-1-0").order_by("pk")
        made = (
            Generated(
                organisations=1,
                reviews=kept.count(),
                actions=Action.objects.count(),
                updates=ProgressUpdate.history.count(),
                first_review_id=kept.first().pk,  # type: ignore[union-attr]  # kept.exists() was checked
                large_review_id=kept.last().pk,  # type: ignore[union-attr]  # as above
            )
            if keep and kept.exists()
            else generate(
                Spec(
                    reviews=reviews,
                    recommendations=10,
                    actions=args.plan_actions,
                    quarters=args.quarters,
                    start=quarters_back(today, args.quarters),
                    large_review_actions=args.api_actions,
                )
            )
        )
        print(
            f"{connection.vendor}: {made.actions:,} actions in {made.reviews} reviews, {made.updates:,} updates, "
            f"built in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        started = time.perf_counter()
        settle_statistics()
        print(
            f"{'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE'} in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        assert made.first_review_id is not None and made.large_review_id is not None
        review = Review.objects.get(pk=made.first_review_id)
        # The generator's objects would not live in a web server: keep them out of the timed collections.
        gc.collect()
        gc.freeze()
        pages = chosen(pages_to_time(review, args.plan_actions, args.api_actions, made.large_review_id), args.only)
        print(f"{interpreter.describe()}\n{TABLE_HEADER}")
        missed = []
        for named, person, url in pages:
            label = named.removeprefix(COLD)
            client = Client()
            client.force_login(person)
            median, p95, size, sql_ms = time_page(client, url, runs, cold=named.startswith(COLD))
            target = API_TARGET_MS if url.startswith("/api/") else TARGET_P95_MS
            flag = "" if p95 < target else f"  > {target:.0f} ms target"
            ratio = f"{median / sql_ms:.1f}" if sql_ms else "-"
            print(
                f"{label:<44} {median:>10.1f} {p95:>8.1f} {sql_ms:>8.1f} {ratio:>9} {size / 1024:>6.0f} "
                f"{load_average():>6}{flag}",
                flush=True,
            )
            if flag:
                missed.append(label)
        print(
            f"Targets: pages p95 < {TARGET_P95_MS:.0f} ms, the API p95 < {API_TARGET_MS:.0f} ms "
            f"({runs} requests each after 2 warm-ups; load = the 1-minute load average; "
            f"{date.today():%d %B %Y})."  # noqa: DTZ011 -- the date the figures were taken, for the README
        )
        return 1 if missed else 0
    finally:
        if not keep:
            teardown_databases(old_config, verbosity=0)
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main())
