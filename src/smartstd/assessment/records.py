"""The record the collector takes from a model: the fields it reads, as a dump gives them.

The SC8xx rules read models without dumping them
(:meth:`~smartstd.assessment.collector.Collector.add_model`); what they must
leave is the state of :func:`cut_record`'s record, which tests hold equal to
the model's dump.

模型到采集记录：只取采集器读取的字段，与模型转储一致。
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["cut_record"]

#: Values a cut record takes from a model as they are (the collector reads them as such).
_PLAIN = frozenset({str, int, float, bool, dt.datetime, dt.date})
#: (model class, fields read) -> the fields of the class among them.
_FIELDS: dict[tuple[type, frozenset[str]], tuple[str, ...]] = {}


def cut_record(entity: Any, fields: frozenset[str]) -> dict[str, Any]:
    """The fields of ``entity`` the collector reads, as the record it takes.

    The state is the one of ``model_dump(exclude_none=True, include=fields)``
    (a test holds them equal), made faster: plain values (text, numbers,
    timestamps and dates, which the expressions read as written or as
    datetimes alike) are taken from the model as they are, and only nested
    objects and lists go through pydantic's serializer.
    """
    cls = type(entity)
    names = _FIELDS.get((cls, fields))
    if names is None:
        names = _FIELDS[cls, fields] = tuple(n for n in cls.model_fields if n in fields)
    values = entity.__dict__
    record: dict[str, Any] = {}
    nested: set[str] = set()
    for name in names:
        value = values[name]
        if value is None:
            continue
        if type(value) in _PLAIN:
            record[name] = value
        else:
            nested.add(name)
    if nested:
        record.update(entity.model_dump(exclude_none=True, include=nested))
    return record
