"""The charter, indexed, and the stakeholder-responsibility graph built from it.

A *charter* is the governance part of a dataset (usually ``charter.yaml``
beside the data): responsibility domains, RACI assignments, data categories,
purposes, data access grants, agreements and duty separations, together with
the organisations they name. :class:`Charter` keeps those entities indexed by
id and remembers where each came from, so that every check can say where a
problem is; :func:`build_graph` turns a charter into a networkx
``MultiDiGraph``.

Nodes are keyed ``"<kind>:<id>"`` (``org:org-so``, ``domain:resident_data``,
``category:cat-face``, ``purpose:pur-repair``, ``grant:g-1``,
``agreement:agr-1``, ``separation:sep-1``) so that ids of different entity
types never collide. Every node has ``kind``, ``entity_id``, ``label_zh`` and
``label_en``; every edge has ``type`` (one of :data:`EDGE_TYPES`). All
attributes are scalars (strings, numbers, booleans), so the graph can be
written as GraphML as it is. The graph always holds the standard's core
domains (``core=True``) beside the charter's sub-domains.

Edge types (source → target):

=================  ===============================  =====================================
type               from → to                        meaning
=================  ===============================  =====================================
accountable        organisation → domain            answers for the domain (RACI A)
responsible        organisation → domain            does the work (R)
consulted          organisation → domain            is asked before decisions (C)
informed           organisation → domain            is told of decisions (I)
grants             grant → organisation             the grant gives the organisation access
covers             grant → data category            the category the grant opens
for_purpose        grant → purpose                  the purpose the access serves
delegates          source grant → delegated grant   the delegation
under              grant → agreement                the agreement the grant rests on
party_to           organisation → agreement         a party of the agreement
benefits_from      organisation → agreement         what the party gains (``benefit``)
obliged_to         organisation → agreement         what the party owes
concerns           agreement → domain/purpose/cat.  what the agreement is about
part_of            domain → parent domain,          the hierarchy
                   organisation → parent org.
serves             purpose → domain                 the purpose's domains
allows             purpose → data category          categories declared for the purpose
stewards           organisation → data category     the steward of a category
separates          separation → domain              a duty (``role``) of a separation
=================  ===============================  =====================================

章程（治理实体）的索引，以及由它构建的利益相关方—职责图（networkx MultiDiGraph）。
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import sysconfig
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, filterfalse
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Union

from pydantic import ValidationError

from smartstd.graph.validity import in_force
from smartstd.report import Path
from smartstd.standard.dataset import CHARTER_TYPES, Dataset, entity_adapter
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

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EDGE_TYPES",
    "GRAPH_TYPES",
    "NODE_KINDS",
    "RACI_ROLES",
    "USAGE_TYPES",
    "Charter",
    "DomainInfo",
    "GraphSource",
    "Source",
    "as_charter",
    "build_graph",
    "gc_paused",
    "in_force",
    "node_id",
]

#: The RACI roles, in order.
RACI_ROLES: tuple[str, ...] = ("accountable", "responsible", "consulted", "informed")

#: Node kinds with their zh-CN and en labels, and the prefix of their node keys.
NODE_KINDS: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "organization": ("组织", "Organisation", "org"),
        "domain": ("责任领域", "Domain", "domain"),
        "category": ("数据类别", "Data category", "category"),
        "purpose": ("处理目的", "Purpose", "purpose"),
        "grant": ("数据授权", "Grant", "grant"),
        "agreement": ("协议", "Agreement", "agreement"),
        "separation": ("职责分离", "Duty separation", "separation"),
    }
)

#: Edge types with their zh-CN and en labels (see the module docstring).
EDGE_TYPES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "accountable": ("负责", "accountable"),
        "responsible": ("执行", "responsible"),
        "consulted": ("咨询", "consulted"),
        "informed": ("知会", "informed"),
        "grants": ("授予", "grants"),
        "covers": ("涵盖", "covers"),
        "for_purpose": ("用于", "for purpose"),
        "delegates": ("转授", "delegates"),
        "under": ("依据", "under"),
        "party_to": ("协议方", "party to"),
        "benefits_from": ("受益", "benefits from"),
        "obliged_to": ("承担义务", "obliged to"),
        "concerns": ("涉及", "concerns"),
        "part_of": ("隶属", "part of"),
        "serves": ("服务于", "serves"),
        "allows": ("允许", "allows"),
        "stewards": ("管理", "stewards"),
        "separates": ("分离", "separates"),
    }
)

#: The entity types a :class:`Charter` keeps: the charter types and organisations.
GRAPH_TYPES: frozenset[str] = CHARTER_TYPES | {"Organization"}

#: The entity types whose records say what organisations do (see :mod:`smartstd.graph.usage`).
USAGE_TYPES: frozenset[str] = frozenset({"ServiceRequest", "Alert", "Device", "Service"})

_KIND_OF_TYPE = {
    "Organization": "organization",
    "ResponsibilityDomain": "domain",
    "DataCategory": "category",
    "Purpose": "purpose",
    "DataAccessGrant": "grant",
    "Agreement": "agreement",
    "DutySeparation": "separation",
}


def node_id(kind: str, entity_id: str) -> str:
    """The key of a node: ``node_id("organization", "org-so") == "org:org-so"``."""
    return f"{NODE_KINDS[kind][2]}:{entity_id}"


@dataclass(frozen=True, slots=True)
class Source:
    """Where an entity was read: its file, its line (NDJSON) and its path in the file.

    Attributes:
        file: the input file as given, or ``None`` (built in Python).
        line: the 1-based line of an NDJSON record, or ``None``.
        base: the path of the entity inside its document, e.g. ``("entities", 3)``.
    """

    file: str | None = None
    line: int | None = None
    base: Path = ()


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
        return _label(self.name, "zh-CN", self.id)

    @property
    def label_en(self) -> str:
        """Its name in English (or another language when there is none)."""
        return _label(self.name, "en", self.id)


#: Whether :func:`gc.freeze` and :func:`gc.unfreeze` only splice the collector's lists
#: (CPython up to 3.13 with the GIL); elsewhere they walk every tracked object.
_CHEAP_FREEZE = (
    sys.implementation.name == "cpython"
    and sys.version_info < (3, 14)
    and not sysconfig.get_config_var("Py_GIL_DISABLED")
)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk phase (then resume it).

    Indexing and checking a large charter allocate millions of small acyclic
    objects while hundreds of thousands of entities are alive; each automatic
    collection then scans the whole heap, which costs about 40 % of the run on
    a 100,000-node charter. Reference counting still frees everything at once;
    only cycles wait for the collector, which runs again afterwards.

    On resuming, the objects allocated meanwhile (mostly long-lived: a
    charter's tables and indexes) are moved straight to the oldest generation
    (:func:`gc.freeze` then :func:`gc.unfreeze`, which only splice lists on
    CPython up to 3.13); otherwise the first allocation afterwards would start
    a young collection that traverses every one of them. Cycles made during the
    phase then wait for the next full collection. This is skipped when the
    application keeps frozen objects of its own, and on other interpreters.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if _CHEAP_FREEZE and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _label(text: Mapping[str, str] | None, lang: str, fallback: str) -> str:
    if not text:
        return fallback
    if lang in text:
        return text[lang]
    for key, value in text.items():
        if key.lower().startswith(lang[:2].lower()):
            return value
    return next(iter(text.values()), fallback)


class Charter:
    """A charter's entities indexed by id, with where each came from.

    Build one with :meth:`from_entities`, :meth:`from_dataset` or
    :func:`as_charter`; add more with :meth:`add`. Entities of other types are
    ignored; a second entity with a type and id already seen is ignored too
    (SC201 reports duplicates). Dictionaries are validated first; those that
    are not valid entities are counted in :attr:`skipped` (structural rules
    report them).

    Attributes:
        as_of: the date checks and questions default to (the dataset's
            ``generated_at``), or ``None`` for today.
        organizations: organisations by id.
        domains: the charter's declared ``ResponsibilityDomain`` s by id.
        assignments: RACI assignments by id.
        categories: data categories by id.
        purposes: purposes by id.
        grants: data access grants by id.
        agreements: agreements by id.
        separations: duty separations by id.
        sources: where each entity was read, by ``(type, id)``.
        usage: what the data records say organisations do (requests, alerts,
            devices, services): ``(fact, record type, record id, source)``.
        skipped: how many dictionaries were not valid entities.
    """

    def __init__(self, *, as_of: dt.date | None = None) -> None:
        self.as_of = as_of
        self.organizations: dict[str, Organization] = {}
        self.domains: dict[str, ResponsibilityDomain] = {}
        self.assignments: dict[str, Assignment] = {}
        self.categories: dict[str, DataCategory] = {}
        self.purposes: dict[str, Purpose] = {}
        self.grants: dict[str, DataAccessGrant] = {}
        self.agreements: dict[str, Agreement] = {}
        self.separations: dict[str, DutySeparation] = {}
        self.sources: dict[tuple[str, str], Source] = {}
        self.order: list[Any] = []
        self.usage: list[tuple[Any, str, str, Source | None]] = []
        self.skipped = 0
        self._index: CharterIndex | None = None
        self._positions: dict[str, dict[str, int]] = {t: {} for t in GRAPH_TYPES}
        self._tables: dict[str, dict[str, Any]] = {
            "Organization": self.organizations,
            "ResponsibilityDomain": self.domains,
            "Assignment": self.assignments,
            "DataCategory": self.categories,
            "Purpose": self.purposes,
            "DataAccessGrant": self.grants,
            "Agreement": self.agreements,
            "DutySeparation": self.separations,
        }

    # -- building

    def _table(self, type_name: str) -> dict[str, Any] | None:
        return self._tables.get(type_name)

    def add(
        self, entity: Any, source: Source | None = None, *, position: int | None = None
    ) -> bool:
        """Add one entity (a model of the standard or a dict); return whether it was kept.

        Organisations and charter entities are kept; requests, alerts, devices
        and services add their :attr:`usage` facts; other types are ignored.
        ``source`` says where it was read; ``position`` (without a source)
        places it at ``/entities/<position>``.
        """
        if type(entity) is dict or (
            not hasattr(entity, "model_fields_set") and isinstance(entity, Mapping)
        ):
            if entity.get("type") not in GRAPH_TYPES and entity.get("type") not in USAGE_TYPES:
                return False
            try:
                entity = entity_adapter().validate_python(dict(entity))
            except ValidationError:
                self.skipped += 1
                return False
        type_name = getattr(entity, "type", None)
        if type(type_name) is not str:
            return False
        table = self._tables.get(type_name)
        if table is None and type_name in USAGE_TYPES:
            from smartstd.graph.facts import usage_facts

            if source is None and position is not None:
                source = Source(None, None, ("entities", position))
            for fact in usage_facts(entity):
                self.usage.append((fact, type_name, entity.id, source))
            return True
        if table is None or entity.id in table:
            return False
        table[entity.id] = entity
        self.order.append(entity)
        if source is not None:
            self.sources[(type_name, entity.id)] = source
        elif position is not None:
            self._positions[type_name][entity.id] = position
        self._index = None
        return True

    @classmethod
    def from_entities(
        cls,
        entities: Iterable[Any],
        *,
        as_of: dt.date | None = None,
        sources: Iterable[Source | None] | None = None,
    ) -> Charter:
        """A charter from entities (models or dicts), with optional sources in the same order.

        Without ``sources``, the i-th entity is placed at ``/entities/<i>``, as
        in a dataset whose ``entities`` are the ones given.
        """
        charter = cls(as_of=as_of)
        with gc_paused():
            if sources is None:
                tables, order, positions = charter._tables, charter.order, charter._positions
                for i, entity in enumerate(entities):
                    type_name = getattr(entity, "type", None)
                    table = tables.get(type_name) if isinstance(type_name, str) else None
                    if table is None or type(entity) is dict:
                        charter.add(entity, position=i)  # dicts, usage records, other types
                        continue
                    eid = entity.id
                    if eid not in table:  # the fast path of add() for models
                        table[eid] = entity
                        order.append(entity)
                        positions[str(type_name)][eid] = i
            else:
                for entity, source in zip(entities, sources, strict=True):
                    charter.add(entity, source)
        return charter

    @classmethod
    def from_dataset(cls, dataset: Dataset, *, file: str | None = None) -> Charter:
        """A charter from a loaded dataset; entities are placed at ``/entities/<i>`` of ``file``."""
        charter = cls(as_of=dataset.generated_at.date())
        with gc_paused():
            for i, entity in enumerate(dataset.entities):
                if entity.type in GRAPH_TYPES or entity.type in USAGE_TYPES:
                    if file is None:
                        charter.add(entity, position=i)
                    else:
                        charter.add(entity, Source(file, None, ("entities", i)))
        return charter

    # -- reading

    @property
    def is_empty(self) -> bool:
        """Whether the charter holds no governance entity (organisations alone are no charter)."""
        return not (
            self.domains
            or self.assignments
            or self.categories
            or self.purposes
            or self.grants
            or self.agreements
            or self.separations
        )

    def entity(self, type_name: str, entity_id: str) -> Any | None:
        """The entity of this type and id, or ``None``."""
        table = self._table(type_name)
        return None if table is None else table.get(entity_id)

    def source(self, type_name: str, entity_id: str) -> Source | None:
        """Where the entity of this type and id was read, if known."""
        found = self.sources.get((type_name, entity_id))
        if found is None:
            pos = self._positions.get(type_name, {}).get(entity_id)
            if pos is not None:
                return Source(None, None, ("entities", pos))
        return found

    def entities(self) -> Iterator[Any]:
        """Every entity kept, in the order it was added."""
        return iter(self.order)

    @property
    def index(self) -> CharterIndex:
        """The derived indexes (built on first use, rebuilt after :meth:`add`)."""
        if self._index is None:
            self._index = CharterIndex(self)
        return self._index

    def on(self, date: dt.date | None = None) -> dt.date:
        """The date to judge by: ``date``, else :attr:`as_of`, else today."""
        return date or self.as_of or dt.date.today()

    def org_label(self, org_id: str, lang: str = "en") -> str:
        """An organisation's name in ``lang`` (its id when unknown)."""
        org = self.organizations.get(org_id)
        return _label(org.name if org is not None else None, lang, org_id)

    def domain_label(self, domain_id: str, lang: str = "en") -> str:
        """A domain's name in ``lang`` (its id when unknown)."""
        info = self.index.domain_info.get(domain_id)
        if info is None:
            return domain_id
        return info.label_zh if lang.startswith("zh") else info.label_en


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
    """Indexes derived from a :class:`Charter` (built once, read by checks and queries).

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

    def __init__(self, charter: Charter) -> None:
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
            for table_name in ("Purpose", "Agreement", "DutySeparation", "ResponsibilityDomain"):
                for e in charter._tables[table_name].values():
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


#: What :func:`as_charter`, :func:`build_graph` and the checks accept.
GraphSource = Union[Charter, Dataset, "nx.MultiDiGraph", Iterable[Any]]


def as_charter(source: GraphSource, *, as_of: dt.date | None = None) -> Charter:
    """The :class:`Charter` of a dataset, a graph from :func:`build_graph`, or entities.

    Args:
        source: a :class:`Charter` (returned as is), a
            :class:`~smartstd.standard.dataset.Dataset`, a graph built by
            :func:`build_graph`, or an iterable of entities (models or dicts).
        as_of: the date to judge by, for entities (a dataset uses its
            ``generated_at``).

    Raises:
        TypeError: for a graph that was not built by :func:`build_graph`.
    """
    if isinstance(source, Charter):
        return source
    if isinstance(source, Dataset):
        return Charter.from_dataset(source)
    graph_attrs = getattr(source, "graph", None)
    if isinstance(graph_attrs, dict) and hasattr(source, "nodes"):
        charter = graph_attrs.get("charter")
        if not isinstance(charter, Charter):
            raise TypeError("this graph was not built by smartstd.graph.build_graph")
        return charter
    return Charter.from_entities(source, as_of=as_of)


def _put(attrs: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Attributes without ``None``; dates as ISO strings, lists as comma-separated text."""
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, (list, tuple, set, frozenset)):
            value = ",".join(str(v) for v in value)
        attrs[key] = value
    return attrs


