"""Hypothesis strategies for personal identifiers written the way people write them.

Used by the tests of :mod:`smartstd.scanner` and by ``benchmarks/bench_privacy.py``:
valid identity numbers (18 and 15 digits), mobiles and bank card numbers, each
in every written variant (groups, separators, full-width digits, zero-width
characters, prefixes), and decoys that must never match (order numbers with a
bad check digit, timestamps, 11-digit numbers starting with 0, postal and
division codes).

个人标识符的 Hypothesis 生成策略：各种写法的身份证号、手机号、银行卡号，以及不应被识别的干扰号码。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from hypothesis import strategies as st

from smartstd.identifiers import PROVINCE_CODES, id_number_check_digit

__all__ = [
    "SEPARATORS",
    "Written",
    "bank_cards",
    "decoys",
    "id_numbers",
    "id_numbers_15",
    "luhn_digit",
    "mobiles",
    "written_identifiers",
]

#: Separators people put between digit groups.
SEPARATORS = (" ", "-", ".", "\u00a0", "\u3000", "\uff0d", "\u2010", "\t")
#: Characters that show nothing (zero-width space, joiners, BOM, soft hyphen).
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")

#: ``(kind, digits, written)``: what the scanner must find, and how it is written.
Written = tuple[Literal["id-number", "id-number-15", "mobile", "bank-card"], str, str]


def luhn_digit(body: str) -> str:
    """The Luhn check digit to append to ``body``."""
    total = 0
    for i, c in enumerate(reversed(body)):
        n = int(c)
        if i % 2 == 0:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return str(-total % 10)


_REGIONS = sorted(PROVINCE_CODES)
_dates = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2020, 12, 31))


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """Valid 18-character resident identity numbers."""
    area = draw(st.sampled_from(_REGIONS)) + draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    first17 = (
        area + draw(_dates).strftime("%Y%m%d") + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    )
    return first17 + id_number_check_digit(first17)


@st.composite
def id_numbers_15(draw: st.DrawFn) -> str:
    """15-digit identity numbers (the 1984-1999 form): area, ``yymmdd``, sequence."""
    area = draw(st.sampled_from(_REGIONS)) + draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    day = draw(st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(1999, 12, 31)))
    return area + day.strftime("%y%m%d") + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))


def mobiles() -> st.SearchStrategy[str]:
    """Mainland mobile numbers: ``1[3-9]`` and nine digits."""
    return st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@st.composite
def bank_cards(draw: st.DrawFn) -> str:
    """Card numbers of 16 to 19 digits with a valid Luhn digit (UnionPay, Visa, Mastercard)."""
    length = draw(st.integers(16, 19))
    prefix = draw(st.sampled_from(["62", "4", "5", "9"]))
    body = prefix + draw(st.from_regex(f"[0-9]{{{length - 1 - len(prefix)}}}", fullmatch=True))
    return body + luhn_digit(body)


def _groups(digits: str, sizes: tuple[int, ...]) -> list[str]:
    out, at = [], 0
    for n in sizes:
        out.append(digits[at : at + n])
        at += n
    if at < len(digits):
        out.append(digits[at:])
    return [g for g in out if g]


_GROUPINGS: dict[str, list[tuple[int, ...]]] = {
    "id-number": [(18,), (6, 8, 4), (4, 4, 4, 4, 2), (6, 4, 4, 4), (3, 3, 4, 4, 4)],
    "id-number-15": [(15,), (6, 6, 3)],
    "mobile": [(11,), (3, 4, 4), (3, 8), (4, 3, 4)],
    "bank-card": [(19,), (4, 4, 4, 4, 4)],
}


@st.composite
def written_identifiers(
    draw: st.DrawFn, kinds: tuple[str, ...] = ("id-number", "id-number-15", "mobile", "bank-card")
) -> Written:
    """An identifier and one way of writing it."""
    kind = draw(st.sampled_from(kinds))
    makers: dict[str, Callable[[], st.SearchStrategy[str]]] = {
        "id-number": id_numbers,
        "id-number-15": id_numbers_15,
        "mobile": mobiles,
        "bank-card": bank_cards,
    }
    digits = draw(makers[kind]())
    groups = _groups(digits, draw(st.sampled_from(_GROUPINGS[kind])))
    sep = draw(st.sampled_from(SEPARATORS))
    written = sep.join(groups)
    if kind == "mobile":
        prefix = draw(st.sampled_from(["", "+86 ", "+86-", "0086 ", "86", "+86"]))
        written = prefix + written
    if draw(st.booleans()):
        written = written.translate(_FULL_WIDTH)
    if draw(st.integers(0, 3)) == 0:  # zero-width characters anywhere inside
        chars = list(written)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(1, len(chars) - 1))
            chars.insert(at, draw(st.sampled_from(_INVISIBLE)))
        written = "".join(chars)
    return kind, digits.upper(), written  # type: ignore[return-value]


@st.composite
def decoys(draw: st.DrawFn) -> str:
    """Numbers that look a little like identifiers and must never be found."""
    kind = draw(st.integers(0, 6))
    if kind == 0:  # an order number: UnionPay-like prefix, a bad Luhn digit, not 15 or 18 long
        length = draw(st.sampled_from([16, 17, 19]))
        body = "62" + draw(st.from_regex(f"[0-9]{{{length - 3}}}", fullmatch=True))
        good = luhn_digit(body)
        return body + str((int(good) + draw(st.integers(1, 9))) % 10)
    if kind == 1:  # an order number starting with a date
        day = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
        return day.strftime("%Y%m%d") + draw(st.from_regex(r"[0-9]{6,11}", fullmatch=True))
    if kind == 2:  # timestamps
        when = draw(
            st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 1, 1))
        )
        return draw(
            st.sampled_from(
                [
                    when.isoformat() + "+08:00",
                    when.strftime("%Y-%m-%d %H:%M:%S"),
                    when.strftime("%Y%m%d%H%M%S"),
                    str(int(when.replace(tzinfo=dt.timezone.utc).timestamp())),
                ]
            )
        )
    if kind == 3:  # 11 digits starting with 0: a landline with its area code
        return "0" + draw(st.from_regex(r"[1-9][0-9]{9}", fullmatch=True))
    if kind == 4:  # postal code and division code side by side
        return draw(st.from_regex(r"5[0-9]{5}", fullmatch=True)) + " " + "440113"
    if kind == 5:  # a division code, a date and a small count
        return "440113 " + draw(_dates).isoformat() + " 12"
    # a hex digest
    return draw(st.from_regex(r"[0-9a-f]{64}", fullmatch=True))
