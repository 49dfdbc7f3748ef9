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
from smartstd.assessment.expr import Scope, fields_read, instant

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

#: The fields a record's row key is made of (:meth:`Collector._key`), and
#: those need coverage reads (:meth:`Collector._needs`).
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
        "needs",
        "enrolments",
    }
)

#: The fields each type's place lookup reads (:meth:`Collector._place`).
_PLACE_FIELDS: dict[str, frozenset[str]] = {
    "Building": frozenset({"community_id", "grid_id"}),
    "Grid": frozenset({"community_id", "name", "code", "building_ids"}),
    "Dwelling": frozenset({"building_id"}),
    "Resident": frozenset({"household_id"}),
    "Household": frozenset({"dwelling_id"}),
    "Device": frozenset({"community_id", "building_id"}),
    "Service": frozenset({"category", "status"}),
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


def _day(value: Any) -> str | None:
    if isinstance(value, str):
        if (
            len(value) >= 10
            and value[4] == "-"
            and value[7] == "-"
            and "01" <= value[5:7] <= "12"
            and "01" <= value[8:10] <= "31"
        ):
            return value[:10]
        return None
    iso = getattr(value, "isoformat", None)
    return str(iso())[:10] if iso is not None else None


def _names(value: Any, fallback: str) -> tuple[str, str]:
    if isinstance(value, Mapping):
        zh, en = value.get("zh-CN"), value.get("en")
        zh = zh if isinstance(zh, str) else None
        en = en if isinstance(en, str) else None
        return (zh or en or fallback, en or zh or fallback)
    return (fallback, fallback)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@dataclass
class _Slot:
    """Where an indicator's numbers sit in a row of its entity type."""

    ind: Indicator
    offset: int
    width: int
    term: int = -1  # per_100: which term (-2: the denominator)


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
        self._layout: dict[str, list[_Slot]] = {}
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
                slots.append(_Slot(ind, offset, width, term))
                self._width[entity] = offset + width
            if ind.kind in ("mean", "median"):
                self.values[ind.code] = (array("d"), array("l"))
            if ind.kind == "per_100":
                self.distinct[ind.code] = set()
        self.types = needed_types(self.indicators)
        self._scope = Scope(now)
        self._reads: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ feeding

    def set_now(self, now: float | None) -> None:
        """Set the reference time (before the first record)."""
        self.now = now
        self._scope = Scope(now)

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
            found = self._reads[t] = _KEY_FIELDS | _PLACE_FIELDS.get(t, frozenset()) | fields_read()
        return found

    def add(self, r: Mapping[str, Any]) -> None:
        """Add one record (a plain dict, as parsed JSON). Never raises on bad data.

        A model's dump in Python mode (timestamps as aware datetimes, dates as
        dates) gives the same state: the expressions read times either way.
        """
        t = r.get("type")
        if not isinstance(t, str) or t not in self.types:
            return
        self.records += 1
        try:
            self._place(t, r)
            slots = self._layout.get(t)
            if slots:
                self._measure(t, r, slots)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            self.skipped += 1

    def _place(self, t: str, r: Mapping[str, Any]) -> None:
        rid = _str(r.get("id"))
        if rid is None:
            return
        if t == "Building":
            self.buildings[rid] = (_str(r.get("community_id")), _str(r.get("grid_id")))
        elif t == "Grid":
            community = _str(r.get("community_id"))
            self.grid_community[rid] = community
            self.grid_names[rid] = _names(r.get("name"), _str(r.get("code")) or rid)
            for b in r.get("building_ids") or ():
                if isinstance(b, str):
                    self.grid_buildings[b] = (community, rid)
        elif t == "Dwelling":
            b = _str(r.get("building_id"))
            if b:
                self.dwellings[rid] = b
        elif t == "Resident":
            h = _str(r.get("household_id"))
            if h:
                self.residents[rid] = h
        elif t == "Household":
            d = _str(r.get("dwelling_id"))
            if d:
                self.households[rid] = d
        elif t == "Device":
            self.devices[rid] = (_str(r.get("community_id")), _str(r.get("building_id")))
        elif t == "Service":
            self.services[rid] = (_str(r.get("category")), _str(r.get("status")))
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

    def _row(self, t: str, key: Key) -> tuple[int, list[float]]:
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = [0.0] * self._width[t]
            self.row_ids[key] = len(self.keys)
            self.keys.append(key)
        return self.row_ids[key], row

    def _key(self, t: str, r: Mapping[str, Any], day: str | None, category: Any) -> Key:
        get = r.get
        location = get("location")
        building = get("building_id")
        if not isinstance(building, str):
            building = None
            if isinstance(location, Mapping):
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

    def _measure(self, t: str, r: Mapping[str, Any], slots: list[_Slot]) -> None:
        scope = self._scope
        rows: dict[str | None, tuple[int, list[float]]] = {}
        times: dict[int, tuple[Any, str | None]] = {}

        def when(fn: Any) -> tuple[Any, str | None]:
            got = times.get(id(fn))  # paths are shared: one lookup per field and record
            if got is None:
                value = fn(r, scope)
                got = times[id(fn)] = (value, _day(value))
            return got

        def row_for(day: str | None) -> tuple[int, list[float]]:
            got = rows.get(day)
            if got is None:
                got = rows[day] = self._row(t, self._key(t, r, day, r.get("category")))
            return got

        for slot in slots:
            ind = slot.ind
            kind = ind.kind
            if kind == "per_100":
                term = ind.per if slot.term == -2 else ind.terms[slot.term]
                assert term is not None
                if term.where is not None and not term.where(r, scope):
                    continue
                day = when(term.time)[1] if term.time is not None else None
                if term.time is not None and day is None:
                    continue
                rid, row = row_for(day)
                if slot.term == -2:
                    row[slot.offset] += 1
                elif term.distinct is not None:
                    v = term.distinct(r, scope)
                    if isinstance(v, str | int) and not isinstance(v, bool):
                        self.distinct[ind.code].add((rid, v))
                elif term.sum is not None:
                    v = term.sum(r, scope)
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        row[slot.offset] += v
                else:
                    row[slot.offset] += 1
                continue
            if kind == "need_coverage":
                self._needs(t, r, slot)
                continue
            if ind.where is not None and not ind.where(r, scope):
                continue
            day = when(ind.time)[1] if ind.time is not None else None
            if ind.time is not None and day is None:
                continue
            rid, row = row_for(day)
            o = slot.offset
            if kind == "rate":
                assert ind.numerator is not None
                row[o + 1] += 1
                if ind.numerator(r, scope):
                    row[o] += 1
            elif kind == "count":
                row[o] += 1
            elif kind in ("mean", "median"):
                assert ind.value is not None
                v = ind.value(r, scope)
                if isinstance(v, int | float) and not isinstance(v, bool) and v == v:
                    vals, ids = self.values[ind.code]
                    vals.append(float(v))
                    ids.append(rid)
                    row[o] += 1
            elif kind == "distribution":
                assert ind.value is not None
                v = ind.value(r, scope)
                try:
                    i = ind.categories.index(v) if not isinstance(v, bool) else -1
                except ValueError:
                    i = -1
                row[o + (i if i >= 0 else len(ind.categories))] += 1
            elif kind == "ratio_of_sums":
                assert ind.numerator_sum is not None
                assert ind.denominator_sum is not None
                a = ind.numerator_sum(r, scope)
                b = ind.denominator_sum(r, scope)
                if (
                    isinstance(a, int | float)
                    and isinstance(b, int | float)
                    and not isinstance(a, bool)
                    and not isinstance(b, bool)
                ):
                    row[o] += a
                    row[o + 1] += b
                    row[o + 2] += 1

    def _needs(self, t: str, r: Mapping[str, Any], slot: _Slot) -> None:
        needs = r.get("needs")
        if not isinstance(needs, list) or not needs:
            return
        now = self.now
        running: list[str] = []
        for e in r.get("enrolments") or ():
            if not isinstance(e, Mapping):
                continue
            sid = _str(e.get("service_id"))
            start = instant(e.get("enrolled_at"))
            end = instant(e.get("ended_at")) if e.get("ended_at") is not None else None
            if sid is None or start is None:
                continue
            if now is not None and (start > now or (end is not None and end <= now)):
                continue
            running.append(sid)
        services = tuple(running)
        for need in needs:
            if not isinstance(need, Mapping):
                continue
            cat = _str(need.get("category"))
            if cat is None:
                continue
            rid, _ = self._row(t, self._key(t, r, None, cat))
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


def _add_slot(s: Stat, slot: _Slot, row: list[float], dim: str) -> None:
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
