"""GOV.UK markup is written in one place: templates, template tags and peerplan/ui. A view that wants a link,
a tag or a list asks ui/html.py (or ui/cells.py for a plan's rows) for it, with plain data."""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "peerplan"
MARKUP = re.compile(r"\b(format_html|format_html_join|mark_safe)\b")


def _may_write_markup(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] == "ui" or "templatetags" in parts or "tests" in parts


def _python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if not _may_write_markup(p))


def test_the_files_it_reads_include_the_views() -> None:
    names = {str(p.relative_to(PACKAGE)) for p in _python_files()}
    assert {"progress/views/details.py", "audit/views.py", "reports/views.py", "plans/views/reviews.py"} <= names


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_markup_is_built_in_python_outside_ui_and_template_tags(path: Path) -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARKUP.search(line)
    ]
    assert not found, "Build markup in ui (templates, tags, ui/html.py), not here:\n" + "\n".join(found)
