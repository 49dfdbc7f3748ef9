"""Table-driven: one case per change kind, each verdict checked against real validation.

Each case gives an OLD and a NEW schema, the change kinds expected, the two
verdicts, and *witnesses*: instances that prove a "breaks" verdict (valid
under OLD but not NEW for backward, valid under NEW but not OLD for forward).
Then Hypothesis generates instances around the witnesses and checks every
"compatible" verdict empirically: an instance valid under OLD must stay
valid under NEW when the change is backward compatible, and likewise
forward. A breaking change classified as safe fails one of these tests.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from smartstd.compat import Change, ChangeKind, Diff, diff_schemas

NS = "^[a-z][a-z0-9]{0,15}:[a-z0-9][a-z0-9_]{0,63}$"
EXT = "^[a-z][a-z0-9]{0,15}:[a-z][a-z0-9_]{0,63}$"


def obj(
    props: dict[str, Any], required: tuple[str, ...] = ("name",), closed: bool = True, **extra: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props, "required": list(required)}
    if closed:
        out["additionalProperties"] = False
    out.update(extra)
    return out


BASE_PROPS: dict[str, Any] = {
    "name": {"type": "string", "maxLength": 10},
    "size": {"type": "integer", "minimum": 1, "maximum": 50},
    "kind": {"enum": ["a", "b"]},
}


def base(**changes: Any) -> dict[str, Any]:
    props = copy.deepcopy(BASE_PROPS)
    for k, v in changes.items():
        if v is None:
            props.pop(k, None)
        else:
            props[k] = v
    return obj(props)


def wrap(sub: Any) -> dict[str, Any]:
    return obj({"v": sub}, required=("v",))


CODES_OPEN = {"type": "string", "anyOf": [{"enum": ["a", "b"]}, {"pattern": NS}]}


@dataclass
class Case:
    id: str
    old: Any
    new: Any
    kinds: set[ChangeKind]
    backward: bool
    forward: bool
    #: valid under OLD, invalid under NEW (required when backward is False)
    back_witness: list[Any] = field(default_factory=list)
    #: valid under NEW, invalid under OLD (required when forward is False)
    fwd_witness: list[Any] = field(default_factory=list)
    #: more valid seeds for the generated instances
    seeds: list[Any] = field(default_factory=list)


K = ChangeKind
CASES = [
    Case(
        "field_added",
        base(),
        base(note={"type": "string"}),
        {K.FIELD_ADDED},
        True,
        False,
        [],
        [{"name": "x", "note": "n"}],
    ),
    Case(
        "field_added_required",
        base(),
        obj({**BASE_PROPS, "note": {"type": "string"}}, required=("name", "note")),
        {K.FIELD_ADDED},
        False,
        False,
        [{"name": "x"}],
        [{"name": "x", "note": "n"}],
    ),
    Case(
        "field_added_open_object",
        obj(BASE_PROPS, closed=False),
        obj({**BASE_PROPS, "note": {"type": "string"}}, closed=False),
        {K.FIELD_ADDED},
        False,
        True,
        [{"name": "x", "note": 5}],
    ),
    Case(
        "field_removed",
        base(),
        base(size=None),
        {K.FIELD_REMOVED},
        False,
        True,
        [{"name": "x", "size": 3}],
    ),
    Case(
        "field_renamed",
        base(),
        obj(
            {
                "name": BASE_PROPS["name"],
                "household_size": BASE_PROPS["size"],
                "kind": BASE_PROPS["kind"],
            }
        ),
        {K.FIELD_RENAMED},
        False,
        False,
        [{"name": "x", "size": 3}],
        [{"name": "x", "household_size": 3}],
    ),
    Case(
        "required_added",
        base(),
        obj(BASE_PROPS, required=("name", "size")),
        {K.REQUIRED_ADDED},
        False,
        True,
        [{"name": "x"}],
    ),
    Case(
        "required_dropped",
        base(),
        obj(BASE_PROPS, required=()),
        {K.REQUIRED_DROPPED},
        True,
        False,
        [],
        [{}],
    ),
    Case(
        "type_narrowed",
        base(size={"type": "number"}),
        base(size={"type": "integer"}),
        {K.TYPE_NARROWED},
        False,
        True,
        [{"name": "x", "size": 1.5}],
    ),
    Case(
        "type_widened",
        base(size={"type": "integer"}),
        base(size={"type": "number"}),
        {K.TYPE_WIDENED},
        True,
        False,
        [],
        [{"name": "x", "size": 1.5}],
    ),
    Case(
        "type_narrowed_null_dropped",
        base(size={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
        base(size={"type": "integer"}),
        {K.TYPE_NARROWED},
        False,
        True,
        [{"name": "x", "size": None}],
    ),
    Case(
        "type_widened_null_added",
        base(size={"type": "integer"}),
        base(size={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
        {K.TYPE_WIDENED},
        True,
        False,
        [],
        [{"name": "x", "size": None}],
    ),
    Case(
        "type_changed",
        base(size={"type": "integer"}),
        base(size={"type": "string"}),
        {K.TYPE_NARROWED, K.TYPE_WIDENED},
        False,
        False,
        [{"name": "x", "size": 3}],
        [{"name": "x", "size": "3"}],
    ),
    Case(
        "enum_grown",
        base(),
        base(kind={"enum": ["a", "b", "c"]}),
        {K.ENUM_GROWN},
        True,
        False,
        [],
        [{"name": "x", "kind": "c"}],
    ),
    Case(
        "enum_shrunk",
        base(),
        base(kind={"enum": ["a"]}),
        {K.ENUM_SHRUNK},
        False,
        True,
        [{"name": "x", "kind": "b"}],
    ),
    Case(
        "enum_introduced",
        base(kind={"type": "string"}),
        base(kind={"type": "string", "enum": ["a"]}),
        {K.ENUM_SHRUNK},
        False,
        True,
        [{"name": "x", "kind": "zz"}],
    ),
    Case(
        "codelist_grown_namespaced",
        wrap(CODES_OPEN),
        wrap({"type": "string", "anyOf": [{"enum": ["a", "b", "gz:x"]}, {"pattern": NS}]}),
        {K.CODELIST_GROWN},
        True,
        True,
        seeds=[{"v": "gz:x"}, {"v": "a"}],
    ),
    Case(
        "codelist_grown_core",
        wrap(CODES_OPEN),
        wrap({"type": "string", "anyOf": [{"enum": ["a", "b", "c"]}, {"pattern": NS}]}),
        {K.CODELIST_GROWN},
        True,
        False,
        [],
        [{"v": "c"}],
    ),
    Case(
        "codelist_shrunk",
        wrap(CODES_OPEN),
        wrap({"type": "string", "anyOf": [{"enum": ["a"]}, {"pattern": NS}]}),
        {K.CODELIST_SHRUNK},
        False,
        True,
        [{"v": "b"}],
    ),
    Case(
        "codelist_closed",
        wrap(CODES_OPEN),
        wrap({"type": "string", "enum": ["a", "b"]}),
        {K.CODELIST_SHRUNK},
        False,
        True,
        [{"v": "gz:x"}],
    ),
    Case(
        "codelist_opened",
        wrap({"type": "string", "enum": ["a", "b"]}),
        wrap(CODES_OPEN),
        {K.CODELIST_GROWN},
        True,
        False,
        [],
        [{"v": "gz:x"}],
    ),
    Case(
        "codelist_prefix_reserved",
        wrap(CODES_OPEN),
        wrap(
            {
                "type": "string",
                "anyOf": [
                    {"enum": ["a", "b", "gz:x"]},
                    {"pattern": NS, "not": {"pattern": "^(gz):"}},
                ],
            }
        ),
        {K.CODELIST_GROWN, K.PATTERN_TIGHTENED},
        False,
        True,
        [{"v": "gz:y"}],
        seeds=[{"v": "gz:x"}, {"v": "sz:y"}],
    ),
    Case(
        "bound_tightened",
        base(),
        base(size={"type": "integer", "minimum": 1, "maximum": 20}),
        {K.BOUND_TIGHTENED},
        False,
        True,
        [{"name": "x", "size": 30}],
    ),
    Case(
        "bound_loosened",
        base(),
        base(size={"type": "integer", "minimum": 1, "maximum": 100}),
        {K.BOUND_LOOSENED},
        True,
        False,
        [],
        [{"name": "x", "size": 80}],
    ),
    Case(
        "bound_exclusive",
        base(),
        base(size={"type": "integer", "exclusiveMinimum": 1, "maximum": 50}),
        {K.BOUND_TIGHTENED},
        False,
        True,
        [{"name": "x", "size": 1}],
    ),
    Case(
        "length_tightened",
        base(),
        base(name={"type": "string", "minLength": 2, "maxLength": 10}),
        {K.BOUND_TIGHTENED},
        False,
        True,
        [{"name": "x"}],
    ),
    Case(
        "length_loosened",
        base(),
        base(name={"type": "string", "maxLength": 20}),
        {K.BOUND_LOOSENED},
        True,
        False,
        [],
        [{"name": "abcdefghijklmno"}],
    ),
    Case(
        "items_tightened",
        wrap({"type": "array", "items": {"enum": ["a", "b"]}}),
        wrap({"type": "array", "items": {"enum": ["a"]}, "maxItems": 2}),
        {K.ENUM_SHRUNK, K.BOUND_TIGHTENED},
        False,
        True,
        [{"v": ["b"]}, {"v": ["a", "a", "a"]}],
    ),
    Case(
        "nested_bound_via_ref",
        {
            "$defs": {
                "P": {
                    "type": "object",
                    "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90}},
                }
            },
            **wrap({"$ref": "#/$defs/P"}),
        },
        wrap(
            {
                "type": "object",
                "properties": {"lat": {"type": "number", "minimum": 22.5, "maximum": 23.95}},
            }
        ),
        {K.BOUND_TIGHTENED},
        False,
        True,
        [{"v": {"lat": 0}}],
        seeds=[{"v": {"lat": 23}}],
    ),
    Case(
        "pattern_tightened",
        base(),
        base(name={"type": "string", "maxLength": 10, "pattern": "^[a-z]+$"}),
        {K.PATTERN_TIGHTENED},
        False,
        True,
        [{"name": "X1"}],
    ),
    Case(
        "pattern_loosened",
        base(name={"type": "string", "maxLength": 10, "pattern": "^[a-z]+$"}),
        base(),
        {K.PATTERN_LOOSENED},
        True,
        False,
        [],
        [{"name": "X1"}],
    ),
    Case(
        "pattern_changed",
        base(name={"type": "string", "pattern": "^[a-z]+$"}),
        base(name={"type": "string", "pattern": "^[0-9]+$"}),
        {K.PATTERN_CHANGED},
        False,
        False,
        [{"name": "abc"}],
        [{"name": "123"}],
    ),
    Case(
        "pattern_added_in_all_of",
        base(name={"type": "string", "pattern": "^[a-z0-9]+$"}),
        base(name={"type": "string", "pattern": "^[a-z0-9]+$", "allOf": [{"pattern": "^[0-9]+$"}]}),
        {K.PATTERN_TIGHTENED},
        False,
        True,
        [{"name": "abc"}],
        seeds=[{"name": "123"}],
    ),
    Case(
        "object_opened",
        base(),
        obj(BASE_PROPS, closed=False),
        {K.OBJECT_OPENED},
        True,
        False,
        [],
        [{"name": "x", "zz": 1}],
    ),
    Case(
        "object_closed",
        obj(BASE_PROPS, closed=False),
        base(),
        {K.OBJECT_CLOSED},
        False,
        True,
        [{"name": "x", "zz": 1}],
    ),
    Case(
        "object_prefix_reserved",
        obj(BASE_PROPS, patternProperties={EXT: {}}),
        obj(BASE_PROPS, patternProperties={EXT: {}, "^gz:(?!(a)$)": False}),
        {K.OBJECT_CLOSED},
        False,
        True,
        [{"name": "x", "gz:b": 1}],
        seeds=[{"name": "x", "gz:a": 1}, {"name": "x", "sz:b": 2}],
    ),
    Case(
        "multiple_of_changed",
        base(size={"type": "integer", "multipleOf": 2}),
        base(size={"type": "integer", "multipleOf": 3}),
        {K.CONSTRAINT_CHANGED},
        False,
        False,
        [{"name": "x", "size": 2}],
        [{"name": "x", "size": 3}],
    ),
    Case(
        "description_only",
        base(),
        obj({**BASE_PROPS, "name": {**BASE_PROPS["name"], "title": "Name / 名称"}}, title="T"),
        {K.DESCRIPTION_ONLY},
        True,
        True,
    ),
]


def _diff(case: Case) -> list[Change]:
    return diff_schemas(case.old, case.new, "T")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_kinds_and_verdicts(case: Case) -> None:
    changes = _diff(case)
    assert {c.kind for c in changes} == case.kinds, [c.to_dict() for c in changes]
    assert all(c.backward for c in changes) == case.backward
    assert all(c.forward for c in changes) == case.forward


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("mode", ["backward", "forward", "full", "none"])
def test_modes(case: Case, mode: str) -> None:
    diff = Diff("old", "new", None, None, False, tuple(_diff(case)))
    broken = {
        "backward": not case.backward,
        "forward": not case.forward,
        "full": not (case.backward and case.forward),
        "none": False,
    }[mode]
    assert bool(diff.violations(mode)) == broken
    assert diff.ok(mode) == (not broken)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_witnesses_prove_every_breaking_verdict(case: Case) -> None:
    old, new = Draft202012Validator(case.old), Draft202012Validator(case.new)
    if not case.backward:
        assert case.back_witness, "a backward-breaking case needs a witness"
    if not case.forward:
        assert case.fwd_witness, "a forward-breaking case needs a witness"
    for w in case.back_witness:
        assert old.is_valid(w), w
        assert not new.is_valid(w), w
    for w in case.fwd_witness:
        assert new.is_valid(w), w
        assert not old.is_valid(w), w


def test_semver_bumps() -> None:
    by_id = {c.id: c for c in CASES}
    assert {c.bump for c in _diff(by_id["field_removed"])} == {"major"}
    assert {c.bump for c in _diff(by_id["field_added"])} == {"minor"}
    assert {c.bump for c in _diff(by_id["description_only"])} == {"patch"}


# --------------------------------------------------------------------------- empirical cross-check


def _values(schemas: list[Any]) -> st.SearchStrategy[Any]:
    """Interesting values for these schemas: their enums, bounds and the bounds' neighbours."""
    found: list[Any] = [
        None,
        True,
        0,
        1,
        -1,
        2,
        3,
        1.5,
        "",
        "a",
        "b",
        "c",
        "x",
        "zz",
        "X1",
        "abc",
        "123",
        "gz:x",
        "gz:y",
        "sz:y",
    ]
    found.append("abcdefghijklmno")
    patterns: list[str] = []
    stack = list(schemas)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("enum",) and isinstance(v, list):
                    found.extend(v)
                elif k == "const":
                    found.append(v)
                elif k in (
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                ) and isinstance(v, (int, float)):
                    found.extend([v - 1, v - 0.5, v, v + 0.5, v + 1])
                elif k == "pattern" and isinstance(v, str):
                    patterns.append(v)
                else:
                    stack.append(v)
        elif isinstance(node, list):
            stack.extend(node)
    del patterns  # the fixed values above already match and miss every pattern of the table
    return st.sampled_from(found)


