"""SC504: a household whose size differs from the residents that name it."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.conformance.rule import (
    LOST_RECORD,
    Context,
    Hit,
    Where,
    register_dataset_rule,
)
from smartstd.rules.sc5.checks._shared import _key
from smartstd.standard.dataset import ENTITY_TYPES

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
    ) -> Iterable[Hit]:
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
            return ()
        if entity.type == "Household":
            if entity.id not in state.sizes:
                state.sizes[entity.id] = (entity.size, where)
        elif entity.type == "Resident" and entity.household_id is not None:
            key = _resident_key(entity.__dict__.get)
            state.residents.setdefault(key, sys.intern(entity.household_id))
        return ()

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
