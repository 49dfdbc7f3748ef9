"""Targeted tests of the standard's models, code lists, lifecycle and domain mappings."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from smartstd.schemas import build_schemas
from smartstd.standard import (
    CODE_LISTS,
    ENTITY_TYPES,
    Community,
    Dataset,
    Device,
    Envelope,
    Facility,
    Point,
    Polygon,
    SCDSModel,
    ServiceProfile,
    ServiceRequest,
    entity_adapter,
    lifecycle,
)
from smartstd.standard.codes import NAMESPACED_CODE_PATTERN
from smartstd.standard.domains import (
    CORE_DOMAINS,
    MAPPINGS,
    PERSONAL_DATA_DEVICE_KINDS,
    domain_for,
)
from smartstd.standard.modelset import models_for

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def community(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "c1",
        "type": "Community",
        "name": {"zh-CN": "钟村街社区", "en": "Zhongcun Community"},
        "division_code": "440113",
    }
    base.update(fields)
    return base


def request(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "r1",
        "type": "ServiceRequest",
        "community_id": "c1",
        "category": "repair",
        "channel": "hotline_12345",
        "submitted_at": "2026-05-01T09:30:00+08:00",
        "status": "submitted",
    }
    base.update(fields)
    return base


def error_types(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {e["type"] for e in exc.value.errors()}


def both_ways(doc: dict[str, Any]) -> Iterator[Any]:
    """Validate as Python input and as JSON input (the two paths users take)."""
    adapter = entity_adapter()
    yield lambda: adapter.validate_python(doc)
    yield lambda: adapter.validate_json(json.dumps(doc))


# --------------------------------------------------------------------------- LocalizedText


@pytest.mark.parametrize(
    "text",
    [
        {"zh-CN": "钟村社区"},
        {"en": "Zhongcun"},
        {"zh-CN": "钟村社区", "en": "Zhongcun", "yue": "鐘村"},
        {"zh-Hant-HK": "鐘村社區"},
        {"es-419": "Zhongcun"},
    ],
)
def test_localized_text_accepts_bcp47_tags(text: dict[str, str]) -> None:
    assert Community.model_validate(community(name=text)).name == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ({}, "localized_text_empty"),
        ({"zh-CN": ""}, "string_too_short"),
        ({"zh_CN": "钟村"}, "string_pattern_mismatch"),
        ({"chinese": "钟村"}, "string_pattern_mismatch"),
        ({"en": 3}, "string_type"),
        ("Zhongcun", "dict_type"),
    ],
)
def test_localized_text_rules(text: Any, expected: str) -> None:
    for validate in both_ways(community(name=text)):
        with pytest.raises(ValidationError) as exc:
            validate()
        assert expected in error_types(exc)


# --------------------------------------------------------------------------- timestamps


@pytest.mark.parametrize(
    "naive", ["2026-05-01T09:30:00", "2026-05-01 09:30:00", "2026-05-01T09:30:00.123"]
)
def test_naive_timestamp_is_rejected_with_its_own_error_type(naive: str) -> None:
    for validate in both_ways(request(submitted_at=naive)):
        with pytest.raises(ValidationError) as exc:
            validate()
        assert error_types(exc) == {"naive_timestamp"}
        assert exc.value.errors()[0]["loc"][-1] == "submitted_at"


def test_naive_datetime_object_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        ServiceRequest.model_validate(request(submitted_at=dt.datetime(2026, 5, 1, 9, 30)))
    assert error_types(exc) == {"naive_timestamp"}


@pytest.mark.parametrize(
    ("text", "offset_hours"),
    [
        ("2026-05-01T01:30:00Z", 0),
        ("2026-05-01T01:30:00z", 0),
        ("2026-05-01t01:30:00+00:00", 0),
        ("2026-05-01T09:30:00+08:00", 8),
        ("2026-05-01T09:30:00.5+08:00", 8),
        ("2026-05-01T09:30:00.123456789+08:00", 8),
        ("2026-04-30T20:30:00-05:00", -5),
    ],
)
def test_timestamps_with_offset_are_accepted(text: str, offset_hours: int) -> None:
    for validate in both_ways(request(submitted_at=text)):
        value = validate().submitted_at
        assert value.utcoffset() == dt.timedelta(hours=offset_hours)
        assert value.replace(microsecond=0) == dt.datetime(
            2026, 5, 1, 1, 30, tzinfo=dt.timezone.utc
        )


def test_z_and_plus_eight_are_the_same_instant_and_serialise_with_offset() -> None:
    utc = ServiceRequest.model_validate(request(submitted_at="2026-05-01T01:30:00Z"))
    cst = ServiceRequest.model_validate(request(submitted_at="2026-05-01T09:30:00+08:00"))
    assert utc.submitted_at == cst.submitted_at
    assert utc.to_json_dict()["submitted_at"] == "2026-05-01T01:30:00+00:00"
    assert cst.to_json_dict()["submitted_at"] == "2026-05-01T09:30:00+08:00"


@pytest.mark.parametrize("bad", ["2026-05-01", "yesterday", "2026-13-01T00:00:00Z", 1714527000])
def test_other_bad_timestamps_are_not_called_naive(bad: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        ServiceRequest.model_validate(request(submitted_at=bad))
    assert "naive_timestamp" not in error_types(exc)
    assert error_types(exc) <= {"timestamp_format", "timestamp_type"}


# --------------------------------------------------------------------------- geometry


SQUARE = [[113.3, 23.1], [113.4, 23.1], [113.4, 23.2], [113.3, 23.2], [113.3, 23.1]]


def test_closed_polygon_is_accepted() -> None:
    boundary = {"type": "Polygon", "coordinates": [SQUARE]}
    parsed = Community.model_validate(community(boundary=boundary))
    assert isinstance(parsed.boundary, Polygon)
    assert parsed.to_json_dict()["boundary"] == boundary


def test_polygon_with_hole_is_accepted() -> None:
    hole = [[113.32, 23.12], [113.33, 23.12], [113.33, 23.13], [113.32, 23.12]]
    Polygon.model_validate({"type": "Polygon", "coordinates": [SQUARE, hole]})


def test_open_polygon_ring_is_found_by_rule_not_schema() -> None:
    # JSON Schema cannot say "a ring ends where it starts", so the model accepts an
    # open ring like the schema does, and rule SC103 reports it (see the case folder).
    from smartstd.standard._base import open_rings

    rings = [[*SQUARE[:-1], [113.3, 23.15]]]
    for validate in both_ways(community(boundary={"type": "Polygon", "coordinates": rings})):
        validate()
    assert open_rings(rings) == [0]
    assert open_rings([SQUARE]) == []


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        ([[*SQUARE[:3], SQUARE[0]]], None),
        ([[*SQUARE[:2], SQUARE[0]]], "too_short"),
        ([], "too_short"),
    ],
)
def test_polygon_rings_need_four_positions(coordinates: Any, expected: str | None) -> None:
    doc = {"type": "Polygon", "coordinates": coordinates}
    if expected is None:
        Polygon.model_validate(doc)
        return
    with pytest.raises(ValidationError) as exc:
        Polygon.model_validate(doc)
    assert expected in error_types(exc)


@pytest.mark.parametrize(
    ("coordinates", "expected"),
    [
        ([181, 23], "longitude_range"),
        ([113, -91], "latitude_range"),
        ([113], "too_short"),
        ([113, 23, 10, 1], "too_long"),
        (["113", "23"], "float_type"),
    ],
)
def test_point_positions(coordinates: Any, expected: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Point.model_validate({"type": "Point", "coordinates": coordinates})
    assert expected in error_types(exc)


def test_point_altitude_is_allowed() -> None:
    assert Point.model_validate({"type": "Point", "coordinates": [113, 23, 12.5]}).coordinates == [
        113,
        23,
        12.5,
    ]


def test_geometry_is_discriminated_by_type() -> None:
    doc = {"type": "Polygon", "coordinates": [113.3, 23.1]}
    with pytest.raises(ValidationError):
        Community.model_validate(community(boundary=doc))


# --------------------------------------------------------------------------- closed objects


def test_unknown_field_is_rejected_with_its_own_error_type() -> None:
    for validate in both_ways(community(population=12000)):
        with pytest.raises(ValidationError) as exc:
            validate()
        assert error_types(exc) == {"unknown_field"}
        assert "population" in str(exc.value)


@pytest.mark.parametrize("key", ["Gz:style", "gz-style", "gz:", ":style", "gz:_x", "gz:style:x"])
def test_malformed_namespaces_are_unknown_fields(key: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Community.model_validate(community(**{key: 1}))
    assert error_types(exc) == {"unknown_field"}


@pytest.mark.parametrize("key", ["fiware:streamURL", "fiware:dateObserved", "gz:Style"])
def test_extension_keys_keep_a_source_spelling_from_1_1_0(key: str) -> None:
    """1.1.0 keeps a source system's own attribute names; 1.0.0 knew snake_case only."""
    assert Community.model_validate(community(**{key: 1})).extension_fields == {key: 1}
    old = models_for("1.0.0")
    with pytest.raises(ValidationError) as exc:
        old.Community.model_validate(community(**{key: 1}))
    assert error_types(exc) == {"unknown_field"}
    # nested objects of 1.0.0 data use 1.0.0's keys too
    with pytest.raises(ValidationError) as exc:
        old.ServiceRequest.model_validate(request(location={"building_id": "b1", key: 3}))
    assert error_types(exc) == {"unknown_field"}


