"""Structural validation of one record: the fast path and its findings (SC103-SC108).

A record is validated from the parsed value with pydantic-core (a
discriminated union on ``type``); a :class:`pydantic.ValidationError` is
turned into hits that keep the JSON Pointer and the pydantic error type.

结构校验：用 pydantic-core 快速校验单条记录，把错误转换为带 JSON 指针的检查结果。
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from smartstd.conformance.rule import Hit
from smartstd.report import Path
from smartstd.standard.codes import CODE_LISTS
from smartstd.standard.dataset import ENTITY_TYPES, STANDARD_VERSION, Envelope
from smartstd.standard.introspect import code_fields, code_values, object_fields, text_fields
from smartstd.standard.modelset import ModelSet, judged_version, models_for

__all__ = [
    "codes_may_hold_prefixes",
    "data_may_hold_prefixes",
    "extension_prefixes",
    "may_hold_prefixes",
    "open_code_fields",
    "text_may_hold_prefixes",
    "validate_entity",
    "validate_envelope",
]

#: What every namespaced key or code starts with (a code's name may start with a digit).
_PREFIX_HINT = re.compile(r'"[a-z][a-z0-9]{0,15}:[A-Za-z0-9]')
#: The same on UTF-8 bytes (an ASCII pattern matches the same bytes as text).
_PREFIX_HINT_B = re.compile(_PREFIX_HINT.pattern.encode("ascii"))
#: An extension field key of any version (1.1.0's pattern holds 1.0.0's).
_EXT_KEY = re.compile(r"^([a-z][a-z0-9]{0,15}):[A-Za-z][A-Za-z0-9_]{0,63}$")
#: The SC103 error types that :func:`smartstd.advice.advise` may say more about.
_ADVISED = frozenset({"string_pattern_mismatch", "string_type"})
_NS_CODE = re.compile(r"^([a-z][a-z0-9]{0,15}):[a-z0-9][a-z0-9_]{0,63}$")

#: The errors of a GeoJSON position's range check, and the item each is about.
_COORDINATE = {"longitude_range": 0, "latitude_range": 1}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _non_finite_at(raw: Any, loc: Path) -> bool:
    """Whether ``loc`` leads to NaN or an infinity in ``raw`` (union member tags end the walk)."""
    value = raw
    for part in loc:
        in_dict = isinstance(value, dict) and part in value
        if not in_dict and not (
            isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        ):
            break
        value = value[part]
    return isinstance(value, float) and not math.isfinite(value)


def suggest(name: str, candidates: Any) -> str | None:
    """The candidate closest to ``name`` (a likely typo), or ``None``.

    >>> suggest("divison_code", ["division_code", "name"])
    'division_code'
    >>> suggest("Organisation", ["Organization", "Resident"])
    'Organization'
    """
    if not isinstance(name, str):
        return None
    import difflib  # only for a name that is wrong

    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    if not found:
        lowered = {str(c).lower(): c for c in candidates}
        return lowered.get(name.lower())
    return str(found[0])


def _ctx(ctx: Any) -> dict[str, Any]:
    """An error's context as plain JSON values (for the Chinese message)."""
    if not isinstance(ctx, dict):
        return {}
    return {str(k): _jsonable(v) for k, v in ctx.items()}


def _model_of(raw: Any, strip_tag: bool) -> type[BaseModel] | None:
    if not strip_tag:
        return Envelope
    if isinstance(raw, dict) and isinstance(raw.get("type"), str):
        return ENTITY_TYPES.get(raw["type"])
    return None


def _unknown_keys(raw: Any, model: type[BaseModel]) -> list[str]:
    """The top-level keys of ``raw`` that are neither fields of ``model`` nor namespaced."""
    if not isinstance(raw, dict):
        return []
    known = set(model.model_fields)
    skip = {"entities"} if model is Envelope else set()
    return [
        k
        for k in raw
        if isinstance(k, str) and k not in known and k not in skip and not _EXT_KEY.fullmatch(k)
    ]


def _with_unknown_fields(
    hits: list[Hit], raw: Any, strip_tag: bool, hints: int | None = None
) -> list[Hit]:
    """Add SC106 for unknown keys and the nearest known name to SC103, SC104 and SC106.

    pydantic says nothing of unknown keys when a field fails, so a typo
    (``divison_code``) showed only as a missing field; both are reported now.

    ``hints``: at most this many SC103 and this many SC106 hits get a nearest
    name, the first ones (a record lists no more findings of one rule than
    :attr:`Limits.max_findings_per_rule_per_record`, so a hint after those is
    never seen; a record of 160,000 unknown keys took 8.5 s of CPU, 2.6 s now).
    """
    model = _model_of(raw, strip_tag)
    if model is None:
        for i, hit in enumerate(hits):
            if hit.code == "SC104" and isinstance(raw, dict):
                near = suggest(str(raw.get("type")), ENTITY_TYPES)
                if near:
                    hits[i] = Hit(hit.code, hit.path, {**hit.params, "suggestion": near})
        return hits
    fields = list(model.model_fields)
    unknown = _unknown_keys(raw, model)
    reported = {h.path for h in hits if h.code == "SC106"}
    for name in unknown:
        if (name,) not in reported:
            hits.append(Hit("SC106", (name,), {"field": name}))
    out: list[Hit] = []
    room: dict[str, int | None] = {"SC103": hints, "SC106": hints}  # None: no bound
    for hit in hits:
        near = None
        left = room.get(hit.code, 0)
        if left is not None:
            if left <= 0:  # another rule's hit, or past the bound
                out.append(hit)
                continue
            room[hit.code] = left - 1
        if hit.code == "SC106" and len(hit.path) == 1:
            near = suggest(str(hit.path[0]), fields)
        elif (
            hit.code == "SC103" and hit.params.get("error_type") == "missing" and len(hit.path) == 1
        ):
            near = suggest(str(hit.path[0]), unknown)
        out.append(Hit(hit.code, hit.path, {**hit.params, "suggestion": near}) if near else hit)
    return out


