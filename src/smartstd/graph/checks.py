"""The role-boundary checks SC601-SC620 on a charter, as findings.

:func:`iter_issues` runs the checks on a :class:`~smartstd.graph.model.Charter`
and yields :class:`Issue` s (a code, the entity it is about, a path inside it
and the message parameters); :func:`check_charter` turns them into
:class:`~smartstd.report.Finding` s placed where each entity was read. The
conformance engine runs the same checks through
:mod:`smartstd.conformance.rules.sc6`.

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
from itertools import chain
from operator import attrgetter
from typing import Any

from smartstd.graph._params import Params, param, strings
from smartstd.graph.access import AccessEvaluator
from smartstd.graph.model import Charter, GraphSource, as_charter, gc_paused, in_force
from smartstd.graph.usage import UsageJudge
from smartstd.report import Finding, Path, Severity
from smartstd.standard.dataset import Dataset
from smartstd.standard.domains import CORE_DOMAINS
from smartstd.standard.organization import Organization

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
    for walk, start in enumerate(successor):
        if start in walk_of:
            continue
        path: list[str] = []
        cur: str | None = start
        while cur is not None and cur in successor and cur not in walk_of:
            walk_of[cur] = walk
            path.append(cur)
            cur = successor[cur]
        if cur is not None and walk_of.get(cur) == walk:
            cycle = path[path.index(cur) :]
            low = cycle.index(min(cycle))
            cycles.append(cycle[low:] + cycle[:low])
    return cycles


class _Run:
    """One run of the checks: the charter, its indexes, the date and the parameters."""

    def __init__(self, charter: Charter, on: dt.date, params: Params | None) -> None:
        self.charter = charter
        self.idx = charter.index
        self.on = on
        self.params = params
        self.access = AccessEvaluator(charter, params)

    def anchor(self, domain: str) -> tuple[str | None, str | None, Path]:
        found = self.idx.anchors.get(domain)
        if found is None:
            return "ResponsibilityDomain", domain, ()
        return found

    def domain_issue(self, code: str, domain: str, **params: Any) -> Issue:
        etype, eid, path = self.anchor(domain)
        return Issue(code, etype, eid, path, {"domain": domain, **params})

    def scope(self, code: str) -> list[str]:
        """The domains in scope, plus the rule's ``required_domains``."""
        out = list(self.idx.scope)
        seen = set(out)
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
        for d in wanted:
            if d not in seen and d in self.idx.domain_info:
                out.append(d)
                seen.add(d)
        return out


# --------------------------------------------------------------------------- RACI


def _sc601(run: _Run) -> Iterator[Issue]:
    eff = run.idx.effective("accountable", run.on)
    for d in run.scope("SC601"):
        if not eff.get(d, (d, []))[1]:
            yield run.domain_issue("SC601", d, on=run.on.isoformat())


def _sc602(run: _Run) -> Iterator[Issue]:
    anchors = run.idx.anchors
    for d, items in run.idx.live(run.on).get("accountable", {}).items():
        if len(items) < 2 or d not in anchors:
            continue
        orgs = sorted({a.organization_id for a in items})
        if len(orgs) > 1:
            yield run.domain_issue(
                "SC602", d, organizations=orgs, count=len(orgs), on=run.on.isoformat()
            )


def _sc603(run: _Run) -> Iterator[Issue]:
    eff = run.idx.effective("responsible", run.on)
    for d in run.scope("SC603"):
        if not eff.get(d, (d, []))[1]:
            yield run.domain_issue("SC603", d, on=run.on.isoformat())


def _sc604(run: _Run) -> Iterator[Issue]:
    extra = strings(run.params, "SC604", "exclusive_domains")
    anchors, info = run.idx.anchors, run.idx.domain_info
    for d, live in run.idx.live(run.on).get("responsible", {}).items():
        if len(live) < 2 or d not in anchors or not (info[d].exclusive or d in extra):
            continue
        orgs = sorted({a.organization_id for a in live})
        if len(orgs) < 2:
            continue
        leads = sorted({a.organization_id for a in live if a.lead})
        if len(leads) != 1:
            yield run.domain_issue("SC604", d, organizations=orgs, leads=leads or ["-"])


