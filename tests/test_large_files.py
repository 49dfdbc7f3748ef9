"""Large NDJSON files stream through the fast reader with exact line numbers.

A file over 4 GiB (far over ``max_file_bytes``, the limit of JSON and YAML
documents read whole) is NDJSON like any other: no size limit applies by default, and
it is read a block at a time by the batch reader. The tests lower the
thresholds (the 4 GiB limit, the block size, ``max_ndjson_bytes``) instead of
writing gigabytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from smartstd import generate as gen
from smartstd.conformance import engine, inputs
from smartstd.conformance.engine import check
from smartstd.io import Limits
from smartstd.reporters import render_string


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NDJSON file of some hundred kB, every line plain, with defects on known lines."""
    path = tmp_path_factory.mktemp("large") / "d.ndjson"
    gen.write(path, counts=gen.counts_for("community", observations=600), seed=3)
    records = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    body = records[1:]
    resident = next(r for r in body if r["type"] == "Resident")
    obs = next(r for r in body if r["type"] == "Observation")
    body.insert(len(body) - 300, dict(resident))  # a duplicate id, late in the file
    body.insert(900, {**obs, "id": "obs-lost", "device_id": "dev-nowhere"})  # line 902
    lines = [json.dumps(r, ensure_ascii=False) for r in [records[0], *body]]
    assert len(body) - 300 > 902
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lines_of(report: Any, code: str) -> list[int]:
    return sorted(f.line for f in report.findings if f.code == code)


def test_a_file_over_the_4_gib_limit_streams_through_the_fast_reader(
    big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    normal = check(str(big), level="L2")
    lines = big.read_text("utf-8").splitlines()
    assert _lines_of(normal, "SC201") == [len(lines) - 300]
    assert 902 in _lines_of(normal, "SC202")

    taken: list[tuple[Any, ...]] = []
    records = inputs.iter_ndjson_records

    def careful(*args: Any, lazy: bool = False) -> Any:
        if lazy:  # called by the batch reader (a rule may read records again, not lazily)
            taken.append(args[2:])
        return records(*args, lazy=lazy)

    monkeypatch.setattr(inputs, "iter_ndjson_records", careful)
    monkeypatch.setattr(inputs, "BATCH_BYTES", 4096)  # many blocks, lines across their edges
    size = big.stat().st_size
    limits = Limits(max_file_bytes=size // 10)  # "4 GiB" is now a tenth of the file
    streamed = check(str(big), level="L2", limits=limits)
    assert render_string(streamed, "json") == render_string(normal, "json")
    # and in byte ranges (--jobs), each with its first line number counted
    monkeypatch.setattr(engine, "_MIN_SPLIT_BYTES", 1024)
    split = check(str(big), level="L2", limits=limits, jobs=2)
    assert render_string(split, "json") == render_string(normal, "json")
    assert taken == []  # every line was read by the batch reader
    monkeypatch.setattr(inputs, "_plain_lines", lambda chunk, max_line: None)
    careful_only = check(str(big), level="L2", limits=limits)
    assert render_string(careful_only, "json") == render_string(normal, "json")


def test_an_odd_line_is_read_carefully_and_the_batches_go_on(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = big.read_bytes().split(b"\n")
    lines[1000] = lines[1000] + b"\r"  # a CRLF line end: not plain
    lines[2000] = b'{"id": "res-odd", "type": "Resident", "name": "\xe9"}'  # not UTF-8
    odd = tmp_path / "odd.ndjson"
    odd.write_bytes(b"\n".join(lines))
    normal = check(str(odd), level="L2")
    assert [f.line for f in normal.findings if f.code == "SC101"] == [2001]
    taken: list[tuple[Any, ...]] = []
    records = inputs.iter_ndjson_records

    def careful(*args: Any, lazy: bool = False) -> Any:
        if lazy:
            taken.append(args[2:])
        return records(*args, lazy=lazy)

    monkeypatch.setattr(inputs, "iter_ndjson_records", careful)
    monkeypatch.setattr(inputs, "BATCH_BYTES", 8192)
    small = check(str(odd), level="L2")
    assert render_string(small, "json") == render_string(normal, "json")
    assert len(taken) == 2  # the two blocks with an odd line, no more
    assert all(end is not None and end - start <= 8192 for start, end, _ in taken)
    # what the careful reader alone says of the whole file
    monkeypatch.setattr(inputs, "_plain_lines", lambda chunk, max_line: None)
    assert render_string(check(str(odd), level="L2"), "json") == render_string(normal, "json")


def _line_holding(data: bytes, offset: int) -> int:
    """The 1-based number of the line that holds byte ``offset``."""
    return data.count(b"\n", 0, offset) + 1


@pytest.mark.parametrize("where", [0.3, 0.75])
def test_max_ndjson_bytes_falls_where_the_careful_reader_says(
    big: Path, where: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = big.read_bytes()
    cap = int(len(data) * where)
    limits = Limits(max_ndjson_bytes=cap)
    monkeypatch.setattr(inputs, "BATCH_BYTES", 8192)
    fast = check(str(big), level="L2", limits=limits)
    (sc109,) = [f for f in fast.findings if f.code == "SC109"]
    assert sc109.line == _line_holding(data, cap)
    assert sc109.params["maximum"] == cap
    assert sc109.params["value"] == data.index(b"\n", cap) + 1  # the bytes up to that line's end
    # the careful reader alone (every block "not plain") gives the same report
    monkeypatch.setattr(inputs, "_plain_lines", lambda chunk, max_line: None)
    careful = check(str(big), level="L2", limits=limits)
    assert render_string(fast, "json") == render_string(careful, "json")
    # and so do byte ranges, the limit counted from the start of the file
    monkeypatch.undo()
    monkeypatch.setattr(engine, "_MIN_SPLIT_BYTES", 1024)
    split = check(str(big), level="L2", limits=limits, jobs=3)
    assert render_string(split, "json") == render_string(fast, "json")


def test_an_envelope_over_max_ndjson_bytes_stops_at_line_1(big: Path) -> None:
    head = big.read_bytes().split(b"\n", 1)[0]
    report = check(str(big), level="L2", limits=Limits(max_ndjson_bytes=len(head) // 2))
    assert [f.line for f in report.findings if f.code == "SC109"] == [1]
    assert sum(report.entity_counts.values()) == 0


def test_dataset_findings_over_max_findings_are_counted_not_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unresolved references come from a dataset rule at the end of the run: those over
    ``max_findings`` were made into findings and each placed on its line (the line read
    again and searched) before being dropped; 300,000 of them peaked at 417 MB and 22 s
    of CPU, now 222 MB and 9 s, with the same report."""
    from casedata import ENVELOPE, entities

    path = tmp_path / "refs.ndjson"
    dwellings = [
        {"id": f"dw-x{i}", "type": "Dwelling", "building_id": f"b-none-{i}", "unit_number": "1"}
        for i in range(200)
    ]
    rows = [ENVELOPE, *entities(), *dwellings]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    searched: list[int] = []
    real = engine.locate

    def counting(text: str, paths: Any) -> Any:
        searched.append(len(paths))
        return real(text, paths)

    monkeypatch.setattr(engine, "locate", counting)
    report = check(str(path), limits=Limits(max_findings=10))
    listed = [f for f in report.findings if f.code == "SC202"]
    assert len(listed) == 10 and all(f.line and f.column for f in listed)
    [notice] = [f for f in report.findings if f.code == "SC903"]
    assert (notice.params["code"], notice.params["omitted"]) == ("SC202", 190)
    assert report.code_counts["SC202"] == 200
    assert len(searched) <= 10  # only the listed findings' lines are read again
