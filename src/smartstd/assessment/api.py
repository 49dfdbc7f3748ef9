"""From a filled :class:`~smartstd.assessment.collector.Collector` to an :class:`Assessment`.

:func:`assess` reads files and returns the assessment; :func:`evaluate` does
the second half for a collector filled elsewhere (the SC8xx rule fills one
during ``smartstd check``). Scope: without a pilot, every community over the
period; with one, the pilot's communities over the days the pilot ran
(``starts_on`` .. ``ends_on``, within the period if one is given), compared
with the other communities over the same days.

评估：从收集器状态得到评估报告；有试点时只计试点社区、试点期间，并与其他社区对比。
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from smartstd.assessment.collector import Collector, Groups, Stat
from smartstd.assessment.definition import Indicator, load_indicators
from smartstd.assessment.model import Assessment, Breakdown, Comparison, Result, TargetResult
from smartstd.assessment.period import Period, parse_period
from smartstd.assessment.stats import bootstrap_diff, mean, median, newcombe, wilson
from smartstd.errors import UsageError
from smartstd.io import Limits

__all__ = ["DIMENSIONS", "assess", "evaluate", "judge", "pilot_window", "result_of"]

#: The breakdowns ``--by`` may ask for.
DIMENSIONS = ("community", "grid", "month", "quarter", "category", "channel")

_CATEGORY_LISTS = ("request_category", "service_category", "alert_category")
_EPS = 1e-9


def result_of(ind: Indicator, s: Stat | None) -> Result:
    """An indicator's result from its numbers over one group."""
    if s is None:
        s = Stat()
    kind = ind.kind
    if kind in ("rate", "need_coverage", "governance_completeness"):
        value = s.num / s.den if s.den else None
        ci = wilson(s.num, s.den)
        return Result(ind.code, value, s.num, s.den, int(s.den), ci)
    if kind == "ratio_of_sums":
        value = s.num / s.den if s.den else None
        return Result(ind.code, value, s.num, s.den, s.n)
    if kind == "per_100":
        value = 100.0 * s.num / s.den if s.den else None
        return Result(ind.code, value, s.num, s.den, s.n)
    if kind == "count":
        return Result(ind.code, s.num, s.num, None, s.n)
    if kind == "mean":
        return Result(
            ind.code, mean(s.values), math.fsum(s.values), float(len(s.values)), len(s.values)
        )
    if kind == "median":
        return Result(ind.code, median(s.values), None, float(len(s.values)), len(s.values))
    if kind == "distribution":
        hist = {str(c): s.hist.get(str(c), 0) for c in ind.categories}
        if s.hist.get("other"):
            hist["other"] = s.hist["other"]
        return Result(ind.code, float(s.n), float(s.n), None, s.n, distribution=hist)
    raise AssertionError(kind)  # pragma: no cover - the meta-schema allows no other kind


def judge(comparator: str, value: float | None, target: float) -> str:
    """``met``, ``missed`` or ``no_data``."""
    if value is None:
        return "no_data"
    ok = {
        "ge": value >= target - _EPS,
        "gt": value > target,
        "le": value <= target + _EPS,
        "lt": value < target,
        "eq": abs(value - target) <= _EPS,
    }.get(comparator)
    if ok is None:
        return "no_data"
    return "met" if ok else "missed"


def pilot_window(pilot: Mapping[str, Any], period: Period | None) -> Period:
    """The days a pilot is assessed over: its dates, within the period if given."""
    starts = pilot.get("starts_on") if isinstance(pilot.get("starts_on"), str) else None
    ends = pilot.get("ends_on") if isinstance(pilot.get("ends_on"), str) else None
    window = Period(str(starts or "0000-01-01")[:10], str(ends or "9999-12-31")[:10], "pilot")
    return window.intersect(period) if period is not None else window


def _compare(ind: Indicator, a: Stat | None, b: Stat | None) -> Comparison:
    ra, rb = result_of(ind, a), result_of(ind, b)
    diff = ra.value - rb.value if ra.value is not None and rb.value is not None else None
    ci: tuple[float, float] | None = None
    method = "none"
    if diff is not None and a is not None and b is not None:
        if ind.kind in ("rate", "need_coverage"):
            ci, method = newcombe(a.num, a.den, b.num, b.den), "newcombe"
        elif ind.kind == "ratio_of_sums" and a.num <= a.den and b.num <= b.den:
            ci = newcombe(round(a.num), round(a.den), round(b.num), round(b.den))
            method = "newcombe"
        elif ind.kind in ("mean", "median"):
            ci, method = bootstrap_diff(a.values, b.values, statistic=ind.kind)
    return Comparison(ind.code, ra, rb, diff, ci, method)


