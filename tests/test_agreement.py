"""The models and the published JSON Schemas agree (ARCHITECTURE: "tests prove they agree").

On generated documents, for every entity type, the envelope and whole datasets:

* valid documents are accepted by pydantic (Python and JSON input) and by
  ``jsonschema`` against the per-entity schema and ``entity.schema.json``;
* systematically mutated documents are rejected by both; the mutators are
  generic: they find a field of the right kind (anywhere in the document,
  nested objects and list items included) from the models' metadata;
* a round trip parse -> ``to_json_dict()`` -> parse is exact, extension fields
  included (at every level).
"""

from __future__ import annotations

import copy
import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from smartstd.schemas import build_schemas, validator_for
from smartstd.standard._base import EXTENSION_FIELD_PATTERN, SCDSModel
from smartstd.standard.codes import CODE_LISTS
from smartstd.standard.dataset import ENTITY_TYPES, Dataset, Envelope, entity_adapter
from smartstd.testing import strategies as scds
from smartstd.testing.strategies import FieldSpec, TypeSpec, field_specs

Path = tuple[str | int, ...]
_EXT = re.compile(EXTENSION_FIELD_PATTERN)


# --------------------------------------------------------------------------- validators


@functools.cache
def schema_validator(name: str) -> Any:
    """A jsonschema validator for a published schema, offline.

    Package data first (what users get); before the bundle is written, the
    freshly generated schemas in a ``referencing`` registry.
    """
    try:
        return validator_for(name)
    except FileNotFoundError:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource

        schemas = build_schemas()
        registry = Registry().with_resources(
            (s["$id"], Resource.from_contents(s)) for s in schemas.values()
        )
        return Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry)


@dataclass(frozen=True)
class Target:
    """Something whose documents the models and schemas must agree on."""

    name: str
    model: type[SCDSModel]
    schemas: tuple[str, ...]

    def documents(self) -> st.SearchStrategy[dict[str, Any]]:
        if self.name == "envelope":
            return scds.envelope(standard_version=None)
        return scds.entity(self.name)

    def pydantic_verdicts(self, doc: dict[str, Any]) -> list[ValidationError | None]:
        """The errors (or None) from validating Python input and JSON input."""
        out: list[ValidationError | None] = []
        if self.name == "envelope":
            calls: list[Callable[[], Any]] = [
                lambda: Envelope.model_validate(doc),
                lambda: Envelope.model_validate_json(json.dumps(doc)),
            ]
        else:
            adapter = entity_adapter()
            calls = [
                lambda: adapter.validate_python(doc),
                lambda: adapter.validate_json(json.dumps(doc)),
            ]
        for call in calls:
            try:
                call()
            except ValidationError as exc:
                out.append(exc)
            else:
                out.append(None)
        return out

    def schema_errors(self, doc: dict[str, Any]) -> dict[str, list[str]]:
        return {
            name: [e.message for e in schema_validator(name).iter_errors(doc)]
            for name in self.schemas
        }


TARGETS: dict[str, Target] = {
    name: Target(name, cls, (name, "entity")) for name, cls in ENTITY_TYPES.items()
}
TARGETS["envelope"] = Target("envelope", Envelope, ("envelope",))


def _dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)[:3000]


# --------------------------------------------------------------------------- valid documents


@pytest.mark.parametrize("type_name", list(ENTITY_TYPES))
@given(data=st.data())
def test_generated_entities_are_accepted_and_round_trip(
    type_name: str, data: st.DataObject
) -> None:
    target = TARGETS[type_name]
    doc = data.draw(target.documents(), label="entity")
    for error in target.pydantic_verdicts(doc):
        assert error is None, f"pydantic rejected a generated {type_name}: {error}\n{_dumps(doc)}"
    for name, errors in target.schema_errors(doc).items():
        assert not errors, f"{name}.schema.json rejected a generated {type_name}: {errors}"
    assert_round_trip(doc, target.model)


