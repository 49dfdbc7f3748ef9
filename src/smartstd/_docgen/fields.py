"""Field tables: JSON Schema nodes as short Markdown types, constraints and references."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smartstd._docgen.markdown import cell, code_span, i18n, table, title_desc

#: Definitions linked to the reference index's geometry section, not rendered as nested objects.
GEOMETRY_DEFS = frozenset({"Point", "Polygon"})


def schema_rel(type_name: str) -> str:
    from smartstd.standard.dataset import STANDARD_VERSION

    return f"schemas/{STANDARD_VERSION}/{type_name}.schema.json"


def is_localized(schema: Mapping[str, Any]) -> bool:
    return (
        schema.get("type") == "object" and "propertyNames" in schema and "minProperties" in schema
    )


class Typer:
    """Renders JSON Schema nodes of one page as short Markdown types and constraints."""

    def __init__(self, defs: Mapping[str, Any], to_index: str) -> None:
        self.defs = defs
        self.to_index = to_index  # relative path from the page to reference/index.md
        self.nested: list[str] = []

    def _ref_name(self, ref: str) -> str:
        name = ref.rsplit("/", 1)[-1]
        if name not in GEOMETRY_DEFS and name not in self.nested:
            self.nested.append(name)
        return name

    def type(self, s: Mapping[str, Any]) -> str:
        from smartstd.standard._base import ID_PATTERN

        if "$ref" in s:
            name = self._ref_name(s["$ref"])
            if name in GEOMETRY_DEFS:
                return f"[{name}]({self.to_index}#geometry)"
            return f"[{name}](#{name.lower()})"
        if "x-codelist" in s:
            cl = s["x-codelist"]
            to_lists = self.to_index.replace("index.md", "code-lists.md")
            return f"code of [{code_span(cl)}]({to_lists}#{cl})"
        if "const" in s:
            return code_span(json.dumps(s["const"], ensure_ascii=False))
        if "enum" in s:
            return "one of " + ", ".join(code_span(v) for v in s["enum"])
        for key in ("anyOf", "oneOf"):
            if key in s:
                parts = [self.type(o) for o in s[key] if o.get("type") != "null"]
                return " or ".join(dict.fromkeys(parts))
        if is_localized(s):
            return f"[LocalizedText]({self.to_index}#localized-text)"
        kind = s.get("type")
        if kind == "string":
            if s.get("format") == "date-time":
                return f"[timestamp]({self.to_index}#timestamps-and-dates)"
            if s.get("format") == "date":
                return f"[date]({self.to_index}#timestamps-and-dates)"
            if s.get("pattern") == ID_PATTERN:
                return f"[id]({self.to_index}#identifiers-and-references)"
            return "string"
        if kind == "array":
            if "prefixItems" in s:
                return f"[position]({self.to_index}#geometry)"
            items = s.get("items")
            inner = self.type(items) if isinstance(items, dict) else "any"
            return f"list of {inner}"
        if kind == "object":
            extra = s.get("additionalProperties")
            if isinstance(extra, dict):
                return f"map of string to {self.type(extra)}"
            return "object"
        if isinstance(kind, list):
            return " or ".join(str(k) for k in kind)
        return str(kind or "any")

    def constraints(self, s: Mapping[str, Any]) -> list[str]:
        from smartstd.standard._base import (
            DATE_PATTERN,
            ID_PATTERN,
            LANG_TAG_PATTERN,
            TIMESTAMP_PATTERN,
        )

        out: list[str] = []
        if "x-codelist" in s:
            return (
                [] if s.get("x-codelist-closed", True) else ["open list: namespaced codes allowed"]
            )
        for key in ("anyOf", "oneOf"):
            for option in s.get(key, []):
                if option.get("type") != "null":
                    out.extend(self.constraints(option))
        pattern = s.get("pattern")
        if pattern and pattern not in (ID_PATTERN, TIMESTAMP_PATTERN, DATE_PATTERN):
            out.append(f"pattern {code_span(pattern)}")
        bounds = (
            ("minimum", "≥"),
            ("exclusiveMinimum", ">"),
            ("maximum", "≤"),
            ("exclusiveMaximum", "<"),
        )
        out.extend(f"{sym} {s[key]}" for key, sym in bounds if key in s)
        lengths = (
            ("minLength", "length ≥"),
            ("maxLength", "length ≤"),
            ("minItems", "items ≥"),
            ("maxItems", "items ≤"),
            ("minProperties", "entries ≥"),
        )
        if "prefixItems" not in s and not is_localized(s):
            out.extend(f"{label} {s[key]}" for key, label in lengths if key in s)
        if s.get("uniqueItems"):
            out.append("unique items")
        items = s.get("items")
        if isinstance(items, dict) and "$ref" not in items:
            inner = self.constraints(items)
            out.extend(f"each: {c}" for c in inner)
        extra = s.get("additionalProperties")
        if isinstance(extra, dict) and not is_localized(s):
            out.extend(f"each value: {c}" for c in self.constraints(extra))
        names = s.get("propertyNames")
        if isinstance(names, dict) and names.get("pattern") not in (None, LANG_TAG_PATTERN):
            out.append(f"keys match {code_span(names['pattern'])}")
        return out


def default_note(s: Mapping[str, Any]) -> str | None:
    if "default" not in s:
        return None
    value = s["default"]
    if value is None or value == [] or value == {}:
        return None
    return "default " + code_span(json.dumps(value, ensure_ascii=False))


def def_of(prop: Mapping[str, Any]) -> str | None:
    """The ``$defs`` name a property's value (or its items) is, if any."""
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf"):
        for option in prop.get(key, []):
            found = def_of(option)
            if found:
                return found
    items = prop.get("items")
    return def_of(items) if isinstance(items, dict) else None