def _sc611(run: _Run) -> Iterator[Issue]:
    for sep in run.charter.separations.values():
        held: dict[str, list[str]] = {}
        for duty in sep.duties:
            label = f"{duty.domain_id}:{duty.role}"
            holders = {
                a.organization_id for a in run.idx.holding(duty.domain_id, duty.role, run.on)
            }
            for org in holders:
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
    eff = run.idx.effective("accountable", run.on)
    for agr in run.charter.agreements.values():
        if not in_force(agr, run.on):
            continue
        for j, b in enumerate(agr.benefits):
            if b.kind not in conflicting:
                continue
            for d in dict.fromkeys(b.domain_ids or agr.domain_ids):
                holders = eff.get(d, (d, []))[1]
                if any(a.organization_id == b.organization_id for a in holders):
                    yield Issue(
                        "SC612",
                        "Agreement",
                        agr.id,
                        ("benefits", j, "organization_id"),
                        {
                            "organization": b.organization_id,
                            "domain": d,
                            "agreement": agr.id,
                            "benefit": b.kind,
                        },
                    )


def _sc613(run: _Run) -> Iterator[Issue]:
    kinds = strings(run.params, "SC613", "resident_kinds")
    wanted = strings(run.params, "SC613", "roles")
    roles = [r for r in ("accountable", "responsible", "consulted", "informed") if r in wanted]
    residents = {oid for oid, org in run.charter.organizations.items() if org.kind in kinds}
    # the role residents usually hold first: most domains are settled by the first lookup
    effective = [
        run.idx.effective(r, run.on)
        for r in sorted(roles, key=("consulted", "responsible", "accountable", "informed").index)
    ]
    info = run.idx.domain_info
    for d in run.idx.scope:
        if not info[d].affects_residents:
            continue
        if not any(
            a.organization_id in residents for eff in effective for a in eff.get(d, (d, []))[1]
        ):
            yield run.domain_issue("SC613", d, on=run.on.isoformat(), roles=roles)


# --------------------------------------------------------------------------- delegation and grants


def _sc605(run: _Run) -> Iterator[Issue]:
    grants = run.charter.grants
    succ = {gid: g.delegated_from_id for gid, g in grants.items()}
    for cycle in functional_cycles(succ):
        yield Issue(
            "SC605",
            "DataAccessGrant",
            cycle[0],
            ("delegated_from_id",),
            {"members": cycle, "length": len(cycle)},
        )


def _sc606(run: _Run) -> Iterator[Issue]:
    grants = run.charter.grants
    for g in grants.values():
        if g.delegated_from_id is None or g.delegated_from_id == g.id:
            continue
        src = grants.get(g.delegated_from_id)
        if src is None:
            continue
        wider: list[str] = []
        detail: list[str] = []
        extra = [a for a in g.actions if a not in src.actions]
        if extra:
            wider.append("actions")
            detail.append("actions +" + "+".join(extra))
        if g.data_category_id != src.data_category_id:
            wider.append("categories")
            detail.append(f"category {g.data_category_id} ≠ {src.data_category_id}")
        if g.purpose_id != src.purpose_id:
            wider.append("purposes")
            detail.append(f"purpose {g.purpose_id} ≠ {src.purpose_id}")
        time: list[str] = []
        if src.valid_from is not None and (g.valid_from is None or g.valid_from < src.valid_from):
            time.append(f"valid_from {_iso(g.valid_from)} < {_iso(src.valid_from)}")
        if src.valid_until is not None and (
            g.valid_until is None or g.valid_until > src.valid_until
        ):
            time.append(f"valid_until {_iso(g.valid_until)} > {_iso(src.valid_until)}")
        if time:
            wider.append("time")
            detail.extend(time)
        if wider:
            yield Issue(
                "SC606",
                "DataAccessGrant",
                g.id,
                ("delegated_from_id",),
                {
                    "grant": g.id,
                    "source": src.id,
                    "wider": wider,
                    "detail": "; ".join(detail),
                },
            )


def _sc607(run: _Run) -> Iterator[Issue]:
    charter = run.charter

    def params(g: Any, declared_by: str) -> dict[str, Any]:
        return {
            "grant": g.id,
            "organization": g.organization_id,
            "category": g.data_category_id,
            "purpose": g.purpose_id,
            "declared_by": declared_by,
        }

    for g in charter.grants.values():
        pur = charter.purposes.get(g.purpose_id)
        if pur is not None and g.data_category_id not in pur.data_category_ids:
            yield Issue("SC607", "DataAccessGrant", g.id, ("purpose_id",), params(g, pur.id))
        agr = charter.agreements.get(g.agreement_id) if g.agreement_id is not None else None
        if agr is None:
            continue
        if agr.purpose_ids and g.purpose_id not in agr.purpose_ids:
            yield Issue("SC607", "DataAccessGrant", g.id, ("purpose_id",), params(g, agr.id))
        if agr.data_category_ids and g.data_category_id not in agr.data_category_ids:
            yield Issue("SC607", "DataAccessGrant", g.id, ("data_category_id",), params(g, agr.id))


