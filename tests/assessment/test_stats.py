"""The statistics against published worked examples, and the bootstrap's determinism."""

from __future__ import annotations

import pytest

from smartstd.assessment.period import parse_period
from smartstd.assessment.stats import bootstrap_diff, median, newcombe, wilson
from smartstd.errors import UsageError


def test_wilson_matches_newcombe_1998_table() -> None:
    # Newcombe (1998), Statistics in Medicine 17:857-872, table I: 81/263 -> 0.2553 .. 0.3662
    lo, hi = wilson(81, 263)  # type: ignore[misc]
    assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662)
    assert wilson(0, 0) is None
    lo, hi = wilson(0, 10)  # type: ignore[misc]
    assert lo == 0.0 and round(hi, 4) == 0.2775


def test_newcombe_matches_the_1998_worked_example() -> None:
    # Newcombe (1998b), Statistics in Medicine 17:873-890, example (a): 56/70 - 48/80,
    # method 10 (hybrid score): 0.0524 .. 0.3339
    lo, hi = newcombe(56, 70, 48, 80)  # type: ignore[misc]
    assert (round(lo, 4), round(hi, 4)) == (0.0524, 0.3339)
    assert newcombe(1, 2, 0, 0) is None


def test_bootstrap_is_seeded_and_sensible() -> None:
    x = [5.0, 4.0, 4.0, 3.0, 5.0, 4.0, 5.0, 2.0]
    y = [3.0, 3.0, 4.0, 2.0, 3.0, 2.0, 3.0, 4.0]
    first = bootstrap_diff(x, y)
    assert first == bootstrap_diff(x, y)  # the same interval every time
    (lo, hi), method = first  # type: ignore[misc]
    assert method == "bootstrap"
    assert lo < 4.0 - 3.0 < hi
    big = [float(i % 5 + 1) for i in range(5000)]
    (lo, hi), method = bootstrap_diff(big, big)  # type: ignore[misc]
    assert method == "normal" and lo < 0 < hi
    assert bootstrap_diff([], y) == (None, "bootstrap")
    assert median([3.0, 1.0, 2.0, 10.0]) == 2.5 and median([]) is None


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026Q2", "2026-04-01", "2026-06-30"),
        ("2024q1", "2024-01-01", "2024-03-31"),
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-04-15..2026-05-01", "2026-04-15", "2026-05-01"),
        ("2026-04-15..", "2026-04-15", "9999-12-31"),
        ("2026-04-15", "2026-04-15", "2026-04-15"),
    ],
)
def test_periods(text: str, first: str, last: str) -> None:
    p = parse_period(text)
    assert (p.first, p.last) == (first, last)


@pytest.mark.parametrize(
    "text", ["2026Q5", "2026-13", "Q2", "2026-06-31..", "2026-05-01..2026-04-01"]
)
def test_bad_periods_say_what(text: str) -> None:
    with pytest.raises(UsageError, match="--period"):
        parse_period(text)
