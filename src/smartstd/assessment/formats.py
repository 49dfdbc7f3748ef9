"""Outputs of an assessment: text, JSON, CSV and Markdown here; HTML in :mod:`.html`.

Every format is chosen by name from :data:`FORMATS`; each takes the
:class:`~smartstd.assessment.model.Assessment` and a language (Chinese first) and
returns text. Values are written by unit: ratios as percentages, scores
with two decimals, hours and minutes with one, counts whole.

评估报告的输出格式：文本、JSON、CSV、Markdown（HTML 见 html 模块），默认中文。
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from smartstd.assessment.model import Assessment, Result

__all__ = ["FORMATS", "fmt_value", "render", "to_csv", "to_json", "to_markdown", "to_text"]

_COMPARATOR = {
    "ge": ("≥", "at least"),
    "gt": (">", "above"),
    "le": ("≤", "at most"),
    "lt": ("<", "below"),
    "eq": ("=", "exactly"),
}
_STATUS = {
    "met": ("达成", "met"),
    "missed": ("未达成", "missed"),
    "no_data": ("无数据", "no data"),
}


def _en(lang: str) -> bool:
    return lang.lower().startswith("en")


def fmt_value(value: float | None, unit: str, *, signed: bool = False) -> str:
    """A value as people read it: ``96.7%``, ``3.95``, ``3.2``, ``200``; ``—`` for none."""
    if value is None:
        return "—"
    sign = "+" if signed else ""
    if unit == "ratio":
        return f"{value * 100:{sign}.1f}%" if not signed else f"{value * 100:+.1f} pp"
    if unit == "score":
        return f"{value:{sign}.2f}"
    if unit == "count":
        return f"{value:{sign},.0f}"
    return f"{value:{sign}.1f}"


def _title(a: Assessment, code: str, lang: str) -> str:
    t = a.indicator(code)["title"]
    return str(t["en" if _en(lang) else "zh-CN"])


def _unit(a: Assessment, code: str) -> str:
    return str(a.indicator(code)["unit"])


def _ci(a: Assessment, r: Result) -> str:
    if r.ci is None:
        return ""
    u = _unit(a, r.code)
    return f"[{fmt_value(r.ci[0], u)}, {fmt_value(r.ci[1], u)}]"


def _scope(a: Assessment, lang: str) -> str:
    en = _en(lang)
    parts = []
    if a.pilot:
        name = a.pilot.get("name") or {}
        label = name.get("en" if en else "zh-CN") or a.pilot["id"]
        w = a.pilot["window"]
        parts.append(
            f"Pilot {label} ({a.pilot['id']}), communities {', '.join(a.pilot['communities'])}, "
            f"{w[0]} .. {w[1]}"
            if en
            else f"试点：{label}（{a.pilot['id']}），试点社区 {'、'.join(a.pilot['communities'])}，"
            f"{w[0]} 至 {w[1]}"
        )
    if a.period:
        parts.append(
            f"Period {a.period['label']} ({a.period['first']} .. {a.period['last']})"
            if en
            else f"评估期：{a.period['label']}（{a.period['first']} 至 {a.period['last']}）"
        )
    if not parts:
        parts.append("All communities, all dates" if en else "全部社区、全部日期")
    return "; ".join(parts) if en else "；".join(parts)


def target_sentence(a: Assessment, index: int, lang: str) -> str:
    """One target as a sentence: what, the value reached, met or missed and by how much."""
    t = a.targets[index]
    u = _unit(a, t.indicator)
    en = _en(lang)
    comp = _COMPARATOR.get(t.comparator, (t.comparator, t.comparator))
    status = _STATUS[t.status][1 if en else 0]
    diff = fmt_value(t.difference, u, signed=True) if t.difference is not None else "—"
    if en:
        return (
            f"{_title(a, t.indicator, lang)}: {fmt_value(t.value, u)} against a target of "
            f"{comp[1]} {fmt_value(t.target, u)}: {status} ({diff})"
        )
    return (
        f"{_title(a, t.indicator, lang)}：{fmt_value(t.value, u)}，目标 {comp[0]} "
        f"{fmt_value(t.target, u)}：{status}（{diff}）"
    )


def to_text(a: Assessment, lang: str = "zh-CN") -> str:
    """A plain-text report for a terminal."""
    en = _en(lang)
    out = ["Assessment" if en else "评估报告", _scope(a, lang), ""]
    head = ("indicator", "value", "numerator", "denominator", "n", "95% CI")
    if not en:
        head = ("指标", "值", "分子", "分母", "n", "95% 区间")
    rows: list[tuple[str, ...]] = [head]
    for r in a.results:
        u = _unit(a, r.code)
        rows.append(
            (
                _title(a, r.code, lang),
                fmt_value(r.value, u),
                "" if r.numerator is None else f"{r.numerator:g}",
                "" if r.denominator is None else f"{r.denominator:g}",
                str(r.n),
                _ci(a, r),
            )
        )
    out.extend(_table(rows))
    for r in a.results:
        if r.distribution:
            dist = "  ".join(f"{k}: {v}" for k, v in r.distribution.items())
            out.append(f"{_title(a, r.code, lang)}: {dist}")
    if a.targets:
        missed = len(a.missed)
        out.append("")
        out.append(
            f"Targets: {len(a.targets) - missed} of {len(a.targets)} met"
            if en
            else f"试点目标：{len(a.targets)} 项中达成 {len(a.targets) - missed} 项"
        )
        for i in range(len(a.targets)):
            mark = {"met": "✓", "missed": "✗", "no_data": "?"}[a.targets[i].status]
            out.append(f"  {mark} {target_sentence(a, i, lang)}")
    if a.pilot is not None:
        out.append("")
        if a.comparison:
            out.append(
                "Pilot communities against the others (difference, 95% CI):"
                if en
                else "试点社区与其他社区对比（差值，95% 区间）："
            )
            for c in a.comparison:
                u = _unit(a, c.code)
                ci = (
                    f"[{fmt_value(c.ci[0], u, signed=True)}, {fmt_value(c.ci[1], u, signed=True)}]"
                    if c.ci
                    else ""
                )
                out.append(
                    f"  {_title(a, c.code, lang)}: {fmt_value(c.pilot.value, u)} vs "
                    f"{fmt_value(c.others.value, u)}, {fmt_value(c.difference, u, signed=True)} "
                    f"{ci} ({c.method})"
                )
        else:
            out.append(
                "No other community in the data to compare the pilot with."
                if en
                else "数据中没有试点以外的社区，未作对比。"
            )
    for dim, groups in a.breakdowns.items():
        out.append("")
        out.append(f"By {dim}:" if en else f"按{_DIM_ZH.get(dim, dim)}：")
        codes = [r.code for r in a.results if r.n and a.indicator(r.code)["kind"] != "distribution"]
        for g in groups:
            label = g.label["en" if en else "zh-CN"]
            vals = ", ".join(
                f"{_title(a, r.code, lang)} {fmt_value(r.value, _unit(a, r.code))} (n={r.n})"
                for r in g.results
                if r.code in codes and r.n
            )
            out.append(f"  {label}: {vals}")
    if a.trend:
        out.append("")
        out.append("Trend by quarter:" if en else "季度趋势：")
        for g in a.trend:
            vals = ", ".join(
                f"{_title(a, r.code, lang)} {fmt_value(r.value, _unit(a, r.code))}"
                for r in g.results
                if r.n and a.indicator(r.code)["kind"] != "distribution"
            )
            out.append(f"  {g.group}: {vals}")
    out.append("")
    out.append(
        f"{a.records} records read, {a.skipped} could not be measured"
        if en
        else f"读取记录 {a.records} 条，无法计算 {a.skipped} 条"
    )
    if a.unreadable:
        out.append(("Unreadable: " if en else "无法读取：") + ", ".join(a.unreadable))
    return "\n".join(out) + "\n"


_DIM_ZH = {
    "community": "社区",
    "grid": "网格",
    "month": "月份",
    "quarter": "季度",
    "category": "类别",
    "channel": "渠道",
}


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [c + " " * (widths[i] - width(c)) for i, c in enumerate(r)]
        lines.append("  ".join(cells).rstrip())
    return lines


def to_json(a: Assessment, lang: str = "zh-CN") -> str:
    """The JSON report (``assessment.schema.json``); the language does not change it."""
    return json.dumps(a.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_csv(a: Assessment, lang: str = "zh-CN") -> str:
    """One row per indicator and group (scope, breakdowns, trend), for a spreadsheet."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["section", "dim", "group", "label", "code", "title", "unit", "value", "numerator",
         "denominator", "n", "ci_low", "ci_high"]
    )  # fmt: skip
    key = "en" if _en(lang) else "zh-CN"

    def row(section: str, dim: str, group: str, label: str, r: Result) -> None:
        w.writerow(
            [
                section, dim, group, label, r.code, _title(a, r.code, lang), _unit(a, r.code),
                _num(r.value), _num(r.numerator), _num(r.denominator), r.n,
                _num(r.ci[0]) if r.ci else "", _num(r.ci[1]) if r.ci else "",
            ]
        )  # fmt: skip

    for r in a.results:
        row("scope", "all", "", "", r)
    for dim, groups in a.breakdowns.items():
        for g in groups:
            for r in g.results:
                row("breakdown", dim, g.group, g.label[key], r)
    for g in a.trend:
        for r in g.results:
            row("trend", "quarter", g.group, g.group, r)
    for t in a.targets:
        w.writerow(
            ["target", "", str(t.index), t.status, t.indicator, _title(a, t.indicator, lang),
             _unit(a, t.indicator), _num(t.value), _num(t.target), _num(t.difference), "", "", ""]
        )  # fmt: skip
    return buf.getvalue()


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return repr(round(v, 10)) if v != int(v) else str(int(v))


