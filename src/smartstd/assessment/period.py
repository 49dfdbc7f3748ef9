"""Periods of an assessment: a quarter, a month, a year or a range of days.

``2026Q2``, ``2026-05``, ``2026``, ``2026-04-01..2026-06-30`` (either end may
be left open: ``2026-04-01..``). Days are compared as written in the records
(their local date), as a street office counts them.

评估期：季度、月份、年份或日期区间，按记录中写明的本地日期计算。
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from smartstd._error_messages import Phrase
from smartstd.errors import UsageError

__all__ = ["Period", "parse_period"]

_Q = re.compile(r"^(\d{4})[Qq]([1-4])$")
_M = re.compile(r"^(\d{4})-(\d{2})$")
_Y = re.compile(r"^(\d{4})$")
_D = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Period:
    """A period: first and last day, inclusive (``YYYY-MM-DD``), and how it was written."""

    first: str
    last: str
    label: str

    def intersect(self, other: Period) -> Period:
        """The days both periods hold (may be empty: ``first > last``)."""
        return Period(max(self.first, other.first), min(self.last, other.last), self.label)

    @property
    def empty(self) -> bool:
        """Whether the period holds no day."""
        return self.first > self.last


def _checked(text: str, what: Phrase) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(key="period_bad_date", text=text, what=what) from None
    return text


def parse_period(text: str) -> Period:
    """Parse a period.

    Raises:
        UsageError: saying what forms are understood.
    """
    t = text.strip()
    if m := _Q.match(t):
        y, q = int(m[1]), int(m[2])
        last_month = q * 3
        last = calendar.monthrange(y, last_month)[1]
        return Period(f"{y:04d}-{last_month - 2:02d}-01", f"{y:04d}-{last_month:02d}-{last}", t)
    if m := _M.match(t):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise UsageError(key="period_no_month", text=text, month=mo)
        return Period(
            f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]}", t
        )
    if m := _Y.match(t):
        return Period(f"{m[1]}-01-01", f"{m[1]}-12-31", t)
    if ".." in t:
        a, b = (s.strip() for s in t.split("..", 1))
        if (a and not _D.match(a)) or (b and not _D.match(b)):
            raise UsageError(key="period_bad_range", text=text)
        start = _checked(a, Phrase("开始日期", "start")) if a else "0000-01-01"
        end = _checked(b, Phrase("结束日期", "end")) if b else "9999-12-31"
        if start > end:
            raise UsageError(key="period_reversed", text=text)
        return Period(start, end, t)
    if _D.match(t):
        return Period(_checked(t, Phrase("日期", "day")), t, t)
    raise UsageError(key="period_unknown", text=text)
