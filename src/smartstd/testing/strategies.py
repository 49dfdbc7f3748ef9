"""Hypothesis strategies for SCDS documents, derived from the standard's models.

Every strategy here produces **JSON-ready data** (dicts, lists, strings,
numbers, booleans, ``None``): what a data file holds, not model objects.
Feed the result to your own importer, to ``json.dumps``, or to
:func:`smartstd.standard.entity_adapter`.

The strategies are not written by hand per entity: they read each model's
``model_fields``, the annotations and their metadata (patterns, bounds,
lengths, code lists, timestamp and date types, nested models, unions), so an
entity type or field added to the standard is covered without touching this
module. Cross-field rules that the JSON Schema states (a ServiceProfile needs
``household_id`` or ``resident_id``) and closed polygon rings are honoured.

Example:
    >>> from hypothesis import given
    >>> from smartstd.testing import strategies as scds
    >>> @given(scds.entity("Community"))
    ... def test_import(doc):
    ...     assert doc["type"] == "Community"

Generated values are deliberately small (short lists, short strings) so that
hundreds of examples run in seconds. References between entities of a
dataset are not made to resolve: a generated dataset is structurally valid
(conformance level L1), not referentially consistent.

Hypothesis 策略：由标准模型自动推导，生成可直接写入数据文件的 JSON 数据。
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from smartstd.errors import UnsupportedTypeError, UsageError

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as exc:  # pragma: no cover - exercised only without Hypothesis
    raise ImportError(
        "smartstd.testing.strategies needs Hypothesis: pip install 'hypothesis>=6.100'"
    ) from exc


# The marker of fields of linear rings that must be closed.
from smartstd.standard._base import (
    EXTENSION_FIELD_PATTERN,
    ID_PATTERN,
    LANG_TAG_PATTERN,
    Entity,
    SCDSModel,
)
from smartstd.standard.codes import CODE_LISTS, NAMESPACED_CODE_PATTERN
from smartstd.standard.dataset import ENTITY_TYPES, STANDARD_VERSION, Envelope
from smartstd.testing.specs import FieldSpec, Kind, TypeSpec, field_specs, required_alternatives

__all__ = [
    "FieldSpec",
    "Kind",
    "TypeSpec",
    "code",
    "conformant_datasets",
    "dataset",
    "date",
    "declare_prefixes",
    "entities",
    "entity",
    "envelope",
    "extension_fields",
    "extension_key",
    "field_specs",
    "from_model",
    "identifier",
    "json_values",
    "localized_text",
    "namespaced_code",
    "required_alternatives",
    "timestamp",
]

#: Characters for free text: any Unicode scalar value (no lone surrogates,
#: which JSON encoders and decoders disagree about).
_CHARS = st.characters(codec="utf-8")
#: Default sizes: small examples keep hundreds of them fast.
_TEXT_MAX = 24
_LIST_EXTRA = 3
_INT_SPAN = 10**6
_FLOAT_SPAN = 1e6
_LANG_TAGS = ("zh-CN", "en", "zh-Hant-HK", "yue", "en-GB", "zh")
_EXTENSION_EXAMPLES = ("gz:lingnan_style", "panyu:note", "gz:local_code")
_CODE_EXAMPLES = ("gz:local_code", "panyu:dragon_boat_club")


# --------------------------------------------------------------------------- leaves


def identifier() -> SearchStrategy[str]:
    """An entity identifier (``id`` and every ``*_id`` reference).

    Returns:
        A strategy for strings matching the standard's id pattern.
    """
    return st.from_regex(ID_PATTERN, fullmatch=True)


def timestamp(*, min_year: int = 1970, max_year: int = 2100) -> SearchStrategy[str]:
    """An RFC 3339 date-time, always with an offset (``Z`` or ``±hh:mm``).

    Args:
        min_year: the earliest year.
        max_year: the latest year.

    Returns:
        A strategy for timestamp strings such as ``2026-05-01T09:30:00+08:00``.
    """
    offsets = st.integers(-12 * 4, 14 * 4).map(
        lambda quarters: dt.timezone(dt.timedelta(minutes=15 * quarters))
    )
    moments = st.datetimes(
        min_value=dt.datetime(min_year, 1, 1),
        max_value=dt.datetime(max_year, 12, 31, 23, 59, 59),
        timezones=st.one_of(
            st.just(dt.timezone.utc), st.just(dt.timezone(dt.timedelta(hours=8))), offsets
        ),
    )
    return st.builds(
        _render_timestamp,
        moments,
        st.sampled_from(("seconds", "milliseconds", "microseconds")),
        st.booleans(),
    )


def _render_timestamp(moment: dt.datetime, timespec: str, zulu: bool) -> str:
    text = moment.isoformat(timespec=timespec)
    if zulu and text.endswith("+00:00"):
        text = text[: -len("+00:00")] + "Z"
    return text


def date(*, min_year: int = 1900, max_year: int = 2100) -> SearchStrategy[str]:
    """An ISO 8601 calendar date (``2026-05-01``).

    Args:
        min_year: the earliest year.
        max_year: the latest year.

    Returns:
        A strategy for date strings.
    """
    return st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31)).map(dt.date.isoformat)


def localized_text(*, min_size: int = 1, max_size: int = 3) -> SearchStrategy[dict[str, str]]:
    """A LocalizedText: BCP 47 language tags to non-empty strings.

    Args:
        min_size: the fewest languages (the standard needs at least one).
        max_size: the most languages.

    Returns:
        A strategy for dicts such as ``{"zh-CN": "钟村社区", "en": "Zhongcun"}``.
    """
    tags = st.one_of(st.sampled_from(_LANG_TAGS), st.from_regex(LANG_TAG_PATTERN, fullmatch=True))
    return st.dictionaries(
        tags,
        st.text(_CHARS, min_size=1, max_size=_TEXT_MAX),
        min_size=max(1, min_size),
        max_size=max(max_size, min_size, 1),
    )


def namespaced_code() -> SearchStrategy[str]:
    """An extension code of an open code list (``gz:dragon_boat_club``).

    Returns:
        A strategy for namespaced codes.
    """
    return st.one_of(
        st.sampled_from(_CODE_EXAMPLES), st.from_regex(NAMESPACED_CODE_PATTERN, fullmatch=True)
    )


def code(list_name: str) -> SearchStrategy[str]:
    """A code of a code list; for an open list, occasionally a namespaced one.

    Args:
        list_name: the name of a list of :data:`smartstd.standard.CODE_LISTS`.

    Returns:
        A strategy for codes the list accepts.

    Raises:
        KeyError: if there is no such list.
    """
    code_list = CODE_LISTS[list_name]
    listed = st.sampled_from(code_list.values)
    if code_list.closed:
        return listed
    return st.one_of(listed, listed, listed, namespaced_code())


def extension_key(pattern: str = EXTENSION_FIELD_PATTERN) -> SearchStrategy[str]:
    """A namespaced extension field name (``prefix:name``).

    Args:
        pattern: the extension key pattern of the version to write (default:
            the latest's; ``EXTENSION_FIELD_PATTERNS["1.0.0"]`` for 1.0.0 data).

    Returns:
        A strategy for field names that every object of the standard accepts.
    """
    return st.one_of(st.sampled_from(_EXTENSION_EXAMPLES), st.from_regex(pattern, fullmatch=True))


def json_values() -> SearchStrategy[Any]:
    """Any JSON value, small: null, booleans, numbers, strings, lists, objects.

    Integers stay within ±2**53 and floats are finite, so every JSON
    implementation reads them back unchanged.

    Returns:
        A strategy for JSON values.
    """
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**53), 2**53),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(_CHARS, max_size=16),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.text(_CHARS, max_size=8), children, max_size=3),
        ),
        max_leaves=6,
    )


def extension_fields(
    *, max_size: int = 2, pattern: str = EXTENSION_FIELD_PATTERN
) -> SearchStrategy[dict[str, Any]]:
    """Namespaced extension fields with JSON values (``{"gz:lingnan_style": true}``).

    Args:
        max_size: the most fields.
        pattern: the extension key pattern of the version to write.

    Returns:
        A strategy for dicts to merge into any object of the standard.
    """
    return st.dictionaries(extension_key(pattern), json_values(), max_size=max_size)


# --------------------------------------------------------------------------- specs -> strategies


def _text(
    pattern: str | None, min_length: int | None, max_length: int | None
) -> SearchStrategy[str]:
    low = min_length or 0
    if pattern is None:
        high = low + _TEXT_MAX if max_length is None else min(max_length, low + _TEXT_MAX)
        return st.text(_CHARS, min_size=low, max_size=high)
    # An end-anchored pattern is generated whole; an open-ended one (``^https?://``)
    # gets arbitrary text after the part it prescribes.
    strings = st.from_regex(pattern, fullmatch=pattern.endswith("$"), alphabet=_CHARS)
    if min_length is None and max_length is None:
        return strings
    top = math.inf if max_length is None else max_length
    return strings.filter(lambda s: low <= len(s) <= top)


def _integers(spec: TypeSpec) -> SearchStrategy[int]:
    low = _int_low(spec.ge, spec.gt)
    high = _int_high(spec.le, spec.lt)
    if low is None:
        low = -1000 if high is None else high - _INT_SPAN
    if high is None:
        high = low + _INT_SPAN
    return st.integers(low, high)


def _int_low(ge: float | None, gt: float | None) -> int | None:
    bounds = [math.ceil(ge)] if ge is not None else []
    if gt is not None:
        bounds.append(math.floor(gt) + 1)
    return max(bounds) if bounds else None


def _int_high(le: float | None, lt: float | None) -> int | None:
    bounds = [math.floor(le)] if le is not None else []
    if lt is not None:
        bounds.append(math.ceil(lt) - 1)
    return min(bounds) if bounds else None


def _numbers(
    ge: float | None, gt: float | None, le: float | None, lt: float | None
) -> SearchStrategy[float | int]:
    low = gt if ge is None or (gt is not None and gt >= ge) else ge
    high = lt if le is None or (lt is not None and lt <= le) else le
    floats = st.floats(
        min_value=-_FLOAT_SPAN if low is None else low,
        max_value=_FLOAT_SPAN if high is None else high,
        exclude_min=low is not None and low == gt,
        exclude_max=high is not None and high == lt,
        allow_nan=False,
        allow_infinity=False,
    )
    # JSON has one number type: whole numbers are valid for a float field too.
    int_low = _int_low(ge, gt)
    int_high = _int_high(le, lt)
    ints = st.integers(
        -int(_FLOAT_SPAN) if int_low is None else int_low,
        int(_FLOAT_SPAN) if int_high is None else int_high,
    )
    if int_low is not None and int_high is not None and int_low > int_high:
        return floats
    return st.one_of(floats, floats, floats, ints)


def _from_json_schema(schema: Any) -> SearchStrategy[Any]:
    """Values valid against a small JSON Schema (the explicit schemas of special types)."""
    if schema is True or schema == {}:
        return json_values()
    if not isinstance(schema, Mapping):
        raise UnsupportedTypeError(key="cannot_generate_schema", schema=schema)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(list(schema["enum"]))
    for key in ("anyOf", "oneOf"):
        if key in schema:
            rest = {k: v for k, v in schema.items() if k != key}
            return st.one_of([_from_json_schema({**rest, **branch}) for branch in schema[key]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([_from_json_schema({**schema, "type": k}) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        return _text(schema.get("pattern"), schema.get("minLength"), schema.get("maxLength"))
    if kind in ("integer", "number"):
        ge, gt = schema.get("minimum"), schema.get("exclusiveMinimum")
        le, lt = schema.get("maximum"), schema.get("exclusiveMaximum")
        if kind == "integer":
            return _integers(TypeSpec("integer", ge=ge, gt=gt, le=le, lt=lt))
        return _numbers(ge, gt, le, lt)
    if kind == "array":
        return _json_array(schema)
    if kind == "object":
        return _json_object(schema)
    raise UnsupportedTypeError(key="cannot_generate_schema", schema=schema)


def _json_array(schema: Mapping[str, Any]) -> SearchStrategy[list[Any]]:
    prefix = [_from_json_schema(s) for s in schema.get("prefixItems", ())]
    items = schema.get("items", True)
    rest = None if items is False else _from_json_schema(items)
    low = schema.get("minItems", 0)
    high = schema.get("maxItems", max(low, len(prefix)) + _LIST_EXTRA)
    if rest is None:
        high = min(high, len(prefix))
    high = min(high, max(low, len(prefix)) + _LIST_EXTRA)

    def of_length(n: int) -> SearchStrategy[list[Any]]:
        parts = [prefix[i] if i < len(prefix) else rest for i in range(n)]
        return st.tuples(*[p for p in parts if p is not None]).map(list)

    return st.integers(low, high).flatmap(of_length)


def _json_object(schema: Mapping[str, Any]) -> SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", ()))
    fixed = st.fixed_dictionaries(
        {k: _from_json_schema(v) for k, v in properties.items() if k in required},
        optional={k: _from_json_schema(v) for k, v in properties.items() if k not in required},
    )
    extra = schema.get("additionalProperties", False)
    if extra is False:
        return fixed
    names = schema.get("propertyNames", {})
    keys = _text(names.get("pattern"), names.get("minLength"), names.get("maxLength"))
    more = st.dictionaries(
        keys.filter(lambda k: k not in properties),
        _from_json_schema(extra),
        min_size=max(0, schema.get("minProperties", 0) - len(required)),
        max_size=max(_LIST_EXTRA, schema.get("minProperties", 0)),
    )
    return st.builds(lambda a, b: {**b, **a}, fixed, more)


def _close_rings(rings: list[list[Any]]) -> list[list[Any]]:
    return [[*ring[:-1], list(ring[0])] for ring in rings]


def _non_null(spec: TypeSpec, extensions: bool) -> SearchStrategy[Any]:
    """Values of ``spec`` other than null."""
    kind = spec.kind
    if kind == "string":
        return _text(spec.pattern, spec.min_length, spec.max_length)
    if kind == "integer":
        return _integers(spec)
    if kind == "number":
        return _numbers(spec.ge, spec.gt, spec.le, spec.lt)
    if kind == "boolean":
        return st.booleans()
    if kind == "literal":
        return st.sampled_from(spec.values)
    if kind == "code":
        assert spec.code_list is not None
        return code(spec.code_list)
    if kind == "timestamp":
        return timestamp()
    if kind == "date":
        return date()
    if kind == "localized_text":
        return localized_text(min_size=spec.min_length or 1)
    if kind == "model":
        assert spec.model is not None
        return from_model(spec.model, extensions=extensions)
    if kind == "list":
        low = spec.min_length or 0
        high = (
            low + _LIST_EXTRA
            if spec.max_length is None
            else min(spec.max_length, low + _LIST_EXTRA)
        )
        lists = st.lists(_value(spec.items[0], extensions), min_size=low, max_size=high)
        return lists.map(_close_rings) if spec.closed_rings else lists
    if kind == "dict":
        key, value = spec.items
        low = spec.min_length or 0
        return st.dictionaries(
            _value(key, extensions),
            _value(value, extensions),
            min_size=low,
            max_size=low + _LIST_EXTRA if spec.max_length is None else spec.max_length,
        )
    if kind == "union":
        return st.one_of([_non_null(member, extensions) for member in spec.items])
    if kind == "json":
        return _from_json_schema(spec.json_schema)
    return json_values()


def _value(spec: TypeSpec, extensions: bool) -> SearchStrategy[Any]:
    values = _non_null(spec, extensions)
    return st.one_of(st.none(), values) if spec.nullable else values


def _merge(body: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    return {**body, **extra}


def _build_model(
    model: type[SCDSModel],
    extensions: bool,
    overrides: Mapping[str, SearchStrategy[Any]],
) -> SearchStrategy[dict[str, Any]]:
    specs = field_specs(model)
    options = []
    for alternative in required_alternatives(model) or ((),):
        required: dict[str, SearchStrategy[Any]] = {}
        optional: dict[str, SearchStrategy[Any]] = {}
        for spec in specs:
            if spec.name in overrides:
                required[spec.name] = overrides[spec.name]
            elif spec.name in alternative:
                required[spec.name] = _non_null(spec.type, extensions)
            elif spec.required:
                required[spec.name] = _value(spec.type, extensions)
            else:
                optional[spec.name] = _value(spec.type, extensions)
        options.append(st.fixed_dictionaries(required, optional=optional))
    body: SearchStrategy[dict[str, Any]] = st.one_of(options)
    if extensions:
        more = extension_fields(pattern=model.__extension_key__.pattern)
        body = st.builds(_merge, body, st.one_of(st.just({}), more))
    fix = _FIXES.get(model.__name__)
    return body.map(fix) if fix is not None else body


def _target_in_range(target: dict[str, Any]) -> dict[str, Any]:
    """A pilot target whose value lies in its indicator's range (1.1.0 bounds targets)."""
    from smartstd.standard.programme import target_range

    value, indicator = target.get("value"), target.get("indicator")
    bounds = target_range(indicator) if isinstance(indicator, str) else None
    if bounds is None or not isinstance(value, (int, float)) or isinstance(value, bool):
        return target
    low, high = bounds
    if (low is not None and value < low) or (high is not None and value > high):
        # fold the value into the range, keeping its fraction when it has room
        span = (high - low) if high is not None and low is not None else None
        low_ = low if low is not None else 0.0
        target = {**target, "value": low_ + (abs(value) % span if span else abs(value))}
    return target


#: Values a model's field metadata cannot say, fixed after drawing, by model name.
_FIXES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {"Target": _target_in_range}


@functools.cache
def _cached_model(model: type[SCDSModel], extensions: bool) -> SearchStrategy[dict[str, Any]]:
    return st.deferred(lambda: _build_model(model, extensions, {}))


# --------------------------------------------------------------------------- public composites


def from_model(
    model: type[SCDSModel], *, extensions: bool = True
) -> SearchStrategy[dict[str, Any]]:
    """JSON objects valid for any model of the standard (entity or nested object).

    Required fields are always present; optional ones are sometimes left out
    and, where the model allows it, sometimes ``null``.

    Args:
        model: an :class:`~smartstd.standard.SCDSModel` subclass.
        extensions: whether objects (at every level) sometimes carry
            namespaced extension fields.

    Returns:
        A strategy for dicts that ``model.model_validate`` accepts.
    """
    return _cached_model(model, extensions)


def _entity_class(type_: str | type[Entity]) -> type[Entity]:
    if isinstance(type_, str):
        try:
            return ENTITY_TYPES[type_]
        except KeyError:
            known = ", ".join(ENTITY_TYPES)
            raise UsageError(key="unknown_entity_type", name=type_, known=known) from None
    if type_ not in ENTITY_TYPES.values():
        raise UsageError(key="not_an_entity_type", value=type_)
    return type_


def entity(type_: str | type[Entity], *, extensions: bool = True) -> SearchStrategy[dict[str, Any]]:
    """Entities of one type, as JSON objects (one NDJSON line, one array item).

    Args:
        type_: the entity type, by name (``"Community"``) or class.
        extensions: whether objects sometimes carry namespaced extension fields.

    Returns:
        A strategy for entity dicts with ``id`` and ``type`` set.

    Raises:
        ValueError: if ``type_`` is not an entity type of the standard.
    """
    return from_model(_entity_class(type_), extensions=extensions)


def entities(
    *, types: Iterable[str | type[Entity]] | None = None, extensions: bool = True
) -> SearchStrategy[dict[str, Any]]:
    """Entities of any type (or of the given types).

    Args:
        types: the entity types to draw from; all of them if ``None``.
        extensions: whether objects sometimes carry namespaced extension fields.

    Returns:
        A strategy for entity dicts.

    Raises:
        ValueError: if a type is unknown or ``types`` is empty.
    """
    classes = list(ENTITY_TYPES.values()) if types is None else [_entity_class(t) for t in types]
    if not classes:
        raise UsageError(key="strategy_needs_types", function="entities")
    return st.one_of([from_model(cls, extensions=extensions) for cls in classes])


def envelope(
    *, standard_version: str | None = STANDARD_VERSION, extensions: bool = True
) -> SearchStrategy[dict[str, Any]]:
    """Dataset envelopes (the first line of an NDJSON dataset).

    Args:
        standard_version: the ``standard_version`` to write; ``None`` for any
            version the schema allows (any semantic version).
        extensions: whether the envelope sometimes carries namespaced extension fields.

    Returns:
        A strategy for envelope dicts.
    """
    if standard_version is None:
        return from_model(Envelope, extensions=extensions)
    return _build_model(Envelope, extensions, {"standard_version": st.just(standard_version)})


def declare_prefixes(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` (a dataset) with every namespaced prefix it uses declared in its ``extensions``.

    A field ``gz:lingnan_style`` or a code ``gz:meal_subsidy`` needs its prefix
    declared (SC107); an undeclared one gets ``https://example.org/scds/<prefix>``.
    """
    from smartstd.conformance.structure import extension_prefixes

    used: set[str] = set()
    body = {k: v for k, v in doc.items() if k != "entities"}
    used.update(p for p, _ in extension_prefixes(body))
    for e in doc.get("entities") or ():
        used.update(p for p, _ in extension_prefixes(e))
    declared = dict(doc.get("extensions") or {})
    missing = sorted(used - declared.keys())
    if not missing:
        return doc
    declared.update({p: f"https://example.org/scds/{p}" for p in missing})
    return {**doc, "extensions": declared}


def dataset(
    *,
    min_entities: int = 0,
    max_entities: int = 10,
    types: Iterable[str | type[Entity]] | None = None,
    standard_version: str | None = STANDARD_VERSION,
    extensions: bool = True,
) -> SearchStrategy[dict[str, Any]]:
    """Whole datasets (a JSON document): an envelope with an ``entities`` array.

    Conformant at level L1: entity ids are unique, and every namespaced prefix
    the data uses is declared in the envelope (:func:`declare_prefixes`).
    References are not made to resolve (see the module docstring); for data
    that conforms at L2 or L3 use :func:`conformant_datasets`.

    Args:
        min_entities: the fewest entities.
        max_entities: the most entities.
        types: the entity types to draw from; all of them if ``None``.
        standard_version: the ``standard_version`` to write; ``None`` for any
            version the schema allows. The entities are those of that
            version's models (``"1.0.0"``: no field 1.1.0 added, 1.0.0's
            extension keys); the latest models for any other version.
        extensions: whether objects sometimes carry namespaced extension fields.

    Returns:
        A strategy for dataset dicts that the version's ``Dataset`` accepts.
    """
    from smartstd.standard.modelset import judged_version, models_for

    ms = models_for(judged_version(standard_version))
    if types is None:
        classes = list(ms.entity_types.values())
    else:
        classes = [ms.entity_types[_entity_class(t).__name__] for t in types]
    if not classes:
        raise UsageError(key="strategy_needs_types", function="dataset")
    items = st.lists(
        st.one_of([from_model(cls, extensions=extensions) for cls in classes]),
        min_size=min_entities,
        max_size=max(min_entities, max_entities),
        unique_by=lambda e: str(e["id"]),
    )
    overrides: dict[str, SearchStrategy[Any]] = {"entities": items}
    if standard_version is not None:
        overrides["standard_version"] = st.just(standard_version)
    return _build_model(ms.dataset, extensions, overrides).map(declare_prefixes)


def conformant_datasets(
    level: str = "L1", *, max_entities: int = 10
) -> SearchStrategy[dict[str, Any]]:
    """Whole datasets that conform at ``level`` (``"L1"``, ``"L2"`` or ``"L3"``).

    L1: :func:`dataset` (any entity types, structurally valid). L2 and L3: a
    small community from :func:`smartstd.generate.generate` with a drawn seed
    and drawn counts, with its governance charter (the data refers to it),
    whose references resolve and whose rules hold. Shrinking goes towards seed 0 and the fewest
    entities.

    Args:
        level: the conformance level the data must reach.
        max_entities: at L1, the most entities.

    Raises:
        ValueError: for another level.
    """
    if level == "L1":
        return dataset(max_entities=max_entities)
    if level not in ("L2", "L3"):
        raise UsageError(key="bad_level", level=level)
    return st.builds(
        _generated,
        seed=st.integers(min_value=0, max_value=2**16),
        dwellings=st.integers(min_value=1, max_value=8),
        residents_per_household=st.integers(min_value=1, max_value=3),
        observations=st.integers(min_value=0, max_value=10),
        requests=st.integers(min_value=0, max_value=6),
        # the data refers to the charter (purposes, data categories): L2 needs it too
        charter=st.just(True),
    )


def _generated(
    seed: int,
    dwellings: int,
    residents_per_household: int,
    observations: int,
    requests: int,
    charter: bool,
) -> dict[str, Any]:
    """One small generated community as a dataset document."""
    from smartstd.generate import counts_for, generate

    counts = counts_for(
        "community",
        buildings_per_community=1,
        dwellings=dwellings,
        households=dwellings,
        residents=dwellings * residents_per_household,
        profiles=min(3, dwellings),
        observations=observations,
        requests=requests,
        consultations=1,
        alerts=2,
    )
    records = list(generate(seed=seed, counts=counts, charter=charter))
    return {**records[0], "entities": records[1:]}
