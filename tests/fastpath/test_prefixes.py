"""``may_hold_prefixes`` never says False for an entity that holds a namespaced name or code.

Contract: if ``extension_prefixes(raw)`` (``raw = json.loads(text)``) is not
empty for a valid entity, ``may_hold_prefixes(model)`` is True. The record's
text, when given to ``extension_prefixes``, only lets it skip the walk: the
answer is the same.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastpathdata import dump
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from smartstd.conformance.structure import (
    codes_may_hold_prefixes,
    data_may_hold_prefixes,
    extension_prefixes,
    may_hold_prefixes,
    open_code_fields,
    text_may_hold_prefixes,
)
from smartstd.standard.codes import CODE_LISTS
from smartstd.standard.dataset import ENTITY_TYPES, entity_adapter
from smartstd.standard.introspect import code_fields, object_fields

_validate = entity_adapter().validate_json


def _model(text: str) -> Any:
    """The entity validated from ``text`` (as the engine does), or ``None``."""
    try:
        return _validate(text)
    except ValidationError:
        return None


def _variants(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The record with a namespaced code in each open code field, and with extension fields."""
    cls = ENTITY_TYPES[raw["type"]]
    singles, lists = open_code_fields(cls)
    out = [{**raw, "gz:lingnan_style": "qilou"}, {**raw, "zz:n": {"a": [1]}}]
    for name in singles:
        out.append({**raw, name: "gz:custom_code"})
    for name in lists:
        out.append({**raw, name: [*raw.get(name, []), "gz:custom"]})
        out.append({**raw, name: ["zz:only"]})
    # an extension field inside a nested object (a model, or a dict: LocalizedText)
    for name, value in raw.items():
        if isinstance(value, dict) and "type" in value:  # a GeoJSON geometry
            out.append({**raw, name: {**value, "gz:src": "gps"}})
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out.append({**raw, name: [{**value[0], "gz:x": 1}, *value[1:]]})
    # and in every object nested at any depth (most fail validation; the rest must be seen)
    out.extend(_with_key_at_each_depth(raw))
    return out


