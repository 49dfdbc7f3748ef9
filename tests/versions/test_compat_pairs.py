"""Schema pairs with known verdicts, and a property test of the verdicts' soundness.

The table gives an OLD and a NEW schema and the two verdicts JSON Schema's
semantics (Draft 2020-12) give: **backward** (every instance valid under OLD
is valid under NEW) and **forward** (every instance valid under NEW is valid
under OLD). Every ``False`` comes with a witness that real validation
confirms, except where the comparison cannot tell (two unrelated regular
expressions): there the contract is "breaking", and the table says so. Every
``True`` is also checked on a pool of instances.

The property test draws small random schema pairs from a grammar of the
keywords the comparison knows, and random instances: whenever an instance is
valid under OLD and invalid under NEW, the comparison must not have claimed
backward compatibility (and likewise forward).
"""

from __future__ import annotations

import copy
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from smartstd.compat import Bundle, Change, diff_bundles, diff_schemas


@dataclass
class Pair:
    id: str
    old: Any
    new: Any
    backward: bool
    forward: bool
    #: valid under OLD, invalid under NEW (one at least when backward is False)
    back_witness: list[Any] = field(default_factory=list)
    #: valid under NEW, invalid under OLD (one at least when forward is False)
    fwd_witness: list[Any] = field(default_factory=list)
    #: the SemVer step the changes demand, when the case is about it
    bump: str | None = None
    #: False when a "breaking" verdict only means "cannot tell" (no witness needed)
    provable: bool = True


