"""Reading single source values: times, dates, numbers, yes/no and code labels.

Each reader returns the standard's value and, when it had to interpret, a
note of how (a Chinese date read as ISO, an offset assumed), so that the
converter can say so; a value it cannot read raises ``ValueError`` with what
was expected.

单个来源值的读取：时间、日期、数字、是否、代码名称；需要解释时返回说明。
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from smartstd._numbers import finite_number as finite_number  # for every reader
from smartstd.pointer import leaves
from smartstd.standard._base import DATE_PATTERN, TIMESTAMP_PATTERN
from smartstd.standard.codes import CODE_LISTS

__all__ = [
    "boolean",
    "code",
    "date",
    "excel_serial",
    "is_timestamp",
    "number",
    "suggest",
    "timestamp",
]

_TS = re.compile(TIMESTAMP_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_CN_DATE = re.compile(
    r"^\s*(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T ]?\s*(上午|下午|AM|PM)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})"
    r"\s*(?:[:：分]\s*(\d{1,2})\s*秒?)?\s*分?\s*(AM|PM)?)?\s*$",
    re.IGNORECASE,
)
# yyyyMMddHHmmss and yyyyMMdd, as many a Chinese government system writes times
_COMPACT = re.compile(r"^\s*(\d{4})(\d\d)(\d\d)(?:(\d\d)(\d\d)(\d\d))?\s*$")
_SHORT_OFFSET = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?)([+-]\d\d)(\d\d)?$")
# a clock without seconds, or a space for the T, with its offset: the same time, written fully
_SHORT_CLOCK = re.compile(
    r"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(:\d\d(?:\.\d{1,9})?)?\s?(Z|[+-]\d\d:\d\d)$"
)
_NAIVE = re.compile(r"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)$")
_SPACE = re.compile(r"\s+")
_TRUE = frozenset({"true", "yes", "y", "1", "是", "有", "√", "✓", "对"})
_FALSE = frozenset({"false", "no", "n", "0", "否", "无", "×", "✗", "错"})


def is_timestamp(value: object) -> bool:
    """Whether ``value`` is an RFC 3339 timestamp as the standard writes one (with its offset)."""
    return isinstance(value, str) and _TS.match(value) is not None


def timestamp(value: object, offset: str) -> tuple[str, str | None]:
    """An RFC 3339 timestamp and how it was read (``None``: as written).

    Notes: ``"offset"`` (no offset: ``offset`` assumed), ``"chinese"`` (a
    Chinese or slashed date, also given ``offset``).
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat() + offset, "offset"
        return value.isoformat(), None
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00{offset}", "offset"
    text = str(value).strip()
    if _TS.match(text):
        return text, None
    m = _SHORT_OFFSET.match(text)  # +0800 (Java's Z pattern), +08: the same time, written fully
    if m and _TS.match(f"{m.group(1)}{m.group(2)}:{m.group(3) or '00'}"):
        return f"{m.group(1)}{m.group(2)}:{m.group(3) or '00'}", None
    m = _SHORT_CLOCK.match(text)
    if m and _TS.match(f"{m.group(1)}T{m.group(2)}{m.group(3) or ':00'}{m.group(4)}"):
        return f"{m.group(1)}T{m.group(2)}{m.group(3) or ':00'}{m.group(4)}", None
    m = _NAIVE.match(text)
    if m:
        clock = m.group(2) if m.group(2).count(":") == 2 else m.group(2) + ":00"
        out = f"{m.group(1)}T{clock}{offset}"
        if _TS.match(out):
            return out, "offset"
    m = _CN_DATE.match(text)
    if m:
        y, mo, d, before, h, mi, s, after = m.groups()
        hour = _twelve_hour(int(h or 0), before or after)
        try:
            when = dt.datetime(int(y), int(mo), int(d), hour, int(mi or 0), int(s or 0))
        except ValueError:
            raise ValueError("a real date and time") from None
        return when.isoformat() + offset, "chinese"
    m = _COMPACT.match(text)
    if m:
        try:
            y, mo, d, h, mi, s = (int(g or 0) for g in m.groups())
            when = dt.datetime(y, mo, d, h, mi, s)
        except ValueError:
            raise ValueError("a real date and time") from None
        return when.isoformat() + offset, "chinese"
    raise ValueError("a date and time, e.g. 2026-05-01T09:30:00+08:00 or 2026年5月1日 9:30")


