"""Catalogue entries SC9xx: the project's own waivers."""

from __future__ import annotations

from smartstd.rules.info import rule

RULES = (
    rule(
        "SC901",
        "expired-waiver",
        "warning",
        "L2",
        ("豁免已过期", "Expired waiver"),
        (
            "第 {waiver} 条豁免（{code} {target}）已于 {expires} 过期：{reason}",
            "Waiver #{waiver} ({code} {target}) expired on {expires}: {reason}",
        ),
        (
            "过期的豁免不再生效，被豁免的结果会重新出现。修复问题后删除该豁免，或在复核后延长到期日。",
            "An expired waiver no longer applies, so the finding it covered is reported again. Fix the problem and delete the waiver, or extend its expiry after review.",
        ),
        "- code: SC408\n  entity_id: dev-cam-017\n  reason: replaced\n  expires: 2025-01-31",
        "- code: SC408\n  entity_id: dev-cam-017\n  reason: replaced\n  expires: 2026-12-31",
    ),
    rule(
        "SC902",
        "unused-waiver",
        "info",
        "L2",
        ("豁免未使用", "Unused waiver"),
        (
            "第 {waiver} 条豁免（{code} {target}）没有匹配任何结果，可以删除",
            "Waiver #{waiver} ({code} {target}) matched no finding and can be removed",
        ),
        (
            "未匹配任何结果的豁免通常说明问题已修复或指针写错。删除它，让豁免文件保持准确。",
            "A waiver that matches nothing usually means the problem was fixed or the pointer is wrong. Remove it to keep the waivers file honest.",
        ),
        "- code: SC202\n  pointer: /entities/9/building_id   (no such finding)",
        "(waiver removed)",
    ),
)
