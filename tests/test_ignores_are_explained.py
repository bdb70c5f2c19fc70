"""Every `# type: ignore[code]` and `# noqa: CODE` says why, so the next engineer can tell a stub's gap from a
real bug: `# type: ignore[attr-defined]  # django-stubs: …` and `# noqa: E402 - django.setup() must run first`."""

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = [ROOT / "peerplan", ROOT / "bench", ROOT / "tests", ROOT / "conftest.py"]

SUPPRESSION = re.compile(r"\b(type:\s*ignore|noqa)\b", re.IGNORECASE)
CODES = r"[A-Za-z0-9-]+(?:,\s*[A-Za-z0-9-]+)*"
# A reason follows the codes: `  # why` (the form mypy reads), or ` - why` (or ` -- why`) after a ruff code.
EXPLAINED = [
    re.compile(rf"type:\s*ignore\[{CODES}\]\s+#\s*\S"),
    re.compile(rf"noqa:\s*{CODES}\s+(?:#|-+|—)\s*\S"),
]


def _python_files() -> list[Path]:
    return sorted(
        p for place in CHECKED for p in ([place] if place.is_file() else place.rglob("*.py")) if ".venv" not in p.parts
    )


def unexplained(source: str) -> list[tuple[int, str]]:
    """The (line, comment) of each suppression comment that names no code or gives no reason."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        # One comment may hold both kinds of suppression; each must be explained.
        for part in re.split(r"(?=#\s*(?:type:|noqa))", token.string):
            if SUPPRESSION.search(part) and not any(rule.search(part) for rule in EXPLAINED):
                found.append((token.start[0], token.string))
    return found


@pytest.mark.parametrize(
    ("comment", "explained"),
    [
        ("x = y  # type: ignore", False),
        ("x = y  # type: ignore[attr-defined]", False),
        ("x = y  # type: ignore[attr-defined]  # django-stubs: a field's queryset is not on Field", True),
        ("x = y  # type: ignore[union-attr, index]  # the fixture always has one", True),
        ("import a  # noqa", False),
        ("import a  # noqa: E402", False),
        ("import a  # noqa: E402 - django.setup() runs first", True),
        ("import a  # noqa: E402, F401  # re-exported", True),
        ("x = y  # type: ignore[misc]  # noqa: E501", False),
        ("x = y  # type: ignore[misc]  # why  # noqa: E501 - the URL cannot break", True),
        ('x = "# noqa"', True),
    ],
)
def test_the_rule_tells_an_explained_suppression_from_a_bare_one(comment: str, explained: bool) -> None:
    assert (unexplained(comment + "\n") == []) is explained


def test_the_files_it_reads_include_each_place() -> None:
    names = {str(p.relative_to(ROOT)) for p in _python_files()}
    assert {"conftest.py", "bench/bench_pages.py", "tests/test_docs.py", "peerplan/plans/enums.py"} <= names


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_type_ignore_and_noqa_names_its_code_and_says_why(path: Path) -> None:
    found = [f"{path.relative_to(ROOT)}:{n}: {c}" for n, c in unexplained(path.read_text(encoding="utf-8"))]
    assert not found, "Name the code and say why, e.g. `# type: ignore[attr-defined]  # django-stubs: …`:\n" + (
        "\n".join(found)
    )
