"""SC4xx safety, security and privacy rules, called directly on models and contexts."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterable
from typing import Any

import pytest

from smartstd.catalogue import all_rules, get_rule, validate_catalogue
from smartstd.conformance.rule import DATASET_RULES, Context, Hit, Where
from smartstd.identifiers import is_id_number
from smartstd.report import Finding, Severity
from smartstd.rules.sc4 import checks as sc4
from smartstd.standard.dataset import entity_adapter

NOW = dt.datetime(2026, 6, 30, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ID = "11010519491231002X"  # a valid GB 11643 number (the standard's own example)
ID_DIGITS = "440113199003071235"  # valid, digits only
ID_BAD_CHECK = "110105194912310021"  # same first 17 digits, wrong check digit
BOTH = "111101194912319070"  # a valid credit code that also passes as an identity number


def model(**data: Any) -> Any:
    return entity_adapter().validate_python(data)


def ctx(classification: str = "public", now: dt.datetime | None = NOW, **params: Any) -> Context:
    return Context(now=now, classification=classification, params=params)


def at(hhmm: str, day: int = 30) -> str:
    return f"2026-06-{day:02d}T{hhmm}:00+08:00"


def scan(code: str) -> sc4.RecordScan:
    return next(r for r in DATASET_RULES if isinstance(r, sc4.RecordScan) and code in r.codes)


def run(code: str, record: Any, context: Context | None = None) -> list[Hit]:
    """The hits of rule ``code`` (one scan finds SC401, SC402 and SC411 together)."""
    found = scan(code).collect(None, record, Where(None, None, ()), context or ctx())
    hits = [h for h in found if h.code == code]
    _renders(hits)
    return hits


def _renders(hits: Iterable[Hit]) -> None:
    """Every hit's parameters fill its message in both languages."""
    for hit in hits:
        finding = Finding(hit.code, Severity.ERROR, path=hit.path, params=dict(hit.params))
        for lang in ("en", "zh-CN"):
            text = finding.message(lang)
            assert "{" not in text, (hit, text)


def entity_hits(fn: Any, e: Any, context: Context | None = None) -> list[Hit]:
    hits = list(fn(e, context or ctx()))
    _renders(hits)
    return hits


def resident(**kw: Any) -> Any:
    return model(id="res-1", type="Resident", **kw)


def request(**kw: Any) -> Any:
    data = {
        "id": "req-1",
        "type": "ServiceRequest",
        "community_id": "c-1",
        "category": "inquiry",
        "channel": "app",
        "submitted_at": at("17:30"),
        "status": "submitted",
    }
    data.update(kw)
    return model(**data)


def device(kind: str = "cctv_camera", **kw: Any) -> Any:
    data: dict[str, Any] = {
        "id": "dev-1",
        "type": "Device",
        "community_id": "c-1",
        "kind": kind,
        "status": "active",
        "privacy_notice": True,
        "retention_days": 30,
        "protection_level": 3,
        "last_seen_at": at("17:00"),
    }
    data.update(kw)
    return model(**{k: v for k, v in data.items() if v is not None})


def alert(**kw: Any) -> Any:
    data = {
        "id": "al-1",
        "type": "Alert",
        "community_id": "c-1",
        "category": "fire",
        "severity": "critical",
        "detected_at": at("10:00"),
        "status": "open",
    }
    data.update(kw)
    return model(**{k: v for k, v in data.items() if v is not None})


# --------------------------------------------------------------------------- catalogue


def test_catalogue_has_every_sc4_rule_complete() -> None:
    codes = [r.code for r in all_rules() if r.code.startswith("SC4")]
    assert codes == [f"SC4{i:02d}" for i in range(1, 12)]
    assert [p for p in validate_catalogue() if p.startswith("SC4")] == []
    assert all(get_rule(c).level.value == "L2" for c in codes)


def test_fixtures_are_what_they_claim() -> None:
    assert is_id_number(ID)
    assert is_id_number(ID_DIGITS)
    assert not is_id_number(ID_BAD_CHECK)


# --------------------------------------------------------------------------- SC401


def test_sc401_id_number_embedded_in_free_text() -> None:
    e = request(
        description=f"身份证号{ID}，请核实",
        events=[{"at": at("17:30"), "status": "submitted", "note": f"证件 {ID.lower()}。"}],
    )
    hits = run("SC401", e)
    assert [h.path for h in hits] == [("description",), ("events", 0, "note")]
    assert hits[0].params["masked"] == "110105****002X"
    assert hits[1].params["field"] == "events.0.note"


