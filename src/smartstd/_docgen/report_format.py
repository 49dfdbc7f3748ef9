"""The JSON report page (``reference/report-format.md``), from ``report.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smartstd._docgen.fields import schema_rel
from smartstd._docgen.markdown import cell, code_span, page_text, prose, table


def report_format_page() -> str:
    from importlib import resources

    schema = json.loads(
        resources.files("smartstd")
        .joinpath("data")
        .joinpath("report.schema.json")
        .read_text("utf-8")
    )
    defs = schema.get("$defs", {})

    def kind(node: Mapping[str, Any]) -> str:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            target = defs.get(name, {})
            if "properties" in target:
                return f"[{name}](#{name})"
            return kind(target)
        if "const" in node:
            return code_span(json.dumps(node["const"]))
        if "enum" in node:
            return "one of " + ", ".join(code_span(json.dumps(v)) for v in node["enum"])
        t = node.get("type")
        if t == "array" and isinstance(node.get("items"), dict):
            return f"list of {kind(node['items'])}"
        if isinstance(t, list):
            return " or ".join(t)
        return str(t or "any")

    def rows(node: Mapping[str, Any]) -> list[list[str]]:
        required = set(node.get("required") or ())
        out = []
        for name, prop in (node.get("properties") or {}).items():
            desc = prop.get("description") or defs.get(
                str(prop.get("$ref", "")).rsplit("/", 1)[-1], {}
            ).get("description", "")
            out.append(
                [code_span(name), kind(prop), "**yes**" if name in required else "no", cell(desc)]
            )
        return out

    head = ("Field · 字段", "Type · 类型", "Always present · 必有", "Meaning · 含义")
    lines = [
        "# The JSON report · JSON 报告",
        "",
        "`smartstd check --format json` writes this document; `Report.to_dict()` returns the same"
        " fields without the rendered messages. Its fields are public API (see the"
        " [compatibility policy](../compatibility.md)): they change only with a new"
        " `report_version`. · JSON 报告的字段属于公开接口，只随 `report_version` 变化。",
        "",
        f"- **JSON Schema:** [`report.schema.json`](../{schema_rel('report')})"
        f" · `$id` `{schema.get('$id', '')}`",
        "",
        prose(str(schema.get("description", ""))),
        "",
        "## The report · 报告",
        "",
    ]
    lines += table(head, rows(schema))
    lines.append("")
    for name, node in defs.items():
        if "properties" in node:
            lines += [f"## {name} {{ #{name} }}", ""]
            if node.get("description"):
                lines += [prose(node["description"]), ""]
            lines += table(head, rows(node))
            lines.append("")
    return page_text(lines)