@given(scds.envelope(standard_version=None))
def test_generated_envelopes_are_accepted_by_model_and_schema(doc: dict[str, Any]) -> None:
    Envelope.model_validate(doc)
    Envelope.model_validate_json(json.dumps(doc))
    assert not TARGETS["envelope"].schema_errors(doc)["envelope"]


@given(scds.dataset(min_entities=1, max_entities=6, standard_version=None))
def test_generated_datasets_are_accepted_and_round_trip(doc: dict[str, Any]) -> None:
    parsed = Dataset.model_validate(doc)
    from_json = Dataset.model_validate_json(json.dumps(doc))
    assert parsed == from_json
    errors = [e.message for e in schema_validator("dataset").iter_errors(doc)]
    assert not errors, errors
    assert len({e["id"] for e in doc["entities"]}) == len(doc["entities"])
    out = parsed.to_json_dict()
    again = Dataset.model_validate(out)
    assert again == parsed
    assert again.to_json_dict() == out
    assert not list(schema_validator("dataset").iter_errors(out))


def test_dataset_strategy_writes_the_standard_version_by_default() -> None:
    @given(scds.dataset(max_entities=2))
    def check(doc: dict[str, Any]) -> None:
        assert doc["standard"] == "scds"
        assert doc["standard_version"] == "1.1.0"

    check()


# --------------------------------------------------------------------------- walking documents


def _model_of(spec: TypeSpec, value: Any) -> type[SCDSModel] | None:
    """The model a present value of ``spec`` is validated as (unions: by its ``type``)."""
    if not isinstance(value, dict):
        return None
    if spec.kind == "model":
        return spec.model
    if spec.kind == "union":
        for member in spec.items:
            if member.model is None:
                continue
            tags = {f.name: f.type.values for f in field_specs(member.model) if f.type.values}
            if value.get("type") in tags.get("type", ()):
                return member.model
    return None


def objects(
    doc: Any, model: type[SCDSModel], path: Path = ()
) -> Iterator[tuple[Path, type[SCDSModel], dict[str, Any]]]:
    """Every object of the standard in a document: the document and nested ones."""
    yield path, model, doc
    for spec in field_specs(model):
        if spec.name in doc:
            yield from _objects_in(doc[spec.name], spec.type, (*path, spec.name))


def _objects_in(
    value: Any, spec: TypeSpec, path: Path
) -> Iterator[tuple[Path, type[SCDSModel], dict[str, Any]]]:
    nested = _model_of(spec, value)
    if nested is not None:
        yield from objects(value, nested, path)
    elif spec.kind == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _objects_in(item, spec.items[0], (*path, i))


@dataclass(frozen=True)
class Site:
    """A place in a document a mutator may change: a field (present or not) or a list item."""

    path: Path
    spec: TypeSpec
    present: bool
    value: Any = None


def sites(doc: dict[str, Any], model: type[SCDSModel]) -> Iterator[Site]:
    for path, owner, obj in objects(doc, model):
        for field in field_specs(owner):
            if field.name in obj:
                yield from _value_sites((*path, field.name), field.type, obj[field.name])
            else:
                yield Site((*path, field.name), field.type, present=False)


def _value_sites(path: Path, spec: TypeSpec, value: Any) -> Iterator[Site]:
    yield Site(path, spec, present=True, value=value)
    if spec.kind == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _value_sites((*path, i), spec.items[0], item)


def _parent(doc: Any, path: Path) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def set_at(doc: Any, path: Path, value: Any) -> None:
    _parent(doc, path)[path[-1]] = value


def get_at(doc: Any, path: Path) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def all_specs(model: type[SCDSModel]) -> Iterator[TypeSpec]:
    """Every type spec reachable from a model (nested models, list items, union members)."""
    seen: set[type[SCDSModel]] = set()
    stack = [model]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        todo = [f.type for f in field_specs(current)]
        while todo:
            spec = todo.pop()
            yield spec
            todo.extend(spec.items)
            if spec.model is not None:
                stack.append(spec.model)


# --------------------------------------------------------------------------- mutators

