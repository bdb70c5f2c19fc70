"""Every link a template names, by `{% url %}` or `{% route %}`, is a route that exists.

`{% url 'x' as v %}` gives "" for a missing route instead of failing, so a broken link would vanish from the
page unseen; this walks every template and the URL configuration, so a renamed route fails here.
"""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

PACKAGE = Path(__file__).resolve().parent.parent / "peerplan"
NAMED = re.compile(r"""{%\s*(?:url|route)\s+(['"])([\w:.-]+)\1""")


def _route_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_route_a_template_names_exists() -> None:
    routes = _route_names(get_resolver())
    assert "progress:review" in routes  # the walk sees namespaced routes
    missing = [
        f"{path.relative_to(PACKAGE)}: {match.group(2)}"
        for path in sorted(PACKAGE.rglob("templates/**/*.*"))
        for match in NAMED.finditer(path.read_text(encoding="utf-8"))
        if match.group(2) not in routes
    ]
    assert not missing, "Templates link to routes that do not exist:\n" + "\n".join(missing)
