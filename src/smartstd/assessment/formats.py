"""Outputs of an assessment: text, JSON, CSV and Markdown here; HTML in :mod:`.html`.

Every format is chosen by name from :data:`FORMATS`; each takes the
:class:`~smartstd.assessment.model.Assessment` and a language (Chinese first) and
returns text. Values are written as :mod:`~smartstd.assessment.wording` says.

评估报告的输出格式：文本、JSON、CSV、Markdown（HTML 见 html 模块），默认中文。
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from smartstd.assessment.model import Assessment, Result
from smartstd.assessment.wording import (
    ci_text,
    fmt_value,
    is_english,
    scope,
    target_sentence,
    title_of,
    unit_of,
)

__all__ = ["FORMATS", "fmt_value", "render", "to_csv", "to_json", "to_markdown", "to_text"]


def to_text(a: Assessment, lang: str = "zh-CN") -> str:
    """A plain-text report for a terminal."""
    en = is_english(lang)
    out = ["Assessment" if en else "评估报告", scope(a, lang), ""]
    head = ("indicator", "value", "numerator", "denominator", "n", "95% CI")
    if not en:
        head = ("指标", "值", "分子", "分母", "n", "95% 区间")
    rows: list[tuple[str, ...]] = [head]
    for r in a.results:
        u = unit_of(a, r.code)
        rows.append(
            (
                title_of(a, r.code, lang),
                fmt_value(r.value, u),
                "" if r.numerator is None else f"{r.numerator:g}",
                "" if r.denominator is None else f"{r.denominator:g}",
                str(r.n),
                ci_text(a, r),
            )
        )
    out.extend(_table(rows))
    for r in a.results:
        if r.distribution:
            dist = "  ".join(f"{k}: {v}" for k, v in r.distribution.items())
            out.append(f"{title_of(a, r.code, lang)}: {dist}")
    if a.targets:
        met = sum(1 for t in a.targets if t.status == "met")
        no_data = sum(1 for t in a.targets if t.status == "no_data")
        out.append("")
        out.append(  # a target without data is neither met nor missed
            f"Targets: {met} of {len(a.targets)} met"
            + (f", {no_data} without data" if no_data else "")
            if en
            else f"试点目标：{len(a.targets)} 项中达成 {met} 项"
            + (f"，{no_data} 项无数据" if no_data else "")
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
                u = unit_of(a, c.code)
                ci = (
                    f"[{fmt_value(c.ci[0], u, signed=True)}, {fmt_value(c.ci[1], u, signed=True)}]"
                    if c.ci
                    else ""
                )
                out.append(
                    f"  {title_of(a, c.code, lang)}: {fmt_value(c.pilot.value, u)} vs "
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
                f"{title_of(a, r.code, lang)} {fmt_value(r.value, unit_of(a, r.code))} (n={r.n})"
                for r in g.results
                if r.code in codes and r.n
            )
            out.append(f"  {label}: {vals}")
    if a.trend:
        out.append("")
        out.append("Trend by quarter:" if en else "季度趋势：")
        for g in a.trend:
            vals = ", ".join(
                f"{title_of(a, r.code, lang)} {fmt_value(r.value, unit_of(a, r.code))}"
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
    key = "en" if is_english(lang) else "zh-CN"

    def row(section: str, dim: str, group: str, label: str, r: Result) -> None:
        w.writerow(
            [
                section, dim, group, label, r.code, title_of(a, r.code, lang), unit_of(a, r.code),
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
            ["target", "", str(t.index), t.status, t.indicator, title_of(a, t.indicator, lang),
             unit_of(a, t.indicator), _num(t.value), _num(t.target), _num(t.difference), "", "", ""]
        )  # fmt: skip
    return buf.getvalue()


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return repr(round(v, 10)) if v != int(v) else str(int(v))


def to_markdown(a: Assessment, lang: str = "zh-CN") -> str:
    """A Markdown report (for a README, a wiki page or a pull request)."""
    en = is_english(lang)
    out = [f"## {'Assessment' if en else '评估报告'}", "", scope(a, lang), ""]
    head = (
        "| indicator | value | numerator | denominator | n |"
        if en
        else "| 指标 | 值 | 分子 | 分母 | n |"
    )
    out += [head, "|---|--:|--:|--:|--:|"]
    for r in a.results:
        u = unit_of(a, r.code)
        num = "" if r.numerator is None else f"{r.numerator:g}"
        den = "" if r.denominator is None else f"{r.denominator:g}"
        out.append(
            f"| {title_of(a, r.code, lang)} | {fmt_value(r.value, u)} | {num} | {den} | {r.n} |"
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
            u = unit_of(a, c.code)
            ci = (
                f"{fmt_value(c.ci[0], u, signed=True)} .. {fmt_value(c.ci[1], u, signed=True)}"
                if c.ci
                else ""
            )
            out.append(
                f"| {title_of(a, c.code, lang)} | {fmt_value(c.pilot.value, u)} | "
                f"{fmt_value(c.others.value, u)} | {fmt_value(c.difference, u, signed=True)} | "
                f"{ci} | {c.method} |"
            )
    for dim, groups in a.breakdowns.items():
        out += ["", f"### {'By ' + dim if en else '按' + _DIM_ZH.get(dim, dim)}", ""]
        codes = [r.code for r in a.results if r.n and a.indicator(r.code)["kind"] != "distribution"]
        present = [k for k in codes if any(r.code == k and r.n for g in groups for r in g.results)]
        out.append("| | " + " | ".join(title_of(a, k, lang) for k in present) + " |")
        out.append("|---|" + "--:|" * len(present))
        for g in groups:
            cells = []
            for k in present:
                found = next((x for x in g.results if x.code == k), None)
                cells.append(
                    fmt_value(found.value, unit_of(a, k)) if found is not None and found.n else ""
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
