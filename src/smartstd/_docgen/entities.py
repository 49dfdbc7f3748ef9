"""The entity type pages (``reference/entities/``), their index and their menu entries."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smartstd._docgen.fields import (
    FIELD_HEAD,
    Typer,
    alternatives,
    field_rows,
    nested_sections,
    references,
    schema_rel,
)
from smartstd._docgen.markdown import REFERENCE, cell, fence, iso, page_text, table
from smartstd._docgen.samples import sample_entity

GROUPS: dict[str, tuple[str, str]] = {
    "place": ("Places", "空间"),
    "people": ("People", "人口"),
    "organization": ("Organisations", "组织"),
    "service": ("Services and needs", "服务与需求"),
    "participation": ("Participation", "居民参与"),
    "safety": ("Safety and security", "安全"),
    "governance": ("Governance (the charter)", "治理（章程）"),
    "programme": ("Programmes", "试点项目"),
}


def entity_page(type_name: str, examples: Mapping[str, tuple[str, dict[str, Any]]]) -> str:
    from smartstd.schemas import schema_id
    from smartstd.standard.dataset import CHARTER_TYPES, ENTITY_TYPES
    from smartstd.standard.domains import MAPPINGS
    from smartstd.standard.introspect import code_fields

    cls = ENTITY_TYPES[type_name]
    schema = cls.model_json_schema()
    zh_t, en_t, zh_d, en_d = cls.__i18n__
    typer = Typer(schema.get("$defs", {}), "../index.md")
    group = GROUPS.get(cls.__module__.rsplit(".", 1)[-1], ("", ""))
    lines = [f"# {type_name} · {zh_t}", ""]
    lines += table(
        ("", "English", "中文"),
        [
            ["**Name**<br>名称", cell(en_t), cell(zh_t)],
            ["**Description**<br>说明", cell(en_d), cell(zh_d)],
            ["**Group**<br>分组", cell(group[0]), cell(group[1])],
        ],
    )
    lines += [
        "",
        f"- **JSON Schema:** [`{type_name}.schema.json`](../../{schema_rel(type_name)})"
        f" · `$id` `{schema_id(type_name)}`",
        f"- **Python:** `smartstd.standard.{type_name}` (module `{cls.__module__}`)",
        "- **Extensions · 扩展:** objects are closed; other fields must be namespaced"
        " (`prefix:name`) with a declared prefix · 对象封闭，扩展字段须带已声明的命名空间前缀。",
    ]
    if type_name in CHARTER_TYPES:
        lines.append(
            "- **Charter · 章程:** part of the governance charter,"
            " usually a YAML file beside the data"
            " · 属于治理章程，通常是与数据并列的 YAML 文件。"
        )
    mapped = [(path, cl) for path, cl in code_fields(type_name) if cl in MAPPINGS]
    for path, cl in mapped:
        lines.append(
            f"- **Domains · 责任领域:** `{'.'.join(path)}` maps to a core responsibility domain"
            f" ([{cl} mapping](../domains.md#{cl.replace('_', '-')}))."
        )
    lines += ["", "## Fields · 字段", ""]
    lines += alternatives(schema)
    refs = references(cls, schema)
    lines += table(FIELD_HEAD, field_rows(schema, typer, refs))
    lines.append("")
    nested = nested_sections(typer, refs, "")
    if nested:
        lines += ["## Nested objects · 嵌套对象", "", *nested]
    lines += ["## Example · 示例", ""]
    if type_name in examples:
        source, entity = examples[type_name]
        lines += [f"From the example community, `{source}` · 取自示例社区:", ""]
    else:
        entity = sample_entity(type_name) or {}
        lines += [
            "A minimal entity with only the required fields, built from the model"
            " · 仅含必填字段的最小示例（由模型生成）:",
            "",
        ]
    lines += fence(json.dumps(entity, ensure_ascii=False, indent=2, default=iso), "json")
    return page_text(lines)


def entities_index() -> str:
    from smartstd.standard.dataset import ENTITY_TYPES

    lines = [
        "# Entity types · 实体类型",
        "",
        "Every record of a dataset is an entity: an object with an `id` and a `type`"
        " (the entity type's name). These are the entity types of the standard,"
        " each with its fields, an example and its JSON Schema."
        " · 数据集中的每条记录都是一个实体，带有 `id` 与 `type`。下表列出标准的全部实体类型。",
        "",
    ]
    by_group: dict[str, list[str]] = {}
    for name, cls in ENTITY_TYPES.items():
        by_group.setdefault(cls.__module__.rsplit(".", 1)[-1], []).append(name)
    for group, names in by_group.items():
        en_g, zh_g = GROUPS.get(group, (group, group))
        lines += [f"## {en_g} · {zh_g}", ""]
        rows = []
        for name in names:
            zh_t, _, zh_d, en_d = ENTITY_TYPES[name].__i18n__
            rows.append([f"[{name}]({name}.md)", cell(zh_t), cell(en_d), cell(zh_d)])
        lines += table(("Type · 类型", "中文名", "English", "中文"), rows)
        lines.append("")
    return page_text(lines)


def entity_nav() -> list[dict[str, str]]:
    """The navigation entries of the entity pages, in the standard's order (for mkdocs)."""
    from smartstd.standard.dataset import ENTITY_TYPES

    return [
        {f"{name} · {cls.__i18n__[0]}": f"{REFERENCE}/entities/{name}.md"}
        for name, cls in ENTITY_TYPES.items()
    ]