def _sc608(run: _Run) -> Iterator[Issue]:
    access = run.access
    for g in run.charter.grants.values():
        if not access.is_sensitive(g.data_category_id) or g.legal_basis in access.sensitive_bases:
            continue
        cat = run.charter.categories[g.data_category_id]
        yield Issue(
            "SC608",
            "DataAccessGrant",
            g.id,
            ("legal_basis",) if g.legal_basis else (),
            {
                "grant": g.id,
                "organization": g.organization_id,
                "category": cat.id,
                "sensitivity": cat.sensitive_kind or cat.sensitivity,
                "basis": g.legal_basis or "none",
                "allowed": sorted(access.sensitive_bases),
            },
        )


def _sc609(run: _Run) -> Iterator[Issue]:
    processor_roles = strings(run.params, "SC609", "processor_roles")
    processor_kinds = strings(run.params, "SC609", "processor_agreement_kinds")
    joint_kinds = strings(run.params, "SC609", "joint_agreement_kinds")
    for g in run.charter.grants.values():
        if g.legal_role in processor_roles:
            kinds = processor_kinds
        elif g.legal_role == "joint_controller":
            kinds = joint_kinds
        else:
            continue
        agr = run.charter.agreements.get(g.agreement_id) if g.agreement_id is not None else None
        if g.agreement_id is None:
            reason, path = "missing", ("legal_role",)
        elif agr is None:
            reason, path = "unknown", ("agreement_id",)
        elif agr.kind not in kinds:
            reason, path = "wrong-kind", ("agreement_id",)
        elif g.organization_id not in agr.party_ids:
            reason, path = "not-a-party", ("agreement_id",)
        else:
            continue
        yield Issue(
            "SC609",
            "DataAccessGrant",
            g.id,
            path,
            {
                "grant": g.id,
                "organization": g.organization_id,
                "legal_role": g.legal_role,
                "reason": reason,
                "agreement": g.agreement_id or "-",
                "required": sorted(kinds),
            },
        )


# --------------------------------------------------------------------------- time


def _sc610(run: _Run) -> Iterator[Issue]:
    charter = run.charter
    agreements = charter.agreements
    dependents: tuple[tuple[str, Iterable[Any]], ...] = (
        ("Assignment", run.idx.assignments_with_agreement),
        ("DataAccessGrant", charter.grants.values()),
    )
    for etype, items in dependents:
        for e in items:
            if e.agreement_id is None:
                continue
            agr = agreements.get(e.agreement_id)
            if agr is None or agr.valid_until is None or not in_force(e, None):
                continue
            if e.valid_until is None or e.valid_until > agr.valid_until:
                yield Issue(
                    "SC610",
                    etype,
                    e.id,
                    ("agreement_id",),
                    {
                        "subject_type": etype,
                        "subject": e.id,
                        "expired": agr.id,
                        "until": agr.valid_until.isoformat(),
                        "used_on": (agr.valid_until + dt.timedelta(days=1)).isoformat(),
                    },
                )


def _sc618(run: _Run) -> Iterator[Issue]:
    charter = run.charter
    tables: tuple[tuple[str, Iterable[Any]], ...] = (
        ("Assignment", run.idx.assignments_inverted),
        ("DataAccessGrant", charter.grants.values()),
        ("Agreement", charter.agreements.values()),
    )
    for etype, items in tables:
        for e in items:
            vf, vu = e.valid_from, e.valid_until
            if vf is not None and vu is not None and vu < vf:
                yield Issue(
                    "SC618",
                    etype,
                    e.id,
                    ("valid_until",),
                    {
                        "entity_type": etype,
                        "entity": e.id,
                        "valid_from": vf.isoformat(),
                        "valid_until": vu.isoformat(),
                    },
                )


# --------------------------------------------------------------- agreements and organisations


def _sc614(run: _Run) -> Iterator[Issue]:
    for agr in run.charter.agreements.values():
        gains = {b.organization_id for b in agr.benefits}
        duties = {o.organization_id for o in agr.obligations}
        seen: set[str] = set()
        for i, p in enumerate(agr.party_ids):
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
                    agr.id,
                    ("party_ids", i),
                    {
                        "agreement": agr.id,
                        "organization": p,
                        "missing": missing,
                        "missing_zh": zh,
                    },
                )


