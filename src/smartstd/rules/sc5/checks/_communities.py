"""SC508: a community's counts that its households and residents contradict."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from smartstd.conformance.rule import (
    Context,
    Hit,
    Where,
    register_dataset_rule,
)
from smartstd.rules.sc5.checks._shared import _plain, _strings

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
    ) -> Iterable[Hit]:
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
        return ()

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
        tolerance = ctx.number("SC508", "tolerance")
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
