"""Programmes (试点): pilots of the standard with indicator targets."""

from __future__ import annotations

from typing import Literal

from smartstd.standard._base import Date, Entity, F, Id, LocalizedText, SCDSModel, refs
from smartstd.standard.codes import CODE_LISTS, UNIT_RANGES, code_type

__all__ = ["Pilot", "Target", "target_range"]


def target_range(indicator: str) -> tuple[float | None, float | None] | None:
    """The range a target of ``indicator`` must lie in (by its unit), or ``None`` when unknown."""
    code = CODE_LISTS["indicator"].get(indicator)
    unit = code.fact("unit") if code is not None else None
    return UNIT_RANGES.get(unit) if unit is not None else None


class Target(SCDSModel):
    """An indicator target of a pilot, e.g. on-time resolution rate at least 0.9."""

    __i18n__ = ("目标", "Target", "试点的指标目标。", "An indicator target of a pilot.")
    indicator: code_type("indicator") = F("指标", "Indicator")
    comparator: code_type("comparator") = F("比较符", "Comparator")
    #: From 1.1.0 the value lies in its indicator's range (:func:`target_range`), which
    #: rule SC103 checks: the published 1.0.0 schema left it open, and a minor
    #: version adds no schema constraint.
    value: float = F("目标值", "Value")


class Pilot(Entity):
    """A pilot (试点) of the standard in some communities."""

    __i18n__ = (
        "试点",
        "Pilot",
        "标准在若干社区的试点。",
        "A pilot of the standard in some communities.",
    )
    __references__ = refs(("community_ids.*", "Community"), ("lead_id", "Organization"))
    type: Literal["Pilot"] = F("实体类型", "Entity type", default="Pilot")
    name: LocalizedText = F("名称", "Name")
    community_ids: list[Id] = F("试点社区", "Communities", default_factory=list)
    standard_version: str = F("标准版本", "Standard version", pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")
    profiles: list[str] = F("地方配置", "Profiles", default_factory=list)
    starts_on: Date = F("开始日期", "Starts on")
    ends_on: Date | None = F("结束日期", "Ends on", default=None)
    lead_id: Id | None = F("牵头单位", "Lead", default=None)
    targets: list[Target] = F("目标", "Targets", default_factory=list)
    status: code_type("pilot_status") = F("状态", "Status", default="planned")
