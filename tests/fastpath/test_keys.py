"""Proofs that a JSON text has no duplicate key (``smartstd.conformance.keys``).

Contract: each proof answers True only when the text has no duplicate object
key anywhere (keys compared after JSON unescaping); False is always allowed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastpathdata import dump
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from smartstd.conformance.keys import (
    flat_proves_unique_keys,
    model_key_count,
    model_proves_unique_keys,
    no_duplicate_keys,
)
from smartstd.standard.dataset import entity_adapter
from smartstd.standard.introspect import object_fields

# --------------------------------------------------------------------------- ground truth


def duplicates(text: str) -> list[str]:
    """Every key that repeats in one object of ``text``, at any depth (the parser's view)."""
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        found.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return found


def key_occurrences(text: str) -> int:
    """Distinct keys per object, summed over every object of ``text``."""
    total = 0

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal total
        total += len({k for k, _ in pairs})
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return total


# --------------------------------------------------------------------------- spelling JSON


def _u(c: str, upper: bool) -> str:
    code = ord(c)
    fmt = "\\u%04X" if upper else "\\u%04x"
    if code > 0xFFFF:
        code -= 0x10000
        return fmt % (0xD800 + (code >> 10)) + fmt % (0xDC00 + (code & 0x3FF))
    return fmt % code


def spell(s: str, how: str) -> str:
    """A JSON string literal for ``s``: plain, ASCII-escaped, or with ``\\u`` escapes."""
    if how == "plain" or not s:
        return json.dumps(s, ensure_ascii=False)
    if how == "ascii":
        return json.dumps(s, ensure_ascii=True)
    if how == "first":
        return '"' + _u(s[0], False) + json.dumps(s[1:], ensure_ascii=False)[1:-1] + '"'
    if how == "last":
        return '"' + json.dumps(s[:-1], ensure_ascii=False)[1:-1] + _u(s[-1], True) + '"'
    assert how == "all"
    return '"' + "".join(_u(c, bool(i % 2)) for i, c in enumerate(s)) + '"'


SPELLINGS = ("plain", "ascii", "first", "last", "all")

# a "pairs tree": objects are lists of (key, spelling, value), so keys may repeat
Obj = tuple[str, list[tuple[str, str, Any]]]


def write(value: Any, item_sep: str, kv_sep: str, value_ascii: bool) -> str:
    if isinstance(value, tuple) and value and value[0] == "obj":
        inner = item_sep.join(
            spell(k, how) + kv_sep + write(v, item_sep, kv_sep, value_ascii)
            for k, how, v in value[1]
        )
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + item_sep.join(write(v, item_sep, kv_sep, value_ascii) for v in value) + "]"
    return json.dumps(value, ensure_ascii=value_ascii)


# keys from a small pool (so that they repeat), with the characters that could
# fool a text-only proof: quotes, colons, backslashes, spaces, escapes
_TRICKY = ['"', ":", "\\", " ", "u", "a", "名", "😀", "\t", "\n", "}", ",", "é"]
KEYS = st.one_of(
    st.sampled_from(
        [
            "a",
            "b",
            "id",
            "k",
            "",
            ":",
            "::",
            ":a",
            "a:",
            '"',
            'a"',
            '"a',
            '":',
            '":a',
            "\\",
            "a\\",
            "\\u0061",
            " ",
            "a ",
            " a",
            "a b",
            "名",
            "名称",
            "zh-CN",
            "😀",
            "gz:x",
        ]
    ),
    st.text(st.sampled_from(_TRICKY), min_size=1, max_size=3),
)
STRINGS = st.one_of(
    st.text(max_size=6),
    st.text(st.sampled_from([*_TRICKY, "0", "x"]), max_size=8),
    st.sampled_from(['":', '":"', '\\":', " : ", '"a":1', '{"a":1}', "\\u0061", ":"]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    STRINGS,
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(KEYS, st.sampled_from(SPELLINGS), children), max_size=5).map(
            lambda pairs: ("obj", pairs)
        ),
    ),
    max_leaves=25,
)
OBJECTS = st.lists(st.tuples(KEYS, st.sampled_from(SPELLINGS), TREES), max_size=6).map(
    lambda pairs: ("obj", pairs)
)
SEPARATORS = st.tuples(
    st.sampled_from([",", ", ", " ,", ",\n  ", " , "]),
    st.sampled_from([":", ": ", " : ", " :", ":\t", "\t:", "\n:", "\r\n:", ":\n"]),
)