JSON_TYPES = ("string", "integer", "number", "boolean", "null", "array", "object")
WRONG_VALUES: dict[str, Any] = {
    "string": "x",
    "integer": 7,
    "number": 1.5,  # 1.0 would be an integer to JSON Schema: see the report on int fields
    "boolean": True,
    "null": None,
    "array": [],
    "object": {},
}


def json_types(spec: TypeSpec) -> set[str]:
    """The JSON types a spec accepts."""
    kind = spec.kind
    out: set[str]
    if kind in ("string", "code", "timestamp", "date"):
        out = {"string"}
    elif kind == "literal":
        out = {_json_type(v) for v in spec.values}
    elif kind == "integer":
        out = {"integer"}
    elif kind == "number":
        out = {"integer", "number"}
    elif kind == "boolean":
        out = {"boolean"}
    elif kind in ("model", "localized_text", "dict"):
        out = {"object"}
    elif kind == "list":
        out = {"array"}
    elif kind == "union":
        out = set().union(*(json_types(m) for m in spec.items))
    elif kind == "json" and spec.json_schema is not None and "type" in spec.json_schema:
        declared = spec.json_schema["type"]
        out = set(declared) if isinstance(declared, list) else {declared}
        if "number" in out:
            out.add("integer")
    else:
        out = set(JSON_TYPES)
    if spec.nullable:
        out.add("null")
    return out


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _is_bounded_number(spec: TypeSpec) -> bool:
    return spec.kind in ("integer", "number") and any(
        b is not None for b in (spec.ge, spec.gt, spec.le, spec.lt)
    )


def _bounded_prefix_items(spec: TypeSpec) -> list[tuple[int, dict[str, Any]]]:
    if spec.kind != "json" or spec.json_schema is None:
        return []
    return [
        (i, s)
        for i, s in enumerate(spec.json_schema.get("prefixItems", ()))
        if "minimum" in s or "maximum" in s
    ]


def _out_of_range_values(spec: TypeSpec) -> list[Any]:
    step: float = 1 if spec.kind == "integer" else 0.5
    values: list[Any] = []
    if spec.ge is not None:
        values.append(spec.ge - step)
    if spec.gt is not None:
        values.append(spec.gt)
    if spec.le is not None:
        values.append(spec.le + step)
    if spec.lt is not None:
        values.append(spec.lt)
    return [int(v) if spec.kind == "integer" else float(v) for v in values]


def _has_pattern(spec: TypeSpec) -> bool:
    if spec.kind == "string":
        return spec.pattern is not None
    if spec.kind == "dict":
        return spec.items[0].pattern is not None
    return spec.kind == "localized_text"


def _can_be_too_short(spec: TypeSpec) -> bool:
    if spec.kind in ("string", "list", "dict"):
        return bool(spec.min_length)
    return spec.kind == "localized_text"


def _corrupt(pattern: str, value: str) -> str | None:
    """A string close to ``value`` that does not match ``pattern``."""
    for bad in (" " + value, value[:-1], value + " x", "has space", ""):
        if re.search(pattern, bad) is None:
            return bad
    return None


def _valid_string(data: st.DataObject, site: Site) -> str:
    if site.present and isinstance(site.value, str):
        return site.value
    assert site.spec.pattern is not None
    return data.draw(
        st.from_regex(site.spec.pattern, fullmatch=site.spec.pattern.endswith("$")), label="valid"
    )


_OFFSET = re.compile(r"([Zz]|[+-][0-9]{2}:[0-9]{2})$")
_BAD_CODES = ("not_a_code", "Fire", "gz:", "GZ:Local", "gz local")


@dataclass(frozen=True)
class Mutation:
    """A way to make a valid document invalid, and what pydantic then reports."""

    name: str
    applies: Callable[[TypeSpec], bool]
    mutate: Callable[[st.DataObject, dict[str, Any], type[SCDSModel]], bool]
    error_types: frozenset[str] = frozenset()


def _pick(data: st.DataObject, candidates: list[Any], label: str) -> Any:
    assume(candidates)
    return data.draw(st.sampled_from(candidates), label=label)