def to_markdown(a: Assessment, lang: str = "zh-CN") -> str:
    """A Markdown report (for a README, a wiki page or a pull request)."""
    en = _en(lang)
    out = [f"## {'Assessment' if en else '评估报告'}", "", _scope(a, lang), ""]
    head = (
        "| indicator | value | numerator | denominator | n |"
        if en
        else "| 指标 | 值 | 分子 | 分母 | n |"
    )
    out += [head, "|---|--:|--:|--:|--:|"]
    for r in a.results:
        u = _unit(a, r.code)
        num = "" if r.numerator is None else f"{r.numerator:g}"
        den = "" if r.denominator is None else f"{r.denominator:g}"
        out.append(
            f"| {_title(a, r.code, lang)} | {fmt_value(r.value, u)} | {num} | {den} | {r.n} |"
        )
    if a.targets:
        out += ["", f"### {'Pilot targets' if en else '试点目标'}", ""]
        for i, t in enumerate(a.targets):
            mark = {"met": "✅", "missed": "❌", "no_data": "❔"}[t.status]
            out.append(f"- {mark} {target_sentence(a, i, lang)}")
    if a.comparison:
        out += [
            "",
            f"### {'Pilot communities against the others' if en else '试点社区与其他社区对比'}",
            "",
        ]
        out += [
            "| indicator | pilot | others | difference | 95% CI | method |"
            if en
            else "| 指标 | 试点 | 其他 | 差值 | 95% 区间 | 方法 |",
            "|---|--:|--:|--:|---|---|",
        ]
        for c in a.comparison:
            u = _unit(a, c.code)
            ci = (
                f"{fmt_value(c.ci[0], u, signed=True)} .. {fmt_value(c.ci[1], u, signed=True)}"
                if c.ci
                else ""
            )
            out.append(
                f"| {_title(a, c.code, lang)} | {fmt_value(c.pilot.value, u)} | "
                f"{fmt_value(c.others.value, u)} | {fmt_value(c.difference, u, signed=True)} | "
                f"{ci} | {c.method} |"
            )
    for dim, groups in a.breakdowns.items():
        out += ["", f"### {'By ' + dim if en else '按' + _DIM_ZH.get(dim, dim)}", ""]
        codes = [r.code for r in a.results if r.n and a.indicator(r.code)["kind"] != "distribution"]
        present = [k for k in codes if any(r.code == k and r.n for g in groups for r in g.results)]
        out.append("| | " + " | ".join(_title(a, k, lang) for k in present) + " |")
        out.append("|---|" + "--:|" * len(present))
        for g in groups:
            cells = []
            for k in present:
                found = next((x for x in g.results if x.code == k), None)
                cells.append(
                    fmt_value(found.value, _unit(a, k)) if found is not None and found.n else ""
                )
            out.append(f"| {g.label['en' if en else 'zh-CN']} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _html(a: Assessment, lang: str = "zh-CN") -> str:
    from smartstd.assessment.html import to_html

    return to_html(a, lang)


#: The output formats by name.
FORMATS: dict[str, Callable[[Assessment, str], str]] = {
    "text": to_text,
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
    "html": _html,
}


def render(a: Assessment, fmt: str = "text", lang: str = "zh-CN") -> str:
    """Render an assessment in a format of :data:`FORMATS`."""
    return FORMATS[fmt](a, lang)
