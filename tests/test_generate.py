"""The dataset generator: determinism, validity, references, realism, streaming, the example."""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import json
import re
import statistics
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from smartstd.generate import (
    DEFAULT_GENERATED_AT,
    EXAMPLE_FILES,
    SCALES,
    Counts,
    counts_for,
    generate,
    generate_charter,
    write,
    write_example,
    write_records,
)
from smartstd.identifiers import find_id_numbers, find_mobiles, is_credit_code, is_masked_mobile
from smartstd.schemas import build_schemas
from smartstd.standard import CHARTER_TYPES, ENTITY_TYPES, Envelope, entity_adapter
from smartstd.standard.domains import (
    ALERT_CATEGORY_DOMAINS,
    CORE_DOMAINS,
    DEVICE_KIND_DOMAINS,
    PERSONAL_DATA_DEVICE_KINDS,
    REQUEST_CATEGORY_DOMAINS,
    SERVICE_CATEGORY_DOMAINS,
)
from smartstd.standard.lifecycle import INITIAL_STATUS, TRANSITIONS

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "examples" / "guangzhou-panyu"
SEED = 7
NOW = DEFAULT_GENERATED_AT

#: Reference fields that point forward by nature (see the module docstring of smartstd.generate).
FORWARD = {
    ("Organization", ("community_ids", "*")),
    ("Resident", ("consents", "*", "purpose_id")),
    ("ServiceProfile", ("consent_purpose_id",)),
    ("Device", ("data_category_ids", "*")),
}

SMALL = Counts(
    communities=3,
    buildings_per_community=4,
    dwellings=40,
    households=30,
    residents=75,
    facilities=14,
    services=16,
    profiles=15,
    requests=40,
    consultations=6,
    devices=24,
    observations=150,
    alerts=12,
)
#: Six communities over two streets, every template and device kind, few of each.
MULTI = Counts(
    communities=6,
    buildings_per_community=3,
    dwellings=12,
    households=10,
    residents=24,
    facilities=14,
    organizations=0,
    services=16,
    profiles=6,
    requests=15,
    consultations=6,
    devices=24,
    observations=30,
    alerts=6,
)
DATASETS: dict[str, dict[str, Any]] = {
    "community": {},
    "multi": {"counts": MULTI, "classification": "internal"},
    "internal": {"classification": "internal"},
}
HEADER_KEYS = ("standard", "standard_version", "dataset_id")