def _label(dim: str, group: str, groups: Groups) -> dict[str, str]:
    if dim == "community" and group in groups.communities:
        zh, en = groups.communities[group]
        return {"zh-CN": zh, "en": en}
    if dim == "grid" and group in groups.grids:
        zh, en = groups.grids[group]
        return {"zh-CN": zh, "en": en}
    if dim == "category":
        from smartstd.standard.codes import CODE_LISTS

        for name in _CATEGORY_LISTS:
            for c in CODE_LISTS[name].codes:
                if c.code == group:
                    return {"zh-CN": c.zh, "en": c.en}
    if dim == "channel":
        from smartstd.standard.codes import CODE_LISTS

        for c in CODE_LISTS["request_channel"].codes:
            if c.code == group:
                return {"zh-CN": c.zh, "en": c.en}
    if group == "?":
        return {"zh-CN": "未定位", "en": "not located"}
    return {"zh-CN": group, "en": group}


def _breakdown(indicators: Sequence[Indicator], groups: Groups, dim: str) -> tuple[Breakdown, ...]:
    names = sorted({g for (_, d, g) in groups.stats if d == dim})
    out = []
    for g in names:
        results = tuple(
            result_of(i, groups.stats.get((i.code, dim, g)))
            for i in indicators
            if (i.code, dim, g) in groups.stats
        )
        if any(r.n for r in results):
            out.append(Breakdown(dim, g, _label(dim, g, groups), results))
    return tuple(out)


#: The one breakdown judging targets needs: everything together.
_ALL_ONLY = frozenset({"all"})


def evaluate(
    collector: Collector,
    *,
    by: Iterable[str] = (),
    period: Period | None = None,
    pilot: str | None = None,
    inputs: Sequence[str] = (),
    generated_at: str | None = None,
    unreadable: Sequence[str] = (),
    targets_only: bool = False,
    scopes: dict[Any, Groups] | None = None,
) -> Assessment:
    """The assessment of a filled collector.

    ``targets_only`` computes what judging a pilot's targets needs and no
    more: the overall values, without the comparison with other communities,
    the breakdowns or the trend (rule SC801 runs in every check).

    ``scopes``: a memo shared by calls on the same filled collector (rule
    SC801 judging every pilot): pilots of the same communities and window are
    computed once, so that a file of 10^4 copies of one pilot does not go
    over every record 10^4 times.

    Raises:
        UsageError: when ``pilot`` names no pilot of the data.
    """
    indicators = collector.indicators
    by = tuple(dict.fromkeys(by))
    for dim in by:
        if dim not in DIMENSIONS:
            raise UsageError(key="assess_bad_by", dim=dim, known=", ".join(DIMENSIONS))
    pilot_info: dict[str, Any] | None = None
    members: frozenset[str] | None = None
    window = period
    if pilot is not None:
        pilot_info, members, window = _pilot(collector, pilot, period)
    span = (window.first, window.last) if window is not None else None
    only = _ALL_ONLY if targets_only and not by else None
    key = (span, members, only)
    scope = scopes.get(key) if scopes is not None else None
    if scope is None:
        scope = collector.groups(window=span, communities=members, only=only)
        if scopes is not None:
            scopes[key] = scope
    results = tuple(result_of(i, scope.stats.get((i.code, "all", ""))) for i in indicators)
    by_code = {r.code: r for r in results}
    targets: list[TargetResult] = []
    comparison: list[Comparison] = []
    if pilot_info is not None and members is not None:
        targets = _targets(collector.pilots[pilot_info["id"]], by_code)
        if not targets_only:
            comparison = _comparison(collector, indicators, scope, span, members)
    breakdowns = {dim: _breakdown(indicators, scope, dim) for dim in by}
    trend_window = (
        (pilot_window(collector.pilots[pilot], None).first, "9999-12-31")
        if pilot is not None
        else None
    )
    timed = [i for i in indicators if i.spec.get("time") or i.kind == "per_100"]
    trend: tuple[Breakdown, ...] = ()
    if not targets_only:
        trend_scope = (
            scope
            if trend_window == span
            else collector.groups(window=trend_window, communities=members)
        )
        trend = _breakdown(timed, trend_scope, "quarter")
    return Assessment(
        inputs=tuple(inputs),
        generated_at=generated_at,
        period=(
            {"label": period.label, "first": period.first, "last": period.last} if period else None
        ),
        pilot=pilot_info,
        indicators=tuple(map(_indicator_entry, indicators)),
        results=results,
        targets=tuple(targets),
        comparison=tuple(comparison),
        breakdowns=breakdowns,
        trend=trend,
        records=scope.records,
        skipped=scope.skipped,
        unreadable=tuple(unreadable),
    )