def test_unknown_field_in_nested_object_is_rejected() -> None:
    with pytest.raises(ValidationError) as exc:
        ServiceRequest.model_validate(request(location={"building_id": "b1", "floor": 3}))
    assert error_types(exc) == {"unknown_field"}
    assert exc.value.errors()[0]["loc"] == ("location",)


def test_namespaced_fields_are_kept() -> None:
    doc = community(**{"gz:lingnan_style": True, "panyu:notes": {"a": [1, 2]}})
    parsed = Community.model_validate(doc)
    assert parsed.extension_fields == {"gz:lingnan_style": True, "panyu:notes": {"a": [1, 2]}}
    assert parsed.model_extra == parsed.extension_fields
    out = parsed.to_json_dict()
    assert out["gz:lingnan_style"] is True
    assert out["panyu:notes"] == {"a": [1, 2]}
    assert Community.model_validate(out) == parsed


def test_nested_namespaced_fields_are_kept() -> None:
    doc = request(
        location={"building_id": "b1", "gz:floor": 3},
        events=[{"at": "2026-05-01T10:00:00+08:00", "status": "acknowledged", "gz:sla": 2}],
    )
    out = ServiceRequest.model_validate(doc).to_json_dict()
    assert out["location"]["gz:floor"] == 3
    assert out["events"][0]["gz:sla"] == 2


