"""Shared building blocks of the standard's models.

Conventions (STANDARD.md, "Conventions") that every model follows:

* objects are closed: an unknown field is an error unless it is namespaced
  (``gz:lingnan_style``); namespaced extension fields are kept on every round
  trip (they live in ``model_extra``);
* timestamps carry an offset; dates are ISO 8601 dates;
* text for people is :data:`LocalizedText`;
* geometry is GeoJSON ``Point``, ``Polygon`` or (from 1.1.0) ``MultiPolygon``,
  longitude first;
* a field added by a later version of the standard says so
  (``F(..., added_in="1.1.0")``); :func:`smartstd.standard.models_for` builds
  an older version's models by leaving such fields out;
* every field, entity and code has a title and a description in zh-CN and en.

约定：对象是封闭的（未知字段是错误，带命名空间前缀的扩展字段除外，且在往返中保留）；
时间戳必须带时区偏移；面向人的文本用多语言文本；几何用 GeoJSON。
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from smartstd.standard.codes import code_type

__all__ = [
    "EXTENSION_FIELD_PATTERN",
    "EXTENSION_FIELD_PATTERNS",
    "ID_PATTERN",
    "INTEGRAL",
    "LANG_TAG_PATTERN",
    "LATEST",
    "TIMESTAMP_PATTERN",
    "Area",
    "ClosedRings",
    "Date",
    "Entity",
    "F",
    "Geometry",
    "Id",
    "LocalizedText",
    "MultiPolygon",
    "Point",
    "Polygon",
    "PostalAddress",
    "Provenance",
    "Ref",
    "SCDSModel",
    "Timestamp",
    "added_in",
    "i18n",
    "open_rings",
    "refs",
]

#: Identifier of every entity.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
#: The version of the standard the models of this package define (the latest).
LATEST = "1.1.0"
#: A namespaced extension field: ``prefix:name``; from 1.1.0 the name keeps a
#: source system's own spelling (``fiware:streamURL``).
EXTENSION_FIELD_PATTERN = r"^[a-z][a-z0-9]{0,15}:[A-Za-z][A-Za-z0-9_]{0,63}$"
#: The extension field pattern of each version of the standard.
EXTENSION_FIELD_PATTERNS: dict[str, str] = {
    "1.0.0": r"^[a-z][a-z0-9]{0,15}:[a-z][a-z0-9_]{0,63}$",
    "1.1.0": EXTENSION_FIELD_PATTERN,
}
#: A BCP 47 language tag (simplified: language, optional script, region, variants).
LANG_TAG_PATTERN = r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-[a-zA-Z0-9]{5,8})*$"
_YEAR = r"([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LEAP_YEAR = r"([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
#: A real calendar date (the pattern knows month lengths and leap years).
_CALENDAR = (
    rf"({_YEAR}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    rf"|02-(0[1-9]|1[0-9]|2[0-8]))|{_LEAP_YEAR}-02-29)"
)
#: RFC 3339 date-time with a mandatory offset (no leap seconds).
TIMESTAMP_PATTERN = (
    rf"^{_CALENDAR}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{{1,9}})?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
#: An ISO 8601 calendar date.
DATE_PATTERN = rf"^{_CALENDAR}$"

# Python's ``$`` also matches before a final newline, JSON Schema's (ECMA-262)
# does not: every pattern of the standard is matched whole, with ``fullmatch``.
_EXT = re.compile(EXTENSION_FIELD_PATTERN)
#: Python 3.11's ``fromisoformat`` reads any number of fraction digits.
_FROMISO_ANY_FRACTION = sys.version_info >= (3, 11)
_TS = re.compile(TIMESTAMP_PATTERN)
_DATE = re.compile(DATE_PATTERN)


def i18n(zh_title: str, en_title: str, zh_desc: str = "", en_desc: str = "") -> dict[str, Any]:
    """The bilingual JSON Schema annotations of a field, entity or code.

    ``title`` and ``description`` carry both languages (English first, then
    Chinese) for readers of the raw schema; ``x-i18n`` carries them apart for
    tools and the docs.
    """
    en_d = en_desc or en_title
    zh_d = zh_desc or zh_title
    return {
        "title": f"{en_title} / {zh_title}",
        "description": f"{en_d} / {zh_d}",
        "x-i18n": {
            "en": {"title": en_title, "description": en_d},
            "zh-CN": {"title": zh_title, "description": zh_d},
        },
    }


def F(
    zh_title: str,
    en_title: str,
    zh_desc: str = "",
    en_desc: str = "",
    added_in: str | None = None,
    **kwargs: Any,
) -> Any:
    """A pydantic ``Field`` with bilingual title and description.

    Keyword arguments go to :func:`pydantic.Field` (``default``, ``ge``,
    ``pattern``, ...). ``json_schema_extra`` given here is merged.
    ``added_in`` names the version of the standard that added the field
    (``"1.1.0"``); an older version's models leave it out.
    """
    extra = i18n(zh_title, en_title, zh_desc, en_desc)
    title = extra.pop("title")
    description = extra.pop("description")
    more = kwargs.pop("json_schema_extra", None) or {}
    extra.update(more)
    if added_in is not None:
        extra["x-added-in"] = added_in
    return Field(title=title, description=description, json_schema_extra=extra, **kwargs)


# --------------------------------------------------------------------------- time


def _parse_timestamp(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise PydanticCustomError(
                "naive_timestamp",
                "a timestamp needs an offset, e.g. 2026-05-01T09:30:00+08:00",
            )
        return value
    if isinstance(value, str):
        if not _TS.fullmatch(value):
            if _TS.fullmatch(value + "Z") or _TS.fullmatch(value.replace(" ", "T", 1) + "Z"):
                raise PydanticCustomError(
                    "naive_timestamp",
                    "a timestamp needs an offset, e.g. 2026-05-01T09:30:00+08:00",
                )
            raise PydanticCustomError(
                "timestamp_format",
                "not an RFC 3339 date-time with offset, e.g. 2026-05-01T09:30:00+08:00",
            )
        text = (
            value
            if value[10] == "T" and value[-1] != "z"
            else value.replace("t", "T").replace("z", "Z")
        )
        if text[-1] == "Z":
            text = text[:-1] + "+00:00"
        try:
            return dt.datetime.fromisoformat(
                text if _FROMISO_ANY_FRACTION else _trim_fraction(text)
            )
        except ValueError as exc:
            raise PydanticCustomError(
                "timestamp_format", "not a valid date-time: {error}", {"error": str(exc)}
            ) from None
    raise PydanticCustomError("timestamp_type", "a timestamp must be a string")


def _trim_fraction(text: str) -> str:
    # Python 3.10's fromisoformat takes 3 or 6 fraction digits only.
    m = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)$", text)
    if not m or not m.group(2):
        return text
    frac = (m.group(2)[1:] + "000000")[:6]
    return f"{m.group(1)}.{frac}{m.group(3)}"


def _serialize_timestamp(value: dt.datetime) -> str:
    return value.isoformat()


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "a date, not a date-time, e.g. 2026-05-01")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not _DATE.fullmatch(value):
            raise PydanticCustomError("date_format", "not an ISO 8601 date, e.g. 2026-05-01")
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "date_format", "not a valid date: {error}", {"error": str(exc)}
            ) from None
    raise PydanticCustomError("date_type", "a date must be a string")


def _integral(value: Any) -> Any:
    # JSON Schema counts 5.0 as an integer; so does the standard.
    if type(value) is float and value.is_integer():
        return int(value)
    return value


#: Put after an integer's constraints: a number with a zero fraction (``5.0``) is
#: an integer, as in JSON Schema (``Annotated[int, Field(ge=0), INTEGRAL]``).
INTEGRAL = BeforeValidator(_integral)


#: A date-time with an offset (RFC 3339). A naive time is invalid.
Timestamp = Annotated[
    dt.datetime,
    BeforeValidator(_parse_timestamp),
    PlainSerializer(_serialize_timestamp, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": TIMESTAMP_PATTERN}),
]

#: An ISO 8601 calendar date.
Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]

#: An entity identifier (also the type of every ``*_id`` reference).
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def _check_localized(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise PydanticCustomError("localized_text_empty", "needs at least one language")
    return value


#: Text for people: BCP 47 tags to strings, at least one entry.
LocalizedText = Annotated[
    dict[Annotated[str, Field(pattern=LANG_TAG_PATTERN)], Annotated[str, Field(min_length=1)]],
    AfterValidator(_check_localized),
    WithJsonSchema(
        {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": LANG_TAG_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
            **i18n(
                "多语言文本",
                "Localized text",
                '以 BCP 47 语言标签为键的文本，至少一种语言，例如 {"zh-CN": "钟村社区"}。',
                'Text keyed by BCP 47 language tags, at least one, e.g. {"zh-CN": "钟村社区"}.',
            ),
        }
    ),
]


# --------------------------------------------------------------------------- models


def added_in(info: Any) -> str | None:
    """The version that added a field (a pydantic ``FieldInfo``), or ``None`` for 1.0.0's."""
    extra = getattr(info, "json_schema_extra", None)
    found = extra.get("x-added-in") if isinstance(extra, dict) else None
    return found if isinstance(found, str) else None


