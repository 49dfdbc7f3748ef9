"""``iter_ndjson_batches`` reads what ``iter_ndjson_records(lazy=True)`` reads, faster.

Contract: for any file, the (line, text) of the records and the findings
(code, line, reason) are the same as the careful reader's alone; line 1 (the
envelope) is never a record. Byte ranges from the engine's ``_split`` give
together what the whole file gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartstd.conformance import inputs
from smartstd.conformance.checker import _split
from smartstd.conformance.inputs import Batch, Record, iter_ndjson_batches, iter_ndjson_records
from smartstd.io import Limits
from smartstd.report import Finding

ENVELOPE = (
    b'{"standard":"SCDS","standard_version": "1.1.0","dataset_id":"x","publisher_id":"p",'
    b'"generated_at":"2026-01-01T00:00:00+08:00","classification":"public"}'
)

Item = tuple[Any, ...]


def flatten(items: Iterable[Any], limits: Limits) -> list[Item]:
    """Records as ("record", line, text); findings as ("finding", code, line, reason).

    Checks on the way what a batch promises: its data is its lines joined,
    every line plain (a ``{`` first, UTF-8, no carriage return, within the limit).
    """
    out: list[Item] = []
    for item in items:
        if isinstance(item, Batch):
            assert item.lines, "an empty batch"
            assert item.data in (b"\n".join(item.lines), b"\n".join(item.lines) + b"\n")
            for i, line in enumerate(item.lines):
                assert line.startswith(b"{"), line
                assert b"\r" not in line and b"\n" not in line
                assert len(line) <= limits.max_line_bytes
                out.append(("record", item.first_line + i, line.decode("utf-8")))
        elif isinstance(item, Record):
            assert item.raw is None  # lazy: the caller parses
            assert item.where.line is not None
            out.append(("record", item.where.line, item.text))
        else:
            assert isinstance(item, Finding), item
            out.append(("finding", item.code, item.line, item.params.get("reason")))
    return out


def careful(
    path: Path, limits: Limits, start: int = 0, end: int | None = None, line: int = 1
) -> list[Item]:
    return flatten(iter_ndjson_records(str(path), limits, start, end, line, lazy=True), limits)


def batched(
    path: Path, limits: Limits, start: int = 0, end: int | None = None, line: int = 1
) -> list[Item]:
    return flatten(iter_ndjson_batches(str(path), limits, start, end, line), limits)


def ranges_together(path: Path, limits: Limits, parts: int, reader: Any) -> list[Item]:
    out: list[Item] = []
    for start, end, line in _split(str(path), parts):
        out.extend(reader(path, limits, start, end, line))
    return out


def rec(n: int, pad: int = 0, text: str = "") -> bytes:
    note = text + "x" * pad
    return f'{{"id":"r-{n}","type":"Observation","value":{n},"note":"{note}"}}'.encode()


def file_of(
    tmp_path: Path, name: str, lines: list[bytes], end: bytes = b"\n", last_end: bool = True
) -> Path:
    path = tmp_path / f"{name}.ndjson"
    data = end.join(lines) + (end if last_end else b"")
    path.write_bytes(data)
    return path


PLAIN = [ENVELOPE] + [rec(i, pad=(i * 7) % 23) for i in range(2, 40)]
UNICODE = [ENVELOPE] + [rec(i, pad=i % 5, text="钟村社区" * (i % 3)) for i in range(2, 40)]


def _with(lines: list[bytes], index: int, line: bytes) -> list[bytes]:
    out = list(lines)
    out[index] = line
    return out


LIMIT = Limits(max_line_bytes=len(ENVELOPE) + 10)

#: name -> (lines, line end, last line end, limits)
FILES: dict[str, tuple[list[bytes], bytes, bool, Limits]] = {
    "plain": (PLAIN, b"\n", True, Limits()),
    "unicode": (UNICODE, b"\n", True, Limits()),
    "blank-middle": (_with(PLAIN, 17, b""), b"\n", True, Limits()),
    "blank-second": (_with(PLAIN, 1, b""), b"\n", True, Limits()),
    "blank-last": ([*PLAIN, b""], b"\n", True, Limits()),
    "blank-lines-at-end": ([*PLAIN, b"", b""], b"\n", True, Limits()),
    "whitespace-line": (_with(PLAIN, 20, b"  \t "), b"\n", True, Limits()),
    "space-line": (_with(PLAIN, 9, b" "), b"\n", True, Limits()),
    "crlf-all": (PLAIN, b"\r\n", True, Limits()),
    "crlf-one": (_with(PLAIN, 12, rec(12) + b"\r"), b"\n", True, Limits()),
    "cr-in-line": (_with(PLAIN, 12, rec(12)[:-1] + b"\r}"), b"\n", True, Limits()),
    "array-line": (_with(PLAIN, 8, b"[1]"), b"\n", True, Limits()),
    "leading-space": (_with(PLAIN, 8, b' {"a":1}'), b"\n", True, Limits()),
    "close-brace": (_with(PLAIN, 30, b"}{"), b"\n", True, Limits()),
    "tilde": (_with(PLAIN, 30, b"~"), b"\n", True, Limits()),
    # lines that the careful reader would read differently as the first line of a
    # file: with BATCH_BYTES 50 the fallback starts at line 2, before them
    "bom-line": (_with(PLAIN, 6, b"\xef\xbb\xbf" + rec(6)), b"\n", True, Limits()),
    "non-ascii-first": (_with(PLAIN, 6, "é".encode() + rec(6)), b"\n", True, Limits()),
    "bad-json": (_with(PLAIN, 6, b'{"a":'), b"\n", True, Limits()),
    "invalid-utf8-line5": (_with(PLAIN, 4, rec(5)[:-2] + b'\xff\xfe"}'), b"\n", True, Limits()),
    "invalid-utf8-first": (_with(PLAIN, 4, b"\xff" + rec(5)), b"\n", True, Limits()),
    "gb18030-line": (
        _with(PLAIN, 4, rec(5, text="钟村").decode().encode("gb18030")),
        b"\n",
        True,
        Limits(),
    ),
    "no-final-newline": (PLAIN, b"\n", False, Limits()),
    "no-final-newline-crlf": (PLAIN, b"\r\n", False, Limits()),
    "no-final-newline-cr": ([*PLAIN[:-1], PLAIN[-1] + b"\r"], b"\n", False, Limits()),
    "only-envelope": ([ENVELOPE], b"\n", True, Limits()),
    "only-envelope-no-newline": ([ENVELOPE], b"\n", False, Limits()),
    "envelope-and-blank": ([ENVELOPE, b""], b"\n", True, Limits()),
    "long-line": (_with(PLAIN, 10, rec(10, pad=300)), b"\n", True, Limits(max_line_bytes=200)),
    "lines-at-the-limit": (
        [ENVELOPE]
        + [
            rec(i, pad=LIMIT.max_line_bytes - len(rec(i)) + d)
            for i, d in zip(range(2, 12), [0, 1, 2, -1, 0, 1, 0, 3, 0, 0], strict=True)
        ],
        b"\n",
        True,
        LIMIT,
    ),
    "last-line-over-limit-no-newline": (
        [ENVELOPE, rec(2), rec(3, pad=LIMIT.max_line_bytes - len(rec(3)) + 1)],
        b"\n",
        False,
        LIMIT,
    ),
    "last-line-far-over-limit-no-newline": (
        [ENVELOPE, rec(2), rec(3, pad=LIMIT.max_line_bytes - len(rec(3)) + 5)],
        b"\n",
        False,
        LIMIT,
    ),
    "small-limit-40": (PLAIN, b"\n", True, Limits(max_line_bytes=40)),
    "everything": (
        [
            ENVELOPE,
            rec(2),
            rec(3),
            b"",
            rec(5),
            b"  ",
            rec(7) + b"\r",
            rec(8),
            b"[1]",
            b' {"a":1}',
            rec(11)[:-2] + b'\xff"}',
            rec(12, pad=400),
            rec(13),
            rec(14, pad=5),
            rec(15),
        ],
        b"\n",
        False,
        Limits(max_line_bytes=300),
    ),
}

# max_ndjson_bytes inside line 20, at its very end, and inside the envelope
_UP_TO_20 = len(b"\n".join(PLAIN[:20])) + 1
FILES["cap-inside-a-line"] = (PLAIN, b"\n", True, Limits(max_ndjson_bytes=_UP_TO_20 - 9))
FILES["cap-at-a-line-end"] = (PLAIN, b"\n", True, Limits(max_ndjson_bytes=_UP_TO_20))
FILES["cap-in-the-envelope"] = (PLAIN, b"\n", True, Limits(max_ndjson_bytes=40))
FILES["cap-and-problems"] = (
    FILES["everything"][0],
    b"\n",
    False,
    Limits(max_line_bytes=300, max_ndjson_bytes=1500),
)

BATCH_SIZES = [50, 97, 200, 1 << 20]
#: lines of 50 bytes or more never fit a 50-byte block: the fallback starts at line 2
_FIRST_LINE_SENSITIVE = {"bom-line", "non-ascii-first"}
CASES = [
    (name, size)
    for name in sorted(FILES)
    for size in BATCH_SIZES
    if name not in _FIRST_LINE_SENSITIVE or size == 50
]


@pytest.mark.parametrize(("name", "batch_bytes"), CASES)
def test_batches_read_what_the_careful_reader_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, batch_bytes: int
) -> None:
    lines, end, last_end, limits = FILES[name]
    path = file_of(tmp_path, name, lines, end, last_end)
    monkeypatch.setattr(inputs, "BATCH_BYTES", batch_bytes)
    expected = careful(path, limits)
    got = batched(path, limits)
    assert got == expected
    # line 1, the envelope, is never a record
    assert all(item[1] != 1 for item in got if item[0] == "record")
    assert len([i for i in got if i[0] == "record"]) <= len(lines) - 1


def test_plain_file_is_read_in_batches_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = file_of(tmp_path, "plain", PLAIN)
    for size in (97, 200, 1 << 20):
        monkeypatch.setattr(inputs, "BATCH_BYTES", size)
        items = list(iter_ndjson_batches(str(path), Limits()))
        batches = [i for i in items if isinstance(i, Batch)]
        assert batches and len(batches) == len(items)
        firsts = [b.first_line for b in batches]
        assert firsts[0] == 2 and firsts == sorted(set(firsts))
        assert sum(len(b.lines) for b in batches) == len(PLAIN) - 1
        if size == 1 << 20:
            assert len(batches) == 1
        else:
            assert len(batches) > 5
        assert batched(path, Limits()) == [
            ("record", n + 1, line.decode()) for n, line in enumerate(PLAIN) if n
        ]


def _batch_bytes_for_fallback_at(path: Path, line: int, limits: Limits) -> int:
    """A BATCH_BYTES with which lines 2 to ``line - 1`` come in batches and ``line`` does not."""
    for size in range(1, 600):
        with mock.patch.object(inputs, "BATCH_BYTES", size):
            items = list(iter_ndjson_batches(str(path), limits))
        covered = {
            b.first_line + i for b in items if isinstance(b, Batch) for i in range(len(b.lines))
        }
        if covered and min(n for n in range(2, line + 2) if n not in covered) == line:
            return size
    raise AssertionError(f"no block size makes the careful reader start at line {line}")


def test_the_careful_reader_takes_the_block_of_a_problem_and_the_batches_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _with(PLAIN, 29, b"")  # line 30 is blank
    path = file_of(tmp_path, "late-blank", lines)
    size = _batch_bytes_for_fallback_at(path, 29, Limits())
    monkeypatch.setattr(inputs, "BATCH_BYTES", size)
    items = list(iter_ndjson_batches(str(path), Limits()))
    kinds = [isinstance(item, Batch) for item in items]
    first_other = kinds.index(False)
    assert all(kinds[:first_other]) and any(kinds[first_other:])  # batches again after it
    careful_lines = [
        item.where.line if isinstance(item, Record) else item.line
        for item in items
        if not isinstance(item, Batch)
    ]
    assert max(careful_lines) - min(careful_lines) < 5  # one block, not the rest of the file
    assert ("finding", "SC100", 30, "blank-line") in batched(path, Limits())
    assert batched(path, Limits()) == careful(path, Limits())


#: Lines that the careful reader reads differently when they are the first of
#: the bytes it is given (it takes them for line 1 of a file: it looks for a
#: byte order mark or UTF-16, and parses line 1 even when lazy).
FIRST_OF_BLOCK = {
    "plain": rec(7),
    "array": b"[1]",
    "leading-space": b' {"a":1}',
    "bom": b"\xef\xbb\xbf" + rec(7),
    "non-ascii-first": "é".encode() + rec(7),
    "duplicate-key": b'{"id":"r-7","id":"r-7","type":"Observation"}',
    "nan": b'{"id":"r-7","type":"Observation","value":NaN}',
    "truncated": b'{"id":"r-7",',
    "utf16-bom": b'\xff\xfe{"id":"r-7"}',
}


@pytest.mark.parametrize("kind", sorted(FIRST_OF_BLOCK))
def test_first_line_of_a_fallback_block_is_read_like_any_other_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Line 7 starts the block the careful reader takes (line 8 is blank).

    ``iter_ndjson_batches`` hands that block to
    ``iter_ndjson_records(file, limits, pos, end, line)``, which reads from
    ``pos`` as if it were the start of a file: line 7 loses its byte order
    mark, is parsed although the reader is lazy (a duplicate key or NaN turns
    the record into a finding only), and ``\\xff\\xfe`` there is taken for
    UTF-16, after which nothing more of the file is read.
    """
    line = FIRST_OF_BLOCK[kind]
    lines = _with(_with(PLAIN, 6, line), 7, b"")
    path = file_of(tmp_path, kind, lines)
    size = _batch_bytes_for_fallback_at(path, 7, Limits())
    monkeypatch.setattr(inputs, "BATCH_BYTES", size)
    expected = careful(path, Limits())
    assert ("finding", "SC100", 8, "blank-line") in expected
    assert len([i for i in expected if i[0] == "record"]) >= len(PLAIN) - 3
    assert batched(path, Limits()) == expected


@pytest.mark.parametrize("parts", [2, 3, 4, 5, 7, 8])
@pytest.mark.parametrize("batch_bytes", [64, 1 << 20])
@pytest.mark.parametrize(
    "name",
    [
        "plain",
        "unicode",
        "crlf-all",
        "array-line",
        "invalid-utf8-line5",
        "long-line",
        "no-final-newline",
        "blank-last",
        "only-envelope",
        "lines-at-the-limit",
        "everything",
        "cap-inside-a-line",
        "cap-at-a-line-end",
        "cap-in-the-envelope",
        "cap-and-problems",
    ],
)
def test_split_ranges_together_read_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, batch_bytes: int, parts: int
) -> None:
    lines, end, last_end, limits = FILES[name]
    path = file_of(tmp_path, name, lines, end, last_end)
    monkeypatch.setattr(inputs, "BATCH_BYTES", batch_bytes)
    whole = careful(path, limits)
    assert ranges_together(path, limits, parts, batched) == whole
    assert ranges_together(path, limits, parts, careful) == whole