def test_to_json_dict_writes_only_what_was_set_plus_type() -> None:
    parsed = Community.model_validate({k: v for k, v in community().items() if k != "type"})
    assert parsed.to_json_dict() == community()


def test_strict_mode_does_not_coerce() -> None:
    with pytest.raises(ValidationError) as exc:
        Community.model_validate(community(household_count="12"))
    assert error_types(exc) == {"int_type"}
    with pytest.raises(ValidationError):
        Community.model_validate(community(division_code=440113))


def test_service_profile_needs_a_subject() -> None:
    base = {"id": "p1", "type": "ServiceProfile", "updated_at": "2026-05-01T09:30:00+08:00"}
    with pytest.raises(ValidationError) as exc:
        ServiceProfile.model_validate(base)
    assert error_types(exc) == {"profile_subject"}
    with pytest.raises(ValidationError):
        ServiceProfile.model_validate({**base, "household_id": None, "resident_id": None})
    ServiceProfile.model_validate({**base, "household_id": "h1"})
    ServiceProfile.model_validate({**base, "resident_id": "r1"})


def test_entity_type_discriminates() -> None:
    adapter = entity_adapter()
    assert isinstance(adapter.validate_python(community()), Community)
    with pytest.raises(ValidationError) as exc:
        adapter.validate_python({**community(), "type": "Village"})
    assert error_types(exc) == {"union_tag_invalid"}
    with pytest.raises(ValidationError) as exc:
        adapter.validate_python({k: v for k, v in community().items() if k != "type"})
    assert error_types(exc) == {"union_tag_not_found"}