def test_sc401_extension_fields_nested_values_keys_and_integers() -> None:
    e = resident(
        **{
            "gz:card": {"holder": {ID: "verified"}, "list": ["x", f"no. {ID_DIGITS}"]},
            "gz:raw": int(ID_DIGITS),
        }
    )
    hits = run("SC401", e)
    assert [(h.path, h.params["in_key"]) for h in hits] == [
        (("gz:card", "holder"), True),  # a key: reported at its object, never in the path
        (("gz:card", "list", 1), False),
        (("gz:raw",), False),
    ]


def test_sc401_structurally_invalid_record_is_scanned_too() -> None:
    raw = {"id": "res-9", "type": "Resident", "id_number": ID, "age_band": 7}
    hits = run("SC401", raw)
    assert [h.path for h in hits] == [("id_number",)]


@pytest.mark.parametrize(
    "text",
    [
        "1" + ID,  # part of a longer run of digits
        ID_DIGITS + "7",
        f"9f86d{ID_DIGITS}ab3",  # inside a word of letters and digits, as in a hex hash
        "11010519491231002",  # 17 digits only
        "2026-01-01 0800 1234",  # a date never joins the digits after it
    ],
)
def test_sc401_not_flagged(text: str) -> None:
    assert run("SC401", request(description=text)) == []


@pytest.mark.parametrize(
    "text",
    [
        f"ab{ID_DIGITS}cd",  # a letter may touch it (ID440113..., 身份证号ID...)
        "110105-1949-1231-002X",  # groups of four
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width
        "1101\u200b0519491231002X",  # a zero-width space
    ],
)
def test_sc401_flags_numbers_however_written(text: str) -> None:
    hits = run("SC401", request(description=text))
    assert [h.params["masked"] for h in hits] in (["110105****002X"], ["440113****1235"])


def test_sc401_wrong_check_digit_looks_like_an_id_number() -> None:
    for text in (ID_BAD_CHECK, f"订单号 {ID_BAD_CHECK} 已处理"):
        (hit,) = run("SC401", request(description=text))
        assert hit.params["suspect"] == 1
        assert hit.params["masked"] == "110105****0021?"


def test_sc401_valid_credit_code_of_an_organisation_is_not_an_id_number() -> None:
    org = model(
        id="org-1",
        type="Organization",
        name={"zh-CN": "某机关"},
        kind="district_government",
        credit_code=BOTH,
    )
    assert run("SC401", org) == []
    assert run("SC411", org) == []
    assert [h.path for h in run("SC401", resident(**{"gz:code": BOTH}))] == [("gz:code",)]


def test_sc401_messages_and_params_never_carry_the_full_number() -> None:
    hits = run("SC401", resident(**{"gz:note": f"{ID} 和 {ID_DIGITS}"}))
    assert len(hits) == 1
    assert hits[0].params["count"] == 2
    finding = Finding("SC401", Severity.ERROR, path=hits[0].path, params=dict(hits[0].params))
    for text in (finding.message("en"), finding.message("zh-CN"), repr(finding.to_dict())):
        assert ID not in text
        assert ID_DIGITS not in text
    assert hits[0].params["masked"] == "110105****002X, 440113****1235"


def test_sc401_typical_records_take_the_fast_path() -> None:
    # speed sanity without timing: typical records never reach the slow walk
    obs = [
        model(
            id=f"obs-{i:08d}",
            type="Observation",
            device_id="dev-smoke-0001",
            observed_at=at("17:59"),
            property="smoke_density",
            value=0.0123456789,
            unit="%",
        )
        for i in range(2000)
    ]
    assert not any(sc4._suspect(o) for o in obs)
    assert all(sc4.raw_id_number_hits(o) == [] for o in obs)


def test_sc401_odd_data_does_not_raise() -> None:
    for raw in ({}, {"type": 3}, {"a": [None, 1.5, True, {"b": [[]]}]}, {1: ID}, [ID]):
        sc4.raw_id_number_hits(raw)


# --------------------------------------------------------------------------- SC402


