from __future__ import annotations

import codecs
import io
import tracemalloc
from collections.abc import Iterator

import pytest

from smartstd.io import Limits, NdjsonLine, iter_ndjson
from smartstd.report import Finding


def only(findings: tuple[Finding, ...], code: str) -> Finding:
    assert [f.code for f in findings] == [code], [f.to_dict() for f in findings]
    return findings[0]


def read(data: bytes, limits: Limits | None = None) -> list[NdjsonLine]:
    stream = io.BytesIO(data)
    return list(iter_ndjson(stream, file="d.ndjson", limits=limits or Limits()))


class _Pieces(io.RawIOBase):
    """A read-only stream made of pieces, some generated lazily (never held whole)."""

    def __init__(self, pieces: list[bytes | tuple[bytes, int]]) -> None:
        self._pieces: Iterator[bytes | tuple[bytes, int]] = iter(pieces)
        self._current = b""
        self._repeat = 0
        self._unit = b""

    def readable(self) -> bool:
        return True

    def _refill(self) -> bool:
        if self._repeat > 0:
            n = min(self._repeat, 1 << 16)
            self._current = self._unit * n
            self._repeat -= n
            return True
        piece = next(self._pieces, None)
        if piece is None:
            return False
        if isinstance(piece, tuple):
            self._unit, self._repeat = piece
            return self._refill()
        self._current = piece
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._current:
            if not self._refill():
                return 0
        n = min(len(buffer), len(self._current))
        buffer[:n] = self._current[:n]
        self._current = self._current[n:]
        return n


def test_lines_are_parsed_with_their_numbers() -> None:
    lines = read(b'{"a": 1}\n{"b": [2]}\n"x"\n')
    assert [(x.lineno, x.value, x.findings) for x in lines] == [
        (1, {"a": 1}, ()),
        (2, {"b": [2]}, ()),
        (3, "x", ()),
    ]
    assert lines[1].text == '{"b": [2]}'


def test_last_line_without_newline() -> None:
    lines = read(b'{"a": 1}\n{"b": 2}')
    assert [x.value for x in lines] == [{"a": 1}, {"b": 2}]


def test_a_50_mb_line_is_skipped_in_bounded_memory_and_reading_goes_on() -> None:
    size = 50 * 1024 * 1024
    raw = _Pieces([b'{"id": "r-1"}\n{"blob": "', (b"x", size), b'"}\n', b'{"id": "r-3"}\n'])
    stream = io.BufferedReader(raw, buffer_size=1 << 16)
    limits = Limits(max_line_bytes=64 * 1024)
    tracemalloc.start()
    try:
        lines = list(iter_ndjson(stream, file="big.ndjson", limits=limits))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak
    assert [x.lineno for x in lines] == [1, 2, 3]
    assert lines[0].value == {"id": "r-1"}
    f = only(lines[1].findings, "SC109")
    assert f.params == {"limit": "max_line_bytes", "value": size + 12, "maximum": 64 * 1024}
    assert (f.file, f.line, f.column) == ("big.ndjson", 2, 1)
    assert lines[1].value is None
    assert lines[1].text == ""
    assert lines[2].value == {"id": "r-3"}
    assert lines[2].findings == ()


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n"])
def test_line_exactly_at_the_limit_is_fine(line_end: bytes) -> None:
    content = b'"' + b"y" * 98 + b'"'
    lines = read(content + line_end + content + b"z" + line_end, Limits(max_line_bytes=100))
    assert lines[0].findings == ()
    assert only(lines[1].findings, "SC109").params["value"] == 101


def test_max_ndjson_bytes_stops_reading() -> None:
    data = b'{"a": 1}\n' * 10
    lines = read(data, Limits(max_ndjson_bytes=30))
    assert [x.value for x in lines[:3]] == [{"a": 1}] * 3
    f = only(lines[-1].findings, "SC109")
    assert f.params == {"limit": "max_ndjson_bytes", "value": 36, "maximum": 30}
    assert f.line == 4


