"""SC202 for the charter: references to entities the charter does not have.

The judging is :func:`smartstd.rules.sc2.references.unresolved_in_tables`,
the one definition of SC202 that the engine's identity rule shares; this
module only says what a charter holds, and hands it the reference columns
its index has read already (:class:`~smartstd.graph.index.CharterIndex`), so
that no model is read twice.

章程内部引用检查（SC202），与数据检查共用同一实现。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from operator import itemgetter
from typing import Any

from smartstd.graph._run import Issue
from smartstd.graph.model import Charter
from smartstd.rules.sc2.references import unresolved_in_tables

__all__ = ["references"]


def _columns(charter: Charter) -> dict[tuple[str, tuple[str, ...]], Iterable[Any]]:
    """The values of the reference fields that the charter's index holds, by type and path."""
    idx = charter.index
    grants = idx.grant_rows.values()
    agreements = idx.agreement_rows.values()
    purposes = idx.purpose_rows.values()
    benefits = list(chain.from_iterable(map(itemgetter(5), agreements)))
    columns: dict[tuple[str, tuple[str, ...]], Iterable[Any]] = {
        ("Organization", ("parent_id",)): map(itemgetter(1), idx.organization_rows.values()),
        ("ResponsibilityDomain", ("parent_id",)): idx.declared_parents.values(),
        ("Assignment", ("domain_id",)): idx.assignment_domains,
        ("Assignment", ("organization_id",)): idx.assignment_orgs,
        ("Assignment", ("agreement_id",)): [a.agreement_id for a in idx.assignments_with_agreement],
        ("DataCategory", ("steward_id",)): map(itemgetter(0), idx.category_rows.values()),
        ("Purpose", ("domain_ids", "*")): chain.from_iterable(map(itemgetter(0), purposes)),
        ("Purpose", ("data_category_ids", "*")): chain.from_iterable(map(itemgetter(1), purposes)),
        ("Agreement", ("benefits", "*", "organization_id")): map(itemgetter(0), benefits),
        ("Agreement", ("benefits", "*", "domain_ids", "*")): chain.from_iterable(
            map(itemgetter(2), benefits)
        ),
        ("Agreement", ("obligations", "*", "organization_id")): chain.from_iterable(
            map(itemgetter(6), agreements)
        ),
    }
    for i, name in enumerate(
        ("organization_id", "data_category_id", "purpose_id", "agreement_id", "delegated_from_id")
    ):
        columns[("DataAccessGrant", (name,))] = map(itemgetter(i), grants)
    for i, name in enumerate(("party_ids", "domain_ids", "purpose_ids", "data_category_ids"), 1):
        columns[("Agreement", (name, "*"))] = chain.from_iterable(map(itemgetter(i), agreements))
    return columns


def references(charter: Charter) -> Iterator[Issue]:
    """SC202 for every reference of a charter entity to an entity the charter does not have.

    Only references to the charter's own types are judged (organisations and
    governance entities); the standard's core domains resolve without an
    entity.
    """
    tables: dict[str, Mapping[str, Any]] = {
        "Organization": charter.organizations,
        "ResponsibilityDomain": charter.domains,
        "Assignment": charter.assignments,
        "DataCategory": charter.categories,
        "Purpose": charter.purposes,
        "DataAccessGrant": charter.grants,
        "Agreement": charter.agreements,
        "DutySeparation": charter.separations,
    }
    for type_name, entity_id, hit in unresolved_in_tables(tables, tables, _columns(charter)):
        yield Issue(hit.code, type_name, entity_id, hit.path, hit.params)
