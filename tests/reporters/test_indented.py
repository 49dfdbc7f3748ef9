"""The fast indented JSON writer writes what the standard library's encoder writes."""

from __future__ import annotations

import enum
import io
import json
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.reporters._indented import write_indented
from smartstd.reporters._util import dump_json


def _standard(value: Any, indent: int = 2) -> str:
    return json.dumps(
        value, ensure_ascii=False, indent=indent, separators=(",", ": "), allow_nan=False
    )


def _fast(value: Any, indent: int = 2) -> str:
    parts: list[str] = []
    write_indented(value, parts.append, indent)
    return "".join(parts)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),  # every code point: escapes, controls, surrogates
)
_KEYS = st.one_of(
    st.text(max_size=8), st.integers(-5, 5), st.booleans(), st.none(), st.floats(-2, 2)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_KEYS, inner, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(_VALUES, st.sampled_from([0, 1, 2, 4]))
def test_the_same_text_as_the_standard_encoder(value: Any, indent: int) -> None:
    assert _fast(value, indent) == _standard(value, indent)


class _Level(str, enum.Enum):
    ERROR = "error"


class _Count(enum.IntEnum):
    TWO = 2


def test_subclasses_are_written_as_the_standard_encoder_writes_them() -> None:
    value = OrderedDict(
        [("a", _Level.ERROR), (_Level.ERROR, _Count.TWO), ("n", [{}, [], ()]), (1.5, 2**64)]
    )
    assert _fast(value) == _standard(value)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ({"a": float("nan")}, ValueError),
        ([1, float("inf")], ValueError),
        ({"a": object()}, TypeError),
        ({(1, 2): 1}, TypeError),
    ],
)
def test_what_the_standard_encoder_refuses_is_refused(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        _standard(value)
    with pytest.raises(error):
        _fast(value)


def test_a_large_report_is_written_in_pieces() -> None:
    findings = [
        {"code": "SC202", "params": {"target": f"dev-{i}"}, "path": ["device_id"]}
        for i in range(50_000)
    ]
    document = {"findings": findings, "counts": {"error": 50_000}}
    pieces: list[str] = []
    write_indented(document, pieces.append)
    assert len(pieces) > 10
    assert max(map(len, pieces)) < 1_000_000
    assert "".join(pieces) == _standard(document)


def test_dump_json_escapes_what_it_escaped_before() -> None:
    out = io.StringIO()
    dump_json({"t": "a\u2028b\u202ec\x7f", "n": [1, 2.5]}, out)
    assert (
        out.getvalue()
        == '{\n  "t": "a\\u2028b\\u202ec\\u007f",\n  "n": [\n    1,\n    2.5\n  ]\n}\n'
    )
