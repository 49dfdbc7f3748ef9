"""The assessment report: what every reporter renders, and its JSON form.

Frozen records: :class:`Assessment` holds the indicators (value, numerator,
denominator, n), the pilot's targets met or missed and by how much, the
comparison of the pilot's communities with the others (difference and its
95% interval), the breakdowns and the trend over quarters. :meth:`Assessment.to_dict`
is the JSON report, published as ``assessment.schema.json``.

评估报告模型：指标值、试点目标达成情况、试点与非试点对比、分组与季度趋势。
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["REPORT_VERSION", "Assessment", "Breakdown", "Comparison", "Result", "TargetResult"]

#: The version of the JSON report's shape.
REPORT_VERSION = "1"


@dataclass(frozen=True)
class Result:
    """One indicator over one group.

    Attributes:
        code: the indicator's code.
        value: its value (``None`` when nothing was there to compute it from).
        numerator: what was counted or summed (``None`` for medians).
        denominator: what it was divided by (``None`` for counts).
        n: the records (or needs, domains) the value rests on.
        ci: for rates, the Wilson 95% interval.
        distribution: for distributions, the count per category.
    """

    code: str
    value: float | None
    numerator: float | None
    denominator: float | None
    n: int
    ci: tuple[float, float] | None = None
    distribution: Mapping[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        out: dict[str, Any] = {
            "code": self.code,
            "value": self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "n": self.n,
            "ci": list(self.ci) if self.ci else None,
        }
        if self.distribution is not None:
            out["distribution"] = dict(self.distribution)
        return out


@dataclass(frozen=True)
class TargetResult:
    """A pilot's target, met or missed.

    Attributes:
        index: its place in the pilot's ``targets``.
        indicator: the indicator's code.
        comparator: ``ge``, ``gt``, ``le``, ``lt`` or ``eq``.
        target: the target value.
        value: the value reached (``None``: no data).
        status: ``met``, ``missed`` or ``no_data``.
        difference: ``value - target`` (signed; ``None`` without data).
    """

    index: int
    indicator: str
    comparator: str
    target: float
    value: float | None
    status: str
    difference: float | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "index": self.index,
            "indicator": self.indicator,
            "comparator": self.comparator,
            "target": self.target,
            "value": self.value,
            "status": self.status,
            "difference": self.difference,
        }


@dataclass(frozen=True)
class Comparison:
    """The pilot's communities against the others, one indicator.

    Attributes:
        code: the indicator's code.
        pilot: the pilot communities' result.
        others: the other communities' result.
        difference: ``pilot - others``.
        ci: the 95% interval of the difference (``None`` when not computed).
        method: ``newcombe``, ``bootstrap``, ``normal`` or ``none``.
    """

    code: str
    pilot: Result
    others: Result
    difference: float | None
    ci: tuple[float, float] | None
    method: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "code": self.code,
            "pilot": self.pilot.to_dict(),
            "others": self.others.to_dict(),
            "difference": self.difference,
            "ci": list(self.ci) if self.ci else None,
            "method": self.method,
        }


@dataclass(frozen=True)
class Breakdown:
    """One group of a breakdown (a community, a grid, a month, a category ...)."""

    dim: str
    group: str
    label: Mapping[str, str]
    results: tuple[Result, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "dim": self.dim,
            "group": self.group,
            "label": dict(self.label),
            "results": [r.to_dict() for r in self.results],
        }


@dataclass(frozen=True)
class Assessment:
    """A whole assessment: what every output format shows.

    Attributes:
        inputs: the files read.
        generated_at: the reference time (the dataset's ``generated_at``).
        period: the period asked for (``label``, ``first``, ``last``), or ``None``.
        pilot: the pilot assessed (``id``, ``name``, ``communities``,
            ``starts_on``, ``ends_on``, ``window``), or ``None``.
        indicators: the definitions used (code, title, description, unit,
            direction, kind, standard), in order.
        results: every indicator over the scope (the pilot's communities and
            window, or the whole period).
        targets: the pilot's targets.
        comparison: the pilot's communities against the others.
        breakdowns: by dimension, the groups.
        trend: by quarter, every indicator.
        records: records read; skipped: records that could not be measured.
    """

    inputs: tuple[str, ...]
    generated_at: str | None
    period: Mapping[str, str] | None
    pilot: Mapping[str, Any] | None
    indicators: tuple[Mapping[str, Any], ...]
    results: tuple[Result, ...]
    targets: tuple[TargetResult, ...] = ()
    comparison: tuple[Comparison, ...] = ()
    breakdowns: Mapping[str, tuple[Breakdown, ...]] = field(default_factory=dict)
    trend: tuple[Breakdown, ...] = ()
    records: int = 0
    skipped: int = 0
    unreadable: tuple[str, ...] = ()

    def result(self, code: str) -> Result | None:
        """The scope's result of one indicator."""
        return next((r for r in self.results if r.code == code), None)

    def indicator(self, code: str) -> Mapping[str, Any]:
        """The definition summary of one indicator (its code alone when it has no definition).

        A pilot may name an indicator that has none (SC802 says so); its targets are
        then shown with the code as their title and the value as written.
        """
        found = next((i for i in self.indicators if i["code"] == code), None)
        if found is None:
            return {"code": code, "title": {"zh-CN": code, "en": code}, "unit": ""}
        return found

    @property
    def missed(self) -> tuple[TargetResult, ...]:
        """The targets missed."""
        return tuple(t for t in self.targets if t.status == "missed")

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (``assessment.schema.json``)."""
        return {
            "report": "scds-assessment",
            "version": REPORT_VERSION,
            "inputs": list(self.inputs),
            "generated_at": self.generated_at,
            "period": dict(self.period) if self.period else None,
            "pilot": dict(self.pilot) if self.pilot else None,
            "records": self.records,
            "skipped": self.skipped,
            "unreadable": list(self.unreadable),
            "indicators": [dict(i) for i in self.indicators],
            "results": [r.to_dict() for r in self.results],
            "targets": [t.to_dict() for t in self.targets],
            "comparison": [c.to_dict() for c in self.comparison],
            "breakdowns": {
                dim: [b.to_dict() for b in rows] for dim, rows in self.breakdowns.items()
            },
            "trend": [b.to_dict() for b in self.trend],
        }
