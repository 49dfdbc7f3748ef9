"""SC4xx safety, security and privacy: identity numbers, phones, devices, alerts.

Three kinds of check live here:

* privacy scans of one record (SC401 raw identity numbers, SC402 unmasked
  phones, SC403 names in public data). They are registered as stateless
  dataset rules with ``wants_invalid`` so that they also see records that
  failed structural validation: an unknown ``id_number`` field holding a raw
  number is exactly the leak SC401 is for;
* one-record rules on devices and alerts (SC404-SC408, SC410) and on
  residents and service profiles (SC409);
* one cross-record rule (SC409 for observations) whose state is a few entries
  per device, never per observation: an observation is counted against its
  device, and a device is reported once, at its first observation.

SC401 runs on every record, so it first asks cheaply whether any string of the
record is long enough and holds a run of 17 digits (or an integer has 18
digits); only then does it walk the record with paths and validate candidates.
Parameters never carry a full identity or phone number: they are masked.

安全、安防与隐私规则：身份证号明文、手机号脱敏、公开数据中的姓名与敏感信息、
采集个人信息设备的告知、保存期限与等保级别、告警时间线、紧急告警确认与设备失联。
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel

from smartstd.catalogue import get_rule
from smartstd.conformance.rule import (
    Context,
    Hit,
    Where,
    entity_rule,
    envelope_rule,
    register_dataset_rule,
)
from smartstd.identifiers import credit_code_problem
from smartstd.report import Path
from smartstd.scanner import might_hold as _might_hold
from smartstd.scanner import scan, summarise
from smartstd.standard.domains import PERSONAL_DATA_DEVICE_KINDS

__all__ = [
    "RecordScan",
    "SensitiveObservationRule",
    "SensitiveObservationState",
    "captures_personal_data",
    "identifier_hits",
    "raw_id_number_hits",
]

# --------------------------------------------------------------------------- helpers

_MIN_11_DIGITS: Final = 10**10
#: A float at least this large has no fraction: a spreadsheet's column of
#: numbers with a gap in it turns every phone or identity number into one.
_MAX_FLOAT: Final = 1e19
#: Value types that never hold an identity number (skipped without a call).
_NEVER: Final = frozenset({type(None), bool, dt.datetime, dt.date})


def _whole(value: float) -> bool:
    """Whether a float may be an identifier a spreadsheet wrote as a number (13812345678.0)."""
    return _MIN_11_DIGITS <= value < _MAX_FLOAT and value.is_integer()


_HASH: Final = re.compile(r"[0-9a-f]{64}")


def _field_name(path: Path) -> str:
    return ".".join(str(p) for p in path)


def _get(obj: Any, name: str) -> Any:
    """A field of a model instance or of a raw (structurally invalid) record."""
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _type_of(obj: Any) -> Any:
    return obj.get("type") if isinstance(obj, dict) else getattr(obj, "type", None)


def _iso(value: dt.datetime) -> str:
    return value.isoformat()


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _str_set_param(ctx: Context, code: str, name: str) -> frozenset[str]:
    found: frozenset[str] = ctx.memo(
        ("str_set", code, name), lambda: _read_str_set_param(ctx, code, name)
    )
    return found


def _read_str_set_param(ctx: Context, code: str, name: str) -> frozenset[str]:
    try:
        value = ctx.param(code, name)
    except (KeyError, TypeError, AttributeError):
        value = None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        value = get_rule(code).param_defaults()[name]
    return frozenset(v for v in value if isinstance(v, str))


def _mapping_param(ctx: Context, code: str, name: str) -> Mapping[str, Any]:
    try:
        value = ctx.param(code, name)
    except (KeyError, TypeError, AttributeError):
        value = None
    return value if isinstance(value, Mapping) else {}


def _plain(value: float) -> int | float:
    """A number for a message: an int when whole, else two decimals."""
    return int(value) if float(value).is_integer() else round(value, 2)


def captures_personal_data(device: Any) -> bool:
    """Whether a device captures personal data and is in service.

    True when ``captures_personal_data`` is set or the kind is one of
    :data:`~smartstd.standard.domains.PERSONAL_DATA_DEVICE_KINDS`, unless the
    device is retired.
    """
    if device.status == "retired":
        return False
    return bool(device.captures_personal_data) or device.kind in PERSONAL_DATA_DEVICE_KINDS


# --------------------------------------------------------------------------- record scans


class RecordScan:
    """A stateless per-record check that also sees structurally invalid records.

    The engine gives entity rules only valid model instances; dataset rules
    that set ``wants_invalid`` also get the raw dictionary of a record that
    failed validation. The privacy scans want both, and keep no state.
    """

    wants_invalid = True
    codes: tuple[str, ...]
    types: tuple[str, ...]

    def __init__(
        self,
        codes: str | tuple[str, ...],
        types: tuple[str, ...],
        fn: Callable[[Any, Context], Iterable[Hit]],
        *,
        screened_by_digit_runs: bool = False,
    ) -> None:
        self.codes = (codes,) if isinstance(codes, str) else codes
        self.types = types
        self.fn = fn
        #: the rule finds nothing in a record whose text the batch screen
        #: (:func:`smartstd.scanner.screen_bytes`) found clean: the engine may skip it
        self.screened_by_digit_runs = screened_by_digit_runs

    def new_state(self) -> None:
        """No state."""

    def collect(self, state: None, entity: Any, where: Where, ctx: Context) -> Iterable[Hit]:
        """The hits of one record (a model instance or a raw dictionary)."""
        return self.fn(entity, ctx)

    def merge(self, state: None, other: None) -> None:
        """Nothing to merge."""

    def finish(self, state: None, ctx: Context) -> Iterable[Hit]:
        """Nothing left at the end."""
        return ()


# -- SC401, SC402, SC411: one scan of every string


def _suspect(value: Any) -> bool:
    """Cheap pre-filter: could any string (or integer) in ``value`` hold an identifier?

    Most records answer no after a type check and a length check per value;
    only strings of eleven characters or more meet :func:`~smartstd.scanner.might_hold`.
    """
    t = type(value)
    if t is str:
        return len(value) >= 11 and _might_hold(value)
    if t in _NEVER:
        return False
    if t is int:
        return bool(value >= _MIN_11_DIGITS)
    if t is float:
        return value >= _MIN_11_DIGITS and _whole(value)
    if t is list or t is tuple:
        return any(_suspect(v) for v in value)
    if t is dict:
        return any(_suspect(k) or _suspect(v) for k, v in value.items())
    if isinstance(value, BaseModel):
        for v in value.__dict__.values():
            tv = type(v)
            if tv is str:
                if len(v) >= 11 and _might_hold(v):
                    return True
            elif tv is float:
                if v >= _MIN_11_DIGITS and _whole(v):
                    return True
            elif tv not in _NEVER and _suspect(v):
                return True
        extra = value.__pydantic_extra__
        return extra is not None and any(_suspect(k) or _suspect(v) for k, v in extra.items())
    return False


def _texts(value: Any) -> Iterator[tuple[Path, str, bool]]:
    """Every string (and integer, as text) with its path, in document order.

    Object keys come as ``(path of the object, key, True)``: a key that is an
    identity number must not end up in a JSON Pointer. Iterative, so deep data
    cannot exhaust the stack.
    """
    stack: list[tuple[Path, Any, bool]] = [((), value, False)]
    while stack:
        path, v, is_key = stack.pop()
        t = type(v)
        if is_key or t is str:
            yield path, v, is_key
            continue
        if t is int:
            if v >= _MIN_11_DIGITS:
                yield path, str(v), False
            continue
        if t is float:
            if v >= _MIN_11_DIGITS and _whole(v):
                yield path, str(int(v)), False
            continue
        if t in _NEVER:
            continue
        children: list[tuple[Path, Any, bool]] = []
        if t is list or t is tuple:
            children = [((*path, i), x, False) for i, x in enumerate(v)]
        elif t is dict:
            for k, x in v.items():
                if isinstance(k, str):
                    children.append((path, k, True))
                children.append(((*path, k), x, False))
        elif isinstance(v, BaseModel):
            for k, x in v.__dict__.items():
                if x is not None:
                    children.append(((*path, k), x, False))
            for k, x in (v.__pydantic_extra__ or {}).items():
                children.append((path, k, True))
                children.append(((*path, k), x, False))
        stack.extend(reversed(children))


_ID_KINDS: Final = frozenset({"id-number", "id-number-suspect", "id-number-15"})
#: What a hit found in an object's key adds (:data:`smartstd.advice.HINTS`).
_IN_KEY: Final = MappingProxyType({"hint": "identifier-in-key"})


def identifier_hits(
    record: Any, *, classification: str = "public", mobiles: bool = True
) -> list[Hit]:
    """SC401, SC402 and SC411 hits of one record, the envelope or any JSON value.

    Every string (keys included) is scanned once by :func:`smartstd.scanner.scan`.
    ``mobiles`` false leaves SC402 out (a classification that may carry
    them); an organisation's ``contact`` holds office numbers and is not
    searched for mobiles.
    """
    try:
        if not _suspect(record):
            return []
    except RecursionError:  # absurdly deep data: take the iterative walk
        pass
    hits: list[Hit] = []
    is_org = _type_of(record) == "Organization"
    for path, text, is_key in _texts(record):
        if len(text) < 11 or not _might_hold(text):
            continue
        if path == ("id_number_hash",) and _HASH.fullmatch(text):
            continue  # the digest itself
        if path[-1:] == ("credit_code",) and credit_code_problem(text) is None:
            continue  # a valid unified social credit code, not an identity or card number
        found = scan(text)
        if not found:
            continue
        field_name = _field_name(path) or "(record)"
        # a number written as a key: the message says so (the pointer names the object)
        in_key = _IN_KEY if is_key else {}
        ids = [m for m in found if m.kind in _ID_KINDS]
        if ids:
            hits.append(
                Hit(
                    "SC401",
                    path,
                    {
                        "field": field_name,
                        "masked": summarise(ids),
                        "count": len(ids),
                        "in_key": is_key,
                        **in_key,
                        "suspect": sum(m.kind == "id-number-suspect" for m in ids),
                    },
                )
            )
        phones = [m for m in found if m.kind == "mobile"]
        if phones and mobiles and not (is_org and path[:1] == ("contact",)):
            hits.append(
                Hit(
                    "SC402",
                    path,
                    {
                        "field": field_name,
                        "masked": summarise(phones),
                        "count": len(phones),
                        "classification": classification,
                        "in_key": is_key,
                        **in_key,
                    },
                )
            )
        cards = [m for m in found if m.kind == "bank-card"]
        if cards:
            hits.append(
                Hit(
                    "SC411",
                    path,
                    {
                        "field": field_name,
                        "masked": summarise(cards),
                        "count": len(cards),
                        "in_key": is_key,
                        **in_key,
                    },
                )
            )
    return hits


def raw_id_number_hits(record: Any) -> list[Hit]:
    """SC401 hits of one record (a model instance or a raw dictionary)."""
    return [h for h in identifier_hits(record, mobiles=False) if h.code == "SC401"]


@envelope_rule("SC401", "SC402", "SC411")
def _identifiers_envelope(header: dict[str, Any]) -> list[Hit]:
    """SC401, SC402, SC411 in the envelope: "a string anywhere", the publisher's fields included."""
    classification = header.get("classification")
    if not isinstance(classification, str):
        classification = "public"
    return identifier_hits(
        header, classification=classification, mobiles=classification != "internal"
    )


