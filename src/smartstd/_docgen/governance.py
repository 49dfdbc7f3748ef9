"""The example charter page (``reference/governance.md``): responsibility graph and RACI matrix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from smartstd._docgen.example import EXAMPLE_DIR, read_entities
from smartstd._docgen.markdown import cell, code_span, iso, page_text, table

_DIAGRAM_EDGES = frozenset({"accountable", "responsible", "part_of"})


def _charter_entities(root: Path) -> tuple[list[Any], dict[str, Any]] | None:
    """The example's organisations and charter entities as models, and its envelope."""
    from pydantic import ValidationError

    from smartstd.standard.dataset import CHARTER_TYPES, entity_adapter

    base = root / EXAMPLE_DIR
    if not (base / "charter.yaml").is_file() or not (base / "dataset.json").is_file():
        return None
    doc = json.loads((base / "dataset.json").read_text(encoding="utf-8"))
    raw = [e for e in read_entities(base / "dataset.json") if e.get("type") == "Organization"]
    raw += [e for e in read_entities(base / "charter.yaml") if e.get("type") in CHARTER_TYPES]
    models = []
    for entity in raw:
        try:
            models.append(entity_adapter().validate_json(json.dumps(entity, default=iso)))
        except ValidationError:
            continue  # the check reports it; the page shows what is valid
    envelope = {k: v for k, v in doc.items() if k != "entities"} if isinstance(doc, dict) else {}
    return models, envelope


def governance_page(root: Path) -> str:
    import datetime as dt

    lines = [
        "# The example charter · 示例治理章程",
        "",
        "The example community's governance charter"
        f" (`{(EXAMPLE_DIR / 'charter.yaml').as_posix()}`) as the responsibility graph"
        " that `smartstd` builds from it: who is accountable and responsible for each"
        " [responsibility domain](domains.md), and the whole RACI matrix."
        " `smartstd graph export` and `smartstd graph raci` print the same for any charter."
        " · 示例社区治理章程对应的职责图：各责任领域由谁负责、谁执行，以及完整的 RACI 矩阵。",
        "",
    ]
    loaded = _charter_entities(root)
    if loaded is None:
        lines += [
            f"The example community (`{EXAMPLE_DIR.as_posix()}`) is not in this checkout.",
            "",
        ]
        return page_text(lines)
    from smartstd.graph import build_graph, to_mermaid
    from smartstd.graph.queries import raci

    entities, envelope = loaded
    generated = str(envelope.get("generated_at", ""))[:10]
    on = dt.date.fromisoformat(generated) if generated else None
    graph = build_graph(entities)
    # A new graph in the original order: subgraph views iterate sets, whose order varies.
    sub = graph.__class__()
    sub.graph.update(graph.graph)
    edges = [
        (u, v, k, a)
        for u, v, k, a in graph.edges(keys=True, data=True)
        if a.get("type") in _DIAGRAM_EDGES
    ]
    used = {n for u, v, _, _ in edges for n in (u, v)}
    sub.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if n in used)
    sub.add_edges_from(edges)
    lines += [
        "## Accountable and responsible · 负责与执行",
        "",
        "Organisations (rectangles) and the domains (rounded) they are accountable (A) or"
        " responsible (R) for; dotted arrows join a sub-domain to its parent."
        " · 矩形为组织，圆角框为责任领域；虚线箭头连接子领域与上级领域。",
        "",
        "```mermaid",
        to_mermaid(sub, lang="en").rstrip("\n"),
        "```",
        "",
    ]
    matrix = raci(entities, on=on)
    names: dict[str, tuple[str, str, str]] = {}
    for e in entities:
        if e.type == "Organization":
            label = dict(e.name)
            names[e.id] = (label.get("en", ""), label.get("zh-CN", ""), str(e.kind))
    lines += [
        f"## RACI matrix · RACI 矩阵 (on {matrix.on.isoformat()})",
        "",
        "A accountable 负责 · R responsible 执行 (R\\* the lead 牵头) · C consulted 咨询"
        " · I informed 知会. Columns are the organisations listed below · 列为下表中的组织。",
        "",
    ]
    orgs = matrix.organizations
    head = [
        "Domain · 领域",
        "English",
        "中文",
        *(f"[{i + 1}](#org-{i + 1})" for i in range(len(orgs))),
    ]
    rows = []
    for d in matrix.domains:
        rows.append(
            [
                code_span(d),
                cell(matrix.labels["en"].get(d, d)),
                cell(matrix.labels["zh-CN"].get(d, d)),
                *(cell(matrix.cell(d, o)) for o in orgs),
            ]
        )
    lines += table(head, rows)
    lines += ["", "## Organisations · 组织", ""]
    org_rows = []
    for i, o in enumerate(orgs):
        en, zh, kind = names.get(o, ("", "", ""))
        org_rows.append(
            [f"{i + 1} {{ #org-{i + 1} }}", code_span(o), code_span(kind), cell(en), cell(zh)]
        )
    lines += table(("#", "Organisation · 组织", "Kind · 类型", "English", "中文"), org_rows)
    lines.append("")
    return page_text(lines)