def test_blank_line_before_a_range_boundary_is_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blank line that ends a range is not the last line of the file.

    The careful reader holds a blank line back until it sees another line (a
    blank last line is no finding); at the end of a range it drops it, so a
    split check loses the SC100 ``blank-line`` finding that a whole check has.
    """
    lines = _with(PLAIN, 19, b"")  # line 20 is blank
    path = file_of(tmp_path, "blank20", lines)
    data = path.read_bytes()
    after_blank = len(b"\n".join(lines[:20])) + 1  # the start of line 21
    assert data[after_blank - 2 : after_blank] == b"\n\n"
    parts = next(
        p for p in range(2, 200) if any(s == after_blank for s, _, _ in _split(str(path), p))
    )
    whole = careful(path, Limits())
    assert ("finding", "SC100", 20, "blank-line") in whole
    monkeypatch.setattr(inputs, "BATCH_BYTES", 1 << 20)
    assert ranges_together(path, Limits(), parts, batched) == whole


def test_last_line_one_byte_over_the_limit_without_line_end_is_reported(tmp_path: Path) -> None:
    """``max_line_bytes`` holds for the last line too, with or without its line end."""
    limits = LIMIT
    over = rec(3, pad=limits.max_line_bytes - len(rec(3)) + 1)
    assert len(over) == limits.max_line_bytes + 1
    with_end = careful(file_of(tmp_path, "with-end", [ENVELOPE, rec(2), over]), limits)
    assert ("finding", "SC109", 3, None) in with_end
    without = careful(
        file_of(tmp_path, "without", [ENVELOPE, rec(2), over], last_end=False), limits
    )
    assert without == with_end


def test_line_one_problems_are_the_envelopes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batches leave line 1 to ``open_document``; the engine drops line 1's findings.

    The careful reader parses line 1 and yields its findings; apart from them
    the two readers agree.
    """
    path = file_of(tmp_path, "bad-envelope", [b'{"standard":', *PLAIN[1:]])
    monkeypatch.setattr(inputs, "BATCH_BYTES", 97)
    expected = careful(path, Limits())
    got = batched(path, Limits())
    assert any(item[0] == "finding" and item[2] == 1 for item in expected)
    assert got == [item for item in expected if not (item[0] == "finding" and item[2] == 1)]


