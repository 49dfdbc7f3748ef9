"""The role-boundary checks SC601-SC620 on a charter, as findings.

:func:`iter_issues` runs the checks on a :class:`~smartstd.graph.model.Charter`
and yields :class:`Issue` s (a code, the entity it is about, a path inside it
and the message parameters); :func:`check_charter` turns them into
:class:`~smartstd.report.Finding` s placed where each entity was read. The
conformance engine runs the same checks through
:mod:`smartstd.rules.sc6.checks`.

Every check is linear (or ``n log n``) in the size of the charter and none
recurses: delegations and domain parents are functional graphs (each grant
has at most one source, each domain at most one parent), so their cycles are
found by one iterative walk that colours each node once, and each cycle is
reported once with all its members.

Findings about a domain are placed on the domain's entity when the charter
declares it, otherwise on the first entity that names it (a core domain has
no entity of its own). The check date is the dataset's ``generated_at`` (or
``on``): assignments, grants and agreements count only when in force then.

章程的职责边界检查（SC601-SC620）。全部为线性算法，不使用递归。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, compress, filterfalse, repeat
from operator import is_not, itemgetter, not_, or_
from typing import Any

from smartstd.graph._params import Params, param, strings
from smartstd.graph.access import AccessEvaluator
from smartstd.graph.model import Charter, GraphSource, as_charter, gc_paused, in_force
from smartstd.graph.usage import UsageJudge
from smartstd.report import Finding, Path, Severity
from smartstd.standard.dataset import Dataset
from smartstd.standard.domains import CORE_DOMAINS

__all__ = [
    "CHECK_CODES",
    "Issue",
    "check_charter",
    "functional_cycles",
    "issue_finding",
    "iter_issues",
]

#: The codes :func:`iter_issues` can produce (SC617 comes from assertions, SC202 from references).
CHECK_CODES: tuple[str, ...] = (
    "SC601",
    "SC602",
    "SC603",
    "SC604",
    "SC605",
    "SC606",
    "SC607",
    "SC608",
    "SC609",
    "SC610",
    "SC611",
    "SC612",
    "SC613",
    "SC614",
    "SC615",
    "SC616",
    "SC618",
    "SC619",
    "SC620",
)


@dataclass(frozen=True, slots=True)
class Issue:
    """What a check found, before it is placed in a file.

    Attributes:
        code: the rule code.
        entity_type: the type of the entity it is about (``None``: the charter).
        entity_id: that entity's id.
        path: the path inside that entity.
        params: the message parameters.
    """

    code: str
    entity_type: str | None
    entity_id: str | None
    path: Path = ()
    params: Mapping[str, Any] = field(default_factory=dict)


def functional_cycles(successor: Mapping[str, str | None]) -> list[list[str]]:
    """The cycles of a graph where every node has at most one successor.

    Iterative and linear: each node is walked once. Every cycle is returned
    once, rotated to start at its smallest member, in walk order.

    >>> functional_cycles({"a": "b", "b": "a", "c": "a", "d": None})
    [['a', 'b']]
    """
    walk_of: dict[str, int] = {}
    cycles: list[list[str]] = []
    follow = successor.get
    for walk, start in enumerate(successor):
        if start in walk_of:
            continue
        path: list[str] = []
        cur: str | None = start
        while cur is not None and cur not in walk_of:
            nxt = follow(cur, _END)
            if nxt is _END:  # not a node
                break
            walk_of[cur] = walk
            path.append(cur)
            cur = nxt
        if cur is not None and walk_of.get(cur) == walk:
            cycle = path[path.index(cur) :]
            low = cycle.index(min(cycle))
            cycles.append(cycle[low:] + cycle[:low])
    return cycles


_END: Any = object()


class _Run:
    """One run of the checks: the charter, its indexes, the date and the parameters.

    The checks read the index's compact rows (see
    :class:`~smartstd.graph.model.CharterIndex`), not the models: on a large
    charter every pass over the models costs cache misses.
    """

    def __init__(self, charter: Charter, on: dt.date, params: Params | None) -> None:
        self.charter = charter
        self.idx = charter.index
        self.on = on
        self.params = params
        self.access = AccessEvaluator(charter, params)

    def anchor(self, domain: str) -> tuple[str | None, str | None, Path]:
        return self.idx.anchor(domain)

    def domain_issue(self, code: str, domain: str, **params: Any) -> Issue:
        etype, eid, path = self.anchor(domain)
        return Issue(code, etype, eid, path, {"domain": domain, **params})

    def scope(self, code: str) -> list[str]:
        """The domains in scope, plus the rule's ``required_domains``."""
        out = list(self.idx.scope)
        extra = param(self.params, code, "required_domains")
        wanted: list[str] = []
        if isinstance(extra, str):
            extra = [extra]
        if isinstance(extra, (list, tuple)):
            for d in extra:
                if d == "*":
                    wanted.extend(CORE_DOMAINS)
                elif isinstance(d, str):
                    wanted.append(d)
        if wanted:
            seen = set(out)
            for d in wanted:
                if d not in seen and d in self.idx.parents:
                    out.append(d)
                    seen.add(d)
        return out


