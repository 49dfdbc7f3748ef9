"""Workbooks (xlsx) and CSV files filled in from templates -> SCDS records.

Each sheet named after an entity type (``Residents``, ``Resident`` or its
Chinese title ``居民``) is read row by row with openpyxl in read-only mode,
so memory stays bounded whatever the workbook's size; the file's size, its
unpacked size and the number of rows are checked against limits first. The
header row is found by field keys (``name.zh-CN``) or titles in either
language; every value is read by its column's kind and every issue names
its cell (``Residents!C12``), and so does the source map that
``smartstd convert --check`` uses to point findings back at cells.

表格（xlsx/CSV）转换：按工作表名识别实体类型，流式读取，问题定位到单元格。
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartstd.interchange import values
from smartstd.interchange.columns import Column, columns_for, sheet_name

if TYPE_CHECKING:
    from smartstd.interchange.conversion import Conversion, Draft

__all__ = ["read_csv", "read_workbook", "type_of_sheet"]

_HEADER_ROWS = 5
_SUGGESTED = 100  # unknown columns given a 'did you mean'
_KNOWN_ENOUGH = 3  # known column names in a row that make it the header
_SKIP_SHEETS = frozenset({"说明 instructions", "instructions", "说明", "_codes"})
_EXT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_SERIAL = "Excel 日期序列号 serial date number"


def _letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def type_of_sheet(name: str) -> str | None:
    """The entity type a sheet holds (by type name, plural or Chinese title), or ``None``."""
    from smartstd.standard.dataset import ENTITY_TYPES

    key = name.strip().lower()
    for t, cls in ENTITY_TYPES.items():
        zh = cls.__i18n__[0] if cls.__i18n__ else ""
        if key in (t.lower(), sheet_name(t).lower(), zh.lower()):
            return t
    return None


def _norm(text: str) -> str:
    return re.sub(r"[\s*＊:：()（）]+", "", text).lower()


def _header_index(
    cols: tuple[Column, ...], aliases: Mapping[str, str], language: str | None = None
) -> dict[str, Column]:
    """Header text -> column: field keys, titles in either language, then the crosswalk's.

    With ``language``, a text in several languages is also found by its
    bare name (``名称``, ``Name``, ``name``, ``地址``): the column of that
    language, as everyone's spreadsheet but the template heads it.
    """
    out: dict[str, Column] = {}
    for c in cols:
        for name in (c.key, c.zh, c.en, c.zh + c.en):
            out.setdefault(_norm(name), c)
    by_key = {c.key: c for c in cols}
    for header, key in aliases.items():  # a system's own names (工单编号 -> id)
        out.setdefault(_norm(header), by_key[key])
    for c in cols:
        if language is not None and c.key.endswith(f".{language}"):
            bare = (
                c.key[: -len(language) - 1],
                re.sub(r"（[^（）]*）$", "", c.zh),
                re.sub(r" \([^()]*\)$", "", c.en),
            )
            for name in bare:
                out.setdefault(_norm(name), c)
    return out


def _match(cell: Any, index: dict[str, Column]) -> Column | None:
    if cell is None:
        return None
    text = str(cell)
    hit = index.get(_norm(text))
    if hit is not None:
        return hit
    for part in text.splitlines():
        hit = index.get(_norm(part))
        if hit is not None:
            return hit
    return None


def _is_header(row: tuple[Any, ...], index: dict[str, Column]) -> bool:
    """Mostly known columns, or three of them among a system's own (a hotline export's 20)."""
    cells = [c for c in row if c not in (None, "")]
    hits = sum(1 for c in cells if _match(c, index) is not None)
    return bool(cells) and (hits * 2 >= len(cells) or hits >= _KNOWN_ENOUGH)


def _read_rows(
    conv: Conversion, sheet: str, type_name: str, rows: Iterable[tuple[Any, ...]], prefix: str
) -> None:
    cols = columns_for(type_name)
    aliases = conv.crosswalk.columns.get(type_name, {})
    index = _header_index(cols, aliases, conv.options.language)
    it = iter(enumerate(rows, 1))
    headers: list[tuple[int, tuple[Any, ...]]] = []
    pending: list[tuple[int, tuple[Any, ...]]] = []
    for rownum, row in it:
        if rownum > _HEADER_ROWS and not headers:
            break
        if _is_header(row, index):
            headers.append((rownum, row))
            continue
        if headers:
            pending.append((rownum, row))
            break
    if not headers:
        conv.issue("CV113", f"{sheet}!A1", sheet=sheet, rows=_HEADER_ROWS)
        return
    mapping: list[tuple[int, Column | str]] = []
    seen_keys = [c.key for c in cols] + [c.zh for c in cols] + [c.en for c in cols]
    width = max(len(r) for _, r in headers)
    unknown = 0
    for i in range(width):
        cells = [(n, r[i]) for n, r in headers if i < len(r) and r[i] not in (None, "")]
        if not cells:
            continue
        col = next((c for c in (_match(v, index) for _, v in cells) if c is not None), None)
        if col is not None:
            mapping.append((i, col))
            continue
        header_row, cell = cells[0]
        place = f"{sheet}!{_letter(i + 1)}{header_row}"
        text = " ".join(str(cell).split())
        if _EXT_NAME.match(text):
            mapping.append((i, text))
            continue
        unknown += 1  # difflib's suggestion for the first ones only: 100,000 columns take seconds
        hint = values.suggest(text, seen_keys) if unknown <= _SUGGESTED else ""
        conv.issue("CV112", place, column=text, suggestion=hint)
        conv.drop(place, text, "unknown column" + hint)
    limit = conv.options.limits.max_records
    # columns whose header cell is empty: a value in one is reported once, never lost silently
    headed = {i for _, r in headers for i in range(len(r)) if not _blank(r[i])}
    covered = next(i for i in range(len(headed) + 1) if i not in headed)  # columns 0..covered-1

    def body() -> Iterator[tuple[int, tuple[Any, ...]]]:
        yield from pending
        yield from it

    for rownum, row in body():
        if all(_blank(c) for c in row):
            continue
        conv.read += 1
        if conv.read > limit:
            conv.too_many(f"{sheet}!A{rownum}", "the number of rows", f"> {limit}")
            return
        d = conv.draft(type_name, f"{sheet}!{rownum}:{rownum}", prefix)
        if len(row) > covered:
            _headless(conv, sheet, rownum, row, headed)
        for i, target in mapping:
            value = row[i] if i < len(row) else None
            if _blank(value):
                continue
            place = f"{sheet}!{_letter(i + 1)}{rownum}"
            if isinstance(value, Formula):
                name = target if isinstance(target, str) else target.key
                d.issue("CV115", "", place, formula=value.text)
                conv.drop(place, name, "formula without a computed value", value.text, d)
                continue
            if isinstance(target, str):
                d.keep(target, value if not isinstance(value, str) else value.strip(), place)
            else:
                _cell(conv, d, target, value, place)
        if "id" not in d.record:
            d.impute(
                "id",
                f"{sheet_name(type_name).lower()}-{rownum}",
                "derived",
                "no id in the row; made from the sheet and row",
                f"{sheet}!{rownum}:{rownum}",
            )
        for c in cols:
            if c.required and c.path[0] not in d.record and c.path[0] != "community_id":
                d.issue("CV124", f"/{c.path[0]}", f"{sheet}!{rownum}:{rownum}", field=c.key)


class Formula:
    """A formula cell without a computed value (a workbook no spreadsheet program saved)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _headless(
    conv: Conversion, sheet: str, rownum: int, row: tuple[Any, ...], headed: set[int]
) -> None:
    """Report a value in a column without a header, once per column (the column is then known)."""
    for i in range(len(row)):
        if i in headed or _blank(row[i]):
            continue
        headed.add(i)
        place = f"{sheet}!{_letter(i + 1)}{rownum}"
        conv.issue("CV114", place, column=_letter(i + 1))
        conv.drop(place, _letter(i + 1), "column without a header", str(row[i]))


