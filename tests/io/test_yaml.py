from __future__ import annotations

import json
import math
import os
import subprocess
from typing import Any

import pytest

import smartstd.io.yamlreader as yamlreader
from smartstd.io import Limits, parse_yaml, read_document
from smartstd.report import Finding


def only(findings: list[Finding] | tuple[Finding, ...], code: str) -> Finding:
    assert [f.code for f in findings] == [code], [f.to_dict() for f in findings]
    return findings[0]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml and with PyYAML's pure-Python parser."""
    if request.param == "python":
        monkeypatch.setattr(yamlreader, "_event_source", lambda: (yamlreader._python_events, False))
    return str(request.param)


def parse(text: str, limits: Limits | None = None) -> tuple[Any, list[Finding]]:
    value, findings, _ = parse_yaml(text, file="p.yaml", limits=limits or Limits())
    return value, findings


def test_plain_document_with_positions(parser: str) -> None:
    text = "name: 幸福里\nmembers:\n  - id: r-1\n    age: 70\n  - {id: r-2, age: 8}\n"
    value, findings, positions = parse_yaml(text, file="p.yaml", limits=Limits())
    assert findings == []
    assert value == {
        "name": "幸福里",
        "members": [{"id": "r-1", "age": 70}, {"id": "r-2", "age": 8}],
    }
    assert positions[()] == (1, 1)
    assert positions[("name",)] == (1, 7)
    assert positions[("members", 0, "age")] == (4, 10)
    assert positions[("members", 1, "age")] == (5, 20)
    assert positions.position(("members", 1, "missing", "x")) == (5, 5)
    assert len(positions) == 9


def test_yaml_12_booleans_and_strings(parser: str) -> None:
    value, findings = parse(
        "a: [true, True, TRUE, false, False, FALSE, yes, no, on, off, y, n, Yes, NO]\n"
    )
    assert findings == []
    booleans = [True, True, True, False, False, False]
    strings = ["yes", "no", "on", "off", "y", "n", "Yes", "NO"]
    assert value["a"] == [*booleans, *strings]


def test_timestamps_and_dates_stay_strings(parser: str) -> None:
    value, findings = parse("d: 2024-05-01\nt: 2024-05-01T10:00:00+08:00\ns: 2024-05-01 10:00:00\n")
    assert findings == []
    assert value == {
        "d": "2024-05-01",
        "t": "2024-05-01T10:00:00+08:00",
        "s": "2024-05-01 10:00:00",
    }


def test_numbers_follow_the_core_schema_and_keep_leading_zeros(parser: str) -> None:
    text = (
        "ints: [0, -0, 12, +12, -7, 0o17, 0x1F]\n"
        "floats: [1.5, -0.5, .5, 1., 1e3, 2.5E-2]\n"
        "strings: [0123, 007, 1_000, 0b101, 1:20, 12abc, 0o9, 0xG, 1.2.3, '12']\n"
        "nulls: [~, null, Null, NULL]\n"
        "empty:\n"
    )
    value, findings = parse(text)
    assert findings == []
    assert value["ints"] == [0, 0, 12, 12, -7, 15, 31]
    assert all(isinstance(v, int) and not isinstance(v, bool) for v in value["ints"])
    assert value["floats"] == [1.5, -0.5, 0.5, 1.0, 1000.0, 0.025]
    assert all(isinstance(v, float) for v in value["floats"])
    assert value["strings"] == [
        "0123",
        "007",
        "1_000",
        "0b101",
        "1:20",
        "12abc",
        "0o9",
        "0xG",
        "1.2.3",
        "12",
    ]
    assert value["nulls"] == [None, None, None, None]
    assert value["empty"] is None


def test_quoted_scalars_are_strings(parser: str) -> None:
    value, findings = parse("a: 'true'\nb: \"12\"\nc: 'null'\nd: |\n  12\n")
    assert findings == []
    assert value == {"a": "true", "b": "12", "c": "null", "d": "12\n"}


def test_keys_are_strings_as_written(parser: str) -> None:
    value, findings = parse("1: a\ntrue: b\nnull: c\n0012: d\n")
    assert findings == []
    assert value == {"1": "a", "true": "b", "null": "c", "0012": "d"}


def test_python_tag_is_never_executed(parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> int:
        raise AssertionError("executed!")

    monkeypatch.setattr(os, "system", boom)
    monkeypatch.setattr(subprocess, "Popen", boom)
    text = "a: ok\nb: !!python/object/apply:os.system ['touch /tmp/pwned']\n"
    value, findings = parse(text)
    f = only(findings, "SC100")
    assert f.params["reason"] == "yaml-tag"
    assert f.params["tag"] == "tag:yaml.org,2002:python/object/apply:os.system"
    assert (f.line, f.column, f.pointer) == (2, 4, "/b")
    assert value == {"a": "ok", "b": None}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/name:os.system\n",
        "a: !!binary aGk=\n",
        "a: !!set {x, y}\n",
        "a: !!omap [x: 1]\n",
        "a: !Ref other\n",
    ],
)
def test_other_tags_are_rejected(parser: str, text: str) -> None:
    value, findings = parse(text)
    f = only(findings, "SC100")
    assert f.params["reason"] == "yaml-tag"
    assert f.pointer == "/a"
    assert value == {"a": None}


