"""SC506 a profile kept without its subject's consent; SC507 sensitive data, no separate consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.conformance.rule import (
    Context,
    Hit,
    Where,
    register_dataset_rule,
)
from smartstd.rules.sc5.checks._shared import _strings

# --------------------------------------------------------------------------- SC506, SC507


def _ts(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


@dataclass
class ConsentState:
    """What the consent rules need: consents, members, profiles, purposes and categories.

    Attributes:
        consents: per resident, ``(purpose, given_at, withdrawn_at)`` of each
            consent, each once (an ordered set: a record repeated a thousand
            times, or a household of a thousand copies of one resident, must
            not make the judging of every profile quadratic).
        sensitive_residents: residents with a special group (sensitive data).
        members: the residents of each household, each once (an ordered set).
        household_of: the household of each resident that names one.
        born: the birth year of each resident that has one.
        children: residents whose age band is under 18.
        profiles: ``(where, household, resident, purpose, updated_at, sensitive need)``.
        purposes: the data categories each purpose declares.
        sensitive_categories: the data categories that hold sensitive data.
    """

    consents: dict[str, dict[tuple[str, dt.datetime, dt.datetime | None], None]] = field(
        default_factory=dict
    )
    sensitive_residents: set[str] = field(default_factory=set)
    members: dict[str, dict[str, None]] = field(default_factory=dict)
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
    ) -> Iterable[Hit]:
        """Remember what each record says of consent."""
        etype = entity.type
        if etype == "Resident":
            if entity.consents:
                state.consents.setdefault(entity.id, {}).update(
                    dict.fromkeys(
                        (c.purpose_id, c.given_at, c.withdrawn_at) for c in entity.consents
                    )
                )
            if entity.special_groups:
                state.sensitive_residents.add(entity.id)
            if entity.household_id is not None:
                state.members.setdefault(entity.household_id, {})[entity.id] = None
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
        return ()

    def merge(self, state: ConsentState, other: ConsentState) -> ConsentState:
        """Fold a later worker's state into this one."""
        for rid, items in other.consents.items():
            state.consents.setdefault(rid, {}).update(items)
        state.sensitive_residents |= other.sensitive_residents
        state.children |= other.children
        for rid, hid in other.household_of.items():
            state.household_of.setdefault(rid, hid)
        for rid, year in other.born.items():
            state.born.setdefault(rid, year)
        for hid, rids in other.members.items():
            state.members.setdefault(hid, {}).update(rids)
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
        return list(state.members.get(hid or "", ()))
    born = state.born.get(rid)
    minor = rid in state.children or (born is not None and updated.year - born < 18)
    household = state.household_of.get(rid)
    if minor and household is not None:  # a guardian consents for a child (PIPL art. 31)
        return [rid, *(m for m in state.members.get(household, ()) if m != rid)]
    return [rid]


register_dataset_rule(ConsentRule())