def _twelve_hour(hour: int, half: str | None) -> int:
    """The hour of a 12-hour clock (上午/下午, AM/PM) on the 24-hour one (99: no such hour)."""
    if half is None:
        return hour
    if not 1 <= hour <= 12:
        return 99  # 下午 13:05 is no time: said as not a real date and time
    pm = half.upper() in ("下午", "PM")
    return hour % 12 + (12 if pm else 0)


_SERIAL_TEXT = re.compile(r"^\s*\d{5}(?:\.\d+)?\s*$")
#: Excel's day 0 (serial numbers count days from it; 1900 date system, leap-year bug included).
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def excel_serial(value: object) -> dt.datetime | None:
    """The time an Excel serial date number stands for (``46143.5``: 2026-05-01 12:00), or ``None``.

    Only numbers from 20000 to 80000 (1954 to 2119) are taken as dates: a
    date cell formatted as *General* or *Number*, or written so to CSV. The
    result has no offset (Excel stores local time).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not _SERIAL_TEXT.match(value):
            return None
        value = float(value)
    if not isinstance(value, (int, float)) or not 20000 <= value <= 80000:
        return None
    return _EXCEL_EPOCH + dt.timedelta(seconds=round(float(value) * 86400))


def date(value: object) -> tuple[str, str | None]:
    """An ISO 8601 date and how it was read (``None``: as written, ``"chinese"``)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    if _DATE.match(text):
        return text, None
    m = _CN_DATE.match(text) or _COMPACT.match(text)
    if m and m.group(5 if m.re is _CN_DATE else 4) is None:
        y, mo, d = (int(x) for x in m.groups()[:3])
        try:
            return dt.date(y, mo, d).isoformat(), "chinese"
        except ValueError:
            raise ValueError("a real date") from None
    raise ValueError("a date, e.g. 2026-05-01 or 2026年5月1日")


_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―－_·.]+")


def identifier(field: str, value: object) -> str | None:
    """An identifier written another way, as the standard writes it; ``None`` if not one.

    A unified social credit code (``credit_code``), a division code
    (``division_code``) or a statistical code (``statistical_code``)
    written with full-width characters (``９１４４…``), spaces or hyphens
    between groups (``9144 0101 MA59 TQX3 83``), or in lower case, is read
    as its canonical form, but only when that form is a valid code (the
    credit code's check character included): anything else is left for the
    check to report.
    """
    import unicodedata

    from smartstd.identifiers import credit_code_problem, division_code_problem

    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value)
    tidy = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if tidy == text or not tidy.isascii():
        return None
    if field == "credit_code":
        ok = credit_code_problem(tidy) is None
    elif field == "division_code":
        ok = division_code_problem(tidy) is None
    else:
        ok = field == "statistical_code" and re.fullmatch(r"[0-9]{12}", tidy) is not None
    return tidy if ok else None


