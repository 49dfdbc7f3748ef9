"""Open311 GeoReport v2 <-> SCDS: service requests (JSON and XML) and the service list.

Every field GeoReport v2 defines for a request lands somewhere: mapped
fields in the ``ServiceRequest`` (``requested_datetime`` -> ``submitted_at``,
``lat``/``long`` -> ``location.geometry``), the rest as extension fields
under their own names (``open311:status_notes``, ``open311:service_code``).
The code of a request's category comes through the crosswalk table
``open311.service_code``; its status through ``open311.status``; its channel
is the crosswalk's default (a 12345 hotline export says nothing of it),
marked as imputed.

Exporting writes the spec's fields back, and everything of the standard
that Open311 has no field for (event history, response, requester,
satisfaction, channel, community) in ``extended_attributes``, so nothing is
lost either way. XML is read with :mod:`smartstd.interchange._xml`, which
refuses any DTD or entity.

Open311 GeoReport v2 与标准之间的转换：规范定义的每个字段都有去处；
标准特有的字段导出到 extended_attributes。
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import TYPE_CHECKING, Any

from smartstd.interchange import values

if TYPE_CHECKING:
    from smartstd.interchange._xml import Element
    from smartstd.interchange.conversion import Conversion, Draft
    from smartstd.interchange.crosswalk import Crosswalk

__all__ = [
    "REQUEST_FIELDS",
    "SERVICE_FIELDS",
    "TooManyRequests",
    "from_document",
    "read_request_fields",
    "records_of",
    "services_crosswalk",
    "to_open311",
    "write_request_fields",
]

_PREFIX = "open311"

#: The fields GeoReport v2 defines for a service request (GET requests), in spec order.
REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)
#: The fields GeoReport v2 defines for a service (GET services).
SERVICE_FIELDS = (
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
)

_MAPPED = frozenset({"description", "submitted_at", "due_at"})


def _present(v: Any) -> bool:
    return v is not None and v != ""


def _read_extended(d: Draft, fields: dict[str, Any], place: str, used: set[str]) -> set[str]:
    """Take the standard's fields and namespaced keys from ``extended_attributes``."""
    extended = fields.get("extended_attributes")
    taken: set[str] = set()
    if isinstance(extended, dict):
        from smartstd.standard.dataset import ENTITY_TYPES

        known = ENTITY_TYPES["ServiceRequest"].model_fields
        for key, value in extended.items():
            if key in known or ":" in key:
                d.set(key, value, f"{place}/extended_attributes/{key}")
                taken.add(key)
        used.add("extended_attributes")
    return taken


def _read_coded(
    d: Draft, cw: Crosswalk, prefix: str, field: str, source: str, raw: Any, where: str
) -> None:
    """A coded field through its crosswalk table (``open311.<source>``); CV124 when absent."""
    if not _present(raw):
        d.issue("CV124", field, field=field)
        return
    table = f"open311.{source}"
    hit = cw.table(table).lookup(str(raw), prefix)
    d.set(field, hit.code, where)
    d.mark(field, "crosswalk", f"{source} {raw!r} via {table}", where)
    if not hit.exact:
        d.issue("CV300", field, value=str(raw), table=table, code=hit.code)


def _read_times(
    d: Draft, cw: Crosswalk, fields: dict[str, Any], place: str, used: set[str]
) -> None:
    """``requested_datetime`` and ``expected_datetime``, with the crosswalk's offset if none."""
    for name, field in (("requested_datetime", "submitted_at"), ("expected_datetime", "due_at")):
        raw = fields.get(name)
        if not _present(raw):
            continue
        where = f"{place}/{name}"
        try:
            out, how = values.timestamp(raw, cw.timezone)
        except ValueError as exc:
            d.issue("CV120", field, where, value=str(raw), expected=str(exc))
            continue
        d.set(field, out, where)
        if how is None:
            used.add(name)
        else:
            d.issue("CV123", field, where, value=str(raw), offset=cw.timezone, result=out)
            d.mark(field, "default", f"{name} {raw!r} has no offset; {cw.timezone} assumed", where)


