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


def reference() -> str:
    """docs/cli.md: every peerplan command's --help, so the reference is the code's own words."""
    import argparse
    import os

    from django.core.management import get_commands, load_command_class

    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; fix the width so the file is stable
    parts = [
        "# The `peerplan` command\n",
        (
            "`peerplan` is Django's `manage.py` under the product's name: every Django command works "
            "(`peerplan migrate`, `peerplan createsuperuser`, `peerplan runserver`, `peerplan db_worker` for "
            "background tasks). These are peerplan's own. This file is generated from their `--help` "
            "(`make docs`); a test fails when it is out of date.\n"
        ),
        (
            "Commands that store plans (`load`, `import`, `generate_data`) are dry runs unless told `--commit`. "
            "Every command also takes Django's common "
            "options (`--settings`, `--verbosity`, `--traceback`, `--no-color`, `--skip-checks` …).\n"
        ),
    ]
    for name, app in sorted(get_commands().items()):
        if not app.startswith("peerplan."):
            continue
        parser = load_command_class(app, name).create_parser("peerplan", name)
        for action in parser._actions:  # Django's options common to every command are documented once, above
            if action.dest in _COMMON_OPTIONS:
                action.help = argparse.SUPPRESS
        parts.append(f"## `peerplan {name}`\n\n```\n{parser.format_help().strip()}\n```\n")
    return "\n".join(parts)


_COMMON_OPTIONS = {
    "version",
    "verbosity",
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
}