def _in_force(vf: dt.date | None, vu: dt.date | None, on: dt.date) -> bool:
    """:func:`~smartstd.graph.model.in_force` of a row's ``valid_from`` and ``valid_until``."""
    if vf is not None and vu is not None and vu < vf:
        return False
    return (vf is None or vf <= on) and (vu is None or on <= vu)


# --------------------------------------------------------------------------- RACI


def _unheld(run: _Run, role: str, domains: Iterable[str]) -> Iterator[str]:
    """The known domains of ``domains`` where nobody holds ``role``, not even by inheritance."""
    own = run.idx.holders(run.on).first.get(role, {})
    inherited = run.idx.inherited(role, run.on)
    for d in filterfalse(own.__contains__, domains):
        if d not in inherited:
            yield d


def _sc601(run: _Run) -> Iterator[Issue]:
    for d in _unheld(run, "accountable", run.scope("SC601")):
        yield run.domain_issue("SC601", d, on=run.on.isoformat())


def _sc602(run: _Run) -> Iterator[Issue]:
    idx = run.idx
    for d, items in idx.holders(run.on).crowded("accountable"):
        if not idx.in_scope(d):
            continue
        orgs = sorted({org for org, _lead in items})
        if len(orgs) > 1:
            yield run.domain_issue(
                "SC602", d, organizations=orgs, count=len(orgs), on=run.on.isoformat()
            )


def _sc603(run: _Run) -> Iterator[Issue]:
    for d in _unheld(run, "responsible", run.scope("SC603")):
        yield run.domain_issue("SC603", d, on=run.on.isoformat())


def _sc604(run: _Run) -> Iterator[Issue]:
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


def _sc611(run: _Run) -> Iterator[Issue]:
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


def _sc612(run: _Run) -> Iterator[Issue]:
    conflicting = strings(run.params, "SC612", "conflicting_benefits")
    idx, on = run.idx, run.on
    holders = idx.holders(on)
    own = holders.first.get("accountable", {})
    several = holders.several.get("accountable", {})
    inherited = idx.inherited("accountable", on)
    known = idx.parents
    for aid, row in idx.agreement_rows.items():
        domains, benefits, vf, vu = row[2], row[5], row[7], row[8]
        if not benefits or not _in_force(vf, vu, on):
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


def _sc613(run: _Run) -> Iterator[Issue]:
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


# --------------------------------------------------------------------------- delegation and grants


def _sc605(run: _Run) -> Iterator[Issue]:
    rows = run.idx.grant_rows
    succ: dict[str, str | None] = dict(zip(rows, map(itemgetter(4), rows.values()), strict=True))
    for cycle in functional_cycles(succ):
        yield Issue(
            "SC605",
            "DataAccessGrant",
            cycle[0],
            ("delegated_from_id",),
            {"members": cycle, "length": len(cycle)},
        )