# --------------------------------------------------------------------------- property

#: Lines of every kind that the careful reader reads alike at the start of a
#: file and later (see test_first_line_of_a_fallback_block_is_read_like_any_other_line
#: for those it does not: a byte order mark, UTF-16, invalid JSON, duplicates).
_LINES = st.one_of(
    st.integers(min_value=2, max_value=999).map(rec),
    st.integers(min_value=0, max_value=120).map(lambda n: rec(7, pad=n)),
    st.integers(min_value=0, max_value=6).map(lambda n: rec(8, text="社区" * n)),
    st.sampled_from(
        [
            b"",
            b" ",
            b"\t",
            b"\r",
            b" \r",
            b"[1]",
            b' {"a":1}',
            b"{}",
            b"\xff{}",
            b'{"a":"\xff"}',
            b'{"a":"\xe9"}',
            b'{"a":1}\r',
            b'{"a":1} ',
            b'{"a":"\r"}',
            b"null",
            b"1",
            '{"a":"\u2028"}'.encode(),
            '{"a":"钟村"}'.encode(),
        ]
    ),
)
_PLAIN_LINES = st.one_of(
    st.integers(min_value=2, max_value=999).map(rec),
    st.integers(min_value=0, max_value=120).map(lambda n: rec(7, pad=n)),
    st.integers(min_value=0, max_value=6).map(lambda n: rec(8, text="社区" * n)),
    st.sampled_from([b"[1]", b'{"a":1}\r', b"\xff{}", b"{}", b' {"a":1}']),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batches")


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(_LINES, max_size=25),
    end=st.sampled_from([b"\n", b"\r\n"]),
    last_end=st.booleans(),
    batch_bytes=st.integers(min_value=1, max_value=400),
    max_line=st.sampled_from([len(ENVELOPE) + 2, 200, 1 << 20]),
)
def test_property_batches_equal_careful_reader(
    scratch: Path,
    lines: list[bytes],
    end: bytes,
    last_end: bool,
    batch_bytes: int,
    max_line: int,
) -> None:
    limits = Limits(max_line_bytes=max_line)
    path = file_of(scratch, "prop", [ENVELOPE, *lines], end, last_end)
    with mock.patch.object(inputs, "BATCH_BYTES", batch_bytes):
        assert batched(path, limits) == careful(path, limits)


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(_PLAIN_LINES, min_size=1, max_size=25),
    last_end=st.booleans(),
    batch_bytes=st.integers(min_value=1, max_value=400),
    parts=st.integers(min_value=2, max_value=9),
)
def test_property_split_ranges_equal_whole_file(
    scratch: Path, lines: list[bytes], last_end: bool, batch_bytes: int, parts: int
) -> None:
    # no blank line here: see test_blank_line_before_a_range_boundary_is_still_reported
    limits = Limits(max_line_bytes=200)
    path = file_of(scratch, "prop-split", [ENVELOPE, *lines], b"\n", last_end)
    whole = careful(path, limits)
    with mock.patch.object(inputs, "BATCH_BYTES", batch_bytes):
        assert ranges_together(path, limits, parts, batched) == whole
