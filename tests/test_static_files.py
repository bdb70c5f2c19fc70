"""Production collects the static files with hashed names: every file a stylesheet or script names must exist."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_hashed_names_finds_every_file_the_assets_name(tmp_path: Path) -> None:
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    assert (tmp_path / "staticfiles.json").exists()