def _sc606(run: _Run) -> Iterator[Issue]:
    rows = run.idx.grant_rows
    for gid, (_org, cat, pur, _agr, src_id, actions, _role, _basis, vf, vu) in rows.items():
        if src_id is None or src_id == gid:
            continue
        src = rows.get(src_id)
        if src is None:
            continue
        _src_org, src_cat, src_pur, _a, _s, src_actions, _r, _b, src_vf, src_vu = src
        wider: list[str] = []
        detail: list[str] = []
        extra = [a for a in actions if a not in src_actions]
        if extra:
            wider.append("actions")
            detail.append("actions +" + "+".join(extra))
        if cat != src_cat:
            wider.append("categories")
            detail.append(f"category {cat} ≠ {src_cat}")
        if pur != src_pur:
            wider.append("purposes")
            detail.append(f"purpose {pur} ≠ {src_pur}")
        time: list[str] = []
        if src_vf is not None and (vf is None or vf < src_vf):
            time.append(f"valid_from {_iso(vf)} < {_iso(src_vf)}")
        if src_vu is not None and (vu is None or vu > src_vu):
            time.append(f"valid_until {_iso(vu)} > {_iso(src_vu)}")
        if time:
            wider.append("time")
            detail.extend(time)
        if wider:
            yield Issue(
                "SC606",
                "DataAccessGrant",
                gid,
                ("delegated_from_id",),
                {"grant": gid, "source": src_id, "wider": wider, "detail": "; ".join(detail)},
            )


def _sc607(run: _Run) -> Iterator[Issue]:
    idx = run.idx
    purposes, agreements = idx.purpose_rows, idx.agreement_rows

    def params(gid: str, org: str, cat: str, pur: str, declared_by: str) -> dict[str, Any]:
        return {
            "grant": gid,
            "organization": org,
            "category": cat,
            "purpose": pur,
            "declared_by": declared_by,
        }

    for gid, row in idx.grant_rows.items():
        org, cat, pur, agr_id = row[0], row[1], row[2], row[3]
        declared = purposes.get(pur)
        if declared is not None and cat not in declared[1]:
            yield Issue(
                "SC607", "DataAccessGrant", gid, ("purpose_id",), params(gid, org, cat, pur, pur)
            )
        if agr_id is None:
            continue
        agr = agreements.get(agr_id)
        if agr is None:
            continue
        agr_purposes, agr_cats = agr[3], agr[4]
        if agr_purposes and pur not in agr_purposes:
            yield Issue(
                "SC607",
                "DataAccessGrant",
                gid,
                ("purpose_id",),
                params(gid, org, cat, pur, agr_id),
            )
        if agr_cats and cat not in agr_cats:
            yield Issue(
                "SC607",
                "DataAccessGrant",
                gid,
                ("data_category_id",),
                params(gid, org, cat, pur, agr_id),
            )


def _sc608(run: _Run) -> Iterator[Issue]:
    access = run.access
    sensitivities, bases = access.sensitivities, access.sensitive_bases
    categories = run.idx.category_rows
    # AccessEvaluator.is_sensitive(), on the rows: the sensitive categories, then their grants
    rows = categories.values()
    sensitive = set(
        compress(
            categories,
            map(
                or_,
                map(sensitivities.__contains__, map(itemgetter(1), rows)),
                map(is_not, map(itemgetter(2), rows), repeat(None)),
            ),
        )
    )
    if not sensitive:
        return
    grants = run.idx.grant_rows
    for gid in compress(grants, map(sensitive.__contains__, map(itemgetter(1), grants.values()))):
        org, cat_id, _pur, _agr, _src, _actions, _role, basis, _vf, _vu = grants[gid]
        if basis in bases:
            continue
        cat = categories[cat_id]
        yield Issue(
            "SC608",
            "DataAccessGrant",
            gid,
            ("legal_basis",) if basis else (),
            {
                "grant": gid,
                "organization": org,
                "category": cat_id,
                "sensitivity": cat[2] or cat[1],
                "basis": basis or "none",
                "allowed": sorted(bases),
            },
        )


