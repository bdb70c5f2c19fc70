"""Load test: gunicorn (4 workers, production settings) on loopback, wrk against the busiest pages.

Fills the database named by DATABASE_URL (PostgreSQL; created by migrate if empty) with a generated council
the first time, runs VACUUM ANALYZE, signs in a plan manager by a session made here, starts gunicorn on
127.0.0.1, and runs `wrk -t2 -c50 -d30s --latency` against the dashboard, the plan, search and the API's
plan JSON, one after the other. Every run is bounded: wrk stops after --seconds, gunicorn is stopped at the
end. Prints requests/s, p50/p99 latency, errors and timeouts per page with the load average beside them.

    DATABASE_URL=postgres://peerplan:peerplan@127.0.0.1:5433/peerplan_load bash bench/load.sh
    bash bench/load.sh --actions 5000 --seconds 10      a quick look
    bash bench/load.sh --only search                      one page only
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
TARGET_DASHBOARDS_PER_S = 60.0


def _create_database(url: str) -> None:
    """CREATE DATABASE for the URL's name if it is missing (the role needs CREATEDB, as the tests' does)."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or 5432,
        user=cfg["USER"],
        password=cfg["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(str(cfg["NAME"]))))


def _django(env: dict[str, str]) -> None:
    """Django with the settings gunicorn will have, so the session made here is one it accepts."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()


def _prepare(actions: int, plan_actions: int) -> tuple[str, list[tuple[str, str]]]:
    """Migrate, generate the council once, VACUUM ANALYZE; a session cookie and the URLs to load."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from peerplan.accounts.models import User
    from peerplan.demo.generate import Spec, generate
    from peerplan.plans.models import Review

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # production settings serve hashed names
    if not User.objects.filter(email="plan0@bench.example").exists():
        start = time.perf_counter()
        made = generate(
            Spec(reviews=max(1, actions // plan_actions), actions=plan_actions, quarters=8, large_review_actions=1000)
        )
        print(f"generated {made.actions:,} actions, {made.updates:,} updates in {time.perf_counter() - start:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    manager = User.objects.get(email="plan0@bench.example")
    session = SessionStore()
    session[SESSION_KEY] = str(manager.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = manager.get_session_auth_hash()
    session.create()
    reviews = Review.objects.filter(organisation__memberships__user=manager).order_by("pk")
    first = reviews.first()
    large = reviews.last()
    assert first is not None and large is not None
    urls = [
        ("Review dashboard", reverse("progress:review", args=[first.pk])),
        ("The plan", reverse("progress:plan", args=[first.pk])),
        ("Search 'housing'", reverse("progress:search") + "?q=housing"),
        ("API plan JSON (1,000 actions)", f"/api/reviews/{large.pk}/plan"),
    ]
    return f"sessionid={session.session_key}", urls


def _wait_for(url: str, cookie: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 -- loopback only
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 -- loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds:.0f} s")


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]  # wrk's format
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _wrk(url: str, cookie: str, seconds: int) -> dict[str, float]:
    wrk = shutil.which("wrk") or "wrk"
    out = subprocess.run(  # noqa: S603 -- fixed arguments, loopback URL
        [wrk, "-t2", "-c50", f"-d{seconds}s", "--timeout", "10s", "--latency", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    found = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]  # wrk prints it
        "p50": _ms(re.search(r"50%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]  # wrk --latency prints it
        "p99": _ms(re.search(r"99%\s+(\S+)", out).group(1)),  # type: ignore[union-attr]  # wrk --latency prints it
        "errors": 0.0,
        "timeouts": 0.0,
    }
    if socket := re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        found["errors"] += sum(int(n) for n in socket.groups()[:3])
        found["timeouts"] = float(socket.group(4))
    if non_2xx := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        found["errors"] += float(non_2xx.group(1))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=100_000, help="actions in the council (default 100000)")
    parser.add_argument("--plan-actions", type=int, default=500, help="actions per review (default 500)")
    parser.add_argument("--seconds", type=int, default=30, help="wrk's duration per page (default 30, at most 30)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--port", type=int, default=PORT, help=f"gunicorn's port on 127.0.0.1 (default {PORT})")
    parser.add_argument(
        "--only", default="", help="load only the pages whose name contains this text (e.g. Search); case ignored"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database the load test may fill (see --help).")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (Debian)")
    seconds = max(1, min(args.seconds, 30))
    _create_database(os.environ["DATABASE_URL"])
    env = {
        "DJANGO_SETTINGS_MODULE": "peerplan.config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": f"https://127.0.0.1:{args.port}",
        "EMAIL_URL": "console://",  # nothing is sent during a load test
        "PEERPLAN_ALLOW_CONSOLE_EMAIL": "true",
    }
    _django(env)
    cookie, urls = _prepare(args.actions, args.plan_actions)
    server = subprocess.Popen(  # noqa: S603 -- fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "peerplan.config.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{args.port}",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    failed = False
    try:
        _wait_for(base + urls[0][1], cookie)
        print(f"{'page':<32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'timeouts':>9} {'load':>6}")
        for label, path in urls:
            if args.only.lower() not in label.lower():
                continue
            r = _wrk(base + path, cookie, seconds)
            print(
                f"{label:<32} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7.0f} "
                f"{r['timeouts']:>9.0f} {os.getloadavg()[0]:>6.2f}",
                flush=True,
            )
            failed = failed or bool(r["errors"] or r["timeouts"]) or not r["rps"]
            if label == "Review dashboard" and r["rps"] < TARGET_DASHBOARDS_PER_S:
                failed = True
        print(
            f"wrk -t2 -c50 -d{seconds}s against gunicorn -w {args.workers}; target >= {TARGET_DASHBOARDS_PER_S:.0f} "
            f"dashboards/s, no errors or timeouts ({date.today():%d %B %Y})."  # noqa: DTZ011 -- the run's date
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