def _closed_schema(schema: dict[str, Any], cls: type[Any]) -> None:
    schema["additionalProperties"] = False
    schema["patternProperties"] = {cls.__extension_key__.pattern: {}}
    doc = getattr(cls, "__i18n__", None)
    if doc:
        schema.update(i18n(*doc))


class SCDSModel(BaseModel):
    """Base of every model of the standard: closed, with namespaced extensions.

    Unknown fields are rejected unless namespaced (``prefix:name``); those are
    kept in :attr:`model_extra` and written back by :meth:`model_dump`.
    Entities and nested objects set ``__i18n__`` to ``(zh_title, en_title,
    zh_description, en_description)``.
    """

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        frozen=False,
        validate_assignment=False,
        str_strip_whitespace=False,
        allow_inf_nan=False,  # JSON has no NaN or Infinity (SC100 when a file has them)
        ser_json_inf_nan="strings",
        json_schema_extra=_closed_schema,
        use_enum_values=True,
        # validators are built on first use, so a check builds only what it uses
        defer_build=True,
    )

    __i18n__: ClassVar[tuple[str, str, str, str]] = ("", "", "", "")
    #: The version of the standard this class belongs to.
    __standard_version__: ClassVar[str] = LATEST
    #: The extension field keys this class accepts (its version's pattern).
    __extension_key__: ClassVar[re.Pattern[str]] = _EXT

    @model_validator(mode="after")
    def _only_namespaced_extras(self) -> SCDSModel:
        extra = self.__pydantic_extra__
        if extra:
            key = type(self).__extension_key__
            bad = [k for k in extra if not key.fullmatch(k)]
            if bad:
                raise PydanticCustomError(
                    "unknown_field",
                    "unknown field(s) {fields}: not part of the standard and not namespaced "
                    "(use prefix:name for extensions)",
                    {"fields": ", ".join(sorted(bad))},
                )
        return self

    @property
    def extension_fields(self) -> dict[str, Any]:
        """The namespaced extension fields of this object."""
        return dict(self.__pydantic_extra__ or {})

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: set fields only (so a round trip is exact), extensions kept."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