def test_sc402_resident_phone_must_be_masked_outside_internal() -> None:
    assert [h.params["masked"] for h in run("SC402", resident(phone="13812345678"))] == [
        "138****5678"
    ]
    assert run("SC402", resident(phone="138****5678")) == []
    assert run("SC402", resident(phone="020-12345678")) == []  # a landline: not a mobile
    hits = run("SC402", resident(phone="+86 138 1234 5678"), ctx("restricted"))
    assert [(h.path, h.params["classification"]) for h in hits] == [(("phone",), "restricted")]


def test_sc402_internal_datasets_may_carry_unmasked_phones() -> None:
    assert run("SC402", resident(phone="13812345678"), ctx("internal")) == []
    allowed = {"SC402": {"allowed_classifications": ["internal", "restricted"]}}
    restricted = Context(now=NOW, classification="restricted", params=allowed)
    assert run("SC402", resident(phone="13812345678"), restricted) == []


def test_sc402_free_text_of_requests_and_alerts() -> None:
    e = request(
        description="请联系 139-1234-5678",
        events=[
            {"at": at("17:30"), "status": "submitted", "note": "已电话 13912345678 联系"},
            {"at": at("17:40"), "status": "acknowledged", "note": "已受理"},
        ],
        response={"text": "已回复至 0086 13712345678", "at": at("17:50")},
    )
    hits = run("SC402", e)
    assert [h.path for h in hits] == [
        ("description",),
        ("events", 0, "note"),
        ("response", "text"),
    ]
    for h in hits:
        assert "****" in h.params["masked"]
        assert "1234" not in h.params["masked"][:7]
    assert [h.path for h in run("SC402", alert(description="报警人 13812345678"))] == [
        ("description",)
    ]


def test_sc402_resident_extension_fields_and_raw_records() -> None:
    hits = run("SC402", resident(**{"gz:contacts": [{"tel": "13812345678"}]}))
    assert [h.path for h in hits] == [("gz:contacts", 0, "tel")]
    raw = {"id": "res-2", "type": "Resident", "phone": 13812345678, "bad_field": 1}
    assert [h.path for h in run("SC402", raw)] == [("phone",)]


def test_sc402_organisation_contacts_are_not_personal() -> None:
    org = model(
        id="org-pm",
        type="Organization",
        name={"zh-CN": "物业"},
        kind="property_management",
        contact={"phone": "13900001111"},
    )
    assert run("SC402", org) == []


# --------------------------------------------------------------------------- SC403


def test_sc403_name_only_in_public_datasets() -> None:
    e = resident(name="陈小明")
    hits = run("SC403", e)
    assert [h.path for h in hits] == [("name",)]
    assert "陈小明" not in repr(hits)
    assert run("SC403", e, ctx("internal")) == []
    assert run("SC403", e, ctx("restricted")) == []
    assert run("SC403", resident()) == []
    assert [h.path for h in run("SC403", {"type": "Resident", "name": "x", "oops": 1})] == [
        ("name",)
    ]


# --------------------------------------------------------------------------- SC404


@pytest.mark.parametrize(
    ("kw", "flagged"),
    [
        ({"privacy_notice": None}, True),
        ({"privacy_notice": False}, True),
        ({"privacy_notice": True}, False),
        ({"privacy_notice": None, "status": "retired"}, False),
        ({"privacy_notice": None, "status": "offline"}, True),
        ({"kind": "face_recognition_gate", "privacy_notice": None}, True),
        ({"kind": "access_control", "privacy_notice": None}, True),
        ({"kind": "smoke_detector", "privacy_notice": None}, False),
        (
            {"kind": "emergency_button", "captures_personal_data": True, "privacy_notice": None},
            True,
        ),
    ],
)
def test_sc404(kw: dict[str, Any], flagged: bool) -> None:
    kind = kw.pop("kind", "cctv_camera")
    hits = entity_hits(sc4.camera_without_privacy_notice, device(kind, **kw))
    assert [h.path for h in hits] == ([("privacy_notice",)] if flagged else [])


# --------------------------------------------------------------------------- SC405


@pytest.mark.parametrize(
    ("kind", "days", "flagged"),
    [
        ("cctv_camera", 29, True),
        ("cctv_camera", 30, False),
        ("cctv_camera", 90, False),
        ("cctv_camera", 91, True),
        ("face_recognition_gate", 0, False),
        ("face_recognition_gate", 30, False),
        ("face_recognition_gate", 31, True),
        ("access_control", 6, True),
        ("access_control", 7, False),
        ("access_control", 90, False),
        ("access_control", 91, True),
        ("cctv_camera", None, True),
        ("smoke_detector", None, False),
    ],
)
def test_sc405_default_bounds(kind: str, days: int | None, flagged: bool) -> None:
    hits = entity_hits(sc4.retention_out_of_bounds, device(kind, retention_days=days))
    assert bool(hits) is flagged
    if hits:
        assert hits[0].params["retention"] == ("missing" if days is None else days)


