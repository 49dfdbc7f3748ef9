"""SC5xx services and needs (服务档案): freshness, coverage, eligibility, households.

* SC501 (entity rule) a service profile not updated for ``max_age_days``;
* SC502 a recorded need with no active enrolment in an active service of its category;
* SC503 an open enrolment of a resident outside the service's eligibility;
* SC504 a household whose size differs from the residents that name it;
* SC505 an open enrolment in a retired service;
* SC506 a service profile kept without its subject's consent to its purpose,
  or after the consent was withdrawn; SC507 sensitive data in a profile whose
  consented purpose declares no sensitive category (no separate consent);
* SC508 a community's household count or population that the households and
  residents in the data contradict (for the communities the dataset is
  complete for).

The cross-record rules keep compact, mergeable states:

* services: ``id -> (category, status)`` and, for SC503, the eligibility of
  the services that have one (the catalogue is small);
* residents (SC503): one packed integer per resident (birth year, age band,
  residence type) keyed by a 64-bit hash of the id, and the special groups of
  the residents that have any;
* households (SC504): size and place per household, and the household each
  resident record names, by a 64-bit hash of what it says of the resident
  (so that a record repeated as it is counts once, also across worker
  processes);
* checks whose service (or resident) was not seen yet wait in a list and are
  settled at the end; anything still unknown then is left to SC202.

A split file gives the same findings as one process. When an id repeats
(SC201's error) the earlier record wins; only when the repeat falls in
another worker's share than the first may a check settled by that worker
see the later record instead.

服务与需求：服务档案更新、需求是否有服务、服务对象条件、户人数、已停办服务的登记。
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.catalogue import get_rule
from smartstd.conformance.rule import (
    LOST_RECORD,
    Context,
    Hit,
    Where,
    entity_rule,
    register_dataset_rule,
)
from smartstd.standard.dataset import ENTITY_TYPES

__all__ = [
    "CommunityCountRule",
    "CommunityCountState",
    "ConsentRule",
    "ConsentState",
    "EligibilityRule",
    "EligibilityState",
    "HouseholdSizeRule",
    "HouseholdSizeState",
    "ServiceCoverageRule",
    "ServiceCoverageState",
    "service_profile_stale",
]


def _number(ctx: Context, code: str, name: str) -> float:
    """A numeric parameter; a value of the wrong type falls back to the default."""
    value = ctx.param(code, name)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return float(get_rule(code).param_defaults()[name])


def _plain(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _is_open(enrolment: Any, now: dt.datetime | None) -> bool:
    """Whether an enrolment still runs at ``now`` (no end, or an end still to come)."""
    ended = enrolment.ended_at
    return ended is None or (now is not None and ended > now)


def _is_active(enrolment: Any, now: dt.datetime | None) -> bool:
    """Whether an enrolment runs at ``now``: started and not ended."""
    if now is not None and enrolment.enrolled_at > now:
        return False
    return _is_open(enrolment, now)


# --------------------------------------------------------------------------- SC501


@entity_rule("SC501", types=("ServiceProfile",))
def service_profile_stale(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC501: a profile not updated for more than ``max_age_days`` at ``generated_at``."""
    if ctx.now is None:
        return
    max_age = _number(ctx, "SC501", "max_age_days")
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


# --------------------------------------------------------------------------- SC503

#: Ages above any possible one (the schema's bound).
_MAX_AGE = 150

_RESIDENCE = {"registered": 1, "non_local": 2}
_RESIDENCE_NAMES = {v: k for k, v in _RESIDENCE.items()}

#: Eligibility in short: (min_age, max_age, special groups, residence types).
_Elig = tuple[int | None, int | None, tuple[str, ...], tuple[str, ...]]


