"""What the SC5xx rules share: parameters, enrolments in force, stable keys of ids."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from smartstd.catalogue import get_rule
from smartstd.conformance.rule import (
    Context,
)


def _plain(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _is_open(enrolment: Any, now: dt.datetime | None) -> bool:
    """Whether an enrolment still runs at ``now`` (no end, or an end still to come)."""
    ended = enrolment.ended_at
    return ended is None or (now is not None and ended > now)


def _is_active(enrolment: Any, now: dt.datetime | None) -> bool:
    """Whether an enrolment runs at ``now``: started and not ended."""
    if now is not None and enrolment.enrolled_at > now:
        return False
    return _is_open(enrolment, now)


def _key(entity_id: str) -> int:
    """A stable 64-bit key of an id (the same in every process)."""
    digest = hashlib.blake2b(entity_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _strings(ctx: Context, code: str, name: str) -> frozenset[str]:
    value = ctx.param(code, name)
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, (list, tuple)):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset(get_rule(code).param_defaults()[name])