def _sc619(run: _Run) -> Iterator[Issue]:
    minimum = param(run.params, "SC619", "min_parties")
    if not isinstance(minimum, int) or isinstance(minimum, bool):
        minimum = 2
    for agr in run.charter.agreements.values():
        count = len(set(agr.party_ids))
        if count < minimum:
            yield Issue(
                "SC619",
                "Agreement",
                agr.id,
                ("party_ids",),
                {"agreement": agr.id, "count": count, "min_parties": minimum},
            )


def _sc615(run: _Run) -> Iterator[Issue]:
    charter, idx = run.charter, run.idx
    part: set[str] = set(idx.by_org)
    part.update(idx.grants_by_org)
    part.update(idx.agreements_by_party)
    part.update(c.steward_id for c in charter.categories.values() if c.steward_id is not None)
    for agr in charter.agreements.values():
        part.update(b.organization_id for b in agr.benefits)
        part.update(o.organization_id for o in agr.obligations)
    orgs = charter.organizations
    orphans = orgs.keys() - part
    if orphans:  # a parent of an organisation with a place is not an orphan
        children = [o for o in orgs.values() if o.parent_id is not None and o.parent_id in orphans]
        for child in children:
            if child.id not in part:
                continue
            cur: Organization | None = child
            seen = {child.id}
            while cur is not None and cur.parent_id is not None and cur.parent_id not in seen:
                seen.add(cur.parent_id)
                part.add(cur.parent_id)
                cur = orgs.get(cur.parent_id)
    for oid in orgs:
        if oid in orphans and oid not in part:
            yield Issue("SC615", "Organization", oid, (), {"organization": oid})


def _sc620(run: _Run) -> Iterator[Issue]:
    succ = {d.id: d.parent_id for d in run.charter.domains.values()}
    for cycle in functional_cycles(succ):
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

    Each reference field is first checked in bulk (the set of values it names
    against the ids known); only a field with a missing target is scanned
    entity by entity to say where.
    """
    domains = charter.index.domain_info
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
        etype: str, table: Mapping[str, Any], fields: tuple[tuple[str, Mapping[str, Any], str], ...]
    ) -> Iterator[Issue]:
        if not table:
            return
        names = [name for name, _known, _expected in fields]
        columns = (
            list(zip(*map(attrgetter(*names), table.values()), strict=True))
            if len(names) > 1
            else [tuple(map(attrgetter(names[0]), table.values()))]
        )
        for (name, known, expected), column in zip(fields, columns, strict=True):
            values = set(column)
            values.discard(None)
            if values <= known.keys():
                continue
            for e in table.values():
                value = getattr(e, name)
                if value is not None and value not in known:
                    yield miss(etype, e.id, (name,), value, expected)

    def many(
        etype: str, table: Mapping[str, Any], name: str, known: Mapping[str, Any], expected: str
    ) -> Iterator[Issue]:
        values = set(chain.from_iterable(map(attrgetter(name), table.values())))
        if values <= known.keys():
            return
        for e in table.values():
            for i, value in enumerate(getattr(e, name)):
                if value not in known:
                    yield miss(etype, e.id, (name, i), value, expected)

    org, dom, agr_t = (orgs, "Organization"), (domains, "ResponsibilityDomain"), (agrs, "Agreement")
    yield from single("Organization", orgs, (("parent_id", *org),))
    yield from single("ResponsibilityDomain", charter.domains, (("parent_id", *dom),))
    idx = charter.index
    named_domains = set().union(*(table.keys() for table in idx.by_role.values()))
    if not (named_domains <= domains.keys() and idx.by_org.keys() <= orgs.keys()):
        yield from single(
            "Assignment", charter.assignments, (("domain_id", *dom), ("organization_id", *org))
        )
    for a in idx.assignments_with_agreement:
        target = a.agreement_id or ""
        if target not in agrs:
            yield miss("Assignment", a.id, ("agreement_id",), target, "Agreement")
    yield from single("DataCategory", cats, (("steward_id", *org),))
    yield from many("Purpose", purs, "domain_ids", domains, "ResponsibilityDomain")
    yield from many("Purpose", purs, "data_category_ids", cats, "DataCategory")
    yield from single(
        "DataAccessGrant",
        grants,
        (
            ("organization_id", *org),
            ("data_category_id", cats, "DataCategory"),
            ("purpose_id", purs, "Purpose"),
            ("agreement_id", *agr_t),
            ("delegated_from_id", grants, "DataAccessGrant"),
        ),
    )
    yield from many("Agreement", agrs, "party_ids", orgs, "Organization")
    yield from many("Agreement", agrs, "domain_ids", domains, "ResponsibilityDomain")
    yield from many("Agreement", agrs, "purpose_ids", purs, "Purpose")
    yield from many("Agreement", agrs, "data_category_ids", cats, "DataCategory")
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