def _key(entity_id: str) -> int:
    """A stable 64-bit key of an id (the same in every process)."""
    digest = hashlib.blake2b(entity_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


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


# --------------------------------------------------------------------------- SC504


@dataclass
class HouseholdSizeState:
    """Each household's size and place; the household each resident names.

    Attributes:
        sizes: size and place of each household (the first record of an id).
        residents: the household named by each resident record, by a 64-bit
            key of what the record says of the resident (:func:`_resident_key`):
            a record repeated as it is (SC201's finding) is not one more
            member, while two residents given the same id still are two.
        uncertain: households named by records of an unknown type (SC104),
            which may be residents: their counts are not judged.
        incomplete: whether records were lost without their id (an unreadable
            input): then no count can be trusted.
    """

    sizes: dict[str, tuple[int, Where]] = field(default_factory=dict)
    residents: dict[int, str] = field(default_factory=dict)
    uncertain: set[str] = field(default_factory=set)
    incomplete: bool = False


def _resident_key(get: Any) -> int:
    """The key of a resident record: its id, household, birth year, age band and residence."""
    facts = (get("id"), get("household_id"), get("birth_year"), get("age_band"))
    return _key("\x1f".join(map(str, (*facts, get("residence_type")))))


def _household_size(value: Any) -> int | None:
    """A household size as the schema allows it, from a raw record (else None)."""
    if type(value) is float and value.is_integer():
        value = int(value)
    return value if type(value) is int and 1 <= value <= 50 else None


class HouseholdSizeRule:
    """SC504: a household's size differs from the number of residents that name it.

    Households that no resident names are not checked (many datasets carry
    households without their members). A resident record repeated as it is
    counts once, and a resident counts whether or not its record is otherwise
    valid (a resident with a wrong birth year still lives in its household);
    a record that could not be read counts by what its text shows.
    """

    codes: tuple[str, ...] = ("SC504",)
    types: tuple[str, ...] = ("Household", "Resident")
    wants_invalid = True
    wants_lost = True

    def new_state(self) -> HouseholdSizeState:
        """An empty state."""
        return HouseholdSizeState()

    def collect(
        self, state: HouseholdSizeState, entity: Any, where: Where, ctx: Context
    ) -> Iterator[Hit]:
        """Remember a household's size, or count a resident for its household."""
        if type(entity) is dict:  # structurally invalid, or a stand-in for an unreadable record
            etype, eid = entity.get("type"), entity.get("id")
            if not isinstance(eid, str):
                state.incomplete = state.incomplete or LOST_RECORD in entity
            elif etype == "Household":
                size = _household_size(entity.get("size"))
                if size is not None and eid not in state.sizes:
                    state.sizes[eid] = (size, where)
            elif etype == "Resident":
                hid = entity.get("household_id")
                if isinstance(hid, str):
                    state.residents.setdefault(_resident_key(entity.get), sys.intern(hid))
            elif etype is None or etype not in ENTITY_TYPES:
                hid = entity.get("household_id")
                if isinstance(hid, str):
                    state.uncertain.add(hid)
                elif LOST_RECORD in entity:
                    state.incomplete = True
            return iter(())
        if entity.type == "Household":
            if entity.id not in state.sizes:
                state.sizes[entity.id] = (entity.size, where)
        elif entity.type == "Resident" and entity.household_id is not None:
            key = _resident_key(entity.__dict__.get)
            state.residents.setdefault(key, sys.intern(entity.household_id))
        return iter(())

    def merge(self, state: HouseholdSizeState, other: HouseholdSizeState) -> HouseholdSizeState:
        """Fold a later worker's state into this one (earlier records win)."""
        for hid, value in other.sizes.items():
            state.sizes.setdefault(hid, value)
        residents = state.residents
        for key, hid in other.residents.items():
            residents.setdefault(key, hid)
        state.uncertain |= other.uncertain
        state.incomplete = state.incomplete or other.incomplete
        return state

    def finish(self, state: HouseholdSizeState, ctx: Context) -> Iterator[Hit]:
        """Compare each named household's size with its residents."""
        if state.incomplete:
            return
        members: dict[str, int] = {}
        for hid in state.residents.values():
            members[hid] = members.get(hid, 0) + 1
        for hid, (size, where) in state.sizes.items():
            count = members.get(hid)
            if count and count != size and hid not in state.uncertain:
                yield Hit("SC504", ("size",), {"size": size, "residents": count}, where=where)


register_dataset_rule(HouseholdSizeRule())


# --------------------------------------------------------------------------- SC506, SC507


def _ts(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


@dataclass
class ConsentState:
    """What the consent rules need: consents, members, profiles, purposes and categories.

    Attributes:
        consents: per resident, ``(purpose, given_at, withdrawn_at)`` of each consent.
        sensitive_residents: residents with a special group (sensitive data).
        members: the residents of each household.
        household_of: the household of each resident that names one.
        born: the birth year of each resident that has one.
        children: residents whose age band is under 18.
        profiles: ``(where, household, resident, purpose, updated_at, sensitive need)``.
        purposes: the data categories each purpose declares.
        sensitive_categories: the data categories that hold sensitive data.
    """

    consents: dict[str, list[tuple[str, dt.datetime, dt.datetime | None]]] = field(
        default_factory=dict
    )
    sensitive_residents: set[str] = field(default_factory=set)
    members: dict[str, list[str]] = field(default_factory=dict)
    household_of: dict[str, str] = field(default_factory=dict)
    born: dict[str, int] = field(default_factory=dict)
    children: set[str] = field(default_factory=set)
    profiles: list[tuple[Where, str | None, str | None, str | None, dt.datetime, str | None]] = (
        field(default_factory=list)
    )
    purposes: dict[str, list[str]] = field(default_factory=dict)
    sensitive_categories: set[str] = field(default_factory=set)


class ConsentRule:
    """SC506, SC507: a service profile is kept with its subject's consent to its purpose.

    A profile names the purpose it is kept for (``consent_purpose_id``); its
    resident, or for a household profile one of the household's residents,
    (for a minor, a guardian: another resident of the household)
    must hold a consent to that purpose given no later than the profile's
    ``updated_at`` and not withdrawn by then (SC506, reason ``never`` or
    ``not-at-update``), and not withdrawn by the dataset's ``generated_at``
    either: processing stops, and the profile goes, from the moment consent
    is withdrawn (reason ``withdrawn``). When the subject's data is sensitive
    (a resident with a special group, or a need of a category in
    ``sensitive_need_categories``), the purpose consented to must declare a
    sensitive data category: that is the separate consent PIPL art. 29 asks
    for (SC507). A profile that names no consent purpose is kept under
    another legal basis and judged by neither; a household profile whose
    members are not in the data is not judged.
    """

    codes: tuple[str, ...] = ("SC506", "SC507")
    types: tuple[str, ...] = ("Resident", "ServiceProfile", "Purpose", "DataCategory")

    def new_state(self) -> ConsentState:
        """An empty state."""
        return ConsentState()

    def collect(
        self, state: ConsentState, entity: Any, where: Where, ctx: Context
    ) -> Iterator[Hit]:
        """Remember what each record says of consent."""
        etype = entity.type
        if etype == "Resident":
            if entity.consents:
                state.consents.setdefault(entity.id, []).extend(
                    (c.purpose_id, c.given_at, c.withdrawn_at) for c in entity.consents
                )
            if entity.special_groups:
                state.sensitive_residents.add(entity.id)
            if entity.household_id is not None:
                state.members.setdefault(entity.household_id, []).append(entity.id)
                state.household_of.setdefault(entity.id, entity.household_id)
            if entity.birth_year is not None:
                state.born.setdefault(entity.id, entity.birth_year)
            if entity.age_band in ("0-6", "7-17"):
                state.children.add(entity.id)
        elif etype == "ServiceProfile":
            wanted = _strings(ctx, "SC507", "sensitive_need_categories")
            sensitive = next((n.category for n in entity.needs if n.category in wanted), None)
            state.profiles.append(
                (
                    where,
                    entity.household_id,
                    entity.resident_id,
                    entity.consent_purpose_id,
                    entity.updated_at,
                    sensitive,
                )
            )
        elif etype == "Purpose":
            state.purposes.setdefault(entity.id, list(entity.data_category_ids))
        elif etype == "DataCategory" and (
            entity.sensitivity == "sensitive_personal" or entity.sensitive_kind is not None
        ):
            state.sensitive_categories.add(entity.id)
        return iter(())

    def merge(self, state: ConsentState, other: ConsentState) -> ConsentState:
        """Fold a later worker's state into this one."""
        for rid, items in other.consents.items():
            state.consents.setdefault(rid, []).extend(items)
        state.sensitive_residents |= other.sensitive_residents
        state.children |= other.children
        for rid, hid in other.household_of.items():
            state.household_of.setdefault(rid, hid)
        for rid, year in other.born.items():
            state.born.setdefault(rid, year)
        for hid, rids in other.members.items():
            state.members.setdefault(hid, []).extend(rids)
        state.profiles.extend(other.profiles)
        for pid, cats in other.purposes.items():
            state.purposes.setdefault(pid, cats)
        state.sensitive_categories |= other.sensitive_categories
        return state

    def finish(self, state: ConsentState, ctx: Context) -> Iterator[Hit]:
        """Judge each profile that names a consent purpose, or holds sensitive data."""
        now = ctx.now
        for where, hid, rid, purpose, updated, need in state.profiles:
            subjects = _subjects(state, hid, rid, updated)
            if not subjects:
                continue
            field_path: tuple[str, ...] = ("consent_purpose_id",)
            if purpose is not None:
                hit = self._consent(state, subjects, purpose, updated, now)
                if hit is not None:
                    yield Hit("SC506", field_path, {**hit, "purpose": purpose}, where=where)
                    continue
            if purpose is None:
                continue  # kept under another legal basis (a statutory duty, say)
            why = next((s for s in subjects if s in state.sensitive_residents), None)
            if why is None and need is None:
                continue
            declared = state.purposes.get(purpose)
            if declared is None:
                continue  # the purpose is not in the data: SC202's, or a charter elsewhere
            if any(c in state.sensitive_categories for c in declared):
                continue
            yield Hit(
                "SC507",
                field_path,
                {
                    "purpose": purpose,
                    "sensitive": "special_groups" if why is not None else f"needs:{need}",
                },
                where=where,
            )

    @staticmethod
    def _consent(
        state: ConsentState,
        subjects: list[str],
        purpose: str,
        updated: dt.datetime,
        now: dt.datetime | None,
    ) -> dict[str, Any] | None:
        given = [(g, w) for s in subjects for p, g, w in state.consents.get(s, ()) if p == purpose]
        if not given:
            return {"reason": "never", "at": updated.isoformat()}
        at_update = [(g, w) for g, w in given if g <= updated and (w is None or w > updated)]
        if not at_update:
            return {"reason": "not-at-update", "at": updated.isoformat()}
        if now is not None and all(w is not None and w <= now for _g, w in at_update):
            last = max(w for _g, w in at_update if w is not None)
            return {"reason": "withdrawn", "at": last.isoformat()}
        return None


def _subjects(
    state: ConsentState, hid: str | None, rid: str | None, updated: dt.datetime
) -> list[str]:
    """Whose consent counts: the resident (a minor's guardians too), or the household's."""
    if rid is None:
        return state.members.get(hid or "", [])
    born = state.born.get(rid)
    minor = rid in state.children or (born is not None and updated.year - born < 18)
    household = state.household_of.get(rid)
    if minor and household is not None:  # a guardian consents for a child (PIPL art. 31)
        return [rid, *(m for m in state.members.get(household, []) if m != rid)]
    return [rid]


def _strings(ctx: Context, code: str, name: str) -> frozenset[str]:
    value = ctx.param(code, name)
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, (list, tuple)):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset(get_rule(code).param_defaults()[name])


register_dataset_rule(ConsentRule())


# --------------------------------------------------------------------------- SC508


@dataclass
class CommunityCountState:
    """The places and people that make up each community's counts.

    Attributes:
        communities: each community's stated counts and where it is.
        buildings: the community of each building.
        dwellings: the building of each dwelling.
        households: the dwelling of each household.
        residents: per household, the number of its residents by residence type.
    """

    communities: dict[str, tuple[Where, int | None, int | None, int | None]] = field(
        default_factory=dict
    )
    buildings: dict[str, str] = field(default_factory=dict)
    dwellings: dict[str, str] = field(default_factory=dict)
    households: dict[str, str] = field(default_factory=dict)
    residents: dict[str, dict[str, int]] = field(default_factory=dict)


class CommunityCountRule:
    """SC508: a community's counts agree with the households and residents in the data.

    Only for the communities the dataset is complete for (the parameter
    ``complete_communities``: their ids, or ``"*"`` for every community; none
    by default, since most datasets carry a sample). ``household_count`` is
    compared with the households living in the community's dwellings,
    ``floating_population`` with its residents whose residence type is
    ``non_local`` and ``registered_population`` with those ``registered``;
    a difference larger than ``tolerance`` (a share of the stated figure) is
    reported. Residents are placed through their household, dwelling and
    building.
    """

    codes: tuple[str, ...] = ("SC508",)
    types: tuple[str, ...] = ("Community", "Building", "Dwelling", "Household", "Resident")

    def new_state(self) -> CommunityCountState:
        """An empty state."""
        return CommunityCountState()

    def collect(
        self, state: CommunityCountState, entity: Any, where: Where, ctx: Context
    ) -> Iterator[Hit]:
        """Remember where each place and person belongs."""
        etype = entity.type
        if etype == "Community":
            state.communities.setdefault(
                entity.id,
                (
                    where,
                    entity.household_count,
                    entity.floating_population,
                    entity.registered_population,
                ),
            )
        elif etype == "Building":
            state.buildings.setdefault(entity.id, entity.community_id)
        elif etype == "Dwelling":
            state.dwellings.setdefault(entity.id, entity.building_id)
        elif etype == "Household":
            state.households.setdefault(entity.id, entity.dwelling_id)
        elif etype == "Resident" and entity.household_id is not None:
            kinds = state.residents.setdefault(entity.household_id, {})
            kind = entity.residence_type or "unknown"
            kinds[kind] = kinds.get(kind, 0) + 1
        return iter(())

    def merge(self, state: CommunityCountState, other: CommunityCountState) -> CommunityCountState:
        """Fold a later worker's state into this one (earlier records win)."""
        for cid, value in other.communities.items():
            state.communities.setdefault(cid, value)
        for mine, theirs in (
            (state.buildings, other.buildings),
            (state.dwellings, other.dwellings),
            (state.households, other.households),
        ):
            for key, val in theirs.items():
                mine.setdefault(key, val)
        for hid, kinds in other.residents.items():
            here = state.residents.setdefault(hid, {})
            for kind, n in kinds.items():
                here[kind] = here.get(kind, 0) + n
        return state

    def finish(self, state: CommunityCountState, ctx: Context) -> Iterator[Hit]:
        """Count each complete community's households and residents and compare."""
        wanted = _strings(ctx, "SC508", "complete_communities")
        if not wanted or not state.communities:
            return
        tolerance = _number(ctx, "SC508", "tolerance")
        counted: dict[str, dict[str, int]] = {}
        for hid, did in state.households.items():
            bid = state.dwellings.get(did)
            cid = state.buildings.get(bid) if bid is not None else None
            if cid is None:
                continue
            counts = counted.setdefault(cid, {})
            counts["households"] = counts.get("households", 0) + 1
            for kind, n in state.residents.get(hid, {}).items():
                counts[kind] = counts.get(kind, 0) + n
        for cid, (where, households, floating, registered) in state.communities.items():
            if "*" not in wanted and cid not in wanted:
                continue
            counts = counted.get(cid, {})
            for name, stated, key in (
                ("household_count", households, "households"),
                ("floating_population", floating, "non_local"),
                ("registered_population", registered, "registered"),
            ):
                if stated is None:
                    continue
                found = counts.get(key, 0)
                if abs(stated - found) > tolerance * stated:
                    yield Hit(
                        "SC508",
                        (name,),
                        {
                            "field": name,
                            "stated": stated,
                            "counted": found,
                            "tolerance": _plain(tolerance),
                        },
                        where=where,
                    )


register_dataset_rule(CommunityCountRule())
