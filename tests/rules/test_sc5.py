"""Unit tests of the SC5xx services-and-needs rules, called directly with model instances."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Sequence
from typing import Any

import pytest

from smartstd.catalogue import get_rule, render_message
from smartstd.conformance.rule import DATASET_RULES, ENTITY_RULES, Context, Hit, Where
from smartstd.report import Finding, Severity, pointer
from smartstd.rules.sc5 import checks as sc5
from smartstd.rules.sc5.checks import _eligibility
from smartstd.standard.dataset import entity_adapter

NOW = dt.datetime(2026, 6, 30, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
T = "2026-01-05T09:00:00+08:00"


def make(raw: dict[str, Any]) -> Any:
    return entity_adapter().validate_python(raw)


def service(sid: str, category: str = "elderly_care", status: str = "active", **fields: Any) -> Any:
    return make(
        {
            "id": sid,
            "type": "Service",
            "name": {"zh-CN": sid},
            "category": category,
            "status": status,
            **fields,
        }
    )


def profile(
    pid: str, needs: Sequence[str] = (), enrolments: Sequence[Any] = (), **fields: Any
) -> Any:
    raw: dict[str, Any] = {
        "id": pid,
        "type": "ServiceProfile",
        "updated_at": "2026-03-01T10:00:00+08:00",
        "needs": [{"category": c, "assessed_at": T, "source": "home_visit"} for c in needs],
        "enrolments": [
            e if isinstance(e, dict) else {"service_id": e, "enrolled_at": T} for e in enrolments
        ],
    }
    raw.update(fields)
    if "household_id" not in raw and "resident_id" not in raw:
        raw["household_id"] = "hh-1"
    return make(raw)


def resident(rid: str, **fields: Any) -> Any:
    return make({"id": rid, "type": "Resident", **fields})


def household(hid: str, size: int) -> Any:
    return make({"id": hid, "type": "Household", "dwelling_id": "dw-1", "size": size})


def ctx(now: dt.datetime | None = NOW, **params: dict[str, Any]) -> Context:
    return Context(now=now, classification="internal", params=params)


def _renders(hit: Hit) -> None:
    finding = Finding(hit.code, Severity.ERROR, path=hit.path, params=dict(hit.params))
    for lang in ("en", "zh-CN"):
        text = render_message(finding, lang)
        assert "{" not in text, (hit.code, lang, text)


Placed = tuple[str, str | None, str]  # (code, entity id, pointer)


def _place(hits: Any, where: Where | None, out: list[Placed]) -> None:
    for hit in hits:
        _renders(hit)
        w = hit.where or where
        assert w is not None, "a hit from finish() must say where it is"
        out.append((hit.code, w.entity_id, pointer(hit.path)))


def wheres(entities: list[Any]) -> list[tuple[Any, Where]]:
    return [(e, Where("data.ndjson", i + 2, (), e.type, e.id)) for i, e in enumerate(entities)]


def run_one(rule: Any, entities: list[Any], context: Context | None = None) -> list[Placed]:
    """All records through one state."""
    context = context or ctx()
    state = rule.new_state()
    out: list[Placed] = []
    for e, w in wheres(entities):
        if e.type in rule.types:
            _place(rule.collect(state, e, w, context), w, out)
    _place(rule.finish(state, context), None, out)
    return out


def run_split(
    rule: Any, entities: list[Any], cut: int, context: Context | None = None
) -> list[Placed]:
    """Records before ``cut`` in one state and the rest in another, merged in input order."""
    context = context or ctx()
    records = wheres(entities)
    out: list[Placed] = []
    states = []
    for part in (records[:cut], records[cut:]):
        state = rule.new_state()
        for e, w in part:
            if e.type in rule.types:
                _place(rule.collect(state, e, w, context), w, out)
        states.append(pickle.loads(pickle.dumps(state)))  # states travel between processes
    merged = rule.merge(states[0], states[1])
    _place(rule.finish(merged, context), None, out)
    return out


def assert_split_invariant(
    rule: Any, entities: list[Any], context: Context | None = None
) -> list[Placed]:
    whole = sorted(run_one(rule, entities, context))
    for cut in range(len(entities) + 1):
        assert sorted(run_split(rule, entities, cut, context)) == whole, cut
    return whole


def test_every_sc5_rule_is_registered_with_a_catalogue_entry() -> None:
    registered = {
        code for entries in ENTITY_RULES.values() for codes, _ in entries for code in codes
    }
    registered |= {code for rule in DATASET_RULES for code in rule.codes}
    for n in range(501, 506):
        code = f"SC{n}"
        assert code in registered
        assert get_rule(code).level.value == "L2"


# --------------------------------------------------------------------------- SC501


def _stale(updated_at: str, context: Context | None = None) -> list[Hit]:
    hits = list(sc5.service_profile_stale(profile("p-1", updated_at=updated_at), context or ctx()))
    for h in hits:
        _renders(h)
    return hits


def test_sc501_exactly_max_age_is_fresh_and_a_second_more_is_stale() -> None:
    limit = NOW - dt.timedelta(days=365)
    assert _stale(limit.isoformat()) == []
    hits = _stale((limit - dt.timedelta(seconds=1)).isoformat())
    assert [pointer(h.path) for h in hits] == ["/updated_at"]
    assert hits[0].params["max_age_days"] == 365


def test_sc501_params_and_missing_clock() -> None:
    old = (NOW - dt.timedelta(days=100)).isoformat()
    assert _stale(old) == []
    assert len(_stale(old, ctx(SC501={"max_age_days": 90}))) == 1
    assert _stale("2000-01-01T00:00:00+08:00", ctx(now=None)) == []


# --------------------------------------------------------------------------- SC502 / SC505

COVERAGE = sc5.ServiceCoverageRule()


def test_sc502_need_met_by_an_active_enrolment_in_an_active_service() -> None:
    data = [service("svc-a"), profile("p-1", ["elderly_care"], ["svc-a"])]
    assert assert_split_invariant(COVERAGE, data) == []


def test_sc502_need_unserved_in_the_many_ways() -> None:
    ended = {"service_id": "svc-a", "enrolled_at": T, "ended_at": "2026-02-01T09:00:00+08:00"}
    future = {"service_id": "svc-a", "enrolled_at": "2026-07-01T09:00:00+08:00"}
    data = [
        profile("p-late-service", ["elderly_care"], ["svc-a"]),  # served: the service comes later
        service("svc-a"),
        service("svc-health", "health"),
        service("svc-paused", status="suspended"),
        profile("p-none", ["elderly_care"]),
        profile("p-other-category", ["elderly_care"], ["svc-health"]),
        profile("p-suspended", ["elderly_care"], ["svc-paused"]),
        profile("p-ended", ["elderly_care"], [ended]),
        profile("p-future", ["elderly_care"], [future]),
        profile("p-two-needs", ["health", "elderly_care"], ["svc-health"]),
        profile("p-forward", ["childcare"], ["svc-child"]),  # not served: the service comes later
        profile("p-unknown", ["childcare"], ["svc-missing"]),  # SC202's business
        service("svc-child", "childcare", status="retired"),
    ]
    found = assert_split_invariant(COVERAGE, data)
    sc502 = [(eid, ptr) for code, eid, ptr in found if code == "SC502"]
    assert sc502 == [
        ("p-ended", "/needs/0/category"),
        ("p-forward", "/needs/0/category"),
        ("p-future", "/needs/0/category"),
        ("p-none", "/needs/0/category"),
        ("p-other-category", "/needs/0/category"),
        ("p-suspended", "/needs/0/category"),
        ("p-two-needs", "/needs/1/category"),
    ]
    # p-forward's open enrolment is in a retired service: SC505
    assert [(eid, ptr) for code, eid, ptr in found if code == "SC505"] == [
        ("p-forward", "/enrolments/0/service_id")
    ]


def test_sc505_only_open_enrolments_count() -> None:
    ended = {"service_id": "svc-old", "enrolled_at": T, "ended_at": "2026-02-01T09:00:00+08:00"}
    ends_later = {
        "service_id": "svc-old",
        "enrolled_at": T,
        "ended_at": "2026-12-31T09:00:00+08:00",
    }
    data = [
        profile("p-before", enrolments=["svc-old"]),
        service("svc-old", status="retired"),
        service("svc-new"),
        profile("p-ended", enrolments=[ended]),
        profile("p-ends-later", enrolments=["svc-new", ends_later]),
        profile("p-after", enrolments=["svc-old"]),
    ]
    found = assert_split_invariant(COVERAGE, data)
    assert found == [
        ("SC505", "p-after", "/enrolments/0/service_id"),
        ("SC505", "p-before", "/enrolments/0/service_id"),
        ("SC505", "p-ends-later", "/enrolments/1/service_id"),
    ]


def test_sc502_first_service_of_a_repeated_id_wins() -> None:
    # a repeated id is SC201's error; across a split it may settle either way
    data = [
        service("svc-a"),
        service("svc-a", "health"),
        profile("p-1", ["elderly_care"], ["svc-a"]),
    ]
    assert run_one(COVERAGE, data) == []
    assert run_split(COVERAGE, data, 2) == []


# --------------------------------------------------------------------------- SC503

ELIGIBILITY = sc5.EligibilityRule()


def _elderly(**eligibility: Any) -> Any:
    return service("svc-old-age", eligibility=eligibility)


@pytest.mark.parametrize(
    ("person", "found"),
    [
        ({"birth_year": 1966}, False),  # 59 or 60 in 2026: not certainly too young
        ({"birth_year": 1967}, True),  # 58 or 59
        ({"age_band": "60-79"}, False),
        ({"age_band": "35-59"}, True),
        ({}, False),  # age unknown
    ],
)
def test_sc503_minimum_age_boundaries(person: dict[str, Any], found: bool) -> None:
    data = [
        _elderly(min_age=60),
        resident("res-1", **person),
        profile("p-1", enrolments=["svc-old-age"], resident_id="res-1"),
    ]
    hits = assert_split_invariant(ELIGIBILITY, data)
    assert hits == ([("SC503", "p-1", "/enrolments/0/service_id")] if found else [])


@pytest.mark.parametrize(
    ("person", "found"),
    [({"birth_year": 2008}, False), ({"birth_year": 2007}, True), ({"age_band": "80+"}, True)],
)
def test_sc503_maximum_age(person: dict[str, Any], found: bool) -> None:
    data = [
        service("svc-teen", "education", eligibility={"max_age": 17}),
        resident("r", **person),
        profile("p", enrolments=["svc-teen"], resident_id="r"),
    ]
    assert bool(assert_split_invariant(ELIGIBILITY, data)) is found


def test_sc503_special_groups_and_residence_type() -> None:
    groups = service(
        "svc-alone", eligibility={"special_groups": ["elderly_living_alone", "disabled"]}
    )
    hukou = service(
        "svc-hukou", "social_assistance", eligibility={"residence_types": ["registered"]}
    )
    data = [
        groups,
        hukou,
        resident("r-alone", special_groups=["elderly_living_alone"], residence_type="non_local"),
        resident("r-none", residence_type="registered"),
        resident("r-unknown"),
        profile("p-alone", enrolments=["svc-alone", "svc-hukou"], resident_id="r-alone"),
        profile("p-none", enrolments=["svc-alone", "svc-hukou"], resident_id="r-none"),
        profile("p-unknown", enrolments=["svc-hukou"], resident_id="r-unknown"),
    ]
    state = ELIGIBILITY.new_state()
    hits: list[Hit] = []
    for e, w in wheres(data):
        hits.extend(
            h if h.where else Hit(h.code, h.path, h.params, w)
            for h in ELIGIBILITY.collect(state, e, w, ctx())
        )
    hits.extend(ELIGIBILITY.finish(state, ctx()))
    got = sorted(
        (h.where.entity_id if h.where else None, pointer(h.path), h.params["reason"]) for h in hits
    )
    assert got == [
        ("p-alone", "/enrolments/1/service_id", "residence_type"),
        ("p-none", "/enrolments/0/service_id", "special_groups"),
    ]
    for h in hits:
        assert "elderly_living_alone" not in str(h.params.get("resident"))
    assert_split_invariant(ELIGIBILITY, data)


def test_sc503_household_profiles_ended_enrolments_and_forward_records() -> None:
    ended = {"service_id": "svc-old-age", "enrolled_at": T, "ended_at": "2026-02-01T09:00:00+08:00"}
    data = [
        profile("p-forward", enrolments=["svc-old-age"], resident_id="r-young"),
        profile("p-household", enrolments=["svc-old-age"], household_id="hh-1"),
        profile("p-ended", enrolments=[ended], resident_id="r-young"),
        resident("r-young", birth_year=2000),
        _elderly(min_age=60),
        profile("p-open-ended-service", enrolments=["svc-nothing"], resident_id="r-young"),
        service("svc-nothing", "convenience"),
    ]
    assert assert_split_invariant(ELIGIBILITY, data) == [
        ("SC503", "p-forward", "/enrolments/0/service_id")
    ]


def test_sc503_without_a_clock_only_age_bands_count() -> None:
    data = [_elderly(min_age=60), resident("r1", birth_year=2000), resident("r2", age_band="18-34")]
    data += [
        profile("p1", enrolments=["svc-old-age"], resident_id="r1"),
        profile("p2", enrolments=["svc-old-age"], resident_id="r2"),
    ]
    assert run_one(ELIGIBILITY, data, ctx(now=None)) == [
        ("SC503", "p2", "/enrolments/0/service_id")
    ]


def test_sc503_packing_round_trip() -> None:
    packed = _eligibility._pack(1950, "60-79", "non_local")
    assert _eligibility._ages(packed, NOW) == (75, 76)
    assert _eligibility._ages(packed, None) == (60, 79)
    assert _eligibility._ages(_eligibility._pack(None, "80+", None), NOW) == (80, 150)
    assert _eligibility._ages(_eligibility._pack(None, None, "registered"), NOW) is None
    assert _eligibility._band("gz:odd") is None


# --------------------------------------------------------------------------- SC504

HOUSEHOLDS = sc5.HouseholdSizeRule()


def test_sc504_size_against_residents() -> None:
    data = [
        resident("r0", household_id="hh-3"),
        household("hh-3", 3),
        household("hh-2", 2),
        household("hh-empty", 4),  # no resident names it: not checked
        resident("r1", household_id="hh-3"),
        resident("r2", household_id="hh-2"),
        resident("r3", household_id="hh-2"),
        resident("r4", household_id="hh-2"),
        resident("r5"),
        resident("r6", household_id="hh-missing"),
    ]
    found = assert_split_invariant(HOUSEHOLDS, data)
    assert found == [("SC504", "hh-2", "/size"), ("SC504", "hh-3", "/size")]


def test_sc504_params_of_a_finding() -> None:
    data = [
        household("hh-1", 1),
        resident("a", household_id="hh-1"),
        resident("b", household_id="hh-1"),
    ]
    state = HOUSEHOLDS.new_state()
    for e, w in wheres(data):
        list(HOUSEHOLDS.collect(state, e, w, ctx()))
    (hit,) = HOUSEHOLDS.finish(state, ctx())
    assert dict(hit.params) == {"size": 1, "residents": 2}
    assert hit.where is not None
    assert hit.where.line == 2


# --------------------------------------------------------------------------- through the engine


def test_split_between_worker_processes_gives_the_same_report(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from smartstd.conformance import engine

    envelope = {
        "standard": "scds",
        "standard_version": "1.1.0",
        "dataset_id": "split",
        "publisher_id": "org-so",
        "generated_at": NOW.isoformat(),
        "classification": "internal",
    }
    records: list[dict[str, Any]] = [
        {
            "id": "org-so",
            "type": "Organization",
            "name": {"zh-CN": "街道"},
            "kind": "street_office",
        },
        {"id": "c-1", "type": "Community", "name": {"zh-CN": "社区"}, "division_code": "440113"},
        {"id": "b-1", "type": "Building", "community_id": "c-1", "name": {"zh-CN": "1 栋"}},
        {"id": "dw-1", "type": "Dwelling", "building_id": "b-1", "unit_number": "101"},
    ]
    for i in range(40):
        records.append(
            {
                "id": f"r-{i}",
                "type": "Resident",
                "household_id": f"hh-{i % 7}",
                "birth_year": 1940 + i,
            }
        )
        if i % 5 == 0:
            records.append(
                {"id": f"hh-{i // 5}", "type": "Household", "dwelling_id": "dw-1", "size": 5}
            )
        if i % 4 == 0:
            records.append(
                {
                    "id": f"sp-{i}",
                    "type": "ServiceProfile",
                    "resident_id": f"r-{i}",
                    "updated_at": "2026-03-01T10:00:00+08:00",
                    "needs": [{"category": "elderly_care", "assessed_at": T, "source": "survey"}],
                    "enrolments": [{"service_id": f"svc-{i % 3}", "enrolled_at": T}],
                }
            )
    records += [
        {
            "id": "svc-0",
            "type": "Service",
            "name": {"zh-CN": "助餐"},
            "category": "elderly_care",
            "eligibility": {"min_age": 60},
        },
        {
            "id": "svc-1",
            "type": "Service",
            "name": {"zh-CN": "旧"},
            "category": "elderly_care",
            "status": "retired",
        },
        {"id": "svc-2", "type": "Service", "name": {"zh-CN": "义诊"}, "category": "health"},
    ]
    path = tmp_path / "data.ndjson"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in [envelope, *records]) + "\n", "utf-8"
    )
    select = ("SC5",)
    one = engine.check([str(path)], select=select)
    monkeypatch.setattr(engine, "_MIN_SPLIT_BYTES", 0)
    chunks: list[int] = []
    parallel = engine.Engine._parallel

    def counting(self: Any, file: str, context: Context) -> Any:
        results = list(parallel(self, file, context))
        chunks.append(len(results))
        return iter(results)

    monkeypatch.setattr(engine.Engine, "_parallel", counting)
    many = engine.check([str(path)], select=select, jobs=3)
    assert len(chunks) == 1
    assert chunks[0] > 1
    assert {f.code for f in one.findings} == {"SC502", "SC503", "SC504", "SC505"}
    assert [f.to_dict() for f in many.findings] == [f.to_dict() for f in one.findings]


# --------------------------------------------------------------------------- SC506 at volume


def test_sc506_a_resident_repeated_is_one_subject_with_each_consent_once() -> None:
    # an export that repeats a table: a guardian's record 2,000 times. Each
    # profile's subjects and their consents are judged once each, not
    # 2,000 x 2,000 times (it took 22 s at 4,000 copies), with the same result
    from smartstd.rules.sc5.checks._consent import ConsentRule

    rule = next(r for r in DATASET_RULES if isinstance(r, ConsentRule))
    child = resident("r-child", household_id="hh-1", age_band="7-17")
    guardian = resident(
        "r-g",
        household_id="hh-1",
        consents=[{"purpose_id": "p-1", "given_at": "2026-01-01T09:00:00+08:00"}],
    )
    late = profile(
        "sp-1",
        resident_id="r-child",
        consent_purpose_id="p-1",
        updated_at="2025-12-01T09:00:00+08:00",
    )
    kept = profile("sp-2", resident_id="r-child", consent_purpose_id="p-1")
    once = run_one(rule, [child, guardian, late, kept])
    assert once == [("SC506", "sp-1", "/consent_purpose_id")]
    assert run_one(rule, [child, *[guardian] * 2_000, late, kept]) == once
    state = rule.new_state()
    context = ctx()
    for e, w in wheres([child, *[guardian] * 2_000]):
        rule.collect(state, e, w, context)
    assert list(state.members["hh-1"]) == ["r-child", "r-g"]
    assert len(state.consents["r-g"]) == 1
    assert_split_invariant(rule, [child, guardian, guardian, late, kept])