def _sc609(run: _Run) -> Iterator[Issue]:
    processor_roles = strings(run.params, "SC609", "processor_roles")
    processor_kinds = strings(run.params, "SC609", "processor_agreement_kinds")
    joint_kinds = strings(run.params, "SC609", "joint_agreement_kinds")
    agreements = run.idx.agreement_rows
    for gid, row in run.idx.grant_rows.items():
        org, agr_id, role = row[0], row[3], row[6]
        if role in processor_roles:
            kinds = processor_kinds
        elif role == "joint_controller":
            kinds = joint_kinds
        else:
            continue
        agr = agreements.get(agr_id) if agr_id is not None else None
        if agr_id is None:
            reason, path = "missing", ("legal_role",)
        elif agr is None:
            reason, path = "unknown", ("agreement_id",)
        elif agr[0] not in kinds:
            reason, path = "wrong-kind", ("agreement_id",)
        elif org not in agr[1]:
            reason, path = "not-a-party", ("agreement_id",)
        else:
            continue
        yield Issue(
            "SC609",
            "DataAccessGrant",
            gid,
            path,
            {
                "grant": gid,
                "organization": org,
                "legal_role": role,
                "reason": reason,
                "agreement": agr_id or "-",
                "required": sorted(kinds),
            },
        )


# --------------------------------------------------------------------------- time


def _expiry(etype: str, eid: str, agr_id: str, until: dt.date) -> Issue:
    return Issue(
        "SC610",
        etype,
        eid,
        ("agreement_id",),
        {
            "subject_type": etype,
            "subject": eid,
            "expired": agr_id,
            "until": until.isoformat(),
            "used_on": (until + dt.timedelta(days=1)).isoformat(),
        },
    )


def _sc610(run: _Run) -> Iterator[Issue]:
    idx = run.idx
    agreements = idx.agreement_rows
    for a in idx.assignments_with_agreement:
        agr_id = a.agreement_id
        agr = agreements.get(agr_id) if agr_id is not None else None
        if agr_id is None or agr is None or agr[8] is None or not in_force(a, None):
            continue
        if a.valid_until is None or a.valid_until > agr[8]:
            yield _expiry("Assignment", a.id, agr_id, agr[8])
    for gid, row in idx.grant_rows.items():
        agr_id, vf, vu = row[3], row[8], row[9]
        if agr_id is None:
            continue
        agr = agreements.get(agr_id)
        if agr is None or agr[8] is None or (vf is not None and vu is not None and vu < vf):
            continue
        if vu is None or vu > agr[8]:
            yield _expiry("DataAccessGrant", gid, agr_id, agr[8])


def _sc618(run: _Run) -> Iterator[Issue]:
    idx = run.idx
    dated: tuple[tuple[str, Iterable[tuple[str, dt.date | None, dt.date | None]]], ...] = (
        ("Assignment", ((a.id, a.valid_from, a.valid_until) for a in idx.assignments_inverted)),
        ("DataAccessGrant", ((gid, r[8], r[9]) for gid, r in idx.grant_rows.items())),
        ("Agreement", ((aid, r[7], r[8]) for aid, r in idx.agreement_rows.items())),
    )
    for etype, items in dated:
        for eid, vf, vu in items:
            if vf is not None and vu is not None and vu < vf:
                yield Issue(
                    "SC618",
                    etype,
                    eid,
                    ("valid_until",),
                    {
                        "entity_type": etype,
                        "entity": eid,
                        "valid_from": vf.isoformat(),
                        "valid_until": vu.isoformat(),
                    },
                )


# --------------------------------------------------------------- agreements and organisations


def _sc614(run: _Run) -> Iterator[Issue]:
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


def _sc619(run: _Run) -> Iterator[Issue]:
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


