"""The stakeholder-responsibility graph as a networkx ``MultiDiGraph``.

:func:`build_graph` turns a charter into the graph described in
:mod:`smartstd.graph.model` (its nodes, keyed ``"<kind>:<id>"``, and edge types).

职责图（networkx MultiDiGraph）的构建。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from smartstd.graph.index import label as _label
from smartstd.graph.model import Charter, GraphSource, as_charter, node_id

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph"]


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
    g = nx.MultiDiGraph()
    g.graph["name"] = "smartstd responsibility graph"
    if charter.as_of is not None:
        g.graph["as_of"] = charter.as_of.isoformat()
    g.graph["charter"] = charter
    g.add_nodes_from(_nodes(charter, core_domains))
    edges, dangling = _edges(charter, g)
    g.add_edges_from(edges)
    g.graph["dangling"] = dangling
    return g


def _node(
    kind: str, eid: str, name: Mapping[str, str] | None, **attrs: Any
) -> tuple[str, dict[str, Any]]:
    """An entity's node: kind, id, name in both languages (else the id), attributes."""
    labels = {"label_zh": _label(name, "zh", eid), "label_en": _label(name, "en", eid)}
    return node_id(kind, eid), _put({"kind": kind, "entity_id": eid, **labels}, **attrs)


def _nodes(charter: Charter, core_domains: str) -> list[tuple[str, dict[str, Any]]]:
    """Every node with its attributes, kind by kind."""
    idx = charter.index
    nodes: list[tuple[str, dict[str, Any]]] = []
    for org in charter.organizations.values():
        nodes.append(_node("organization", org.id, org.name, org_kind=org.kind))
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
            _node(
                "category",
                cat.id,
                cat.name,
                sensitivity=cat.sensitivity,
                sensitive_kind=cat.sensitive_kind,
            )
        )
    for pur in charter.purposes.values():
        nodes.append(_node("purpose", pur.id, pur.name))
    for gr in charter.grants.values():
        nodes.append(
            _node(
                "grant",
                gr.id,
                None,
                actions=gr.actions,
                legal_role=gr.legal_role,
                legal_basis=gr.legal_basis,
                valid_from=gr.valid_from,
                valid_until=gr.valid_until,
            )
        )
    for agr in charter.agreements.values():
        nodes.append(
            _node(
                "agreement",
                agr.id,
                agr.name,
                agreement_kind=agr.kind,
                signed_at=agr.signed_at,
                valid_from=agr.valid_from,
                valid_until=agr.valid_until,
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
    return nodes


def _edges(charter: Charter, g: Any) -> tuple[list[tuple[str, str, str, dict[str, Any]]], int]:
    """Every edge whose two ends are nodes of ``g``, and how many references dangle."""
    idx = charter.index
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
    return edges, dangling