def _identifiers(record: Any, ctx: Context) -> list[Hit]:
    # a record whose JSON text the batch screen found clean holds no identifier
    if ctx.record_digit_run is False:
        return []
    if ctx.record_digit_run is None:
        text = ctx.record_text
        if text is not None and text.isascii() and "\\u" not in text and not _might_hold(text):
            return []
    mobiles = ctx.classification not in _str_set_param(ctx, "SC402", "allowed_classifications")
    return identifier_hits(record, classification=ctx.classification, mobiles=mobiles)


# -- SC403


def _sc403(record: Any, ctx: Context) -> Iterator[Hit]:
    if ctx.classification != "public" or _type_of(record) != "Resident":
        return
    name = _get(record, "name")
    if name is not None and name != "":
        yield Hit("SC403", ("name",), {})


register_dataset_rule(
    RecordScan(("SC401", "SC402", "SC411"), ("*",), _identifiers, screened_by_digit_runs=True)
)
register_dataset_rule(RecordScan("SC403", ("Resident",), _sc403))


# --------------------------------------------------------------------------- devices


@entity_rule("SC404", types=("Device",))
def camera_without_privacy_notice(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC404: a device capturing personal data needs ``privacy_notice: true``."""
    if captures_personal_data(e) and e.privacy_notice is not True:
        yield Hit("SC404", ("privacy_notice",), {"kind": e.kind})


def _retention_bounds(ctx: Context, kind: str) -> tuple[float, float]:
    pair = _mapping_param(ctx, "SC405", "kind_bounds").get(kind)
    if isinstance(pair, (list, tuple)) and len(pair) == 2:
        low, high = _number(pair[0]), _number(pair[1])
        if low is not None and high is not None:
            return low, high
    return ctx.number("SC405", "min_days"), ctx.number("SC405", "max_days")


@entity_rule("SC405", types=("Device",))
def retention_out_of_bounds(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC405: a device capturing personal data keeps it for a stated, bounded time."""
    if not captures_personal_data(e):
        return
    low, high = _retention_bounds(ctx, e.kind)
    days = e.retention_days
    if days is None or days < low or days > high:
        yield Hit(
            "SC405",
            ("retention_days",),
            {
                "kind": e.kind,
                "retention": "missing" if days is None else days,
                "min_days": _plain(low),
                "max_days": _plain(high),
            },
        )


@entity_rule("SC408", types=("Device",))
def device_silent(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC408: an active device has been seen within ``max_silence_hours`` of generated_at."""
    if e.status != "active":
        return
    limit = ctx.number("SC408", "max_silence_hours")
    if e.last_seen_at is None:
        yield Hit(
            "SC408",
            ("status",),
            {"last_seen": "never", "hours": None, "max_silence_hours": _plain(limit)},
        )
        return
    if ctx.now is None:
        return
    hours = (ctx.now - e.last_seen_at).total_seconds() / 3600
    if hours > limit:
        yield Hit(
            "SC408",
            ("last_seen_at",),
            {
                "last_seen": _iso(e.last_seen_at),
                "hours": _plain(round(hours, 2)),
                "max_silence_hours": _plain(limit),
            },
        )


@entity_rule("SC410", types=("Device",))
def protection_level_too_low(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC410: a device capturing personal data has a high enough protection level (等保)."""
    if not captures_personal_data(e):
        return
    minimum = _number(_mapping_param(ctx, "SC410", "kind_min_levels").get(e.kind))
    if minimum is None:
        minimum = ctx.number("SC410", "min_level")
    level = e.protection_level
    if level is None or level < minimum:
        yield Hit(
            "SC410",
            ("protection_level",),
            {
                "kind": e.kind,
                "level": "missing" if level is None else level,
                "min_level": _plain(minimum),
            },
        )


# --------------------------------------------------------------------------- alerts


def _timeline_hit(reason: str, field: str, value: str, other: str, other_value: str) -> Hit:
    return Hit(
        "SC406",
        (field,),
        {
            "reason": reason,
            "field": field,
            "value": value,
            "other": other,
            "other_value": other_value,
        },
    )


@entity_rule("SC406", types=("Alert",))
def alert_timeline_invalid(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC406: an alert's detected, acknowledged and resolved times agree with its status."""
    det, ack, res = e.detected_at, e.acknowledged_at, e.resolved_at
    if ack is not None and ack < det:
        yield _timeline_hit(
            "acknowledged-before-detected", "acknowledged_at", _iso(ack), "detected_at", _iso(det)
        )
    if res is not None:
        if res < det:
            yield _timeline_hit(
                "resolved-before-detected", "resolved_at", _iso(res), "detected_at", _iso(det)
            )
        elif ack is not None and res < ack:
            yield _timeline_hit(
                "resolved-before-acknowledged",
                "resolved_at",
                _iso(res),
                "acknowledged_at",
                _iso(ack),
            )
    elif e.status == "resolved":
        yield _timeline_hit("resolved-without-time", "status", "resolved", "resolved_at", "missing")
    if ctx.now is not None:
        now = _iso(ctx.now)
        for name, value in (("detected_at", det), ("acknowledged_at", ack), ("resolved_at", res)):
            if value is not None and value > ctx.now:
                yield _timeline_hit("after-generated-at", name, _iso(value), "generated_at", now)


@entity_rule("SC407", types=("Alert",))
def critical_alert_unacknowledged(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC407: a critical alert is acknowledged within ``ack_minutes``."""
    if e.severity != "critical":
        return
    limit = ctx.number("SC407", "ack_minutes")
    if e.acknowledged_at is not None:
        minutes = (e.acknowledged_at - e.detected_at).total_seconds() / 60
        path: Path = ("acknowledged_at",)
        state = "acknowledged-late"
    elif e.status == "open" and ctx.now is not None:
        minutes = (ctx.now - e.detected_at).total_seconds() / 60
        path = ("status",)
        state = "still-unacknowledged"
    else:
        return
    if minutes > limit:
        yield Hit(
            "SC407",
            path,
            {"minutes": _plain(round(minutes, 2)), "ack_minutes": _plain(limit), "state": state},
        )


# --------------------------------------------------------------------------- SC409


@entity_rule("SC409", types=("Resident", "ServiceProfile"))
def sensitive_data_in_public_dataset(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC409: no special groups or sensitive needs in a public dataset (observations: below)."""
    if ctx.classification != "public":
        return
    if e.type == "Resident":
        if e.special_groups:
            yield Hit(
                "SC409",
                ("special_groups",),
                {"data": "Resident.special_groups", "kind": "special-groups"},
            )
        return
    sensitive = _str_set_param(ctx, "SC409", "sensitive_need_categories")
    for i, need in enumerate(e.needs):
        if need.category in sensitive:
            yield Hit(
                "SC409",
                ("needs", i, "category"),
                {"data": f"ServiceProfile.needs.{i}", "kind": "sensitive-need"},
            )


@dataclass
class SensitiveObservationState:
    """What SC409 keeps across records: a few entries per device, none per observation.

    Attributes:
        sensitive_devices: devices whose kind makes their observations sensitive.
        device_categories: the data categories of devices that name any.
        sensitive_categories: data categories of sensitivity ``sensitive_personal``.
        observed: per device, the first observation's place and the number of observations.
    """

    sensitive_devices: dict[str, str] = field(default_factory=dict)
    device_categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sensitive_categories: set[str] = field(default_factory=set)
    observed: dict[str, list[Any]] = field(default_factory=dict)


class SensitiveObservationRule:
    """SC409 for observations of devices that capture sensitive personal data."""

    codes: tuple[str, ...] = ("SC409",)
    types: tuple[str, ...] = ("Device", "Observation", "DataCategory")

    def new_state(self) -> SensitiveObservationState:
        """An empty state."""
        return SensitiveObservationState()

    def collect(
        self, state: SensitiveObservationState, entity: Any, where: Where, ctx: Context
    ) -> tuple[Hit, ...]:
        """Note devices, sensitive categories and observations (public datasets only)."""
        if ctx.classification != "public":
            return ()
        etype = entity.type
        if etype == "Observation":
            seen = state.observed.get(entity.device_id)
            if seen is None:
                state.observed[entity.device_id] = [where, 1]
            else:
                seen[1] += 1
        elif etype == "Device":
            kinds = _str_set_param(ctx, "SC409", "sensitive_device_kinds")
            if entity.kind in kinds:
                state.sensitive_devices[entity.id] = entity.kind
            if entity.data_category_ids:
                state.device_categories[entity.id] = tuple(entity.data_category_ids)
        elif etype == "DataCategory" and entity.sensitivity == "sensitive_personal":
            state.sensitive_categories.add(entity.id)
        return ()

    def merge(
        self, state: SensitiveObservationState, other: SensitiveObservationState
    ) -> SensitiveObservationState:
        """Fold a later worker's state in: first observations stay first, counts add up."""
        for key, kind in other.sensitive_devices.items():
            state.sensitive_devices.setdefault(key, kind)
        for key, cats in other.device_categories.items():
            state.device_categories.setdefault(key, cats)
        state.sensitive_categories |= other.sensitive_categories
        for key, (where, count) in other.observed.items():
            seen = state.observed.get(key)
            if seen is None:
                state.observed[key] = [where, count]
            else:
                seen[1] += count
        return state

    def finish(self, state: SensitiveObservationState, ctx: Context) -> Iterator[Hit]:
        """One hit per sensitive device that has observations, at its first one."""
        for device_id, (where, count) in state.observed.items():
            reason = state.sensitive_devices.get(device_id)
            if reason is None and any(
                c in state.sensitive_categories for c in state.device_categories.get(device_id, ())
            ):
                reason = "sensitive_personal"
            if reason is None:
                continue
            yield Hit(
                "SC409",
                ("device_id",),
                {
                    "data": f"Observation of {device_id} ({reason}) x{count}",
                    "kind": "sensitive-observations",
                    "device_id": device_id,
                    "reason": reason,
                    "count": count,
                },
                where=where,
            )


register_dataset_rule(SensitiveObservationRule())
