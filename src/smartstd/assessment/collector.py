"""The streaming computation: records in, a compact mergeable state, groups out.

Each record of an entity type some indicator needs is reduced at once to a
*row*: a key (where it is, which day, which category and channel) and a few
numbers per indicator (numerator, denominator, counts, sums). Records with the
same key share a row, so the state grows with the number of distinct places
and days, not with the number of records. Means and medians also keep their
values (one float and one row number each, in arrays). Place keys are resolved
to communities and grids only at the end, from the small lookup tables that
buildings, grids, dwellings, households and devices leave behind, so the order
of the records never matters and two states merge (worker processes).

流式计算：每条记录立即归约到“行”（地点、日期、类别、渠道 + 各指标的计数），
均值与中位数另存数值；地点在最后才解析为社区与网格，因此与记录顺序无关，状态可合并。
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import add
from typing import Any

from smartstd.assessment.definition import Indicator
from smartstd.assessment.expr import instant, top_fields
from smartstd.assessment.plan import Plan, Slot, build_plan, model_helpers

__all__ = ["Collector", "Groups", "Stat", "needed_types"]

#: Entity types that only place other records (their lookups are always kept).
PLACE_TYPES = (
    "Building",
    "Community",
    "Device",
    "Dwelling",
    "Grid",
    "Household",
    "Pilot",
    "Resident",
    "Service",
)

#: A row key: (community, building, household, device, day, category, channel).
Key = tuple[Any, ...]

#: The fields a record's row key is made of (:meth:`Collector._key_row`).
_KEY_FIELDS = frozenset(
    {
        "id",
        "type",
        "community_id",
        "building_id",
        "location",
        "household_id",
        "resident_id",
        "device_id",
        "channel",
        "category",
    }
)

#: The fields a need-coverage slot reads besides the key's (:meth:`Collector._needs`).
_NEED_FIELDS = frozenset({"needs", "enrolments"})

#: The parts of a definition (or a per-100 term) that read a record, and whether each
#: is a condition.
_PARTS = (
    ("time", False),
    ("where", True),
    ("numerator", True),
    ("value", False),
    ("numerator_sum", False),
    ("denominator_sum", False),
    ("distinct", False),
    ("sum", False),
)

#: Place lookups of a pair of texts: type -> (the lookup, its two fields).
_PAIRS: dict[str, tuple[str, tuple[str, str]]] = {
    "Building": ("buildings", ("community_id", "grid_id")),
    "Device": ("devices", ("community_id", "building_id")),
    "Service": ("services", ("category", "status")),
}
#: Place lookups of one link: type -> (the lookup, its field).
_LINKS: dict[str, tuple[str, str]] = {
    "Dwelling": ("dwellings", "building_id"),
    "Resident": ("residents", "household_id"),
    "Household": ("households", "dwelling_id"),
}
#: The fields each type's place lookup reads (:meth:`Collector._place`): the pairs',
#: the links' and those of the lookups written out there.
_PLACE_FIELDS: dict[str, frozenset[str]] = {
    **{t: frozenset(fields) for t, (_, fields) in _PAIRS.items()},
    **{t: frozenset({field}) for t, (_, field) in _LINKS.items()},
    "Grid": frozenset({"community_id", "name", "code", "building_ids"}),
    "Community": frozenset({"name"}),
    "Assignment": frozenset({"domain_id", "role"}),
}


def needed_types(indicators: Iterable[Indicator]) -> frozenset[str]:
    """Every entity type the computation reads (indicators' and the place lookups')."""
    out: set[str] = set(PLACE_TYPES)
    for ind in indicators:
        out |= ind.entities
        if ind.kind == "governance_completeness":
            out.add("ResponsibilityDomain")
    return frozenset(out)


def _names(value: Any, fallback: str) -> tuple[str, str]:
    if isinstance(value, Mapping):
        zh, en = value.get("zh-CN"), value.get("en")
        zh = zh if isinstance(zh, str) else None
        en = en if isinstance(en, str) else None
        return (zh or en or fallback, en or zh or fallback)
    return (fallback, fallback)


def _get(obj: Mapping[str, Any], name: str) -> Any:
    return obj.get(name)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass
class Stat:
    """The numbers of one indicator over one group (see :mod:`smartstd.assessment.stats`).

    Attributes:
        num: the numerator (rates: records that meet it; sums: the numerator's sum).
        den: the denominator (records counted; sums: the denominator's sum).
        n: the records the value rests on.
        values: for means and medians, the values.
        hist: for distributions, the count per category.
    """

    num: float = 0.0
    den: float = 0.0
    n: int = 0
    values: list[float] = field(default_factory=list)
    hist: dict[str, int] = field(default_factory=dict)


@dataclass
class Groups:
    """Every group's numbers: ``stats[(code, dim, group)]`` (``dim`` ``"all"``: group ``""``)."""

    stats: dict[tuple[str, str, str], Stat]
    communities: dict[str, tuple[str, str]]
    grids: dict[str, tuple[str, str]]
    pilots: dict[str, dict[str, Any]]
    now: float | None
    records: int
    skipped: int


class Collector:
    """The mergeable state of one assessment (plain data: it pickles).

    Args:
        indicators: the compiled definitions.
        now: the reference time (POSIX seconds; the dataset's ``generated_at``).
    """

    def __init__(self, indicators: Sequence[Indicator], now: float | None = None) -> None:
        self.indicators = tuple(indicators)
        self.now = now
        self.rows: dict[Key, list[float]] = {}
        self.row_ids: dict[Key, int] = {}
        self.keys: list[Key] = []
        self.values: dict[str, tuple[array[float], array[int]]] = {}
        self.distinct: dict[str, set[tuple[int, Any]]] = {}
        self.needs: list[tuple[int, str, tuple[str, ...]]] = []  # row, category, services
        self.assignments: list[tuple[str, str]] = []
        self.domains: set[str] = set()
        self.buildings: dict[str, tuple[str | None, str | None]] = {}
        self.grid_buildings: dict[str, tuple[str | None, str]] = {}  # building -> community, grid
        self.grid_community: dict[str, str | None] = {}
        self.dwellings: dict[str, str] = {}
        self.households: dict[str, str] = {}
        self.residents: dict[str, str] = {}
        self.devices: dict[str, tuple[str | None, str | None]] = {}
        self.services: dict[str, tuple[str | None, str | None]] = {}
        self.community_names: dict[str, tuple[str, str]] = {}
        self.grid_names: dict[str, tuple[str, str]] = {}
        self.pilots: dict[str, dict[str, Any]] = {}
        self.records = 0
        self.skipped = 0
        self._layout: dict[str, list[Slot]] = {}
        self._width: dict[str, int] = {}
        for ind in self.indicators:
            parts: list[tuple[str, int, int]] = []
            if ind.kind == "per_100":
                parts = [(t.entity, 1, i) for i, t in enumerate(ind.terms)]
                assert ind.per is not None
                parts.append((ind.per.entity, 1, -2))
            elif ind.kind in ("rate", "ratio_of_sums", "need_coverage"):
                parts = [(ind.entity or "", 3, -1)]
            elif ind.kind == "distribution":
                parts = [(ind.entity or "", len(ind.categories) + 1, -1)]
            elif ind.kind in ("count", "mean", "median"):
                parts = [(ind.entity or "", 1, -1)]
            for entity, width, term in parts:
                if ind.kind == "governance_completeness":
                    continue
                slots = self._layout.setdefault(entity, [])
                offset = self._width.get(entity, 0)
                slots.append(Slot(ind, offset, width, term))
                self._width[entity] = offset + width
            if ind.kind in ("mean", "median"):
                self.values[ind.code] = (array("d"), array("l"))
            if ind.kind == "per_100":
                self.distinct[ind.code] = set()
        self.types = needed_types(self.indicators)
        self._reads: dict[str, frozenset[str]] = {}
        self._plans: dict[str, Callable[[Mapping[str, Any]], None]] = {}
        self._model_plans: dict[str, Callable[[Mapping[str, Any]], None]] = {}

    # ------------------------------------------------------------------ feeding

    def set_now(self, now: float | None) -> None:
        """Set the reference time (before the first record)."""
        self.now = now
        self._plans = {}  # they hold the time
        self._model_plans = {}

    def __getstate__(self) -> dict[str, Any]:
        # plans are compiled functions, which do not pickle: made again on use
        state = dict(self.__dict__)
        state["_plans"] = {}
        state["_model_plans"] = {}
        return state

    def reads(self, t: str) -> frozenset[str] | None:
        """The top-level fields of a record of type ``t`` that :meth:`add` may read.

        ``None`` when it may read any (a pilot is kept whole). A caller that
        turns models into records (the SC8xx rules) dumps only these fields:
        :meth:`add` gives the same state for a record cut down to them.
        """
        if t == "Pilot":
            return None
        found = self._reads.get(t)
        if found is None:
            out = {"type", "id", *_PLACE_FIELDS.get(t, ())}
            for slot in self._layout.get(t, ()):
                out |= _KEY_FIELDS
                spec = slot.ind.spec
                if slot.ind.kind == "need_coverage":
                    out |= _NEED_FIELDS
                elif slot.ind.kind == "per_100":
                    spec = spec["per"] if slot.term == -2 else spec["terms"][slot.term]
                for part, cond in _PARTS:
                    if part in spec:
                        out |= top_fields(spec[part], cond=cond)
            found = self._reads[t] = frozenset(out)
        return found

    def add(self, r: Mapping[str, Any]) -> None:
        """Add one record (a plain dict, as parsed JSON). Never raises on bad data.

        A model's dump in Python mode (timestamps as aware datetimes, dates as
        dates) gives the same state: the expressions read times either way.
        The record goes through its type's plan (:mod:`smartstd.assessment.plan`),
        compiled when the first record of the type arrives.
        """
        t = r.get("type")
        if not isinstance(t, str) or t not in self.types:
            return
        self.records += 1
        plan = self._plans.get(t)
        if plan is None:
            plan = self._plans[t] = self.plan(t).run
        try:
            plan(r)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            self.skipped += 1

    def add_model(self, entity: Any) -> None:
        """Add one validated model (an SCDS entity) without dumping it.

        The state is the one :meth:`add` leaves for the model's record cut to
        the fields read (:func:`~smartstd.assessment.records.cut_record`; a
        pilot: its JSON dump, whole): the type's plan reads the model's own
        values (see :func:`~smartstd.assessment.plan.build_plan`).
        """
        plan = self._model_plans.get(entity.type)
        if plan is None:
            t = entity.type
            if t not in self.types:
                return
            if t == "Pilot":  # kept whole and as written
                self.add(entity.model_dump(mode="json", exclude_none=True))
                return
            plan = self._model_plans[t] = self.plan(t, models=True).run
        self.records += 1
        try:
            plan(entity.__dict__)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            self.skipped += 1

    def plan(self, t: str, *, models: bool = False) -> Plan:
        """The compiled work on a record of type ``t`` (its source shows what it does).

        With ``models``, the work on a validated model's ``__dict__`` (:meth:`add_model`).
        """
        slots = self._layout.get(t, [])
        needs = None
        if any(slot.ind.kind == "need_coverage" for slot in slots):

            def needs(r: Mapping[str, Any]) -> None:
                self._needs(t, r, models=models)

        return build_plan(
            slots,
            now=self.now,
            place=self._placer(t),
            key_row=self._key_row(t, models=models),
            needs=needs,
            values=self.values,
            distinct=self.distinct,
            models=models,
        )

    def _placer(self, t: str) -> Callable[[Mapping[str, Any]], None] | None:
        """What a record of type ``t`` leaves in the place lookups (``None``: nothing)."""
        if t in _PAIRS:  # id -> (text or None, text or None)
            name, (a, b) = _PAIRS[t]
            pairs: dict[str, tuple[str | None, str | None]] = getattr(self, name)

            def place(r: Mapping[str, Any]) -> None:
                rid = r.get("id")
                if isinstance(rid, str):
                    pairs[rid] = (_str(r.get(a)), _str(r.get(b)))

        elif t in _LINKS:  # id -> a non-empty text
            name, field = _LINKS[t]
            links: dict[str, str] = getattr(self, name)

            def place(r: Mapping[str, Any]) -> None:
                rid = r.get("id")
                if isinstance(rid, str):
                    v = r.get(field)
                    if isinstance(v, str) and v:
                        links[rid] = v

        elif t in ("Grid", "Community", "Pilot", "ResponsibilityDomain", "Assignment"):

            def place(r: Mapping[str, Any]) -> None:
                rid = r.get("id")
                if isinstance(rid, str):
                    self._place_rare(t, rid, r)

        else:
            return None
        return place

    def _place_rare(self, t: str, rid: str, r: Mapping[str, Any]) -> None:
        if t == "Grid":
            community = _str(r.get("community_id"))
            self.grid_community[rid] = community
            self.grid_names[rid] = _names(r.get("name"), _str(r.get("code")) or rid)
            for b in r.get("building_ids") or ():
                if isinstance(b, str):
                    self.grid_buildings[b] = (community, rid)
        elif t == "Community":
            self.community_names[rid] = _names(r.get("name"), rid)
        elif t == "Pilot":
            self.pilots[rid] = dict(r)
        elif t == "ResponsibilityDomain":
            self.domains.add(rid)
        elif t == "Assignment":
            d, role = _str(r.get("domain_id")), _str(r.get("role"))
            if d and role:
                self.assignments.append((d, role))

    def _key_row(
        self, t: str, *, models: bool = False
    ) -> Callable[[Mapping[str, Any], str | None], tuple[int, list[float]]]:
        """A record's row for a day, made on first use: ``(row id, numbers)``.

        The key is :meth:`_key`'s, written out for the type.
        """
        rows, row_ids, new_row = self.rows, self.row_ids, self._row
        nget = model_helpers()["_nget"] if models else None
        household_is_id = t == "Household"
        profile = t == "ServiceProfile"

        def key_row(r: Mapping[str, Any], day: str | None) -> tuple[int, list[float]]:
            get = r.get
            building = get("building_id")
            if not isinstance(building, str):
                location = get("location")
                building = None
                if location is None:
                    pass
                elif nget is not None:
                    building = nget(location, "building_id")
                    if not isinstance(building, str):
                        building = None
                elif isinstance(location, Mapping):
                    building = location.get("building_id")
                    if not isinstance(building, str):
                        building = None
            if household_is_id:
                household = get("id")
                if not isinstance(household, str):
                    household = None
            else:
                household = get("household_id")
                if not isinstance(household, str):
                    household = None
                    if profile:
                        resident = get("resident_id")
                        if isinstance(resident, str) and resident:
                            household = "\x00" + resident
            cat, community = get("category"), get("community_id")
            device, channel = get("device_id"), get("channel")
            key = (
                t,
                community if isinstance(community, str) else None,
                building,
                household,
                device if isinstance(device, str) else None,
                day,
                cat if isinstance(cat, str | int) else None,
                channel if isinstance(channel, str) else None,
            )
            row = rows.get(key)
            if row is None:
                return new_row(t, key)
            return row_ids[key], row

        return key_row

    def _row(self, t: str, key: Key) -> tuple[int, list[float]]:
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = [0.0] * self._width[t]
            self.row_ids[key] = len(self.keys)
            self.keys.append(key)
        return self.row_ids[key], row

    def _key(
        self, t: str, r: Mapping[str, Any], day: str | None, category: Any, models: bool = False
    ) -> Key:
        get = r.get
        location = get("location")
        building = get("building_id")
        if not isinstance(building, str):
            building = None
            if models:
                building = _str(model_helpers()["_nget"](location, "building_id"))
            elif isinstance(location, Mapping):
                building = _str(location.get("building_id"))
        if t == "Household":
            household = _str(get("id"))
        else:
            household = get("household_id")
            if not isinstance(household, str):
                household = None
                if t == "ServiceProfile":
                    resident = _str(get("resident_id"))
                    household = "\x00" + resident if resident else None
        cat = category if isinstance(category, str | int) else None
        community, device, channel = get("community_id"), get("device_id"), get("channel")
        return (
            t,
            community if isinstance(community, str) else None,
            building,
            household,
            device if isinstance(device, str) else None,
            day,
            cat,
            channel if isinstance(channel, str) else None,
        )

    def _needs(self, t: str, r: Mapping[str, Any], *, models: bool = False) -> None:
        needs = r.get("needs")
        if not isinstance(needs, list) or not needs:
            return
        base: tuple[type, ...] = (Mapping,)
        get: Callable[[Any, str], Any] = _get
        if models:  # a model's items (they dump to objects)
            helpers = model_helpers()
            base, get = (helpers["_BM"], Mapping), helpers["_nget"]
        now = self.now
        running: list[str] = []
        for e in r.get("enrolments") or ():
            if not isinstance(e, base):
                continue
            sid = _str(get(e, "service_id"))
            start = instant(get(e, "enrolled_at"))
            end = instant(get(e, "ended_at")) if get(e, "ended_at") is not None else None
            if sid is None or start is None:
                continue
            if now is not None and (start > now or (end is not None and end <= now)):
                continue
            running.append(sid)
        services = tuple(running)
        for need in needs:
            if not isinstance(need, base):
                continue
            cat = _str(get(need, "category"))
            if cat is None:
                continue
            rid, _ = self._row(t, self._key(t, r, None, cat, models))
            self.needs.append((rid, cat, services))

    # ------------------------------------------------------------------ merging

    def merge(self, other: Collector) -> Collector:
        """Add another state's records (a worker's); returns ``self``."""
        remap: dict[int, int] = {}
        for key in other.keys:
            t = key[0]
            rid, row = self._row(t, key)
            for i, v in enumerate(other.rows[key]):
                row[i] += v
            remap[other.row_ids[key]] = rid
        for code, (vals, ids) in other.values.items():
            mine_v, mine_i = self.values[code]
            mine_v.extend(vals)
            mine_i.extend(array("l", (remap[i] for i in ids)))
        for code, pairs in other.distinct.items():
            self.distinct[code].update((remap[i], v) for i, v in pairs)
        self.needs.extend((remap[i], c, s) for i, c, s in other.needs)
        self.assignments.extend(other.assignments)
        self.domains |= other.domains
        lookups: tuple[tuple[dict[Any, Any], dict[Any, Any]], ...] = (
            (self.buildings, other.buildings),
            (self.grid_buildings, other.grid_buildings),
            (self.grid_community, other.grid_community),
            (self.dwellings, other.dwellings),
            (self.households, other.households),
            (self.residents, other.residents),
            (self.devices, other.devices),
            (self.services, other.services),
            (self.community_names, other.community_names),
            (self.grid_names, other.grid_names),
            (self.pilots, other.pilots),
        )
        for mine, theirs in lookups:
            for k, v in theirs.items():
                mine.setdefault(k, v)
        self.records += other.records
        self.skipped += other.skipped
        return self

    # ------------------------------------------------------------------ resolving

    def _resolve(self, key: Key) -> tuple[str | None, str | None]:
        """(community, grid) of a row's place."""
        _, community, building, household, device, *_ = key
        if household is not None and household.startswith("\x00"):
            household = self.residents.get(household[1:])
        if building is None and household is not None:
            dwelling = self.households.get(household)
            building = self.dwellings.get(dwelling) if dwelling else None
        if device is not None and (building is None or community is None):
            dc, db = self.devices.get(device, (None, None))
            community = community or dc
            building = building or db
        grid: str | None = None
        if building is not None:
            bc, bg = self.buildings.get(building, (None, None))
            gc, gg = self.grid_buildings.get(building, (None, None))
            grid = bg or gg
            community = community or bc or gc
        if grid is not None and community is None:
            community = self.grid_community.get(grid)
        return community, grid

    def groups(
        self,
        *,
        window: tuple[str, str] | None = None,
        communities: frozenset[str] | None = None,
        label: str = "",
        only: frozenset[str] | None = None,
    ) -> Groups:
        """Every indicator over every group, for the records in a window and communities.

        Args:
            window: first and last day (``YYYY-MM-DD``, inclusive); rows without
                a day (stock records: devices, profiles, residents) always count.
            communities: keep only these communities (``None``: every one).
            label: ignored (kept for symmetry with callers that name a scope).
            only: compute only these breakdowns (``None``: all; ``{"all"}``:
                each indicator over everything, all a pilot's targets need).
        """
        stats: dict[tuple[str, str, str], Stat] = {}

        def stat(code: str, dim: str, group: str) -> Stat:
            k = (code, dim, group)
            s = stats.get(k)
            if s is None:
                s = stats[k] = Stat()
            return s

        dims_of = self._dims(window, communities, only)
        self._add_rows(dims_of, stat)
        self._add_values(dims_of, stat)
        for ind in self.indicators:
            if ind.kind != "per_100":
                continue
            whole = stats.get((ind.code, "all", ""))
            for (code, dim, _), s in stats.items():
                if code == ind.code and dim in ("month", "quarter") and whole is not None:
                    s.den = whole.den  # residents are a stock: every period's denominator
        self._coverage(stats, dims_of, stat)
        self._governance(stat)
        for s in stats.values():
            if s.values:
                s.values.sort()
        return Groups(
            stats=stats,
            communities=dict(self.community_names),
            grids=dict(self.grid_names),
            pilots=dict(self.pilots),
            now=self.now,
            records=self.records,
            skipped=self.skipped,
        )

    def _dims(
        self,
        window: tuple[str, str] | None,
        communities: frozenset[str] | None,
        only: frozenset[str] | None,
    ) -> list[list[tuple[str, str]] | None]:
        """The groups (dimension, group) each row counts in; ``None`` for a row left out."""
        dims_of: list[list[tuple[str, str]] | None] = []
        for key in self.keys:
            community, grid = self._resolve(key)
            day, category, channel = key[5], key[6], key[7]
            if window is not None and day is not None and not (window[0] <= day <= window[1]):
                dims_of.append(None)
                continue
            if communities is not None and community not in communities:
                dims_of.append(None)
                continue
            if only is not None and "community" not in only:
                dims_of.append([("all", "")])
                continue
            dims = [("all", ""), ("community", community or "?")]
            dims.append(("grid", grid or "?"))
            if day is not None:
                month = day[:7]
                q = (int(day[5:7]) - 1) // 3 + 1
                dims.append(("month", month))
                dims.append(("quarter", f"{day[:4]}Q{q}"))
            if category is not None:
                dims.append(("category", str(category)))
            if channel is not None:
                dims.append(("channel", channel))
            dims_of.append(dims)
        return dims_of

    def _add_rows(self, dims_of: list[Any], stat: Callable[[str, str, str], Stat]) -> None:
        """Add the rows' numbers to the groups they count in."""
        # rows with the same type and groups are summed first (a vector add in C),
        # so the walk over slots and groups runs once per distinct signature
        summed: dict[tuple[str, tuple[tuple[str, str], ...]], list[float]] = {}
        for key, row_dims in zip(self.keys, dims_of, strict=True):
            if row_dims is None:
                continue
            sig = (key[0], tuple(row_dims))
            acc = summed.get(sig)
            row = self.rows[key]
            if acc is None:
                summed[sig] = list(row)
            else:
                acc[:] = map(add, acc, row)
        for (etype, sig_dims), row in summed.items():
            for slot in self._layout.get(etype, ()):
                for dim, group in sig_dims:
                    _add_slot(stat(slot.ind.code, dim, group), slot, row, dim)

    def _add_values(self, dims_of: list[Any], stat: Callable[[str, str, str], Stat]) -> None:
        """Add the values of means and medians, and the distinct members of per-100 rates."""
        for code, (vals, ids) in self.values.items():
            for v, rid in zip(vals, ids, strict=True):
                row_dims = dims_of[rid]
                if row_dims is None:
                    continue
                for dim, group in row_dims:
                    stat(code, dim, group).values.append(v)
        for code, pairs in self.distinct.items():
            seen: dict[tuple[str, str], set[Any]] = {}
            for rid, v in pairs:
                row_dims = dims_of[rid]
                if row_dims is None:
                    continue
                for dim, group in row_dims:
                    seen.setdefault((dim, group), set()).add(v)
            for (dim, group), members in seen.items():
                if dim in ("category", "channel"):
                    continue
                s = stat(code, dim, group)
                s.num += len(members)
                s.n += len(members)

    def _coverage(self, stats: Any, dims_of: list[Any], stat: Any) -> None:
        codes = [i.code for i in self.indicators if i.kind == "need_coverage"]
        if not codes:
            return
        for rid, category, services in self.needs:
            row_dims = dims_of[rid]
            if row_dims is None:
                continue
            served = any(self.services.get(s) == (category, "active") for s in services)
            for code in codes:
                for dim, group in row_dims:
                    s = stat(code, dim, group)
                    s.den += 1
                    s.n += 1
                    if served:
                        s.num += 1

    def _governance(self, stat: Any) -> None:
        codes = [i.code for i in self.indicators if i.kind == "governance_completeness"]
        if not codes or not (self.assignments or self.domains):
            return
        accountable: dict[str, int] = {}
        responsible: dict[str, int] = {}
        for d, role in self.assignments:
            if role == "accountable":
                accountable[d] = accountable.get(d, 0) + 1
            elif role == "responsible":
                responsible[d] = responsible.get(d, 0) + 1
        domains = self.domains | {d for d, _ in self.assignments}
        complete = sum(1 for d in domains if accountable.get(d) == 1 and responsible.get(d, 0) >= 1)
        for code in codes:
            s = stat(code, "all", "")
            s.num, s.den, s.n = float(complete), float(len(domains)), len(domains)


def _add_slot(s: Stat, slot: Slot, row: list[float], dim: str) -> None:
    """Add one indicator's numbers of a (summed) row to a group's :class:`Stat`."""
    ind = slot.ind
    o = slot.offset
    kind = ind.kind
    if kind == "rate":
        s.num += row[o]
        s.den += row[o + 1]
        s.n += int(row[o + 1])
    elif kind == "count":
        s.num += row[o]
        s.n += int(row[o])
    elif kind in ("mean", "median"):
        s.n += int(row[o])
    elif kind == "distribution":
        for i, c in enumerate((*ind.categories, "other")):
            if row[o + i]:
                s.hist[str(c)] = s.hist.get(str(c), 0) + int(row[o + i])
                s.n += int(row[o + i])
    elif kind == "ratio_of_sums":
        s.num += row[o]
        s.den += row[o + 1]
        s.n += int(row[o + 2])
    elif kind == "per_100":
        if dim in ("category", "channel"):
            return  # residents have neither: no rate per category
        if slot.term == -2:
            s.den += row[o]
        else:
            s.num += row[o]
            s.n += int(row[o]) if row[o] else 0