def _read_location(
    conv: Conversion,
    d: Draft,
    fields: dict[str, Any],
    place: str,
    taken: set[str],
    used: set[str],
) -> None:
    """``lat``, ``long`` and ``address`` as the location; ``media_url`` as the media."""
    loc: dict[str, Any] = {}
    lat, lon = fields.get("lat"), fields.get("long")
    if "location" in taken:
        used.update(("lat", "long", "address"))
    if "media_urls" in taken:
        used.add("media_url")
    if _present(lat) and _present(lon) and "location" not in taken:
        try:
            point = [values.real(lon), values.real(lat)]
            if not (-90 <= point[1] <= 90 and -180 <= point[0] <= 180):
                raise ValueError("a latitude from -90 to 90 and a longitude from -180 to 180")
        except ValueError as exc:
            said = (
                values.DECIMAL_COMMA,
                "a latitude from -90 to 90 and a longitude from -180 to 180",
            )
            expected = str(exc) if str(exc) in said else "a latitude and longitude"
            d.issue(
                "CV120",
                "location",
                f"{place}/lat",
                value=f"lat {lat}; long {lon}",
                expected=expected,
            )
        else:
            loc["geometry"] = {"type": "Point", "coordinates": point}
            used.update(("lat", "long"))
    if _present(fields.get("address")) and "location" not in taken:
        loc["address"] = {conv.options.language: str(fields["address"])}
        used.add("address")
    if loc:
        d.set("location", loc, f"{place}/{'lat' if 'geometry' in loc else 'address'}")
    media = fields.get("media_url")
    urls = _media_urls(media) if _present(media) else []
    if urls and "media_urls" not in taken:
        d.set("media_urls", urls, f"{place}/media_url")
        if isinstance(media, str):  # a list (Boston's: objects with url, id, tags) stays as well
            used.add("media_url")


def _media_urls(media: Any) -> list[str]:
    """The web addresses of ``media_url``: one text, or a list of texts or ``{"url": ...}``."""
    items = media if isinstance(media, list) else [media]
    urls = [x.get("url") if isinstance(x, dict) else x for x in items]
    return [u for u in urls if isinstance(u, str) and re.match(r"^https?://", u)]


def read_request_fields(
    conv: Conversion,
    d: Draft,
    fields: dict[str, Any],
    place: str,
    prefix: str = _PREFIX,
    *,
    skip_id: bool = False,
) -> set[str]:
    """Map one request's Open311 fields into a draft; returns the fields used up.

    Fields not used up are for the caller to keep as extension fields.
    """
    used: set[str] = set()
    cw = conv.crosswalk
    taken = _read_extended(d, fields, place, used)
    if not skip_id and _present(fields.get("service_request_id")):
        d.set("id", str(fields["service_request_id"]), f"{place}/service_request_id")
        used.add("service_request_id")
    status = fields.get("status")
    if "status" not in taken:
        _read_coded(d, cw, prefix, "status", "status", status, f"{place}/status")
    if _present(status) and str(status) in ("open", "closed"):
        used.add("status")
    if "category" not in taken:
        code = fields.get("service_code")
        _read_coded(d, cw, prefix, "category", "service_code", code, f"{place}/service_code")
    if _present(fields.get("description")):
        d.set("description", str(fields["description"]), f"{place}/description")
        used.add("description")
    _read_times(d, cw, fields, place, used)
    _read_location(conv, d, fields, place, taken, used)
    channel = cw.default(f"{prefix}.channel") or cw.default(f"{prefix}.request_channel")
    if "channel" not in taken and channel:
        d.impute("channel", channel, "default", "Open311 does not say how the request came in")
    from smartstd.standard.dataset import ENTITY_TYPES

    if (
        "history" in ENTITY_TYPES["ServiceRequest"].model_fields
        and "history" not in taken
        and "events" not in taken
        and d.record.get("status") not in (None, "submitted")
    ):
        d.impute("history", "partial", "derived", "Open311 holds no event history")
    return used


