"""How an assessment's values, scope and targets are written, shared by every format.

Values are written by unit: ratios as percentages, scores with two decimals,
hours and minutes with one, counts whole. :mod:`~smartstd.assessment.formats`
(text, JSON, CSV, Markdown), :mod:`~smartstd.assessment.html` and the SC8xx
rules all write them with these functions, so that a value reads the same
everywhere.

评估值、范围与目标的统一写法（各输出格式共用）。
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from smartstd.assessment.model import Assessment, Result

__all__ = [
    "COMPARATORS",
    "STATUSES",
    "ci_text",
    "fmt_value",
    "is_english",
    "scope",
    "target_sentence",
    "title_of",
    "unit_of",
]

#: A target's comparator as a symbol (zh-CN) and as words (en).
COMPARATORS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "ge": ("≥", "at least"),
        "gt": (">", "above"),
        "le": ("≤", "at most"),
        "lt": ("<", "below"),
        "eq": ("=", "exactly"),
    }
)
#: A target's status in zh-CN and en.
STATUSES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "met": ("达成", "met"),
        "missed": ("未达成", "missed"),
        "no_data": ("无数据", "no data"),
    }
)


def is_english(lang: str) -> bool:
    """Whether ``lang`` asks for English (anything else is Chinese)."""
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


def title_of(a: Assessment, code: str, lang: str) -> str:
    """An indicator's title in ``lang``."""
    t = a.indicator(code)["title"]
    return str(t["en" if is_english(lang) else "zh-CN"])


def unit_of(a: Assessment, code: str) -> str:
    """An indicator's unit (``ratio``, ``score``, ``count``, ``hours``, ...)."""
    return str(a.indicator(code)["unit"])


def ci_text(a: Assessment, r: Result) -> str:
    """A result's 95 % interval as ``[low, high]`` in its unit, or empty."""
    if r.ci is None:
        return ""
    u = unit_of(a, r.code)
    return f"[{fmt_value(r.ci[0], u)}, {fmt_value(r.ci[1], u)}]"


def scope(a: Assessment, lang: str) -> str:
    """What the assessment covers: the pilot, its communities and window, the period."""
    en = is_english(lang)
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
    u = unit_of(a, t.indicator)
    en = is_english(lang)
    comp = COMPARATORS.get(t.comparator, (t.comparator, t.comparator))
    status = STATUSES[t.status][1 if en else 0]
    diff = fmt_value(t.difference, u, signed=True) if t.difference is not None else "—"
    if en:
        return (
            f"{title_of(a, t.indicator, lang)}: {fmt_value(t.value, u)} against a target of "
            f"{comp[1]} {fmt_value(t.target, u)}: {status} ({diff})"
        )
    return (
        f"{title_of(a, t.indicator, lang)}：{fmt_value(t.value, u)}，目标 {comp[0]} "
        f"{fmt_value(t.target, u)}：{status}（{diff}）"
    )
