from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartstd.io import locate
from smartstd.report import Path


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def all_paths(value: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    out: list[tuple[Path, Any]] = [(path, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(all_paths(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.extend(all_paths(child, (*path, index)))
    return out


def value_at(text: str, line: int, column: int) -> Any:
    return json.JSONDecoder().raw_decode(text, offset_of(text, line, column))[0]


DOC = """{
  "entities": [
    {"type": "Resident", "id": "r-1"},
    {
      "type": "Building",
      "名称": "幸福里 3 号楼",
      "a/b~c": {"x\\"y": [10, 20, {"deep": true}]},
      "\\u540d": "escaped key",
      "emoji": "😀😀", "after": 42
    }
  ]
}"""


def test_nested_paths_escaped_keys_and_unicode() -> None:
    paths: list[Path] = [
        (),
        ("entities",),
        ("entities", 0, "id"),
        ("entities", 1, "名称"),
        ("entities", 1, "a/b~c", 'x"y', 2, "deep"),
        ("entities", 1, "名"),
        ("entities", 1, "after"),
    ]
    found = locate(DOC, paths)
    assert found[()] == (1, 1)
    assert found[("entities",)] == (2, 15)
    assert found[("entities", 0, "id")] == (3, 32)
    assert found[("entities", 1, "名称")] == (6, 13)
    assert found[("entities", 1, "a/b~c", 'x"y', 2, "deep")] == (7, 43)
    assert found[("entities", 1, "名")] == (8, 17)
    # Columns count characters: the emoji are one column each.
    assert found[("entities", 1, "after")] == (9, 31)
    for path in paths:
        line, column = found[path]
        assert value_at(DOC, line, column) == _get(json.loads(DOC), path)


def _get(value: Any, path: Path) -> Any:
    for step in path:
        value = value[step]
    return value


def test_missing_paths_give_the_deepest_existing_parent() -> None:
    found = locate(DOC, [("entities", 1, "missing"), ("entities", 7, "id"), ("nope",)])
    assert found[("entities", 1, "missing")] == (4, 5)
    assert found[("entities", 7, "id")] == (2, 15)
    assert found[("nope",)] == (1, 1)


def test_path_into_a_scalar_gives_the_scalar() -> None:
    assert locate(DOC, [("entities", 0, "id", "x")]) == {("entities", 0, "id", "x"): (3, 32)}


def test_digit_keys_and_string_indexes_are_matched() -> None:
    text = '{"3": "three", "list": ["a", "b"]}'
    found = locate(text, [(3,), ("list", "1")])
    assert found[(3,)] == (1, 7)
    assert found[("list", "1")] == (1, 30)


def test_duplicate_key_gives_the_winning_occurrence() -> None:
    text = '{"a": 1, "a": {"b": 2}}'
    assert locate(text, [("a", "b")]) == {("a", "b"): (1, 21)}


def test_empty_and_broken_text_never_raise() -> None:
    assert locate("", [("a",)]) == {("a",): (1, 1)}
    assert locate("   ", [()]) == {(): (1, 1)}
    assert locate('{"a": [1, 2', [("a", 1), ("a", 5)]) == {("a", 1): (1, 11), ("a", 5): (1, 7)}
    assert locate('{"a" 1}', [("a",)]) == {("a",): (1, 1)}
    assert locate('{"a": {"b": 1,, "c": 2}}', [("a", "c")]) == {("a", "c"): (1, 7)}


def test_crlf_text() -> None:
    text = '{\r\n  "a": 1,\r\n  "b": [true]\r\n}'
    assert locate(text, [("b", 0)]) == {("b", 0): (3, 9)}


def test_skips_deeply_nested_siblings_without_recursion_error() -> None:
    deep = "[" * 50_000 + "]" * 50_000
    text = '{"deep": ' + deep + ', "x": 1}'
    assert locate(text, [("x",)]) == {("x",): (1, len('{"deep": ') + len(deep) + 8)}
    assert locate(deep, [(0,) * 3]) == {(0, 0, 0): (1, 4)}


def test_big_document_with_100k_entities_is_fast() -> None:
    entity = {
        "type": "Resident",
        "id": "r",
        "name": {"zh": "张三", "en": "Zhang San"},
        "address": {"building": "3", "geo": {"lat": 31.2, "lon": 121.4}},
        "tags": ["elderly", "lives-alone"],
        "notes": "x" * 300,
    }
    one = json.dumps(entity, ensure_ascii=False, indent=2)
    text = '{"entities": [\n' + ",\n".join([one] * 100_000) + "\n]}"
    assert len(text.encode()) > 50_000_000
    paths: list[Path] = [("entities", i, "address", "geo", "lon") for i in range(0, 100_000, 1000)]
    paths.append(("entities", 99_999, "missing"))
    found = locate(text, paths)
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    decoder = json.JSONDecoder()
    for path in paths[:-1]:
        line, column = found[path]
        assert decoder.raw_decode(text, starts[line - 1] + column - 1)[0] == 121.4
    line, column = found[paths[-1]]
    assert text[starts[line - 1] + column - 1] == "{"


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=json_values,
    indent=st.sampled_from([None, 0, 1, 2, 4, "\t"]),
    ensure_ascii=st.booleans(),
    compact=st.booleans(),
)
def test_locate_finds_every_path(
    value: Any, indent: Any, ensure_ascii: bool, compact: bool
) -> None:
    separators = (",", ":") if compact else None
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii, separators=separators)
    paths = all_paths(value)
    found = locate(text, [p for p, _ in paths])
    assert set(found) == {p for p, _ in paths}
    for path, expected in paths:
        line, column = found[path]
        offset = offset_of(text, line, column)
        serialized = json.dumps(
            expected, indent=indent, ensure_ascii=ensure_ascii, separators=separators
        )
        first_line = serialized.split("\n", 1)[0]
        assert text.startswith(first_line, offset), (path, line, column)
        assert json.JSONDecoder().raw_decode(text, offset)[0] == expected


@settings(max_examples=100, deadline=None)
@given(value=json_values, extra=st.text(min_size=1))
def test_locate_missing_child_gives_its_parent(value: Any, extra: str) -> None:
    text = json.dumps(value, indent=2)
    paths = all_paths(value)
    wanted = [(*p, extra, 10**9) for p, _ in paths]
    found = locate(text, wanted)
    for (path, _), missing in zip(paths, wanted, strict=True):
        parent = locate(text, [path])[path]
        here = found[missing]
        # The deepest existing prefix: the path itself, or its child ``extra``.
        child = (*path, extra)
        assert here == parent or here == locate(text, [child])[child]