def test_sc405_params() -> None:
    e = device("emergency_button", captures_personal_data=True, retention_days=100)
    assert entity_hits(sc4.retention_out_of_bounds, e)[0].params["max_days"] == 90
    wide = ctx(SC405={"max_days": 180})
    assert entity_hits(sc4.retention_out_of_bounds, e, wide) == []
    narrow = ctx(SC405={"kind_bounds": {"cctv_camera": [7, 14]}})
    hits = entity_hits(sc4.retention_out_of_bounds, device(retention_days=30), narrow)
    assert (hits[0].params["min_days"], hits[0].params["max_days"]) == (7, 14)


def test_sc405_malformed_params_fall_back_to_defaults() -> None:
    odd = ctx(SC405={"kind_bounds": {"cctv_camera": "x"}, "min_days": "seven", "max_days": None})
    assert entity_hits(sc4.retention_out_of_bounds, device(retention_days=60), odd) == []
    odd2 = ctx(SC405={"kind_bounds": ["not", "a", "mapping"]})
    assert entity_hits(sc4.retention_out_of_bounds, device(retention_days=60), odd2) == []


# --------------------------------------------------------------------------- SC406


def _timeline(**kw: Any) -> list[tuple[str, str]]:
    kw.setdefault("severity", "medium")
    hits = entity_hits(sc4.alert_timeline_invalid, alert(**kw))
    return [(h.params["reason"], h.path[0]) for h in hits]


def test_sc406_reasons() -> None:
    assert _timeline(acknowledged_at=at("09:59"), status="acknowledged") == [
        ("acknowledged-before-detected", "acknowledged_at")
    ]
    assert _timeline(resolved_at=at("09:00"), status="resolved") == [
        ("resolved-before-detected", "resolved_at")
    ]
    assert _timeline(acknowledged_at=at("10:10"), resolved_at=at("10:05"), status="resolved") == [
        ("resolved-before-acknowledged", "resolved_at")
    ]
    assert _timeline(status="resolved") == [("resolved-without-time", "status")]
    assert _timeline(detected_at=at("18:01")) == [("after-generated-at", "detected_at")]


def test_sc406_consistent_timelines() -> None:
    assert _timeline(acknowledged_at=at("10:00"), resolved_at=at("10:00"), status="resolved") == []
    assert _timeline(acknowledged_at=at("10:05"), status="open") == []  # re-opened
    assert _timeline(detected_at=at("18:00"), status="open") == []  # exactly generated_at
    assert _timeline(status="false_alarm") == []
    late = alert(severity="medium", detected_at=at("19:00"))
    assert entity_hits(sc4.alert_timeline_invalid, late, ctx(now=None)) == []


# --------------------------------------------------------------------------- SC407


def test_sc407_acknowledged_late_and_boundary() -> None:
    hits = entity_hits(
        sc4.critical_alert_unacknowledged, alert(acknowledged_at=at("10:42"), status="acknowledged")
    )
    assert [(h.path, h.params["minutes"], h.params["state"]) for h in hits] == [
        (("acknowledged_at",), 42, "acknowledged-late")
    ]
    on_time = alert(acknowledged_at=at("10:15"), status="acknowledged")
    assert entity_hits(sc4.critical_alert_unacknowledged, on_time) == []
    just_late = alert(
        acknowledged_at="2026-06-30T10:15:01+08:00", status="resolved", resolved_at=at("11:00")
    )
    assert entity_hits(sc4.critical_alert_unacknowledged, just_late)[0].params["minutes"] == 15.02


def test_sc407_still_open_at_generated_at() -> None:
    hits = entity_hits(sc4.critical_alert_unacknowledged, alert(detected_at=at("17:44")))
    assert [(h.path, h.params["minutes"]) for h in hits] == [(("status",), 16)]
    assert entity_hits(sc4.critical_alert_unacknowledged, alert(detected_at=at("17:45"))) == []
    # no generated_at: an open alert cannot be measured
    e = alert(detected_at=at("10:00"))
    assert entity_hits(sc4.critical_alert_unacknowledged, e, ctx(now=None)) == []


