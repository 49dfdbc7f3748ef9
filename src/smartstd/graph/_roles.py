"""RACI checks: who answers for each domain, who does the work, who takes part.

* SC601-SC604: one accountable party, at least one responsible party, a lead
  among several in an exclusive domain;
* SC611: duties that one organisation may not hold together;
* SC612: a party accountable for a domain it gains from;
* SC613: residents take part in every domain that affects them;
* SC621: a public-service domain is led (accountable) by a public body;
* SC624: several kinds of party (government, residents, social
  organisations ...) hold roles in the charter, not government alone.

RACI 检查：负责方、执行方、居民参与、公共服务由政府牵头、多方共建。
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import compress, filterfalse
from operator import itemgetter, not_
from typing import Any

from smartstd.graph._params import param, strings
from smartstd.graph._run import Issue, Run, in_force_row

__all__ = ["ROLE_CHECKS"]


def _unheld(run: Run, role: str, domains: Iterable[str]) -> Iterator[str]:
    """The known domains of ``domains`` where nobody holds ``role``, not even by inheritance."""
    own = run.idx.holders(run.on).first.get(role, {})
    inherited = run.idx.inherited(role, run.on)
    for d in filterfalse(own.__contains__, domains):
        if d not in inherited:
            yield d


def _sc601(run: Run) -> Iterator[Issue]:
    for d in _unheld(run, "accountable", run.scope("SC601")):
        yield run.domain_issue("SC601", d, on=run.on.isoformat())


def _sc602(run: Run) -> Iterator[Issue]:
    idx = run.idx
    for d, items in idx.holders(run.on).crowded("accountable"):
        if not idx.in_scope(d):
            continue
        orgs = sorted({org for org, _lead in items})
        if len(orgs) > 1:
            yield run.domain_issue(
                "SC602", d, organizations=orgs, count=len(orgs), on=run.on.isoformat()
            )


def _sc603(run: Run) -> Iterator[Issue]:
    for d in _unheld(run, "responsible", run.scope("SC603")):
        yield run.domain_issue("SC603", d, on=run.on.isoformat())


def _sc604(run: Run) -> Iterator[Issue]:
    extra = strings(run.params, "SC604", "exclusive_domains")
    idx = run.idx
    for d, live in idx.holders(run.on).crowded("responsible"):
        if not idx.in_scope(d) or not (d in idx.exclusive or d in extra):
            continue
        orgs = sorted({org for org, _lead in live})
        if len(orgs) < 2:
            continue
        leads = sorted({org for org, lead in live if lead})
        if len(leads) != 1:
            yield run.domain_issue("SC604", d, organizations=orgs, leads=leads or ["-"])


def _sc611(run: Run) -> Iterator[Issue]:
    holders = run.idx.holders(run.on)
    for sep in run.charter.separations.values():
        held: dict[str, list[str]] = {}
        for duty in sep.duties:
            label = f"{duty.domain_id}:{duty.role}"
            for org in dict.fromkeys(holders.organizations(duty.role, duty.domain_id)):
                items = held.setdefault(org, [])
                if label not in items:
                    items.append(label)
        for org in sorted(held):
            if len(held[org]) > sep.max_held:
                yield Issue(
                    "SC611",
                    "DutySeparation",
                    sep.id,
                    ("duties",),
                    {
                        "organization": org,
                        "separation": sep.id,
                        "duties": held[org],
                        "held": len(held[org]),
                        "max_held": sep.max_held,
                    },
                )


def _sc612(run: Run) -> Iterator[Issue]:
    conflicting = strings(run.params, "SC612", "conflicting_benefits")
    idx, on = run.idx, run.on
    holders = idx.holders(on)
    own = holders.first.get("accountable", {})
    several = holders.several.get("accountable", {})
    inherited = idx.inherited("accountable", on)
    known = idx.parents
    for aid, row in idx.agreement_rows.items():
        domains, benefits, vf, vu = row[2], row[5], row[7], row[8]
        if not benefits or not in_force_row(vf, vu, on):
            continue
        for j, (org, kind, benefit_domains) in enumerate(benefits):
            if kind not in conflicting:
                continue
            for d in dict.fromkeys(benefit_domains or domains):
                via = d if d in own and d in known else inherited.get(d)
                if via is None:
                    continue
                crowd = several.get(via)
                if org == own[via] if crowd is None else any(org == o for o, _lead in crowd):
                    yield Issue(
                        "SC612",
                        "Agreement",
                        aid,
                        ("benefits", j, "organization_id"),
                        {"organization": org, "domain": d, "agreement": aid, "benefit": kind},
                    )


def _sc613(run: Run) -> Iterator[Issue]:
    kinds = strings(run.params, "SC613", "resident_kinds")
    wanted = strings(run.params, "SC613", "roles")
    roles = [r for r in ("accountable", "responsible", "consulted", "informed") if r in wanted]
    idx = run.idx
    holders = idx.holders(run.on)
    # The domains in scope that affect residents, less, role by role, those where residents
    # hold the role (by their own assignments or inherited ones). The role residents usually
    # hold comes first, so that most domains are settled by one lookup of their first holder.
    todo = list(compress(idx.scope, map(idx.affecting_residents.__contains__, idx.scope)))
    residents: set[str] | None = None
    for role in sorted(roles, key=("consulted", "responsible", "accountable", "informed").index):
        if not todo:
            break
        if residents is None:
            orgs = idx.organization_rows
            residents = set(
                compress(orgs, map(kinds.__contains__, map(itemgetter(0), orgs.values())))
            )
        first = holders.first.get(role, {})
        several = holders.several.get(role, {})
        inherited = idx.inherited(role, run.on)
        held = map(residents.__contains__, map(first.get, todo))
        left: list[str] = []
        for d in compress(todo, map(not_, held)):
            via = d if d in first else inherited.get(d)
            if via is None:
                left.append(d)
                continue
            crowd = several.get(via)
            if crowd is None:
                if first[via] not in residents:
                    left.append(d)
            elif not any(org in residents for org, _lead in crowd):
                left.append(d)
        todo = left
    for d in todo:
        yield run.domain_issue("SC613", d, on=run.on.isoformat(), roles=roles)


# --------------------------------------------------------------------------- public services


def _public_domains(run: Run) -> frozenset[str]:
    """The known domains that are public services: those listed, and their sub-domains.

    Each domain's chain of parents is walked once (memoised), so a deep
    hierarchy is linear; a cycle ends the walk (SC620's finding).
    """
    listed = strings(run.params, "SC621", "public_domains")
    parents = run.idx.parents
    memo: dict[str, bool] = {}
    for start in parents:
        path: list[str] = []
        seen: set[str] = set()
        cur: str | None = start
        verdict = False
        while cur is not None:
            if cur in memo:
                verdict = memo[cur]
                break
            if cur in listed:
                verdict = True
                break
            if cur in seen:
                break
            seen.add(cur)
            path.append(cur)
            cur = parents.get(cur)
        if cur is not None and cur in listed:
            memo[cur] = True
        for d in path:
            memo[d] = verdict
    return frozenset(d for d, public in memo.items() if public)


def _sc621(run: Run) -> Iterator[Issue]:
    public_kinds = strings(run.params, "SC621", "public_kinds")
    public = _public_domains(run)
    if not public:
        return
    orgs = run.idx.organization_rows
    live = run.idx.live(run.on).get("accountable", {})
    for d in run.idx.scope:
        if d not in public:
            continue
        for a in live.get(d, ()):
            row = orgs.get(a.organization_id)
            if row is None or row[0] in public_kinds:
                continue  # an unknown organisation is SC202's
            yield Issue(
                "SC621",
                "Assignment",
                a.id,
                ("organization_id",),
                {
                    "domain": d,
                    "organization": a.organization_id,
                    "kind": row[0],
                    "public_kinds": sorted(public_kinds),
                },
            )


# --------------------------------------------------------------------------- several parties


def _sectors(run: Run) -> dict[str, frozenset[str]]:
    raw = param(run.params, "SC624", "sectors")
    if not isinstance(raw, Mapping):
        from smartstd.catalogue import get_rule

        raw = get_rule("SC624").param_defaults()["sectors"]
    out: dict[str, frozenset[str]] = {}
    for name, kinds in raw.items():
        if isinstance(name, str) and isinstance(kinds, (list, tuple)):
            out[name] = frozenset(k for k in kinds if isinstance(k, str))
    return out


def _sc624(run: Run) -> Iterator[Issue]:
    charter = run.charter
    if not charter.assignments:
        return  # no roles at all: SC601 and SC603 say so
    sectors = _sectors(run)
    required = [s for s in sorted(strings(run.params, "SC624", "required_sectors")) if s in sectors]
    least = param(run.params, "SC624", "min_sectors")
    if not isinstance(least, int) or isinstance(least, bool):
        least = 2
    roles = strings(run.params, "SC624", "roles")
    orgs = run.idx.organization_rows
    live = run.idx.live(run.on)
    holding: set[str] = set()
    for role in roles:
        for items in live.get(role, {}).values():
            for a in items:
                row = orgs.get(a.organization_id)
                if row is not None:
                    holding.add(row[0])
    present = [name for name, kinds in sectors.items() if holding & kinds]
    missing = [name for name in required if name not in present]
    if not missing and len(present) >= least:
        return
    if not missing:
        missing = [name for name in sectors if name not in present]
    first: Any = next(iter(charter.assignments.values()))
    yield Issue(
        "SC624",
        "Assignment",
        first.id,
        ("organization_id",),
        {
            "present": present or ["-"],
            "missing": missing,
            "count": len(present),
            "min_sectors": least,
            "roles": sorted(roles),
            "on": run.on.isoformat(),
        },
    )


ROLE_CHECKS: Mapping[str, Callable[[Run], Iterator[Issue]]] = {
    "SC601": _sc601,
    "SC602": _sc602,
    "SC603": _sc603,
    "SC604": _sc604,
    "SC611": _sc611,
    "SC612": _sc612,
    "SC613": _sc613,
    "SC621": _sc621,
    "SC624": _sc624,
}