def _put(d: Draft, path: tuple[str, ...], value: Any, place: str) -> None:
    target = d.record
    for part in path[:-1]:
        nxt = target.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            target[part] = nxt
        target = nxt
    target[path[-1]] = value
    d.fields["/" + "/".join(path)] = place


def _cell(conv: Conversion, d: Draft, col: Column, value: Any, place: str) -> None:
    ptr = "/" + "/".join(col.path)
    tidy = values.identifier(col.path[-1], value) if col.kind == "text" else None
    if tidy is not None:  # ９１４４ 0101-ma59…: the code it is, said
        d.issue(
            "CV130",
            ptr,
            place,
            value=str(value),
            result=tidy,
            title_zh=col.zh,
            title_en=col.en,
        )
        d.mark(ptr, "derived", f"{value!r} written as {tidy}", place)
        value = tidy
    if col.kind == "text" and _lost_digits(value):
        # an 18-digit number typed into a General cell: Excel kept 15 digits, the rest are gone
        d.issue("CV120", ptr, place, value=_text(value), expected=_LOST_DIGITS)
    try:
        if col.kind == "text":
            _put(d, col.path, value.strip() if isinstance(value, str) else _text(value), place)
        elif col.kind in ("int", "float"):
            _put(d, col.path, values.number(value, col.kind == "int"), place)
        elif col.kind == "bool":
            _put(d, col.path, values.boolean(value), place)
        elif col.kind == "code":
            assert col.list is not None
            code, by_label = values.code(value, col.list)
            _put(d, col.path, code, place)
            if by_label and str(value).strip() != code and " - " not in str(value):
                d.issue("CV125", ptr, place, value=str(value), code=code)
        elif col.kind in ("codes", "list"):
            parts = [p.strip() for p in re.split(r"[;；,，、\n]", str(value)) if p.strip()]
            if col.kind == "codes":
                assert col.list is not None
                parts = [values.code(p, col.list)[0] for p in parts]
            _put(d, col.path, parts, place)
        elif col.kind == "timestamp":
            serial = values.excel_serial(value)
            if serial is not None:  # a date cell formatted as a number, or such a CSV cell
                out, how = values.timestamp(serial, conv.crosswalk.timezone)
                d.issue("CV122", ptr, place, value=_text(value), form=_SERIAL, result=out)
                value = serial
            else:
                out, how = values.timestamp(value, conv.crosswalk.timezone)
            _put(d, col.path, out, place)
            if how is not None:
                d.issue(
                    "CV123",
                    ptr,
                    place,
                    value=_text(value),
                    offset=conv.crosswalk.timezone,
                    result=out,
                )
                d.mark(
                    ptr,
                    "default",
                    f"no offset in the cell; {conv.crosswalk.timezone} assumed",
                    place,
                )
        elif col.kind == "date":
            serial = values.excel_serial(value)
            out, how = values.date(value if serial is None else serial.date())
            _put(d, col.path, out, place)
            if serial is not None:
                d.issue("CV122", ptr, place, value=_text(value), form=_SERIAL, result=out)
            elif how is not None:
                d.issue("CV122", ptr, place, value=_text(value), form="YYYY年M月D日", result=out)
        elif col.kind in ("lon", "lat"):
            _coordinate(d, col, values.real(value), place)
        elif col.kind == "json":
            import json

            _put(d, col.path, json.loads(str(value)), place)
    except ValueError as exc:
        msg = str(exc)
        if col.kind in ("code", "codes"):
            d.issue("CV121", ptr, place, value=_text(value), list=col.list, suggestion=msg)
        else:
            d.issue("CV120", ptr, place, value=_text(value), expected=msg or col.kind)
        kept = value.strip() if isinstance(value, str) else _text(value)
        if col.kind in ("lon", "lat"):  # in its place in the point, not over the point
            _coordinate(d, col, kept, place)
        else:
            _put(d, col.path, kept, place)


