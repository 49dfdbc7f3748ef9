"""One difference between two schemas (:class:`Change`) and its kind (:class:`ChangeKind`).

Each change carries two verdicts: **backward** (data valid under the old
schema stays valid under the new one) and **forward** (data valid under the
new schema is valid under the old one), and the SemVer step it demands.

模式之间的一处变化及其类别，附向后、向前兼容判断与所需的版本升级。
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Change", "ChangeKind"]


class ChangeKind(str, enum.Enum):
    """What kind of change a :class:`Change` is."""

    SCHEMA_ADDED = "schema_added"
    SCHEMA_REMOVED = "schema_removed"
    FIELD_ADDED = "field_added"
    FIELD_REMOVED = "field_removed"
    FIELD_RENAMED = "field_renamed"
    REQUIRED_ADDED = "required_added"
    REQUIRED_DROPPED = "required_dropped"
    TYPE_NARROWED = "type_narrowed"
    TYPE_WIDENED = "type_widened"
    ENUM_GROWN = "enum_grown"
    ENUM_SHRUNK = "enum_shrunk"
    CODELIST_GROWN = "codelist_grown"
    CODELIST_SHRUNK = "codelist_shrunk"
    BOUND_TIGHTENED = "bound_tightened"
    BOUND_LOOSENED = "bound_loosened"
    PATTERN_TIGHTENED = "pattern_tightened"
    PATTERN_LOOSENED = "pattern_loosened"
    PATTERN_CHANGED = "pattern_changed"
    OBJECT_OPENED = "object_opened"
    OBJECT_CLOSED = "object_closed"
    CONSTRAINT_CHANGED = "constraint_changed"
    DESCRIPTION_ONLY = "description_only"

    def __str__(self) -> str:
        return self.value

    def label(self, lang: str = "en") -> str:
        """A short label in ``zh-CN`` or ``en``."""
        zh, en = _LABELS[self]
        return zh if lang.lower().startswith("zh") else en


_LABELS: dict[ChangeKind, tuple[str, str]] = {
    ChangeKind.SCHEMA_ADDED: ("新增实体类型", "entity type added"),
    ChangeKind.SCHEMA_REMOVED: ("删除实体类型", "entity type removed"),
    ChangeKind.FIELD_ADDED: ("新增字段", "field added"),
    ChangeKind.FIELD_REMOVED: ("删除字段", "field removed"),
    ChangeKind.FIELD_RENAMED: ("字段改名", "field renamed"),
    ChangeKind.REQUIRED_ADDED: ("改为必填", "field made required"),
    ChangeKind.REQUIRED_DROPPED: ("改为可选", "field made optional"),
    ChangeKind.TYPE_NARROWED: ("类型收窄", "type narrowed"),
    ChangeKind.TYPE_WIDENED: ("类型放宽", "type widened"),
    ChangeKind.ENUM_GROWN: ("枚举增加取值", "enum grown"),
    ChangeKind.ENUM_SHRUNK: ("枚举减少取值", "enum shrunk"),
    ChangeKind.CODELIST_GROWN: ("代码表扩充", "code list grown"),
    ChangeKind.CODELIST_SHRUNK: ("代码表缩减", "code list shrunk"),
    ChangeKind.BOUND_TIGHTENED: ("范围收紧", "bound tightened"),
    ChangeKind.BOUND_LOOSENED: ("范围放宽", "bound loosened"),
    ChangeKind.PATTERN_TIGHTENED: ("格式收紧", "pattern tightened"),
    ChangeKind.PATTERN_LOOSENED: ("格式放宽", "pattern loosened"),
    ChangeKind.PATTERN_CHANGED: ("格式改变", "pattern changed"),
    ChangeKind.OBJECT_OPENED: ("对象开放", "object opened"),
    ChangeKind.OBJECT_CLOSED: ("对象封闭", "object closed"),
    ChangeKind.CONSTRAINT_CHANGED: ("约束改变", "constraint changed"),
    ChangeKind.DESCRIPTION_ONLY: ("仅说明文字", "description only"),
}


BUMP_RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}


@dataclass(frozen=True)
class Change:
    """One difference between two schemas.

    Attributes:
        kind: what kind of change.
        schema: the schema it is in (``"Building"``, ``"envelope"``).
        path: where inside the schema's instances: property names, ``"[]"``
            for the items of an array, ``"[0]"`` for a tuple position.
        backward: whether data valid under the old schema stays valid.
        forward: whether data valid under the new schema is valid under the old one.
        keyword: the JSON Schema keyword concerned (``"maximum"``), if one.
        old: the old value (a bound, the codes removed, the old name ...).
        new: the new value.
    """

    kind: ChangeKind
    schema: str
    path: tuple[str, ...]
    backward: bool
    forward: bool
    keyword: str = ""
    old: Any = None
    new: Any = None

    @property
    def location(self) -> str:
        """``Building.location.coordinates[0]``."""
        out = self.schema
        for part in self.path:
            out += part if part.startswith(("[", "{")) else "." + part
        return out

    @property
    def breaking(self) -> bool:
        """Whether it breaks either direction."""
        return not (self.backward and self.forward)

    @property
    def bump(self) -> str:
        """The SemVer step it demands: ``major``, ``minor`` or ``patch``."""
        if not self.backward:
            return "major"
        if self.kind is ChangeKind.DESCRIPTION_ONLY:
            return "patch"
        return "minor"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "kind": self.kind.value,
            "schema": self.schema,
            "path": list(self.path),
            "location": self.location,
            "keyword": self.keyword,
            "old": self.old,
            "new": self.new,
            "backward": self.backward,
            "forward": self.forward,
            "bump": self.bump,
        }

    def describe(self, lang: str = "en") -> str:
        """One line: label, location and the values."""
        parts = [self.kind.label(lang), self.location]
        if self.keyword:
            parts.append(self.keyword)
        if self.old is not None or self.new is not None:
            parts.append(f"{short(self.old)} -> {short(self.new)}")
        return " ".join(parts)


def short(value: Any) -> str:
    if value is None:
        return "-"
    text = (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        if not isinstance(value, str)
        else value
    )
    return text if len(text) <= 80 else text[:77] + "..."