def test_core_tags_are_allowed(parser: str) -> None:
    value, findings = parse(
        "a: !!str 12\nb: !!int '012'\nc: !!float '1'\nd: !!bool 'true'\ne: !!null ''\n"
    )
    assert findings == []
    assert value == {"a": "12", "b": 12, "c": 1.0, "d": True, "e": None}


def test_core_tag_with_a_wrong_value(parser: str) -> None:
    value, findings = parse("a: !!int abc\n")
    assert only(findings, "SC100").params["reason"] == "yaml-value"
    assert value == {"a": None}


def test_billion_laughs_is_stopped_fast(parser: str) -> None:
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    value, findings = parse(text)
    assert value is None
    f = only(findings, "SC109")
    assert f.params["limit"] == "max_yaml_aliases"
    assert f.params["maximum"] == 10_000
    assert f.params["value"] > 10_000
    assert f.line == 5


def test_aliases_within_budget_are_expanded_into_copies(parser: str) -> None:
    text = "base: &b {x: 1, y: [1, 2]}\nc: *b\nd: [*b]\n"
    value, findings, positions = parse_yaml(text, file=None, limits=Limits())
    assert findings == []
    assert value["c"] == value["d"][0] == {"x": 1, "y": [1, 2]}
    assert value["c"] is not value["base"]
    assert positions[("c",)] == (2, 4)  # where the alias is
    assert positions[("c", "y", 1)] == positions[("base", "y", 1)] == (1, 24)


def test_alias_budget_counts_nodes() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    _, findings = parse(text, Limits(max_yaml_aliases=8))
    assert findings == []
    _, findings = parse(text, Limits(max_yaml_aliases=7))
    assert only(findings, "SC109").params == {"limit": "max_yaml_aliases", "value": 8, "maximum": 7}


def test_undefined_and_recursive_aliases(parser: str) -> None:
    value, findings = parse("a: *nope\nb: &r [1, *r]\n")
    assert [f.params["reason"] for f in findings] == ["yaml-alias", "yaml-alias"]
    assert [f.pointer for f in findings] == ["/a", "/b/1"]
    assert value == {"a": None, "b": [1, None]}


def test_duplicate_keys(parser: str) -> None:
    text = "community:\n  id: c-1\n  name: A\n  id: c-2\n"
    value, findings = parse(text)
    f = only(findings, "SC102")
    assert f.params == {"key": "id", "first_line": 2, "first_column": 3}
    assert (f.line, f.column, f.pointer) == (4, 3, "/community")
    assert value == {"community": {"id": "c-2", "name": "A"}}


def test_positions_of_a_lost_duplicate_are_dropped(parser: str) -> None:
    value, findings, positions = parse_yaml("a: {x: 1}\nb: 1\na: 2\n", file=None, limits=Limits())
    assert [f.code for f in findings] == ["SC102"]
    assert value == {"a": 2, "b": 1}
    assert dict(positions) == {(): (1, 1), ("a",): (3, 4), ("b",): (2, 4)}


def test_duplicate_keys_in_flow_mapping(parser: str) -> None:
    _, findings = parse("a: {x: 1, y: 2, x: 3}\n")
    f = only(findings, "SC102")
    assert (f.line, f.column, f.params["key"]) == (1, 17, "x")


def test_nan_and_infinity(parser: str) -> None:
    value, findings = parse("r: [.nan, -.inf, .Inf]\n")
    assert [f.params["reason"] for f in findings] == ["nan"] * 3
    assert [f.pointer for f in findings] == ["/r/0", "/r/1", "/r/2"]
    assert math.isnan(value["r"][0])
    assert value["r"][1:] == [-math.inf, math.inf]


def test_merge_keys_are_refused(parser: str) -> None:
    value, findings = parse("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n")
    assert only(findings, "SC100").params["reason"] == "yaml-merge"
    assert value["c"] == {"y": 2}


def test_complex_keys_are_refused(parser: str) -> None:
    value, findings = parse("? [1, 2]\n: x\ny: 1\n")
    assert only(findings, "SC100").params["reason"] == "yaml-complex-key"
    assert value == {"y": 1}


def test_top_level_sequence_is_just_parsed(parser: str) -> None:
    value, findings = parse("- 1\n- a\n")
    assert (value, findings) == ([1, "a"], [])


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "\n\n"])
def test_empty_document(parser: str, text: str) -> None:
    value, findings = parse(text)
    assert value is None
    assert only(findings, "SC100").params["reason"] == "empty"


