"""Statistics of the assessment: Wilson and Newcombe intervals, a seeded bootstrap.

* :func:`wilson` - the Wilson score interval of a proportion.
* :func:`newcombe` - Newcombe's hybrid score interval (method 10) of a
  difference of two proportions, built from the two Wilson intervals.
* :func:`bootstrap_diff` - a percentile bootstrap interval of a difference of
  means or medians, with its own seeded generator: the same data give the same
  interval on every machine. Above :data:`BOOTSTRAP_MAX` values in a group the
  resampling would cost seconds without changing the answer, so the interval
  of a difference of means is then the normal (Welch) one, and the report says
  which method it used.

评估所用统计方法：比例的 Wilson 区间、两比例之差的 Newcombe 区间、带固定种子的自助法区间。
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

__all__ = [
    "BOOTSTRAP_MAX",
    "RESAMPLES",
    "SEED",
    "Z95",
    "bootstrap_diff",
    "mean",
    "median",
    "newcombe",
    "wilson",
]

#: The normal quantile of a two-sided 95% interval.
Z95 = 1.959963984540054
#: The bootstrap's seed (the issue's number) and its number of resamples.
SEED = 16
RESAMPLES = 1000
#: The largest group the bootstrap resamples.
BOOTSTRAP_MAX = 2000


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, or ``None`` of nothing."""
    return math.fsum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The median of sorted or unsorted values, or ``None`` of nothing."""
    if not values:
        return None
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2.0


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of ``k`` successes in ``n`` trials, or ``None`` when ``n`` is 0."""
    if n <= 0:
        return None
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def newcombe(
    k1: float, n1: float, k2: float, n2: float, z: float = Z95
) -> tuple[float, float] | None:
    """Newcombe's interval of ``k1/n1 - k2/n2``, or ``None`` when a group is empty."""
    a = wilson(k1, n1, z)
    b = wilson(k2, n2, z)
    if a is None or b is None:
        return None
    p1, p2 = k1 / n1, k2 / n2
    d = p1 - p2
    lower = d - math.sqrt((p1 - a[0]) ** 2 + (b[1] - p2) ** 2)
    upper = d + math.sqrt((a[1] - p1) ** 2 + (p2 - b[0]) ** 2)
    return max(-1.0, lower), min(1.0, upper)


def _welch(x: Sequence[float], y: Sequence[float], z: float) -> tuple[float, float] | None:
    if len(x) < 2 or len(y) < 2:
        return None
    mx, my = math.fsum(x) / len(x), math.fsum(y) / len(y)
    vx = math.fsum((v - mx) ** 2 for v in x) / (len(x) - 1)
    vy = math.fsum((v - my) ** 2 for v in y) / (len(y) - 1)
    se = math.sqrt(vx / len(x) + vy / len(y))
    return mx - my - z * se, mx - my + z * se


def bootstrap_diff(
    x: Sequence[float],
    y: Sequence[float],
    *,
    statistic: str = "mean",
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[tuple[float, float] | None, str]:
    """A 95% interval of ``stat(x) - stat(y)`` and the method used.

    Args:
        x: the first group's values (the pilot's).
        y: the second group's values (the others').
        statistic: ``"mean"`` or ``"median"``.
        resamples: how many bootstrap resamples.
        seed: the generator's seed (deterministic).

    Returns:
        ``(interval, method)``; the method is ``"bootstrap"`` or, for large
        groups of means, ``"normal"``; the interval is ``None`` when a group is
        empty (or a large group's median, which is not bootstrapped).
    """
    if not x or not y:
        return None, "bootstrap"
    if max(len(x), len(y)) > BOOTSTRAP_MAX:
        if statistic == "mean":
            return _welch(x, y, Z95), "normal"
        return None, "none"
    stat = mean if statistic == "mean" else median
    rng = random.Random(seed)
    diffs = []
    xs, ys = list(x), list(y)
    for _ in range(resamples):
        a = stat(rng.choices(xs, k=len(xs)))
        b = stat(rng.choices(ys, k=len(ys)))
        if a is not None and b is not None:
            diffs.append(a - b)
    diffs.sort()
    lo = diffs[int(0.025 * (resamples - 1))]
    hi = diffs[math.ceil(0.975 * (resamples - 1))]
    return (lo, hi), "bootstrap"
