"""The documentation stays true: the CLI reference and schema are the code's own, every setting is documented."""

import json
import re
from pathlib import Path

from peerplan.cli import reference
from peerplan.plans.planformat import json_schema

ROOT = Path(__file__).resolve().parents[1]


def test_the_cli_reference_is_generated_from_the_commands_help():
    assert (ROOT / "docs" / "cli.md").read_text() == reference(), "run `make docs` and commit docs/cli.md"


def test_the_plan_format_schema_is_generated_from_the_code():
    assert json.loads((ROOT / "docs" / "plan-format.schema.json").read_text()) == json_schema()


def test_every_environment_variable_the_settings_read_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    settings = "".join(p.read_text() for p in (ROOT / "peerplan" / "config" / "settings").glob("*.py"))
    variables = set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', settings))
    assert variables, "the settings read no environment variables?"
    missing = sorted(v for v in variables if f"`{v}`" not in readme)
    assert not missing, f"document these in README.md's Configuration table: {missing}"


def test_every_make_target_the_readme_names_exists():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.M))
    named = set(re.findall(r"make ([a-z-]+)", (ROOT / "README.md").read_text()))
    assert named <= targets, f"README names targets the Makefile lacks: {sorted(named - targets)}"
