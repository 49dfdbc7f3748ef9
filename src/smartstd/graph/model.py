"""The charter: its entities by id and where each came from, and the graph's vocabulary.

A *charter* is the governance part of a dataset (usually ``charter.yaml``
beside the data): responsibility domains, RACI assignments, data categories,
purposes, data access grants, agreements and duty separations, together with
the organisations they name. :class:`Charter` keeps those entities indexed by
id and remembers where each came from, so that every check can say where a
problem is; :func:`~smartstd.graph.network.build_graph` turns a charter into a networkx
``MultiDiGraph`` with the nodes and edges described here.

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
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Union

from pydantic import ValidationError

from smartstd.errors import UnsupportedTypeError
from smartstd.graph.index import CharterIndex
from smartstd.graph.index import label as _label
from smartstd.report import Path
from smartstd.standard.dataset import CHARTER_TYPES, Dataset, entity_adapter
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
    "USAGE_TYPES",
    "Charter",
    "GraphSource",
    "Source",
    "as_charter",
    "gc_paused",
    "node_id",
]


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


#: What :func:`as_charter`, :func:`~smartstd.graph.network.build_graph` and the checks accept.
GraphSource = Union[Charter, Dataset, "nx.MultiDiGraph", Iterable[Any]]


def as_charter(source: GraphSource, *, as_of: dt.date | None = None) -> Charter:
    """The :class:`Charter` of a dataset, a graph from ``build_graph``, or entities.

    Args:
        source: a :class:`Charter` (returned as is), a
            :class:`~smartstd.standard.dataset.Dataset`, a graph built by
            :func:`~smartstd.graph.network.build_graph`, or an iterable of
            entities (models or dicts).
        as_of: the date to judge by, for entities (a dataset uses its
            ``generated_at``).

    Raises:
        UnsupportedTypeError: (a :class:`TypeError`) for a graph that was not built by
            :func:`~smartstd.graph.network.build_graph`.
    """
    if isinstance(source, Charter):
        return source
    if isinstance(source, Dataset):
        return Charter.from_dataset(source)
    graph_attrs = getattr(source, "graph", None)
    if isinstance(graph_attrs, dict) and hasattr(source, "nodes"):
        charter = graph_attrs.get("charter")
        if not isinstance(charter, Charter):
            raise UnsupportedTypeError(
                key="graph_not_built_by_smartstd", kind=type(source).__name__
            )
        return charter
    return Charter.from_entities(source, as_of=as_of)