def obj(props: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        out["required"] = list(required)
    out.update(extra)
    return out


def closed(props: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    return obj(props, required, additionalProperties=False, **extra)


def deep(leaf: Any, closed_levels: bool = False) -> dict[str, Any]:
    """``leaf`` three objects deep: ``{"a": {"b": {"c": leaf}}}``."""
    node: Any = leaf
    for name in ("c", "b", "a"):
        node = closed({name: node}) if closed_levels else obj({name: node})
    return node


S = {"type": "string"}
INT = {"type": "integer"}
NUM = {"type": "number"}
NULL = {"type": "null"}
DISC_A = closed({"kind": {"const": "a"}, "x": INT}, ("kind",))
DISC_B = closed({"kind": {"const": "b"}, "y": S}, ("kind",))
DISC_C = closed({"kind": {"const": "c"}}, ("kind",))
TUPLE2 = {"type": "array", "prefixItems": [NUM, NUM], "minItems": 2, "maxItems": 2, "items": False}
TUPLE3 = {
    "type": "array",
    "prefixItems": [NUM, NUM, S],
    "minItems": 3,
    "maxItems": 3,
    "items": False,
}
DEFS = {"Name": {"type": "string", "maxLength": 5}, "Unused": {"type": "integer"}}

P = Pair
PAIRS: list[Pair] = [
    # ----------------------------------------------------------------- types
    P("integer_to_number", INT, NUM, True, False, fwd_witness=[1.5]),
    P("number_to_integer", NUM, INT, False, True, [1.5]),
    P("null_added_to_type_list", S, {"type": ["string", "null"]}, True, False, fwd_witness=[None]),
    P("null_dropped_from_type_list", {"type": ["string", "null"]}, S, False, True, [None]),
    P(
        "type_list_grown",
        {"type": ["string", "null"]},
        {"type": ["string", "null", "integer"]},
        True,
        False,
        fwd_witness=[3],
    ),
    P(
        "type_list_reordered",
        {"type": ["integer", "string"]},
        {"type": ["string", "integer"]},
        True,
        True,
        bump="none",
    ),
    P("type_changed", S, INT, False, False, ["a"], [1]),
    P("type_added_to_any", {}, S, False, True, [1]),
    P("type_removed", S, {}, True, False, fwd_witness=[1]),
    P("integer_and_number_is_number", {"type": ["integer", "number"]}, NUM, True, True),
    P(
        "anyof_of_types_is_type_list",
        {"anyOf": [S, NULL]},
        {"type": ["string", "null"]},
        True,
        True,
    ),
    P("nullable_via_oneof_dropped", {"oneOf": [S, NULL]}, S, False, True, [None]),
    # ----------------------------------------------------------------- enum and const
    P(
        "enum_grown",
        {"enum": ["a", "b"]},
        {"enum": ["a", "b", "c"]},
        True,
        False,
        fwd_witness=["c"],
    ),
    P("enum_shrunk", {"enum": ["a", "b", "c"]}, {"enum": ["a", "b"]}, False, True, ["c"]),
    P("enum_reordered", {"enum": ["a", "b"]}, {"enum": ["b", "a"]}, True, True, bump="none"),
    P("enum_swapped_value", {"enum": ["a", "b"]}, {"enum": ["a", "c"]}, False, False, ["b"], ["c"]),
    P("enum_introduced", S, {"type": "string", "enum": ["a"]}, False, True, ["b"]),
    P("enum_dropped", {"type": "string", "enum": ["a"]}, S, True, False, fwd_witness=["b"]),
    P("const_to_same_enum", {"const": "a"}, {"enum": ["a"]}, True, True),
    P("const_to_larger_enum", {"const": "a"}, {"enum": ["a", "b"]}, True, False, fwd_witness=["b"]),
    P("enum_to_const", {"enum": ["a", "b"]}, {"const": "a"}, False, True, ["b"]),
    P("enum_integer_and_float_equal", {"enum": [1, 2]}, {"enum": [1.0, 2]}, True, True),
    P("enum_true_is_not_one", {"enum": [True, 1]}, {"enum": [1]}, False, True, [True]),
    P(
        "const_and_enum_disjoint",
        {"const": "a", "enum": ["a", "b"]},
        {"const": "a", "enum": ["b"]},
        False,
        True,
        ["a"],
    ),
    # ----------------------------------------------------------------- required
    P("required_added", obj({"a": S}), obj({"a": S}, ("a",)), False, True, [{}]),
    P("required_dropped", obj({"a": S}, ("a",)), obj({"a": S}), True, False, fwd_witness=[{}]),
    P(
        "required_reordered",
        obj({"a": S, "b": S}, ("a", "b")),
        obj({"a": S, "b": S}, ("b", "a")),
        True,
        True,
        bump="none",
    ),
    P("required_without_property_added", obj({}), obj({}, ("z",)), False, True, [{}]),
    # ----------------------------------------------------------------- properties and openness
    P(
        "closed_optional_field_added",
        closed({"a": S}),
        closed({"a": S, "b": INT}),
        True,
        False,
        fwd_witness=[{"b": 1}],
    ),
    P(
        "closed_required_field_added",
        closed({"a": S}),
        closed({"a": S, "b": INT}, ("b",)),
        False,
        False,
        [{}],
        [{"b": 1}],
    ),
    P(
        "closed_field_removed",
        closed({"a": S, "b": INT}),
        closed({"a": S}),
        False,
        True,
        [{"b": 1}],
    ),
    P("open_field_added_typed", obj({"a": S}), obj({"a": S, "b": INT}), False, True, [{"b": "x"}]),
    P("open_field_added_untyped", obj({"a": S}), obj({"a": S, "b": {}}), True, True),
    P(
        "open_field_removed",
        obj({"a": S, "b": INT}),
        obj({"a": S}),
        True,
        False,
        fwd_witness=[{"b": "x"}],
    ),
    P(
        "additional_true_is_absent",
        obj({"a": S}, additionalProperties=True),
        obj({"a": S}),
        True,
        True,
        bump="none",
    ),
    P("object_opened", closed({"a": S}), obj({"a": S}), True, False, fwd_witness=[{"z": 1}]),
    P("object_closed", obj({"a": S}), closed({"a": S}), False, True, [{"z": 1}]),
    P(
        "closed_to_additional_schema",
        closed({"a": S}),
        obj({"a": S}, additionalProperties=S),
        True,
        False,
        fwd_witness=[{"z": "x"}],
    ),
    P(
        "additional_schema_widened",
        obj({}, additionalProperties=S),
        obj({}, additionalProperties={"type": ["string", "integer"]}),
        True,
        False,
        fwd_witness=[{"z": 1}],
    ),
    P(
        "additional_schema_field_added_other_type",
        obj({}, additionalProperties=S),
        obj({"c": INT}, additionalProperties=S),
        False,
        False,
        [{"c": "x"}],
        [{"c": 1}],
    ),
    P(
        "additional_schema_field_added_tighter",
        obj({}, additionalProperties=S),
        obj({"c": {"type": "string", "maxLength": 2}}, additionalProperties=S),
        False,
        True,
        [{"c": "xyz"}],
    ),
    P(
        "field_renamed",
        closed({"size": INT}),
        closed({"household_size": INT}),
        False,
        False,
        [{"size": 1}],
        [{"household_size": 1}],
    ),
    P("field_false_forbids_it", obj({"a": True}), obj({"a": False}), False, True, [{"a": 1}]),
    # ----------------------------------------------------------------- unevaluatedProperties
    P(
        "unevaluated_field_added",
        obj({"a": S}, unevaluatedProperties=False),
        obj({"a": S, "b": INT}, unevaluatedProperties=False),
        True,
        False,
        fwd_witness=[{"b": 1}],
    ),
    P(
        "unevaluated_dropped",
        obj({"a": S}, unevaluatedProperties=False),
        obj({"a": S}),
        True,
        False,
        fwd_witness=[{"z": 1}],
    ),
    P(
        "unevaluated_added",
        obj({"a": S}),
        obj({"a": S}, unevaluatedProperties=False),
        False,
        True,
        [{"z": 1}],
    ),
    P(
        "unevaluated_is_additional_here",
        obj({"a": S}, unevaluatedProperties=False),
        closed({"a": S}),
        True,
        True,
    ),
    P(
        "unevaluated_beside_allof_title_only",
        {"allOf": [obj({"a": S})], "unevaluatedProperties": False},
        {"allOf": [obj({"a": S})], "unevaluatedProperties": False, "title": "T"},
        True,
        True,
        bump="patch",
    ),
    P(
        "unevaluated_beside_allof_member_grown",
        {"allOf": [obj({"a": S})], "unevaluatedProperties": False},
        {"allOf": [obj({"a": S}), obj({"b": S})], "unevaluatedProperties": False},
        False,  # cannot tell: unevaluatedProperties reads every applicator
        False,
        fwd_witness=[{"b": "x"}],
        provable=False,
    ),
    # ----------------------------------------------------------------- numeric and length bounds
    P(
        "min_length_tightened",
        {"type": "string", "minLength": 1},
        {"type": "string", "minLength": 2},
        False,
        True,
        ["a"],
    ),
    P(
        "max_length_tightened",
        {"type": "string", "maxLength": 10},
        {"type": "string", "maxLength": 5},
        False,
        True,
        ["abcdefg"],
    ),
    P(
        "max_length_loosened",
        {"type": "string", "maxLength": 5},
        {"type": "string", "maxLength": 10},
        True,
        False,
        fwd_witness=["abcdefg"],
    ),
    P("min_length_zero_is_absent", S, {"type": "string", "minLength": 0}, True, True),
    P(
        "minimum_tightened",
        {"type": "number", "minimum": 0},
        {"type": "number", "minimum": 1},
        False,
        True,
        [0.5],
    ),
    P(
        "maximum_loosened",
        {"type": "number", "maximum": 10},
        {"type": "number", "maximum": 20},
        True,
        False,
        fwd_witness=[15],
    ),
    P(
        "exclusive_min_to_inclusive",
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "number", "minimum": 0},
        True,
        False,
        fwd_witness=[0],
    ),
    P(
        "inclusive_min_to_exclusive",
        {"type": "number", "minimum": 0},
        {"type": "number", "exclusiveMinimum": 0},
        False,
        True,
        [0],
    ),
    P(
        "exclusive_max_tightened",
        {"type": "number", "exclusiveMaximum": 10},
        {"type": "number", "exclusiveMaximum": 5},
        False,
        True,
        [7],
    ),
    P(
        "integer_exclusive_min_is_min_plus_one",
        {"type": "integer", "exclusiveMinimum": 0},
        {"type": "integer", "minimum": 1},
        True,
        True,
    ),
    P(
        "redundant_exclusive_bound",
        {"type": "number", "minimum": 5},
        {"type": "number", "minimum": 5, "exclusiveMinimum": 3},
        True,
        True,
    ),
    P(
        "fractional_minimum_tightened",
        {"type": "number", "minimum": 1},
        {"type": "number", "minimum": 1.5},
        False,
        True,
        [1.2],
    ),
    P("bound_on_other_type_ignored", S, {"type": "string", "minimum": 3}, True, True),
    # ----------------------------------------------------------------- multipleOf
    P(
        "multiple_of_6_to_3_widens",
        {"type": "integer", "multipleOf": 6},
        {"type": "integer", "multipleOf": 3},
        True,
        False,
        fwd_witness=[3],
    ),
    P(
        "multiple_of_3_to_6_narrows",
        {"type": "integer", "multipleOf": 3},
        {"type": "integer", "multipleOf": 6},
        False,
        True,
        [3],
    ),
    P(
        "multiple_of_2_to_3_unrelated",
        {"type": "integer", "multipleOf": 2},
        {"type": "integer", "multipleOf": 3},
        False,
        False,
        [2],
        [3],
    ),
    P("multiple_of_added", NUM, {"type": "number", "multipleOf": 2}, False, True, [3]),
    P("integer_multiple_of_one", INT, {"type": "integer", "multipleOf": 1}, True, True),
    # ----------------------------------------------------------------- pattern and format
    P(
        "pattern_identical",
        {"type": "string", "pattern": "^[a-z]+$"},
        {"type": "string", "pattern": "^[a-z]+$"},
        True,
        True,
        bump="none",
    ),
    P(
        "pattern_unrelated",
        {"type": "string", "pattern": "^[a-z]+$"},
        {"type": "string", "pattern": "^[0-9]+$"},
        False,
        False,
        ["abc"],
        ["123"],
    ),
    P("pattern_added", S, {"type": "string", "pattern": "^[a-z]+$"}, False, True, ["A"]),
    P(
        "pattern_removed",
        {"type": "string", "pattern": "^[a-z]+$"},
        S,
        True,
        False,
        fwd_witness=["A"],
    ),
    P(
        "pattern_rewritten_equivalently",
        {"type": "string", "pattern": "^[a-z]+$"},
        {"type": "string", "pattern": "^[a-z][a-z]*$"},
        False,  # cannot tell: two different regular expressions
        False,
        provable=False,
    ),
    P(
        "format_added_is_annotation",
        S,
        {"type": "string", "format": "date"},
        True,
        True,
        bump="patch",
    ),
    P(
        "format_changed_is_annotation",
        {"type": "string", "format": "date"},
        {"type": "string", "format": "email"},
        True,
        True,
        bump="patch",
    ),
    # ----------------------------------------------------------------- arrays
    P(
        "items_widened",
        {"type": "array", "items": S},
        {"type": "array", "items": {"type": ["string", "null"]}},
        True,
        False,
        fwd_witness=[[None]],
    ),
    P(
        "items_tightened",
        {"type": "array", "items": {"type": "string", "maxLength": 3}},
        {"type": "array", "items": {"type": "string", "maxLength": 2}},
        False,
        True,
        [["abc"]],
    ),
    P(
        "prefix_items_grown",
        {"type": "array", "prefixItems": [S]},
        {"type": "array", "prefixItems": [S, INT]},
        False,
        True,
        [["a", "b"]],
    ),
    P(
        "closed_tuple_shortened",
        {"type": "array", "prefixItems": [S, INT], "items": False},
        {"type": "array", "prefixItems": [S], "items": False},
        False,
        True,
        [["a", 1]],
    ),
    P(
        "optional_last_item_as_two_whole_tuples",
        {"type": "array", "prefixItems": [NUM, NUM, S], "minItems": 2, "items": False},
        {"anyOf": [TUPLE2, TUPLE3]},
        True,
        True,
        bump="none",
    ),
    P(
        "two_whole_tuples_as_one_of",
        {"oneOf": [TUPLE2, TUPLE3]},
        {"type": "array", "prefixItems": [NUM, NUM, S], "minItems": 2, "maxItems": 3},
        True,
        True,
        bump="none",
    ),
    P(
        "optional_last_item_dropped",
        {"type": "array", "prefixItems": [NUM, NUM, S], "minItems": 2, "items": False},
        {"anyOf": [TUPLE2]},
        False,
        True,
        [[1, 2, "a"]],
    ),
    P(
        "optional_last_item_added",
        {"anyOf": [TUPLE2]},
        {"type": "array", "prefixItems": [NUM, NUM, S], "minItems": 2, "items": False},
        True,
        False,
        fwd_witness=[[1, 2, "a"]],
    ),
    P(
        "optional_last_item_narrowed",
        {"type": "array", "prefixItems": [NUM, NUM, S], "minItems": 2, "items": False},
        {
            "anyOf": [
                TUPLE2,
                {**TUPLE3, "prefixItems": [NUM, NUM, {"type": "string", "maxLength": 1}]},
            ]
        },
        False,
        True,
        [[1, 2, "ab"]],
    ),
    P(
        "declared_field_left_out_of_the_extension_pattern",
        closed({}, patternProperties={"^[a-z]+:[a-z]+$": {}}),
        closed(
            {"gz:x": {"type": "string"}},
            patternProperties={"^(?!(gz:x)$)[a-z]+:[a-z]+$": {}},
        ),
        False,
        True,
        [{"gz:x": 5}],
    ),
    P(
        "extension_pattern_narrowed_and_the_names_left_out_refused",
        closed({}, patternProperties={"^[a-z]+:[a-z]+$": {}}),
        closed({}, patternProperties={"^(?!(gz:x)$)[a-z]+:[a-z]+$": {}}),
        False,
        True,
        [{"gz:x": 1}],
    ),
    P(
        "min_items_tightened",
        {"type": "array", "minItems": 1},
        {"type": "array", "minItems": 2},
        False,
        True,
        [[1]],
    ),
    P(
        "max_items_dropped",
        {"type": "array", "maxItems": 3},
        {"type": "array"},
        True,
        False,
        fwd_witness=[[1, 2, 3, 4]],
    ),
    P(
        "unique_items_added",
        {"type": "array"},
        {"type": "array", "uniqueItems": True},
        False,
        True,
        [[1, 1]],
    ),
    P(
        "unique_items_dropped",
        {"type": "array", "uniqueItems": True},
        {"type": "array", "uniqueItems": False},
        True,
        False,
        fwd_witness=[[1, 1]],
    ),
    P("contains_added", {"type": "array"}, {"type": "array", "contains": INT}, False, True, [[]]),
    P(
        "contains_widened",
        {"type": "array", "contains": INT},
        {"type": "array", "contains": NUM},
        True,
        False,
        fwd_witness=[[1.5]],
    ),
    P(
        "contains_changed",
        {"type": "array", "contains": {"const": 1}},
        {"type": "array", "contains": {"const": 2}},
        False,
        False,
        [[1]],
        [[2]],
    ),
    # ----------------------------------------------------------------- anyOf, oneOf, allOf
    P(
        "anyof_branch_added",
        {"anyOf": [S, INT]},
        {"anyOf": [S, INT, {"type": "boolean"}]},
        True,
        False,
        fwd_witness=[True],
    ),
    P(
        "anyof_branch_removed",
        {"anyOf": [S, INT, {"type": "boolean"}]},
        {"anyOf": [S, INT]},
        False,
        True,
        [True],
    ),
    P("anyof_reordered", {"anyOf": [S, INT]}, {"anyOf": [INT, S]}, True, True, bump="none"),
    P(
        "anyof_branch_tightened",
        {"anyOf": [{"type": "string", "maxLength": 5}, NULL]},
        {"anyOf": [{"type": "string", "maxLength": 3}, NULL]},
        False,
        True,
        ["abcd"],
    ),
    P(
        "oneof_disjoint_branch_added",
        {"oneOf": [S, INT]},
        {"oneOf": [S, INT, {"type": "boolean"}]},
        True,
        False,
        fwd_witness=[True],
    ),
    P(
        "oneof_overlapping_branch_added",
        {"oneOf": [INT]},
        {"oneOf": [INT, NUM]},
        False,
        False,
        [1],
        [1.5],
    ),
    P(
        "oneof_discriminated_branch_added",
        {"oneOf": [DISC_A, DISC_B]},
        {"oneOf": [DISC_A, DISC_B, DISC_C]},
        True,
        False,
        fwd_witness=[{"kind": "c"}],
    ),
    P(
        "oneof_discriminated_branch_removed",
        {"oneOf": [DISC_A, DISC_B, DISC_C]},
        {"oneOf": [DISC_A, DISC_B]},
        False,
        True,
        [{"kind": "c"}],
    ),
    P(
        "allof_member_added",
        {"allOf": [{"minimum": 0}]},
        {"allOf": [{"minimum": 0}, {"maximum": 10}]},
        False,
        True,
        [11],
    ),
    P(
        "allof_member_removed",
        {"allOf": [{"minimum": 0}, {"maximum": 10}]},
        {"allOf": [{"maximum": 10}]},
        True,
        False,
        fwd_witness=[-1],
    ),
    P(
        "allof_flattened",
        {"allOf": [S, {"maxLength": 5}]},
        {"type": "string", "maxLength": 5},
        True,
        True,
    ),
    P(
        "allof_member_tightened",
        {"allOf": [S, {"maxLength": 5}]},
        {"allOf": [S, {"maxLength": 3}]},
        False,
        True,
        ["abcd"],
    ),
    # ----------------------------------------------------------------- $ref and $defs
    P(
        "ref_target_tightened",
        {"$defs": DEFS, **obj({"n": {"$ref": "#/$defs/Name"}})},
        {
            "$defs": {**DEFS, "Name": {"type": "string", "maxLength": 3}},
            **obj({"n": {"$ref": "#/$defs/Name"}}),
        },
        False,
        True,
        [{"n": "abcd"}],
    ),
    P(
        "ref_target_loosened",
        {"$defs": DEFS, **obj({"n": {"$ref": "#/$defs/Name"}})},
        {"$defs": {**DEFS, "Name": S}, **obj({"n": {"$ref": "#/$defs/Name"}})},
        True,
        False,
        fwd_witness=[{"n": "abcdefg"}],
    ),
    P(
        "unused_def_changed",
        {"$defs": DEFS, **obj({"n": {"$ref": "#/$defs/Name"}})},
        {"$defs": {**DEFS, "Unused": S}, **obj({"n": {"$ref": "#/$defs/Name"}})},
        True,
        True,
        bump="none",
    ),
    P(
        "ref_inlined",
        {"$defs": DEFS, **obj({"n": {"$ref": "#/$defs/Name"}})},
        obj({"n": DEFS["Name"]}),
        True,
        True,
        bump="none",
    ),
    P(
        "ref_with_sibling_closing",
        {"$defs": {"P": obj({"a": {}})}, "$ref": "#/$defs/P"},
        {"$defs": {"P": obj({"a": {}})}, "$ref": "#/$defs/P", "additionalProperties": False},
        False,
        True,
        [{"a": 1}],
    ),
    # ----------------------------------------------------------------- nested objects
    P(
        "deep_bound_tightened",
        deep({"type": "integer", "maximum": 5}),
        deep({"type": "integer", "maximum": 3}),
        False,
        True,
        [{"a": {"b": {"c": 4}}}],
    ),
    P(
        "deep_type_widened",
        deep(INT),
        deep(NUM),
        True,
        False,
        fwd_witness=[{"a": {"b": {"c": 1.5}}}],
    ),
    P(
        "deep_closed_field_added",
        deep(INT, closed_levels=True),
        {
            **deep(INT, closed_levels=True),
            "properties": {"a": closed({"b": closed({"c": INT, "d": S})})},
        },
        True,
        False,
        fwd_witness=[{"a": {"b": {"d": "x"}}}],
    ),
    P(
        "deep_required_added",
        deep(obj({"x": S})),
        deep(obj({"x": S}, ("x",))),
        False,
        True,
        [{"a": {"b": {"c": {}}}}],
    ),
    # ----------------------------------------------------------------- not, if/then/else, dependencies
    P("not_added", S, {"type": "string", "not": {"const": "x"}}, False, True, ["x"]),
    P("not_removed", {"type": "string", "not": {"const": "x"}}, S, True, False, fwd_witness=["x"]),
    P(
        "not_narrowed",
        {"not": {"enum": ["a", "b"]}},
        {"not": {"enum": ["a"]}},
        True,
        False,
        fwd_witness=["b"],
    ),
    P("not_widened", {"not": {"enum": ["a"]}}, {"not": {"enum": ["a", "b"]}}, False, True, ["b"]),
    P(
        "if_then_added",
        obj({"a": S, "b": S}),
        obj({"a": S, "b": S}, **{"if": {"required": ["a"]}, "then": {"required": ["b"]}}),
        False,
        True,
        [{"a": "x"}],
    ),
    P(
        "if_then_removed",
        obj({"a": S}, **{"if": {"required": ["a"]}, "then": {"required": ["b"]}}),
        obj({"a": S}),
        True,
        False,
        fwd_witness=[{"a": "x"}],
    ),
    P(
        "then_tightened",
        {"if": {"type": "string"}, "then": {"maxLength": 5}, "else": {"type": "integer"}},
        {"if": {"type": "string"}, "then": {"maxLength": 3}, "else": {"type": "integer"}},
        False,
        True,
        ["abcd"],
    ),
    P(
        "else_loosened",
        {"if": {"type": "string"}, "else": {"type": "integer"}},
        {"if": {"type": "string"}, "else": {"type": "number"}},
        True,
        False,
        fwd_witness=[1.5],
    ),
    P(
        "if_changed",
        {"if": {"type": "string"}, "then": {"maxLength": 3}},
        {"if": {"type": "string", "minLength": 1}, "then": {"maxLength": 3}},
        False,
        False,
        provable=False,
    ),
    P(
        "then_without_if_ignored",
        {"then": {"maxLength": 3}},
        {"then": {"maxLength": 1}},
        True,
        True,
    ),
    P(
        "dependent_required_added",
        obj({"a": S, "b": S}),
        obj({"a": S, "b": S}, dependentRequired={"a": ["b"]}),
        False,
        True,
        [{"a": "x"}],
    ),
    P(
        "dependent_required_removed",
        obj({"a": S, "b": S}, dependentRequired={"a": ["b"]}),
        obj({"a": S, "b": S}),
        True,
        False,
        fwd_witness=[{"a": "x"}],
    ),
    P(
        "dependent_required_grown",
        obj({}, dependentRequired={"a": ["b"]}),
        obj({}, dependentRequired={"a": ["b", "c"]}),
        False,
        True,
        [{"a": 1, "b": 1}],
    ),
    P(
        "dependent_required_already_required",
        obj({}, ("b",)),
        obj({}, ("b",), dependentRequired={"a": ["b"]}),
        True,
        True,
    ),
    P(
        "dependent_schema_added",
        obj({}),
        obj({}, dependentSchemas={"a": {"required": ["b"]}}),
        False,
        True,
        [{"a": 1}],
    ),
    # ----------------------------------------------------------------- propertyNames, patternProperties
    P(
        "property_names_loosened",
        {"type": "object", "propertyNames": {"maxLength": 3}},
        {"type": "object", "propertyNames": {"maxLength": 5}},
        True,
        False,
        fwd_witness=[{"abcd": 1}],
    ),
    P(
        "property_names_added",
        {"type": "object"},
        {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}},
        False,
        True,
        [{"A": 1}],
    ),
    P(
        "pattern_properties_added_to_closed",
        closed({"a": S}),
        closed({"a": S}, patternProperties={"^x-": {}}),
        True,
        False,
        fwd_witness=[{"x-y": 1}],
    ),
    P(
        "pattern_properties_removed_from_closed",
        closed({"a": S}, patternProperties={"^x-": {}}),
        closed({"a": S}),
        False,
        True,
        [{"x-y": 1}],
    ),
    P(
        "pattern_properties_tightened",
        obj({}, patternProperties={"^x-": S}),
        obj({}, patternProperties={"^x-": {"type": "string", "maxLength": 1}}),
        False,
        True,
        [{"x-y": "ab"}],
    ),
    P(
        "pattern_properties_over_listed_field",
        closed({"a": S}),
        closed({"a": S}, patternProperties={"^a": {"minLength": 2}}),
        False,
        False,
        [{"a": "x"}],
        [{"ab": 1}],
    ),
    P(
        "pattern_properties_first_match_not_enough",
        obj({}, patternProperties={"^a": {}, "b$": INT}),
        obj({}, patternProperties={"^a": {}, "b$": NUM}),
        True,
        False,
        fwd_witness=[{"ab": 1.5}],
    ),
    # ----------------------------------------------------------------- annotations, booleans, no-ops
    P("title_added", S, {"type": "string", "title": "Name"}, True, True, bump="patch"),
    P(
        "default_changed",
        {"type": "integer", "default": 1},
        {"type": "integer", "default": 2},
        True,
        True,
        bump="patch",
    ),
    P(
        "nested_description_changed",
        obj({"a": {"type": "string", "description": "old"}}),
        obj({"a": {"type": "string", "description": "new"}}),
        True,
        True,
        bump="patch",
    ),
    P("true_to_false", True, False, False, True, [1]),
    P("false_to_true", False, True, True, False, fwd_witness=[1]),
    P("true_to_empty", True, {}, True, True, bump="none"),
    P("false_to_impossible", False, {"not": {}}, True, True),
    P(
        "keys_reordered",
        {
            "type": "object",
            "required": ["a", "b"],
            "properties": {
                "a": {"enum": [1, 2]},
                "b": {"type": ["string", "null"], "maxLength": 3},
            },
            "additionalProperties": False,
        },
        {
            "additionalProperties": False,
            "properties": {
                "b": {"maxLength": 3, "type": ["null", "string"]},
                "a": {"enum": [2, 1]},
            },
            "required": ["b", "a"],
            "type": "object",
        },
        True,
        True,
        bump="none",
    ),
]


