"""Random draws from weighted tables, and fair shares of a total."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

__all__ = ["allocate", "weighted", "weights"]


def weights(rows: Sequence[Sequence[Any]]) -> tuple[tuple[str, float], ...]:
    """A JSON table of ``[key, weight]`` rows as a table for :func:`weighted`."""
    return tuple((str(key), float(weight)) for key, weight in rows)


def weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    """A key of ``table`` drawn with probability proportional to its weight."""
    r = rng.random() * sum(w for _, w in table)
    for key, w in table:
        r -= w
        if r < 0:
            return key
    return table[-1][0]


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), each part at least one if possible."""
    n = len(weights)
    if n == 0:
        return []
    floor_each = 1 if total >= n else 0
    rest = total - floor_each * n
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(n), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [p + floor_each for p in parts]
