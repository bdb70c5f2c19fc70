"""docs/reports.md is the reference: it must name every option, format, layout, kind and cover field."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from django.core.management import load_command_class

from peerplan.reports.cover import Cover
from peerplan.reports.enums import ReportKind
from peerplan.reports.layouts import layouts
from peerplan.reports.renderers import renderers

DOC = (Path(__file__).resolve().parents[3] / "docs" / "reports.md").read_text()


def test_every_command_option_is_documented() -> None:
    parser = load_command_class("peerplan.reports", "report").create_parser("peerplan", "report")
    options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
    local = [
        o
        for o in options
        if o in {"--format", "--kind", "--layout", "--as-of", "--committee", "--meeting-date", "--output", "--commit"}
    ]
    assert len(local) == 8
    for option in local:
        assert option in DOC or (option == "--output" and "-o FILE" in DOC), option


@pytest.mark.parametrize(
    "name", [r.format for r in renderers()] + [layout.name for layout in layouts()] + list(ReportKind.values)
)
def test_every_format_layout_and_kind_is_documented(name: str) -> None:
    assert f"`{name}`" in DOC


def test_every_cover_field_is_documented() -> None:
    for field in fields(Cover):
        assert f"`{field.name}`" in DOC, field.name
