"""The compiled plans against the interpreter they replaced, record by record.

``Interpreted`` below is the collector's per-record path as it was before the
plans (:mod:`smartstd.assessment.plan`): every indicator's compiled closures
(:mod:`smartstd.assessment.expr`) called slot by slot. Fed the same records,
odd ones included (missing fields, nulls, booleans for numbers, naive and
aware timestamps, lists where objects belong, huge integers), the two must
leave the same state after every record (the same rows made in the same order,
the same numbers, the same skips) and raise the same exceptions. The
definitions are the core ones plus local ones written to use every construct
of the expression language.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartstd import generate as gen
from smartstd.assessment.collector import Collector, _names, _str
from smartstd.assessment.definition import Indicator, core_indicators, parse_indicators
from smartstd.assessment.expr import Scope, number
from smartstd.assessment.plan import Slot, day_of
from smartstd.assessment.records import cut_record

# --------------------------------------------------------------------------- the reference


class Interpreted(Collector):
    """The collector with its former per-record path: the interpreter, slot by slot."""

    def add(self, r: Mapping[str, Any]) -> None:
        t = r.get("type")
        if not isinstance(t, str) or t not in self.types:
            return
        self.records += 1
        try:
            self._place_one(t, r)
            slots = self._layout.get(t)
            if slots:
                self._measure(t, r, slots)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            self.skipped += 1

    def _place_one(self, t: str, r: Mapping[str, Any]) -> None:
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

    def _measure(self, t: str, r: Mapping[str, Any], slots: list[Slot]) -> None:
        scope = Scope(self.now)
        rows: dict[str | None, tuple[int, list[float]]] = {}
        times: dict[int, tuple[Any, str | None]] = {}

        def when(fn: Any) -> tuple[Any, str | None]:
            got = times.get(id(fn))
            if got is None:
                value = fn(r, scope)
                got = times[id(fn)] = (value, day_of(value))
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
                    v = number(term.sum(r, scope))
                    if v is not None:
                        row[slot.offset] += v
                else:
                    row[slot.offset] += 1
                continue
            if kind == "need_coverage":
                self._needs(t, r)
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
                v = number(ind.value(r, scope))  # an integer too large for a float: None
                if v is not None and v == v:
                    vals, ids = self.values[ind.code]
                    vals.append(v)
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
                a = number(ind.numerator_sum(r, scope))
                b = number(ind.denominator_sum(r, scope))
                if a is not None and b is not None:
                    row[o] += a
                    row[o + 1] += b
                    row[o + 2] += 1


def state(c: Collector) -> str:
    """Everything a collector holds, in order (``repr``: NaN equals NaN)."""
    return repr(
        (
            c.rows,
            c.row_ids,
            c.keys,
            {k: (list(v), list(i)) for k, (v, i) in c.values.items()},
            {k: sorted(s, key=repr) for k, s in c.distinct.items()},
            c.needs,
            c.assignments,
            sorted(c.domains),
            c.buildings,
            c.grid_buildings,
            c.grid_community,
            c.dwellings,
            c.households,
            c.residents,
            c.devices,
            c.services,
            c.community_names,
            c.grid_names,
            c.pilots,
            c.records,
            c.skipped,
        )
    )


# --------------------------------------------------------------------------- the definitions

_TEXT = {"title": {"zh-CN": "测试", "en": "Test"}, "description": {"zh-CN": "测试", "en": "Test"}}

#: Local definitions that use every construct of the expression language.
LOCAL: dict[str, Any] = {
    "indicators": [
        {
            "code": "t:every_condition",
            "kind": "rate",
            "unit": "ratio",
            "direction": "higher_better",
            "entity": "ServiceRequest",
            "time": {"coalesce": ["due_at", "response.at", "submitted_at"]},
            "where": {
                "any": [
                    {"not": {"field": "status", "in": ["withdrawn", 1, True, 2.5]}},
                    {"compare": [{"const": 3}, "ge", "satisfaction"]},
                    {"compare": ["submitted_at", "eq", "due_at"]},
                ]
            },
            "numerator": {
                "all": [
                    {
                        "within_days": {
                            "field": {
                                "first": {
                                    "items": "events",
                                    "value": "at",
                                    "where": {
                                        "all": [
                                            {"field": "status", "not_in": ["submitted"]},
                                            {"field": "public", "present": True},
                                        ]
                                    },
                                }
                            },
                            "days": 30,
                        }
                    },
                    {"field": {"minutes_between": ["submitted_at", "response.at"]}, "lt": 600},
                    {"field": "response.by_id", "present": False},
                    {"compare": ["$now", "gt", "submitted_at"]},
                ]
            },
            **_TEXT,
        },
        {
            "code": "t:deep",
            "kind": "rate",
            "unit": "ratio",
            "direction": "higher_better",
            "entity": "ServiceRequest",
            "where": {"field": "location.geometry.type", "in": ["Point"]},
            "numerator": {
                "any": [
                    {"field": "satisfaction", "eq": 5},
                    {"field": "satisfaction", "gt": 3.5},
                    {"field": "satisfaction", "le": 1},
                    {"field": "satisfaction", "ge": 2},
                    {"compare": ["due_at", "le", "submitted_at"]},
                ]
            },
            **_TEXT,
        },
        {
            "code": "t:ack_hours",
            "kind": "mean",
            "unit": "hours",
            "direction": "lower_better",
            "entity": "Alert",
            "time": {"first": {"items": "history", "value": "at"}},
            "value": {"hours_between": ["$now", "acknowledged_at"]},
            **_TEXT,
        },
        {
            "code": "t:odd_median",
            "kind": "median",
            "unit": "count",
            "direction": "lower_better",
            "entity": "Alert",
            "time": "detected_at",
            "value": {"coalesce": ["count", "severity", {"const": 2}]},
            **_TEXT,
        },
        {
            "code": "t:mixed",
            "kind": "distribution",
            "unit": "count",
            "direction": "higher_better",
            "entity": "ServiceRequest",
            "time": "submitted_at",
            "value": {"coalesce": ["satisfaction", "category", {"const": "x"}]},
            "categories": [1, 2, "complaint", True, 2.0],
            **_TEXT,
        },
        {
            "code": "t:sums",
            "kind": "ratio_of_sums",
            "unit": "ratio",
            "direction": "higher_better",
            "entity": "Consultation",
            "time": "closes_at",
            "where": {"not": {"field": "eligible_count", "eq": 10}},
            "numerator_sum": "participant_count",
            "denominator_sum": {"coalesce": ["eligible_count", {"const": 2}]},
            **_TEXT,
        },
        {
            "code": "t:per",
            "kind": "per_100",
            "unit": "per_100",
            "direction": "higher_better",
            "terms": [
                {
                    "entity": "ServiceRequest",
                    "time": "submitted_at",
                    "where": {"field": "anonymous", "present": False},
                    "distinct": "location.building_id",
                },
                {"entity": "Alert", "sum": {"const": 1}},
                {"entity": "Device", "time": "installed_at"},
            ],
            "per": {"entity": "Household", "where": {"field": "size", "gt": 2}, "time": "since"},
            **_TEXT,
        },
        {
            "code": "t:nested",
            "kind": "per_100",
            "unit": "per_100",
            "direction": "higher_better",
            "terms": [
                {"entity": "ServiceRequest", "distinct": "response.at"},
                {
                    "entity": "ServiceRequest",
                    "where": {"field": "response", "not_in": ["x"]},
                    "distinct": {
                        "first": {
                            "items": "events",
                            "value": "at",
                            "where": {"field": "gz:flag", "present": False},
                        }
                    },
                },
                {
                    "entity": "ServiceRequest",
                    "where": {"field": "gz:note", "present": False},
                    "distinct": "response.gz:at",
                },
                {"entity": "ServiceProfile", "distinct": {"coalesce": ["needs", "updated_at"]}},
            ],
            "per": {"entity": "Resident"},
            **_TEXT,
        },
        {
            "code": "t:nested_values",
            "kind": "distribution",
            "unit": "count",
            "direction": "higher_better",
            "entity": "ServiceRequest",
            "time": "response.at",
            "where": {
                "any": [
                    {"field": "response.at", "in": ["2026-01-04T01:44:31+08:00"]},
                    {"field": "location", "not_in": ["x"]},
                    {"field": {"first": {"items": "events", "value": "at"}}, "not_in": ["x"]},
                ]
            },
            "value": {
                "coalesce": [
                    {
                        "first": {
                            "items": "events",
                            "value": "at",
                            "where": {
                                "field": "gz:flag",
                                "in": [True, "2026-01-01T00:00:00+08:00"],
                            },
                        }
                    },
                    "response",
                ]
            },
            "categories": ["submitted", "closed", "resolved"],
            **_TEXT,
        },
        {
            "code": "t:devices",
            "kind": "count",
            "unit": "count",
            "direction": "higher_better",
            "entity": "Device",
            "time": "installed_at",
            "where": {"compare": ["installed_at", "lt", "$now"]},
            **_TEXT,
        },
        {
            "code": "t:needs",
            "kind": "need_coverage",
            "unit": "ratio",
            "direction": "higher_better",
            "entity": "ServiceProfile",
            **_TEXT,
        },
    ]
}


@cache
def indicators() -> tuple[Indicator, ...]:
    return core_indicators() + parse_indicators(LOCAL, "test")


# --------------------------------------------------------------------------- odd records

TYPES = [
    "ServiceRequest",
    "Alert",
    "Consultation",
    "Device",
    "Household",
    "Resident",
    "ServiceProfile",
    "Building",
    "Grid",
    "Dwelling",
    "Community",
    "Service",
    "Assignment",
    "ResponsibilityDomain",
    "Pilot",
    "ServiceRecord",  # no indicator reads it
]

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 3, 10, tzinfo=TZ).timestamp()
STAMPS = [
    "2026-03-01T08:00:00+08:00",
    "2026-03-02T23:30:00.5+08:00",
    "2026-03-01T00:00:00Z",
    "2026-03-01T08:00:00",  # naive
    "2026-03-01",
    "2026-13-01T00:00:00+08:00",
    "20260301",
    "not a time",
    "",
]
CODES = [
    "withdrawn",
    "rejected",
    "submitted",
    "resolved",
    "closed",
    "acknowledged",
    "active",
    "retired",
    "critical",
    "complaint",
    "Point",
    "accountable",
    "responsible",
    "elderly_care",
    "svc-1",
    "b-1",
    "h-1",
    "c-1",
    "x",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.sampled_from([2.0, 4.5, float("nan"), float("inf"), 10**400]),
    st.sampled_from(STAMPS + CODES),
    st.sampled_from(
        [
            dt.datetime(2026, 3, 1, 8, tzinfo=TZ),
            dt.datetime(2026, 3, 5, 9, 30, tzinfo=dt.timezone.utc),
            dt.datetime(2026, 3, 1, 8),  # naive
            dt.date(2026, 3, 1),
        ]
    ),
)

ITEM_KEYS = ["at", "status", "public", "building_id", "category", "service_id"]
ITEM_KEYS += ["enrolled_at", "ended_at", "type", "geometry", "by_id", "zh-CN", "en"]


def objects(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.dictionaries(st.sampled_from(ITEM_KEYS), children, max_size=4),
        st.lists(children, max_size=3),
    )


values = st.recursive(scalars, objects, max_leaves=4)

FIELDS = sorted(
    {
        "id",
        "type",
        "community_id",
        "building_id",
        "grid_id",
        "dwelling_id",
        "household_id",
        "resident_id",
        "device_id",
        "domain_id",
        "role",
        "code",
        "name",
        "building_ids",
        "location",
        "channel",
        "category",
        "status",
        "submitted_at",
        "due_at",
        "response",
        "events",
        "satisfaction",
        "requester_id",
        "anonymous",
        "opens_at",
        "closes_at",
        "participant_count",
        "eligible_count",
        "updated_at",
        "needs",
        "enrolments",
        "detected_at",
        "acknowledged_at",
        "severity",
        "history",
        "count",
        "installed_at",
        "size",
        "since",
    }
)


GOOD_STAMPS = st.sampled_from(
    [
        *STAMPS[:3],
        "2026-03-01T20:00:00-04:00",  # the same instant as the next, on another day
        "2026-03-02T08:00:00+08:00",
        "2026-02-08T00:00:00+08:00",  # 30 days before NOW, to the second
        "2026-02-07T23:59:59+08:00",
        dt.datetime(2026, 3, 1, 8, tzinfo=TZ),
        dt.datetime(2026, 2, 27, 23, tzinfo=dt.timezone.utc),
    ]
)

#: The fields each type's indicators read (drawn more often for that type).
READ: dict[str, list[str]] = {
    "ServiceRequest": [
        "submitted_at",
        "status",
        "requester_id",
        "events",
        "response",
        "due_at",
        "satisfaction",
        "location",
        "anonymous",
        "category",
        "channel",
    ],
    "Alert": ["detected_at", "acknowledged_at", "severity", "history", "count", "device_id"],
    "Consultation": ["opens_at", "closes_at", "participant_count", "eligible_count"],
    "Device": ["status", "installed_at", "community_id", "building_id"],
    "Household": ["size", "since", "dwelling_id"],
    "ServiceProfile": ["needs", "enrolments", "updated_at", "resident_id"],
}


def plausible(name: str) -> st.SearchStrategy[Any]:
    """A value a real record could hold in ``name`` (so that records get past the filters)."""
    if name.endswith("_at") or name in ("since",):
        return GOOD_STAMPS
    if name in ("events", "history", "enrolments", "needs"):
        item = st.fixed_dictionaries(
            {"at": GOOD_STAMPS, "status": st.sampled_from(CODES)},
            optional={
                "public": st.booleans(),
                "enrolled_at": GOOD_STAMPS,
                "ended_at": GOOD_STAMPS,
                "service_id": st.sampled_from(["svc-1", "svc-2"]),
                "category": st.sampled_from(["elderly_care", "complaint"]),
            },
        )
        return st.lists(item, max_size=3)
    if name in ("response", "location"):
        return st.fixed_dictionaries(
            {},
            optional={
                "at": GOOD_STAMPS,
                "building_id": st.sampled_from(["b-1", "b-2"]),
                "by_id": st.just("o-1"),
                "geometry": st.just({"type": "Point"}),
            },
        )
    if name in ("satisfaction", "participant_count", "eligible_count", "size", "count"):
        return st.integers(0, 12)
    return st.sampled_from(CODES)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    t = draw(st.sampled_from([*TYPES, *READ, *READ, 7, None]))
    names = draw(st.lists(st.sampled_from(FIELDS), max_size=6, unique=True))
    if isinstance(t, str) and t in READ:
        names += draw(st.lists(st.sampled_from(READ[t]), max_size=8, unique=True))
    record: dict[str, Any] = {n: draw(plausible(n) | values) for n in names}
    record["type"] = t
    if draw(st.booleans()):
        record["id"] = draw(st.sampled_from(["r-1", "r-2", "h-1", "b-1", "svc-1", "c-1"]))
    return record


def feed(c: Collector, r: Mapping[str, Any]) -> str | None:
    try:
        c.add(r)
    except Exception as exc:  # the interpreter and a plan must fail alike, if ever
        return type(exc).__name__
    return None


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(records(), max_size=6),
    st.sampled_from([None, NOW]),
)
def test_a_plan_leaves_the_state_the_interpreter_leaves(
    batch: list[dict[str, Any]], now: float | None
) -> None:
    defs = indicators()
    want, got = Interpreted(defs, now), Collector(defs, now)
    for r in batch:
        assert feed(got, r) == feed(want, r)
        assert state(got) == state(want)


ODD_SCALARS: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    2,
    4,
    5,
    11,
    -1,
    2.0,
    4.5,
    float("nan"),
    float("inf"),
    10**400,
    *STAMPS,
    *CODES,
    dt.datetime(2026, 3, 1, 8, tzinfo=TZ),
    dt.datetime(2026, 3, 1, 8),
    dt.date(2026, 3, 1),
]
GOOD: list[Any] = [
    *STAMPS[:3],
    "2026-03-01T20:00:00-04:00",
    "2026-03-02T08:00:00+08:00",
    "2026-02-08T00:00:00+08:00",
    "2026-02-07T23:59:59+08:00",
    dt.datetime(2026, 3, 1, 8, tzinfo=TZ),
]


def odd_value(rng: random.Random, name: str, depth: int = 0) -> Any:
    """A value for ``name``: as a real record holds it, or odd (wrong type, naive, nested)."""
    roll = rng.random()
    if roll < 0.5:
        if name.endswith("_at") or name == "since":
            return rng.choice(GOOD)
        if name in ("events", "history", "enrolments", "needs"):
            return [odd_item(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        if name in ("response", "location"):
            return odd_item(rng, depth + 1)
        if name in ("satisfaction", "participant_count", "eligible_count", "size", "count"):
            return rng.randint(0, 12)
        if name == "public":
            return rng.random() < 0.5
        if name == "status":
            return rng.choice(CODES[:7])
        if name == "severity":
            return rng.choice(["critical", "minor"])
        return rng.choice(CODES)
    if roll < 0.9 or depth > 1:
        return rng.choice(ODD_SCALARS)
    if roll < 0.95:
        return {k: odd_value(rng, k, depth + 1) for k in rng.sample(ITEM_KEYS, 2)}
    return [odd_value(rng, name, depth + 1) for _ in range(rng.randint(0, 2))]


def odd_item(rng: random.Random, depth: int) -> dict[str, Any]:
    """An item of a list (an event, an enrolment) or a nested object."""
    keys = [k for k in ("at", "status") if rng.random() < 0.85]
    keys += rng.sample(ITEM_KEYS, rng.randint(0, 3))
    return {k: odd_value(rng, k, depth) for k in keys}


def odd_record(rng: random.Random) -> dict[str, Any]:
    t = rng.choice([*TYPES, *READ, *READ, *READ, 7, None])
    names = rng.sample(FIELDS, rng.randint(0, 5))
    if isinstance(t, str) and t in READ:
        names += [n for n in READ[t] if rng.random() < 0.7]
    record = {n: odd_value(rng, n) for n in names}
    record["type"] = t
    if rng.random() < 0.7:
        record["id"] = rng.choice(["r-1", "r-2", "h-1", "b-1", "svc-1", "c-1"])
    return record


@pytest.mark.parametrize("seed", range(4))
def test_many_odd_records(seed: int) -> None:
    """Thousands of records from a seeded generator (cheaper per record than Hypothesis)."""
    rng = random.Random(seed)
    defs = indicators()
    now = None if seed == 0 else NOW
    want, got, cut = Interpreted(defs, now), Collector(defs, now), Collector(defs, now)
    for i in range(3000):
        r = odd_record(rng)
        outcome = feed(want, r)
        assert feed(got, r) == outcome, r
        t = r["type"]
        fields = cut.reads(t) if isinstance(t, str) and t in cut.types else None
        # only the fields the collector says it reads: the same state
        assert feed(cut, r if fields is None else {k: r[k] for k in r if k in fields}) == outcome
        if i % 250 == 0:
            assert state(got) == state(want) == state(cut)
    assert state(got) == state(want) == state(cut)
    assert want.skipped > 0 and len(want.rows) > 300  # the records reach every path
    assert sum(len(v) > 0 for v, _ in want.values.values()) >= 5


EDGES: list[dict[str, Any]] = [
    # two events at one instant, written on two days: the first in the list wins
    {
        "type": "Alert",
        "history": [{"at": "2026-03-02T08:00:00+08:00"}, {"at": "2026-03-01T20:00:00-04:00"}],
    },
    {
        "type": "Alert",
        "history": [{"at": "2026-03-01T20:00:00-04:00"}, {"at": "2026-03-02T08:00:00+08:00"}],
    },
    # updated exactly 365 days before NOW, and a second earlier
    {"type": "ServiceProfile", "id": "p-1", "updated_at": "2025-03-10T00:00:00+08:00"},
    {"type": "ServiceProfile", "id": "p-2", "updated_at": "2025-03-09T23:59:59+08:00"},
    # answered exactly on the hour, due exactly when resolved
    {
        "type": "ServiceRequest",
        "status": "closed",
        "submitted_at": "2026-03-01T08:00:00+08:00",
        "due_at": "2026-03-02T08:00:00+08:00",
        "events": [{"at": "2026-03-02T08:00:00+08:00", "status": "resolved"}],
        "response": {"at": "2026-03-02T08:00:00+08:00"},
        "satisfaction": 4,
    },
    # a naive time is no time; a date is a day without an instant
    {"type": "ServiceRequest", "status": "closed", "submitted_at": "2026-03-01T08:00:00"},
    {"type": "ServiceRequest", "status": "closed", "submitted_at": dt.date(2026, 3, 1)},
    {"type": "Consultation", "opens_at": "2026-03-01", "participant_count": 3, "eligible_count": 0},
]


@pytest.mark.parametrize("now", [None, NOW])
def test_edges(now: float | None) -> None:
    defs = indicators()
    want, got = Interpreted(defs, now), Collector(defs, now)
    for r in EDGES:
        assert feed(got, r) == feed(want, r)
        assert state(got) == state(want)
    assert got.groups().stats == want.groups().stats


MODEL_VARIANTS = ("as generated", "utc", "fractions", "sparse", "extras")


def variant(record: dict[str, Any], how: str, rng: random.Random) -> dict[str, Any]:
    """The record with its timestamps, optional fields or extension fields changed."""
    text = json.dumps(record, ensure_ascii=False)
    if how == "utc":
        text = text.replace("+08:00", "Z")
    elif how == "fractions":
        text = text.replace(":00+08:00", ":00.25+05:45").replace(":04+08:00", ":04.000001-03:30")
    out: dict[str, Any] = json.loads(text)
    if how == "sparse":
        for key in [k for k in out if k not in ("id", "type")]:
            if rng.random() < 0.3:
                del out[key]
        if isinstance(out.get("events"), list) and rng.random() < 0.5:
            out["events"] = []
    elif how == "extras":
        out["gz:note"] = "x"
        for e in out.get("events") or ():
            e["gz:flag"] = rng.choice([True, "2026-01-01T00:00:00+08:00", None])
        if isinstance(out.get("response"), dict):
            out["response"]["gz:at"] = "2026-01-01"
    return out


def test_a_model_leaves_the_state_of_its_cut_record(tmp_path: Path) -> None:
    """``add_model`` (the model's own values) against ``add(cut_record(...))`` (a dump).

    On generated data and variants of it: other offsets and fractions of a second,
    optional fields left out, empty lists, extension fields at the top and nested.
    """
    from pydantic import ValidationError

    from smartstd.standard import entity_adapter

    data = tmp_path / "community.ndjson"
    counts = gen.counts_for("community", observations=10)
    gen.write(data, fmt="ndjson", scale="community", counts=counts, seed=17, charter="include")
    validate = entity_adapter().validate_python
    defs = indicators()
    rng = random.Random(5)
    for how in MODEL_VARIANTS:
        for now in (None, NOW):
            want, got = Collector(defs, now), Collector(defs, now)
            seen = 0
            for line in data.read_bytes().splitlines()[1:]:
                try:
                    model = validate(variant(json.loads(line), how, rng))
                except ValidationError:
                    continue
                fields = want.reads(model.type) if model.type in want.types else None
                if model.type not in want.types:
                    pass
                elif fields is None:
                    want.add(model.model_dump(mode="json", exclude_none=True))
                else:
                    want.add(cut_record(model, fields))
                got.add_model(model)
                seen += 1
            assert seen > 1000 and got.records == want.records > 500
            assert state(got) == state(want), how
    assert {k for k, _ in want.distinct.items()} >= {"t:nested"}
    members = {v for _, v in want.distinct["t:nested"]}
    assert any(isinstance(v, str) and "T" in v for v in members)  # nested times as text
    assert "2026-01-01" in members  # a nested extension field


def _serializers(annotation: Any, out: list[Any]) -> None:
    from typing import get_args

    for meta in getattr(annotation, "__metadata__", ()):
        if type(meta).__name__ in ("PlainSerializer", "WrapSerializer"):
            out.append(meta)
    for arg in get_args(annotation):
        _serializers(arg, out)


def test_the_models_only_serializers_write_iso_8601() -> None:
    """What :func:`build_plan` with ``models`` rests on: no other serializer in SCDS.

    A nested timestamp or date is read from the model as a datetime or a date
    where a dump has its ISO 8601 text; every other field dumps as it is held.
    """
    from pydantic import BaseModel

    from smartstd.standard._base import Date, SCDSModel, Timestamp

    known = {id(m) for a in (Timestamp, Date) for m in a.__metadata__}
    todo: list[type[BaseModel]] = [SCDSModel]
    seen: set[type[BaseModel]] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        todo.extend(cls.__subclasses__())
        decorators = cls.__pydantic_decorators__
        assert not decorators.field_serializers and not decorators.model_serializers, cls
        assert not cls.model_computed_fields, cls
        for name, info in cls.model_fields.items():
            found: list[Any] = []
            for meta in info.metadata:
                _serializers(meta, found)
                if type(meta).__name__ in ("PlainSerializer", "WrapSerializer"):
                    found.append(meta)
            _serializers(info.annotation, found)
            assert all(id(m) in known for m in found), (cls, name)
            assert not info.exclude, (cls, name)
            text = repr(info.annotation) + repr(info.metadata)
            if "datetime" in text:  # every date and time goes through Timestamp or Date
                assert found, (cls, name)
    assert len(seen) > 40


def test_on_generated_data_whole_records_and_their_dumps(tmp_path: Path) -> None:
    """A generated community, as parsed JSON and as models' Python dumps."""
    from smartstd.standard import entity_adapter

    data = tmp_path / "community.ndjson"
    counts = gen.counts_for("community", observations=20)
    gen.write(data, fmt="ndjson", scale="community", counts=counts, seed=11, charter="include")
    import json

    validate = entity_adapter().validator.validate_json
    now = dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc).timestamp()
    defs = indicators()
    for mode in ("json", "python"):
        want, got = Interpreted(defs, now), Collector(defs, now)
        for line in data.read_bytes().splitlines()[1:]:
            record = json.loads(line)
            if mode == "python":
                record = validate(line).model_dump(exclude_none=True)
            want.add(record)
            got.add(record)
        assert got.records == want.records > 1000
        assert state(got) == state(want)
        assert got.groups().stats == want.groups().stats