def preview(value: object) -> str:
    """A value as short text for a message (at most 60 characters)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


#: Thousands grouped by commas (``1,234``, ``12,345.5``), the only commas a number may hold.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$")
#: What a number written with a decimal comma (``37,76``) should have been.
DECIMAL_COMMA = (
    "a number with a decimal point (37.76), not a decimal comma; "
    "commas only group thousands (1,234)"
)


def number(value: object, integer: bool) -> int | float:
    """A number from a cell or text (``1,234``, ``12.0``); integers must be whole."""
    if isinstance(value, bool):
        raise ValueError("a number")
    if isinstance(value, (int, float)):
        num: int | float = value
    else:
        text = str(value).strip()
        if ("," in text or "，" in text) and not _GROUPED.match(text):
            # "37,76" is no 3776: a decimal comma is said, never read as thousands
            decimal = re.fullmatch(r"[+-]?\d+[,，]\d+", text) is not None
            raise ValueError(DECIMAL_COMMA if decimal else "a number")
        text = text.replace(",", "").replace("，", "")
        try:
            num = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise ValueError("a whole number" if integer else "a number") from None
    if isinstance(num, float) and not math.isfinite(num):  # "1e400", NaN: JSON holds neither
        raise ValueError("a finite number")
    if integer:
        if isinstance(num, float):
            if not num.is_integer():
                raise ValueError("a whole number")
            return int(num)
        return num
    return num


def non_finite(value: Any) -> Iterator[tuple[Any, Any, str, str]]:
    """Each NaN or infinity inside a JSON value, which JSON cannot hold (walked without recursion).

    Yields ``(container, key, JSON Pointer, text)``, the text ``NaN``,
    ``Infinity`` or ``-Infinity``; the container may be changed meanwhile.
    """
    for node, key, here, item in leaves(value):
        if isinstance(item, float) and not math.isfinite(item):
            yield node, key, here, "NaN" if item != item else f"{'-' * (item < 0)}Infinity"


def real(value: object) -> float:
    """A finite number as a float, from a number or text (a coordinate, a reading).

    Raises ``ValueError`` for what is no number, NaN, infinity and an integer
    too large for a float.
    """
    num = number(value, integer=False)
    if not finite_number(num):
        raise ValueError("a finite number")
    return float(num)


def boolean(value: object) -> bool:
    """Yes or no from a cell: true/false, 是/否, Y/N, 1/0, ✓/×."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("yes or no (是/否, true/false)")


@cache
def _labels(list_name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in CODE_LISTS[list_name].codes:
        out[c.code.lower()] = c.code
        out[c.zh.lower()] = c.code
        out[c.en.lower()] = c.code
        out[f"{c.code} - {c.zh} / {c.en}".lower()] = c.code
    for key, value in list(out.items()):  # "12345热线" for the label "12345 热线"
        out.setdefault(_SPACE.sub("", key), value)
    return out


def dropdown_item(list_name: str, code_value: str) -> str:
    """The text of a code in a template's dropdown: ``code - 中文 / English``."""
    c = CODE_LISTS[list_name].get(code_value)
    return code_value if c is None else f"{c.code} - {c.zh} / {c.en}"


def code(value: object, list_name: str) -> tuple[str, bool]:
    """The code a cell names (by code, Chinese or English label, or dropdown text).

    Returns the code and whether it was read from a label. Raises
    ``ValueError`` with a suggestion when nothing matches.
    """
    text = str(value).strip()
    codes = CODE_LISTS[list_name]
    if text in codes.values or codes.accepts(text):
        return text, False
    hit = _labels(list_name).get(text.lower()) or _labels(list_name).get(
        _SPACE.sub("", text.lower())
    )
    if hit is None and " - " in text:
        hit = _labels(list_name).get(text.split(" - ", 1)[0].strip().lower())
    if hit is not None:
        return hit, True
    raise ValueError(suggest(text, list(_labels(list_name)), list_name))


def suggest(text: str, choices: list[str], list_name: str | None = None) -> str:
    """``" (did you mean X?)"`` for the closest choice, or ``""``."""
    close = difflib.get_close_matches(text.lower(), choices, n=1, cutoff=0.5)
    if not close:
        return ""
    best = close[0]
    if list_name is not None:
        best = _labels(list_name).get(best, best)
        c = CODE_LISTS[list_name].get(best)
        if c is not None:
            return f" (did you mean {c.code} {c.zh}?)"
    return f" (did you mean {best}?)"