@settings(max_examples=250, deadline=None)
@given(OBJECTS, SEPARATORS, st.booleans())
def test_no_duplicate_keys_is_sound_on_pairs_trees(
    obj: Obj, seps: tuple[str, str], value_ascii: bool
) -> None:
    text = write(obj, seps[0], seps[1], value_ascii)
    dups = duplicates(text)
    if no_duplicate_keys(text):
        assert not dups, (text, dups)


@settings(max_examples=250, deadline=None)
@given(
    st.lists(st.tuples(KEYS, st.sampled_from(SPELLINGS), SCALARS), max_size=8),
    SEPARATORS,
    st.booleans(),
)
def test_flat_proof_is_sound_on_flat_objects(
    pairs: list[tuple[str, str, Any]], seps: tuple[str, str], value_ascii: bool
) -> None:
    text = write(("obj", pairs), seps[0], seps[1], value_ascii)
    parsed = json.loads(text)
    dups = duplicates(text)
    # the model of a flat record holds one field per distinct key
    if flat_proves_unique_keys(text.encode(), len(parsed)):
        assert not dups, (text, dups)


# -- duplicates planted by editing the text written by json.dumps

_SENTINEL = "__duplicate_goes_here__"

JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)
    ),
    max_leaves=20,
)


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _dicts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _dicts(v)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(KEYS, JSON_VALUES, min_size=1, max_size=6),
    st.sampled_from([(",", ":"), (", ", ": "), (",", " : "), (",", ": "), (", ", ":")]),
    st.booleans(),
    st.data(),
)
def test_no_duplicate_keys_finds_planted_duplicates(
    value: dict[str, Any], seps: tuple[str, str], ascii_: bool, data: st.DataObject
) -> None:
    plain = json.dumps(value, separators=seps, ensure_ascii=ascii_)
    assert not duplicates(plain)
    # plant a second spelling of an existing key in one of the objects
    targets = [d for d in _dicts(value) if d]
    target = data.draw(st.sampled_from(targets))
    key = data.draw(st.sampled_from(sorted(target)))
    how = data.draw(st.sampled_from(SPELLINGS))
    space = data.draw(st.sampled_from(["", " ", "\t"]))
    at_end = data.draw(st.booleans())
    target[_SENTINEL] = 0
    if not at_end:  # move the sentinel first
        items = list(target.items())
        target.clear()
        target.update([items[-1], *items[:-1]])
    text = json.dumps(value, separators=seps, ensure_ascii=ascii_)
    marker = json.dumps(_SENTINEL) + seps[1] + "0"
    assert text.count(marker) == 1
    text = text.replace(marker, spell(key, how) + space + seps[1] + json.dumps(1))
    assert key in duplicates(text)
    assert no_duplicate_keys(text) is False, text


# -- the proof is not trivially False

_SAFE = st.text(
    st.sampled_from([*list("abcxyz019_- "), "名", "称", "é", "😀"]), min_size=1, max_size=8
)
_SAFE_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _SAFE),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_SAFE, children, max_size=4)
    ),
    max_leaves=20,
)


def _all_keys(value: Any) -> list[str]:
    return [k for d in _dicts(value) for k in d]


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(_SAFE, _SAFE_VALUES, max_size=8),
    st.sampled_from([(",", ":"), (", ", ": ")]),
)
def test_no_duplicate_keys_proves_plain_texts(value: dict[str, Any], seps: tuple[str, str]) -> None:
    keys = _all_keys(value)
    if len(keys) != len(set(keys)):
        return  # a key used in two objects: not a duplicate, but the proof may say False
    text = json.dumps(value, separators=seps, ensure_ascii=False)
    assert "\\" not in text
    assert no_duplicate_keys(text) is True, text


@pytest.mark.parametrize(
    ("text", "proved"),
    [
        ('{"id":"a","type":"X"}', True),
        ('{"id":"a","id":"b"}', False),
        ('{"id":"a","\\u0069d":"b"}', False),
        ('{"\\u0069d":"a","id":"b"}', False),
        ('{"id":"a","i\\u0064":"b"}', False),
        ('{"id":"a","\\u0069\\u0064":"b"}', False),
        ('{"id":"a","\\u0049d":"b"}', False),  # "Id", a different key: False is allowed
        ('{"id":"a","id" :"b"}', False),
        ('{"id":"a","id"\t:"b"}', False),
        ('{"id":"a","id"\n:"b"}', False),
        ('{"a":{"k":1,"k":2}}', False),
        ('{"a":[{"k":1},{"k":2}]}', False),  # same key in two objects: allowed False
        ('{"a":"x\\":y","b":1}', False),
        ('{":a":1,"a":2}', False),
        ('{"":1,"":2}', False),
        ('{"a\\"b":1,"a\\"b":2}', False),
        ('{"a\\"b":1,"a\\u0022b":2}', False),
        ('{"name":{"zh-CN":"x","zh-CN":"y"}}', False),
        ('{"name":{"zh-CN":"x","\\u007ah-CN":"y"}}', False),
        ("{}", True),
    ],
)
def test_no_duplicate_keys_explicit(text: str, proved: bool) -> None:
    if proved:
        assert not duplicates(text)
    assert no_duplicate_keys(text) is proved


