from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.io import Limits, parse_json, read_document
from smartstd.report import Finding, Severity


def only(findings: list[Finding] | tuple[Finding, ...], code: str) -> Finding:
    assert [f.code for f in findings] == [code], [f.to_dict() for f in findings]
    return findings[0]


def test_valid_document_has_no_findings(limits: Limits) -> None:
    value, findings = parse_json('{"a": [1, 2.5, "x", true, null]}', file="a.json", limits=limits)
    assert value == {"a": [1, 2.5, "x", True, None]}
    assert findings == []


def test_top_level_array_is_just_parsed(limits: Limits) -> None:
    value, findings = parse_json('[{"type": "Resident"}, 3]', file=None, limits=limits)
    assert value == [{"type": "Resident"}, 3]
    assert findings == []


def test_truncated_json(limits: Limits) -> None:
    text = '{\n  "entities": [\n    {"id": "r-1"},\n    {"id": "r-2"'
    value, findings = parse_json(text, file="t.json", limits=limits)
    assert value is None
    f = only(findings, "SC100")
    assert f.severity is Severity.ERROR
    assert f.params["reason"] == "truncated"
    assert f.params["detail"]
    assert (f.file, f.line, f.column) == ("t.json", 4, 17)  # just past the end


def test_truncated_inside_a_string(limits: Limits) -> None:
    _, findings = parse_json('{"name": "幸福', file=None, limits=limits)
    f = only(findings, "SC100")
    assert f.params["reason"] == "truncated"
    assert (f.line, f.column) == (1, 10)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  // the community\n  "id": "c-1"\n}', 2, 3),
        ('{"id": "c-1" /* block */}', 1, 14),
        ('// header\n{"id": 1}', 1, 1),
        ('{"id": 1, # hash\n"b": 2}', 1, 11),
    ],
)
def test_json_with_comments_says_so(limits: Limits, text: str, line: int, column: int) -> None:
    value, findings = parse_json(text, file=None, limits=limits)
    assert value is None
    f = only(findings, "SC100")
    assert f.params["reason"] == "comments"
    assert (f.line, f.column) == (line, column)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\ufeff"])
def test_empty_input(limits: Limits, text: str) -> None:
    value, findings = parse_json(text, file="e.json", limits=limits)
    assert value is None
    assert only(findings, "SC100").params["reason"] == "empty"


def test_empty_file_through_read_document(limits: Limits) -> None:
    doc = read_document(b"", file="e.json", limits=limits, fmt="json")
    assert doc.value is None
    f = only(doc.findings, "SC100")
    assert f.params["reason"] == "empty"
    assert (f.line, f.column) == (1, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[1, 2,]", "trailing-comma"),
        ('{"a": 1,}', "trailing-comma"),
        ("{'a': 1}", "single-quotes"),
        ('{"a": 1} {"b": 2}', "extra-data"),
        ('{"a": "x\ny"}', "control-character"),
        ('{"a": tru}', "syntax"),
    ],
)
def test_syntax_error_reasons(limits: Limits, text: str, reason: str) -> None:
    _, findings = parse_json(text, file=None, limits=limits)
    assert only(findings, "SC100").params["reason"] == reason


def test_ndjson_given_as_json_is_recognised(limits: Limits) -> None:
    _, findings = parse_json('{"a": 1}\n{"a": 2}\n', file=None, limits=limits)
    f = only(findings, "SC100")
    assert f.params["reason"] == "extra-data"
    assert f.params["looks_like_ndjson"] is True
    assert (f.line, f.column) == (2, 1)


def test_line_offset_shifts_lines(limits: Limits) -> None:
    _, findings = parse_json('{"a": }', file=None, limits=limits, line_offset=41)
    assert (findings[0].line, findings[0].column) == (42, 7)


def test_nested_duplicate_keys_with_position_and_pointer(limits: Limits) -> None:
    text = (
        "{\n"
        '  "entities": [\n'
        '    {"id": "r-1", "name": "A"},\n'
        '    {"id": "r-2",\n'
        '     "address": {"room": "101", "a/b~c": 1, "room": "102"},\n'
        '     "id": "r-3"}\n'
        "  ]\n"
        "}"
    )
    value, findings = parse_json(text, file="d.json", limits=limits)
    assert value["entities"][1] == {"id": "r-3", "address": {"room": "102", "a/b~c": 1}}
    assert sorted((f.code, f.pointer, f.line, f.column, f.params["key"]) for f in findings) == [
        ("SC102", "/entities/1", 6, 6, "id"),
        ("SC102", "/entities/1/address", 5, 45, "room"),
    ]
    room = next(f for f in findings if f.params["key"] == "room")
    assert (room.params["first_line"], room.params["first_column"]) == (5, 18)
    assert room.path == ("entities", 1, "address")
    assert room.file == "d.json"


def test_a_key_three_times_gives_two_findings(limits: Limits) -> None:
    value, findings = parse_json('{"k": 1, "k": 2, "k": 3}', file=None, limits=limits)
    assert value == {"k": 3}
    assert [(f.code, f.column) for f in findings] == [("SC102", 10), ("SC102", 18)]