@dataclass(frozen=True)
class Ref:
    """A reference field of an entity type.

    Attributes:
        path: the field's path inside the entity; ``"*"`` stands for every item
            of a list (``("events", "*", "actor_id")``).
        types: the entity types the reference may name.
        kinds: for references to organisations, the kinds allowed (empty: any).
    """

    path: tuple[str, ...]
    types: tuple[str, ...]
    kinds: tuple[str, ...] = ()


def refs(
    *specs: tuple[str, str | tuple[str, ...]] | tuple[str, str | tuple[str, ...], tuple[str, ...]],
) -> tuple[Ref, ...]:
    """Build :class:`Ref` records from ``("a.*.b", "Type"[, kinds])`` tuples."""
    out = []
    for spec in specs:
        types = spec[1] if isinstance(spec[1], tuple) else (spec[1],)
        kinds = spec[2] if len(spec) > 2 else ()
        out.append(Ref(tuple(spec[0].split(".")), types, kinds))
    return tuple(out)


class Imputation(SCDSModel):
    """A value an importer had to supply or guess, and how (1.1.0)."""

    __i18n__ = (
        "推定值",
        "Imputation",
        "导入时补充或推定的字段，以及推定方法。",
        "A field an importer supplied or guessed, and how.",
    )
    field: str = F(
        "字段",
        "Field",
        "记录内的 JSON 指针，例如 /community_id。",
        "A JSON Pointer into the record, e.g. /community_id.",
        pattern=r"^(/([^~/]|~[01])*)+$",
        max_length=512,
    )
    method: code_type("imputation_method") = F("推定方法", "Method")
    note: str | None = F("说明", "Note", max_length=1000, default=None)