def references(cls: Any, schema: Mapping[str, Any]) -> dict[tuple[str | None, str], Any]:
    """Reference fields by (nested object name or ``None`` for the entity, field name)."""
    defs = schema.get("$defs", {})
    out: dict[tuple[str | None, str], Any] = {}
    for ref in getattr(cls, "__references__", ()):
        segs = [p for p in ref.path if p != "*"]
        owner: str | None = None
        node: Mapping[str, Any] = schema
        for seg in segs[:-1]:
            prop = (node.get("properties") or {}).get(seg, {})
            owner = def_of(prop)
            node = defs.get(owner, {}) if owner else {}
        out[(owner, segs[-1])] = ref
    return out


def ref_targets(ref: Any, to_entities: str) -> str:
    types = " or ".join(f"[{t}]({to_entities}{t}.md)" for t in ref.types)
    kinds = f" (kind {', '.join(code_span(k) for k in ref.kinds)})" if ref.kinds else ""
    return f"references {types}{kinds}"


def field_rows(
    schema: Mapping[str, Any],
    typer: Typer,
    refs: Mapping[tuple[str | None, str], Any] | None = None,
    owner: str | None = None,
    to_entities: str = "",
) -> list[list[str]]:
    required = set(schema.get("required") or ())
    rows: list[list[str]] = []
    for name, prop in (schema.get("properties") or {}).items():
        en_t, en_d, zh_t, zh_d = i18n(prop)
        notes = typer.constraints(prop)
        default = default_note(prop)
        if default:
            notes.append(default)
        ref = (refs or {}).get((owner, name))
        if ref is not None:
            notes.append(ref_targets(ref, to_entities))
        rows.append(
            [
                code_span(name),
                typer.type(prop),
                "**yes**" if name in required else "no",
                "<br>".join(dict.fromkeys(notes)) or "",
                title_desc(en_t, en_d),
                title_desc(zh_t, zh_d),
            ]
        )
    return rows


FIELD_HEAD = (
    "Field<br>字段",
    "Type<br>类型",
    "Required<br>必填",
    "Constraints<br>约束",
    "English",
    "中文",
)


def alternatives(schema: Mapping[str, Any]) -> list[str]:
    alts = [a.get("required") for a in schema.get("anyOf") or () if a.get("required")]
    if not alts:
        return []
    options = " or ".join(", ".join(code_span(f) for f in a) for a in alts)
    return [
        f"At least one of these is required · 以下至少须有其一: {options}.",
        "",
    ]


def nested_sections(
    typer: Typer, refs: Mapping[tuple[str | None, str], Any], to_entities: str
) -> list[str]:
    lines: list[str] = []
    done: set[str] = set()
    while len(done) < len(typer.nested):
        name = next(n for n in typer.nested if n not in done)
        done.add(name)
        node = typer.defs[name]
        _, en_d, zh_t, zh_d = i18n(node)
        lines += [f"### {name} · {zh_t} {{ #{name.lower()} }}", ""]
        lines += table(
            ("", "English", "中文"), [["**Description**<br>说明", cell(en_d), cell(zh_d)]]
        )
        lines.append("")
        lines += alternatives(node)
        lines += table(FIELD_HEAD, field_rows(node, typer, refs, name, to_entities))
        lines.append("")
    return lines