def test_duplicate_key_with_escapes_and_unicode(limits: Limits) -> None:
    text = '{"名称": 1, "\\u540d\\u79f0": 2}'
    value, findings = parse_json(text, file=None, limits=limits)
    assert value == {"名称": 2}
    f = only(findings, "SC102")
    assert f.params["key"] == "名称"
    assert (f.line, f.column) == (1, 11)


def test_duplicate_keys_in_ndjson_style_line_use_offset(limits: Limits) -> None:
    _, findings = parse_json('{"a": 1, "a": 2}', file=None, limits=limits, line_offset=9)
    f = only(findings, "SC102")
    assert (f.line, f.column, f.params["first_line"]) == (10, 10, 10)


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_sc100_nan(limits: Limits, token: str) -> None:
    text = '{"readings": [1.5,\n  ' + token + "]}"
    value, findings = parse_json(text, file=None, limits=limits)
    f = only(findings, "SC100")
    assert f.params["reason"] == "nan"
    assert f.params["token"] == token
    assert f.pointer == "/readings/1"
    assert (f.line, f.column) == (2, 3)
    number = value["readings"][1]
    assert isinstance(number, float)
    assert math.isnan(number) if token == "NaN" else math.isinf(number)


def test_nan_at_top_level(limits: Limits) -> None:
    value, findings = parse_json("NaN", file=None, limits=limits)
    assert math.isnan(value)
    assert only(findings, "SC100").params["reason"] == "nan"


def test_100000_levels_of_nesting_is_sc109_without_recursion_error(limits: Limits) -> None:
    text = "[" * 100_000 + "]" * 100_000
    value, findings = parse_json(text, file="deep.json", limits=limits)
    assert value is None
    f = only(findings, "SC109")
    assert f.params == {"limit": "max_depth", "value": 100_000, "maximum": 64}
    assert (f.line, f.column) == (1, 65)
    assert f.path == (0,) * 64


def test_deep_objects_are_sc109_with_their_path(limits: Limits) -> None:
    text = '{"a": ' * 70 + "1" + "}" * 70
    value, findings = parse_json(text, file=None, limits=limits)
    assert value is None
    f = only(findings, "SC109")
    assert f.params == {"limit": "max_depth", "value": 70, "maximum": 64}
    assert f.path == ("a",) * 64
    assert f.column == 64 * 6 + 1


def test_nesting_at_the_limit_is_fine() -> None:
    text = "[" * 10 + "]" * 10
    value, findings = parse_json(text, file=None, limits=Limits(max_depth=10))
    assert findings == []
    assert value is not None
    _, findings = parse_json(text, file=None, limits=Limits(max_depth=9))
    assert only(findings, "SC109").params["value"] == 10


def test_many_brackets_but_shallow_is_fine(limits: Limits) -> None:
    text = json.dumps([[i] for i in range(1000)] + [{"a": "[[[[{{{{"}])
    value, findings = parse_json(text, file=None, limits=limits)
    assert findings == []
    assert len(value) == 1001


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    text = json.dumps({"a": "[" * 100 + '\\"' + "{" * 100})
    _, findings = parse_json(text, file=None, limits=Limits(max_depth=2))
    assert findings == []


def test_integer_with_too_many_digits(limits: Limits) -> None:
    value, findings = parse_json('{"n": ' + "9" * 5000 + "}", file=None, limits=limits)
    assert value is None
    f = only(findings, "SC100")
    assert f.params["reason"] == "big-number"
    assert (f.line, f.column) == (1, 7)
    # what to do, not Python's own advice to whoever runs it
    assert "5000 digits" in f.params["detail"]
    assert "set_int_max_str_digits" not in f.params["detail"]


@pytest.mark.parametrize("text", ['{"a": 1}\r{"b": 2}\r', '{"a": 1} \r {"b": 2}'])
def test_cr_only_line_ends_are_named_with_what_to_do(text: str, limits: Limits) -> None:
    """Classic Mac line ends make an NDJSON file one line: say so, not just 'Extra data'."""
    _, findings = parse_json(text, file=None, limits=limits)
    f = only(findings, "SC100")
    assert f.params["reason"] == "cr-line-ends"
    assert (f.line, f.column) == (1, text.index('{"b"') + 1)
    assert "tr '\\r' '\\n'" in f.message("en") and "LF 或 CRLF" in f.message("zh-CN")


def test_crlf_between_two_values_is_still_extra_data(limits: Limits) -> None:
    _, findings = parse_json('{"a": 1}\r\n{"b": 2}', file=None, limits=limits)
    assert only(findings, "SC100").params["reason"] == "extra-data"


def test_leading_bom_in_text_is_tolerated(limits: Limits) -> None:
    value, findings = parse_json('\ufeff{"a": 1}', file=None, limits=limits)
    assert (value, findings) == ({"a": 1}, [])


def test_crlf_document_columns(limits: Limits) -> None:
    text = '{\r\n  "a": 1,\r\n  "a": 2,\r\n  "b": x\r\n}'
    _, findings = parse_json(text, file=None, limits=limits)
    f = only(findings, "SC100")
    assert (f.line, f.column) == (4, 8)
    text = '{\r\n  "a": 1,\r\n  "a": 2\r\n}'
    _, findings = parse_json(text, file=None, limits=limits)
    f = only(findings, "SC102")
    assert (f.line, f.column) == (3, 3)


