"""peerplan/ is held to `mypy --strict` by the `peerplan.*` override in pyproject.toml, so `make types` and CI
enforce it. The override must keep up with what --strict means in the mypy we pin: this test asks mypy."""

import tomllib
from pathlib import Path
from typing import Any

from mypy.main import define_options
from mypy.options import PER_MODULE_OPTIONS

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _mypy_config() -> tuple[dict[str, Any], dict[str, Any]]:
    """The global [tool.mypy] table and the override for peerplan.*."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    overrides = [o for o in config.get("overrides", []) if "peerplan.*" in o["module"]]
    assert len(overrides) == 1, "one [[tool.mypy.overrides]] for peerplan.*"
    return config, overrides[0]


def test_the_peerplan_override_sets_every_flag_of_strict() -> None:
    _, strict_flags, assignments = define_options()  # what --strict turns on, as (option, value)
    config, override = _mypy_config()
    assert len(assignments) == len(strict_flags) >= 10
    for option, value in assignments:
        if option in PER_MODULE_OPTIONS:
            assert override.get(option) == value, f"the peerplan.* override needs {option} = {value}"
        else:  # a global-only option: it cannot go in an override
            assert config.get(option) == value, f"[tool.mypy] needs {option} = {value} (global only)"


def test_the_override_turns_nothing_off() -> None:
    _, override = _mypy_config()
    _, _, assignments = define_options()
    strict = dict(assignments)
    weaker = {k: v for k, v in override.items() if k != "module" and strict.get(k, v) != v}
    assert not weaker
    assert "ignore_errors" not in override