@functools.cache
def _dataset(
    name: str,
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    recs = list(generate(seed=SEED, **DATASETS[name]))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in recs[1:]:
        groups[e["type"]].append(e)
    return recs, dict(groups), {e["id"]: e for e in recs[1:]}


def _ts(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


def _values(obj: Any, path: tuple[str, ...]) -> Iterator[Any]:
    if not path:
        yield obj
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(obj, list):
            for item in obj:
                yield from _values(item, rest)
    elif isinstance(obj, dict) and obj.get(head) is not None:
        yield from _values(obj[head], rest)


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield k
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


@pytest.fixture(scope="module", params=["community", "multi"])
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def records(name: str) -> list[dict[str, Any]]:
    return _dataset(name)[0]


@pytest.fixture(scope="module")
def by_type(name: str) -> dict[str, list[dict[str, Any]]]:
    return _dataset(name)[1]


@pytest.fixture(scope="module")
def index(name: str) -> dict[str, dict[str, Any]]:
    return _dataset(name)[2]


@pytest.fixture(scope="module")
def community() -> dict[str, list[dict[str, Any]]]:
    return _dataset("community")[1]


# ============================================================================ determinism


def _ndjson(**kw: Any) -> str:
    buf = io.StringIO()
    write(buf, fmt="ndjson", **kw)
    return buf.getvalue()


def test_same_seed_gives_the_same_bytes() -> None:
    assert _ndjson(seed=1, counts=SMALL) == _ndjson(seed=1, counts=SMALL)


def test_different_seeds_differ() -> None:
    assert _ndjson(seed=1, counts=SMALL) != _ndjson(seed=2, counts=SMALL)


def test_json_and_ndjson_hold_the_same_data() -> None:
    buf = io.StringIO()
    write(buf, fmt="json", seed=3, counts=SMALL)
    doc = json.loads(buf.getvalue())
    lines = [json.loads(line) for line in _ndjson(seed=3, counts=SMALL).splitlines()]
    envelope = {k: v for k, v in doc.items() if k != "entities"}
    assert lines[0] == envelope
    assert lines[1:] == doc["entities"]


def test_charter_only_matches_the_full_output(records: list[dict[str, Any]], name: str) -> None:
    kw: dict[str, Any] = DATASETS[name]
    charter = generate_charter(seed=SEED, **{k: v for k, v in kw.items() if k != "classification"})
    only = list(generate(seed=SEED, charter="only", **kw))
    assert only[0] == {k: records[0][k] for k in HEADER_KEYS}
    assert only[1:] == charter
    assert records[-len(charter) :] == charter
    assert {e["type"] for e in charter} <= CHARTER_TYPES
    data = list(generate(seed=SEED, charter="exclude", **kw))
    assert data == records[: -len(charter)]
    assert list(generate(seed=SEED, charter="include", **kw)) == records


def test_observation_lines_equal_json_dumps() -> None:
    buf = io.StringIO()
    write(buf, fmt="ndjson", seed=5, counts=SMALL)
    lines = buf.getvalue().splitlines()
    recs = list(generate(seed=5, counts=SMALL))
    assert len(lines) == len(recs)
    for line, rec in zip(lines, recs, strict=True):
        assert line == json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    odd = [
        {
            "id": "o1",
            "type": "Observation",
            "device_id": "d",
            "observed_at": "t",
            "property": "p",
            "value": v,
            "quality": "good",
        }
        for v in (1, 2.5, True, None, 'x"y', "温度", float("nan"), [1], 10**20, -0.0, 1e16)
    ] + [
        {"type": "Observation", "id": "o2"},
        {
            "id": "o4",
            "type": "Observation",
            "device_id": "d\n",
            "observed_at": "t",
            "property": "p",
            "value": 1.5,
            "unit": None,
            "quality": "good",
        },
        {
            "id": "o5",
            "type": "Observation",
            "device_id": "d",
            "observed_at": "t",
            "property": "p",
            "unit": "%",
            "quality": None,
        },
        {
            "id": "o3",
            "type": "Observation",
            "device_id": 3,
            "observed_at": "t",
            "property": "p",
            "quality": "good",
        },
    ]
    buf = io.StringIO()
    write_records(buf, [{"standard": "scds"}, *odd])
    for line, rec in zip(buf.getvalue().splitlines()[1:], odd, strict=True):
        assert line == json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


def test_yaml_round_trips() -> None:
    buf = io.StringIO()
    write(buf, fmt="yaml", seed=SEED, charter="only", comment="一\ntwo")
    text = buf.getvalue()
    assert text.startswith("# 一\n# two\n")
    doc = yaml.safe_load(text)
    assert doc.pop("entities") == generate_charter(seed=SEED)
    envelope = next(generate(seed=SEED))
    assert doc == {k: envelope[k] for k in HEADER_KEYS}


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="scale"):
        next(generate(scale="galaxy"))
    with pytest.raises(ValueError, match="offset"):
        next(generate(generated_at=dt.datetime(2026, 1, 1)))
    with pytest.raises(ValueError, match="Guangzhou"):
        next(generate(division_code="110105"))
    with pytest.raises(ValueError, match="residents"):
        Counts(households=10, residents=100)
    with pytest.raises(ValueError, match="classification"):
        next(generate(classification="secret"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="charter"):
        next(generate(charter="maybe"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="count"):
        counts_for("community", rooms=3)
    assert counts_for("district", observations=7, requests=None).observations == 7
    with pytest.raises(ValueError, match="format"):
        write_records(io.StringIO(), iter([{}]), fmt="xml")  # type: ignore[arg-type]


# ============================================================================ validity


def test_every_entity_validates(records: list[dict[str, Any]]) -> None:
    Envelope.model_validate(records[0])
    adapter = entity_adapter()
    for e in records[1:]:
        adapter.validate_python(e)


def test_small_dataset_validates_against_the_published_schema() -> None:
    recs = _dataset("multi")[0]
    schema = build_schemas()["dataset.schema.json"]
    doc = {**recs[0], "entities": recs[1:]}
    errors = [
        f"{list(e.absolute_path)}: {e.message[:200]}"
        for e in Draft202012Validator(schema).iter_errors(doc)
    ]
    assert errors == []


def test_envelope(
    records: list[dict[str, Any]], index: dict[str, dict[str, Any]], name: str
) -> None:
    env = records[0]
    assert env["standard"] == "scds"
    assert env["standard_version"] == "1.0.0"
    assert env["generated_at"] == "2026-06-30T18:00:00+08:00"
    assert env["classification"] == DATASETS[name].get("classification", "public")
    assert env["crs"] == "EPSG:4326"
    assert env["extensions"] == {}
    assert index[env["publisher_id"]]["type"] == "Organization"


def test_ids_are_unique_per_type(records: list[dict[str, Any]]) -> None:
    seen = Counter((e["type"], e["id"]) for e in records[1:])
    assert [k for k, n in seen.items() if n > 1] == []


def test_references_resolve_to_earlier_entities_of_the_right_type(
    records: list[dict[str, Any]],
) -> None:
    recs = records
    types_of: dict[str, set[str]] = defaultdict(set)
    position: dict[tuple[str, str], int] = {}
    for i, e in enumerate(recs[1:]):
        position[(e["type"], e["id"])] = i
        types_of[e["id"]].add(e["type"])
    problems = []
    for i, e in enumerate(recs[1:]):
        for ref in ENTITY_TYPES[e["type"]].__references__:
            for target in _values(e, ref.path):
                if "ResponsibilityDomain" in ref.types and target in CORE_DOMAINS:
                    continue
                hits = [(t, target) for t in ref.types if (t, target) in position]
                if not hits:
                    problems.append((e["id"], ref.path, target, "unresolved"))
                    continue
                if ref.kinds:
                    kind = recs[1 + position[hits[0]]].get("kind")
                    if kind not in ref.kinds:
                        problems.append((e["id"], ref.path, target, f"kind {kind}"))
                if (e["type"], ref.path) not in FORWARD and min(position[h] for h in hits) >= i:
                    problems.append((e["id"], ref.path, target, "forward"))
    assert problems == []
    assert recs[0]["publisher_id"] in types_of


def test_entity_order(records: list[dict[str, Any]]) -> None:
    order = list(dict.fromkeys(e["type"] for e in records[1:]))
    assert order[:2] == ["Organization", "Community"]
    assert order.index("Pilot") < order.index("ResponsibilityDomain")
    charter = [t for t in order if t in CHARTER_TYPES]
    assert charter == [
        "ResponsibilityDomain",
        "DataCategory",
        "Purpose",
        "Agreement",
        "Assignment",
        "DataAccessGrant",
        "DutySeparation",
    ]


# ============================================================================ counts and people


def test_community_scale_counts(community: dict[str, list[dict[str, Any]]]) -> None:
    n = {t: len(v) for t, v in community.items()}
    assert n["Community"] == 1
    assert 10 <= n["Building"] <= 14
    assert 380 <= n["Dwelling"] <= 420
    assert 330 <= n["Household"] <= 370
    assert 850 <= n["Resident"] <= 950
    assert 18 <= n["Organization"] <= 24
    assert n["Service"] == 15
    assert n["ServiceProfile"] == 100
    assert n["ServiceRequest"] == 200
    assert n["Consultation"] == 5
    assert n["Device"] == 60
    assert n["Observation"] == 5000
    assert n["Alert"] == 30
    assert n["Pilot"] == 1
    assert n["ServiceRecord"] > 50
    assert SCALES["community"] == Counts()


def test_households_match_their_residents(by_type: dict[str, list[dict[str, Any]]]) -> None:
    members = Counter(r["household_id"] for r in by_type["Resident"])
    sizes = [h["size"] for h in by_type["Household"]]
    assert all(members[h["id"]] == h["size"] for h in by_type["Household"])
    assert set(sizes) <= set(range(1, 7))
    assert 2.4 <= statistics.mean(sizes) <= 2.8
    dwellings = Counter(h["dwelling_id"] for h in by_type["Household"])
    assert max(dwellings.values()) == 1
    comm = by_type["Community"]
    assert sum(c["household_count"] for c in comm) == len(sizes)
    people = sum(c["registered_population"] + c["floating_population"] for c in comm)
    assert people == len(by_type["Resident"])


def test_places_stay_in_their_community(
    by_type: dict[str, list[dict[str, Any]]], index: dict[str, dict[str, Any]]
) -> None:
    buildings = by_type["Building"]
    for b in buildings:
        assert index[b["grid_id"]]["community_id"] == b["community_id"]
        assert index[b["managed_by_id"]]["kind"] == "property_management"
        ring = index[b["community_id"]]["boundary"]["coordinates"][0]
        lon, lat = b["location"]["coordinates"]
        assert ring[0][0] <= lon <= ring[2][0]
        assert ring[0][1] <= lat <= ring[2][1]
    per_building = Counter(d["building_id"] for d in by_type["Dwelling"])
    assert all(per_building[b["id"]] == b["dwelling_count"] for b in buildings)
    occupied = {h["dwelling_id"] for h in by_type["Household"]}
    for d in by_type["Dwelling"]:
        assert (d["occupancy"] == "occupied") == (d["id"] in occupied)


def test_ages_and_special_groups() -> None:
    residents = _dataset("internal")[1]["Resident"]
    year = NOW.year
    over_60 = sum(
        1
        for r in residents
        if ("birth_year" in r and year - r["birth_year"] >= 60)
        or r.get("age_band") in ("60-79", "80+")
    )
    assert 0.13 <= over_60 / len(residents) <= 0.23
    special = sum(1 for r in residents if r.get("special_groups"))
    assert 0.02 <= special / len(residents) <= 0.12
    assert all(("birth_year" in r) != ("age_band" in r) for r in residents)


def test_privacy_of_a_public_dataset(
    records: list[dict[str, Any]], by_type: dict[str, list[dict[str, Any]]]
) -> None:
    assert all("name" not in r for r in by_type["Resident"])
    phones = [r["phone"] for r in by_type["Resident"] if "phone" in r]
    assert phones
    assert all(is_masked_mobile(p) for p in phones)
    for s in _strings(records):
        assert not find_mobiles(s), s
        assert not find_id_numbers(s), s
    for org in by_type["Organization"]:
        if "credit_code" in org:
            assert is_credit_code(org["credit_code"]), org["id"]
    kinds = {o["kind"] for o in by_type["Organization"]}
    assert {
        "street_office",
        "residents_committee",
        "owners_committee",
        "property_management",
        "police_station",
        "telecom_operator",
        "university",
        "research_institute",
        "social_organization",
        "volunteer_group",
        "resident_representative",
        "enterprise",
    } <= kinds


# ============================================================================ participation


def test_requests_follow_the_lifecycle(by_type: dict[str, list[dict[str, Any]]]) -> None:
    statuses: Counter[str] = Counter()
    for r in by_type["ServiceRequest"]:
        events = r["events"]
        assert events[0]["status"] == INITIAL_STATUS
        assert events[0]["at"] == r["submitted_at"]
        for a, b in itertools.pairwise(events):
            assert b["status"] in TRANSITIONS[a["status"]], r["id"]
            assert _ts(a["at"]) < _ts(b["at"]), r["id"]
        assert _ts(events[-1]["at"]) <= NOW
        assert r["status"] == events[-1]["status"]
        due = _ts(r["due_at"])
        assert due > _ts(r["submitted_at"])
        closed = r["status"] in ("resolved", "closed", "rejected", "withdrawn")
        if closed:
            assert _ts(r["response"]["at"]) <= due, r["id"]
        else:
            assert due > NOW, f"{r['id']} is overdue"
            assert "response" not in r
        if "satisfaction" in r:
            assert r["status"] in ("resolved", "closed")
        if r.get("anonymous"):
            assert "requester_id" not in r
            assert all("actor_id" not in e or not e["actor_id"].startswith("res-") for e in events)
        statuses[r["status"]] += 1
    assert statuses["closed"] > len(by_type["ServiceRequest"]) / 2
    categories = Counter(r["category"] for r in by_type["ServiceRequest"])
    assert categories.most_common(2)[0][0] in ("repair", "environment")


def test_consultations(by_type: dict[str, list[dict[str, Any]]]) -> None:
    for c in by_type["Consultation"]:
        assert _ts(c["opens_at"]) < _ts(c["closes_at"])
        assert c["participant_count"] <= c["eligible_count"]
        if "options" in c:
            assert sum(o["votes"] for o in c["options"]) == c["participant_count"]
        if _ts(c["closes_at"]) <= NOW:
            assert _ts(c["closes_at"]) <= _ts(c["decision"]["decided_at"]) <= NOW
        else:
            assert "decision" not in c
    assert any(_ts(c["closes_at"]) > NOW for c in by_type["Consultation"])


# ============================================================================ safety


def test_devices(
    by_type: dict[str, list[dict[str, Any]]], index: dict[str, dict[str, Any]]
) -> None:
    for d in by_type["Device"]:
        if d["kind"] in PERSONAL_DATA_DEVICE_KINDS:
            assert d["captures_personal_data"] is True
            assert d["privacy_notice"] is True
            low, high = (0, 30) if d["kind"] == "face_recognition_gate" else (30, 90)
            assert low <= d["retention_days"] <= high
            assert d["protection_level"] >= (3 if d["kind"] == "face_recognition_gate" else 2)
            sens = {index[c]["sensitivity"] for c in d["data_category_ids"]}
            assert sens & {"personal", "sensitive_personal"}
        else:
            assert [index[c]["sensitivity"] for c in d["data_category_ids"]] == ["internal"]
        if d["status"] == "active":
            assert NOW - _ts(d["last_seen_at"]) <= dt.timedelta(hours=1)
        assert _ts(d["installed_at"]) < _ts(d["last_seen_at"]) <= NOW


def test_observations(
    by_type: dict[str, list[dict[str, Any]]], index: dict[str, dict[str, Any]]
) -> None:
    last: dict[str, dt.datetime] = {}
    props: dict[str, set[str]] = defaultdict(set)
    for o in by_type["Observation"]:
        dev = index[o["device_id"]]
        t = _ts(o["observed_at"])
        assert t <= _ts(dev["last_seen_at"])
        assert o["device_id"] not in last or last[o["device_id"]] < t
        last[o["device_id"]] = t
        props[dev["kind"]].add(o["property"])
        if o["quality"] == "missing":
            assert "value" not in o
    assert "pm2_5" in props["air_quality"]
    assert "smoke_density" in props["smoke_detector"]
    assert props["water_leak"] == {"water_leak"}
    assert all(index[d]["status"] != "retired" for d in last)


def _responsible(by_type: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a in by_type["Assignment"]:
        if a["role"] == "responsible":
            out[a["domain_id"]].add(a["organization_id"])
    return out


def test_alerts(by_type: dict[str, list[dict[str, Any]]], index: dict[str, dict[str, Any]]) -> None:
    responsible = _responsible(by_type)
    for a in by_type["Alert"]:
        det = _ts(a["detected_at"])
        assert det <= NOW
        if "acknowledged_at" in a:
            assert det <= _ts(a["acknowledged_at"])
        if "resolved_at" in a:
            assert _ts(a["acknowledged_at"]) <= _ts(a["resolved_at"]) <= NOW
        if a["severity"] == "critical":
            assert "acknowledged_at" in a
        if a["status"] in ("resolved", "false_alarm"):
            assert "resolved_at" in a
        if "handled_by_id" in a:
            assert a["handled_by_id"] in responsible[ALERT_CATEGORY_DOMAINS[a["category"]]]
        if "device_id" in a:
            assert det <= _ts(index[a["device_id"]]["last_seen_at"])


# ============================================================================ services


def test_services_requests_and_devices_stay_inside_the_charter(
    by_type: dict[str, list[dict[str, Any]]],
) -> None:
    responsible = _responsible(by_type)
    for s in by_type["Service"]:
        dom = SERVICE_CATEGORY_DOMAINS[s["category"]]
        assert s["domain_id"] == dom
        assert s["provider_id"] in responsible[dom], s["id"]
        assert s["responsible_id"] in responsible[dom], s["id"]
    for r in by_type["ServiceRequest"]:
        if "assigned_to_id" in r:
            assert r["assigned_to_id"] in responsible[REQUEST_CATEGORY_DOMAINS[r["category"]]], r[
                "id"
            ]
    grants = {(g["organization_id"], g["data_category_id"]) for g in by_type["DataAccessGrant"]}
    for d in by_type["Device"]:
        assert d["operator_id"] in responsible[DEVICE_KIND_DOMAINS[d["kind"]]], d["id"]
        for cat in d["data_category_ids"]:
            assert (d["operator_id"], cat) in grants, d["id"]


def test_profiles_and_records(
    by_type: dict[str, list[dict[str, Any]]], index: dict[str, dict[str, Any]]
) -> None:
    needs = covered = 0
    for p in by_type["ServiceProfile"]:
        updated = _ts(p["updated_at"])
        assert NOW - dt.timedelta(days=180) < updated <= NOW
        cats = set()
        for e in p.get("enrolments", []):
            svc = index[e["service_id"]]
            assert svc["status"] == "active"
            assert _ts(e["enrolled_at"]) <= updated
            cats.add(svc["category"])
            elig = svc.get("eligibility")
            if elig:
                assert "resident_id" in p
                res = index[p["resident_id"]]
                if "special_groups" in elig:
                    assert set(elig["special_groups"]) & set(res.get("special_groups", []))
                if "min_age" in elig and "birth_year" in res:
                    assert NOW.year - res["birth_year"] - 1 >= elig["min_age"]
        for n in p["needs"]:
            assert _ts(n["assessed_at"]) <= updated
            needs += 1
            covered += n["category"] in cats
    assert 0.6 <= covered / needs < 1.0
    enrolled = {
        (p["id"], e["service_id"])
        for p in by_type["ServiceProfile"]
        for e in p.get("enrolments", [])
    }
    for rec in by_type["ServiceRecord"]:
        assert (rec["profile_id"], rec["service_id"]) in enrolled
        assert rec["provider_id"] == index[rec["service_id"]]["provider_id"]
        assert _ts(rec["delivered_at"]) <= NOW


# ============================================================================ the charter


def test_the_charter_is_sound(
    by_type: dict[str, list[dict[str, Any]]], index: dict[str, dict[str, Any]]
) -> None:
    today = NOW.date()
    domains = {d: (c.affects_residents, c.exclusive) for d, c in CORE_DOMAINS.items()}
    for d in by_type["ResponsibilityDomain"]:
        domains[d["id"]] = (d["affects_residents"], d["exclusive"])
    roles: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for a in by_type["Assignment"]:
        roles[a["domain_id"]][a["role"]].append(a)
    held: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for a in by_type["Assignment"]:
        held[a["organization_id"]].add((a["domain_id"], a["role"]))
    resident_kinds = {"residents_committee", "owners_committee", "resident_representative"}
    for dom, (affects, exclusive) in domains.items():
        r = roles[dom]
        assert len(r["accountable"]) == 1, dom
        assert r["responsible"], dom
        if exclusive and len(r["responsible"]) > 1:
            assert sum(a.get("lead", False) for a in r["responsible"]) == 1, dom
        if affects:
            assert any(
                index[a["organization_id"]]["kind"] in resident_kinds for a in r["consulted"]
            ), dom
    accountable = {
        (a["organization_id"], a["domain_id"])
        for a in by_type["Assignment"]
        if a["role"] == "accountable"
    }
    purposes = {p["id"]: p for p in by_type["Purpose"]}
    agreements = {a["id"]: a for a in by_type["Agreement"]}
    for ag in agreements.values():
        assert {b["organization_id"] for b in ag["benefits"]} == set(ag["party_ids"]), ag["id"]
        assert {o["organization_id"] for o in ag["obligations"]} == set(ag["party_ids"]), ag["id"]
        for b in ag["benefits"]:
            if b["kind"] == "public_service":  # not a conflicting benefit (SC612)
                continue
            for dom in b["domain_ids"] or ag["domain_ids"]:
                assert (b["organization_id"], dom) not in accountable
    for g in by_type["DataAccessGrant"]:
        cat = index[g["data_category_id"]]
        assert g["data_category_id"] in purposes[g["purpose_id"]]["data_category_ids"], g["id"]
        if cat["sensitivity"] == "sensitive_personal":
            bases = ("consent", "legal_obligation", "public_interest", "vital_interest")
            assert g.get("legal_basis") in bases, g["id"]
            assert g.get("agreement_id"), g["id"]
        if g.get("agreement_id"):
            ag = agreements[g["agreement_id"]]
            assert g["organization_id"] in ag["party_ids"], g["id"]
            assert g["data_category_id"] in ag["data_category_ids"], g["id"]
            assert g["purpose_id"] in ag["purpose_ids"], g["id"]
        if g["legal_role"] in ("processor", "sub_processor"):
            assert agreements[g["agreement_id"]]["kind"] == "data_processing", g["id"]
    delegated = [g for g in by_type["DataAccessGrant"] if "delegated_from_id" in g]
    assert delegated
    for g in delegated:
        src = index[g["delegated_from_id"]]
        assert set(g["actions"]) < set(src["actions"])
        assert (g["data_category_id"], g["purpose_id"]) == (
            src["data_category_id"],
            src["purpose_id"],
        )
        assert src["valid_from"] <= g["valid_from"]
        assert g["valid_until"] <= src["valid_until"]
    for sep in by_type["DutySeparation"]:
        duties = {(d["domain_id"], d["role"]) for d in sep["duties"]}
        for org, h in held.items():
            assert len(duties & h) <= sep["max_held"], (sep["id"], org)
    for e in [*by_type["Assignment"], *by_type["DataAccessGrant"], *by_type["Agreement"]]:
        assert (
            dt.date.fromisoformat(e["valid_from"])
            <= today
            <= dt.date.fromisoformat(e["valid_until"])
        )
    named = set(held) | {g["organization_id"] for g in by_type["DataAccessGrant"]}
    named |= {p for a in agreements.values() for p in a["party_ids"]}
    assert {o["id"] for o in by_type["Organization"]} <= named


def test_consents_point_at_purposes(by_type: dict[str, list[dict[str, Any]]]) -> None:
    purposes = {p["id"] for p in by_type["Purpose"]}
    consents = [c for r in by_type["Resident"] for c in r.get("consents", [])]
    assert consents
    assert all(c["purpose_id"] in purposes and _ts(c["given_at"]) <= NOW for c in consents)


# ============================================================ streaming and the example


class _Sink(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.chars = 0
        self.lines = 0

    def write(self, s: str) -> int:
        self.chars += len(s)
        self.lines += s.count("\n")
        return len(s)


def test_ndjson_streams_in_bounded_memory() -> None:
    counts = Counts(
        buildings_per_community=2,
        dwellings=20,
        households=10,
        residents=20,
        profiles=5,
        requests=10,
        devices=30,
        observations=200_000,
        alerts=5,
        consultations=2,
    )
    sink = _Sink()
    tracemalloc.start()
    try:
        stats = write(sink, fmt="ndjson", seed=1, counts=counts, charter=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stats.by_type["Observation"] == 200_000
    assert sink.lines == stats.entities + 1
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_json_output_is_incremental_and_valid() -> None:
    buf = io.StringIO()
    stats = write(buf, fmt="json", seed=2, counts=SMALL, charter=False)
    text = buf.getvalue()
    doc = json.loads(text)
    assert len(doc["entities"]) == stats.entities
    assert re.search(r'\n  "entities": \[\n    \{', text)
    assert text.count("\n    {") == stats.entities


def test_the_committed_example_equals_a_fresh_regeneration(tmp_path: Path) -> None:
    stats = write_example(tmp_path)
    assert set(stats) == set(EXAMPLE_FILES)
    for name in EXAMPLE_FILES:
        committed = EXAMPLE_DIR / name
        assert committed.exists(), (
            f"missing {committed}; regenerate with smartstd.generate.write_example"
        )
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), name
    total = sum(p.stat().st_size for p in EXAMPLE_DIR.rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024
    charter = yaml.safe_load((EXAMPLE_DIR / "charter.yaml").read_text(encoding="utf-8"))
    data = json.loads((EXAMPLE_DIR / "dataset.json").read_text(encoding="utf-8"))
    assert charter["dataset_id"] == data["dataset_id"]
    assert {e["type"] for e in charter["entities"]} <= CHARTER_TYPES
    assert not {e["type"] for e in data["entities"]} & CHARTER_TYPES


def test_a_public_dataset_holds_back_sensitive_data() -> None:
    sensitive_needs = {"health", "disability_support", "social_assistance"}
    sensitive_devices = {"face_recognition_gate", "access_control"}
    seen: dict[str, Counter[str]] = {}
    for name in ("community", "internal"):
        _, groups, index = _dataset(name)
        c: Counter[str] = Counter()
        c["special_groups"] = sum(1 for r in groups["Resident"] if r.get("special_groups"))
        for p in groups["ServiceProfile"]:
            c["sensitive_needs"] += sum(n["category"] in sensitive_needs for n in p["needs"])
            for e in p.get("enrolments", []):
                elig = index[e["service_id"]].get("eligibility", {})
                c["group_enrolments"] += "special_groups" in elig
        c["sensitive_readings"] = sum(
            index[o["device_id"]]["kind"] in sensitive_devices for o in groups["Observation"]
        )
        seen[name] = c
    assert set(seen["community"].values()) == {0}
    assert all(seen["internal"].values())


def test_the_example_conforms_at_level_3() -> None:
    engine = pytest.importorskip("smartstd.conformance.engine")
    files = [str(EXAMPLE_DIR / "dataset.json"), str(EXAMPLE_DIR / "charter.yaml")]
    report = engine.check(files, level="L3")
    # on purpose: SC502 unmet needs; SC801 the pilot's mean satisfaction (3.95) misses its 4.0
    assert [f for f in report.findings if f.code not in ("SC502", "SC801")] == []
    missed = [f for f in report.findings if f.code == "SC801"]
    assert [(f.params["indicator"], f.params["value"]) for f in missed] == [
        ("mean_satisfaction", "3.95")
    ]
    assert report.is_conformant()


def test_the_example_readme_tells_the_same_story() -> None:
    readme = (EXAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    data = json.loads((EXAMPLE_DIR / "dataset.json").read_text(encoding="utf-8"))
    community = next(e for e in data["entities"] if e["type"] == "Community")
    for figure in (
        community["name"]["zh-CN"],
        community["name"]["en"],
        str(community["registered_population"]),
        str(community["floating_population"]),
        str(community["household_count"]),
    ):
        assert figure in readme
    assert "smartstd check examples/guangzhou-panyu" in readme