def _coordinate(d: Draft, col: Column, value: Any, place: str) -> None:
    """A longitude or latitude in its point (a value that is no number stays, for the check)."""
    point = d.record
    for part in col.path:
        nxt = point.get(part)
        if not isinstance(nxt, dict):
            nxt = point[part] = {}
        point = nxt
    point["type"] = "Point"
    coords = point.get("coordinates")
    if not isinstance(coords, list) or len(coords) != 2:
        coords = point["coordinates"] = [None, None]
    coords[0 if col.kind == "lon" else 1] = value
    d.fields["/" + "/".join(col.path)] = place


_LOST_DIGITS = (
    "text: a number cell keeps only 15 significant digits, so the last digits of a longer "
    "number are lost; set the column's format to Text and type the values again"
)


def _lost_digits(value: Any) -> bool:
    """A number cell standing for a code longer than a spreadsheet keeps (15 digits).

    Only a float: a JSON integer (a GeoJSON property) keeps every digit.
    """
    return isinstance(value, float) and value.is_integer() and abs(value) >= 1e15


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _size_ok(conv: Conversion, path: Path) -> bool:
    limits = conv.options.limits
    size = path.stat().st_size
    if size > limits.max_bytes:
        conv.issue(
            "CV101",
            path.name,
            what="the file",
            size=f"{size} bytes",
            limit=f"{limits.max_bytes} bytes",
            option="--max-bytes",
        )
        return False
    return True