def test_every_finding_param_is_plain_json(limits: Limits) -> None:
    texts = ['{"a": 1, "a": NaN}', "[" * 200 + "]" * 200, "{'a'}", ""]
    for text in texts:
        _, findings = parse_json(text, file=None, limits=limits)
        assert findings
        for f in findings:
            json.dumps(f.to_dict())
            assert "reason" in f.params or "limit" in f.params or "key" in f.params


def test_parser_state_does_not_leak_between_calls(limits: Limits) -> None:
    parse_json('{"a": 1, "a": NaN}', file=None, limits=limits)
    parse_json('{"a": 1, "a": [', file=None, limits=limits)
    value, findings = parse_json('{"a": 1}', file=None, limits=limits)
    assert (value, findings) == ({"a": 1}, [])


def test_threads_do_not_share_hook_state(limits: Limits) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(i: int) -> tuple[int, int]:
        dup = i % 2 == 0
        text = '{"a": 1, "a": 2}' if dup else '{"a": 1, "b": 2}'
        count = 0
        for _ in range(200):
            _, findings = parse_json(text, file=None, limits=limits)
            count += len(findings)
        return int(dup), count

    with ThreadPoolExecutor(4) as pool:
        for dup, count in pool.map(work, range(8)):
            assert count == (200 if dup else 0)


def test_a_float_overflow_is_big_number_at_its_place(limits: Limits) -> None:
    text = '{"a": [1.5, 2e308],\n "b": "1e999", "c": 1e-999, "d": NaN, "e": -1E+999}'
    value, findings = parse_json(text, file="o.json", limits=limits)
    assert math.isinf(value["a"][1]) and value["b"] == "1e999" and value["c"] == 0.0
    got = [(f.code, f.params["reason"], f.path, f.line, f.column) for f in findings]
    assert sorted(got, key=str) == sorted(
        [
            ("SC100", "big-number", ("a", 1), 1, 13),
            ("SC100", "nan", ("d",), 2, 34),
            ("SC100", "big-number", ("e",), 2, 44),
        ],
        key=str,
    )


def test_long_exponents_that_fit_are_no_finding(limits: Limits) -> None:
    text = '{"a": 1e-400, "b": 1.0e+300, "c": "x1e999", "d": 0.' + "0" * 400 + "1}"
    value, findings = parse_json(text, file=None, limits=limits)
    assert findings == [] and value["b"] == 1e300


_NUMBERS = st.one_of(
    st.from_regex(
        r"-?(0|[1-9][0-9]{0,4})(\.[0-9]{1,4})?([eE][+-]?0{0,2}[0-9]{1,4})?", fullmatch=True
    ),
    st.integers(0, 2).map(lambda n: "7" * (309 * n) or "7"),
)
_LOOKALIKES = st.text(alphabet="0123456789abcdefE+-.", max_size=40)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_NUMBERS, _LOOKALIKES, st.sampled_from(["", " ", "\n", "\t"])), max_size=8),
)
def test_the_overflow_screen_finds_every_number_too_large(
    parts: list[tuple[str, str, str]],
) -> None:
    """Sound: every number token too large for a float is seen, among strings that look alike."""
    from smartstd.io.jsonreader import _may_overflow

    items = [f'{space}{number}{space},{space}"{look}"' for number, look, space in parts]
    text = "[" + ",".join(items) + "]"
    value = json.loads(text)
    overflows = any(isinstance(v, float) and math.isinf(v) for v in value) or any(
        len(n.lstrip("-").split(".")[0].split("e")[0]) >= 309 for n, _, _ in parts
    )
    if overflows:
        assert _may_overflow(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"h": "06116949c3c9542f7343e23af05e8be7c9c64e641695ca1f"}', False),
        ('{"h": "x1e999"}', False),
        ('{"h": "1e999"}', False),
        ('{"n": 1e999}', True),
        ('{"n": -2.5E+0400 }', True),
        ("[1e999]", True),
        ("1e999", True),
        ('{"n": 1e-999}', False),
        ('{"n": ' + "9" * 309 + "}", True),
        ('{"s": "' + "9" * 309 + '"}', True),  # a run of digits: a screen, not a parser
    ],
)
def test_the_overflow_screen_looks_at_number_tokens(text: str, expected: bool) -> None:
    from smartstd.io.jsonreader import _may_overflow

    assert _may_overflow(text) is expected


@pytest.mark.parametrize("offset", [0, 1, 308, 309, 1000])
def test_a_run_of_digits_across_the_screens_pieces_is_seen(
    offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smartstd.io import jsonreader

    monkeypatch.setattr(jsonreader, "_SCREEN_CHARS", 1024)
    text = "[" + " " * (1024 - offset) + "9" * 309 + "]"
    assert jsonreader._may_overflow(text)
    assert not jsonreader._may_overflow(text.replace("9" * 309, "9" * 308))