def _sc615(run: _Run) -> Iterator[Issue]:
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


def _sc620(run: _Run) -> Iterator[Issue]:
    for cycle in functional_cycles(run.idx.declared_parents):
        yield Issue(
            "SC620",
            "ResponsibilityDomain",
            cycle[0],
            ("parent_id",),
            {"members": cycle, "length": len(cycle)},
        )


def _sc616(run: _Run) -> Iterator[Issue]:
    if not run.charter.usage:
        return
    judge = UsageJudge(run.charter, run.on, run.params)
    for fact, etype, eid, _source in run.charter.usage:
        verdict = judge.judge(fact)
        if verdict is not None:
            yield Issue(verdict.code, etype, eid, fact.path, _usage_params(verdict, etype, eid))


def _usage_params(verdict: Any, etype: str, eid: str) -> dict[str, Any]:
    params = dict(verdict.params)
    if verdict.code == "SC610":
        params["subject_type"], params["subject"] = etype, eid
    return params


# --------------------------------------------------------------------------- references


def _references(charter: Charter) -> Iterator[Issue]:
    """SC202 for every reference of a charter entity to an entity the charter does not have.

    Each reference field is first checked in bulk (the set of values it names,
    read from the index's rows, against the ids known); only a field with a
    missing target is scanned entity by entity to say where.
    """
    idx = charter.index
    domains = idx.parents
    orgs, cats, purs = charter.organizations, charter.categories, charter.purposes
    grants, agrs = charter.grants, charter.agreements

    def miss(etype: str, eid: str, path: Path, target: str, expected: str) -> Issue:
        return Issue(
            "SC202",
            etype,
            eid,
            path,
            {
                "field": ".".join(str(p) for p in path),
                "target": target,
                "expected": expected,
            },
        )

    def single(
        etype: str,
        table: Mapping[str, Any],
        columns: Iterable[Iterable[Any]],
        fields: tuple[tuple[str, Mapping[str, Any], str], ...],
    ) -> Iterator[Issue]:
        for (name, known, expected), column in zip(fields, columns, strict=True):
            values = column if isinstance(column, (set, frozenset)) else set(column)
            if None in values:
                values = values - {None}
            if values <= known.keys():
                continue
            for e in table.values():
                value = getattr(e, name)
                if value is not None and value not in known:
                    yield miss(etype, e.id, (name,), value, expected)

    def many(
        etype: str,
        table: Mapping[str, Any],
        name: str,
        lists: Iterable[list[str]],
        known: Mapping[str, Any],
        expected: str,
    ) -> Iterator[Issue]:
        if set(chain.from_iterable(lists)) <= known.keys():
            return
        for e in table.values():
            for i, value in enumerate(getattr(e, name)):
                if value not in known:
                    yield miss(etype, e.id, (name, i), value, expected)

    org, dom, agr_t = (orgs, "Organization"), (domains, "ResponsibilityDomain"), (agrs, "Agreement")
    org_rows, grant_rows, agr_rows = idx.organization_rows, idx.grant_rows, idx.agreement_rows
    pur_rows = idx.purpose_rows
    yield from single(
        "Organization", orgs, [map(itemgetter(1), org_rows.values())], (("parent_id", *org),)
    )
    yield from single(
        "ResponsibilityDomain",
        charter.domains,
        [idx.declared_parents.values()],
        (("parent_id", *dom),),
    )
    yield from single(
        "Assignment",
        charter.assignments,
        [idx.assignment_domains, idx.assignment_orgs],
        (("domain_id", *dom), ("organization_id", *org)),
    )
    for a in idx.assignments_with_agreement:
        target = a.agreement_id or ""
        if target not in agrs:
            yield miss("Assignment", a.id, ("agreement_id",), target, "Agreement")
    yield from single(
        "DataCategory",
        cats,
        [map(itemgetter(0), idx.category_rows.values())],
        (("steward_id", *org),),
    )
    yield from many(
        "Purpose",
        purs,
        "domain_ids",
        map(itemgetter(0), pur_rows.values()),
        domains,
        "ResponsibilityDomain",
    )
    yield from many(
        "Purpose",
        purs,
        "data_category_ids",
        map(itemgetter(1), pur_rows.values()),
        cats,
        "DataCategory",
    )
    yield from single(
        "DataAccessGrant",
        grants,
        [map(itemgetter(i), grant_rows.values()) for i in range(5)],
        (
            ("organization_id", *org),
            ("data_category_id", cats, "DataCategory"),
            ("purpose_id", purs, "Purpose"),
            ("agreement_id", *agr_t),
            ("delegated_from_id", grants, "DataAccessGrant"),
        ),
    )
    agr_lists: tuple[tuple[str, Mapping[str, Any], str], ...] = (
        ("party_ids", orgs, "Organization"),
        ("domain_ids", domains, "ResponsibilityDomain"),
        ("purpose_ids", purs, "Purpose"),
        ("data_category_ids", cats, "DataCategory"),
    )
    for i, (name, known, expected) in enumerate(agr_lists, start=1):
        yield from many(
            "Agreement", agrs, name, map(itemgetter(i), agr_rows.values()), known, expected
        )
    benefits = list(chain.from_iterable(map(itemgetter(5), agr_rows.values())))
    if not (
        set(map(itemgetter(0), benefits)) <= orgs.keys()
        and set(chain.from_iterable(map(itemgetter(2), benefits))) <= domains.keys()
        and set(chain.from_iterable(map(itemgetter(6), agr_rows.values()))) <= orgs.keys()
    ):
        for agr in agrs.values():
            for j, b in enumerate(agr.benefits):
                if b.organization_id not in orgs:
                    yield miss(
                        "Agreement",
                        agr.id,
                        ("benefits", j, "organization_id"),
                        b.organization_id,
                        "Organization",
                    )
                for k, d_id in enumerate(b.domain_ids):
                    if d_id not in domains:
                        yield miss(
                            "Agreement",
                            agr.id,
                            ("benefits", j, "domain_ids", k),
                            d_id,
                            "ResponsibilityDomain",
                        )
            for j, o in enumerate(agr.obligations):
                if o.organization_id not in orgs:
                    yield miss(
                        "Agreement",
                        agr.id,
                        ("obligations", j, "organization_id"),
                        o.organization_id,
                        "Organization",
                    )
    for sep in charter.separations.values():
        for i, duty in enumerate(sep.duties):
            if duty.domain_id not in domains:
                yield miss(
                    "DutySeparation",
                    sep.id,
                    ("duties", i, "domain_id"),
                    duty.domain_id,
                    "ResponsibilityDomain",
                )


