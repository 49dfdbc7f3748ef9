"""The GB/T 2260 administrative division codes, with the years each was in use.

The table ships as package data (``smartstd/data/divisions/gbt2260.csv.gz``,
see ``SOURCE.md`` beside it): every code at county level and above since
1981, with the name it had and the first and last year it was in use, taken
from the Ministry of Civil Affairs' yearly lists as collected by the
``yescallop/areacodes`` project (CC0 1.0). A code that changed its name has
one row per name; a code abolished and later reused has one row per use.

The lists are published as of 31 December of each year, so a row is known
to the year only: a code is taken as valid on any day of the years from its
first to its last (the year it was abolished counts, so a dataset of that
year is never wrongly failed). :func:`division_table` returns the shipped
table, or that table updated by a newer file in the same format (named by
the parameter ``table`` of SC205 in the configuration or a profile): no new
release of this library is needed when divisions change.

GB/T 2260 行政区划代码表（含每个代码的启用与撤销年份），以及更新表的方式。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smartstd.errors import ConfigError

__all__ = ["MERGED_INTO", "Division", "DivisionTable", "division_hint", "division_table"]

_LEVELS = {"省级": 1, "地级": 2, "县级": 3, "1": 1, "2": 2, "3": 3}


@dataclass(frozen=True, slots=True)
class Division:
    """One use of a division code.

    Attributes:
        code: the six-digit code.
        name: its name in Chinese during this use.
        level: 1 province, 2 prefecture, 3 county.
        start: the first year it is in the lists.
        end: the year it was abolished or renamed (``None``: still in use).
    """

    code: str
    name: str
    level: int
    start: int
    end: int | None

    def valid_in(self, year: int) -> bool:
        """Whether the code was in use in ``year`` (the end year counts)."""
        return self.start <= year and (self.end is None or year <= self.end)


class DivisionTable:
    """Division codes by code, each with its uses (see :class:`Division`)."""

    def __init__(self, rows: Iterable[Division]) -> None:
        by_code: dict[str, list[Division]] = {}
        for row in rows:
            by_code.setdefault(row.code, []).append(row)
        self._by_code = by_code
        self._counties_of: dict[str, list[Division]] = {}
        for uses in by_code.values():
            for row in uses:
                if row.level == 3:
                    self._counties_of.setdefault(row.code[:4], []).append(row)

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def uses(self, code: str) -> list[Division]:
        """Every use of ``code`` (empty when it was never a division code)."""
        return list(self._by_code.get(code, ()))

    def on(self, code: str, day: dt.date | None) -> Division | None:
        """The use of ``code`` in force on ``day`` (any use when ``day`` is ``None``)."""
        for row in self._by_code.get(code, ()):
            if day is None or row.valid_in(day.year):
                return row
        return None

    def problem(self, code: str, day: dt.date | None) -> tuple[str, dict[str, object]] | None:
        """What is wrong with using ``code`` for a county-level place on ``day``.

        Returns ``None`` when the code is a county-level division in use then
        (or a prefecture with no county below it then, such as 东莞 441900),
        else a reason and its details: ``not-in-gbt2260`` (never a division
        code), ``abolished`` (``year`` and ``name`` of its last use),
        ``not-yet-in-use`` (``year`` it begins), ``not-county-level``.
        """
        uses = self._by_code.get(code)
        if not uses:
            return "not-in-gbt2260", {}
        row = self.on(code, day)
        if row is None:
            assert day is not None
            earlier = [u for u in uses if u.end is not None and u.end < day.year]
            if earlier:
                last = max(earlier, key=lambda u: u.end or 0)
                return "abolished", {"year": last.end, "name": last.name}
            first = min(uses, key=lambda u: u.start)
            return "not-yet-in-use", {"year": first.start, "name": first.name}
        if row.level == 3:
            return None
        if row.level == 2 and not any(
            day is None or c.valid_in(day.year) for c in self._counties_of.get(code[:4], ())
        ):
            return None
        return "not-county-level", {"name": row.name}

    def counties(self, prefecture: str, day: dt.date | None) -> list[Division]:
        """The county-level divisions under ``prefecture`` (``xxxx00``) in use on ``day``."""
        found = {
            row.code: row
            for row in self._counties_of.get(prefecture[:4], ())
            if day is None or row.valid_in(day.year)
        }
        if day is None:  # every use: keep the current ones
            found = {c: r for c, r in found.items() if r.end is None}
        return [found[c] for c in sorted(found)]

    def successor(self, code: str, day: dt.date | None) -> Division | None:
        """The county-level division in use on ``day`` that an abolished ``code`` became part of.

        Known mergers (:data:`MERGED_INTO`) first; otherwise the one division of
        the same prefecture, in use then, whose name differs only in its
        ending (增城市 440183 became 增城区 440118 in 2014).
        """
        merged = MERGED_INTO.get(code)
        if merged is not None:
            return self.on(merged, day)
        uses = self._by_code.get(code, ())
        if not uses:
            return None
        stem = _stem(max(uses, key=lambda u: u.start).name)
        same = [r for r in self.counties(code, day) if r.code != code and _stem(r.name) == stem]
        return same[0] if len(same) == 1 else None

    def updated(self, newer: DivisionTable) -> DivisionTable:
        """This table with every code that ``newer`` lists taken from ``newer``."""
        rows = [r for code, uses in self._by_code.items() if code not in newer for r in uses]
        rows += [r for uses in newer._by_code.values() for r in uses]
        return DivisionTable(rows)

    @classmethod
    def from_csv(cls, text: str, *, name: str = "<table>") -> DivisionTable:
        """Read a table: ``code,name,level,start,end`` or areacodes' ``result.csv``.

        Raises:
            ConfigError: when the text is neither, or a row is malformed (with its line).
        """
        return cls(_parse(text, name))


#: County-level divisions merged into another whose name differs (so that
#: :meth:`DivisionTable.successor` cannot tell from the names): Guangzhou's
#: 东山区 into 越秀区 and 芳村区 into 荔湾区 (2005), 萝岗区 into 黄埔区 (2014).
MERGED_INTO: dict[str, str] = {"440102": "440104", "440107": "440103", "440116": "440112"}

_ENDINGS = ("自治县", "自治旗", "林区", "特区", "新区", "市", "区", "县", "旗")


def _stem(name: str) -> str:
    for ending in _ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return name[: -len(ending)]
    return name


def _listed(rows: list[Division], limit: int = 20) -> list[str]:
    shown = [f"{r.code} {r.name}" for r in rows[:limit]]
    if len(rows) > limit:
        shown.append(f"… ({len(rows)})")
    return shown


def division_hint(
    table: DivisionTable,
    code: str,
    reason: str,
    details: dict[str, object],
    day: dt.date | None,
) -> dict[str, object]:
    """The hint parameters of an SC205 finding (:mod:`smartstd.advice` has their texts).

    ``reason`` and ``details`` are what :meth:`DivisionTable.problem` said.
    An abolished code names the division its area now belongs to when that
    is known; a code that never existed, or one above county level, lists
    the county-level codes of its prefecture in use then.

    >>> details = {"year": 2014, "name": "萝岗区"}
    >>> division_hint(division_table(), "440116", "abolished", details, None)
    {'hint': 'division-abolished-into', 'successor': '黄埔区', 'successor_code': '440112'}
    """
    if reason == "abolished":
        after = table.successor(code, day)
        if after is None:
            return {"hint": "division-abolished"}
        return {
            "hint": "division-abolished-into",
            "successor": after.name,
            "successor_code": after.code,
        }
    if reason == "not-yet-in-use":
        return {"hint": "division-not-yet"}
    if reason == "not-county-level" and code[2:4] != "00":
        counties = table.counties(code, day)
        return {"hint": "division-not-county", "counties": _listed(counties)} if counties else {}
    if reason == "not-in-gbt2260":
        counties = table.counties(code, day)
        return {"hint": "division-unknown", "counties": _listed(counties)} if counties else {}
    return {}


def _parse(text: str, name: str) -> Iterator[Division]:
    import csv
    import io

    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise ConfigError(key="division_table_empty", file=name)
    if header[:5] == ["code", "name", "level", "start", "end"]:
        cols = (0, 1, 2, 3, 4)
    elif header[:1] == ["代码"] and "启用时间" in header and "变更/弃用时间" in header:
        cols = (0, 3, 4, header.index("启用时间"), header.index("变更/弃用时间"))
    else:
        raise ConfigError(key="division_bad_header", file=name)
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        try:
            code, label, level, start, end = (row[i].strip() for i in cols)
            if len(code) != 6 or not code.isdigit():
                raise ConfigError(key="division_code_not_six_digits", code=code)
            yield Division(code, label, _LEVELS[level], int(start), int(end) if end else None)
        except (IndexError, KeyError, ValueError) as exc:
            raise ConfigError(
                key="division_bad_row", file=name, line=line, row=row, reason=exc
            ) from None


@cache
def _shipped() -> DivisionTable:
    import gzip
    from importlib import resources

    data = resources.files("smartstd").joinpath("data/divisions/gbt2260.csv.gz").read_bytes()
    return DivisionTable.from_csv(gzip.decompress(data).decode("utf-8"), name="gbt2260.csv.gz")


@cache
def _file(path: str) -> DivisionTable:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(key="division_unreadable", file=path, reason=exc.strerror) from None
    if p.suffix == ".gz":
        import gzip

        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(key="division_not_utf8", file=path) from None
    return DivisionTable.from_csv(text, name=path)


def division_table(update: str | Path | None = None) -> DivisionTable:
    """The shipped GB/T 2260 table, updated by the file ``update`` when given.

    ``update`` is a CSV (optionally gzipped) with the header
    ``code,name,level,start,end`` (``level`` 1, 2 or 3; ``end`` empty while in
    use), or areacodes' ``result.csv`` as published. Every code it lists
    replaces the shipped rows of that code.

    >>> t = division_table()
    >>> t.problem("440113", dt.date(2026, 6, 30)) is None
    True
    >>> t.problem("440116", dt.date(2026, 6, 30))
    ('abolished', {'year': 2014, 'name': '萝岗区'})

    Raises:
        ConfigError: when the file cannot be read or is not a division table.
    """
    table = _shipped()
    if update:
        table = table.updated(_file(str(update)))
    return table
