"""The responsibility domains and mappings page (``reference/domains.md``)."""

from __future__ import annotations

from smartstd._docgen.markdown import cell, code_span, page_text, table


def domains_page() -> str:
    from smartstd.standard.codes import CODE_LISTS
    from smartstd.standard.domains import CORE_DOMAINS, MAPPINGS, PERSONAL_DATA_DEVICE_KINDS

    yes = "yes · 是"
    no = "no · 否"
    lines = [
        "# Responsibility domains and mappings · 责任领域与映射",
        "",
        "The standard ships a core list of responsibility domains. A governance charter assigns"
        " each domain to organisations (accountable, responsible, consulted, informed) and may add"
        " sub-domains under them (`ResponsibilityDomain.parent_id`). Request categories, alert"
        " categories, device kinds and service categories map to a domain, so the charter can be"
        " crossed with the data."
        " · 标准提供核心责任领域清单；治理章程为每个领域指定各方角色，并可在其下增加子领域。"
        "诉求类别、告警类别、设备类型与服务类别均映射到责任领域，以便把章程与数据对照检查。",
        "",
        "In Python: `smartstd.standard.domains.CORE_DOMAINS`, `MAPPINGS`,"
        " `domain_for(list, code)`.",
        "",
        "## Core domains · 核心责任领域",
        "",
    ]
    rows = [
        [
            code_span(d.id),
            cell(d.en),
            cell(d.zh),
            yes if d.affects_residents else no,
            yes if d.exclusive else no,
        ]
        for d in CORE_DOMAINS.values()
    ]
    lines += table(
        ("Domain · 领域", "English", "中文", "Affects residents · 涉及居民", "Exclusive · 排他"),
        rows,
    )
    lines += [
        "",
        "*Affects residents*: residents must be consulted on it."
        " *Exclusive*: several responsible parties need a designated lead."
        " · “涉及居民”的领域须征询居民代表；“排他”领域有多个负责方时须指定牵头方。",
        "",
    ]
    for list_name, mapping in MAPPINGS.items():
        cl = CODE_LISTS[list_name]
        lines += [
            f"## {cl.en} → domain · {cl.zh} → 责任领域 {{ #{list_name.replace('_', '-')} }}",
            "",
        ]
        rows = []
        for code, domain in mapping.items():
            entry = cl.get(code)
            d = CORE_DOMAINS[domain]
            rows.append(
                [
                    f"[{code_span(code)}](code-lists.md#{list_name})",
                    cell(entry.en if entry else ""),
                    cell(entry.zh if entry else ""),
                    code_span(domain),
                    f"{cell(d.en)} · {cell(d.zh)}",
                ]
            )
        lines += table(("Code · 代码", "English", "中文", "Domain · 领域", "Label · 名称"), rows)
        lines.append("")
    kinds = ", ".join(code_span(k) for k in sorted(PERSONAL_DATA_DEVICE_KINDS))
    lines += [
        "## Devices that capture personal data · 采集个人信息的设备",
        "",
        f"Devices of these kinds capture personal data: {kinds}. Their operator needs a data"
        " access grant for each data category they collect."
        " · 这些类型的设备采集个人信息，其运营方须对所采集的每类数据持有数据访问授权。",
        "",
    ]
    return page_text(lines)