# --------------------------------------------------------------------------- running

_CHECKS: tuple[tuple[str, Callable[[_Run], Iterator[Issue]]], ...] = (
    ("SC601", _sc601),
    ("SC602", _sc602),
    ("SC603", _sc603),
    ("SC604", _sc604),
    ("SC605", _sc605),
    ("SC606", _sc606),
    ("SC607", _sc607),
    ("SC608", _sc608),
    ("SC609", _sc609),
    ("SC610", _sc610),
    ("SC611", _sc611),
    ("SC612", _sc612),
    ("SC613", _sc613),
    ("SC614", _sc614),
    ("SC615", _sc615),
    ("SC616", _sc616),
    ("SC618", _sc618),
    ("SC619", _sc619),
    ("SC620", _sc620),
)


def iter_issues(
    charter: Charter,
    *,
    on: dt.date | None = None,
    params: Params | None = None,
    codes: Iterable[str] | None = None,
    references: bool = True,
) -> Iterator[Issue]:
    """Run the checks on a charter and yield what they find.

    Args:
        charter: the charter (see :func:`~smartstd.graph.model.as_charter`).
        on: the check date (default: the charter's ``as_of``, else today).
        params: rule parameters by code (defaults from the catalogue).
        codes: only these codes (default: all of :data:`CHECK_CODES`, and
            SC202 when ``references``). SC616 also yields SC610 for data
            used after its role expired; SC610 alone does not run SC616.
        references: also report references to entities that are not in the
            charter as SC202 (the engine's SC2xx rules do that for it).

    An empty charter (no governance entity) yields nothing.
    """
    if charter.is_empty:
        return
    wanted = (
        set(codes) if codes is not None else set(CHECK_CODES) | ({"SC202"} if references else set())
    )
    run = _Run(charter, charter.on(on), params)
    if references and "SC202" in wanted:
        yield from _references(charter)
    for code, check in _CHECKS:
        if code not in wanted and not (code == "SC616" and "SC610" in wanted):
            continue
        for issue in check(run):
            if issue.code in wanted:
                yield issue


