"""The request lifecycle page (``reference/lifecycle.md``)."""

from __future__ import annotations

from smartstd._docgen.markdown import cell, code_span, page_text, table


def lifecycle_page() -> str:
    from smartstd.standard import lifecycle
    from smartstd.standard.codes import CODE_LISTS

    statuses = CODE_LISTS["request_status"]
    lines = [
        "# Request lifecycle · 诉求状态流转",
        "",
        "A service request moves through the statuses of the closed"
        " [`request_status`](code-lists.md#request_status) list along the transitions below;"
        " a move the state machine does not allow is a finding (rule [SC306](rules.md#sc306))."
        " · 诉求按下列状态机流转；不允许的流转会被检查规则发现。",
        "",
        "In Python: `smartstd.standard.lifecycle` (`TRANSITIONS`, `is_allowed`, `open311_status`,"
        " `to_mermaid`).",
        "",
        "```mermaid",
        lifecycle.to_mermaid().rstrip("\n"),
        "```",
        "",
        "## Transitions · 允许的流转",
        "",
    ]
    rows = []
    for status, targets in lifecycle.TRANSITIONS.items():
        entry = statuses.get(status)
        label = f"{cell(entry.en)} · {cell(entry.zh)}" if entry else ""
        nxt = ", ".join(code_span(t) for t in sorted(targets)) or "— (final · 终态)"
        rows.append([code_span(status), label, nxt, code_span(lifecycle.OPEN311_STATUS[status])])
    lines += table(("Status · 状态", "Label · 名称", "May move to · 可流转至", "Open311"), rows)
    final = ", ".join(code_span(s) for s in sorted(lifecycle.FINAL_STATUSES))
    resolved = ", ".join(code_span(s) for s in sorted(lifecycle.RESOLVED_STATUSES))
    lines += [
        "",
        f"A request starts as `{lifecycle.INITIAL_STATUS}`."
        f" Final statuses: {final}."
        f" Resolved statuses: {resolved}."
        " `resolved → in_progress` and `closed → in_progress` reopen a request;"
        " `in_progress → assigned` reassigns it."
        " · 初始状态为 submitted；rejected 与 withdrawn 为终态；已解决或已关闭的诉求可重新打开。",
        "",
    ]
    return page_text(lines)