def missing_required(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    candidates = [
        (path, f.name)
        for path, owner, obj in objects(doc, model)
        for f in field_specs(owner)
        if f.required and f.name in obj
    ]
    path, name = _pick(data, candidates, "missing")
    del get_at(doc, path)[name]
    return True


def wrong_type(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    candidates = [s for s in sites(doc, model) if set(JSON_TYPES) - json_types(s.spec)]
    site = _pick(data, candidates, "site")
    wrong = sorted(set(JSON_TYPES) - json_types(site.spec))
    set_at(doc, site.path, WRONG_VALUES[data.draw(st.sampled_from(wrong), label="json type")])
    return True


def out_of_range(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    candidates = [
        s
        for s in sites(doc, model)
        if _is_bounded_number(s.spec) or (s.present and _bounded_prefix_items(s.spec))
    ]
    site = _pick(data, candidates, "site")
    if _is_bounded_number(site.spec):
        value = data.draw(st.sampled_from(_out_of_range_values(site.spec)), label="value")
    else:
        index, schema = data.draw(st.sampled_from(_bounded_prefix_items(site.spec)), label="item")
        value = list(site.value)
        value[index] = schema["maximum"] + 1 if "maximum" in schema else schema["minimum"] - 1
    set_at(doc, site.path, value)
    return True


def bad_code(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    site = _pick(data, [s for s in sites(doc, model) if s.spec.kind == "code"], "site")
    assert site.spec.code_list is not None
    choices = list(_BAD_CODES)
    if CODE_LISTS[site.spec.code_list].closed:
        choices.append("gz:local_code")  # namespaced codes extend open lists only
    set_at(doc, site.path, data.draw(st.sampled_from(choices), label="code"))
    return True


def unknown_field(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    _, owner, obj = _pick(data, list(objects(doc, model)), "object")
    names = {f.name for f in field_specs(owner)}
    key = data.draw(
        st.from_regex(r"[A-Za-z_][A-Za-z0-9_:-]{0,20}", fullmatch=True).filter(
            lambda k: k not in names and not _EXT.match(k)
        ),
        label="key",
    )
    obj[key] = data.draw(scds.json_values(), label="value")
    return True


def naive_timestamp(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    site = _pick(data, [s for s in sites(doc, model) if s.spec.kind == "timestamp"], "site")
    valid = (
        site.value if site.present and isinstance(site.value, str) else data.draw(scds.timestamp())
    )
    set_at(doc, site.path, _OFFSET.sub("", valid))
    return True


def bad_pattern(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    site = _pick(data, [s for s in sites(doc, model) if _has_pattern(s.spec)], "site")
    if site.spec.kind == "string":
        assert site.spec.pattern is not None
        bad = _corrupt(site.spec.pattern, _valid_string(data, site))
        assume(bad is not None)
        set_at(doc, site.path, bad)
    else:  # a dict whose keys have a pattern: add a key that does not match
        value = dict(site.value) if site.present and isinstance(site.value, dict) else {}
        key_spec = site.spec.items[0] if site.spec.kind == "dict" else site.spec
        key_pattern = key_spec.pattern
        assert key_pattern is not None
        key = data.draw(st.sampled_from(("zh_CN", "not a tag", "", "1234", "zh-CN-")), label="key")
        assume(re.search(key_pattern, key) is None)
        value[key] = "x"
        set_at(doc, site.path, value)
    return True


def too_short(data: st.DataObject, doc: dict[str, Any], model: type[SCDSModel]) -> bool:
    site = _pick(data, [s for s in sites(doc, model) if _can_be_too_short(s.spec)], "site")
    spec = site.spec
    if spec.kind == "string":
        assert spec.min_length is not None
        value: Any = "x" * (spec.min_length - 1)
    elif spec.kind == "list":
        assert spec.min_length is not None
        value = list(site.value[: spec.min_length - 1]) if site.present and site.value else []
    else:
        value = {}
    set_at(doc, site.path, value)
    return True


MUTATIONS = [
    Mutation("missing_required", lambda s: True, missing_required),
    Mutation("wrong_type", lambda s: bool(set(JSON_TYPES) - json_types(s)), wrong_type),
    Mutation(
        "out_of_range",
        lambda s: _is_bounded_number(s) or bool(_bounded_prefix_items(s)),
        out_of_range,
    ),
    Mutation("bad_code", lambda s: s.kind == "code", bad_code, frozenset({"code_not_in_list"})),
    Mutation("unknown_field", lambda s: True, unknown_field, frozenset({"unknown_field"})),
    Mutation(
        "naive_timestamp",
        lambda s: s.kind == "timestamp",
        naive_timestamp,
        frozenset({"naive_timestamp"}),
    ),
    Mutation("bad_pattern", _has_pattern, bad_pattern, frozenset({"string_pattern_mismatch"})),
    Mutation("too_short", _can_be_too_short, too_short),
]


def _applicable(mutation: Mutation) -> list[str]:
    return [
        name
        for name, target in TARGETS.items()
        if any(mutation.applies(spec) for spec in all_specs(target.model))
    ]


def test_every_mutation_applies_to_some_entity_type() -> None:
    for mutation in MUTATIONS:
        assert _applicable(mutation), mutation.name
        if mutation.name in ("missing_required", "wrong_type", "unknown_field"):
            assert _applicable(mutation) == list(TARGETS)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
@given(data=st.data())
def test_mutated_documents_are_rejected_by_models_and_schemas(
    mutation: Mutation, data: st.DataObject
) -> None:
    target = TARGETS[data.draw(st.sampled_from(_applicable(mutation)), label="target")]
    doc = copy.deepcopy(data.draw(target.documents(), label="valid document"))
    mutation.mutate(data, doc, target.model)
    shown = _dumps(doc)

    for error in target.pydantic_verdicts(doc):
        assert error is not None, f"pydantic accepted a {mutation.name} {target.name}:\n{shown}"
        if mutation.error_types:
            types = {e["type"] for e in error.errors()}
            assert types & mutation.error_types, (types, shown)
    for name, errors in target.schema_errors(doc).items():
        assert errors, f"{name}.schema.json accepted a {mutation.name} {target.name}:\n{shown}"


# --------------------------------------------------------------------------- round trips


def _extensions(doc: dict[str, Any], model: type[SCDSModel]) -> dict[Path, dict[str, Any]]:
    """The extension fields of every object of a document, by the object's path."""
    out = {}
    for path, owner, obj in objects(doc, model):
        names = {f.name for f in field_specs(owner)}
        ext = {k: v for k, v in obj.items() if k not in names}
        if ext:
            out[path] = ext
    return out


def assert_round_trip(doc: dict[str, Any], model: type[SCDSModel]) -> None:
    adapter = entity_adapter()
    parsed: BaseModel = adapter.validate_json(json.dumps(doc))
    out = parsed.to_json_dict()  # type: ignore[attr-defined]
    again = adapter.validate_python(out)
    assert again == parsed
    assert again.to_json_dict() == out
    assert adapter.validate_json(json.dumps(out)) == parsed
    assert _extensions(out, model) == _extensions(doc, model)
    # Nothing is dropped or added: the same objects, each with the same keys.
    written = {p: set(obj) for p, _, obj in objects(out, model)}
    assert written == {p: set(obj) for p, _, obj in objects(doc, model)}


def test_round_trip_keeps_nested_extension_fields() -> None:
    doc = {
        "id": "req-1",
        "type": "ServiceRequest",
        "community_id": "c1",
        "category": "gz:noise",
        "channel": "hotline_12345",
        "submitted_at": "2026-05-01T09:30:00Z",
        "status": "in_progress",
        "gz:ticket_no": "GZ-12345",
        "location": {
            "building_id": "b1",
            "geometry": {"type": "Point", "coordinates": [113.3, 23.1], "gz:source": "gps"},
            "gz:floor": 3,
        },
        "events": [
            {"at": "2026-05-01T10:00:00+08:00", "status": "acknowledged", "gz:sla": {"h": 2}},
            {"at": "2026-05-01T11:00:00+08:00", "status": "in_progress"},
        ],
    }
    model = ENTITY_TYPES["ServiceRequest"]
    assert_round_trip(doc, model)
    out = entity_adapter().validate_python(doc).to_json_dict()
    assert out["gz:ticket_no"] == "GZ-12345"
    assert out["location"]["gz:floor"] == 3
    assert out["location"]["geometry"]["gz:source"] == "gps"
    assert out["events"][0]["gz:sla"] == {"h": 2}
    assert "gz:sla" not in out["events"][1]


def test_field_specs_follow_the_models() -> None:
    for model in (*ENTITY_TYPES.values(), Envelope, Dataset):
        specs: tuple[FieldSpec, ...] = field_specs(model)
        assert [s.attribute for s in specs] == list(model.model_fields)
        schema = model.model_json_schema()
        assert {s.name for s in specs if s.required} == set(schema.get("required", ()))


# ---------------------------------------------------------------- the strategies themselves

_WITH_OFFSET = re.compile(r"T[0-9:.]+([Zz]|[+-][0-9]{2}:[0-9]{2})$")


@given(scds.timestamp())
def test_timestamps_always_have_an_offset(text: str) -> None:
    assert _WITH_OFFSET.search(text), text


@given(scds.localized_text())
def test_localized_text_is_never_empty(text: dict[str, str]) -> None:
    assert text
    assert all(text.values())


@given(scds.extension_fields())
def test_extension_fields_are_namespaced_json(fields: dict[str, Any]) -> None:
    assert all(_EXT.match(k) for k in fields)
    assert json.loads(json.dumps(fields)) == fields


@given(data=st.data())
def test_code_strategy_respects_closed_lists(data: st.DataObject) -> None:
    code_list = CODE_LISTS[data.draw(st.sampled_from(sorted(CODE_LISTS)), label="list")]
    value = data.draw(scds.code(code_list.name), label="code")
    assert code_list.accepts(value)
    if code_list.closed:
        assert value in code_list.values


def test_entity_strategy_takes_names_and_classes() -> None:
    cls = ENTITY_TYPES["Grid"]
    assert scds.entity("Grid") is scds.entity(cls)
    with pytest.raises(ValueError, match="unknown entity type"):
        scds.entity("Village")
    with pytest.raises(ValueError, match="not an entity type"):
        scds.entity(Envelope)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one"):
        scds.entities(types=[])


@given(scds.entities(types=["Alert", "Device"], extensions=False))
def test_entities_of_chosen_types_without_extensions(doc: dict[str, Any]) -> None:
    assert doc["type"] in ("Alert", "Device")
    assert not _extensions(doc, ENTITY_TYPES[doc["type"]])


@given(scds.entity("ServiceProfile"))
def test_model_level_rules_are_honoured(doc: dict[str, Any]) -> None:
    assert doc.get("household_id") is not None or doc.get("resident_id") is not None


@given(scds.entity("Community"))
def test_polygon_rings_are_closed(doc: dict[str, Any]) -> None:
    boundary = doc.get("boundary")
    if boundary is not None:
        for ring in boundary["coordinates"]:
            assert len(ring) >= 4
            assert ring[0] == ring[-1]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_importing_smartstd_testing_does_not_import_hypothesis() -> None:
    result = _run(
        "import sys, smartstd.testing\n"
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'\n"
        "assert 'smartstd.testing.strategies' not in sys.modules\n"
        "from smartstd.testing import strategies\n"
        "assert 'hypothesis' in sys.modules\n"
        "assert strategies.entity\n"
    )
    assert result.returncode == 0, result.stderr


def test_without_hypothesis_the_strategies_say_what_to_install() -> None:
    result = _run(
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "import smartstd.testing\n"
        "try:\n"
        "    smartstd.testing.strategies\n"
        "except ImportError as exc:\n"
        "    assert 'pip install' in str(exc), exc\n"
        "else:\n"
        "    raise SystemExit('no ImportError')\n"
    )
    assert result.returncode == 0, result.stderr