def build_graph(source: GraphSource, *, core_domains: str = "all") -> nx.MultiDiGraph:
    """Build the stakeholder-responsibility graph of a charter.

    Args:
        source: anything :func:`as_charter` accepts.
        core_domains: ``"all"`` adds every core domain of the standard as a
            node; ``"used"`` only those the charter touches.

    Returns:
        A ``networkx.MultiDiGraph`` (see the module docstring for its nodes and
        edges). ``graph.graph["charter"]`` keeps the :class:`Charter`, so the
        graph can be given to every function of :mod:`smartstd.graph`.
        References to entities that are not in the charter get no edge; their
        number is ``graph.graph["dangling"]``.
    """
    import networkx as nx

    charter = as_charter(source)
    idx = charter.index
    g = nx.MultiDiGraph()
    g.graph["name"] = "smartstd responsibility graph"
    if charter.as_of is not None:
        g.graph["as_of"] = charter.as_of.isoformat()
    g.graph["charter"] = charter
    nodes: list[tuple[str, dict[str, Any]]] = []
    for org in charter.organizations.values():
        nodes.append(
            (
                node_id("organization", org.id),
                _put(
                    {"kind": "organization", "entity_id": org.id},
                    label_zh=_label(org.name, "zh", org.id),
                    label_en=_label(org.name, "en", org.id),
                    org_kind=org.kind,
                ),
            )
        )
    used = set(idx.scope)
    for info in idx.domain_info.values():
        if info.core and not info.declared and core_domains != "all" and info.id not in used:
            continue
        nodes.append(
            (
                node_id("domain", info.id),
                _put(
                    {
                        "kind": "domain",
                        "entity_id": info.id,
                        "core": info.core,
                        "declared": info.declared,
                        "exclusive": info.exclusive,
                        "affects_residents": info.affects_residents,
                    },
                    label_zh=info.label_zh,
                    label_en=info.label_en,
                ),
            )
        )
    for cat in charter.categories.values():
        nodes.append(
            (
                node_id("category", cat.id),
                _put(
                    {"kind": "category", "entity_id": cat.id},
                    label_zh=_label(cat.name, "zh", cat.id),
                    label_en=_label(cat.name, "en", cat.id),
                    sensitivity=cat.sensitivity,
                    sensitive_kind=cat.sensitive_kind,
                ),
            )
        )
    for pur in charter.purposes.values():
        nodes.append(
            (
                node_id("purpose", pur.id),
                _put(
                    {"kind": "purpose", "entity_id": pur.id},
                    label_zh=_label(pur.name, "zh", pur.id),
                    label_en=_label(pur.name, "en", pur.id),
                ),
            )
        )
    for gr in charter.grants.values():
        nodes.append(
            (
                node_id("grant", gr.id),
                _put(
                    {"kind": "grant", "entity_id": gr.id, "label_zh": gr.id, "label_en": gr.id},
                    actions=gr.actions,
                    legal_role=gr.legal_role,
                    legal_basis=gr.legal_basis,
                    valid_from=gr.valid_from,
                    valid_until=gr.valid_until,
                ),
            )
        )
    for agr in charter.agreements.values():
        nodes.append(
            (
                node_id("agreement", agr.id),
                _put(
                    {"kind": "agreement", "entity_id": agr.id},
                    label_zh=_label(agr.name, "zh", agr.id),
                    label_en=_label(agr.name, "en", agr.id),
                    agreement_kind=agr.kind,
                    signed_at=agr.signed_at,
                    valid_from=agr.valid_from,
                    valid_until=agr.valid_until,
                ),
            )
        )
    for sep in charter.separations.values():
        nodes.append(
            (
                node_id("separation", sep.id),
                _put(
                    {
                        "kind": "separation",
                        "entity_id": sep.id,
                        "label_zh": sep.id,
                        "label_en": sep.id,
                        "max_held": sep.max_held,
                    },
                ),
            )
        )
    g.add_nodes_from(nodes)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    dangling = 0

    def edge(kind_u: str, u: str, kind_v: str, v: str, etype: str, key: str, **attrs: Any) -> None:
        nonlocal dangling
        a, b = node_id(kind_u, u), node_id(kind_v, v)
        if a not in g or b not in g:
            dangling += 1
            return
        edges.append((a, b, f"{etype}:{key}", _put({"type": etype}, **attrs)))

    for org in charter.organizations.values():
        if org.parent_id is not None:
            edge("organization", org.id, "organization", org.parent_id, "part_of", org.id)
    for info in idx.domain_info.values():
        if info.parent is not None and node_id("domain", info.id) in g:
            edge("domain", info.id, "domain", info.parent, "part_of", info.id)
    for a in charter.assignments.values():
        edge(
            "organization",
            a.organization_id,
            "domain",
            a.domain_id,
            a.role,
            a.id,
            assignment=a.id,
            lead=a.lead,
            valid_from=a.valid_from,
            valid_until=a.valid_until,
            agreement=a.agreement_id,
        )
    for cat in charter.categories.values():
        if cat.steward_id is not None:
            edge("organization", cat.steward_id, "category", cat.id, "stewards", cat.id)
    for pur in charter.purposes.values():
        for d in pur.domain_ids:
            edge("purpose", pur.id, "domain", d, "serves", pur.id)
        for c in pur.data_category_ids:
            edge("purpose", pur.id, "category", c, "allows", pur.id)
    for gr in charter.grants.values():
        edge(
            "grant", gr.id, "organization", gr.organization_id, "grants", gr.id, actions=gr.actions
        )
        edge("grant", gr.id, "category", gr.data_category_id, "covers", gr.id, actions=gr.actions)
        edge("grant", gr.id, "purpose", gr.purpose_id, "for_purpose", gr.id)
        if gr.agreement_id is not None:
            edge("grant", gr.id, "agreement", gr.agreement_id, "under", gr.id)
        if gr.delegated_from_id is not None:
            src = charter.grants.get(gr.delegated_from_id)
            edge(
                "grant",
                gr.delegated_from_id,
                "grant",
                gr.id,
                "delegates",
                gr.id,
                from_org=src.organization_id if src is not None else None,
                to_org=gr.organization_id,
            )
    for agr in charter.agreements.values():
        for p in dict.fromkeys(agr.party_ids):
            edge("organization", p, "agreement", agr.id, "party_to", agr.id)
        for j, b in enumerate(agr.benefits):
            edge(
                "organization",
                b.organization_id,
                "agreement",
                agr.id,
                "benefits_from",
                f"{agr.id}:{j}",
                benefit=b.kind,
                description=_label(b.description, "en", "") or None,
                domains=b.domain_ids or None,
            )
        for j, o in enumerate(agr.obligations):
            edge(
                "organization",
                o.organization_id,
                "agreement",
                agr.id,
                "obliged_to",
                f"{agr.id}:{j}",
                description=_label(o.description, "en", "") or None,
            )
        for d in agr.domain_ids:
            edge("agreement", agr.id, "domain", d, "concerns", f"{agr.id}:{d}")
        for p in agr.purpose_ids:
            edge("agreement", agr.id, "purpose", p, "concerns", f"{agr.id}:{p}")
        for c in agr.data_category_ids:
            edge("agreement", agr.id, "category", c, "concerns", f"{agr.id}:{c}")
    for sep in charter.separations.values():
        for i, duty in enumerate(sep.duties):
            edge(
                "separation",
                sep.id,
                "domain",
                duty.domain_id,
                "separates",
                f"{sep.id}:{i}",
                role=duty.role,
            )
    g.add_edges_from(edges)
    g.graph["dangling"] = dangling
    return g


def kind_of_type(type_name: str) -> str | None:
    """The node kind of an entity type (``"Organization"`` -> ``"organization"``)."""
    return _KIND_OF_TYPE.get(type_name)
