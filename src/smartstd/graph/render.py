"""Diagrams and exports of the responsibility graph: Mermaid, Graphviz DOT, GraphML, JSON.

Every function takes a graph from :func:`~smartstd.graph.network.build_graph`,
or anything :func:`~smartstd.graph.model.as_charter` accepts (the graph is
then built). Labels are in ``lang`` (``zh-CN`` or ``en``); every string from
the data is escaped for its format, so a name can never break the diagram.
Mermaid and DOT leave out isolated nodes (unused core domains) unless
``isolated=True``; GraphML and JSON keep everything.

* :func:`to_mermaid`: a ``flowchart LR`` with one shape per node kind, for
  Markdown and the docs;
* :func:`to_dot`: Graphviz DOT (``dot -Tsvg``);
* :func:`to_graphml`: GraphML written by networkx (all attributes are
  scalars), readable by ``networkx.read_graphml``, Gephi and yEd;
* :func:`to_json`: ``{"graph", "nodes", "edges"}`` with every attribute.

责任图的导出：Mermaid、Graphviz DOT、GraphML、JSON。
"""

from __future__ import annotations

import io
import json
from typing import Any

from smartstd.graph.model import EDGE_TYPES, NODE_KINDS, GraphSource
from smartstd.graph.network import build_graph

__all__ = ["to_dot", "to_graphml", "to_json", "to_mermaid"]

_MERMAID_SHAPES = {
    "organization": ('["', '"]'),
    "domain": ('(["', '"])'),
    "category": ('[("', '")]'),
    "purpose": ('{{"', '"}}'),
    "grant": ('[/"', '"/]'),
    "agreement": ('[["', '"]]'),
    "separation": ('{"', '"}'),
}
_STYLES = {
    "organization": ("#e3f2fd", "#1565c0"),
    "domain": ("#e8f5e9", "#2e7d32"),
    "category": ("#fff3e0", "#ef6c00"),
    "purpose": ("#f3e5f5", "#6a1b9a"),
    "grant": ("#fffde7", "#f9a825"),
    "agreement": ("#eceff1", "#37474f"),
    "separation": ("#ffebee", "#c62828"),
}
_DOT_SHAPES = {
    "organization": "box",
    "domain": "ellipse",
    "category": "cylinder",
    "purpose": "hexagon",
    "grant": "parallelogram",
    "agreement": "component",
    "separation": "octagon",
}


def _graph(source: GraphSource | Any) -> Any:
    if hasattr(source, "graph") and hasattr(source, "nodes") and hasattr(source, "edges"):
        return source
    return build_graph(source)


def _lang(lang: str) -> str:
    return "zh" if lang.lower().startswith("zh") else "en"


def _node_label(attrs: dict[str, Any], lang: str) -> str:
    name = str(attrs.get(f"label_{_lang(lang)}") or attrs.get("entity_id", ""))
    eid = str(attrs.get("entity_id", ""))
    return name if name == eid else f"{name} ({eid})"


def _edge_label(attrs: dict[str, Any], lang: str) -> str:
    etype = str(attrs.get("type", ""))
    labels = EDGE_TYPES.get(etype)
    text = (labels[0] if _lang(lang) == "zh" else labels[1]) if labels else etype
    if attrs.get("lead"):
        text += "（牵头）" if _lang(lang) == "zh" else " (lead)"
    if etype in ("grants", "covers") and attrs.get("actions"):
        text += f": {attrs['actions']}"
    if etype == "benefits_from" and attrs.get("benefit"):
        text += f": {attrs['benefit']}"
    if etype == "separates" and attrs.get("role"):
        text += f": {attrs['role']}"
    return text


def _kept(g: Any, isolated: bool) -> list[str]:
    return [n for n in g.nodes if isolated or g.degree(n) > 0]


def _mermaid_text(text: str) -> str:
    out = (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )
    return out.replace("|", "#124;").replace("\r", " ").replace("\n", " ")