def _with_key_at_each_depth(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """A copy of ``raw`` per object nested in it, with an extension field added to that object."""
    out = []
    paths: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            if path:
                paths.append(path)
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    for path in paths:
        copy = json.loads(json.dumps(raw))
        node = copy
        for step in path:
            node = node[step]
        node["gz:deep"] = {"v": 1}
        out.append(copy)
    return out


def test_may_hold_prefixes_on_real_records(all_record_lines: list[str]) -> None:
    checked = with_prefixes = variants_valid = 0
    misses: list[str] = []
    for line in all_record_lines:
        model = _model(line)
        if model is None:
            continue
        checked += 1
        raw = json.loads(line)
        found = extension_prefixes(raw)
        assert extension_prefixes(raw, line) == found, line
        if found:
            with_prefixes += 1
            if not may_hold_prefixes(model):
                misses.append(line)
        for variant in _variants(raw):
            text = dump(variant)
            model2 = _model(text)
            if model2 is None:
                continue
            variants_valid += 1
            found2 = extension_prefixes(variant)
            assert found2, text  # every variant holds a namespaced name or code
            assert extension_prefixes(variant, text) == found2
            if not may_hold_prefixes(model2):
                misses.append(text)
    assert checked > 9000
    assert with_prefixes >= 4  # the example's gz: extension fields
    assert variants_valid > 2 * checked
    assert not misses, (
        f"{len(misses)} entities with prefixes but may_hold_prefixes False: "
        + "\n".join(misses[:3])
    )


def test_plain_records_mostly_hold_no_prefix(all_record_lines: list[str]) -> None:
    """may_hold_prefixes is not trivially True: flat records without open codes say False."""
    answers = []
    for line in all_record_lines:
        model = _model(line)
        if model is not None and model.type in ("Observation", "Household", "Dwelling"):
            answers.append(may_hold_prefixes(model))
    assert len(answers) > 1000
    assert not any(answers)


def _colon_in_text(value: Any) -> bool:
    """Whether a key or a string inside ``value`` (a model's dump, times as times) has a colon."""
    if isinstance(value, str):
        return ":" in value
    if isinstance(value, dict):
        return any(":" in str(k) or _colon_in_text(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_colon_in_text(v) for v in value)
    return False


def test_nested_records_without_a_colon_hold_no_prefix(all_record_lines: list[str]) -> None:
    """Records with nested objects are walked, not answered True: without a colon, False."""
    nested = []
    for line in all_record_lines:
        model = _model(line)
        if model is None or model.__pydantic_extra__:
            continue
        if object_fields(model.__class__).isdisjoint(model.__pydantic_fields_set__):
            continue
        no_colon = not _colon_in_text(model.model_dump(mode="python"))
        nested.append((no_colon, may_hold_prefixes(model)))
    assert sum(1 for no_colon, _ in nested if no_colon) > 100
    assert all(not answer for no_colon, answer in nested if no_colon)


_OBSERVATION = {
    "id": "obs-1",
    "type": "Observation",
    "device_id": "dev-1",
    "observed_at": "2026-06-25T11:32:15+08:00",
    "property": "smoke_density",
    "value": 0.015,
    "unit": "%/m",
    "quality": "good",
}


def test_plain_observation_holds_no_prefix() -> None:
    model = _model(dump(_OBSERVATION))
    assert model is not None
    assert may_hold_prefixes(model) is False
    assert codes_may_hold_prefixes(model) is False
    assert extension_prefixes(_OBSERVATION) == []


def test_observation_with_extension_field() -> None:
    raw = {**_OBSERVATION, "gz:foo": 1}
    model = _model(dump(raw))
    assert model is not None
    assert may_hold_prefixes(model) is True
    assert extension_prefixes(raw) == [("gz", ("gz:foo",))]
    assert extension_prefixes(raw, dump(raw)) == [("gz", ("gz:foo",))]


def _open_code_cases() -> list[tuple[str, str, bool]]:
    """(entity type, field, a list of codes?) for every top-level field of an open code list."""
    cases = []
    for type_name, cls in ENTITY_TYPES.items():
        singles, lists = open_code_fields(cls)
        cases += [(type_name, f, False) for f in singles]
        cases += [(type_name, f, True) for f in lists]
    return cases


def test_open_code_fields_are_the_open_lists() -> None:
    cases = _open_code_cases()
    assert ("Device", "kind", False) in cases
    assert ("Resident", "special_groups", True) in cases
    for type_name, field, _ in cases:
        names = {name for path, name in code_fields(type_name) if path[0] == field}
        assert names and not any(CODE_LISTS[name].closed for name in names)
    # and no top-level field of a closed list is among them
    for type_name, cls in ENTITY_TYPES.items():
        singles, _ = open_code_fields(cls)
        for path, name in code_fields(type_name):
            if CODE_LISTS[name].closed and len(path) == 1:
                assert path[0] not in singles


@pytest.fixture(scope="module")
def examples_by_type(all_record_lines: list[str]) -> dict[str, dict[str, Any]]:
    """The first record of each entity type."""
    out: dict[str, dict[str, Any]] = {}
    for line in all_record_lines:
        raw = json.loads(line)
        out.setdefault(raw["type"], raw)
    return out


@pytest.mark.parametrize(("type_name", "field", "is_list"), _open_code_cases())
def test_namespaced_code_in_open_code_field(
    examples_by_type: dict[str, dict[str, Any]], type_name: str, field: str, is_list: bool
) -> None:
    raw = dict(examples_by_type[type_name])
    raw[field] = ["gz:meal_subsidy"] if is_list else "gz:meal_subsidy"
    text = dump(raw)
    model = _model(text)
    assert model is not None, text
    assert codes_may_hold_prefixes(model) is True
    assert may_hold_prefixes(model) is True
    assert ("gz", (field, 0) if is_list else (field,)) in extension_prefixes(raw)
    assert extension_prefixes(raw, text) == extension_prefixes(raw)


def test_device_with_namespaced_kind_is_flat_but_may_hold_prefixes() -> None:
    raw = {
        "id": "dev-1",
        "type": "Device",
        "community_id": "comm-1",
        "kind": "gz:air_sensor",
        "status": "active",
        "captures_personal_data": False,
    }
    model = _model(dump(raw))
    assert model is not None
    assert not model.__pydantic_extra__
    assert may_hold_prefixes(model) is True
    assert extension_prefixes(raw) == [("gz", ("kind",))]


@pytest.mark.parametrize(
    "spelled",
    [
        '"\\u007az:foo"',  # z
        '"zz:\\u0066oo"',  # f
        '"zz\\u003afoo"',  # the colon
        '"\\u007A\\u007A:foo"',
    ],
)
def test_escaped_extension_key_is_found_with_the_text(spelled: str) -> None:
    """The text only lets extension_prefixes skip records that certainly hold no prefix.

    A key written with ``\\u`` escapes is the same key (``"\\u007az:foo"`` is
    ``"zz:foo"``); with the text given, the pre-filter ``"[a-z]...:[a-z]``
    misses it and the undeclared prefix goes unreported (SC107 on NDJSON).
    """
    text = dump(_OBSERVATION)[:-1] + "," + spelled + ":1}"
    raw = json.loads(text)
    assert "zz:foo" in raw
    model = _model(text)
    assert model is not None and may_hold_prefixes(model)
    assert extension_prefixes(raw) == [("zz", ("zz:foo",))]
    assert extension_prefixes(raw, text) == [("zz", ("zz:foo",))]


def test_escaped_namespaced_code_is_found_with_the_text() -> None:
    raw = {
        "id": "dev-1",
        "type": "Device",
        "community_id": "comm-1",
        "kind": "gz:air_sensor",
        "status": "active",
        "captures_personal_data": False,
    }
    text = dump(raw).replace('"gz:air_sensor"', '"\\u0067z:air_sensor"')
    assert json.loads(text) == raw
    assert extension_prefixes(raw) == [("gz", ("kind",))]
    assert extension_prefixes(raw, text) == [("gz", ("kind",))]


@given(st.text(alphabet=st.sampled_from(list('"gzx:aAZ09_\\u{}é中 ')), max_size=40))
def test_the_bytes_screen_answers_as_the_text_screen(text: str) -> None:
    assert data_may_hold_prefixes(text.encode("utf-8")) is text_may_hold_prefixes(text)


def test_the_bytes_screen_sees_a_namespaced_key_and_an_escape() -> None:
    assert data_may_hold_prefixes(b'{"gz:floor":1}')
    assert data_may_hold_prefixes(b'{"a":"\\u0067z:x"}')
    assert not data_may_hold_prefixes('{"name":{"zh-CN":"番禺: 市桥"}}'.encode())
