# ruff: noqa: S603 - every command run here is peerplan itself, from this virtualenv
"""`make demo`'s last step: the web site, the background worker and the daily reminder schedule, together.

The worker sends email (printed in this terminal: development uses the console backend); the schedule
(`peerplan chase --commit`) runs at start and then every 24 hours. Ctrl-C (or SIGTERM) stops all of them.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

PEERPLAN = str(Path(sys.executable).with_name("peerplan"))
DAY = 24 * 60 * 60


def main(host: str) -> int:
    print(
        f"\n  peerplan is at http://{host}/ — the background worker and the daily reminder schedule run here too.\n"
        "  Emails are printed in this terminal (EMAIL_URL=console://); every one is also listed at /email/.\n"
        "  Press Ctrl-C to stop everything.\n",
        flush=True,
    )
    # A service manager or `kill` stops this with SIGTERM: leave through `finally`, so the children stop too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    processes = [
        subprocess.Popen([PEERPLAN, "db_worker", "--interval", "2", "--no-startup-delay"]),
        subprocess.Popen([PEERPLAN, "runserver", "--noreload", host]),
    ]
    next_chase = 0.0
    try:
        while all(p.poll() is None for p in processes):
            if time.monotonic() >= next_chase:
                subprocess.run([PEERPLAN, "chase", "--commit"], check=False)
                next_chase = time.monotonic() + DAY
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