def _diff(pair: Pair) -> list[Change]:
    return diff_schemas(pair.old, pair.new, "T")


def _verdicts(changes: list[Change]) -> tuple[bool, bool]:
    return all(c.backward for c in changes), all(c.forward for c in changes)


def test_the_table_is_large_and_its_ids_unique() -> None:
    assert len(PAIRS) >= 70
    assert len({p.id for p in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_verdicts(pair: Pair) -> None:
    changes = _diff(pair)
    assert _verdicts(changes) == (pair.backward, pair.forward), [c.to_dict() for c in changes]
    if pair.bump is not None:
        bumps = [c.bump for c in changes]
        assert (max(bumps, key=["patch", "minor", "major"].index) if bumps else "none") == pair.bump


OBJECT_PAIRS = [p for p in PAIRS if isinstance(p.old, dict) and isinstance(p.new, dict)]


@pytest.mark.parametrize("pair", OBJECT_PAIRS, ids=[p.id for p in OBJECT_PAIRS])
def test_bundle_diff_agrees(pair: Pair) -> None:
    diff = diff_bundles(Bundle({"T": pair.old}, "1.0.0"), Bundle({"T": pair.new}, "2.0.0"))
    assert (diff.backward_compatible, diff.forward_compatible) == (pair.backward, pair.forward)


@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_witnesses_prove_every_breaking_verdict(pair: Pair) -> None:
    old, new = Draft202012Validator(pair.old), Draft202012Validator(pair.new)
    if pair.provable:
        assert pair.backward or pair.back_witness, "a backward-breaking pair needs a witness"
        assert pair.forward or pair.fwd_witness, "a forward-breaking pair needs a witness"
    for w in pair.back_witness:
        assert old.is_valid(w) and not new.is_valid(w), w
    for w in pair.fwd_witness:
        assert new.is_valid(w) and not old.is_valid(w), w


_LEAVES: list[Any] = [None, True, False, 0, 1, 2, 3, 4, 5, 6, 7, 11, 15, -1, 0.5, 1.2, 1.5, 3.5]
_LEAVES += ["", "a", "b", "c", "x", "A", "ab", "abc", "abcd", "abcdefg", "123", "2024-01-01"]
_KEYS = ["a", "b", "c", "d", "n", "x", "z", "kind", "size", "household_size", "x-y", "ab", "abcd"]


def _pool() -> list[Any]:
    """Instances to check the compatible verdicts on: leaves, short arrays, small objects."""
    pool: list[Any] = list(_LEAVES)
    pool += [[v] for v in _LEAVES] + [[1, 1], ["a", 1], ["a", "b"], [1, 2, 3, 4], []]
    pool += [{k: v} for k in _KEYS for v in (None, 1, 1.5, "x", "ab", "abcd", {})]
    pool += [{"kind": k, **extra} for k in "abc" for extra in ({}, {"x": 1}, {"y": "s"})]
    pool += [{"a": "x", "b": "y"}, {"a": 1, "b": 1}, {}, {"a": {"b": {"c": 4}}}]
    pool += [{"a": {"b": {"c": v}}} for v in (1, 1.5, 3, 5, {}, {"x": "s"}, {"d": "x"})]
    return pool


POOL = _pool()


@pytest.mark.parametrize("pair", PAIRS, ids=[p.id for p in PAIRS])
def test_compatible_verdicts_hold_on_a_pool_of_instances(pair: Pair) -> None:
    old, new = Draft202012Validator(pair.old), Draft202012Validator(pair.new)
    for inst in POOL:
        if pair.backward and old.is_valid(inst):
            assert new.is_valid(inst), inst
        if pair.forward and new.is_valid(inst):
            assert old.is_valid(inst), inst


# --------------------------------------------------------------------------- property test

NAMES = ["a", "b", "ab"]
PATTERNS = ["^a", "b$"]
TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"]
SCALARS: list[Any] = [None, True, False, 0, 1, 2, 3, 1.5, "", "a", "b", "ab"]


def _keyword() -> st.SearchStrategy[dict[str, Any]]:
    """One keyword that holds no sub-schema."""
    one = st.sampled_from
    return st.one_of(
        st.builds(lambda t: {"type": t}, one(TYPES)),
        st.builds(lambda t: {"type": t}, st.lists(one(TYPES), min_size=1, max_size=3, unique=True)),
        st.builds(lambda v: {"enum": v}, st.lists(one(SCALARS), min_size=1, max_size=3)),
        st.builds(lambda v: {"const": v}, one(SCALARS)),
        st.builds(
            lambda k, v: {k: v},
            one(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
            one([0, 1, 2, 1.5]),
        ),
        st.builds(lambda v: {"multipleOf": v}, one([1, 2, 3, 6, 0.5])),
        st.builds(
            lambda k, v: {k: v},
            one(
                ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]
            ),
            one([0, 1, 2]),
        ),
        st.builds(lambda v: {"pattern": v}, one(PATTERNS)),
        st.builds(lambda v: {"uniqueItems": v}, st.booleans()),
        st.builds(lambda v: {"required": v}, st.lists(one(NAMES), max_size=2, unique=True)),
        st.builds(
            lambda v: {"dependentRequired": v},
            st.dictionaries(one(NAMES), st.lists(one(NAMES), max_size=2, unique=True), max_size=1),
        ),
        st.just({"title": "t", "format": "date"}),
    )


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in parts:
        out.update(p)
    return out


def _schemas(depth: int, min_size: int = 0) -> st.SearchStrategy[Any]:
    """Schemas of keywords from the grammar, sub-schemas ``depth`` levels deep at most.

    With ``min_size``, schema objects of that many keywords at least (no boolean schema).
    """
    if depth <= 0:
        return st.one_of(st.booleans(), st.builds(_merge, st.lists(_keyword(), max_size=2)))
    sub = _schemas(depth - 1)
    one = st.sampled_from
    applicator = st.one_of(
        _keyword(),
        st.builds(lambda v: {"properties": v}, st.dictionaries(one(NAMES), sub, max_size=2)),
        st.builds(lambda v: {"additionalProperties": v}, sub),
        st.builds(
            lambda v: {"patternProperties": v}, st.dictionaries(one(PATTERNS), sub, max_size=1)
        ),
        st.builds(lambda v: {"unevaluatedProperties": v}, st.booleans()),
        st.builds(lambda v: {"propertyNames": v}, sub),
        st.builds(lambda v: {"items": v}, sub),
        st.builds(lambda v: {"prefixItems": v}, st.lists(sub, min_size=1, max_size=2)),
        st.builds(lambda v: {"contains": v}, sub),
        st.builds(
            lambda k, v: {k: v},
            one(["anyOf", "oneOf", "allOf"]),
            st.lists(sub, min_size=1, max_size=2),
        ),
        st.builds(lambda v: {"not": v}, sub),
        st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, sub, sub, sub),
        st.builds(lambda v: {"dependentSchemas": {"a": v}}, sub),
        st.just({"$ref": "#/$defs/D"}),
    )
    objects = st.builds(_merge, st.lists(applicator, min_size=min_size, max_size=3))
    return objects if min_size else st.one_of(st.booleans(), objects)


def _nodes(schema: Any) -> list[dict[str, Any]]:
    """The schema objects in ``schema``, depth first."""
    if isinstance(schema, list):
        return [n for item in schema for n in _nodes(item)]
    if not isinstance(schema, dict):
        return []
    return [schema, *(n for v in schema.values() for n in _nodes(v))]


def _edited(schema: Any, edits: list[tuple[int, dict[str, Any] | None, int]]) -> Any:
    """A copy of ``schema`` with a few keywords set or removed at some of its schema objects."""
    new = copy.deepcopy(schema)
    for where, keyword, which in edits:
        nodes = _nodes(new)
        if not nodes:
            break
        target = nodes[where % len(nodes)]
        if keyword is not None:
            target.update(keyword)
        elif target:
            del target[sorted(target)[which % len(target)]]
    return new


def _with_defs(schema: Any, d: Any) -> Any:
    return {**schema, "$defs": {"D": d}} if isinstance(schema, dict) else schema


KEYWORD = _keyword()
SCHEMA = [_schemas(0), _schemas(1), _schemas(2, min_size=1)]
EDIT = st.one_of(st.none(), KEYWORD, st.builds(lambda s: {"items": s}, SCHEMA[1]))


@st.composite
def schema_pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    """A random OLD schema and a NEW one: an edited copy (mostly), or another random schema."""
    old, defs_old = draw(SCHEMA[2]), draw(SCHEMA[1])
    if draw(st.integers(0, 3)):
        edits = draw(
            st.lists(st.tuples(st.integers(0, 20), EDIT, st.integers(0, 9)), min_size=1, max_size=2)
        )
        new = _edited(old, edits)
        defs_new = draw(st.one_of(st.just(defs_old), SCHEMA[1]))
    else:
        new, defs_new = draw(SCHEMA[2]), draw(SCHEMA[1])
    return _with_defs(old, defs_old), _with_defs(new, defs_new)


INSTANCES = st.recursive(
    st.sampled_from(SCALARS),
    lambda kids: (
        st.lists(kids, max_size=3)
        | st.dictionaries(st.sampled_from([*NAMES, "c"]), kids, max_size=3)
    ),
    max_leaves=5,
)
#: Small instances every pair is checked on, besides the drawn ones.
FIXED = [
    *SCALARS,
    [],
    [1],
    [1, 1],
    ["a", 2],
    {},
    *({k: v} for k, v in itertools.product([*NAMES, "c"], [None, 1, 1.5, "a", "ab", [], {}])),
    {"a": 1, "b": 1},
    {"a": "a", "ab": "b"},
]


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pair=schema_pairs(), drawn=st.lists(INSTANCES, max_size=15))
def test_no_breaking_change_is_called_safe(pair: tuple[Any, Any], drawn: list[Any]) -> None:
    old, new = pair
    changes = diff_schemas(old, new, "T")
    backward, forward = _verdicts(changes)
    if not (backward or forward):
        return
    vo, vn = Draft202012Validator(old), Draft202012Validator(new)
    for inst in [*FIXED, *drawn]:
        try:
            valid_old, valid_new = vo.is_valid(inst), vn.is_valid(inst)
        except RecursionError:
            # a $ref that comes back to itself without going into the instance
            # ({"$defs": {"D": {"$ref": "#/$defs/D"}}}) has no meaning to compare with
            reject()
        assert not (backward and valid_old and not valid_new), (
            inst,
            [c.to_dict() for c in changes],
        )
        assert not (forward and valid_new and not valid_old), (inst, [c.to_dict() for c in changes])