def write_request_fields(
    rec: dict[str, Any], cw: Crosswalk, prefix: str = _PREFIX
) -> dict[str, Any]:
    """One SCDS request as Open311 fields (spec fields first, then ``extended_attributes``)."""
    from smartstd.standard.lifecycle import open311_status

    ext = {k[len(prefix) + 1 :]: v for k, v in rec.items() if k.startswith(f"{prefix}:")}
    out: dict[str, Any] = {}
    out["service_request_id"] = ext.pop("service_request_id", rec.get("id"))
    status = rec.get("status")
    if status is not None:
        known = isinstance(status, str) and status in _STATUSES
        out["status"] = open311_status(status) if known else status
    resp = _obj(rec.get("response"))
    notes = ext.pop("status_notes", resp.get("text"))
    if notes is not None:
        out["status_notes"] = notes
    category = rec.get("category", "")
    out["service_name"] = ext.pop("service_name", _label(category))
    out["service_code"] = ext.pop(
        "service_code", cw.table("open311.service_code").source_value(category)
    )
    if "description" in rec:
        out["description"] = rec["description"]
    agency = ext.pop("agency_responsible", rec.get("assigned_to_id"))
    if agency is not None:
        out["agency_responsible"] = agency
    if "service_notice" in ext:
        out["service_notice"] = ext.pop("service_notice")
    if "submitted_at" in rec:
        out["requested_datetime"] = rec["submitted_at"]
    updated = ext.pop("updated_datetime", None)
    events = rec.get("events")
    if updated is None and isinstance(events, list):
        times = [e["at"] for e in events if isinstance(e, dict) and isinstance(e.get("at"), str)]
        updated = max(times, default=None)
    if updated:
        out["updated_datetime"] = updated
    if "due_at" in rec:
        out["expected_datetime"] = rec["due_at"]
    loc = _obj(rec.get("location"))
    addr = loc.get("address")
    if isinstance(addr, dict) and addr:
        out["address"] = next(iter(addr.values()))
    for name in ("address_id", "zipcode"):
        if name in ext:
            out[name] = ext.pop(name)
    geom = loc.get("geometry")
    coords = geom.get("coordinates") if isinstance(geom, dict) else None
    if isinstance(coords, list) and len(coords) >= 2:
        out["lat"], out["long"] = coords[1], coords[0]
    media = rec.get("media_urls")
    if isinstance(media, list) and media:
        out["media_url"] = media[0]
    extended = {
        k: v
        for k, v in rec.items()
        if k not in ("id", "type", *_MAPPED)
        and not k.startswith(f"{prefix}:")
        and k != "fiware:type"
    }
    for k, v in ext.items():
        extended[f"{prefix}:{k}"] = v
    if extended:
        out["extended_attributes"] = extended
    return out


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


_STATUSES = frozenset(
    {
        "submitted",
        "acknowledged",
        "assigned",
        "in_progress",
        "resolved",
        "closed",
        "rejected",
        "withdrawn",
    }
)


def _label(code: Any) -> Any:
    from smartstd.standard.codes import CODE_LISTS

    if not isinstance(code, str):
        return code
    c = CODE_LISTS["request_category"].get(code)
    return c.zh if c is not None else code


# ----------------------------------------------------------------------------- documents


_XML_DEPTH = 50  # elements inside a request's field (no real document nests so deep)


def _xml_fields(children: list[Element], depth: int = 0) -> dict[str, Any]:
    """Elements as fields; an element given twice (two ``media_url``) is a list, nothing lost."""
    by_tag: dict[str, list[Element]] = {}
    for el in children:
        by_tag.setdefault(el.tag, []).append(el)
    return {
        tag: [_xml_value(e, depth) for e in els] if len(els) > 1 else _xml_value(els[0], depth)
        for tag, els in by_tag.items()
    }