def to_mermaid(source: GraphSource | Any, *, lang: str = "en", isolated: bool = False) -> str:
    """The graph as a Mermaid ``flowchart LR`` (one shape and colour per node kind)."""
    g = _graph(source)
    nodes = _kept(g, isolated)
    ids = {n: f"n{i}" for i, n in enumerate(nodes)}
    lines = ["flowchart LR"]
    for n in nodes:
        attrs = g.nodes[n]
        kind = str(attrs.get("kind", "organization"))
        left, right = _MERMAID_SHAPES.get(kind, ('["', '"]'))
        lines.append(f"  {ids[n]}{left}{_mermaid_text(_node_label(attrs, lang))}{right}:::{kind}")
    for u, v, attrs in g.edges(data=True):
        if u in ids and v in ids:
            style = (
                "-.->"
                if attrs.get("type") in ("consulted", "informed", "part_of", "concerns")
                else "-->"
            )
            # quoted, so parentheses and brackets in a label are text, not Mermaid syntax
            label = _mermaid_text(_edge_label(attrs, lang))
            lines.append(f'  {ids[u]} {style}|"{label}"| {ids[v]}')
    for kind, (fill, stroke) in _STYLES.items():
        lines.append(f"  classDef {kind} fill:{fill},stroke:{stroke},color:#000")
    return "\n".join(lines) + "\n"


def _dot_str(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
        + '"'
    )


def to_dot(source: GraphSource | Any, *, lang: str = "en", isolated: bool = False) -> str:
    """The graph as Graphviz DOT (a ``digraph``, left to right, UTF-8)."""
    g = _graph(source)
    nodes = _kept(g, isolated)
    kept = set(nodes)
    lines = [
        "digraph smartstd {",
        '  graph [rankdir=LR, charset="UTF-8"];',
        '  node [fontname="Noto Sans CJK SC", style=filled];',
        '  edge [fontname="Noto Sans CJK SC", fontsize=10];',
    ]
    for n in nodes:
        attrs = g.nodes[n]
        kind = str(attrs.get("kind", "organization"))
        fill, stroke = _STYLES.get(kind, ("#ffffff", "#000000"))
        lines.append(
            f"  {_dot_str(str(n))} [label={_dot_str(_node_label(attrs, lang))}, "
            f"shape={_DOT_SHAPES.get(kind, 'box')}, "
            f'fillcolor="{fill}", color="{stroke}", kind={_dot_str(kind)}];'
        )
    for u, v, attrs in g.edges(data=True):
        if u in kept and v in kept:
            dashed = (
                ", style=dashed"
                if attrs.get("type") in ("consulted", "informed", "part_of", "concerns")
                else ""
            )
            lines.append(
                f"  {_dot_str(str(u))} -> {_dot_str(str(v))} "
                f"[label={_dot_str(_edge_label(attrs, lang))}, "
                f"type={_dot_str(str(attrs.get('type', '')))}{dashed}];"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _scalar_graph(g: Any) -> Any:
    """A copy whose graph attributes are scalars only (the charter object stays behind)."""
    import networkx as nx

    h = nx.MultiDiGraph()
    h.graph.update({k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))})
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from(g.edges(keys=True, data=True))
    return h


def to_graphml(source: GraphSource | Any) -> str:
    """The graph as GraphML (UTF-8 XML written by networkx)."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(_scalar_graph(_graph(source)), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


def to_json(source: GraphSource | Any, *, indent: int | None = 2) -> str:
    """The graph as JSON: ``{"graph": {...}, "nodes": [...], "edges": [...]}``.

    Each node has ``id`` and its attributes; each edge ``source``, ``target``,
    ``key`` and its attributes. ``node_kinds`` and ``edge_types`` give the
    labels of the kinds and types in both languages.
    """
    g = _graph(source)
    data = {
        "graph": {k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))},
        "node_kinds": {k: {"zh-CN": v[0], "en": v[1]} for k, v in NODE_KINDS.items()},
        "edge_types": {k: {"zh-CN": v[0], "en": v[1]} for k, v in EDGE_TYPES.items()},
        "nodes": [{"id": n, **attrs} for n, attrs in g.nodes(data=True)],
        "edges": [
            {"source": u, "target": v, "key": k, **attrs}
            for u, v, k, attrs in g.edges(keys=True, data=True)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
