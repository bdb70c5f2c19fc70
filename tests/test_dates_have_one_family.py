"""Every date a template shows is written by the date filters of ui (|long_date, |short_date …), which say it
the product's one way (shared/dates.py), not by a format of its own."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "peerplan"
OWN_FORMAT = re.compile(r"\|\s*date\s*:")


def test_no_template_formats_a_date_its_own_way() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("templates/**/*.*"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OWN_FORMAT.search(line)
    ]
    assert not found, "Use |long_date, |short_date, |day_month … instead of |date:\n" + "\n".join(found)
