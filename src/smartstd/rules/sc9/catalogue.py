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
            "未匹配任何结果的豁免通常说明问题已修复或指针写错。删除它，让豁免文件保持准确。"
            "只写指针、不写 entity_id 的豁免只豁免一条记录的结果：NDJSON 文件中每条记录的指针"
            "都从该记录算起（如 /phone），不写 file 的指针也可能出现在多个文件中；"
            "若该指针在多条记录中都有结果，这条豁免一个也不豁免，并以问题 ambiguous（参数 problem）报告，"
            "请加上 entity_id（或 file）。",
            "A waiver that matches nothing usually means the problem was fixed or the pointer is"
            " wrong. Remove it to keep the waivers file honest. A waiver that names a pointer"
            " and no entity_id waives the findings of one record: in an NDJSON file every"
            " record's pointers start at the record (such as /phone), and a pointer without a"
            " file may be in several files. When the pointer names findings of several"
            " records, the waiver waives none of them and is reported with the problem"
            " ambiguous (parameter problem): add entity_id (or file).",
        ),
        variants={
            "ambiguous": (
                "第 {waiver} 条豁免（{code} {target}）在 {records} 条记录中都有结果；"
                "一条豁免只豁免一条记录的结果，因此未豁免任何结果：请加上 entity_id（或 file）",
                "Waiver #{waiver} ({code} {target}) names findings of {records} records; a"
                " waiver covers one record's findings, so it waived none: add entity_id (or"
                " file)",
            ),
        },
        variant_param="problem",
    ),
    rule(
        "SC903",
        "findings-left-out",
        "info",
        "L1",
        ("部分结果未列出", "Findings left out"),
        (
            "另有 {omitted} 条 {code}（{severity}）结果未列出：超过了{scope_zh}上限 {limit} 条；"
            "汇总计数包含这些结果",
            "{omitted} more {code} ({severity}) findings are not listed: over the limit of"
            " {limit} {scope_en}; the summary counts include them",
        ),
        (
            "为了让报告可读、让恶意数据无法撑爆报告，每条记录每条规则、每条记录和整次检查列出的"
            "结果数都有上限（limits 配置 max_findings_per_rule_per_record、"
            "max_findings_per_record、max_findings，命令行 --max-findings）。超出的结果不列出，"
            "只由本通知说明条数；汇总计数、是否通过和达到的级别仍按全部结果计算。本通知不是问题，"
            "不计入计数，也不能被豁免。",
            "To keep a report readable, and hostile data from blowing it up, the findings"
            " listed per rule per record, per record and per run are limited (the limits"
            " max_findings_per_rule_per_record, max_findings_per_record and max_findings in"
            " the configuration, --max-findings on the command line). Findings over a limit"
            " are not listed; this notice says how many there were. The summary counts, the"
            " verdict and the level reached still count every finding. The notice is not a"
            " problem: it is not counted and cannot be waived.",
        ),
    ),
)