@pytest.mark.parametrize("bad_id", ["", "has space", "-leading-dash", "x" * 129, "中文"])
def test_ids_follow_the_pattern(bad_id: str) -> None:
    with pytest.raises(ValidationError):
        Community.model_validate(community(id=bad_id))


@pytest.mark.parametrize("code", ["44011", "4401130", "44O113"])
def test_division_code_has_six_digits(code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Community.model_validate(community(division_code=code))
    assert error_types(exc) == {"string_pattern_mismatch"}


def test_dataset_parses_entities_by_type() -> None:
    doc = {
        "standard": "scds",
        "standard_version": "1.0.0",
        "dataset_id": "ds1",
        "publisher_id": "o1",
        "generated_at": "2026-05-01T09:30:00+08:00",
        "classification": "public",
        "entities": [community(), request()],
    }
    parsed = Dataset.model_validate(doc)
    assert parsed.counts() == {"Community": 1, "ServiceRequest": 1}
    assert isinstance(parsed.envelope, Envelope)
    assert parsed.envelope.crs == "EPSG:4326"
    assert parsed.by_id()[("Community", "c1")].id == "c1"


# --------------------------------------------------------------------------- code lists


def test_closed_list_rejects_unknown_and_namespaced_codes() -> None:
    statuses = CODE_LISTS["device_status"]
    assert statuses.closed
    assert statuses.accepts("fault")
    assert not statuses.accepts("gz:maintenance")
    doc = {
        "id": "d1",
        "type": "Device",
        "community_id": "c1",
        "kind": "smoke_detector",
        "status": "gz:maintenance",
    }
    with pytest.raises(ValidationError) as exc:
        Device.model_validate(doc)
    assert error_types(exc) == {"code_not_in_list"}
    Device.model_validate({**doc, "status": "fault"})


def test_open_list_accepts_namespaced_codes_only() -> None:
    kinds = CODE_LISTS["facility_kind"]
    assert not kinds.closed
    assert kinds.accepts("gz:dragon_boat_club")
    assert not kinds.accepts("dragon_boat_club")
    doc = {"id": "f1", "type": "Facility", "community_id": "c1", "name": {"en": "Club"}}
    assert Facility.model_validate({**doc, "kind": "gz:dragon_boat_club"}).kind == (
        "gz:dragon_boat_club"
    )
    for bad in ("dragon_boat_club", "GZ:club", "gz:"):
        with pytest.raises(ValidationError) as exc:
            Facility.model_validate({**doc, "kind": bad})
        assert error_types(exc) == {"code_not_in_list"}


def test_code_list_json_schemas() -> None:
    for code_list in CODE_LISTS.values():
        schema = code_list.json_schema()
        assert schema["x-codelist"] == code_list.name
        if code_list.closed:
            assert schema["enum"] == list(code_list.values)
        else:
            assert schema["anyOf"] == [
                {"enum": list(code_list.values)},
                {"pattern": NAMESPACED_CODE_PATTERN},
            ]


def test_code_lists_are_well_formed() -> None:
    for name, code_list in CODE_LISTS.items():
        assert code_list.name == name
        assert len(set(code_list.values)) == len(code_list.values), name
        assert code_list.get(code_list.values[0]) is code_list.codes[0]
        assert code_list.get("no-such-code") is None


def test_code_labels_in_both_languages() -> None:
    problems = []
    for code_list in CODE_LISTS.values():
        if not (CJK.search(code_list.zh) and code_list.en and not CJK.search(code_list.en)):
            problems.append(f"{code_list.name}: {code_list.zh!r} / {code_list.en!r}")
        for c in code_list.codes:
            # A proper name (WGS 84) reads the same in both languages.
            if not c.en or not c.zh or not (CJK.search(c.zh) or c.zh == c.en):
                problems.append(f"{code_list.name}.{c.code}: {c.zh!r} / {c.en!r}")
            assert c.label("zh-CN") == c.zh
            assert c.label("en") == c.en
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- lifecycle

STATUSES = set(CODE_LISTS["request_status"].values)


def test_lifecycle_covers_every_request_status() -> None:
    assert set(lifecycle.TRANSITIONS) == STATUSES
    assert set(lifecycle.OPEN311_STATUS) == STATUSES
    for targets in lifecycle.TRANSITIONS.values():
        assert targets <= STATUSES
    assert lifecycle.INITIAL_STATUS in STATUSES


def test_lifecycle_matches_the_published_table() -> None:
    expected = {
        "submitted": {"acknowledged", "assigned", "rejected", "withdrawn"},
        "acknowledged": {"assigned", "in_progress", "rejected", "withdrawn"},
        "assigned": {"in_progress", "rejected", "withdrawn"},
        "in_progress": {"resolved", "assigned"},
        "resolved": {"closed", "in_progress"},
        "closed": {"in_progress"},
        "rejected": set(),
        "withdrawn": set(),
    }
    assert {k: set(v) for k, v in lifecycle.TRANSITIONS.items()} == expected
    assert {"rejected", "withdrawn"} == lifecycle.FINAL_STATUSES
    assert {"resolved", "closed"} == lifecycle.RESOLVED_STATUSES


def test_open311_mapping() -> None:
    closed = {s for s in STATUSES if lifecycle.open311_status(s) == "closed"}
    assert closed == {"resolved", "closed", "rejected", "withdrawn"}
    assert {lifecycle.open311_status(s) for s in STATUSES - closed} == {"open"}
    with pytest.raises(KeyError):
        lifecycle.open311_status("gz:parked")


def test_lifecycle_reachability() -> None:
    seen = {lifecycle.INITIAL_STATUS}
    todo = [lifecycle.INITIAL_STATUS]
    while todo:
        for nxt in lifecycle.TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == STATUSES
    # From every status a final one can still be reached (no trap).
    for start in STATUSES:
        reach, todo = {start}, [start]
        while todo:
            for nxt in lifecycle.TRANSITIONS[todo.pop()] - reach:
                reach.add(nxt)
                todo.append(nxt)
        assert reach & (lifecycle.FINAL_STATUSES | {"closed"}), start


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("submitted", "assigned", True),
        ("in_progress", "assigned", True),
        ("resolved", "in_progress", True),
        ("closed", "in_progress", True),
        ("submitted", "resolved", False),
        ("rejected", "in_progress", False),
        ("withdrawn", "submitted", False),
        ("submitted", "submitted", False),
        ("gz:parked", "closed", False),
    ],
)
def test_is_allowed(old: str, new: str, allowed: bool) -> None:
    assert lifecycle.is_allowed(old, new) is allowed