def _hits_from_error(
    exc: ValidationError,
    strip_tag: bool,
    raw: Any = None,
    record: Any = None,
    hints: int | None = None,
) -> list[Hit]:
    """The hits of a validation error; ``record`` (the value validated) adds SC106 and hints."""
    return _with_unknown_fields(_error_hits(exc, strip_tag, raw), record, strip_tag, hints)


def _error_hits(exc: ValidationError, strip_tag: bool, raw: Any = None) -> list[Hit]:
    hits: list[Hit] = []
    try:
        errors = exc.errors(include_url=False)
    except UnicodeError:  # a message that cannot be rendered (a lone surrogate in it)
        return [
            Hit(
                "SC103",
                (),
                {
                    "error_type": "string_unicode",
                    "detail": "a string holds a lone surrogate (an escape such as \\ud800"
                    " that is not half of a pair), which is not a Unicode character",
                },
            )
        ]
    for err in errors:
        loc: Path = tuple(err.get("loc", ()))
        etype = err.get("type", "")
        if strip_tag and loc and isinstance(loc[0], str) and loc[0] in ENTITY_TYPES:
            loc = loc[1:]
        if raw is not None and _non_finite_at(raw, loc):
            # NaN or an infinity, which only the readers let through: they
            # report it themselves (SC100, reason nan), once
            continue
        ctx = err.get("ctx") or {}
        if etype in ("union_tag_invalid",):
            hits.append(
                Hit(
                    "SC104",
                    ("type",),
                    {"type": _jsonable(ctx.get("tag")), "expected": ", ".join(ENTITY_TYPES)},
                )
            )
            continue
        if etype == "union_tag_not_found":
            hits.append(
                Hit(
                    "SC103",
                    ("type",),
                    {"error_type": "missing", "detail": "the entity has no type"},
                )
            )
            continue
        if etype == "unknown_field":
            for name in str(ctx.get("fields", "")).split(", "):
                if name:
                    hits.append(Hit("SC106", (*loc, name), {"field": name}))
            continue
        if etype == "naive_timestamp":
            hits.append(Hit("SC108", loc, {"value": _jsonable(err.get("input"))}))
            continue
        params: dict[str, Any] = {"error_type": etype, "detail": err.get("msg", "")}
        if ctx:
            params["ctx"] = _ctx(ctx)
        value = err.get("input")
        if etype in _COORDINATE and isinstance(value, list) and len(value) >= 2:
            # a position's check sees the pair: point at the number that is out of range
            axis = _COORDINATE[etype]
            loc, value = (*loc, axis), value[axis]
        if etype != "missing":
            params["value"] = _jsonable(value)
        if etype in _ADVISED:  # an identifier written another way: say what to write
            from smartstd.advice import advise  # only when a record has such an error

            advice = advise(loc, err.get("input"), ctx.get("pattern"))
            if advice is not None:
                params.update(advice)
        hits.append(Hit("SC103", loc, params))
    return hits


def validate_entity(
    raw: Any, *, read: bool = False, models: ModelSet | None = None, hints: int | None = None
) -> tuple[Any | None, list[Hit]]:
    """Validate one entity; return the model (or ``None``) and the structural hits.

    ``read``: the entity comes from smartstd's readers, which report NaN and the
    infinities themselves (SC100): their SC103 is then left out, so that each is
    reported once. A value built in Python gets its SC103. ``models``: the
    version's models to validate with (default: the latest). ``hints``: at
    most this many SC103 and SC106 hits get a nearest name (default: all).
    """
    if not isinstance(raw, dict):
        return None, [
            Hit(
                "SC103",
                (),
                {"error_type": "model_type", "detail": "an entity must be a JSON object"},
            )
        ]
    try:
        return (models or models_for(STANDARD_VERSION)).entity_adapter().validate_python(raw), []
    except ValidationError as exc:
        return None, _hits_from_error(
            exc, strip_tag=True, raw=raw if read else None, record=raw, hints=hints
        )


