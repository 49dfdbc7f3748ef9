"""The columns of a spreadsheet for one entity type, read from its JSON Schema.

A column is a leaf the person filling in a sheet can type into one cell: a
text, number, yes/no, date, time or code field; one language of a name
(``name.zh-CN``); a longitude or latitude of a point; a list of codes or ids
(separated by ``;``); one level of a nested object (``location.address.zh-CN``).
Fields that cannot live in one cell (event histories, consents) are left out
of templates, and the instructions sheet says so.

表格的列：从实体类型的 JSON Schema 推出的、可在一个单元格中填写的字段。
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Column", "columns_for", "sheet_name", "skipped_fields"]

_LANGS = ("zh-CN", "en")


@dataclass(frozen=True)
class Column:
    """One column: its key (``name.zh-CN``), path in the record, kind and titles.

    ``kind`` is one of ``text``, ``int``, ``float``, ``bool``, ``code``,
    ``codes``, ``list``, ``timestamp``, ``date``, ``lon``, ``lat``, ``json``.
    """

    key: str
    path: tuple[str, ...]
    kind: str
    zh: str
    en: str
    required: bool = False
    list: str | None = None

    def header(self) -> str:
        """The bilingual header text (``*`` marks a required column)."""
        star = "*" if self.required else ""
        return f"{self.zh}{star}\n{self.en}{star}"


def sheet_name(type_name: str) -> str:
    """The sheet of an entity type in a template: the plural (``Residents``)."""
    if type_name.endswith("y") and not type_name.endswith("ey"):
        return type_name[:-1] + "ies"
    return type_name + "s"


def _unwrap(prop: dict[str, Any]) -> dict[str, Any]:
    alts = prop.get("anyOf")
    if isinstance(alts, list):
        real = [a for a in alts if a.get("type") != "null"]
        if len(real) == 1:
            merged = {k: v for k, v in prop.items() if k != "anyOf"}
            merged.update(real[0])
            return merged
    return prop


def _titles(prop: dict[str, Any], name: str) -> tuple[str, str]:
    i18n = prop.get("x-i18n") or {}
    zh = (i18n.get("zh-CN") or {}).get("title") or name
    en = (i18n.get("en") or {}).get("title") or name
    return zh, en


def _leaves(
    schema: dict[str, Any],
    defs: dict[str, Any],
    prefix: tuple[str, ...],
    tz: tuple[str, str],
    required: set[str],
    depth: int,
) -> list[Column]:
    out: list[Column] = []
    for name, raw in schema.get("properties", {}).items():
        if name in ("type", "provenance"):
            continue
        prop = _unwrap(raw)
        zh, en = _titles(raw, name)
        zh, en = (f"{tz[0]}{zh}", f"{tz[1]}{en}") if prefix else (zh, en)
        path = (*prefix, name)
        key = ".".join(path)
        req = name in required and not prefix
        ref = prop.get("$ref")
        if ref:
            target = defs.get(ref.rsplit("/", 1)[-1], {})
            if ref.endswith("/Point"):
                out.append(
                    Column(f"{key}.longitude", path, "lon", f"{zh}经度", f"{en} longitude", req)
                )
                out.append(
                    Column(f"{key}.latitude", path, "lat", f"{zh}纬度", f"{en} latitude", req)
                )
            elif target.get("properties", {}).get("type", {}).get("const") in (
                "Polygon",
                "MultiPolygon",
            ) or "coordinates" in target.get("properties", {}):
                out.append(Column(key, path, "json", f"{zh}（GeoJSON）", f"{en} (GeoJSON)", req))
            elif depth < 2:
                sub_req = set(target.get("required", []))
                out.extend(_leaves(target, defs, path, (f"{zh}·", f"{en}: "), sub_req, depth + 1))
            continue
        if prop.get("propertyNames", {}).get("pattern", "").startswith("^[a-zA-Z]{2,3}"):
            for lang in _LANGS:
                label = "中文" if lang == "zh-CN" else "英文"
                out.append(
                    Column(
                        f"{key}.{lang}",
                        (*path, lang),
                        "text",
                        f"{zh}（{label}）",
                        f"{en} ({lang})",
                        req and lang == "zh-CN",
                    )
                )
            continue
        if "x-codelist" in prop:
            out.append(Column(key, path, "code", zh, en, req, prop["x-codelist"]))
            continue
        kind = prop.get("type")
        if kind == "array":
            items = _unwrap(prop.get("items", {}))
            if "x-codelist" in items:
                out.append(Column(key, path, "codes", zh, en, req, items["x-codelist"]))
            elif items.get("type") == "string":
                out.append(Column(key, path, "list", zh, en, req))
            continue
        if kind == "object" or "oneOf" in prop or "anyOf" in prop:
            continue
        fmt = prop.get("format")
        col_kind = {
            "integer": "int",
            "number": "float",
            "boolean": "bool",
        }.get(str(kind), "timestamp" if fmt == "date-time" else "date" if fmt == "date" else "text")
        out.append(Column(key, path, col_kind, zh, en, req))
    return out


@cache
def columns_for(type_name: str) -> tuple[Column, ...]:
    """The columns of an entity type, in the model's field order (id first)."""
    from smartstd.standard.dataset import ENTITY_TYPES

    schema = ENTITY_TYPES[type_name].model_json_schema()
    defs = schema.get("$defs", {})
    return tuple(_leaves(schema, defs, (), ("", ""), set(schema.get("required", [])), 0))


@cache
def skipped_fields(type_name: str) -> tuple[str, ...]:
    """The fields of a type that have no column (they need more than a cell)."""
    from smartstd.standard.dataset import ENTITY_TYPES

    have = {c.path[0] for c in columns_for(type_name)}
    return tuple(
        n
        for n in ENTITY_TYPES[type_name].model_fields
        if n not in have and n not in ("type", "provenance")
    )
