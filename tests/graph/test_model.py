"""Building the charter index and the networkx graph."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from graphdata import ON, Builder

import smartstd
from smartstd.graph import EDGE_TYPES, Charter, as_charter, build_graph, in_force, node_id
from smartstd.standard.domains import CORE_DOMAINS
from smartstd.standard.governance import Assignment


def test_graph_has_typed_edges_and_every_core_domain(base: Builder) -> None:
    g = build_graph(base.entities)
    assert isinstance(g, nx.MultiDiGraph)
    for d in CORE_DOMAINS:
        assert g.nodes[node_id("domain", d)]["core"] is True
    assert g.nodes["org:org-so"]["kind"] == "organization"
    assert g.nodes["org:org-so"]["label_zh"] == "钟村街道办事处"
    types = {data["type"] for _u, _v, data in g.edges(data=True)}
    assert types <= set(EDGE_TYPES)
    assert {
        "accountable",
        "responsible",
        "consulted",
        "grants",
        "covers",
        "for_purpose",
        "under",
        "party_to",
        "benefits_from",
        "obliged_to",
        "serves",
        "allows",
        "stewards",
        "concerns",
    } <= types
    edges = {(u, v, d["type"]) for u, v, d in g.edges(data=True)}
    assert ("org:org-so", "domain:property_maintenance", "accountable") in edges
    assert ("grant:g-pm", "org:org-pm", "grants") in edges
    assert ("grant:g-pm", "category:cat-contact", "covers") in edges
    assert ("org:org-pm", "agreement:agr-pm", "benefits_from") in edges
    assert g.graph["dangling"] == 0
    assert g.graph["charter"].grants["g-pm"].actions == ["read"]


def test_every_attribute_is_a_scalar(base: Builder) -> None:
    base.grant("g-sub", "org-rc", delegated_from_id="g-pm")
    base.add(
        {
            "id": "sep",
            "type": "DutySeparation",
            "duties": [
                {"domain_id": "property_maintenance", "role": "accountable"},
                {"domain_id": "fire_safety", "role": "responsible"},
            ],
        }
    )
    g = build_graph(base.entities)
    scalars = (str, int, float, bool)
    for _n, data in g.nodes(data=True):
        assert all(isinstance(v, scalars) for v in data.values()), data
    for _u, _v, data in g.edges(data=True):
        assert all(isinstance(v, scalars) for v in data.values()), data
    assert ("grant:g-pm", "grant:g-sub") in {
        (u, v) for u, v, d in g.edges(data=True) if d["type"] == "delegates"
    }
    assert {d["role"] for _u, _v, d in g.edges(data=True) if d["type"] == "separates"} == {
        "accountable",
        "responsible",
    }


def test_sub_domains_hang_under_their_parents(base: Builder) -> None:
    base.add(
        {
            "id": "d-lifts",
            "type": "ResponsibilityDomain",
            "name": {"zh-CN": "电梯", "en": "Lifts"},
            "parent_id": "property_maintenance",
        }
    )
    g = build_graph(base.entities)
    assert g.has_edge("domain:d-lifts", "domain:property_maintenance")
    assert g.nodes["domain:d-lifts"]["core"] is False
    assert g.nodes["domain:d-lifts"]["declared"] is True


def test_used_core_domains_only(base: Builder) -> None:
    g = build_graph(base.entities, core_domains="used")
    assert [n for n in g if n.startswith("domain:")] == ["domain:property_maintenance"]


def test_ids_of_different_types_never_collide(base: Builder) -> None:
    base.add(
        {
            "id": "org-so",
            "type": "DataCategory",
            "name": {"en": "same id"},
            "sensitivity": "internal",
        }
    )
    g = build_graph(base.entities)
    assert g.nodes["org:org-so"]["kind"] == "organization"
    assert g.nodes["category:org-so"]["kind"] == "category"


def test_dangling_references_get_no_edge(base: Builder) -> None:
    base.set("a-rc", organization_id="org-nobody")
    g = build_graph(base.entities)
    assert g.graph["dangling"] == 1
    assert "org:org-nobody" not in g


def test_graph_sources(base: Builder, tmp_path: Path) -> None:
    folder = base.write(tmp_path / "ds")
    dataset = smartstd.load(folder)
    charter = as_charter(dataset)
    assert charter.as_of == ON
    assert set(charter.grants) == {"g-pm"}
    g = build_graph(dataset)
    assert as_charter(g) is g.graph["charter"]
    assert as_charter(charter) is charter
    with pytest.raises(TypeError):
        as_charter(nx.MultiDiGraph())


def test_invalid_dicts_and_duplicates_are_skipped(base: Builder) -> None:
    entities = [
        *base.entities,
        {"id": "a-bad", "type": "Assignment", "role": "boss"},
        dict(base.find("a-so"), role="informed"),
    ]
    charter = Charter.from_entities(entities)
    assert charter.skipped == 1
    assert charter.assignments["a-so"].role == "accountable"
    assert charter.source("Assignment", "a-so") is not None
    assert charter.source("Assignment", "a-so").base == ("entities", 3)  # type: ignore[union-attr]


def test_in_force() -> None:
    a = Assignment.model_validate(
        {
            "id": "a",
            "type": "Assignment",
            "domain_id": "health",
            "organization_id": "o",
            "role": "accountable",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        }
    )
    assert in_force(a, dt.date(2026, 1, 1))
    assert in_force(a, dt.date(2026, 12, 31))
    assert not in_force(a, dt.date(2025, 12, 31))
    assert not in_force(a, dt.date(2027, 1, 1))
    assert in_force(a, None)
    inverted = a.model_copy(update={"valid_from": dt.date(2027, 1, 1)})
    assert not in_force(inverted, None)
    assert not in_force(inverted, dt.date(2027, 1, 1))


def test_labels(base: Builder) -> None:
    charter = Charter.from_entities(base.entities)
    assert charter.org_label("org-rc", "zh-CN") == "汉溪社区居委会"
    assert charter.org_label("org-unknown") == "org-unknown"
    assert charter.domain_label("property_maintenance", "zh-CN") == "物业维护"
    assert charter.domain_label("elsewhere") == "elsewhere"


def test_restating_a_core_domain_keeps_its_flags_unless_set(base: Builder) -> None:
    base.add(
        {"id": "resident_data", "type": "ResponsibilityDomain", "name": {"en": "Resident data"}}
    )
    info = Charter.from_entities(base.entities).index.domain_info["resident_data"]
    assert info.core
    assert info.declared
    assert info.exclusive
    assert info.affects_residents
    base.set("resident_data", exclusive=False)
    assert not Charter.from_entities(base.entities).index.domain_info["resident_data"].exclusive
