"""The `peerplan` console command: Django's management commands under the product's name.

`peerplan migrate`, `peerplan load plan.json --commit`, `peerplan timescale "Spring 2024"` …
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerplan.config.settings.dev")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "peerplan"
    execute_from_command_line(argv)
