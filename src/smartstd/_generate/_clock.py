"""Time in the generator: Guangzhou time (+08:00), whole epoch seconds, fast timestamps."""

from __future__ import annotations

import datetime as dt
import random

__all__ = ["DAY", "HOUR", "TZ", "at_hours", "date_of", "iso"]

TZ = dt.timezone(dt.timedelta(hours=8))
HOUR = 3600
DAY = 86400

_DATES: dict[int, str] = {}  # days since the epoch -> "YYYY-MM-DDT" (a few thousand at most)
_HOURS_MINUTES = tuple(f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60))
_SECONDS = tuple(f"{s:02d}+08:00" for s in range(60))


def iso(t: int) -> str:
    """An epoch second as an RFC 3339 timestamp in Guangzhou time.

    The same string as ``datetime.fromtimestamp(t, TZ).isoformat()``, built
    from cached pieces: timestamps are most of the output.
    """
    day, sec = divmod(t + 8 * HOUR, DAY)
    date = _DATES.get(day)
    if date is None:
        date = _DATES[day] = dt.date.fromordinal(719163 + day).isoformat() + "T"
    return f"{date}{_HOURS_MINUTES[sec // 60]}{_SECONDS[sec % 60]}"


def at_hours(t: int, rng: random.Random, lo: int = 9, hi: int = 18) -> int:
    """``t`` moved to a random time between ``lo`` and ``hi`` o'clock (Guangzhou), same day."""
    midnight = t - (t + 8 * HOUR) % DAY
    return midnight + rng.randint(lo * HOUR, hi * HOUR - 1)


def date_of(t: int) -> str:
    """The date (Guangzhou) of an epoch second, ISO 8601."""
    return dt.datetime.fromtimestamp(t, TZ).date().isoformat()