def test_utf8_bom_on_line_one_is_accepted() -> None:
    lines = read(codecs.BOM_UTF8 + b'{"a": x}\n')
    f = only(lines[0].findings, "SC100")
    assert (f.line, f.column) == (1, 7)  # the BOM is not a column


def test_utf16_file_is_sc101_once_and_reading_stops() -> None:
    data = '{"a": 1}\n{"a": 2}\n'.encode("utf-16")
    lines = read(data)
    assert len(lines) == 1
    f = only(lines[0].findings, "SC101")
    assert f.params["encoding"] == "utf-16"


def test_bad_bytes_on_one_line_do_not_stop_the_others() -> None:
    data = b'{"a": 1}\n' + '{"名称": "幸福里"}'.encode("gb18030") + b'\n{"a": 3}\n'
    lines = read(data)
    assert [x.value for x in lines] == [{"a": 1}, None, {"a": 3}]
    f = only(lines[1].findings, "SC101")
    assert (f.line, f.column) == (2, 3)
    assert f.params["encoding_guess"] == "gb18030"


def test_blank_line_in_the_middle_is_sc100() -> None:
    lines = read(b'{"a": 1}\n\n{"a": 2}\n   \n{"a": 3}\n')
    assert [x.lineno for x in lines] == [1, 2, 3, 4, 5]
    for blank in (lines[1], lines[3]):
        f = only(blank.findings, "SC100")
        assert f.params["reason"] == "blank-line"
        assert (f.line, f.column) == (blank.lineno, 1)
        assert blank.value is None


@pytest.mark.parametrize("tail", [b"\n", b"\n\n", b"\r\n\r\n", b"\n  "])
def test_final_newline_and_final_empty_line_are_fine(tail: bytes) -> None:
    lines = read(b'{"a": 1}\n{"a": 2}' + tail)
    assert [(x.value, x.findings) for x in lines] == [({"a": 1}, ()), ({"a": 2}, ())]


def test_two_blank_lines_at_the_end_report_the_first() -> None:
    lines = read(b'{"a": 1}\n\n\n')
    assert [x.lineno for x in lines] == [1, 2]
    assert only(lines[1].findings, "SC100").params["reason"] == "blank-line"


def test_crlf_lines_have_correct_columns() -> None:
    lines = read(b'{"a": 1}\r\n{"a": 2, "a": 3}\r\n{"b": ?}\r\n')
    assert lines[0].text == '{"a": 1}'
    dup = only(lines[1].findings, "SC102")
    assert (dup.line, dup.column) == (2, 10)
    bad = only(lines[2].findings, "SC100")
    assert (bad.line, bad.column) == (3, 7)


def test_json_errors_carry_the_file_line_and_column() -> None:
    lines = read(b'{"a": 1}\n{"a": 1,\n{"x": NaN}\n')
    f = only(lines[1].findings, "SC100")
    assert (f.file, f.line, f.column) == ("d.ndjson", 2, 9)
    nan = only(lines[2].findings, "SC100")
    assert nan.params["reason"] == "nan"
    assert (nan.line, nan.column, nan.pointer) == (3, 7, "/x")


def test_deeply_nested_line_is_sc109() -> None:
    lines = read(b"[" * 100_000 + b"]" * 100_000 + b'\n{"ok": true}\n')
    assert only(lines[0].findings, "SC109").params["limit"] == "max_depth"
    assert lines[1].value == {"ok": True}


def test_empty_stream_yields_nothing() -> None:
    assert read(b"") == []


def test_ndjson_has_no_size_limit_by_default() -> None:
    # NDJSON is streamed: the document limit (read whole) does not apply to it
    data = b'{"a": 1}\n' * 10
    lines = read(data, Limits(max_file_bytes=30))
    assert len(lines) == 10
    assert all(not x.findings for x in lines)
    assert Limits().max_ndjson_bytes is None