class Provenance(SCDSModel):
    """Where a record came from, and which of its values were imputed (1.1.0)."""

    __i18n__ = (
        "来源",
        "Provenance",
        "记录的来源系统、来源标识与推定值。",
        "The record's source system, its id there, and which values were imputed.",
    )
    source_system: str = F(
        "来源系统",
        "Source system",
        "如 12345、fiware、open311、xlsx。",
        "e.g. 12345, fiware, open311, xlsx.",
        min_length=1,
        max_length=128,
    )
    source_id: str | None = F(
        "来源标识",
        "Source id",
        "记录在来源系统中的标识。",
        "The record's id in the source system.",
        min_length=1,
        max_length=256,
        default=None,
    )
    source_uri: str | None = F(
        "来源地址",
        "Source URI",
        "记录在来源系统中的地址（URI）。",
        "Where the record is in the source system (a URI).",
        min_length=1,
        max_length=2048,
        default=None,
    )
    imported_at: Timestamp | None = F("导入时间", "Imported at", default=None)
    imputed: list[Imputation] = F(
        "推定值",
        "Imputed values",
        "导入时推定的字段；未列出的字段来自来源记录。",
        "Fields the importer guessed; a field not listed came from the source record.",
        default_factory=list,
    )


_ADDRESS_PARTS = (
    "country",
    "province",
    "city",
    "district",
    "street",
    "road",
    "number",
    "building",
    "unit",
    "room",
    "postal_code",
)


class PostalAddress(SCDSModel):
    """A structured postal address (1.1.0), beside the free-text ``address``."""

    __i18n__ = (
        "结构化地址",
        "Postal address",
        "按省、市、区、街道、道路、门牌、楼、单元、房间与邮编分项的地址，至少填一项。",
        "An address in parts (province, city, district, street, road, number, building,"
        " unit, room, postal code); at least one part.",
    )
    country: str | None = F(
        "国家",
        "Country",
        "ISO 3166-1 二位代码。",
        "ISO 3166-1 alpha-2 code.",
        pattern=r"^[A-Z]{2}$",
        default=None,
    )
    province: str | None = F("省", "Province", min_length=1, max_length=64, default=None)
    city: str | None = F("市", "City", min_length=1, max_length=64, default=None)
    district: str | None = F("区县", "District", min_length=1, max_length=64, default=None)
    street: str | None = F(
        "乡镇街道",
        "Street (township)",
        "街道办事处或乡镇。",
        "The street office or township.",
        min_length=1,
        max_length=64,
        default=None,
    )
    road: str | None = F("道路", "Road", min_length=1, max_length=128, default=None)
    number: str | None = F("门牌号", "Number", min_length=1, max_length=32, default=None)
    building: str | None = F("楼栋", "Building", min_length=1, max_length=64, default=None)
    unit: str | None = F("单元", "Unit", min_length=1, max_length=32, default=None)
    room: str | None = F("房间", "Room", min_length=1, max_length=32, default=None)
    postal_code: str | None = F(
        "邮政编码", "Postal code", "六位数字。", "Six digits.", pattern=r"^[0-9]{6}$", default=None
    )

    @model_validator(mode="after")
    def _one_part(self) -> PostalAddress:
        if not any(getattr(self, name) is not None for name in _ADDRESS_PARTS):
            raise PydanticCustomError(
                "address_empty", "a postal address needs at least one part (city, road, ...)"
            )
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        target["anyOf"] = [
            {"required": [name], "properties": {name: {"type": "string"}}}
            for name in _ADDRESS_PARTS
        ]
        return schema


