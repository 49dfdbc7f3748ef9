"""``plain_key_count``: a record of declared fields only is vouched for from its model.

Contract: when ``plain_key_count(model)`` answers (not -1) for an entity
validated from ``text``, then

* it equals ``model_key_count(model)`` (so the batch proof of duplicate keys
  holds with either),
* the record holds no namespaced name or code (``extension_prefixes`` finds
  nothing, so SC107 has nothing to see), and
* its JSON nests no deeper than ``fixed_depth`` of its class (so the careful
  reader's depth limit cannot be crossed) and holds no ``NaN``.

And end to end: planted defects inside nested objects are reported exactly
as the careful path reports them, whether the shortcut is taken or not.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from fastpathdata import dump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from test_engine_fastpath import keys, run_careful
from test_prefixes import _model, _validate, _variants

import smartstd
from smartstd.conformance import checker
from smartstd.conformance.keys import model_key_count, plain_key_count
from smartstd.conformance.structure import extension_prefixes
from smartstd.io import Limits
from smartstd.standard import models_for
from smartstd.standard.introspect import _walk_schema, fixed_depth, own_code_fields


def _depth(value: Any) -> int:
    """The nesting depth of a JSON value (an object or array is 1 deeper than its items)."""
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _holds_nan(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value) or math.isinf(value)
    if isinstance(value, dict):
        return any(_holds_nan(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_nan(v) for v in value)
    return False


def _assert_contract(text: str, model: BaseModel) -> bool:
    """Check the contract for one validated record; True when it answered."""
    plain = plain_key_count(model)
    if plain < 0:
        return False
    raw = json.loads(text)
    assert plain == model_key_count(model), text
    assert extension_prefixes(raw) == [], text
    assert _depth(raw) <= fixed_depth(model.__class__), text
    assert not _holds_nan(raw), text
    return True


def test_contract_on_real_records_and_their_variants(all_record_lines: list[str]) -> None:
    answered = nested = refused_variants = variants = 0
    for line in all_record_lines:
        model = _model(line)
        if model is None:
            continue
        if _assert_contract(line, model) and _depth(json.loads(line)) > 2:
            nested += 1
        answered += plain_key_count(model) >= 0
        for variant in _variants(json.loads(line)):
            text = dump(variant)
            model2 = _model(text)
            if model2 is None:
                continue
            variants += 1
            # every variant holds a namespaced name or code: never vouched for
            assert not _assert_contract(text, model2), text
            refused_variants += 1
    assert answered > 2000
    assert nested > 500  # records with nested objects are answered, not only flat ones
    assert refused_variants == variants > 2000


_NEED = {
    "category": "elderly_care",
    "need_level": "basic_living",
    "assessed_at": "2026-05-04T09:27:42+08:00",
    "source": "self_reported",
}
_PROFILE = {
    "type": "ServiceProfile",
    "resident_id": "res-missing",
    "needs": [_NEED, {**_NEED, "category": "housing_repair", "need_level": "safety"}],
    "updated_at": "2026-05-19T13:41:05+08:00",
}
_HEAD = '{"type":"ServiceProfile","resident_id":"r","updated_at":"2026-05-19T13:41:05+08:00",'
_TAIL = '"assessed_at":"2026-05-04T09:27:42+08:00","source":"self_reported"}]}'


def test_nested_namespaced_code_is_not_plain() -> None:
    """An open list's code inside a nested object (a profile's needs) is seen."""
    profile = {**_PROFILE, "id": "sp-1"}
    model = _model(dump(profile))
    assert model is not None, _validate(dump(profile))
    assert plain_key_count(model) == model_key_count(model) > 0
    profile["needs"] = [{**_NEED, "category": "gz:meal_subsidy"}]
    model = _model(dump(profile))
    assert model is not None
    assert plain_key_count(model) == -1
    assert extension_prefixes(profile) == [("gz", ("needs", 0, "category"))]


def _own_codes_below(model_cls: type[BaseModel], depth: int = 0) -> set[tuple[str, str]]:
    """(field, code list) of a model class and of every model class nested in it."""
    own = own_code_fields(model_cls)
    assert own is not None, model_cls
    seen = set(own[0]) | set(own[1])
    if depth <= 8:
        for info in model_cls.model_fields.values():
            for arg in _model_args(info.annotation):
                seen |= _own_codes_below(arg, depth + 1)
    return seen


def test_own_code_fields_cover_every_code() -> None:
    """Model by model, the own code fields reach every code path of every entity type."""
    checked = 0
    for version in ("1.0.0", "1.1.0"):
        for cls in models_for(version).entity_types.values():
            schema = cls.model_json_schema()
            paths: list[tuple[tuple[str, ...], str]] = []
            _walk_schema(schema, schema.get("$defs", {}), (), paths)
            expected = {(p[-1] if p[-1] != "*" else p[-2], c) for p, c in paths}
            assert expected <= _own_codes_below(cls), cls.__name__
            checked += len(expected)
    assert checked > 80


def test_localised_texts_are_counted_not_refused() -> None:
    """A name in several languages (an object of strings) is counted key by key."""
    building = {
        "id": "bld-1",
        "type": "Building",
        "community_id": "comm-1",
        "name": {"zh-CN": "一号楼", "en": "Block 1"},
        "category": "residential",
    }
    model = _model(dump(building))
    assert model is not None, _validate(dump(building))
    assert plain_key_count(model) == model_key_count(model) == len(building) + 2


def _model_args(annotation: Any) -> list[type[BaseModel]]:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _model_args(a)]


# --------------------------------------------------------------------------- end to end


#: Nested defects, each a record line (JSON text) of a ServiceProfile.
_DEFECTS = {
    "duplicate key inside a need": _HEAD + '"id":"sp-d1","needs":[{"category":"elderly_care",'
    '"category":"housing_repair","need_level":"safety",' + _TAIL,
    "namespaced code inside a need": dump(
        {**_PROFILE, "id": "sp-d2", "needs": [{**_NEED, "category": "zz:x"}]}
    ),
    "escaped namespaced code": _HEAD + '"id":"sp-d3","needs":[{"category":"\\u007az:y",'
    '"need_level":"safety",' + _TAIL,
    "extension field inside a need": dump(
        {**_PROFILE, "id": "sp-d4", "needs": [{**_NEED, "zz:n": [[[[1]]]]}]}
    ),
    "NaN inside an extension value": _HEAD + '"id":"sp-d5","needs":[{"category":"elderly_care",'
    '"gz:v":NaN,"need_level":"safety",' + _TAIL,
    "huge number inside an extension value": _HEAD + '"id":"sp-d7","gz:reading":1e999,'
    '"needs":[{"category":"elderly_care","need_level":"safety",' + _TAIL,
    "huge number nested in an extension value": _HEAD + '"id":"sp-d8","needs":[{'
    '"category":"elderly_care","gz:v":{"r":[-2E+400]},"need_level":"safety",' + _TAIL,
    "spaced colon": _HEAD + '"id":"sp-d6","needs":[{"category" :"elderly_care",'
    '"category":"housing_repair","need_level":"safety",' + _TAIL,
    "valid": dump({**_PROFILE, "id": "sp-ok"}),
}


def _write(tmp_path: Path, base: list[str], lines: list[str]) -> Path:
    path = tmp_path / "nested.ndjson"
    body = base[:1] + lines[: len(lines) // 2] + base[1:] + lines[len(lines) // 2 :]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(generated_ndjson: Path) -> list[str]:
    return generated_ndjson.read_text(encoding="utf-8").split("\n")[:-1]


@pytest.mark.parametrize("level", ["L1", "L2"])
def test_nested_defects_found_as_the_careful_path_finds_them(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, level: str
) -> None:
    path = _write(tmp_path, base, list(_DEFECTS.values()))
    reference = run_careful(path, monkeypatch, level=level)
    found = smartstd.check(str(path), level=level)
    assert keys(found) == keys(reference)
    assert found.entity_counts == reference.entity_counts
    codes = {(f.code, f.entity_id) for f in found.findings}
    assert ("SC102", "sp-d1") in codes
    assert ("SC107", "sp-d2") in codes
    assert ("SC107", "sp-d3") in codes  # the escape spells zz:y
    assert ("SC107", "sp-d4") in codes
    assert ("SC102", "sp-d6") in codes
    big = [
        f for f in found.findings if f.code == "SC100" and f.params.get("reason") == "big-number"
    ]
    assert len(big) == 2, [(f.code, f.entity_id, f.params) for f in found.findings]
    assert not {c for c, e in codes if e == "sp-ok" and c.startswith("SC1")}
    with monkeypatch.context() as m:  # the shortcut off: the text screens answer
        m.setattr(checker, "fixed_depth", lambda cls: 1 << 30)
        assert keys(smartstd.check(str(path), level=level)) == keys(reference)


def test_shallow_depth_limit_turns_the_shortcut_off(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A depth limit below a type's fixed depth: its records are screened from the text."""
    path = _write(tmp_path, base, [])
    for level in ("L1", "L2"):
        reference = run_careful(path, monkeypatch, level=level, limits=Limits(max_depth=3))
        found = smartstd.check(str(path), level=level, limits=Limits(max_depth=3))
        assert keys(found) == keys(reference)
        assert any(
            f.code == "SC109" or f.params.get("limit") == "max_depth" for f in found.findings
        )
    # at the types' own depths the shortcut is on: the limit is met, never crossed
    for depth in (4, 5, 6):
        reference = run_careful(path, monkeypatch, level="L1", limits=Limits(max_depth=depth))
        found = smartstd.check(str(path), level="L1", limits=Limits(max_depth=depth))
        assert keys(found) == keys(reference), depth


_KEY = st.sampled_from(["category", "need_level", "source", "assessed_at", "gz:x", "zz:y"])
_VALUE = st.one_of(
    st.sampled_from(
        [
            "elderly_care",
            "basic_living",
            "self_reported",
            "2026-05-04T09:27:42+08:00",
            "gz:a",
            "zz:b",
        ]
    ),
    st.integers(-3, 3),
    st.just([[1, [2]]]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(needs=st.lists(st.lists(st.tuples(_KEY, _VALUE), max_size=4), min_size=1, max_size=3))
def test_any_needs_agree_with_the_careful_path(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, needs: list[Any]
) -> None:
    """Needs written with any keys (repeated ones too) and values: the careful path's findings."""
    objects = ",".join(
        "{" + ",".join(f'"{k}":{json.dumps(v)}' for k, v in need) + "}" for need in needs
    )
    line = _HEAD + '"id":"sp-h","needs":[' + objects + "]}"
    path = _write(tmp_path, base[:40], [line])
    for level in ("L1", "L2"):
        assert keys(smartstd.check(str(path), level=level)) == keys(
            run_careful(path, monkeypatch, level=level)
        ), line