def _keys(schemas: list[Any]) -> list[str]:
    keys: set[str] = {"zz", "gz:a", "gz:b", "sz:b"}
    stack = list(schemas)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                keys.update(props)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(keys)


def _instances(case: Case) -> st.SearchStrategy[Any]:
    """Instances around the case's witnesses and seeds, mutated a little."""
    schemas = [case.old, case.new]
    keys = _keys(schemas)
    value = st.recursive(
        _values(schemas),
        lambda kids: (
            st.lists(kids, max_size=3) | st.dictionaries(st.sampled_from(keys), kids, max_size=3)
        ),
        max_leaves=6,
    )
    seeds = [
        *case.back_witness,
        *case.fwd_witness,
        *case.seeds,
        {"name": "x"},
        {"v": "a"},
        {"name": "x", "size": 3, "kind": "a"},
    ]
    edits = st.lists(st.tuples(st.sampled_from(keys), st.booleans(), value), max_size=3)

    def apply(seed: Any, todo: list[tuple[str, bool, Any]]) -> Any:
        inst = copy.deepcopy(seed)
        for key, delete, new_value in todo:
            if delete and key in inst:
                del inst[key]
            else:
                inst[key] = new_value
        return inst

    return st.builds(apply, st.sampled_from(seeds), edits)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_verdicts_hold_on_generated_instances(case: Case) -> None:
    changes = _diff(case)
    backward = all(c.backward for c in changes)
    forward = all(c.forward for c in changes)
    old, new = Draft202012Validator(case.old), Draft202012Validator(case.new)

    @settings(
        max_examples=80, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
    )
    @given(inst=_instances(case))
    def check(inst: Any) -> None:
        if backward and old.is_valid(inst):
            assert new.is_valid(inst), (
                f"classified backward compatible, but {inst!r} became invalid"
            )
        if forward and new.is_valid(inst):
            assert old.is_valid(inst), (
                f"classified forward compatible, but {inst!r} is invalid for old readers"
            )

    check()