def validate_envelope(
    raw: dict[str, Any], models: ModelSet | None = None
) -> tuple[Envelope | None, list[Hit]]:
    """Validate the envelope fields of a document (``entities`` excluded).

    ``models``: the version's models (default: those of the version the
    envelope declares, when this package has them; else the latest).
    """
    body = {k: v for k, v in raw.items() if k != "entities"}
    if models is None:
        declared = raw.get("standard_version")
        models = models_for(judged_version(declared if isinstance(declared, str) else None))
    try:
        return models.envelope.model_validate(body), []
    except ValidationError as exc:
        return None, _hits_from_error(exc, strip_tag=False, raw=body, record=body)


#: By entity class: its code fields of open lists, top-level and lists of codes.
_OPEN_CODE_FIELDS: dict[type[BaseModel], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def open_code_fields(cls: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An entity class's top-level fields that take codes of an open list.

    Returns the fields that hold one code and the fields that hold a list of
    codes. Only open lists admit namespaced codes (``gz:meal_subsidy``); a
    closed list's field never validates with one.
    """
    found = _OPEN_CODE_FIELDS.get(cls)
    if found is None:
        paths = [p for p, name in code_fields(cls.__name__) if not CODE_LISTS[name].closed]
        found = _OPEN_CODE_FIELDS[cls] = (
            tuple(p[0] for p in paths if len(p) == 1),
            tuple(p[0] for p in paths if len(p) == 2 and p[1] == "*"),
        )
    return found


def codes_may_hold_prefixes(model: BaseModel) -> bool:
    """Whether a top-level code of an open list in a validated entity is namespaced."""
    singles, lists = open_code_fields(model.__class__)
    values = model.__dict__
    for name in singles:
        value = values.get(name)
        if type(value) is str and ":" in value:
            return True
    for name in lists:
        items = values.get(name)
        if items and any(type(v) is str and ":" in v for v in items):
            return True
    return False


def text_may_hold_prefixes(text: str) -> bool:
    r"""Whether a record's JSON text may hold a namespaced name or code (``"gz:...``).

    A ``\u`` escape may spell one (``"\u0067z:x"``), so any escape answers True.
    """
    return _PREFIX_HINT.search(text) is not None or "\\u" in text


def data_may_hold_prefixes(data: bytes) -> bool:
    """:func:`text_may_hold_prefixes` of UTF-8 bytes, without decoding them."""
    return _PREFIX_HINT_B.search(data) is not None or b"\\u" in data


def may_hold_prefixes(model: BaseModel) -> bool:
    """False only when a validated entity certainly holds no namespaced name or code.

    Namespaced names are extension fields (kept in the extras of the model or
    of a nested one, or keys of a free-form object) and codes of open code
    lists (strings): every one has a colon. A flat entity (no extension
    field, no nested object set) is answered from its top-level codes of
    open lists; any other from a walk of its values that stops at the first
    extension field, key with a colon or string with a colon. The walk is
    far cheaper than :func:`extension_prefixes` over the parsed record, and
    most records pass it (a record of a JSON or YAML document has no text to
    screen).
    """
    extra = model.__pydantic_extra__
    if not extra and object_fields(model.__class__).isdisjoint(model.__pydantic_fields_set__):
        return codes_may_hold_prefixes(model)
    if extra:
        return True
    stack: list[Any] = [model]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str or isinstance(value, str):  # a code may be a str enum's member
            if ":" in value:
                return True
        elif kind is list or isinstance(value, tuple | set | frozenset):
            stack.extend(value)
        elif kind is dict:
            for k, v in value.items():
                if not isinstance(k, str) or ":" in k:
                    return True
                stack.append(v)
        elif isinstance(value, BaseModel):
            if value.__pydantic_extra__:
                return True
            values = value.__dict__
            # the fields that may hold text (a polygon's numbers are not visited)
            stack.extend(values[name] for name in text_fields(value.__class__))
    return False


def extension_prefixes(raw: Any, text: str | None = None) -> list[tuple[str, Path]]:
    """Every namespaced prefix used in a record (field names and codes), with its path.

    ``text``, the record's JSON text when known, lets most records skip the walk.
    Codes are looked for only in the fields that take codes of an open list.
    """
    if text is not None and not text_may_hold_prefixes(text):
        return []
    out: list[tuple[str, Path]] = []
    stack: list[tuple[Path, Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                # a key without a colon, nearly every key, is no extension's
                m = _EXT_KEY.fullmatch(k) if isinstance(k, str) and ":" in k else None
                if m:
                    out.append((m.group(1), (*path, k)))
                elif isinstance(v, (dict, list)):
                    stack.append(((*path, k), v))
        elif isinstance(value, list):
            stack.extend(
                ((*path, i), v) for i, v in enumerate(value) if isinstance(v, (dict, list))
            )
    if isinstance(raw, dict):
        for path, _list_name, value in code_values(raw):
            m = _NS_CODE.fullmatch(value) if ":" in value else None
            if m:
                out.append((m.group(1), path))
    out.sort(key=lambda item: [str(p) for p in item[1]])
    return out
