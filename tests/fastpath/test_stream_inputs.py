"""A streamed document through the inputs' API and in datasets of several files.

:func:`smartstd.conformance.inputs.open_document` with ``stream`` gives an
:class:`InputFile` whose header, records, entities and positions are those
of the document read whole; a check of several files, one of which must be
read again whole, or with ``jobs``, gives the whole-document report.

流式文档的输入接口与多文件数据集：与整篇读取一致。
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastpathdata import EXAMPLE_NDJSON
from streamdata import json_report, streaming

from smartstd.conformance import inputs
from smartstd.io import Limits


def _document(tmp_path: Path, records: int = 60, name: str = "doc.json") -> Path:
    lines = EXAMPLE_NDJSON.read_text("utf-8").split("\n")
    envelope = json.loads(lines[0])
    entities = [json.loads(line) for line in lines[1 : records + 1]]
    path = tmp_path / name
    path.write_text(
        json.dumps({"entities": entities, **envelope}, ensure_ascii=False, indent=2), "utf-8"
    )
    return path


def test_a_streamed_input_reads_as_the_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _document(tmp_path)
    whole = inputs.open_document(str(path), Limits())
    monkeypatch.setattr(inputs, "STREAM_BYTES", 0)
    streamed = inputs.open_document(str(path), Limits(), stream=True)
    assert whole.outline is None and streamed.outline is not None
    assert streamed.entities is None and streamed.doc is None
    assert streamed.header == whole.header
    assert list(streamed.header) == list(whole.header)  # members in order, after the array too
    assert not streamed.unreadable and not streamed.findings
    batches = list(streamed.batches())
    assert sum(len(b.lines) for b in batches) == 60
    assert [b.index for b in batches] == [0]
    got = [(r.raw, r.where) for r in streamed.records()]
    assert got == [(r.raw, r.where) for r in whole.records()]
    assert streamed.entity(59) == whole.entity(59) and streamed.entity(60) is None
    paths = [("entities", 3, "id"), ("entities", 59), ("standard_version",), ("entities",)]
    assert streamed.positions(paths) == whole.positions(paths)
    assert streamed.position(("dataset_id",)) == whole.position(("dataset_id",))


def test_small_documents_and_other_callers_read_whole(tmp_path: Path) -> None:
    path = _document(tmp_path, records=3)
    assert path.stat().st_size < inputs.STREAM_BYTES
    assert inputs.open_document(str(path), Limits(), stream=True).outline is None
    big = _document(tmp_path, records=3000, name="big.json")
    assert big.stat().st_size >= inputs.STREAM_BYTES
    assert inputs.open_document(str(big), Limits()).outline is None  # not asked to stream
    assert inputs.open_document(str(big), Limits(), stream=True).outline is not None


def test_several_files_one_read_again_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An NDJSON file, a plain document and one with a repeated key: read again whole."""
    lines = EXAMPLE_NDJSON.read_text("utf-8").split("\n")
    (tmp_path / "a.ndjson").write_text("\n".join(lines[:40]) + "\n", "utf-8")
    _document(tmp_path, records=30, name="b.json")
    odd = _document(tmp_path, records=20, name="c.json")
    text = odd.read_text("utf-8")
    odd.write_text(text.replace('"type": ', '"type": "X", "type": ', 1), "utf-8")
    with streaming(monkeypatch, on=False):
        whole = json_report([str(tmp_path)])
    with streaming(monkeypatch, on=True) as seen:
        streamed = json_report([str(tmp_path)])
    assert streamed == whole
    assert [Path(f).name for f in seen.restarted] == ["c.json"]
    assert "SC102" in {f["code"] for f in json.loads(streamed)["findings"]}


def test_jobs_and_levels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _document(tmp_path, records=200)
    for options in ({"jobs": 2}, {"level": "L1"}, {"select": ("SC2",)}):
        with streaming(monkeypatch, on=False):
            whole = json_report([str(path)], **options)
        with streaming(monkeypatch, on=True) as seen:
            streamed = json_report([str(path)], **options)
        assert streamed == whole, options
        assert seen.streamed and not seen.restarted
