"""The charter's indexes: compact rows per entity type, who holds which role, the domains.

:class:`CharterIndex` is built once per :class:`~smartstd.graph.model.Charter`
(``charter.index``) and read by the checks and the questions; see the
architecture page ("The charter index") for why it reads rows, not models.

章程索引：按实体类型的紧凑行、角色持有者与领域信息。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, filterfalse
from operator import attrgetter, itemgetter
from typing import Any, Protocol

from smartstd.graph.validity import in_force
from smartstd.report import Path
from smartstd.standard.domains import CORE_DOMAINS
from smartstd.standard.governance import (
    Agreement,
    Assignment,
    DataAccessGrant,
    DataCategory,
    DutySeparation,
    Purpose,
    ResponsibilityDomain,
)
from smartstd.standard.organization import Organization

#: The RACI roles, in order.
RACI_ROLES: tuple[str, ...] = ("accountable", "responsible", "consulted", "informed")

__all__ = [
    "RACI_ROLES",
    "AgreementRow",
    "AssignmentRow",
    "BenefitRow",
    "CharterIndex",
    "CharterTables",
    "DomainInfo",
    "GrantRow",
    "RoleHolders",
    "label",
]


class CharterTables(Protocol):
    """What :class:`CharterIndex` reads of a charter: its date and its entities by id.

    :class:`~smartstd.graph.model.Charter` is one; the index names this shape
    instead of the class, so that :mod:`smartstd.graph.model` (which builds a
    charter's index) sits above this module, not beside it in a cycle.
    """

    @property
    def as_of(self) -> dt.date | None:
        """The date the charter is judged by, or ``None`` for today."""

    @property
    def organizations(self) -> Mapping[str, Organization]:
        """Organisations by id."""

    @property
    def domains(self) -> Mapping[str, ResponsibilityDomain]:
        """The declared responsibility domains by id."""

    @property
    def assignments(self) -> Mapping[str, Assignment]:
        """RACI assignments by id."""

    @property
    def categories(self) -> Mapping[str, DataCategory]:
        """Data categories by id."""

    @property
    def purposes(self) -> Mapping[str, Purpose]:
        """Purposes by id."""

    @property
    def grants(self) -> Mapping[str, DataAccessGrant]:
        """Data access grants by id."""

    @property
    def agreements(self) -> Mapping[str, Agreement]:
        """Agreements by id."""

    @property
    def separations(self) -> Mapping[str, DutySeparation]:
        """Duty separations by id."""


def label(text: Mapping[str, str] | None, lang: str, fallback: str) -> str:
    """A localized text in ``lang`` (another language, then ``fallback``, when missing)."""
    if not text:
        return fallback
    if lang in text:
        return text[lang]
    for key, value in text.items():
        if key.lower().startswith(lang[:2].lower()):
            return value
    return next(iter(text.values()), fallback)


@dataclass(frozen=True, slots=True)
class DomainInfo:
    """A responsibility domain as the graph sees it: core or declared by the charter.

    Attributes:
        id: the domain id.
        parent: the parent domain id, or ``None`` for a top-level domain.
        exclusive: whether several responsible parties need one lead (SC604).
        affects_residents: whether residents must take part (SC613).
        core: whether it is one of the standard's core domains.
        declared: whether the charter declares it as a ``ResponsibilityDomain``.
        name: its name by language (a core domain's published names when not declared).
    """

    id: str
    parent: str | None
    exclusive: bool
    affects_residents: bool
    core: bool
    declared: bool
    name: Mapping[str, str]

    @property
    def label_zh(self) -> str:
        """Its name in Chinese (or another language when there is none)."""
        return label(self.name, "zh-CN", self.id)

    @property
    def label_en(self) -> str:
        """Its name in English (or another language when there is none)."""
        return label(self.name, "en", self.id)


def _domain_refs(entity: Any) -> Iterator[tuple[Path, str]]:
    t = entity.type
    if t == "ResponsibilityDomain":
        if entity.parent_id is not None:
            yield ("parent_id",), entity.parent_id
    elif t == "Assignment":
        yield ("domain_id",), entity.domain_id
    elif t == "Purpose":
        for i, d in enumerate(entity.domain_ids):
            yield ("domain_ids", i), d
    elif t == "Agreement":
        for i, d in enumerate(entity.domain_ids):
            yield ("domain_ids", i), d
        for j, b in enumerate(entity.benefits):
            for k, d in enumerate(b.domain_ids):
                yield ("benefits", j, "domain_ids", k), d
    elif t == "DutySeparation":
        for i, duty in enumerate(entity.duties):
            yield ("duties", i, "domain_id"), duty.domain_id


#: What the index reads of each entity, in one C-level pass per entity type
#: (:func:`operator.attrgetter` mapped over the models): the checks then read
#: these compact rows, not the models (see :class:`CharterIndex`).
_ASSIGNMENT_FIELDS = attrgetter(
    "domain_id", "role", "organization_id", "agreement_id", "valid_from", "valid_until", "lead"
)
_DOMAIN_FIELDS = attrgetter("parent_id", "exclusive", "affects_residents")
_ORGANIZATION_FIELDS = attrgetter("kind", "parent_id")
_CATEGORY_FIELDS = attrgetter("steward_id", "sensitivity", "sensitive_kind")
_PURPOSE_FIELDS = attrgetter("domain_ids", "data_category_ids")
_GRANT_FIELDS = attrgetter(
    "organization_id",
    "data_category_id",
    "purpose_id",
    "agreement_id",
    "delegated_from_id",
    "actions",
    "legal_role",
    "legal_basis",
    "valid_from",
    "valid_until",
)
_AGREEMENT_FIELDS = attrgetter(
    "kind",
    "party_ids",
    "domain_ids",
    "purpose_ids",
    "data_category_ids",
    "benefits",
    "obligations",
    "valid_from",
    "valid_until",
)
_BENEFIT_FIELDS = attrgetter("organization_id", "kind", "domain_ids")
_ORGANIZATION_ID = attrgetter("organization_id")

#: An assignment's ``(domain_id, role, organization_id, agreement_id, valid_from,
#: valid_until, lead)``.
AssignmentRow = tuple[str, str, str, str | None, dt.date | None, dt.date | None, bool]
#: A benefit's ``(organization_id, kind, domain_ids)``.
BenefitRow = tuple[str, str, list[str]]
#: A grant's ``(organization_id, data_category_id, purpose_id, agreement_id,
#: delegated_from_id, actions, legal_role, legal_basis, valid_from, valid_until)``.
GrantRow = tuple[
    str,
    str,
    str,
    str | None,
    str | None,
    list[str],
    str,
    str | None,
    dt.date | None,
    dt.date | None,
]
#: An agreement's ``(kind, party_ids, domain_ids, purpose_ids, data_category_ids,
#: benefits, obligations, valid_from, valid_until)``, its benefits as
#: :data:`BenefitRow` s and its obligations as the organisations that owe them.
AgreementRow = tuple[
    str,
    list[str],
    list[str],
    list[str],
    list[str],
    tuple[BenefitRow, ...],
    tuple[str, ...],
    dt.date | None,
    dt.date | None,
]


class RoleHolders:
    """Who holds each RACI role in each domain on one date: the assignments in force, compactly.

    Attributes:
        first: by role, then by domain (in the order of their first assignment
            in force): the organisation of the domain's first assignment in
            force. Roles and domains without one are left out.
        several: by role, then by domain, for the domains with more than one
            assignment in force: ``(organisation, lead)`` of each, in charter
            order (the first one included).
    """

    __slots__ = ("first", "several")

    def __init__(
        self,
        first: dict[str, dict[str, str]],
        several: dict[str, dict[str, list[tuple[str, bool]]]],
    ) -> None:
        self.first = first
        self.several = several

    def organizations(self, role: str, domain: str) -> list[str]:
        """The organisations of the domain's own assignments of ``role`` (charter order)."""
        items = self.several.get(role, {}).get(domain)
        if items is not None:
            return [org for org, _lead in items]
        org = self.first.get(role, {}).get(domain)
        return [] if org is None else [org]

    def crowded(self, role: str) -> list[tuple[str, list[tuple[str, bool]]]]:
        """The domains with several assignments of ``role``, in the order of :attr:`first`."""
        several = self.several.get(role, {})
        if len(several) < 2:
            return list(several.items())
        return [(d, several[d]) for d in self.first.get(role, {}) if d in several]


@dataclass(slots=True)
class _AssignmentPass:
    """What one pass over the assignments collects (positions are in table order)."""

    holders: RoleHolders
    domains: set[str]
    organizations: set[str]
    with_agreement: list[int]
    inverted: list[int]
    named: dict[str, int]


def _pass_assignments(
    assignments: Iterable[Assignment], on: dt.date | None, pending: Mapping[str, Any]
) -> _AssignmentPass:
    """One pass over the assignments: who holds what on ``on``, and what the checks need.

    Each model is read once (its row is consumed while its values are still in
    the processor's caches): the domains and organisations named, the
    positions of the assignments that rest on an agreement and of those that
    end before they begin, and, for each domain of ``pending``, the position of
    the first assignment that names it.
    """
    first: dict[str, dict[str, str]] = {r: {} for r in RACI_ROLES}
    several: dict[str, dict[str, list[tuple[str, bool]]]] = {r: {} for r in RACI_ROLES}
    leads: set[tuple[str, str]] = set()
    domains: set[str] = set()
    orgs: set[str] = set()
    with_agreement: list[int] = []
    inverted: list[int] = []
    named: dict[str, int] = {}
    add_domain, add_org = domains.add, orgs.add
    rows: Iterator[AssignmentRow] = map(_ASSIGNMENT_FIELDS, assignments)
    for i, (d, role, org, agreement, vf, vu, lead) in enumerate(rows):
        add_domain(d)
        add_org(org)
        if agreement is not None:
            with_agreement.append(i)
        if pending and d in pending and d not in named:
            named[d] = i
        if vf is not None and vu is not None and vu < vf:
            inverted.append(i)
            continue
        # in_force(), inlined: this runs for every assignment
        if on is not None and not ((vf is None or vf <= on) and (vu is None or on <= vu)):
            continue
        held = first.get(role)
        if held is None:
            held = first[role] = {}
            several[role] = {}
        if d not in held:
            held[d] = org
            if lead:
                leads.add((role, d))
            continue
        crowd = several[role]
        items = crowd.get(d)
        if items is None:
            crowd[d] = [(held[d], (role, d) in leads), (org, bool(lead))]
        else:
            items.append((org, bool(lead)))
    return _AssignmentPass(
        RoleHolders(first, several), domains, orgs, with_agreement, inverted, named
    )


class CharterIndex:
    """Indexes derived from a charter (built once, read by checks and queries).

    The checks read each entity's model once, in one pass per entity type
    (:func:`operator.attrgetter` mapped over the models), into compact rows:
    tuples of attribute values, whose ids are the models' own string objects.
    The assignments (the most numerous entities) are not even kept as rows:
    their pass keeps only who holds what (:meth:`holders`) and the few things
    the checks need. Every other pass reads the rows, never the models again,
    which matters once a large charter's models no longer fit in the
    processor's caches. The rows and the indexes of models (:attr:`by_role`,
    :attr:`grants_by_org`, ...) are built on first use.

    Attributes:
        domain_info: every known domain (core and declared) by id.
        scope: the domains the charter touches: its declared domains, then
            the known domains that assignments, purposes, agreements, duty
            separations and sub-domains name (in that order of types, each in
            input order).
        anchors: for each domain in scope, the entity a finding about it is
            placed on: ``(type, id, path)``: its own entity, else the first
            entity that names it, in the order of :attr:`scope`.
        by_role: assignments by role, then by domain.
        by_org: assignments by organisation.
        grants_by_org: grants by holder.
        grants_by_category: grants by data category.
        delegations: delegated grant ids by source grant id.
        agreements_by_party: agreements by party.
        parents: every known domain's parent (``None`` at the top), in the
            order of :attr:`domain_info`.
        declared_parents: the parent of each domain the charter declares.
        exclusive: the known domains that are exclusive (SC604).
        affecting_residents: the known domains that affect residents (SC613).
        named_anchors: the anchors of the domains in scope that the charter
            does not declare (a declared domain is its own anchor).
        assignment_domains: the domain ids that assignments name.
        assignment_orgs: the organisation ids that assignments name.
        assignments_with_agreement: the assignments that rest on an agreement.
        assignments_inverted: the assignments that end before they begin.
        organization_rows: ``(kind, parent_id)`` of each organisation, by id.
        category_rows: ``(steward_id, sensitivity, sensitive_kind)`` of each
            data category, by id.
        purpose_rows: ``(domain_ids, data_category_ids)`` of each purpose, by id.
        grant_rows: a :data:`GrantRow` for each grant, by id.
        agreement_rows: an :data:`AgreementRow` for each agreement, by id.
    """

    def __init__(self, charter: CharterTables) -> None:
        self.charter = charter
        domains = charter.domains
        # Domains: one pass over the declared ones.
        if domains:
            parent_col, exclusive_col, affects_col = zip(
                *map(_DOMAIN_FIELDS, domains.values()), strict=True
            )
        else:
            parent_col = exclusive_col = affects_col = ()
        self.declared_parents: dict[str, str | None] = dict(zip(domains, parent_col, strict=True))
        parents: dict[str, str | None] = {core.id: None for core in CORE_DOMAINS.values()}
        parents.update(self.declared_parents)
        self.parents = parents
        undeclared = [c for c in CORE_DOMAINS.values() if c.id not in domains]
        exclusive = {c.id for c in undeclared if c.exclusive}
        exclusive.update(compress(domains, exclusive_col))
        affecting = {c.id for c in undeclared if c.affects_residents}
        affecting.update(compress(domains, affects_col))
        for d in [c for c in CORE_DOMAINS if c in domains]:
            # a core domain restated: unset flags keep the standard's values
            dom, core_d = domains[d], CORE_DOMAINS[d]
            fields_set = dom.model_fields_set
            for flags, name, value in (
                (exclusive, "exclusive", core_d.exclusive),
                (affecting, "affects_residents", core_d.affects_residents),
            ):
                if name not in fields_set and value:
                    flags.add(d)
                elif name not in fields_set:
                    flags.discard(d)
        self.exclusive: set[str] = exclusive
        self.affecting_residents: set[str] = affecting
        # Assignments (the most numerous entities): one pass over the models collects who
        # holds what on the charter's date, the ids they name (SC202, SC615), those that rest
        # on an agreement (SC610) or end before they begin (SC618), and the first one naming
        # each core domain that the charter does not declare (the anchor of findings on it).
        values = list(charter.assignments.values())
        pending = {c.id: None for c in undeclared}
        found = _pass_assignments(values, charter.as_of, pending)
        self._holders: dict[dt.date | None, RoleHolders] = {charter.as_of: found.holders}
        self.assignment_domains: set[str] = found.domains
        self.assignment_orgs: set[str] = found.organizations
        self.assignments_with_agreement: list[Assignment] = [
            values[i] for i in found.with_agreement
        ]
        self.assignments_inverted: list[Assignment] = [values[i] for i in found.inverted]
        named = found.named
        # The domains in scope, each with the entity a finding about it is placed on: the
        # domain's own entity, else the first assignment, purpose, agreement, duty separation
        # or sub-domain (in that order of types) that names it.
        anchors: dict[str, tuple[str, str, Path]] = {
            d: ("Assignment", values[i].id, ("domain_id",))
            for d, i in sorted(named.items(), key=itemgetter(1))
        }
        if len(anchors) < len(pending):
            tables: tuple[tuple[str, Mapping[str, Any]], ...] = (
                ("Purpose", charter.purposes),
                ("Agreement", charter.agreements),
                ("DutySeparation", charter.separations),
                ("ResponsibilityDomain", domains),
            )
            for table_name, table in tables:
                for e in table.values():
                    for path, d in _domain_refs(e):
                        if d in pending and d not in anchors:
                            anchors[d] = (table_name, e.id, path)
        self.named_anchors = anchors
        self.scope: list[str] = [*domains, *anchors]
        self._effective: dict[
            tuple[str, dt.date | None], dict[str, tuple[str, list[Assignment]]]
        ] = {}
        self._live: dict[dt.date | None, dict[str, dict[str, list[Assignment]]]] = {}
        self._inherited: dict[tuple[str, dt.date | None], dict[str, str]] = {}

    # -- indexes of models, built on first use

    @cached_property
    def domain_info(self) -> dict[str, DomainInfo]:
        """Every known domain (core and declared) by id."""
        info: dict[str, DomainInfo] = {}
        for core in CORE_DOMAINS.values():
            info[core.id] = DomainInfo(
                core.id,
                None,
                core.exclusive,
                core.affects_residents,
                True,
                False,
                {"zh-CN": core.zh, "en": core.en},
            )
        for dom in self.charter.domains.values():
            core_d = CORE_DOMAINS.get(dom.id)
            exclusive, affects = dom.exclusive, dom.affects_residents
            if core_d is not None:  # a core domain restated: unset flags keep the standard's values
                if "exclusive" not in dom.model_fields_set:
                    exclusive = core_d.exclusive
                if "affects_residents" not in dom.model_fields_set:
                    affects = core_d.affects_residents
            info[dom.id] = DomainInfo(
                dom.id, dom.parent_id, exclusive, affects, core_d is not None, True, dom.name
            )
        return info

    @cached_property
    def anchors(self) -> dict[str, tuple[str, str, Path]]:
        """For each domain in scope, the entity a finding about it is placed on."""
        out: dict[str, tuple[str, str, Path]] = {
            d: ("ResponsibilityDomain", d, ()) for d in self.charter.domains
        }
        out.update(self.named_anchors)
        return out

    def anchor(self, domain: str) -> tuple[str, str, Path]:
        """The entity a finding about a domain is placed on (the domain's own by default)."""
        found = self.named_anchors.get(domain)
        return ("ResponsibilityDomain", domain, ()) if found is None else found

    def in_scope(self, domain: str) -> bool:
        """Whether a domain is in :attr:`scope`."""
        return domain in self.charter.domains or domain in self.named_anchors

    @cached_property
    def _assignment_indexes(
        self,
    ) -> tuple[dict[str, dict[str, list[Assignment]]], dict[str, list[Assignment]]]:
        by_role: dict[str, dict[str, list[Assignment]]] = {r: {} for r in RACI_ROLES}
        by_org: dict[str, list[Assignment]] = {}
        for a in self.charter.assignments.values():
            table = by_role.get(a.role)
            if table is None:
                table = by_role[a.role] = {}
            table.setdefault(a.domain_id, []).append(a)
            by_org.setdefault(a.organization_id, []).append(a)
        return by_role, by_org

    @cached_property
    def by_role(self) -> dict[str, dict[str, list[Assignment]]]:
        """Assignments by role, then by domain."""
        return self._assignment_indexes[0]

    @cached_property
    def by_org(self) -> dict[str, list[Assignment]]:
        """Assignments by organisation."""
        return self._assignment_indexes[1]

    @cached_property
    def _grant_indexes(
        self,
    ) -> tuple[
        dict[str, list[DataAccessGrant]], dict[str, list[DataAccessGrant]], dict[str, list[str]]
    ]:
        by_org: dict[str, list[DataAccessGrant]] = {}
        by_category: dict[str, list[DataAccessGrant]] = {}
        delegations: dict[str, list[str]] = {}
        for g in self.charter.grants.values():
            by_org.setdefault(g.organization_id, []).append(g)
            by_category.setdefault(g.data_category_id, []).append(g)
            if g.delegated_from_id is not None:
                delegations.setdefault(g.delegated_from_id, []).append(g.id)
        return by_org, by_category, delegations

    @cached_property
    def grants_by_org(self) -> dict[str, list[DataAccessGrant]]:
        """Grants by holder."""
        return self._grant_indexes[0]

    @cached_property
    def grants_by_category(self) -> dict[str, list[DataAccessGrant]]:
        """Grants by data category."""
        return self._grant_indexes[1]

    @cached_property
    def delegations(self) -> dict[str, list[str]]:
        """Delegated grant ids by source grant id."""
        return self._grant_indexes[2]

    @cached_property
    def agreements_by_party(self) -> dict[str, list[Agreement]]:
        """Agreements by party."""
        out: dict[str, list[Agreement]] = {}
        for agr in self.charter.agreements.values():
            for p in dict.fromkeys(agr.party_ids):
                out.setdefault(p, []).append(agr)
        return out

    # -- compact rows, built on first use

    @cached_property
    def organization_rows(self) -> dict[str, tuple[str, str | None]]:
        """``(kind, parent_id)`` of each organisation, by id."""
        orgs = self.charter.organizations
        return dict(zip(orgs, map(_ORGANIZATION_FIELDS, orgs.values()), strict=True))

    @cached_property
    def category_rows(self) -> dict[str, tuple[str | None, str, str | None]]:
        """``(steward_id, sensitivity, sensitive_kind)`` of each data category, by id."""
        cats = self.charter.categories
        return dict(zip(cats, map(_CATEGORY_FIELDS, cats.values()), strict=True))

    @cached_property
    def purpose_rows(self) -> dict[str, tuple[list[str], list[str]]]:
        """``(domain_ids, data_category_ids)`` of each purpose, by id."""
        purs = self.charter.purposes
        return dict(zip(purs, map(_PURPOSE_FIELDS, purs.values()), strict=True))

    @cached_property
    def grant_rows(self) -> dict[str, GrantRow]:
        """A :data:`GrantRow` for each grant, by id."""
        grants = self.charter.grants
        return dict(zip(grants, map(_GRANT_FIELDS, grants.values()), strict=True))

    @cached_property
    def agreement_rows(self) -> dict[str, AgreementRow]:
        """An :data:`AgreementRow` for each agreement, by id."""
        agrs = self.charter.agreements
        return {
            aid: (
                kind,
                parties,
                doms,
                purs,
                cats,
                tuple(map(_BENEFIT_FIELDS, benefits)),
                tuple(map(_ORGANIZATION_ID, obligations)),
                vf,
                vu,
            )
            for aid, (kind, parties, doms, purs, cats, benefits, obligations, vf, vu) in zip(
                agrs, map(_AGREEMENT_FIELDS, agrs.values()), strict=True
            )
        }

    # -- domains

    def parent(self, domain: str) -> str | None:
        """The parent of a domain (``None`` at the top or when unknown)."""
        return self.parents.get(domain)

    def ancestors(self, domain: str) -> list[str]:
        """The ancestors of a domain, nearest first; stops at a cycle or an unknown parent."""
        parents = self.parents
        out: list[str] = []
        seen = {domain}
        cur = parents.get(domain)
        while cur is not None and cur not in seen and cur in parents:
            out.append(cur)
            seen.add(cur)
            cur = parents.get(cur)
        return out

    @cached_property
    def _forest(self) -> tuple[dict[str, str], dict[str, tuple[int, int]], dict[str, str | None]]:
        """The known domains as a forest, each cycle of parents made one node.

        Returns each domain's node (itself, or the least member of its
        cycle), each node's interval in a depth-first walk (``(in, out)``:
        a node is above another when its interval holds the other's) and each
        node's parent node. Built once, iteratively, in linear time, so that
        :meth:`is_ancestor` and :meth:`lineage_meets` cost no walk up a
        hierarchy however deep.
        """
        parents = self.parents
        node: dict[str, str] = {}
        for start in parents:
            if start in node:
                continue
            path: list[str] = []
            at: dict[str, int] = {}
            cur: str | None = start
            while cur is not None and cur in parents and cur not in node and cur not in at:
                at[cur] = len(path)
                path.append(cur)
                cur = parents[cur]
            if cur is not None and cur in at:  # a cycle no walk met before
                cycle = path[at[cur] :]
                least = min(cycle)
                for d in cycle:
                    node[d] = least
                del path[at[cur] :]
            for d in path:
                node[d] = d
        up: dict[str, str | None] = {}
        children: dict[str | None, list[str]] = {}
        for d, n in node.items():
            if n != d:
                continue  # a cycle's member other than its node
            parent = parents[d]
            above = node[parent] if parent is not None and parent in parents else None
            if above == n:  # the node of a cycle (a cycle has no parent outside it)
                above = None
            up[n] = above
            children.setdefault(above, []).append(n)
        interval: dict[str, tuple[int, int]] = {}
        clock = 0
        stack: list[tuple[str, bool]] = [(n, False) for n in reversed(children.get(None, []))]
        entered: dict[str, int] = {}
        while stack:
            n, done = stack.pop()
            if done:
                interval[n] = (entered[n], clock)
                clock += 1
                continue
            entered[n] = clock
            clock += 1
            stack.append((n, True))
            stack.extend((c, False) for c in reversed(children.get(n, [])))
        return node, interval, up

    def is_ancestor(self, above: str, domain: str) -> bool:
        """Whether ``above`` is among :meth:`ancestors` of ``domain``, without walking them."""
        node, interval, _ = self._forest
        a, b = node.get(above), node.get(domain)
        if a is None or b is None:
            return False
        if a == b:  # the same domain, or two members of one cycle
            return above != domain
        (a_in, a_out), (b_in, b_out) = interval[a], interval[b]
        return a_in < b_in and b_out < a_out

    def lineage_table(self, among: Iterable[str]) -> dict[str, bool]:
        """For each known domain, whether it or one of its :meth:`ancestors` is in ``among``.

        Worked out top down in linear time, so that asking about many domains
        costs no walk up a hierarchy however deep. A domain that is not known
        is not in the table (its lineage is itself).
        """
        wanted = set(among)
        node, interval, up = self._forest
        marked: dict[str, bool] = dict.fromkeys(interval, False)
        for d, n in node.items():
            if d in wanted:
                marked[n] = True
        covered: dict[str, bool] = {}
        for n in sorted(interval, key=lambda m: interval[m][0]):  # parents before children
            parent = up[n]
            covered[n] = marked[n] or (parent is not None and covered[parent])
        return {d: covered[n] for d, n in node.items()}

    def above_any(self, among: Iterable[str]) -> set[str]:
        """``among`` and every ancestor of its members: each domain walked at most once."""
        parents = self.parents
        out: set[str] = set()
        for start in among:
            if start in out:
                continue
            out.add(start)
            cur = parents.get(start)
            while cur is not None and cur not in out and cur in parents:
                out.add(cur)
                cur = parents.get(cur)
        return out

    # -- who holds what

    def holders(self, on: dt.date | None) -> RoleHolders:
        """Who holds each role in each domain on ``on`` (the assignments in force then)."""
        found = self._holders.get(on)
        if found is None:
            assignments = self.charter.assignments.values()
            found = self._holders[on] = _pass_assignments(assignments, on, {}).holders
        return found

    def inherited(self, role: str, on: dt.date | None) -> dict[str, str]:
        """The known domains that inherit ``role`` on ``on``, each with the domain it is held on.

        A domain without assignments of ``role`` in force inherits those of its
        nearest ancestor that has some (as :meth:`effective`). Domains with
        their own (see :meth:`holders`) and domains where nobody holds
        ``role`` are left out. Only the domains without their own are walked,
        iteratively, each once.
        """
        key = (role, on)
        cached = self._inherited.get(key)
        if cached is not None:
            return cached
        own = self.holders(on).first.get(role, {})
        parents = self.parents
        found: dict[str, str | None] = {}
        for start in filterfalse(own.__contains__, parents):
            if start in found:
                continue
            path: list[str] = []
            on_path: set[str] = set()
            cur: str | None = start
            via: str | None = None
            while cur is not None:
                if cur in found:
                    via = found[cur]
                    break
                if cur in on_path or cur not in parents:
                    break
                if cur in own:
                    via = cur
                    break
                path.append(cur)
                on_path.add(cur)
                cur = parents[cur]
            for d in path:
                found[d] = via
        out = {d: via for d, via in found.items() if via is not None}
        self._inherited[key] = out
        return out

    def live(self, on: dt.date | None) -> dict[str, dict[str, list[Assignment]]]:
        """The assignments in force on ``on``, by role and domain (domains without any left out)."""
        cached = self._live.get(on)
        if cached is not None:
            return cached
        out: dict[str, dict[str, list[Assignment]]] = {}
        for role, table in self.by_role.items():
            kept: dict[str, list[Assignment]] = {}
            for d, items in table.items():
                alive = [a for a in items if in_force(a, on)]
                if alive:
                    kept[d] = alive
            out[role] = kept
        self._live[on] = out
        return out

    def holding(self, domain: str, role: str, on: dt.date | None) -> list[Assignment]:
        """The domain's own assignments of ``role`` in force on ``on`` (nothing inherited)."""
        return self.live(on).get(role, {}).get(domain, [])

    def effective(self, role: str, on: dt.date | None) -> dict[str, tuple[str, list[Assignment]]]:
        """For every known domain, the assignments of ``role`` in force on ``on``.

        A domain without its own inherits those of its nearest ancestor that
        has some. The value is ``(domain the assignments are on, assignments)``;
        the list is empty when no ancestor has any. Computed once per role and
        date, in time linear in the number of domains (no recursion).
        """
        key = (role, on)
        cached = self._effective.get(key)
        if cached is not None:
            return cached
        own = self.live(on).get(role, {})
        inherited = self.inherited(role, on)
        result: dict[str, tuple[str, list[Assignment]]] = {}
        for d in self.parents:
            if d in own:
                result[d] = (d, own[d])
            elif d in inherited:
                result[d] = (inherited[d], own[inherited[d]])
            else:
                result[d] = (d, [])
        self._effective[key] = result
        return result