def _pilot(
    collector: Collector, pilot: str, period: Period | None
) -> tuple[dict[str, Any], frozenset[str], Period]:
    """The pilot as the report shows it, its communities and its window within ``period``."""
    record = collector.pilots.get(pilot)
    if record is None:
        from smartstd._error_messages import Phrase

        known = ", ".join(sorted(collector.pilots)) or Phrase("无", "none")
        raise UsageError(key="assess_no_pilot", pilot=pilot, known=known)
    members = frozenset(c for c in record.get("community_ids") or () if isinstance(c, str))
    window = pilot_window(record, period)
    info: dict[str, Any] = {
        "id": pilot,
        "name": record.get("name") if isinstance(record.get("name"), dict) else {},
        "communities": sorted(members),
        "starts_on": record.get("starts_on"),
        "ends_on": record.get("ends_on"),
        "window": [window.first, window.last],
    }
    return info, members, window


def _targets(record: Mapping[str, Any], by_code: Mapping[str, Result]) -> list[TargetResult]:
    """Each target of the pilot ``record`` judged against the results (malformed ones skipped)."""
    out: list[TargetResult] = []
    for index, t in enumerate(record.get("targets") or ()):
        if not isinstance(t, Mapping):
            continue
        code, comp, target = t.get("indicator"), t.get("comparator"), t.get("value")
        if not isinstance(code, str) or not isinstance(target, int | float):
            continue
        r = by_code.get(code)
        value = r.value if r is not None else None
        status = judge(str(comp), value, float(target))
        diff = value - float(target) if value is not None else None
        out.append(TargetResult(index, code, str(comp), float(target), value, status, diff))
    return out


def _comparison(
    collector: Collector,
    indicators: Sequence[Indicator],
    scope: Groups,
    span: tuple[str, str] | None,
    members: frozenset[str],
) -> list[Comparison]:
    """The pilot's communities against all the others, indicator by indicator."""
    everyone = collector.groups(window=span)
    others = frozenset(
        g for (_, d, g) in everyone.stats if d == "community" and g not in members and g != "?"
    )
    out: list[Comparison] = []
    if not others:
        return out
    for ind in indicators:
        if ind.kind in ("governance_completeness", "distribution", "count"):
            continue
        out.append(
            _compare(ind, scope.stats.get((ind.code, "all", "")), _pool(ind, everyone, others))
        )
    return out


def _indicator_entry(i: Indicator) -> dict[str, Any]:
    """An indicator's definition as the report lists it."""
    return {
        "code": i.code,
        "title": dict(i.title),
        "description": dict(i.description),
        "unit": i.unit,
        "direction": i.direction,
        "kind": i.kind,
        "standard": i.standard,
        **({"categories": [str(c) for c in i.categories]} if i.categories else {}),
    }


def _pool(ind: Indicator, groups: Groups, communities: frozenset[str]) -> Stat | None:
    """The numbers of several communities together (the others)."""
    out = Stat()
    found = False
    for c in communities:
        s = groups.stats.get((ind.code, "community", c))
        if s is None:
            continue
        found = True
        out.num += s.num
        out.den += s.den
        out.n += s.n
        out.values.extend(s.values)
    if ind.kind == "per_100":
        return out if found and out.den else None
    return out if found else None


def assess(
    paths: str | Path | Sequence[str | Path],
    *,
    by: Iterable[str] = (),
    period: str | Period | None = None,
    pilot: str | None = None,
    indicators: Sequence[str | Path] = (),
    limits: Limits | None = None,
) -> Assessment:
    """Compute every indicator of the data, the pilot's targets, comparison and trend.

    Args:
        paths: files or folders (JSON, NDJSON, YAML), as for ``smartstd check``.
        by: breakdowns: ``community``, ``grid``, ``month``, ``quarter``,
            ``category``, ``channel``.
        period: ``2026Q2``, ``2026-05``, ``2026``, ``2026-04-01..2026-06-30``.
        pilot: the id of a Pilot in the data: its communities and dates are the
            scope, its targets are judged, and its communities are compared
            with the others.
        indicators: files of local indicator definitions (``indicator.schema.json``).
        limits: the input limits, as for :func:`smartstd.check` (default
            :class:`~smartstd.io.Limits`; ``smartstd assess`` takes them from
            ``[limits]`` in ``smartstd.toml``).

    Raises:
        UsageError: for a path that does not exist, a period or breakdown that
            is not understood, a pilot that is not in the data, definitions
            that do not follow the meta-schema, or an input over one of
            ``limits`` (the error carries its SC109 finding: which limit,
            where, and how to get past it).

    Example:
        >>> import smartstd
        >>> a = smartstd.assess("examples/guangzhou-panyu", pilot="pilot-440113-scds")
        >>> round(a.result("mean_satisfaction").value, 2)
        3.95
    """
    from smartstd.assessment.source import feed

    if isinstance(paths, str | Path):
        paths = [paths]
    chosen = parse_period(period) if isinstance(period, str) else period
    defs = load_indicators(indicators)
    collector = Collector(defs)
    inputs = feed([str(p) for p in paths], collector, limits=limits)
    return evaluate(
        collector,
        by=by,
        period=chosen,
        pilot=pilot,
        inputs=inputs.files,
        generated_at=inputs.generated_at,
        unreadable=inputs.unreadable,
    )