def read_workbook(conv: Conversion, path: Path) -> None:
    """Read every entity sheet of an xlsx workbook into drafts."""
    if not _size_ok(conv, path):
        return
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        conv.issue("CV100", path.name, reason=f"not an xlsx workbook ({exc})")
        return
    limit = conv.options.limits.max_unpacked_bytes
    if unpacked > limit:
        conv.issue(
            "CV101",
            path.name,
            what="the unpacked workbook",
            size=f"{unpacked} bytes",
            limit=f"{limit} bytes",
            option="--max-unpacked-bytes",
        )
        return
    try:
        import openpyxl
    except ModuleNotFoundError:
        from smartstd.errors import UsageError

        raise UsageError(key="openpyxl_missing_read") from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        conv.issue(
            "CV100", path.name, reason=f"not a readable xlsx workbook ({type(exc).__name__}: {exc})"
        )
        return
    try:
        known = [(ws.title, type_of_sheet(ws.title)) for ws in wb.worksheets]
        given = conv.options.entity_type
        if given is not None and not any(t for _, t in known):
            _known_type(given)
            # a system's export (Sheet1, 工单, 1月 ...) of the type given with --type
            skip = _SKIP_SHEETS
            known = [(n, None if n.strip().lower() in skip else given) for n, _ in known]
        if not any(t for _, t in known):
            from smartstd.interchange.columns import sheet_name as plural

            conv.issue(
                "CV110",
                path.name,
                sheets=", ".join(n for n, _ in known) or "none",
                example=", ".join(plural(t) for t in ("Resident", "Building")),
            )
            return
        for ws, (title, type_name) in zip(wb.worksheets, known, strict=True):
            if type_name is None:
                if title.strip().lower() not in _SKIP_SHEETS:
                    from smartstd.standard.dataset import ENTITY_TYPES

                    hint = values.suggest(title, [sheet_name(t) for t in ENTITY_TYPES])
                    conv.issue("CV111", f"{title}!A1", sheet=title, suggestion=hint)
                    if ws.max_row and ws.max_row > 0:
                        conv.drop(f"{title}!A1", title, "the sheet is not an entity type" + hint)
                continue
            if ws.sheet_state != "visible":
                conv.issue("CV116", f"{title}!A1", sheet=title)
            ws.reset_dimensions()  # a stated size is not trusted: rows come as they are stored
            rows: Iterator[tuple[Any, ...]] = ws.iter_rows(min_row=1, values_only=True)
            if _has_formulas(wb, ws):
                rows = _with_formulas(rows, path, title)
            _read_rows(conv, title, type_name, rows, "xlsx")
    finally:
        wb.close()


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(wb: Any, ws: Any) -> bool:
    """Whether the sheet's XML holds a formula (streamed, not kept)."""
    try:
        with wb._archive.open(ws._worksheet_path) as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                if _FORMULA.search(tail + chunk):
                    return True
                tail = chunk[-16:]
    except (AttributeError, KeyError, OSError, zipfile.BadZipFile):
        return False
    return False