def issue_finding(
    charter: Charter,
    issue: Issue,
    severity: Severity | None = None,
    source: Any = None,
) -> Finding:
    """Place an issue where its entity was read and make it a finding.

    Args:
        charter: the charter the issue is about (for the entities' sources).
        issue: the issue.
        severity: the severity (default: the rule's in the catalogue).
        source: where the entity was read, when not in the charter
            (usage records carry their own).
    """
    from smartstd.catalogue import get_rule

    if severity is None:
        try:
            severity = get_rule(issue.code).severity
        except KeyError:
            severity = Severity.ERROR
    src = source
    if src is None and issue.entity_type is not None and issue.entity_id is not None:
        src = charter.source(issue.entity_type, issue.entity_id)
    base: Path = src.base if src is not None else ()
    return Finding(
        issue.code,
        severity,
        path=base + issue.path,
        file=src.file if src is not None else None,
        line=src.line if src is not None else None,
        entity_type=issue.entity_type,
        entity_id=issue.entity_id,
        params=dict(issue.params),
    )


def check_charter(
    source: GraphSource,
    *,
    on: dt.date | None = None,
    params: Params | None = None,
    select: Iterable[str] | None = None,
    references: bool = True,
    severities: Mapping[str, Severity | str] | None = None,
) -> list[Finding]:
    """Check a charter's role boundaries; return the findings in a stable order.

    Args:
        source: a dataset, a charter, a graph from
            :func:`~smartstd.graph.model.build_graph`, or entities (models or
            dicts). Requests, alerts, devices and services among them are
            crossed with the charter (SC616).
        on: the check date (default: the dataset's ``generated_at``, else today).
        params: rule parameters by code, e.g. ``{"SC601": {"required_domains": ["*"]}}``.
        select: rule codes or prefixes to run (default: all SC6xx and SC202).
        references: report references to entities missing from the charter (SC202).
        severities: severity overrides by code.

    Returns:
        The findings, sorted like a report's; a charter with no governance
        entity gives none. Bad data never raises.

    >>> from smartstd.graph.synthetic import SYNTHETIC_AS_OF, synthetic_charter
    >>> check_charter(synthetic_charter(200, defects=False), on=SYNTHETIC_AS_OF)
    []
    """
    if not isinstance(source, (Charter, Dataset)) and not hasattr(source, "graph"):
        source = list(source)
    charter = as_charter(source)
    codes: set[str] | None = None
    if select is not None:
        pats = [s.upper() for s in select]
        pool = set(CHECK_CODES) | {"SC202"}
        codes = {c for c in pool if any(c.startswith(p) for p in pats)}
    sev = {k: Severity(v) for k, v in (severities or {}).items()}
    usage_sources = {(etype, eid): src for _fact, etype, eid, src in charter.usage}
    out = []
    with gc_paused():
        for issue in iter_issues(charter, on=on, params=params, codes=codes, references=references):
            src = None
            if issue.entity_type is not None and issue.entity_id is not None:
                src = usage_sources.get((issue.entity_type, issue.entity_id))
            out.append(issue_finding(charter, issue, sev.get(issue.code), src))
    out.sort(key=Finding.sort_key)
    return out


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "open"
