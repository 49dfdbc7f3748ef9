"""Small datasets built in code for the engine, CLI and loader tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ENVELOPE: dict[str, Any] = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "test-ds",
    "publisher_id": "org-so",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
}
ORG = {
    "id": "org-so",
    "type": "Organization",
    "name": {"zh-CN": "钟村街道办事处"},
    "kind": "street_office",
}
COMMUNITY = {
    "id": "c-1",
    "type": "Community",
    "name": {"zh-CN": "汉溪社区", "en": "Hanxi Community"},
    "division_code": "440113",
    "street_office_id": "org-so",
}


def building(i: int, community: str = "c-1") -> dict[str, Any]:
    return {
        "id": f"b-{i}",
        "type": "Building",
        "community_id": community,
        "name": {"zh-CN": f"{i} 栋"},
    }


def dwelling(i: int, building_id: str = "b-1") -> dict[str, Any]:
    return {
        "id": f"dw-{i}",
        "type": "Dwelling",
        "building_id": building_id,
        "unit_number": str(100 + i),
    }


def entities(n_buildings: int = 2, n_dwellings: int = 5) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [ORG, COMMUNITY]
    out += [building(i) for i in range(1, n_buildings + 1)]
    out += [dwelling(i) for i in range(1, n_dwellings + 1)]
    return out


def write_json(path: Path, ents: list[dict[str, Any]] | None = None, **envelope: Any) -> Path:
    doc = {**ENVELOPE, **envelope, "entities": entities() if ents is None else ents}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_ndjson(path: Path, ents: list[dict[str, Any]] | None = None, **envelope: Any) -> Path:
    lines = [json.dumps({**ENVELOPE, **envelope}, ensure_ascii=False)]
    lines += [json.dumps(e, ensure_ascii=False) for e in (entities() if ents is None else ents)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