def _with_formulas(
    rows: Iterator[tuple[Any, ...]], path: Path, title: str
) -> Iterator[tuple[Any, ...]]:
    """The rows, each formula cell without a computed value as a :class:`Formula`.

    The sheet is read a second time, for its formulas, beside the first
    reading (same XML, same rows), so memory stays bounded.
    """
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[title]
        ws.reset_dimensions()
        formulas = ws.iter_rows(min_row=1, values_only=True)
        for row in rows:
            frow = next(formulas, ())
            if any(v is None for v in row) and any(f is not None for f in frow):
                row = (
                    tuple(
                        Formula(f if isinstance(f, str) else str(getattr(f, "text", f)))
                        if v is None and f is not None
                        else v
                        for v, f in zip(row, frow, strict=False)
                    )
                    + row[len(frow) :]
                )
            yield row
    finally:
        wb.close()


def read_csv(conv: Conversion, path: Path) -> None:
    """Read a CSV file of one entity type (``--type``, or the file's name) into drafts."""
    if not _size_ok(conv, path):
        return
    type_name = conv.options.entity_type or type_of_sheet(path.stem)
    if type_name is None:
        from smartstd.errors import UsageError

        raise UsageError(key="csv_needs_type", file=path)
    _known_type(type_name)
    encoding = _encoding(path)
    if encoding is None:
        conv.issue("CV100", path.name, reason="neither UTF-8 nor GB18030 text")
        return
    if encoding == "gb18030":
        conv.issue("CV104", path.name, encoding="GB18030")
    # a cell may be as large as the file (the file's size is bounded): csv's own
    # limit (128 KiB) would stop a long text with an exception
    previous = csv.field_size_limit(max(csv.field_size_limit(), conv.options.limits.max_bytes))
    try:
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=_delimiter(fh.read(_SNIFF)))
            fh.seek(0)
            try:
                _read_rows(conv, path.stem, type_name, (tuple(r) for r in reader), "csv")
            except csv.Error as exc:
                conv.issue("CV100", f"{path.name}:{reader.line_num}", reason=f"not CSV: {exc}")
    finally:
        csv.field_size_limit(previous)


_SNIFF = 1 << 16  # characters looked at for the delimiter
_DELIMITERS = (",", "\t", ";", "|")


def _delimiter(sample: str) -> str:
    """The delimiter of a CSV file: the one that splits most of its first rows alike.

    Excel's "Unicode text" and many hotline systems write tabs; a European
    Excel writes ``;``. A title line above the header (one field whatever
    the delimiter) and commas inside a cell's text do not decide: the most
    rows with the same number of fields (two or more) does; a tie is ``,``.
    """
    import io
    from collections import Counter

    best, best_score = ",", (0, 0)
    lines = sample.splitlines(keepends=True)[:-1] or [sample]  # the last line may be cut
    text = "".join(lines)
    for delim in _DELIMITERS:
        try:
            rows = [
                len(r) for r in itertools.islice(csv.reader(io.StringIO(text), delimiter=delim), 20)
            ]
        except csv.Error:
            continue
        counts = Counter(n for n in rows if n >= 2)
        if not counts:
            continue
        width, rows_alike = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if (rows_alike, width) > best_score:
            best, best_score = delim, (rows_alike, width)
    return best


def _known_type(type_name: str) -> None:
    """Raise a usage error for ``--type Nowhere`` (not a ``KeyError`` later)."""
    from smartstd.standard import ENTITY_TYPES

    if type_name not in ENTITY_TYPES:
        from smartstd.errors import UnknownNameError

        known = ", ".join(sorted(ENTITY_TYPES))
        raise UnknownNameError(key="unknown_entity_type", name=type_name, known=known)


def _encoding(path: Path) -> str | None:
    """The file's encoding: by its byte order mark (UTF-16, UTF-8), else UTF-8 or GB18030.

    Excel's "Unicode text" (and many a hotline system's export) is UTF-16
    with a byte order mark; without a mark, ``utf-8-sig`` or ``gb18030``,
    whichever decodes the whole file (streamed), or ``None``.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidates: tuple[str, ...] = ("utf-32",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return None