def _xml_value(el: Element, depth: int = 0) -> Any:
    """An element's value: its text, or, when it holds elements, those as an object or a list.

    ``<photos><photo>a</photo><photo>b</photo></photos>`` is ``["a", "b"]``;
    ``<attribute><code>A</code><value>1</value></attribute>`` is
    ``{"code": "A", "value": "1"}``.

    Raises:
        ValueError: elements nested deeper than any request's field.
    """
    if not el.children:
        return el.text.strip()
    if depth >= _XML_DEPTH:
        raise ValueError(f"line {el.line}, column 1: elements nested more than {_XML_DEPTH} deep")
    fields = _xml_fields(el.children, depth + 1)
    if len(el.children) > 1 and len(fields) == 1:  # a list of one kind of element
        (only,) = fields.values()
        return only
    return fields


def _xml_records(root: Element) -> list[tuple[dict[str, Any], int]]:
    out = []
    for child in root.children:
        special = [el for el in child.children if el.tag in ("extended_attributes", "keywords")]
        fields = _xml_fields([el for el in child.children if el not in special])
        for el in special:
            if el.tag == "extended_attributes":
                try:
                    fields[el.tag] = json.loads(el.text) if el.text.strip() else {}
                except (ValueError, RecursionError):  # elements, or text that is no JSON
                    fields[el.tag] = _xml_fields(el.children) if el.children else el.text.strip()
            elif el.children:
                fields[el.tag] = ",".join(sub.text for sub in el.children)
            else:
                fields[el.tag] = el.text.strip()
        out.append((fields, child.line))
    return out