def test_mermaid_diagram_has_every_transition() -> None:
    text = lifecycle.to_mermaid()
    assert text.startswith("stateDiagram-v2\n")
    for old, targets in lifecycle.TRANSITIONS.items():
        for new in targets:
            assert f"    {old} --> {new}\n" in text
    assert "[*] --> submitted" in text


# --------------------------------------------------------------------------- domain mappings

PUBLISHED_MAPPINGS = {
    "request_category": {
        "suggestion": "community_affairs",
        "dispute": "community_affairs",
        "complaint": "feedback_handling",
        "inquiry": "feedback_handling",
        "praise": "feedback_handling",
        "repair": "property_maintenance",
        "safety_hazard": "public_safety",
        "environment": "environment_sanitation",
    },
    "alert_category": {
        "fire": "fire_safety",
        "gas_leak": "fire_safety",
        "intrusion": "public_safety",
        "crowding": "public_safety",
        "suspicious_activity": "public_safety",
        "fall": "elderly_care",
        "flood": "property_maintenance",
        "elevator_entrapment": "property_maintenance",
        "cyber_incident": "information_security",
        "data_breach": "information_security",
    },
    "device_kind": {
        "cctv_camera": "public_safety",
        "face_recognition_gate": "public_safety",
        "smoke_detector": "fire_safety",
        "gas_detector": "fire_safety",
        "hydrant_pressure": "fire_safety",
        "access_control": "property_maintenance",
        "water_leak": "property_maintenance",
        "elevator_monitor": "property_maintenance",
        "parking_sensor": "infrastructure_iot",
        "smart_meter": "infrastructure_iot",
        "air_quality": "environment_sanitation",
        "emergency_button": "elderly_care",
    },
    "service_category": {
        "elderly_care": "elderly_care",
        "childcare": "childcare",
        "health": "health",
        "social_assistance": "social_assistance",
        "disability_support": "social_assistance",
        "housing_repair": "property_maintenance",
        "safety": "public_safety",
        "environment": "environment_sanitation",
        "culture_sports": "community_affairs",
        "employment": "service_delivery",
        "education": "service_delivery",
        "legal_aid": "service_delivery",
        "convenience": "service_delivery",
    },
}