def test_an_allof_that_refers_back_to_itself_ends() -> None:
    """A member merged in again adds nothing: the comparison ends (it once looped for ever)."""
    loop = {
        "$ref": "#/$defs/D",
        "$defs": {"D": {"unevaluatedProperties": False, "$ref": "#/$defs/D"}},
    }
    changes = diff_schemas(loop, {"title": "t", "$defs": {"D": False}}, "T")
    assert changes
    assert _verdicts(changes)[1] is False  # everything is valid under the new one
    assert diff_schemas(loop, loop, "T") == []


# --------------------------------------------------------------------------- two schema files


#: Pairs of object schemas checked again as two files (a sample of kinds of change).
_FILE_PAIRS = {
    "integer_to_number",
    "number_to_integer",
    "prefix_items_grown",
    "optional_last_item_as_two_whole_tuples",
    "optional_last_item_dropped",
    "min_items_tightened",
}


def _files(tmp_path: Any, old: Any, new: Any, names: tuple[str, str]) -> tuple[str, str]:
    import yaml

    paths = []
    for name, doc in zip(names, (old, new), strict=True):
        path = tmp_path / name
        text = json.dumps(doc) if name.endswith(".json") else yaml.safe_dump(doc)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


@pytest.mark.parametrize(
    "names",
    [("old.json", "new.json"), ("a.schema.json", "b.yaml"), ("entity.schema.json", "x.yml")],
)
@pytest.mark.parametrize("pair", [p for p in PAIRS if p.id in _FILE_PAIRS], ids=lambda p: p.id)
def test_two_schema_files_compare_like_the_schemas(
    pair: Pair, names: tuple[str, str], tmp_path: Any
) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main

    old, new = _files(tmp_path, pair.old, pair.new, names)
    diff = diff_bundles(old, new)
    assert (diff.backward_compatible, diff.forward_compatible) == (pair.backward, pair.forward)
    for mode, ok in (("backward", pair.backward), ("forward", pair.forward)):
        res = CliRunner().invoke(main, ["schema", "diff", old, new, "--mode", mode])
        assert res.exit_code == (0 if ok else 1), res.output
    res = CliRunner().invoke(main, ["schema", "diff", old, new, "--format", "json"])
    assert json.loads(res.stdout)["summary"]["backward_compatible"] is pair.backward