class Entity(SCDSModel):
    """An entity of the standard: it has an ``id`` and a ``type``."""

    id: Id = F(
        "标识",
        "Identifier",
        "数据集中此类实体的唯一标识。",
        "Unique id of this entity in its dataset.",
    )
    provenance: Provenance | None = F(
        "来源",
        "Provenance",
        "记录来自哪个系统、哪些值是推定的（1.1.0 起）。",
        "Which system the record came from and which values were imputed (from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )

    #: The reference fields of this entity type.
    __references__: ClassVar[tuple[Ref, ...]] = ()

    @model_validator(mode="after")
    def _type_is_set(self) -> Entity:
        # ``type`` has a default for convenience in Python, but it is always written out.
        self.__pydantic_fields_set__.add("type")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        req = target.setdefault("required", [])
        for name in ("id", "type"):
            if name not in req:
                req.insert(0 if name == "id" else 1, name)
        props = target.get("properties")
        if isinstance(props, dict) and "provenance" in props:
            props["provenance"] = props.pop("provenance")  # written last, after the fields
        return schema


# --------------------------------------------------------------------------- geometry


def _check_position(pos: list[float]) -> list[float]:
    if not -180 <= pos[0] <= 180:
        raise PydanticCustomError("longitude_range", "longitude must be between -180 and 180")
    if not -90 <= pos[1] <= 90:
        raise PydanticCustomError("latitude_range", "latitude must be between -90 and 90")
    return pos


_LONGITUDE = {"type": "number", "minimum": -180, "maximum": 180}
_LATITUDE = {"type": "number", "minimum": -90, "maximum": 90}

#: A GeoJSON position: longitude, latitude and an optional altitude. In JSON
#: Schema, two whole tuples (of two and of three numbers): a tuple with an
#: optional last item is refused by strict validators (ajv's ``strictTuples``).
Position = Annotated[
    list[float],
    Field(min_length=2, max_length=3),
    AfterValidator(_check_position),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "array",
                    "prefixItems": [_LONGITUDE, _LATITUDE],
                    "minItems": 2,
                    "maxItems": 2,
                    "items": False,
                },
                {
                    "type": "array",
                    "prefixItems": [_LONGITUDE, _LATITUDE, {"type": "number"}],
                    "minItems": 3,
                    "maxItems": 3,
                    "items": False,
                },
            ]
        }
    ),
]


class ClosedRings:
    """Marks a field of linear rings that must be closed (metadata for tools; checked by SC103)."""


def open_rings(rings: list[list[Any]]) -> list[int]:
    """The indexes of the rings of a polygon that do not end where they start (RFC 7946 3.1.6)."""
    return [i for i, ring in enumerate(rings) if ring and list(ring[0]) != list(ring[-1])]


class Point(SCDSModel):
    """A GeoJSON Point: longitude, latitude (RFC 7946)."""

    __i18n__ = ("点", "Point", "GeoJSON 点，经度在前。", "A GeoJSON Point, longitude first.")
    type: Literal["Point"] = F("几何类型", "Geometry type")
    coordinates: Position = F("坐标", "Coordinates", "[经度, 纬度]", "[longitude, latitude]")
    bbox: list[float] | None = F("外包框", "Bounding box", default=None)


class Polygon(SCDSModel):
    """A GeoJSON Polygon: closed linear rings, the first is the exterior."""

    __i18n__ = (
        "面",
        "Polygon",
        "GeoJSON 面，首个环为外环。",
        "A GeoJSON Polygon; the first ring is the exterior.",
    )
    type: Literal["Polygon"] = F("几何类型", "Geometry type")
    coordinates: Annotated[
        list[Annotated[list[Position], Field(min_length=4)]],
        Field(min_length=1),
        ClosedRings(),
    ] = F(
        "坐标环",
        "Rings",
        "线性环，首尾坐标必须相同（由规则 SC103 检查，JSON Schema 无法表达）。",
        "Linear rings; each must end where it starts (checked by rule SC103: JSON Schema cannot say it).",
    )
    bbox: list[float] | None = F("外包框", "Bounding box", default=None)


class MultiPolygon(SCDSModel):
    """A GeoJSON MultiPolygon: polygons of closed linear rings (1.1.0)."""

    __i18n__ = (
        "多面",
        "MultiPolygon",
        "GeoJSON 多面，例如由几栋相连建筑组成的轮廓。",
        "A GeoJSON MultiPolygon, e.g. the outline of joined buildings.",
    )
    type: Literal["MultiPolygon"] = F("几何类型", "Geometry type")
    coordinates: Annotated[
        list[
            Annotated[
                list[Annotated[list[Position], Field(min_length=4)]],
                Field(min_length=1),
                ClosedRings(),
            ]
        ],
        Field(min_length=1),
    ] = F(
        "坐标",
        "Polygons",
        "面的列表；每个面的线性环首尾坐标必须相同（由规则 SC103 检查）。",
        "Polygons; each linear ring must end where it starts (checked by rule SC103).",
    )
    bbox: list[float] | None = F("外包框", "Bounding box", default=None)


#: A GeoJSON geometry of the standard.
Geometry = Annotated[Point | Polygon, Field(discriminator="type")]
#: A footprint or an area: a GeoJSON Polygon or MultiPolygon (1.1.0).
Area = Annotated[Polygon | MultiPolygon, Field(discriminator="type")]
