"""Pydantic's validation messages in Chinese, by error type (for SC103).

pydantic writes its messages in English only. A structural finding (SC103)
keeps pydantic's error type and the error's context (``ctx``: the bound, the
pattern, the expected values), so the message can be written again in
Chinese from this table. Every error type the standard's models can raise
has an entry: the built-in types that the models' core schema can produce
(:func:`error_types_used`) and the custom types of the standard's own
validators. A test checks the two agree.

pydantic 的校验信息只有英文；本表按错误类型给出中文模板，用错误上下文（ctx）填充。
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

__all__ = ["CUSTOM_TYPES", "ZH", "error_types_used", "translate"]

#: Chinese templates by pydantic error type; fields come from the error's ``ctx``.
ZH: dict[str, str] = {
    # presence and shape
    "missing": "缺少必填字段",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "too_short": "至少需要 {min_length} 项，实际 {actual_length} 项",
    "too_long": "至多允许 {max_length} 项，实际 {actual_length} 项",
    "extra_forbidden": "不允许的字段",
    "none_required": "应为 null",
    # scalars
    "string_type": "应为字符串",
    "string_unicode": "字符串含有无法表示的字符（孤立的代理项）",
    "string_too_short": "至少需要 {min_length} 个字符",
    "string_too_long": "至多允许 {max_length} 个字符",
    "string_pattern_mismatch": "不符合格式（正则表达式 {pattern}）",
    "bool_type": "应为布尔值 true 或 false",
    "bool_parsing": "应为布尔值 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "整数超出可处理的范围",
    "int_from_float": "应为整数，不能带小数部分",
    "float_type": "应为数值",
    "float_parsing": "应为数值",
    "finite_number": "应为有限数值（不能是 NaN 或无穷大）",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "multiple_of": "应为 {multiple_of} 的整数倍",
    "literal_error": "应为 {expected}",
    "enum": "应为以下值之一：{expected}",
    # dates and times
    "date_type": "应为日期字符串，例如 2026-05-01",
    "date_parsing": "不是有效的日期（格式 YYYY-MM-DD）：{error}",
    "date_from_datetime_parsing": "不是有效的日期：{error}",
    "date_from_datetime_inexact": "应为日期，不能带时刻",
    "datetime_type": "应为日期时间字符串，例如 2026-05-01T09:00:00+08:00",
    "datetime_parsing": "不是有效的日期时间：{error}",
    "datetime_from_date_parsing": "不是有效的日期时间：{error}",
    "datetime_object_invalid": "不是有效的日期时间：{error}",
    "timezone_naive": "不应带时区",
    "timezone_aware": "应带时区（例如 +08:00）",
    # unions and validators
    "union_tag_invalid": "实体类型 {tag} 无效，应为以下之一：{expected_tags}",
    "union_tag_not_found": "缺少用于区分类型的字段 {discriminator}",
    "value_error": "取值无效：{error}",
    "assertion_error": "断言失败：{error}",
    # the standard's own validators (PydanticCustomError)
    "code_not_in_list": "“{value}”不是代码表 {list} 中的代码；应为以下之一：{expected}{hint}",
    "date_format": "不是 ISO 8601 日期，例如 2026-05-01",
    "timestamp_format": "不是有效的 ISO 8601 日期时间，例如 2026-05-01T09:00:00+08:00",
    "timestamp_type": "时间戳应为字符串",
    "naive_timestamp": "时间戳缺少时区（例如 +08:00）",
    "localized_text_empty": "至少需要一种语言的文本",
    "longitude_range": "经度应在 -180 到 180 之间",
    "latitude_range": "纬度应在 -90 到 90 之间",
    "profile_subject": "服务档案需要 household_id 或 resident_id",
    "unknown_field": "未知字段 {fields}：不属于标准，且没有命名空间前缀（扩展字段请用 前缀:名称）",
}

#: The error types the standard's own validators raise.
CUSTOM_TYPES: frozenset[str] = frozenset(
    {
        "code_not_in_list",
        "date_format",
        "date_type",
        "timestamp_format",
        "timestamp_type",
        "naive_timestamp",
        "localized_text_empty",
        "longitude_range",
        "latitude_range",
        "profile_subject",
        "unknown_field",
    }
)

# What each kind of core schema can raise, and what each constraint adds.
_BY_SCHEMA: dict[str, tuple[str, ...]] = {
    "bool": ("bool_type", "bool_parsing"),
    "int": ("int_type", "int_parsing", "int_parsing_size", "int_from_float"),
    "float": ("float_type", "float_parsing", "finite_number"),
    "str": ("string_type", "string_unicode"),
    "list": ("list_type",),
    "dict": ("dict_type",),
    "model": ("model_type", "model_attributes_type"),
    "model-fields": ("model_attributes_type", "missing"),
    "literal": ("literal_error",),
    "enum": ("enum",),
    "date": (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ),
    "datetime": (
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "datetime_object_invalid",
    ),
    "tagged-union": ("union_tag_invalid", "union_tag_not_found"),
    "function-after": ("value_error", "assertion_error"),
    "function-before": ("value_error", "assertion_error"),
    "function-plain": ("value_error", "assertion_error"),
    "none": ("none_required",),
}
_BY_CONSTRAINT: dict[tuple[str, str], tuple[str, ...]] = {
    ("str", "min_length"): ("string_too_short",),
    ("str", "max_length"): ("string_too_long",),
    ("str", "pattern"): ("string_pattern_mismatch",),
    ("list", "min_length"): ("too_short",),
    ("list", "max_length"): ("too_long",),
    ("dict", "min_length"): ("too_short",),
    ("dict", "max_length"): ("too_long",),
}
for _kind in ("int", "float"):
    _BY_CONSTRAINT |= {
        (_kind, "gt"): ("greater_than",),
        (_kind, "ge"): ("greater_than_equal",),
        (_kind, "lt"): ("less_than",),
        (_kind, "le"): ("less_than_equal",),
        (_kind, "multiple_of"): ("multiple_of",),
    }
_BY_CONSTRAINT[("datetime", "tz_constraint")] = ("timezone_naive", "timezone_aware")


def error_types_used() -> set[str]:
    """The built-in pydantic error types the models can raise (read from their core schema)."""
    from smartstd.standard.dataset import Dataset, Envelope, entity_adapter

    found: set[str] = set()
    stack: list[Any] = [
        entity_adapter().core_schema,
        Envelope.__pydantic_core_schema__,
        Dataset.__pydantic_core_schema__,
    ]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Mapping):
            kind = node.get("type")
            if isinstance(kind, str):
                found.update(_BY_SCHEMA.get(kind, ()))
                for key in node:
                    found.update(_BY_CONSTRAINT.get((kind, str(key)), ()))
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return found


class _Keep(string.Formatter):
    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "")
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, (list, tuple)):
            value = "、".join(str(v) for v in value)
        return str(super().format_field(value, format_spec))


_FORMAT = _Keep()


def translate(error_type: str, ctx: Mapping[str, Any] | None) -> str | None:
    """The Chinese message of a pydantic error, or ``None`` when the table lacks the type."""
    template = ZH.get(error_type)
    if template is None:
        return None
    values = dict(ctx or {})
    if error_type == "code_not_in_list" and values.get("hint"):
        values["hint"] = "（或带命名空间前缀的扩展代码，如 gz:my_code）"
    try:
        return _FORMAT.format(template, **values)
    except (ValueError, IndexError):
        return template