def test_sc407_other_severities_params_and_unmeasurable() -> None:
    late = {"acknowledged_at": at("10:42"), "status": "acknowledged"}
    assert entity_hits(sc4.critical_alert_unacknowledged, alert(severity="high", **late)) == []
    relaxed = ctx(SC407={"ack_minutes": 60})
    assert entity_hits(sc4.critical_alert_unacknowledged, alert(**late), relaxed) == []
    # acknowledged per status but no time recorded: not measurable, not flagged
    assert entity_hits(sc4.critical_alert_unacknowledged, alert(status="dispatched")) == []


# --------------------------------------------------------------------------- SC408


def test_sc408_boundaries() -> None:
    smoke = {"kind": "smoke_detector", "privacy_notice": None}
    exactly = device(last_seen_at=at("18:00", 29), **smoke)
    assert entity_hits(sc4.device_silent, exactly) == []
    over = device(last_seen_at="2026-06-29T17:59:00+08:00", **smoke)
    hits = entity_hits(sc4.device_silent, over)
    assert [(h.path, h.params["hours"]) for h in hits] == [(("last_seen_at",), 24.02)]
    never = device(last_seen_at=None, **smoke)
    assert [h.params["last_seen"] for h in entity_hits(sc4.device_silent, never)] == ["never"]
    offline = device(status="offline", last_seen_at=at("08:00", 1), **smoke)
    assert entity_hits(sc4.device_silent, offline) == []
    assert entity_hits(sc4.device_silent, over, ctx(SC408={"max_silence_hours": 48})) == []
    assert entity_hits(sc4.device_silent, over, ctx(now=None)) == []
    assert len(entity_hits(sc4.device_silent, never, ctx(now=None))) == 1


# --------------------------------------------------------------------------- SC409


def profile(*categories: str) -> Any:
    needs = [{"category": c, "assessed_at": at("10:00"), "source": "survey"} for c in categories]
    return model(
        id="sp-1", type="ServiceProfile", resident_id="res-1", updated_at=at("10:00"), needs=needs
    )


def test_sc409_residents_and_profiles() -> None:
    fn = sc4.sensitive_data_in_public_dataset
    e = resident(special_groups=["disabled"])
    hits = entity_hits(fn, e)
    assert [h.path for h in hits] == [("special_groups",)]
    assert "disabled" not in repr(hits)  # the group itself is not repeated
    assert entity_hits(fn, e, ctx("internal")) == []
    assert entity_hits(fn, resident()) == []
    p = profile("elderly_care", "health", "disability_support", "social_assistance")
    assert [h.path for h in entity_hits(fn, p)] == [("needs", i, "category") for i in (1, 2, 3)]
    only_health = ctx(SC409={"sensitive_need_categories": ["health"]})
    assert [h.path for h in entity_hits(fn, p, only_health)] == [("needs", 1, "category")]


def _feed(
    rule: sc4.SensitiveObservationRule, entities: list[Any], context: Context, offset: int = 0
) -> sc4.SensitiveObservationState:
    state = rule.new_state()
    for i, e in enumerate(entities):
        assert list(rule.collect(state, e, Where("f.ndjson", offset + i + 2, ()), context)) == []
    return state


def _obs(i: int, dev: str) -> Any:
    return model(
        id=f"obs-{i}",
        type="Observation",
        device_id=dev,
        observed_at=at("09:00"),
        property="entries",
        value=i,
    )


def test_sc409_observations_reported_once_per_device_in_input_order() -> None:
    rule = sc4.SensitiveObservationRule()
    gate = device("face_recognition_gate", id="dev-gate")
    cam = device("cctv_camera", id="dev-cam", data_category_ids=["dc-face"])
    plain = device("cctv_camera", id="dev-cam-2")
    cat = model(
        id="dc-face",
        type="DataCategory",
        name={"en": "Faces"},
        sensitivity="sensitive_personal",
        sensitive_kind="biometric",
    )
    # observations come before their devices and the category; split across two "workers"
    first = [_obs(1, "dev-cam"), _obs(2, "dev-gate"), _obs(3, "dev-cam-2"), _obs(4, "dev-gate")]
    second = [_obs(5, "dev-gate"), gate, cam, plain, cat, _obs(6, "dev-new")]
    a, b = _feed(rule, first, ctx()), _feed(rule, second, ctx(), offset=len(first))
    a, b = pickle.loads(pickle.dumps(a)), pickle.loads(pickle.dumps(b))
    merged = rule.merge(a, b)
    hits = list(rule.finish(merged, ctx()))
    _renders(hits)
    assert [
        (
            h.where.line if h.where else None,
            h.params["device_id"],
            h.params["count"],
            h.params["reason"],
        )
        for h in hits
    ] == [
        (2, "dev-cam", 1, "sensitive_personal"),
        (3, "dev-gate", 3, "face_recognition_gate"),
    ]
    # the same records in one worker give the same hits
    whole = list(rule.finish(_feed(rule, first + second, ctx()), ctx()))
    assert [(h.where, h.params) for h in whole] == [(h.where, h.params) for h in hits]


