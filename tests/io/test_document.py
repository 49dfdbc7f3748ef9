from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from smartstd.io import Document, Limits, PositionMap, read_document


def test_json_document_positions_are_located_and_cached(limits: Limits) -> None:
    data = b'{\n  "entities": [\n    {"id": "r-1", "age": 70}\n  ]\n}'
    doc = read_document(data, file="d.json", limits=limits, fmt="json")
    assert doc.ok
    assert doc.value == {"entities": [{"id": "r-1", "age": 70}]}
    assert doc.text is not None
    assert doc.position(("entities", 0, "age")) == (3, 26)
    assert doc.position(("entities", 0, "missing")) == (3, 5)
    assert doc.positions([(), ("entities",)]) == {(): (1, 1), ("entities",): (2, 15)}
    assert ("entities", 0, "age") in doc._cache


def test_yaml_document_uses_the_position_map(limits: Limits) -> None:
    doc = read_document(b"a:\n  b: [1, 2]\n", file="d.yaml", limits=limits, fmt="yaml")
    assert doc.ok
    assert isinstance(doc.position_map, PositionMap)
    assert doc.position(("a", "b", 1)) == (2, 10)
    assert doc.position(("a", "zzz")) == (2, 3)


def test_undecodable_document_has_no_text_and_no_positions(limits: Limits) -> None:
    doc = read_document('{"a": "社区"}'.encode("gb18030"), file="g.json", limits=limits, fmt="json")
    assert doc.value is None
    assert doc.text is None
    assert [f.code for f in doc.findings] == ["SC101"]
    assert doc.position(("a",)) == (None, None)


def test_utf8_bom_document(limits: Limits) -> None:
    doc = read_document(codecs.BOM_UTF8 + b'{"a": 1}', file=None, limits=limits, fmt="json")
    assert (doc.value, doc.findings) == ({"a": 1}, ())


def test_utf16_document(limits: Limits) -> None:
    doc = read_document('{"a": 1}'.encode("utf-16"), file=None, limits=limits, fmt="json")
    assert [f.code for f in doc.findings] == ["SC101"]
    assert doc.findings[0].params["encoding"] == "utf-16"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_over_max_file_bytes_is_not_parsed(fmt: str) -> None:
    limits = Limits(max_file_bytes=10)
    doc = read_document(b'{"a": "' + b"x" * 100 + b'"}', file="f", limits=limits, fmt=fmt)  # type: ignore[arg-type]
    assert doc.value is None
    assert doc.text is None
    [finding] = doc.findings
    assert finding.code == "SC109"
    assert finding.params == {
        "limit": "max_file_bytes",
        "value": 109,
        "maximum": 10,
        "hint": "read-whole",
    }
    # what to do, in either language: NDJSON streams, or raise the limit
    assert "NDJSON" in finding.message("zh-CN") and "调高 max_file_bytes" in finding.message(
        "zh-CN"
    )
    assert "raise max_file_bytes under [limits]" in finding.message("en")


def test_a_document_is_refused_by_size_before_it_is_read(tmp_path: Path) -> None:
    """A parsed document takes about ten times its size in memory (a 510 MB one peaked at
    5.3 GB): the default limit keeps a check under about 3 GB, and a larger file is not read
    at all (this one is sparse: 300 MiB of NULs, which reading would have held)."""
    from smartstd import check

    assert Limits().max_file_bytes == 256 * 1024**2
    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(300 * 1024**2)
    report = check(str(big))
    [finding] = [f for f in report.findings if f.code == "SC109"]
    assert finding.params["limit"] == "max_file_bytes"
    assert finding.params["value"] == 300 * 1024**2
    assert finding.params["hint"] == "read-whole"


def test_document_is_frozen(limits: Limits) -> None:
    doc = read_document(b"[]", file=None, limits=limits, fmt="json")
    assert isinstance(doc, Document)
    with pytest.raises(AttributeError):
        doc.value = 1  # type: ignore[misc]


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="max_depth"):
        Limits(max_depth=0)
    with pytest.raises(ValueError, match="max_line_bytes"):
        Limits(max_line_bytes=True)
    assert Limits(max_yaml_aliases=0).max_yaml_aliases == 0
