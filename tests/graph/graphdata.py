"""Charters for the graph tests: a small clean community charter, and a builder of copies."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

ON = dt.date(2026, 6, 30)

ENVELOPE: dict[str, Any] = {
    "standard": "scds",
    "standard_version": "1.1.0",
    "dataset_id": "graph-test",
    "publisher_id": "org-so",
    "generated_at": "2026-06-30T18:00:00+08:00",
    "classification": "internal",
}

ORGS: list[dict[str, Any]] = [
    {
        "id": "org-so",
        "type": "Organization",
        "name": {"zh-CN": "钟村街道办事处", "en": "Zhongcun Street Office"},
        "kind": "street_office",
    },
    {
        "id": "org-rc",
        "type": "Organization",
        "name": {"zh-CN": "汉溪社区居委会", "en": "Hanxi Residents' Committee"},
        "kind": "residents_committee",
    },
    {
        "id": "org-pm",
        "type": "Organization",
        "name": {"zh-CN": "汉溪物业", "en": "Hanxi Property Services"},
        "kind": "property_management",
    },
]

CHARTER: list[dict[str, Any]] = [
    {
        "id": "a-so",
        "type": "Assignment",
        "domain_id": "property_maintenance",
        "organization_id": "org-so",
        "role": "accountable",
    },
    {
        "id": "a-pm",
        "type": "Assignment",
        "domain_id": "property_maintenance",
        "organization_id": "org-pm",
        "role": "responsible",
    },
    {
        "id": "a-rc",
        "type": "Assignment",
        "domain_id": "property_maintenance",
        "organization_id": "org-rc",
        "role": "consulted",
    },
    {
        "id": "cat-contact",
        "type": "DataCategory",
        "name": {"zh-CN": "联系方式", "en": "Contact details"},
        "sensitivity": "personal",
        "steward_id": "org-so",
    },
    {
        "id": "pur-repair",
        "type": "Purpose",
        "name": {"zh-CN": "报修处理", "en": "Repairs"},
        "domain_ids": ["property_maintenance"],
        "data_category_ids": ["cat-contact"],
    },
    {
        "id": "g-pm",
        "type": "DataAccessGrant",
        "organization_id": "org-pm",
        "data_category_id": "cat-contact",
        "actions": ["read"],
        "purpose_id": "pur-repair",
        "legal_role": "processor",
        "legal_basis": "contract",
        "agreement_id": "agr-pm",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
    },
    {
        "id": "agr-pm",
        "type": "Agreement",
        "name": {"zh-CN": "报修数据委托处理协议", "en": "Repair data processing agreement"},
        "kind": "data_processing",
        "party_ids": ["org-so", "org-pm"],
        "domain_ids": ["property_maintenance"],
        "purpose_ids": ["pur-repair"],
        "data_category_ids": ["cat-contact"],
        "benefits": [
            {"organization_id": "org-so", "kind": "public_service"},
            {"organization_id": "org-pm", "kind": "revenue"},
        ],
        "obligations": [
            {
                "organization_id": "org-so",
                "description": {"zh-CN": "提供报修居民的联系方式", "en": "Provide contact details"},
            },
            {
                "organization_id": "org-pm",
                "description": {"zh-CN": "仅用于安排维修", "en": "Use them only for repairs"},
            },
        ],
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
    },
]


class Builder:
    """Edits a copy of the clean charter: ``b.find("g-pm")["actions"] = [...]``, ``b.add(...)``."""

    def __init__(self) -> None:
        self.entities: list[dict[str, Any]] = copy.deepcopy(ORGS) + copy.deepcopy(CHARTER)

    def find(self, eid: str) -> dict[str, Any]:
        return next(e for e in self.entities if e["id"] == eid)

    def add(self, *items: dict[str, Any]) -> Builder:
        self.entities.extend(copy.deepcopy(list(items)))
        return self

    def remove(self, eid: str) -> Builder:
        self.entities.remove(self.find(eid))
        return self

    def set(self, eid: str, **fields: Any) -> Builder:
        e = self.find(eid)
        for k, v in fields.items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
        return self

    def grant(self, gid: str, org: str, **fields: Any) -> Builder:
        g = {
            "id": gid,
            "type": "DataAccessGrant",
            "organization_id": org,
            "data_category_id": "cat-contact",
            "actions": ["read"],
            "purpose_id": "pur-repair",
            "legal_role": "recipient",
            "legal_basis": "contract",
        }
        g.update(fields)
        return self.add(g)

    def assign(self, aid: str, domain: str, org: str, role: str, **fields: Any) -> Builder:
        return self.add(
            {
                "id": aid,
                "type": "Assignment",
                "domain_id": domain,
                "organization_id": org,
                "role": role,
                **fields,
            }
        )

    def write(self, folder: Path, data: list[dict[str, Any]] | None = None) -> Path:
        """dataset.json (envelope, organisations, ``data``) and charter.yaml (the rest)."""
        folder.mkdir(parents=True, exist_ok=True)
        orgs = [e for e in self.entities if e["type"] == "Organization"]
        charter = [e for e in self.entities if e["type"] != "Organization"]
        (folder / "dataset.json").write_text(
            json.dumps(
                {**ENVELOPE, "entities": orgs + list(data or [])}, ensure_ascii=False, indent=1
            ),
            "utf-8",
        )
        doc = {
            "standard": "scds",
            "standard_version": "1.1.0",
            "dataset_id": "graph-test",
            "entities": charter,
        }
        (folder / "charter.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8"
        )
        return folder