def test_multiple_documents(parser: str) -> None:
    value, findings = parse("a: 1\n---\nb: 2\n")
    f = only(findings, "SC100")
    assert f.params["reason"] == "multiple-documents"
    assert f.line == 2
    assert value is None


def test_syntax_error_has_position(parser: str) -> None:
    value, findings = parse("a: [1, 2\nb: 3\n")
    f = only(findings, "SC100")
    assert f.params["reason"] == "syntax"
    assert f.params["detail"]
    assert f.line == 2
    assert value is None


def test_tab_indentation(parser: str) -> None:
    _, findings = parse("a:\n\tb: 1\n")
    f = only(findings, "SC100")
    assert f.params["reason"] == "tabs"
    assert (f.line, f.column) == (2, 1)


def test_control_character(parser: str) -> None:
    _, findings = parse("a: é\x01\n")
    f = only(findings, "SC100")
    assert f.params["reason"] == "character"
    assert f.params["character"] == "U+0001"
    assert (f.line, f.column) == (1, 5)


def test_deep_flow_nesting_is_sc109(parser: str) -> None:
    value, findings = parse("[" * 100_000 + "]" * 100_000)
    assert value is None
    f = only(findings, "SC109")
    assert f.params["limit"] == "max_depth"
    assert f.params["value"] > 64


def test_deep_block_nesting_is_sc109(parser: str) -> None:
    text = "".join("  " * i + "a:\n" for i in range(80)) + "  " * 80 + "b: 1\n"
    value, findings = parse(text)
    assert value is None
    f = only(findings, "SC109")
    assert f.params == {"limit": "max_depth", "value": 65, "maximum": 64}
    assert (f.line, f.column) == (65, 129)


def test_alias_that_would_nest_too_deep() -> None:
    text = "a: &a [[[1]]]\nb: [[*a]]\n"
    _, findings = parse(text, Limits(max_depth=5))
    assert only(findings, "SC109").params == {"limit": "max_depth", "value": 6, "maximum": 5}


def test_big_integer(parser: str) -> None:
    value, findings = parse("n: " + "9" * 5000 + "\n")
    assert only(findings, "SC100").params["reason"] == "big-number"
    assert value == {"n": None}


@pytest.mark.parametrize(
    "text",
    [
        "n: 0x" + "f" * 3572 + "\n",  # 14,288 bits: 4,302 decimal digits
        "n: 0o" + "7" * 4763 + "\n",
        "n: !!int 0x" + "f" * 3572 + "\n",
        "n: !!int 0o" + "7" * 4763 + "\n",
    ],
)
def test_a_hex_or_octal_integer_too_long_for_decimal_is_a_big_number(
    text: str, parser: str
) -> None:
    """int() reads hexadecimal of any length; the reports, the rules and json.dumps could not
    write it in decimal (a ValueError in a rule, exit 3, before this was caught)."""
    value, findings = parse(text)
    f = only(findings, "SC100")
    assert f.params["reason"] == "big-number"
    assert "4300" in f.params["detail"] and "sys.set_int_max_str_digits" not in f.params["detail"]
    assert value == {"n": None}
    str(value)  # nothing left that cannot be written


def test_a_hex_integer_at_the_digit_limit_is_kept(parser: str) -> None:
    value, findings = parse("n: 0x" + "f" * 3571 + "\n")  # 14,284 bits: 4,300 digits
    assert findings == []
    assert len(str(value["n"])) == 4300


def test_a_tagged_float_too_large_is_a_big_number(parser: str) -> None:
    value, findings = parse("n: !!float 1e999\n")
    assert only(findings, "SC100").params["reason"] == "big-number"
    assert math.isinf(value["n"])


def test_max_yaml_bytes() -> None:
    text = "a: " + "x" * 100 + "\n"
    value, findings, _ = parse_yaml(text, file=None, limits=Limits(max_yaml_bytes=50))
    assert value is None
    assert only(findings, "SC109").params == {
        "limit": "max_yaml_bytes",
        "value": 104,
        "maximum": 50,
        "hint": "read-whole",
    }
    doc = read_document(text.encode(), file=None, limits=Limits(max_yaml_bytes=50), fmt="yaml")
    assert only(doc.findings, "SC109").params["limit"] == "max_yaml_bytes"


def test_crlf_yaml(parser: str) -> None:
    value, findings, positions = parse_yaml("a: 1\r\nb:\r\n  c: x\r\n", file=None, limits=Limits())
    assert findings == []
    assert value == {"a": 1, "b": {"c": "x"}}
    assert positions[("b", "c")] == (3, 6)


def test_params_are_plain_json(parser: str) -> None:
    text = "a: !!python/object:x {}\nb: .nan\nc: 1\nc: 2\nd: *x\n"
    _, findings = parse(text)
    assert len(findings) == 4
    for f in findings:
        json.dumps(f.to_dict())