def test_a_file_that_is_no_schema_is_a_usage_error(tmp_path: Any) -> None:
    from click.testing import CliRunner

    from smartstd.cli import main

    good = tmp_path / "good.json"
    good.write_text('{"type": "string"}', encoding="utf-8")
    for name, text, says in [
        ("list.json", "[1, 2]", "neither a JSON Schema"),
        ("broken.json", '{"type": "string",\n "x": }', "broken.json:2:7: SC100"),
        ("twice.yaml", "type: string\ntype: integer\n", "SC102"),
    ]:
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        res = CliRunner().invoke(main, ["schema", "diff", str(good), str(bad)])
        assert res.exit_code == 2, res.output
        assert says in res.stderr, res.stderr


def test_two_versions_of_one_schema_file_get_their_semver_checked(tmp_path: Any) -> None:
    """Files whose $id names one schema at two versions: the step must fit the changes."""
    base = "https://example.org/schemas/x/{}/Thing.schema.json"
    old = {"$id": base.format("1.0.0"), **closed({"a": S})}
    breaking = {"$id": base.format("1.1.0"), **closed({"a": S, "b": INT}, ("b",))}
    other = {**breaking, "$id": "https://example.org/other/1.1.0/Thing.schema.json"}
    a, b = _files(tmp_path, old, breaking, ("old.json", "new.json"))
    diff = diff_bundles(a, b)
    assert (diff.actual_bump, diff.required_bump, diff.version_ok) == ("minor", "major", False)
    assert not diff.ok("forward")
    a, c = _files(tmp_path, old, other, ("old.json", "other.json"))
    assert diff_bundles(a, c).version_ok  # another schema's versions are not compared


def test_a_change_met_in_two_tuples_is_reported_once() -> None:
    two = {"anyOf": [TUPLE2, TUPLE3]}
    tight = copy.deepcopy(two)
    for branch in tight["anyOf"]:
        branch["prefixItems"][0] = {"type": "number", "minimum": 0}
    changes = diff_schemas(two, tight, "T")
    assert [(c.kind.value, c.keyword, c.path) for c in changes] == [
        ("bound_tightened", "minimum", ("[0]",))
    ]
