"""The engine finds the lines its findings name by counting line ends, not line by line.

Contract of ``engine._bounded_lines(fh, wanted, max_line)``: for every wanted
line number that exists, in order, the line as ``readline`` gives it (line end
included) when it fits within ``max_line + 2`` bytes, or its first 64 KiB
(at most what a bounded read would have read) flagged as not whole.
"""

from __future__ import annotations

import io
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from smartstd.conformance import engine
from smartstd.conformance.checker import _SALVAGE_BYTES


def lf_lines(data: bytes) -> list[bytes]:
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def expected(data: bytes, wanted: list[int], max_line: int) -> list[tuple[int, bytes, bool]]:
    lines = lf_lines(data)
    limit = max_line + 2
    out = []
    for n in wanted:
        if n > len(lines):
            break
        raw = lines[n - 1]
        fits = len(raw) <= limit if raw.endswith(b"\n") else len(raw) < limit
        out.append((n, raw, True) if fits else (n, raw[: min(_SALVAGE_BYTES, limit)], False))
    return out


line_text = st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"x"))


@given(
    lines=st.lists(line_text, max_size=60),
    last_newline=st.booleans(),
    wanted=st.sets(st.integers(1, 70), max_size=10),
    max_line=st.integers(0, 45),
    block=st.integers(1, 64),
)
def test_wanted_lines_as_a_line_by_line_read_gives_them(
    lines: list[bytes], last_newline: bool, wanted: set[int], max_line: int, block: int
) -> None:
    data = b"\n".join(lines) + (b"\n" if last_newline and lines else b"")
    order = sorted(wanted)
    with mock.patch.object(engine, "_SCAN_BLOCK", block):
        got = list(engine._bounded_lines(io.BytesIO(data), order, max_line))
    assert got == expected(data, order, max_line)


def test_the_last_line_of_a_long_file_is_found_by_counting() -> None:
    data = b"".join(b'{"n":%d}\n' % i for i in range(100_000))
    fh = io.BytesIO(data)
    calls = 0
    real = fh.readline

    def counting(limit: int = -1) -> bytes:
        nonlocal calls
        calls += 1
        return real(limit)

    fh.readline = counting  # type: ignore[method-assign]
    got = list(engine._bounded_lines(fh, [5, 99_999, 100_000], 1000))
    assert [(n, raw) for n, raw, _ in got] == [
        (5, b'{"n":4}\n'),
        (99_999, b'{"n":99998}\n'),
        (100_000, b'{"n":99999}\n'),
    ]
    assert calls == 3  # one bounded read per wanted line, none for the lines between