# --------------------------------------------------------------------------- with models

_validate = entity_adapter().validate_json


def _is_flat(model: BaseModel) -> bool:
    return not model.__pydantic_extra__ and object_fields(type(model)).isdisjoint(
        model.__pydantic_fields_set__
    )


def _model(text: str) -> Any:
    """The entity validated from ``text`` (as the engine does), or ``None``."""
    try:
        return _validate(text)
    except ValidationError:
        return None


def _key_spellings(key: str) -> list[tuple[str, str]]:
    """(name, spelled key with its colon) of a duplicate of ``key``."""
    return [
        ("plain", json.dumps(key, ensure_ascii=False) + ":"),
        ("escaped", f'"\\u{ord(key[0]):04x}' + json.dumps(key[1:], ensure_ascii=False)[1:] + ":"),
        ("spaced", json.dumps(key, ensure_ascii=False) + " :"),
        ("escaped-upper", f'"\\u{ord(key[0]):04X}' + json.dumps(key[1:])[1:] + ":"),
    ]


def _write_with_dup(value: Any, target: tuple[Any, ...], pair: str, first: bool) -> str:
    """Compact JSON of ``value`` with ``pair`` added to the object at path ``target``."""

    def go(v: Any, path: tuple[Any, ...]) -> str:
        if isinstance(v, dict):
            items = [
                json.dumps(k, ensure_ascii=False) + ":" + go(x, (*path, k)) for k, x in v.items()
            ]
            if path == target:
                items = [pair, *items] if first else [*items, pair]
            return "{" + ",".join(items) + "}"
        if isinstance(v, list):
            return "[" + ",".join(go(x, (*path, i)) for i, x in enumerate(v)) + "]"
        return json.dumps(v, ensure_ascii=False)

    return go(value, ())


