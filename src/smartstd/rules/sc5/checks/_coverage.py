"""SC501 a stale service profile; SC502 a need no service covers; SC505 a retired service."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.conformance.rule import (
    Context,
    Hit,
    Where,
    entity_rule,
    register_dataset_rule,
)
from smartstd.rules.sc5.checks._shared import _is_active, _is_open, _plain

# --------------------------------------------------------------------------- SC501


@entity_rule("SC501", types=("ServiceProfile",))
def service_profile_stale(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC501: a profile not updated for more than ``max_age_days`` at ``generated_at``."""
    if ctx.now is None:
        return
    max_age = ctx.number("SC501", "max_age_days")
    age = ctx.now - e.updated_at
    if age > dt.timedelta(days=max_age):
        yield Hit(
            "SC501",
            ("updated_at",),
            {
                "updated_at": e.updated_at.isoformat(),
                "days": age.days,
                "max_age_days": _plain(max_age),
            },
        )


# --------------------------------------------------------------------------- SC502, SC505


@dataclass
class _PendingNeed:
    where: Where
    index: int
    category: str
    service_ids: tuple[str, ...]


@dataclass
class _PendingEnrolment:
    where: Where
    index: int
    service_id: str


@dataclass
class ServiceCoverageState:
    """Services' category and status; needs and enrolments waiting for their service."""

    services: dict[str, tuple[str, str]] = field(default_factory=dict)
    needs: list[_PendingNeed] = field(default_factory=list)
    enrolments: list[_PendingEnrolment] = field(default_factory=list)


class ServiceCoverageRule:
    """SC502 needs without an active service, SC505 open enrolments in retired services."""

    codes: tuple[str, ...] = ("SC502", "SC505")
    types: tuple[str, ...] = ("Service", "ServiceProfile")

    def new_state(self) -> ServiceCoverageState:
        """An empty state."""
        return ServiceCoverageState()

    def collect(
        self, state: ServiceCoverageState, entity: Any, where: Where, ctx: Context
    ) -> Iterator[Hit]:
        """Remember a service; check a profile's needs and enrolments (or keep them pending)."""
        if entity.type == "Service":
            if entity.id not in state.services:
                state.services[entity.id] = (sys.intern(entity.category), sys.intern(entity.status))
            return
        if entity.type != "ServiceProfile":
            return
        now = ctx.now
        enrolments = entity.enrolments or ()
        active = tuple(dict.fromkeys(en.service_id for en in enrolments if _is_active(en, now)))
        for i, need in enumerate(entity.needs or ()):
            verdict = _need_served(state.services, need.category, active)
            if verdict is False:
                yield _need_hit(need.category, i, None)
            elif verdict is None:
                state.needs.append(_PendingNeed(where, i, need.category, active))
        for i, en in enumerate(enrolments):
            if not _is_open(en, now):
                continue
            known = state.services.get(en.service_id)
            if known is None:
                state.enrolments.append(_PendingEnrolment(where, i, en.service_id))
            elif known[1] == "retired":
                yield _retired_hit(en.service_id, i, None)

    def merge(
        self, state: ServiceCoverageState, other: ServiceCoverageState
    ) -> ServiceCoverageState:
        """Fold a later worker's state into this one (earlier services win)."""
        for sid, value in other.services.items():
            state.services.setdefault(sid, value)
        state.needs.extend(other.needs)
        state.enrolments.extend(other.enrolments)
        return state

    def finish(self, state: ServiceCoverageState, ctx: Context) -> Iterator[Hit]:
        """Settle the needs and enrolments whose services came later."""
        for p in state.needs:
            if _need_served(state.services, p.category, p.service_ids, final=True) is False:
                yield _need_hit(p.category, p.index, p.where)
        for q in state.enrolments:
            known = state.services.get(q.service_id)
            if known is not None and known[1] == "retired":
                yield _retired_hit(q.service_id, q.index, q.where)


def _need_served(
    services: dict[str, tuple[str, str]],
    category: str,
    service_ids: tuple[str, ...],
    final: bool = False,
) -> bool | None:
    """True when served, False when not, None while a service is still unknown.

    With ``final``, services never seen do not count against the need: the
    enrolment's reference is SC202's business.
    """
    unknown = False
    for sid in service_ids:
        known = services.get(sid)
        if known is None:
            unknown = True
        elif known == (category, "active"):
            return True
    if unknown:
        return True if final else None
    return False


def _need_hit(category: str, index: int, where: Where | None) -> Hit:
    return Hit("SC502", ("needs", index, "category"), {"category": category}, where=where)


def _retired_hit(service_id: str, index: int, where: Where | None) -> Hit:
    return Hit("SC505", ("enrolments", index, "service_id"), {"service": service_id}, where=where)


register_dataset_rule(ServiceCoverageRule())
