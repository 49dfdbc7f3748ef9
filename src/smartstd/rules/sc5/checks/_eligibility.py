"""SC503: an open enrolment of a resident outside the service's eligibility."""

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
    register_dataset_rule,
)
from smartstd.rules.sc5.checks._shared import _is_open, _key

# --------------------------------------------------------------------------- SC503

#: Ages above any possible one (the schema's bound).
_MAX_AGE = 150

_RESIDENCE = {"registered": 1, "non_local": 2}
_RESIDENCE_NAMES = {v: k for k, v in _RESIDENCE.items()}

#: Eligibility in short: (min_age, max_age, special groups, residence types).
_Elig = tuple[int | None, int | None, tuple[str, ...], tuple[str, ...]]


def _band(code: str | None) -> tuple[int, int] | None:
    """The ages of an age band code (``"60-79"``, ``"80+"``), or None."""
    if not code:
        return None
    try:
        if code.endswith("+"):
            return int(code[:-1]), _MAX_AGE
        lo, hi = code.split("-", 1)
        return int(lo), int(hi)
    except ValueError:
        return None


def _pack(birth_year: int | None, age_band: str | None, residence: str | None) -> int:
    """Pack what eligibility needs of a resident into one small integer.

    Bits 0-7: birth year - 1899 (0: unknown); bits 8-15: lowest age of the band
    + 1 (0: unknown); bits 16-23: highest age of the band; bits 24-25: the
    residence type (0: unknown).
    """
    packed = 0
    if birth_year is not None and 1900 <= birth_year <= 2100:
        packed |= birth_year - 1899
    band = _band(age_band)
    if band is not None:
        packed |= (min(band[0], 254) + 1) << 8 | min(band[1], 255) << 16
    packed |= _RESIDENCE.get(residence or "", 0) << 24
    return packed


def _ages(packed: int, now: dt.datetime | None) -> tuple[int, int] | None:
    """The youngest and oldest the resident can be at ``now``, or None when unknown."""
    year = packed & 0xFF
    if year and now is not None:
        born = year + 1899
        return max(now.year - born - 1, 0), max(now.year - born, 0)
    lo = (packed >> 8) & 0xFF
    if lo:
        return lo - 1, (packed >> 16) & 0xFF
    return None


def _eligibility(service: Any) -> _Elig | None:
    el = service.eligibility
    if el is None:
        return None
    groups = tuple(el.special_groups or ())
    residence = tuple(el.residence_types or ())
    if el.min_age is None and el.max_age is None and not groups and not residence:
        return None
    return (el.min_age, el.max_age, groups, residence)


def _age_text(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"{lo}-{hi}"
    return f">= {lo}" if lo is not None else f"<= {hi}"


def _mismatch(
    elig: _Elig, packed: int, groups: tuple[str, ...], now: dt.datetime | None
) -> tuple[str, str] | None:
    """The first condition the resident certainly fails: (reason, expected), or None."""
    min_age, max_age, want_groups, want_residence = elig
    if min_age is not None or max_age is not None:
        ages = _ages(packed, now)
        if ages is not None:
            youngest, oldest = ages
            if (min_age is not None and oldest < min_age) or (
                max_age is not None and youngest > max_age
            ):
                return "age", _age_text(min_age, max_age)
    if want_groups and not set(want_groups).intersection(groups):
        return "special_groups", " / ".join(want_groups)
    residence = _RESIDENCE_NAMES.get((packed >> 24) & 0x3)
    if want_residence and residence is not None and residence not in want_residence:
        return "residence_type", " / ".join(want_residence)
    return None


@dataclass
class _PendingCheck:
    where: Where
    index: int
    resident_id: str
    service_id: str


@dataclass
class EligibilityState:
    """Eligibility of services, packed facts of residents, checks still waiting."""

    services: dict[str, _Elig | None] = field(default_factory=dict)
    residents: dict[int, int] = field(default_factory=dict)
    groups: dict[int, tuple[str, ...]] = field(default_factory=dict)
    pending: list[_PendingCheck] = field(default_factory=list)


class EligibilityRule:
    """SC503: an open enrolment of a resident outside the service's eligibility.

    Only profiles of one resident (``resident_id``) are checked: for a
    household's profile the standard does not say which member an enrolment is
    for. Age comes from ``birth_year`` at ``generated_at`` (a range of two
    years, since the birthday is unknown) or from ``age_band``; a finding needs
    the whole range outside the service's ages. A resident's special groups
    must include one the service asks for; a missing residence type is not a
    mismatch.
    """

    codes: tuple[str, ...] = ("SC503",)
    types: tuple[str, ...] = ("Service", "Resident", "ServiceProfile")

    def new_state(self) -> EligibilityState:
        """An empty state."""
        return EligibilityState()

    def collect(
        self, state: EligibilityState, entity: Any, where: Where, ctx: Context
    ) -> Iterator[Hit]:
        """Remember services and residents; check (or keep) a resident profile's enrolments."""
        etype = entity.type
        if etype == "Service":
            if entity.id not in state.services:
                state.services[entity.id] = _eligibility(entity)
            return
        if etype == "Resident":
            key = _key(entity.id)
            if key not in state.residents:
                state.residents[key] = _pack(
                    entity.birth_year, entity.age_band, entity.residence_type
                )
                if entity.special_groups:
                    state.groups[key] = tuple(sys.intern(g) for g in entity.special_groups)
            return
        if etype != "ServiceProfile" or entity.resident_id is None:
            return
        for i, en in enumerate(entity.enrolments or ()):
            if not _is_open(en, ctx.now):
                continue
            check = _PendingCheck(where, i, entity.resident_id, en.service_id)
            verdict = self._settle(state, check, ctx)
            if verdict is None:
                state.pending.append(check)
            elif isinstance(verdict, Hit):
                yield Hit(verdict.code, verdict.path, verdict.params)

    def _settle(self, state: EligibilityState, c: _PendingCheck, ctx: Context) -> Hit | bool | None:
        """True when fine or not checkable, a hit when not eligible, None while unknown."""
        if c.service_id in state.services:
            elig = state.services[c.service_id]
            if elig is None:
                return True
        else:
            return None
        key = _key(c.resident_id)
        packed = state.residents.get(key)
        if packed is None:
            return None
        found = _mismatch(elig, packed, state.groups.get(key, ()), ctx.now)
        if found is None:
            return True
        reason, expected = found
        return Hit(
            "SC503",
            ("enrolments", c.index, "service_id"),
            {
                "resident": c.resident_id,
                "service": c.service_id,
                "reason": reason,
                "expected": expected,
            },
            where=c.where,
        )

    def merge(self, state: EligibilityState, other: EligibilityState) -> EligibilityState:
        """Fold a later worker's state into this one (earlier records win)."""
        for sid, elig in other.services.items():
            state.services.setdefault(sid, elig)
        for key, packed in other.residents.items():
            if key not in state.residents:
                state.residents[key] = packed
                groups = other.groups.get(key)
                if groups:
                    state.groups[key] = groups
        state.pending.extend(other.pending)
        return state

    def finish(self, state: EligibilityState, ctx: Context) -> Iterator[Hit]:
        """Settle the checks whose service or resident came later."""
        for c in state.pending:
            verdict = self._settle(state, c, ctx)
            if isinstance(verdict, Hit):
                yield verdict


register_dataset_rule(EligibilityRule())
