"""SC8xx pilot assessment: a pilot's targets judged against the data.

* SC801 a pilot target missed (the indicator computed from the data, over the
  pilot's communities and dates, as ``smartstd assess --pilot`` does);
* SC802 a pilot that cannot be assessed (ends before it starts, no community,
  a target out of its indicator's range, on an indicator without a definition,
  or twice on one indicator and comparator);
* SC803 a target with no data to compute it from.

The state is the assessment's own streaming collector, which merges across
worker processes.

试点评估规则：目标未达成（SC801）、试点定义无效（SC802）、目标无数据（SC803）。
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from smartstd.conformance.rule import LOST_RECORD, Context, Hit, Where, register_dataset_rule

if TYPE_CHECKING:
    from smartstd.assessment.collector import Collector
    from smartstd.assessment.definition import Indicator

__all__ = ["AssessmentRule", "AssessmentState", "pilot_problems"]


#: Indicators whose shortfall other rules already report one by one: governance
#: completeness is SC601-SC603's finding, domain by domain.
_NOT_JUDGED = frozenset({"governance_completeness"})


@dataclass
class AssessmentState:
    """The collector and where each pilot is."""

    collector: Collector
    pilots: dict[str, Where] = field(default_factory=dict)
    started: bool = False
    incomplete: bool = False  # a record could not be read: "no data" may be untrue


def _range_text(unit: str) -> str:
    from smartstd.assessment.definition import RANGES

    lo, hi = RANGES[unit]
    return f"{lo:g}..{hi:g}" if hi is not None else f">= {lo:g}"


def pilot_problems(
    pilot: Mapping[str, Any], indicators: Mapping[str, Indicator]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Why a pilot cannot be assessed: ``(path, reason)`` pairs (English reasons)."""
    from smartstd.assessment.definition import RANGES

    starts, ends = pilot.get("starts_on"), pilot.get("ends_on")
    if isinstance(starts, str) and isinstance(ends, str) and ends[:10] < starts[:10]:
        yield ("ends_on",), f"it ends on {ends} before it starts on {starts}"
    if not pilot.get("community_ids"):
        yield ("community_ids",), "it names no community"
    seen: dict[tuple[str, str], int] = {}
    for i, t in enumerate(pilot.get("targets") or ()):
        if not isinstance(t, Mapping):
            continue
        code, comp, value = t.get("indicator"), t.get("comparator"), t.get("value")
        ind = indicators.get(code) if isinstance(code, str) else None
        if ind is None:
            yield ("targets", i, "indicator"), f"target {i} is on {code}, which has no definition"
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            lo, hi = RANGES[ind.unit]
            if value < lo or (hi is not None and value > hi):
                yield (
                    ("targets", i, "value"),
                    f"target {i} ({code}) is {value:g}, outside the range of a "
                    f"{ind.unit} ({_range_text(ind.unit)})",
                )
        key = (str(code), str(comp))
        if key in seen:
            yield (
                ("targets", i),
                f"target {i} repeats target {seen[key]} ({code} {comp}) with another value",
            )
        else:
            seen[key] = i


class AssessmentRule:
    """SC801-SC803: judge every pilot's targets once every record was collected."""

    codes: tuple[str, ...] = ("SC801", "SC802", "SC803")
    #: without a Pilot in the inputs there is nothing to judge: the engine
    #: leaves the rule out (and its per-record work) when no input can hold one
    requires_types: tuple[str, ...] = ("Pilot",)
    wants_lost = True
    wants_invalid = True

    @property
    def types(self) -> tuple[str, ...]:
        """The entity types the core indicators read (the definitions load on first use)."""
        return _indicator_types()

    def new_state(self) -> AssessmentState:
        """An empty state."""
        from smartstd.assessment.collector import Collector
        from smartstd.assessment.definition import core_indicators

        return AssessmentState(Collector(core_indicators()))

    def collect(
        self, state: AssessmentState, entity: Any, where: Where, ctx: Context
    ) -> Iterable[Hit]:
        """Reduce one entity to the collector's rows."""
        if type(entity) is dict:
            if LOST_RECORD in entity:  # unreadable (SC100 ...): "no data" may be untrue
                state.incomplete = True
            else:  # structurally invalid (SC103-SC108): counted as read, as `assess` does
                state.collector.add(entity)
            return ()
        if not state.started:
            state.started = True
            state.collector.set_now(ctx.now.timestamp() if ctx.now is not None else None)
        # the model's own values, not a dump (Collector.add_model); a pilot whole, as written
        state.collector.add_model(entity)
        if entity.type == "Pilot" and isinstance(entity.id, str):
            state.pilots.setdefault(entity.id, where)
        return ()

    def merge(self, state: AssessmentState, other: AssessmentState) -> AssessmentState:
        """Merge a worker's state."""
        state.collector.merge(other.collector)
        for k, v in other.pilots.items():
            state.pilots.setdefault(k, v)
        state.started = state.started or other.started
        state.incomplete = state.incomplete or other.incomplete
        return state

    def finish(self, state: AssessmentState, ctx: Context) -> Iterator[Hit]:
        """SC802 for pilots that cannot be assessed; SC801/SC803 for the others' targets."""
        from smartstd.assessment.api import evaluate
        from smartstd.assessment.wording import COMPARATORS, fmt_value

        collector = state.collector
        indicators = {i.code: i for i in collector.indicators}
        scopes: dict[Any, Any] = {}  # pilots of one scope are computed once
        for pid in sorted(state.pilots):
            where = state.pilots[pid]
            pilot = collector.pilots.get(pid, {})
            problems = list(pilot_problems(pilot, indicators))
            for path, reason in problems:
                yield Hit("SC802", path, {"pilot": pid, "reason": reason}, where=where)
            if any(p[0] in (("ends_on",), ("community_ids",)) for p in problems):
                continue
            bad = {p[0][1] for p in problems if len(p[0]) >= 2 and p[0][0] == "targets"}
            result = evaluate(collector, pilot=pid, targets_only=True, scopes=scopes)
            for t in result.targets:
                if t.index in bad:
                    continue
                ind = indicators.get(t.indicator)
                if ind is None or ind.code in _NOT_JUDGED:
                    continue
                title = dict(ind.title)
                if t.status == "missed":
                    r = result.result(t.indicator)
                    yield Hit(
                        "SC801",
                        ("targets", t.index, "value"),
                        {
                            "pilot": pid,
                            "indicator": t.indicator,
                            "title": title["en"],
                            "title_zh": title["zh-CN"],
                            "value": fmt_value(t.value, ind.unit),
                            "comparator": COMPARATORS.get(t.comparator, (t.comparator,))[0],
                            "target": fmt_value(t.target, ind.unit),
                            "difference": fmt_value(t.difference, ind.unit, signed=True),
                            "n": r.n if r is not None else 0,
                        },
                        where=where,
                    )
                elif t.status == "no_data" and not state.incomplete:
                    yield Hit(
                        "SC803",
                        ("targets", t.index, "indicator"),
                        {
                            "pilot": pid,
                            "indicator": t.indicator,
                            "title": title["en"],
                            "title_zh": title["zh-CN"],
                        },
                        where=where,
                    )


@cache
def _indicator_types() -> tuple[str, ...]:
    from smartstd.assessment.collector import needed_types
    from smartstd.assessment.definition import core_indicators

    return tuple(sorted(needed_types(core_indicators())))


register_dataset_rule(AssessmentRule())