@pytest.mark.parametrize("list_name", list(PUBLISHED_MAPPINGS))
def test_domain_mapping_covers_every_code_and_maps_to_core_domains(list_name: str) -> None:
    mapping = MAPPINGS[list_name]
    assert set(mapping) == set(CODE_LISTS[list_name].values)
    assert set(mapping.values()) <= set(CORE_DOMAINS)
    assert dict(mapping) == PUBLISHED_MAPPINGS[list_name]
    for code, domain in mapping.items():
        assert domain_for(list_name, code) == domain
    assert domain_for(list_name, "gz:local_code") is None


def test_mapping_set_and_core_domains() -> None:
    assert set(MAPPINGS) == set(PUBLISHED_MAPPINGS)
    assert list(CORE_DOMAINS) == [
        "public_safety",
        "fire_safety",
        "property_maintenance",
        "environment_sanitation",
        "elderly_care",
        "childcare",
        "health",
        "social_assistance",
        "resident_data",
        "feedback_handling",
        "community_affairs",
        "infrastructure_iot",
        "information_security",
        "service_delivery",
    ]
    for key, domain in CORE_DOMAINS.items():
        assert domain.id == key
        assert CJK.search(domain.zh)
        assert domain.en
    assert domain_for("no_such_list", "repair") is None
    assert set(PERSONAL_DATA_DEVICE_KINDS) <= set(CODE_LISTS["device_kind"].values)


# --------------------------------------------------------------------------- bilingual titles


def _i18n_problems(label: str, node: dict[str, Any]) -> list[str]:
    i18n = node.get("x-i18n")
    if not isinstance(i18n, dict):
        return [f"{label}: no x-i18n"]
    problems = []
    for lang in ("en", "zh-CN"):
        entry = i18n.get(lang, {})
        if not entry.get("title") or not entry.get("description"):
            problems.append(f"{label}: no {lang} title or description")
    zh_title = i18n.get("zh-CN", {}).get("title", "")
    if not CJK.search(zh_title):
        problems.append(f"{label}: zh-CN title {zh_title!r} has no Chinese")
    return problems


def _models_in(model: type[SCDSModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    out = {"#": schema}
    out.update({f"#/$defs/{k}": v for k, v in schema.get("$defs", {}).items()})
    return out


@pytest.mark.parametrize("model", [*ENTITY_TYPES.values(), Envelope], ids=lambda m: m.__name__)
def test_every_entity_and_field_has_titles_in_both_languages(model: type[SCDSModel]) -> None:
    problems = []
    for where, node in _models_in(model).items():
        problems += _i18n_problems(where, node)
        for name, prop in node.get("properties", {}).items():
            problems += _i18n_problems(f"{where}/properties/{name}", prop)
    assert not problems, "\n".join(problems)


def test_published_entity_titles_are_english_then_chinese() -> None:
    schemas = build_schemas()
    for name, cls in ENTITY_TYPES.items():
        en, zh = schemas[f"{name}.schema.json"]["title"].split(" / ")
        assert (zh, en) == cls.__i18n__[:2]
        assert CJK.search(zh)
        assert not CJK.search(en)


def test_validate_entity_reports_infinity_built_in_python() -> None:
    """From Python, a non-finite number is SC103; from a reader (which said SC100), nothing more."""
    from smartstd.conformance.structure import validate_entity

    raw = {"id": "h1", "type": "Household", "dwelling_id": "d1", "size": float("inf")}
    model, hits = validate_entity(raw)
    assert model is None
    assert [(h.code, h.path) for h in hits] == [("SC103", ("size",))]
    model, hits = validate_entity(raw, read=True)
    assert model is None and hits == []