def test_a_plan_is_made_once_per_type_and_is_readable() -> None:
    c = Collector(core_indicators(), now=0.0)
    c.add({"type": "ServiceRequest", "id": "r"})
    c.add({"type": "ServiceRequest", "id": "s"})
    assert list(c._plans) == ["ServiceRequest"]
    source = c.plan("ServiceRequest").source
    assert "# request_response_rate (rate)" in source
    assert "r.get('submitted_at')" in source
    assert "_key_row(" not in c.plan("Dwelling").source  # places only, no row
    assert "_place(r)" not in c.plan("Alert").source


def test_definitions_text_never_reaches_the_source() -> None:
    """Field names are string literals (repr); other constants are passed by name."""
    odd = {
        "indicators": [
            {
                "code": "t:odd",
                "kind": "rate",
                "unit": "ratio",
                "direction": "higher_better",
                "entity": "ServiceRequest",
                "where": {"field": "status", "in": ["')\nimport os  #"]},
                "numerator": {"field": {"const": "'); raise SystemExit('"}, "present": True},
                **_TEXT,
            }
        ]
    }
    defs = parse_indicators(odd, "test")
    c = Collector(defs, now=None)
    source = c.plan("ServiceRequest").source
    assert "import os" not in source and "SystemExit" not in source
    c.add({"type": "ServiceRequest", "status": "')\nimport os  #", "submitted_at": "2026-01-01"})
    assert list(c.rows.values()) == [[1.0, 1.0, 0.0]]


