"""Batches no rule looks at: validated and counted, with one duplicate-key proof for all.

At L1 (and with any selection of rules none of which looks at every type),
most records need nothing but validation. :func:`count_batch` validates the
lines of a batch, counts their records and proves at once that none has a
duplicate key (:mod:`smartstd.conformance.keys`); only the lines it cannot
vouch for go one by one, in order.

计数路径：无规则关注的批次只做校验与计数，整批一次证明没有重复键。
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from smartstd.conformance.keys import colons_follow_keys, model_key_count, plain_key_count
from smartstd.conformance.structure import codes_may_hold_prefixes, data_may_hold_prefixes
from smartstd.io.elements import may_overflow

if TYPE_CHECKING:
    from smartstd.conformance.inputs import Batch
    from smartstd.io import Limits

__all__ = ["count_batch", "reader_would_pass"]


class Counting(Protocol):
    """What :func:`count_batch` reads and counts in: the checker of a part of the input."""

    records: int
    counts: Counter[str]

    @property
    def limits(self) -> Limits: ...
    @property
    def _validate_json(self) -> Callable[[bytes], Any]: ...
    @property
    def _plans(self) -> Mapping[str, Any]: ...
    @property
    def _check_prefixes(self) -> bool: ...
    def _plan(self, etype: str) -> Any: ...


def reader_would_pass(data: bytes, max_depth: int) -> bool:
    """Whether the careful reader would find nothing wrong in a line pydantic accepted.

    Pydantic's JSON parser takes ``NaN`` and ``Infinity``, and reads a number
    too large for a float (``1e999``) as infinity (the models refuse them in
    numbers, not in extension values), and has its own nesting limit. The
    number of ``{`` and ``[`` bounds the nesting depth from above.
    """
    if b"NaN" in data or b"Infinity" in data:
        return False
    return data.count(b"{") + data.count(b"[") <= max_depth and not may_overflow(data)


def count_batch(checker: Counting, file: str, batch: Batch) -> list[int] | None:
    """The records of a batch that no rule looks at: validate and count them.

    The duplicate-key proof is made once for all of them
    (:mod:`smartstd.conformance.keys`): the sum of their models' keys
    against their ``":``. Returns ``None``, having changed nothing, when
    there is no such proof (the batch then takes :meth:`_Checker._each_line`);
    else the indexes of the lines that still need :meth:`_Checker._each_line`, in
    order: those that failed validation, those of a type some rule looks
    at, those that may hold an extension prefix and those the careful
    reader must see (``NaN``, ``Infinity``, deep nesting). Only those
    lines can have findings, so they keep their order.
    """
    data = batch.data
    if not data or checker.limits.max_depth < 2 or not colons_follow_keys(data):
        return None
    validate = checker._validate_json
    plans = checker._plans
    check_prefixes = checker._check_prefixes
    max_depth = checker.limits.max_depth
    types: list[str] = []
    add_type = types.append
    picks: list[int] = []
    pick = picks.append
    keys = 0  # of the counted lines' models
    others = 0  # the ":  of the picked lines
    # by type, when no rule looks at it and it has no open code to screen:
    # its fields that may hold objects (a flat record is then only counted)
    quiet: dict[str, frozenset[str]] = {}
    for index, line in enumerate(batch.lines):
        try:
            model = validate(line)
        except ValidationError:
            pick(index)
            others += line.count(b'":')
            continue
        etype = model.type
        fields_set = model.__pydantic_fields_set__
        objects = quiet.get(etype)
        if objects is not None and not model.__pydantic_extra__ and objects.isdisjoint(fields_set):
            keys += len(fields_set)  # the common case, in as few steps as it takes
            add_type(etype)
            continue
        plan = plans.get(etype)
        if plan is None:
            plan = checker._plan(etype)
        if plan.busy:
            pick(index)
            others += line.count(b'":')
            continue
        if not (check_prefixes and plan.open_codes):
            quiet[etype] = plan.objects
        if model.__pydantic_extra__ or not plan.objects.isdisjoint(fields_set):
            # nested objects: counted from the model when it holds declared
            # fields only (nothing then for the text screens below to find)
            plain = plain_key_count(model) if plan.plain else -1
            if plain >= 0:
                keys += plain
                add_type(etype)
            elif (check_prefixes and data_may_hold_prefixes(line)) or not reader_would_pass(
                line, max_depth
            ):
                pick(index)
                others += line.count(b'":')
            else:
                keys += model_key_count(model)
                add_type(etype)
        elif check_prefixes and plan.open_codes and codes_may_hold_prefixes(model):
            pick(index)
            others += line.count(b'":')
        else:
            keys += len(fields_set)
            add_type(etype)
    if data.count(b'":') - others != keys:
        return None
    checker.records += len(types)
    checker.counts.update(types)
    return picks
