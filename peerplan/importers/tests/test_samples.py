"""Each sample plan with a golden file imports to within 0.95 of it, as /work/shared/score.py counts."""

from __future__ import annotations

import importlib.util
import io
import json
import os
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from peerplan.importers import parse_file

# ../shared beside the checkout; PEERPLAN_SHARED points elsewhere (a git worktree sits one level deeper)
SHARED = Path(os.environ.get("PEERPLAN_SHARED") or Path(__file__).resolve().parents[3].parent / "shared")
SAMPLES = SHARED / "samples"
GOLDENS = sorted(SAMPLES.glob("*.golden.json")) if SAMPLES.is_dir() else []


def _need_samples() -> None:
    if GOLDENS and (SHARED / "score.py").is_file():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"the sample plans are missing from {SAMPLES}")
    pytest.skip(f"no sample plans at {SAMPLES}")


def _score(golden: Path, parsed: Path) -> float:
    spec = importlib.util.spec_from_file_location("peerplan_score", SHARED / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    argv = ["score.py", str(golden), str(parsed)]
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out):
        patch.setattr("sys.argv", argv)
        module.main()
    return float(out.getvalue().strip().rsplit("score:", 1)[1])


@pytest.mark.samples
@pytest.mark.parametrize("golden", GOLDENS or [None], ids=lambda p: p.name.split(".")[0] if p else "none")
def test_each_sample_with_a_golden_file_scores_at_least_095(golden: Path | None, tmp_path: Path) -> None:
    _need_samples()
    assert golden is not None
    source = golden.with_name(golden.name.replace(".golden.json", ".txt"))
    result = parse_file(source.read_bytes(), source.name)
    parsed = tmp_path / "parsed.json"
    parsed.write_text(result.document.to_json(), encoding="utf-8")
    assert json.loads(parsed.read_text())["format"] == "peerplan.plan/1"
    assert _score(golden, parsed) >= 0.95


@pytest.mark.samples
def test_cover_reports_without_a_plan_say_no_plan_was_found() -> None:
    _need_samples()
    from peerplan.importers import PlanImportError

    for name in ("gloucester-2014-cabinet-report.txt", "test-valley-2020-progress-report.txt"):
        path = SAMPLES / name
        if path.is_file():
            with pytest.raises(PlanImportError, match="no action plan found"):
                parse_file(path.read_bytes(), name)


LAYOUTS = SAMPLES / "layouts"
LAYOUT_FORMATS = (".txt", ".docx", ".xlsx", ".pdf")
LAYOUT_CASES = (
    [
        golden.with_name(golden.name.replace(".golden.json", ext))
        for golden in sorted(LAYOUTS.glob("*.golden.json"))
        for ext in LAYOUT_FORMATS
    ]
    if LAYOUTS.is_dir()
    else []
)


def _layout_params() -> list[object]:
    params: list[object] = []
    for path in LAYOUT_CASES:
        params.append(pytest.param(path, id=path.name))
    return params or [pytest.param(None, id="none")]


@pytest.mark.samples
@pytest.mark.parametrize("source", _layout_params())
def test_each_layout_sample_in_each_format_scores_at_least_095(source: Path | None, tmp_path: Path) -> None:
    """The four plans of ../shared/samples/layouts, each as text, Word, Excel and PDF."""
    if not LAYOUT_CASES:
        _need_samples()
        if os.environ.get("CI") == "true":
            pytest.fail(f"the layout samples are missing from {LAYOUTS}")
        pytest.skip(f"no layout samples at {LAYOUTS}")
    assert source is not None
    if not source.is_file():
        pytest.fail(f"{source.name} is missing from {LAYOUTS}")
    golden = source.with_name(source.stem + ".golden.json")
    result = parse_file(source.read_bytes(), source.name)
    parsed = tmp_path / "parsed.json"
    parsed.write_text(result.document.to_json(), encoding="utf-8")
    assert _score(golden, parsed) >= 0.95
