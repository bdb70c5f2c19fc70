"""The metric of /work/shared/score.py as a function: how close a parsed plan (interchange JSON as a
dict) is to the plan it should be, from 0 to 1. Copied so the layout tests run without ../shared; keep
it in step with that script (weights and thresholds are the same)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

_TAG = re.compile(r"<[^>]+>")
_BULLET = re.compile(r"^\s*([-•*·]|[a-z]\.|\([a-z]\)|[ivx]+\.)\s+", re.M)
Plan = dict[str, Any]


def norm(text: object) -> str:
    if not text:
        return ""
    out = _BULLET.sub(" ", _TAG.sub(" ", str(text)))
    out = out.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", out).strip().lower()


def sim(a: object, b: object) -> float:
    x, y = norm(a), norm(b)
    if not x and not y:
        return 1.0
    if not x or not y:
        return 0.0
    if x in y or y in x:
        short, long_ = sorted((len(x), len(y)))
        if short / long_ > 0.6:
            return 1.0
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def _flat(node: Plan) -> list[Plan]:
    out: list[Plan] = []
    for action in node.get("actions") or []:
        out.append(action)
        out.extend(_flat(action))
    return out


def greedy_f1(
    expected: list[Any], got: list[Any], key: Callable[[Any, Any], float] = sim, threshold: float = 0.75
) -> tuple[float, list[tuple[int, int, float]]]:
    if not expected and not got:
        return 1.0, []
    candidates = sorted(
        ((s, i, j) for i, e in enumerate(expected) for j, g in enumerate(got) if (s := key(e, g)) >= threshold),
        reverse=True,
    )
    used_e: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for s, i, j in candidates:
        if i not in used_e and j not in used_g:
            used_e.add(i)
            used_g.add(j)
            pairs.append((i, j, s))
    tp = sum(s for _, _, s in pairs)
    precision = tp / len(got) if got else 0.0
    recall = tp / len(expected) if expected else 0.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), pairs


def _owners(rec: Plan) -> list[str]:
    owners = {norm(o) for o in rec.get("owners") or []}
    for action in _flat(rec):
        owners |= {norm(o) for o in action.get("owners") or []}
    return sorted(o for o in owners if o)


def _timescales(rec: Plan) -> list[str]:
    found = [a["timescale"] for a in _flat(rec) if a.get("timescale")]
    return found + ([rec["timescale"]] if rec.get("timescale") else [])


def _dues(rec: Plan) -> set[str]:
    found = {str(a["due"])[:10] for a in _flat(rec) if a.get("due")}
    return found | ({str(rec["due"])[:10]} if rec.get("due") else set())


def score(golden: Plan, parsed: Plan) -> float:
    grecs = golden.get("recommendations") or []
    precs = [r for r in parsed.get("recommendations") or [] if norm(r.get("text"))]
    rec_f1, pairs = greedy_f1(grecs, precs, key=lambda e, g: sim(e.get("text"), g.get("text")), threshold=0.6)
    with_ref = [i for i, r in enumerate(grecs) if r.get("ref")]
    matched = {i: j for i, j, _ in pairs}
    ref_ok = sum(1 for i in with_ref if i in matched and norm(grecs[i]["ref"]) == norm(precs[matched[i]].get("ref")))
    ref_score = ref_ok / len(with_ref) if with_ref else 1.0
    act, own, ts, due = [], [], [], []
    for i, j, _ in pairs:
        g, p = grecs[i], precs[j]
        g_texts = [a.get("text") or "" for a in _flat(g)]
        p_texts = [a.get("text") or "" for a in _flat(p)]
        items = greedy_f1(g_texts, p_texts, threshold=0.6)[0]
        act.append(0.5 * sim(" ".join(g_texts), " ".join(p_texts)) + 0.5 * items)
        own.append(greedy_f1(_owners(g), _owners(p), threshold=0.8)[0])
        ts.append(greedy_f1(_timescales(g), _timescales(p), threshold=0.8)[0])
        gd, pd = _dues(g), _dues(p)
        due.append(1.0 if gd == pd else (len(gd & pd) / len(gd | pd) if gd | pd else 1.0))
    n = len(grecs) or 1
    parts = (
        (rec_f1, 0.25),
        (ref_score, 0.10),
        (sum(act) / n, 0.30),
        (sum(own) / n, 0.10),
        (sum(ts) / n, 0.10),
        (sum(due) / n, 0.15),
    )
    return round(sum(v * w for v, w in parts), 3)
