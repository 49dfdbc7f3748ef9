"""Bringing data in and out: spreadsheets, Open311, FIWARE NGSI-v2 and NGSI-LD, GeoJSON.

:func:`convert` reads a source file into an SCDS dataset and a conversion
report; :func:`export` writes a dataset's records in another format;
:func:`~smartstd.interchange.template.write_template` writes an Excel
template. Codes come through crosswalks (:mod:`~smartstd.interchange.crosswalk`),
YAML data a district can edit. Nothing is guessed silently (``provenance.imputed``)
and nothing is lost silently (extension fields under the source's own names,
and the report's ``dropped`` list).

::

    source file ──read──▶ drafts (+ source places) ──crosswalk──▶ SCDS records
        ──community, provenance, envelope──▶ Conversion ──▶ NDJSON/JSON + report

数据的导入与导出：表格、Open311、FIWARE NGSI；代码经对照表转换，推定与丢弃都在报告中列出。
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartstd.errors import UsageError
from smartstd.interchange.conversion import Conversion, ConvertLimits, ConvertOptions
from smartstd.interchange.crosswalk import Crosswalk, load_crosswalk
from smartstd.interchange.envelope import finish
from smartstd.interchange.issue import Issue

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "Conversion",
    "ConvertLimits",
    "ConvertOptions",
    "Crosswalk",
    "Issue",
    "convert",
    "export",
    "load_crosswalk",
    "services_crosswalk",
]

#: The formats :func:`convert` reads.
FORMATS = ("xlsx", "csv", "open311-json", "open311-xml", "ngsi-v2", "ngsi-ld", "geojson")
#: The formats :func:`export` writes.
EXPORT_FORMATS = ("ngsi-ld", "ngsi-v2", "open311", "geojson")

_SYSTEM = {
    "xlsx": "xlsx",
    "csv": "csv",
    "open311-json": "open311",
    "open311-xml": "open311",
    "ngsi-v2": "fiware",
    "ngsi-ld": "fiware",
    "geojson": "geojson",
}


def _options(options: ConvertOptions | None, kwargs: dict[str, Any]) -> ConvertOptions:
    opts = options or ConvertOptions()
    for key, value in kwargs.items():
        if not hasattr(opts, key):
            raise UsageError(key="unknown_convert_option", name=key)
        setattr(opts, key, value)
    return opts


def _bytes(conv: Conversion, path: Path) -> bytes | None:
    limit = conv.options.limits.max_bytes
    size = path.stat().st_size
    if size > limit:
        conv.issue(
            "CV101",
            path.name,
            what="the file",
            size=f"{size} bytes",
            limit=f"{limit} bytes",
            option="--max-bytes",
        )
        return None
    return path.read_bytes()


def convert(
    path: str | Path, source_format: str, options: ConvertOptions | None = None, **kwargs: Any
) -> Conversion:
    """Convert a source file into an SCDS dataset.

    Args:
        path: the source file.
        source_format: one of :data:`FORMATS`.
        options: a :class:`ConvertOptions`; keyword arguments override its fields.
        **kwargs: fields of :class:`ConvertOptions` (``community_id="c1"`` ...).

    Returns:
        The :class:`Conversion`: records, envelope, issues, guesses, losses
        and source map. Bad data never raises; it becomes issues.

    Raises:
        UsageError: an unknown format or option, or a missing file.
        ConfigError: a crosswalk file that is not valid.
    """
    if source_format not in FORMATS:
        raise UsageError(key="unknown_source_format", name=source_format, known=", ".join(FORMATS))
    opts = _options(options, kwargs)
    p = Path(path)
    if not p.is_file():
        raise UsageError(key="no_such_file", path=path)
    conv = Conversion(
        source_format, str(path), _SYSTEM[source_format], opts, opts.resolved_crosswalk()
    )
    if source_format == "xlsx":
        from smartstd.interchange.spreadsheet import read_workbook

        read_workbook(conv, p)
    elif source_format == "csv":
        from smartstd.interchange.spreadsheet import read_csv

        read_csv(conv, p)
    elif source_format.startswith("open311"):
        _open311(conv, p, xml=source_format == "open311-xml")
    elif source_format == "geojson":
        from smartstd.interchange.geojson import read_geojson

        read_geojson(conv, p)
    else:
        _ngsi(conv, p)
    return finish(conv)


def _open311(conv: Conversion, p: Path, xml: bool) -> None:
    from smartstd.interchange import open311
    from smartstd.interchange._xml import XmlRefused

    data = _bytes(conv, p)
    if data is None:
        return
    limit = conv.options.limits.max_records
    try:
        records = open311.records_of(data, p.name, xml, limit)
    except XmlRefused as exc:
        conv.issue("CV102", f"{p.name}:{exc.line}", what=exc.what)
        return
    except open311.TooManyRequests:
        conv.too_many(p.name, "the number of requests", f"> {limit}")
        return
    except (ValueError, UnicodeDecodeError) as exc:
        conv.issue("CV100", p.name, reason=str(exc))
        return
    if len(records) > limit:
        conv.too_many(p.name, "the number of requests", len(records))
        return
    open311.from_document(conv, records)


def _ngsi(conv: Conversion, p: Path) -> None:
    from smartstd.interchange._observed import OBSERVED
    from smartstd.interchange.fiware import from_ngsi
    from smartstd.interchange.ngsi import (
        TooManyRecords,
        iter_entities,
        parse_entity,
        split_temporal,
    )

    data = _bytes(conv, p)
    if data is None:
        return
    limit = conv.options.limits.max_records
    try:
        for place, obj, problem in iter_entities(p, data, limit):
            conv.read += 1
            if obj is None:
                conv.issue("CV103", place, expected="an NGSI entity", reason=problem)
                conv.drop(place, "entity", problem)
                continue
            readings = obj.get("type") in OBSERVED or obj.get("type") == "DeviceMeasurement"
            instants, varying = split_temporal(obj) if readings else ([obj], [])
            if varying:  # a temporal answer: one entity per instant, each its readings
                attrs = ", ".join(varying)
                conv.issue("CV131", place, count=len(instants), attributes=attrs)
            for one in instants:
                ent = parse_entity(one, place)
                if isinstance(ent, str):
                    conv.issue("CV201", place, missing=ent)
                    conv.drop(place, "entity", f"no {ent}", one)
                    break
                from_ngsi(conv, ent)
    except TooManyRecords:
        conv.too_many(p.name, "the number of entities", f"> {limit}")
    except (ValueError, UnicodeDecodeError) as exc:
        conv.issue("CV100", p.name, reason=str(exc))


def services_crosswalk(path: str | Path) -> tuple[str, list[str]]:
    """A crosswalk (YAML text) from an Open311 service list (JSON or XML), and the codes guessed.

    Raises:
        UsageError: the file is missing, does not parse, or declares a DTD.
    """
    from smartstd.interchange import open311
    from smartstd.interchange._xml import XmlRefused

    p = Path(path)
    if not p.is_file():
        raise UsageError(key="no_such_file", path=path)
    data = p.read_bytes()
    xml = data.lstrip()[:1] == b"<"
    try:
        records = open311.records_of(data, p.name, xml)
    except XmlRefused as exc:
        raise UsageError(key="xml_refused", file=path, line=exc.line, what=exc.what) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(key="not_open311_services", file=path, reason=exc) from None
    return open311.services_crosswalk(records, p.stem)


def _records(data: str | Path | dict[str, Any] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return list(data.get("entities", []))
    import json

    p = Path(data)
    if not p.is_file():
        raise UsageError(key="no_such_file", path=data)
    import yaml

    try:
        text = p.read_text(encoding="utf-8-sig")
        if p.suffix.lower() == ".ndjson":
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
            return [r for r in lines[1:] if isinstance(r, dict)]
        doc = yaml.safe_load(text) if p.suffix.lower() in (".yaml", ".yml") else json.loads(text)
    except (ValueError, yaml.YAMLError) as exc:  # not UTF-8 (a ValueError), not JSON or YAML
        raise UsageError(key="not_a_dataset", file=data, reason=exc) from None
    except RecursionError:  # the parsers recurse: nested too deeply
        from smartstd._error_messages import Phrase

        reason = Phrase("嵌套过深，解析器无法读取", "nested too deeply to be parsed")
        raise UsageError(key="not_a_dataset", file=data, reason=reason) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
        raise UsageError(key="dataset_no_entities", file=data)
    return [r for r in doc["entities"] if isinstance(r, dict)]


def _refuse_non_finite(records: list[dict[str, Any]], data: object) -> None:
    """A NaN or an infinity (Python's JSON reader takes them) cannot be exported as JSON."""
    from smartstd.interchange.values import non_finite

    for index, record in enumerate(records):
        for _node, _key, pointer, text in non_finite(record):
            raise UsageError(
                key="export_not_finite",
                file=data if isinstance(data, str | Path) else "data",
                index=index + 1,  # counted from 1, as people count
                id=record.get("id"),
                pointer=pointer,
                value=text,
            )


def export(
    data: str | Path | dict[str, Any] | list[dict[str, Any]],
    target: str,
    *,
    key_values: bool = False,
    xml: bool = False,
    crosswalk: str | Path | Crosswalk | None = None,
) -> str:
    """A dataset's records in another format, as text.

    Args:
        data: an SCDS dataset file (JSON, NDJSON, YAML), a dataset dict, or records.
        target: one of :data:`EXPORT_FORMATS`.
        key_values: NGSI keyValues (v2) or concise (LD) instead of normalized.
        xml: Open311 as XML instead of JSON.
        crosswalk: the crosswalk whose reverse tables give source values.

    Raises:
        UsageError: an unknown format, data that is not a dataset, or a record
            holding NaN or an infinity (JSON holds neither).
    """
    import json

    if target not in EXPORT_FORMATS:
        raise UsageError(key="unknown_export_format", name=target, known=", ".join(EXPORT_FORMATS))
    cw = ConvertOptions(crosswalk=crosswalk).resolved_crosswalk()
    records = _records(data)
    _refuse_non_finite(records, data)
    if target == "geojson":
        from smartstd.interchange._geojson_write import to_geojson

        return to_geojson(records)
    if target == "open311":
        from smartstd.interchange.open311 import to_open311

        return to_open311(records, cw, xml)
    from smartstd.interchange.fiware import to_ngsi

    form = {
        ("ngsi-ld", False): "ngsi-ld",
        ("ngsi-ld", True): "ngsi-ld-concise",
        ("ngsi-v2", False): "ngsi-v2",
        ("ngsi-v2", True): "ngsi-v2-keyvalues",
    }[(target, key_values)]
    out = [to_ngsi(r, cw, form) for r in records if "type" in r and "id" in r]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
