"""What a record says an organisation does: :class:`UsageFact` and :func:`usage_facts`.

The facts are read from one record without the charter, so the charter index
(:mod:`smartstd.graph.model`) collects them as it reads, and
:class:`smartstd.graph.usage.UsageJudge` decides them against the charter
(see :mod:`smartstd.graph.usage` for the table of records and fields). This
module imports no other module of :mod:`smartstd.graph`.

数据记录所陈述的组织行为（不依赖章程）。
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from smartstd.report import Path
from smartstd.standard.domains import (
    ALERT_CATEGORY_DOMAINS,
    DEVICE_KIND_DOMAINS,
    PERSONAL_DATA_DEVICE_KINDS,
    REQUEST_CATEGORY_DOMAINS,
    SERVICE_CATEGORY_DOMAINS,
)

__all__ = ["UsageFact", "usage_facts"]


@dataclass(frozen=True, slots=True)
class UsageFact:
    """One thing a record says an organisation does.

    Attributes:
        activity: ``request``, ``alert``, ``device``, ``device-data``,
            ``service-responsible`` or ``service-provider``.
        path: the field inside the record, e.g. ``("assigned_to_id",)``.
        organization: the organisation named.
        domain: the domain it acts in (``None`` for ``device-data``).
        category: the data category collected (``device-data`` only).
        day: the record's date, or ``None`` for "as of the check date".
    """

    activity: str
    path: Path
    organization: str
    domain: str | None
    category: str | None
    day: dt.date | None


def _day(value: Any) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else None


def usage_facts(entity: Any) -> list[UsageFact]:
    """The facts one record states (empty for other types or when nothing maps)."""
    t = getattr(entity, "type", None)
    out: list[UsageFact] = []
    if t == "ServiceRequest":
        d = REQUEST_CATEGORY_DOMAINS.get(entity.category)
        if entity.assigned_to_id is not None and d is not None:
            out.append(
                UsageFact(
                    "request",
                    ("assigned_to_id",),
                    entity.assigned_to_id,
                    d,
                    None,
                    _day(entity.submitted_at),
                )
            )
    elif t == "Alert":
        d = ALERT_CATEGORY_DOMAINS.get(entity.category)
        if entity.handled_by_id is not None and d is not None:
            out.append(
                UsageFact(
                    "alert",
                    ("handled_by_id",),
                    entity.handled_by_id,
                    d,
                    None,
                    _day(entity.detected_at),
                )
            )
    elif t == "Device":
        if entity.status == "retired" or entity.operator_id is None:
            return out
        d = DEVICE_KIND_DOMAINS.get(entity.kind)
        if d is not None:
            out.append(UsageFact("device", ("operator_id",), entity.operator_id, d, None, None))
        if entity.captures_personal_data or entity.kind in PERSONAL_DATA_DEVICE_KINDS:
            for i, c in enumerate(entity.data_category_ids):
                out.append(
                    UsageFact(
                        "device-data", ("data_category_ids", i), entity.operator_id, None, c, None
                    )
                )
    elif t == "Service":
        if entity.status == "retired":
            return out
        d = entity.domain_id or SERVICE_CATEGORY_DOMAINS.get(entity.category)
        if d is None:
            return out
        if entity.responsible_id is not None:
            out.append(
                UsageFact(
                    "service-responsible", ("responsible_id",), entity.responsible_id, d, None, None
                )
            )
        if entity.provider_id is not None:
            out.append(
                UsageFact("service-provider", ("provider_id",), entity.provider_id, d, None, None)
            )
    return out
