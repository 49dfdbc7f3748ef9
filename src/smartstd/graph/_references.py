"""SC202 for the charter: references to entities the charter does not have.

章程内部引用检查（SC202）。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from operator import itemgetter
from typing import Any

from smartstd.graph._run import Issue
from smartstd.graph.model import Charter
from smartstd.report import Path

__all__ = ["references"]


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


def _terms(
    agrs: Mapping[str, Any], orgs: Mapping[str, Any], domains: Mapping[str, Any]
) -> Iterator[Issue]:
    """SC202 for the benefits and obligations of agreements naming what is not there."""
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


def references(charter: Charter) -> Iterator[Issue]:
    """SC202 for every reference of a charter entity to an entity the charter does not have.

    Each reference field is first checked in bulk (the set of values it names,
    read from the index's rows, against the ids known); only a field with a
    missing target is scanned entity by entity to say where.
    """
    idx = charter.index
    domains = idx.parents
    orgs, cats, purs = charter.organizations, charter.categories, charter.purposes
    grants, agrs = charter.grants, charter.agreements

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
        yield from _terms(agrs, orgs, domains)
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
