"""One definition of "in force on a date", used by the checks and by ``graph explain``.

An assignment, a data access grant or an agreement has a validity period,
``valid_from`` to ``valid_until``, both inclusive and open when absent. A
period that ends before it begins is never in force (SC618).

An assignment or a grant that rests on an agreement (``agreement_id``) is in
force on a day only when its own period covers the day *and* the agreement
is in force that day: work under an agreement cannot begin before the
agreement does, nor outlive it. :func:`standing` says which of those holds;
:func:`in_force_under` is its yes or no. ``smartstd check`` reports a
dependent in force by its own dates whose agreement is not yet in force as
SC623 (one that outlives it is SC610), and ``smartstd graph explain`` denies
access through such a grant for the same reason, so the two always agree.

Agreements are also dated by ``signed_at``: an agreement takes effect no
earlier than it is signed, and nothing resting on it begins before it is
signed (SC622, :func:`signed_after`).

有效期的唯一定义：检查（check）与解释（graph explain）共用。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

__all__ = ["STANDINGS", "in_force", "in_force_under", "signed_after", "standing"]

#: What :func:`standing` can answer, with zh-CN and en explanations.
STANDINGS: Mapping[str, tuple[str, str]] = {
    "in-force": ("有效", "in force"),
    "never": ("有效期倒置，从未生效", "its period ends before it begins: never in force"),
    "not-yet": ("尚未生效", "not yet in force"),
    "expired": ("已失效", "expired"),
    "agreement-not-yet": ("所依据的协议尚未生效", "the agreement it rests on is not yet in force"),
    "agreement-expired": ("所依据的协议已失效", "the agreement it rests on has expired"),
    "agreement-never": ("所依据的协议从未生效", "the agreement it rests on is never in force"),
}


def _period(entity: Any, on: dt.date | None) -> str:
    vf: dt.date | None = getattr(entity, "valid_from", None)
    vu: dt.date | None = getattr(entity, "valid_until", None)
    if vf is not None and vu is not None and vu < vf:
        return "never"
    if on is None:
        return "in-force"
    if vf is not None and on < vf:
        return "not-yet"
    if vu is not None and vu < on:
        return "expired"
    return "in-force"


def in_force(entity: Any, on: dt.date | None) -> bool:
    """Whether an entity's own validity period covers ``on``.

    ``valid_from`` and ``valid_until`` are inclusive and open when absent.
    A period that ends before it begins is never in force. With ``on=None``
    dates are ignored (only an inverted period fails).

    >>> from types import SimpleNamespace as E
    >>> in_force(E(valid_from=dt.date(2025, 1, 1), valid_until=None), dt.date(2024, 12, 31))
    False
    """
    return _period(entity, on) == "in-force"


def standing(entity: Any, on: dt.date | None, agreements: Mapping[str, Any]) -> str:
    """Whether an entity is in force on ``on``, counting the agreement it rests on.

    Returns one of :data:`STANDINGS`: ``in-force``; ``never``, ``not-yet``
    or ``expired`` by its own period; or ``agreement-not-yet``,
    ``agreement-expired`` or ``agreement-never`` when its own period covers
    the day but the agreement named by its ``agreement_id`` does not. An
    agreement that is not among ``agreements`` (SC202's finding) is not held
    against it.
    """
    own = _period(entity, on)
    if own != "in-force":
        return own
    agr_id = getattr(entity, "agreement_id", None)
    agr = agreements.get(agr_id) if agr_id is not None else None
    if agr is None:
        return "in-force"
    of_agreement = _period(agr, on)
    return "in-force" if of_agreement == "in-force" else "agreement-" + of_agreement


def in_force_under(entity: Any, on: dt.date | None, agreements: Mapping[str, Any]) -> bool:
    """:func:`standing` as a yes or no: in force by its own dates and its agreement's."""
    return standing(entity, on, agreements) == "in-force"


def signed_after(agreement: Any, day: dt.date | None) -> bool:
    """Whether an agreement was signed after ``day`` (``False`` when either is unknown)."""
    signed: dt.date | None = getattr(agreement, "signed_at", None)
    return signed is not None and day is not None and signed > day
