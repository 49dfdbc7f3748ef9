"""Whatever the input, the readers answer with findings, never an exception."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.io import Limits, iter_ndjson, locate, parse_json, parse_yaml, read_document

SMALL = Limits(max_depth=8, max_line_bytes=64, max_yaml_aliases=50)

json_ish = st.text(
    alphabet=st.sampled_from(list("{}[]\",:\\ \n\r\tnul0123456789.eE+-abNaI/'#é名\x00\ufeff"))
)
yaml_ish = st.text(
    alphabet=st.sampled_from(list("{}[]\"',:-?&*!|>%#@` \n\t\r\x01abyn0123456789.~<=é名\ufeff"))
)


@settings(max_examples=400, deadline=None)
@given(text=json_ish | st.text())
def test_parse_json(text: str) -> None:
    value, findings = parse_json(text, file="f", limits=SMALL)
    for f in findings:
        json.dumps(f.to_dict())
        assert f.code in {"SC100", "SC102", "SC109"}
    if not findings:
        assert json.loads(text.lstrip("\ufeff")) == value or value != value


@settings(max_examples=300, deadline=None)
@given(text=json_ish, path=st.lists(st.text(max_size=2) | st.integers(0, 3), max_size=4))
def test_locate(text: str, path: list[str | int]) -> None:
    found = locate(text, [tuple(path)])
    line, column = found[tuple(path)]
    assert line >= 1
    assert column >= 1


@settings(max_examples=400, deadline=None)
@given(text=yaml_ish | st.text())
def test_parse_yaml(text: str) -> None:
    _, findings, positions = parse_yaml(text, file="f", limits=SMALL)
    for f in findings:
        json.dumps(f.to_dict())
        assert f.code in {"SC100", "SC102", "SC109"}
    for line, column in positions.values():
        assert line >= 1
        assert column >= 1


@settings(max_examples=300, deadline=None)
@given(data=st.binary() | json_ish.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_iter_ndjson_and_read_document(data: bytes) -> None:
    for line in iter_ndjson(io.BytesIO(data), file="f", limits=SMALL):
        for f in line.findings:
            json.dumps(f.to_dict())
    for fmt in ("json", "yaml"):
        doc = read_document(data, file="f", limits=SMALL, fmt=fmt)
        doc.position(("a", 0))