def _object_paths(
    value: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            yield from _object_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _object_paths(v, (*path, i))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        value = value[p]
    return value


def _check_mutations(
    raw: dict[str, Any],
    path: tuple[Any, ...],
    keys: list[str],
    positions: tuple[bool, ...],
    unsound: list[str],
) -> int:
    """Plant duplicates of ``keys`` in the object at ``path``; collect proofs that say unique."""
    obj = _get(raw, path)
    tried = 0
    for key in keys:
        value_text = dump(obj[key])
        for name, spelled in _key_spellings(key):
            for first in positions:
                mutated = _write_with_dup(raw, path, spelled + value_text, first)
                assert duplicates(mutated) == [key]
                model2 = _model(mutated)
                if model2 is None:
                    continue
                tried += 1
                where = f"{name} duplicate of {key!r} at {path}"
                for text in (mutated, mutated.encode()):
                    if model_proves_unique_keys(model2, text):
                        unsound.append(f"model_proves_unique_keys, {where}: {mutated}")
                if _is_flat(model2) and flat_proves_unique_keys(
                    mutated.encode(), len(model2.__pydantic_fields_set__)
                ):
                    unsound.append(f"flat_proves_unique_keys, {where}: {mutated}")
                if no_duplicate_keys(mutated):
                    unsound.append(f"no_duplicate_keys, {where}: {mutated}")
    return tried


def test_model_proofs_on_real_records(all_record_lines: list[str]) -> None:
    """Every real record: proved when compact; never proved with a planted duplicate.

    Every line is mutated once (one key, every spelling); the first lines of
    each entity type and every line with an extension field are mutated at
    several keys, both ends of the object and in nested objects.
    """
    proved = total = tried = 0
    unsound: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(all_record_lines):
        model = _model(line)
        if model is None:
            continue
        total += 1
        assert not duplicates(line)
        # the number of keys a model counts never exceeds the keys of the input
        if model_key_count(model) > key_occurrences(line):
            unsound.append(
                f"model_key_count {model_key_count(model)} > {key_occurrences(line)} keys: {line}"
            )
        if model_proves_unique_keys(model, line):
            proved += 1
            assert model_proves_unique_keys(model, line.encode())
        if _is_flat(model):
            assert flat_proves_unique_keys(line.encode(), len(model.__pydantic_fields_set__)), line
        raw = json.loads(line)
        top = list(raw)
        seen[model.type] = seen.get(model.type, 0) + 1
        if seen[model.type] <= 12 or model.__pydantic_extra__:
            keys = list(dict.fromkeys([top[0], top[1], top[len(top) // 2], top[-1]]))
            tried += _check_mutations(raw, (), keys, (False, True), unsound)
            for path, obj in list(_object_paths(raw))[1:6]:
                if obj:
                    tried += _check_mutations(raw, path, [next(iter(obj))], (False,), unsound)
        else:
            tried += _check_mutations(raw, (), [top[n % len(top)]], (n % 2 == 0,), unsound)
            paths = [p for p, obj in _object_paths(raw) if obj][1:]
            if paths:
                path = paths[n % len(paths)]
                key = next(iter(_get(raw, path)))
                tried += _check_mutations(raw, path, [key], (False,), unsound)
    assert total > 9000
    assert tried > 4 * total
    assert proved > 0.9 * total, (proved, total)
    assert not unsound, f"{len(unsound)} unsound proofs, e.g.:\n" + "\n".join(unsound[:5])


def test_nested_duplicate_in_localized_text_is_not_proved() -> None:
    line = (
        '{"id":"bldg-1","type":"Building","community_id":"comm-1",'
        '"name":{"zh-CN":"一栋","zh-CN":"一栋"},"category":"residential"}'
    )
    model = _model(line)
    assert model is not None
    assert model_proves_unique_keys(model, line) is False
    assert model_proves_unique_keys(model, line.encode()) is False
    escaped = line.replace('"zh-CN":"一栋","zh-CN"', '"zh-CN":"一栋","\\u007ah-CN"')
    model = _model(escaped)
    assert model is not None
    assert model_proves_unique_keys(model, escaped) is False
    assert model_proves_unique_keys(model, escaped.encode()) is False


_OBS = (
    '{"id":"obs-1","type":"Observation","device_id":"dev-1",'
    '"observed_at":"2026-06-25T11:32:15+08:00","property":"smoke_density",'
    '"value":0.015,"unit":"%/m","quality":"good"'
)


def test_flat_observation_is_proved_and_its_duplicates_are_not() -> None:
    line = _OBS + "}"
    model = _model(line)
    assert model is not None and _is_flat(model)
    assert model_key_count(model) == 8
    assert model_proves_unique_keys(model, line)
    assert flat_proves_unique_keys(line.encode(), 8)
    for dup in (',"unit":"%/m"', ',"\\u0075nit":"%/m"', ',"unit" :"%/m"', ',"unit"\t:"%/m"'):
        text = _OBS + dup + "}"
        model = _model(text)
        assert model is not None
        assert model_proves_unique_keys(model, text) is False, dup
        assert flat_proves_unique_keys(text.encode(), len(model.__pydantic_fields_set__)) is False


def test_model_key_count_counts_an_extension_field_once() -> None:
    """An entity with one extension field has 9 keys, not 10.

    pydantic puts the names of extra fields into ``__pydantic_fields_set__``
    too, so ``len(fields_set) + len(extra)`` counts every extension field twice.
    """
    line = _OBS + ',"gz:x":1}'
    model = _model(line)
    assert model is not None
    assert key_occurrences(line) == 9
    assert model_key_count(model) <= 9


@pytest.mark.parametrize(
    "dup",
    [',"unit":"%/m"', ',"\\u0075nit":"%/m"', ',"quality":"good"'],
)
def test_duplicate_key_is_not_proved_unique_with_one_extension_field(dup: str) -> None:
    """A record with one extension field and one duplicate key must not be proved."""
    text = _OBS + ',"gz:x":1' + dup + "}"
    assert duplicates(text)
    model = _model(text)
    assert model is not None  # pydantic keeps the last value: the record is valid
    assert model_proves_unique_keys(model, text) is False
    assert model_proves_unique_keys(model, text.encode()) is False


def test_duplicate_key_is_not_proved_unique_with_a_nested_extension_field() -> None:
    """The same double count in a nested model: a duplicate ``type`` inside ``location``."""
    line = (
        '{"id":"dev-1","type":"Device","community_id":"comm-1","kind":"smoke_detector",'
        '"location":{"type":"Point","coordinates":[113.3,22.9],"gz:src":"gps"},'
        '"status":"active","captures_personal_data":false}'
    )
    dup = line.replace('"gz:src":"gps"', '"gz:src":"gps","type":"Point"')
    assert duplicates(dup) == ["type"]
    model = _model(dup)
    assert model is not None
    assert model_proves_unique_keys(model, dup) is False
    assert model_proves_unique_keys(model, dup.encode()) is False
    model = _model(line)
    assert model is not None
    assert model_key_count(model) <= key_occurrences(line)