def test_a_collector_with_plans_pickles() -> None:
    import pickle

    c = Collector(core_indicators(), now=0.0)
    c.add({"type": "ServiceRequest", "id": "r", "submitted_at": "2026-01-01T00:00:00+08:00"})
    back = pickle.loads(pickle.dumps(c))
    back.add({"type": "ServiceRequest", "id": "s", "submitted_at": "2026-01-01T00:00:00+08:00"})
    c.add({"type": "ServiceRequest", "id": "s", "submitted_at": "2026-01-01T00:00:00+08:00"})
    assert state(back) == state(c)


@pytest.mark.parametrize("now", [None, 1.0])
def test_set_now_changes_what_now_reads(now: float | None) -> None:
    c = Collector(core_indicators())
    c.add({"type": "ServiceProfile", "id": "p", "updated_at": "1970-01-01T00:00:00Z"})
    c.set_now(now)
    c.add({"type": "ServiceProfile", "id": "p", "updated_at": "1970-01-01T00:00:00Z"})
    want = Interpreted(core_indicators())
    want.add({"type": "ServiceProfile", "id": "p", "updated_at": "1970-01-01T00:00:00Z"})
    want.set_now(now)
    want.add({"type": "ServiceProfile", "id": "p", "updated_at": "1970-01-01T00:00:00Z"})
    assert state(c) == state(want)