def records_of(
    data: bytes, name: str, xml: bool, limit: int | None = None
) -> list[tuple[dict[str, Any], str]]:
    """The records of an Open311 document, each with its place.

    A JSON array longer than ``limit`` is counted one item at a time, never
    held parsed, and raises :class:`TooManyRequests`.

    Raises:
        ValueError: it does not parse (with where).
        smartstd.interchange._xml.XmlRefused: XML with a DTD or entity.
        TooManyRequests: more than ``limit`` items in a JSON array.
    """
    if xml:
        from smartstd.interchange import _xml

        root = _xml.parse(data)
        return [(f, f"{name}:{line}") for f, line in _xml_records(root)]
    text = data.decode("utf-8-sig")
    if limit is not None and text.lstrip().startswith("["):
        from smartstd.interchange._json import items

        # text that does not parse is said below, by the parse, in Open311's words
        with contextlib.suppress(ValueError):
            for n, _item in items(text, name):
                if n >= limit:
                    raise TooManyRequests(n + 1)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        from smartstd.interchange._json import too_deep

        raise ValueError(too_deep(text, name)) from None
    if isinstance(doc, dict):
        for key in ("service_requests", "requests", "services"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
        else:
            doc = [doc]
    if not isinstance(doc, list):
        raise ValueError("a JSON array of requests")
    return [(item, f"{name}#/{i}") for i, item in enumerate(doc)]


class TooManyRequests(Exception):
    """More requests than the limit; ``args[0]`` is how many were counted."""


#: The fields of an Open311 error answer (GeoReport v2 "Errors").
_ERROR_FIELDS = frozenset({"code", "description"})


def from_document(conv: Conversion, records: list[tuple[dict[str, Any], str]]) -> None:
    """Convert Open311 requests into drafts of the conversion."""
    for fields, place in records:
        conv.read += 1
        if not isinstance(fields, dict) or not ({"service_request_id", "token"} & set(fields)):
            reason = "no service_request_id"
            if isinstance(fields, dict) and "code" in fields and set(fields) <= _ERROR_FIELDS:
                # a server's error answer saved as the export (<errors><error>, [{"code": 403}])
                text = " ".join(str(fields.get("description", "")).split())
                reason = f"an Open311 error answer (code {fields['code']}): {text}"
            conv.issue("CV103", place, expected="an Open311 request", reason=reason)
            conv.drop(place, "request", "not an Open311 request", fields)
            continue
        d = conv.draft("ServiceRequest", place, _PREFIX)
        used = read_request_fields(conv, d, fields, place)
        if "id" not in d.record:
            token = fields.get("token")
            if _present(token) and isinstance(token, (str, int)):  # a POST answer before the id
                note = "no service_request_id; made from the request's token"
                d.impute("id", f"token-{token}", "derived", note, f"{place}/token")
            else:
                d.issue("CV124", "/id", place, field="service_request_id")
        for name, value in fields.items():
            if name in used or not _present(value):
                continue
            d.keep(name, value, f"{place}/{name}")


def to_open311(records: list[dict[str, Any]], cw: Crosswalk, xml: bool) -> str:
    """The service requests of a dataset as an Open311 ``requests`` document."""
    reqs = [write_request_fields(r, cw) for r in records if r.get("type") == "ServiceRequest"]
    if not xml:
        return json.dumps(reqs, ensure_ascii=False, indent=2) + "\n"
    from xml.sax.saxutils import escape

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<service_requests>"]
    for req in reqs:
        lines.append("  <request>")
        for key, value in req.items():
            if key == "extended_attributes":
                text = escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
                lines.append(f'    <extended_attributes format="json">{text}</extended_attributes>')
            else:
                lines.append(f"    <{key}>{escape(str(value))}</{key}>")
        lines.append("  </request>")
    lines.append("</service_requests>")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- service list

_KEYWORDS = (
    (
        "environment",
        (
            "垃圾",
            "卫生",
            "环境",
            "garbage",
            "trash",
            "litter",
            "graffiti",
            "sanitation",
            "dumping",
            "clean",
        ),
    ),
    (
        "repair",
        (
            "维修",
            "报修",
            "路灯",
            "井盖",
            "repair",
            "pothole",
            "streetlight",
            "sidewalk",
            "curb",
            "broken",
            "leak",
        ),
    ),
    ("safety_hazard", ("安全", "隐患", "危险", "hazard", "danger", "unsafe")),
    ("inquiry", ("咨询", "查询", "inquiry", "question", "information")),
    ("suggestion", ("建议", "suggest", "idea")),
    ("dispute", ("纠纷", "调解", "dispute", "neighbor")),
    ("praise", ("表扬", "感谢", "praise", "thanks")),
    ("complaint", ("投诉", "噪音", "complaint", "noise")),
)


def services_crosswalk(
    records: list[tuple[dict[str, Any], str]], name: str
) -> tuple[str, list[str]]:
    """A crosswalk YAML text from an Open311 service list, and the codes it had to guess.

    Each service code maps to the request category its name, group or
    keywords suggest; a code nothing suggests maps to ``complaint`` and is
    listed (and commented in the file) for a person to check.
    """
    import yaml

    guessed: list[str] = []
    rows = []
    for fields, _place in records:
        code = fields.get("service_code")
        if not _present(code):
            continue
        text = " ".join(
            str(fields.get(k, "")) for k in ("service_name", "group", "keywords", "description")
        ).lower()
        cat = next((c for c, words in _KEYWORDS if any(w in text for w in words)), None)
        if cat is None:
            guessed.append(str(code))
        rows.append((str(code), cat or "complaint", str(fields.get("service_name", ""))))
    body = {
        "crosswalk": 1,
        "name": re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")[:64] or "services",
        "timezone": "+08:00",
        "defaults": {"open311.channel": "hotline_12345"},
        "tables": {
            "open311.service_code": {
                "list": "request_category",
                "map": {c: cat for c, cat, _ in rows},
            }
        },
    }
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    notes = "\n".join(
        f"#   {c}: {n}{'   <- guessed, check' if c in guessed else ''}" for c, _, n in rows
    )
    header = (
        "# Made by smartstd from an Open311 service list; check each mapping.\n"
        "# 由 smartstd 根据 Open311 服务列表生成；请逐项核对。\n"
        f"# services:\n{notes}\n"
    )
    return header + text, guessed