def test_sc409_observations_only_in_public_datasets() -> None:
    rule = sc4.SensitiveObservationRule()
    records = [device("face_recognition_gate", id="dev-gate"), _obs(1, "dev-gate")]
    state = _feed(rule, records, ctx("internal"))
    assert list(rule.finish(state, ctx("internal"))) == []
    assert state.observed == {}


# --------------------------------------------------------------------------- SC410


@pytest.mark.parametrize(
    ("kind", "level", "flagged"),
    [
        ("cctv_camera", 1, True),
        ("cctv_camera", 2, False),
        ("access_control", None, True),
        ("face_recognition_gate", 2, True),
        ("face_recognition_gate", 3, False),
        ("smoke_detector", 1, False),
    ],
)
def test_sc410(kind: str, level: int | None, flagged: bool) -> None:
    hits = entity_hits(sc4.protection_level_too_low, device(kind, protection_level=level))
    assert bool(hits) is flagged
    if hits:
        assert hits[0].params["level"] == ("missing" if level is None else level)


def test_sc410_params() -> None:
    e = device("cctv_camera", protection_level=2)
    assert len(entity_hits(sc4.protection_level_too_low, e, ctx(SC410={"min_level": 3}))) == 1
    gate = device("face_recognition_gate", protection_level=2)
    relaxed = ctx(SC410={"kind_min_levels": {"face_recognition_gate": 2}})
    assert entity_hits(sc4.protection_level_too_low, gate, relaxed) == []
    retired = device("cctv_camera", protection_level=1, status="retired")
    assert entity_hits(sc4.protection_level_too_low, retired) == []


def test_deep_data_does_not_exhaust_the_stack() -> None:
    deep: Any = f"证件 {ID}"
    for _ in range(5000):
        deep = {"a": [deep]}
    hits = run("SC401", {"type": "Resident", "id": "res-1", "gz:deep": deep})
    assert len(hits) == 1
    assert len(hits[0].path) == 1 + 2 * 5000
    assert run("SC402", {"type": "Resident", "id": "res-1", "gz:deep": deep}) == []


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_sc401_scans_the_envelope_too(tmp_path: Any, fmt: str) -> None:
    """RULES.md: "a string anywhere". An identity number in the envelope is found and placed."""
    import smartstd
    from casedata import write_json, write_ndjson

    writer = write_ndjson if fmt == "ndjson" else write_json
    path = writer(
        tmp_path / f"data.{fmt}",
        extensions={"gz": "https://example.org/gz"},
        **{"gz:contact": "联系人 11010519491231002X"},
    )
    report = smartstd.check(str(path), select=("SC401",))
    found = [f for f in report.findings if f.code == "SC401"]
    assert [f.path for f in found] == [("gz:contact",)]
    assert found[0].line is not None and found[0].column is not None
    if fmt == "ndjson":
        assert found[0].line == 1
    assert "11010519491231002X" not in found[0].message("en")
    clean = writer(tmp_path / f"clean.{fmt}", extensions={"gz": "https://example.org/gz"})
    assert not smartstd.check(str(clean), select=("SC401",)).findings


@pytest.mark.parametrize(
    ("configured", "expected"),
    [(None, 24.0), (12, 12.0), (1.5, 1.5), ("12", 24.0), (True, 24.0), ([3], 24.0)],
)
def test_a_numeric_parameter_that_is_not_a_number_falls_back_to_the_default(
    configured: object, expected: float
) -> None:
    params = {} if configured is None else {"SC408": {"max_silence_hours": configured}}
    context = Context(now=None, params=params)
    assert get_rule("SC408").param_defaults()["max_silence_hours"] == 24
    assert context.number("SC408", "max_silence_hours") == expected
