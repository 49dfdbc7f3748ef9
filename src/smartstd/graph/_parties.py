"""Checks of agreements, organisations, the domain hierarchy and the data.

* SC614, SC619: every party gains and owes something; enough parties;
* SC615: an organisation nothing names;
* SC620: a cycle in the domain hierarchy;
* SC616 (and SC610, SC622 for data): what the data says organisations do,
  judged against the charter (:mod:`smartstd.graph.usage`).

协议、组织、领域层级与数据交叉核对的检查。
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, compress
from operator import itemgetter
from typing import Any

from smartstd.graph._params import param
from smartstd.graph._run import Issue, Run, functional_cycles
from smartstd.graph.usage import UsageJudge

__all__ = ["PARTY_CHECKS"]


def _sc614(run: Run) -> Iterator[Issue]:
    for aid, row in run.idx.agreement_rows.items():
        parties, benefits, obligations = row[1], row[5], row[6]
        gains = {b[0] for b in benefits}
        duties = set(obligations)
        seen: set[str] = set()
        for i, p in enumerate(parties):
            if p in seen:
                continue
            seen.add(p)
            missing = [
                name
                for name, have in (("benefits", p in gains), ("obligations", p in duties))
                if not have
            ]
            if missing:
                zh = "和".join({"benefits": "收益", "obligations": "义务"}[m] for m in missing)
                yield Issue(
                    "SC614",
                    "Agreement",
                    aid,
                    ("party_ids", i),
                    {"agreement": aid, "organization": p, "missing": missing, "missing_zh": zh},
                )


def _sc619(run: Run) -> Iterator[Issue]:
    minimum = param(run.params, "SC619", "min_parties")
    if not isinstance(minimum, int) or isinstance(minimum, bool):
        minimum = 2
    for aid, row in run.idx.agreement_rows.items():
        count = len(set(row[1]))
        if count < minimum:
            yield Issue(
                "SC619",
                "Agreement",
                aid,
                ("party_ids",),
                {"agreement": aid, "count": count, "min_parties": minimum},
            )


def _sc615(run: Run) -> Iterator[Issue]:
    idx = run.idx
    rows = idx.organization_rows
    # the organisations that nothing names, narrowed source by source
    orphans = rows.keys() - idx.assignment_orgs
    agreements = idx.agreement_rows.values()
    sources: tuple[Callable[[], Iterable[str | None]], ...] = (
        lambda: map(itemgetter(0), idx.grant_rows.values()),
        lambda: chain.from_iterable(map(itemgetter(1), agreements)),
        lambda: map(itemgetter(0), idx.category_rows.values()),
        lambda: map(itemgetter(0), chain.from_iterable(map(itemgetter(5), agreements))),
        lambda: chain.from_iterable(map(itemgetter(6), agreements)),
    )
    for named in sources:
        if not orphans:
            return
        orphans.difference_update(named())
    if not orphans:
        return
    # a parent of an organisation with a place is not an orphan
    first = set(orphans)
    for child in compress(rows, map(first.__contains__, map(itemgetter(1), rows.values()))):
        if child in orphans:
            continue
        seen = {child}
        parent = rows[child][1]
        while parent is not None and parent not in seen:
            seen.add(parent)
            orphans.discard(parent)
            found = rows.get(parent)
            if found is None:
                break
            parent = found[1]
    for oid in compress(rows, map(orphans.__contains__, rows)):
        yield Issue("SC615", "Organization", oid, (), {"organization": oid})


def _sc620(run: Run) -> Iterator[Issue]:
    for cycle in functional_cycles(run.idx.declared_parents):
        yield Issue(
            "SC620",
            "ResponsibilityDomain",
            cycle[0],
            ("parent_id",),
            {"members": cycle, "length": len(cycle)},
        )


def _sc616(run: Run) -> Iterator[Issue]:
    if not run.charter.usage:
        return
    judge = UsageJudge(run.charter, run.on, run.params)
    for fact, etype, eid, _source in run.charter.usage:
        verdict = judge.judge(fact)
        if verdict is not None:
            yield Issue(verdict.code, etype, eid, fact.path, _usage_params(verdict, etype, eid))


def _usage_params(verdict: Any, etype: str, eid: str) -> dict[str, Any]:
    params = dict(verdict.params)
    if verdict.code in ("SC610", "SC622"):
        params["subject_type"], params["subject"] = etype, eid
    return params


PARTY_CHECKS: Mapping[str, Callable[[Run], Iterator[Issue]]] = {
    "SC614": _sc614,
    "SC615": _sc615,
    "SC616": _sc616,
    "SC619": _sc619,
    "SC620": _sc620,
}
