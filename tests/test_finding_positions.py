"""The engine places dataset-rule findings by line number: lines are skipped, never misnumbered."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from typing import Any

import pytest

from smartstd.conformance import engine
from smartstd.conformance.engine import _lines_at
from smartstd.io.ndjson import read_line


def _every_line(fh: Any, max_line: int) -> Iterator[tuple[int, bytes, bool]]:
    """The engine's former reader: every line one by one (the oracle)."""
    lineno = 0
    while True:
        start = fh.tell()
        raw, size, _ = read_line(fh.readline, max_line + 2)
        if not size:
            return
        lineno += 1
        if raw is not None:
            yield lineno, raw, True
            continue
        end = fh.tell()
        fh.seek(start)
        head = fh.read(min(engine._SALVAGE_BYTES, size))
        fh.seek(end)
        while True:
            piece = fh.readline(1 << 20)
            if not piece or piece.endswith(b"\n"):
                break
        yield lineno, head, False


def _expected(data: bytes, wanted: list[int], max_line: int) -> list[tuple[int, bytes, bool]]:
    keep = set(wanted)
    return [x for x in _every_line(io.BytesIO(data), max_line) if x[0] in keep]


@pytest.mark.parametrize("seed", range(12))
def test_lines_at_gives_the_lines_reading_them_all_would(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small blocks and a small threshold: block edges and both ways of skipping are crossed
    monkeypatch.setattr(engine, "_SKIP_BLOCK", 64)
    monkeypatch.setattr(engine, "_SKIP_LINES", 3)
    rng = random.Random(seed)
    lines = []
    for i in range(400):
        kind = rng.random()
        if kind < 0.05:
            lines.append(b"x" * rng.randint(200, 700))  # over the limit below
        elif kind < 0.1:
            lines.append(b"")  # blank
        elif kind < 0.15:
            lines.append(b'{"id": "r%d"}\r' % i)  # CRLF
        else:
            lines.append(b'{"id": "r%d", "n": "%s"}' % (i, b"y" * rng.randint(0, 90)))
    data = b"\n".join(lines) + (b"\n" if seed % 2 else b"")
    wanted = sorted(rng.sample(range(1, 420), rng.randint(1, 60)))
    if seed % 3 == 0:
        wanted = sorted({*wanted, 1, 2, 3, 398, 399, 400})
    max_line = 150
    got = list(_lines_at(io.BufferedReader(io.BytesIO(data)), wanted, max_line))
    assert got == _expected(data, wanted, max_line)


def test_lines_at_with_the_real_block_size() -> None:
    data = b"".join(b'{"id": "obs-%07d"}\n' % i for i in range(200_000))
    got = list(_lines_at(io.BytesIO(data), [5, 70_000, 199_999, 200_000, 200_001], 1000))
    assert got == [
        (5, b'{"id": "obs-0000004"}\n', True),
        (70_000, b'{"id": "obs-0069999"}\n', True),
        (199_999, b'{"id": "obs-0199998"}\n', True),
        (200_000, b'{"id": "obs-0199999"}\n', True),
    ]
