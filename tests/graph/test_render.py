"""Exports: Mermaid, DOT, GraphML (parsed back with networkx) and JSON."""

from __future__ import annotations

import io
import json

import networkx as nx
from graphdata import Builder

from smartstd.graph import build_graph, to_dot, to_graphml, to_json, to_mermaid


def test_mermaid(base: Builder) -> None:
    text = to_mermaid(base.entities)
    assert text.startswith("flowchart LR\n")
    assert '["Zhongcun Street Office (org-so)"]:::organization' in text
    assert '(["Property maintenance (property_maintenance)"]):::domain' in text
    assert '-->|"accountable"|' in text
    assert '-.->|"consulted"|' in text
    assert "Fire safety" not in text  # unused core domains are left out
    assert "Fire safety" in to_mermaid(base.entities, isolated=True)
    zh = to_mermaid(base.entities, lang="zh-CN")
    assert "钟村街道办事处 (org-so)" in zh
    assert '|"负责"|' in zh


def test_mermaid_escapes_what_the_data_says(base: Builder) -> None:
    base.set("org-rc", name={"en": 'Evil "quote" <b>|pipe|\nline'})
    text = to_mermaid(base.entities)
    line = next(x for x in text.splitlines() if "org-rc" in x and ":::organization" in x)
    assert '"' not in line.split('["', 1)[1].rsplit('"]', 1)[0]
    assert "<" not in line
    assert "|" not in line
    assert "#quot;" in line


def test_dot(base: Builder) -> None:
    base.set("org-rc", name={"en": 'A "quoted" \\ name'})
    text = to_dot(base.entities)
    assert text.startswith("digraph smartstd {")
    assert (
        '"org:org-so" -> "domain:property_maintenance" [label="accountable", type="accountable"];'
        in text
    )
    assert 'A \\"quoted\\" \\\\ name' in text
    assert text.rstrip().endswith("}")


def test_graphml_parses_back(base: Builder) -> None:
    g = build_graph(base.entities)
    text = to_graphml(g)
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert set(back.nodes) == set(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["org:org-so"]["label_zh"] == "钟村街道办事处"
    assert back.nodes["domain:fire_safety"]["exclusive"] is True
    assert {d["type"] for _u, _v, d in back.edges(data=True)} == {
        d["type"] for _u, _v, d in g.edges(data=True)
    }
    assert "charter" not in back.graph


def test_json(base: Builder) -> None:
    data = json.loads(to_json(base.entities))
    assert {"graph", "nodes", "edges", "node_kinds", "edge_types"} <= set(data)
    ids = {n["id"] for n in data["nodes"]}
    assert "org:org-pm" in ids
    edge = next(e for e in data["edges"] if e["type"] == "responsible")
    assert (edge["source"], edge["target"], edge["assignment"]) == (
        "org:org-pm",
        "domain:property_maintenance",
        "a-pm",
    )
    assert data["edge_types"]["accountable"] == {"zh-CN": "负责", "en": "accountable"}
