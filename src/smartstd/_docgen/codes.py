"""The code lists page (``reference/code-lists.md``)."""

from __future__ import annotations

from smartstd._docgen.markdown import cell, code_span, page_text, table


def code_lists_page() -> str:
    from smartstd.standard.codes import CODE_LISTS
    from smartstd.standard.dataset import ENTITY_TYPES
    from smartstd.standard.domains import MAPPINGS
    from smartstd.standard.introspect import code_fields

    used: dict[str, list[str]] = {}
    for type_name in ("Envelope", *ENTITY_TYPES):
        for path, list_name in code_fields(type_name):
            page = "envelope.md" if type_name == "Envelope" else f"entities/{type_name}.md"
            used.setdefault(list_name, []).append(f"[{type_name}]({page})`.{'.'.join(path)}`")
    closed = sum(cl.closed for cl in CODE_LISTS.values())
    lines = [
        "# Code lists · 代码表",
        "",
        f"The standard has {len(CODE_LISTS)} code lists: {closed} closed and"
        f" {len(CODE_LISTS) - closed} open. A **closed** list (statuses, severities, roles)"
        " cannot be extended. An **open** list (categories, kinds) may be extended by a profile"
        " with namespaced codes such as `gz:dragon_boat_club`, whose prefix must be declared."
        " · 封闭代码表不可扩展；开放代码表可由地方配置以带命名空间前缀的代码扩展（前缀须声明）。",
        "",
        "In Python: `smartstd.standard.CODE_LISTS[name]`"
        " (a `CodeList` with its `Code`s and labels).",
        "",
    ]
    rows = [
        [
            f"[{code_span(name)}](#{name})",
            cell(cl.en),
            cell(cl.zh),
            "closed 封闭" if cl.closed else "open 开放",
            str(len(cl.codes)),
        ]
        for name, cl in CODE_LISTS.items()
    ]
    lines += table(("List · 代码表", "English", "中文", "Kind · 类型", "Codes · 代码数"), rows)
    lines.append("")
    for name, cl in CODE_LISTS.items():
        kind = "closed · 封闭" if cl.closed else "open · 开放"
        lines += [f"## {cl.en} · {cl.zh} {{ #{name} }}", ""]
        lines += [f"`{name}` · **{kind}**", ""]
        if name in used:
            lines += ["Used by · 使用字段: " + ", ".join(dict.fromkeys(used[name])), ""]
        if name in MAPPINGS:
            lines += [
                "Each code maps to a responsibility domain: see"
                f" [the mapping](domains.md#{name.replace('_', '-')}).",
                "",
            ]
        has_desc = any(c.en_desc or c.zh_desc for c in cl.codes)
        head = ["Code · 代码", "English", "中文"] + (["Description", "说明"] if has_desc else [])
        rows = []
        for c in cl.codes:
            row = [code_span(c.code), cell(c.en), cell(c.zh)]
            if has_desc:
                row += [cell(c.en_desc), cell(c.zh_desc)]
            rows.append(row)
        lines += table(head, rows)
        lines.append("")
    return page_text(lines)
