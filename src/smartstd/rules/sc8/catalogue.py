"""Catalogue entries SC8xx: pilot assessment (level L2)."""

from __future__ import annotations

from smartstd.rules.info import rule

RULES = (
    rule(
        "SC801",
        "pilot-target-missed",
        "warning",
        "L2",
        ("试点目标未达成", "Pilot target missed"),
        (
            "试点 {pilot} 的目标未达成：{title_zh} 为 {value}，目标 {comparator} {target}（差 {difference}，n={n}）",
            "Pilot {pilot} missed a target: {title} is {value} against {comparator} {target} "
            "(by {difference}, n={n})",
        ),
        (
            "试点（Pilot）为指标设定了目标。smartstd 按公开的指标定义（indicators.json）从数据计算"
            "该指标：只计试点社区（community_ids）、试点期间（starts_on 至 ends_on）内的记录，"
            "与 `smartstd assess --pilot` 的结果相同。未达成的目标是一个警告：数据仍然合规"
            "（警告不降低合规等级），但试点还没有做到它承诺的事，应在总结中说明原因与改进措施。"
            "没有数据可算的目标由 SC803 报告；治理完备度的缺口由 SC601-SC603 逐个领域报告，本规则不重复报告。",
            "A pilot sets targets on indicators. smartstd computes each indicator from the data by "
            "its published definition (indicators.json), counting only the records of the pilot's "
            "communities (community_ids) within its dates (starts_on to ends_on), exactly as "
            "`smartstd assess --pilot` does. A missed target is a warning: the data still "
            "conforms (warnings never lower a level), but the pilot has not yet done what it "
            "promised, and its summing-up should say why and what will change. A target with "
            "no data to compute it from is SC803's; a shortfall in governance completeness is "
            "reported domain by domain by SC601-SC603, not repeated here.",
        ),
    ),
    rule(
        "SC802",
        "pilot-invalid",
        "error",
        "L2",
        ("试点定义无效", "Pilot invalid"),
        (
            "试点 {pilot} 无法评估：{reason}",
            "Pilot {pilot} cannot be assessed: {reason}",
        ),
        (
            "试点的日期与目标必须能够被评估：结束日期不得早于开始日期；至少有一个试点社区；"
            "每个目标的指标都有计算定义，目标值在该指标的取值范围内（比率 0-1，满意度 1-5，"
            "时长、件数与每百人数不小于 0）；同一指标同一比较符只设一个目标。"
            "否则目标无从判断，评估结论也就没有意义。",
            "A pilot's dates and targets must be assessable: it does not end before it starts; "
            "it names at least one community; every target's indicator has a definition and its "
            "value lies in that indicator's range (ratios 0-1, satisfaction 1-5, hours, minutes, "
            "counts and rates per 100 at least 0); and one indicator has one target per "
            "comparator. Otherwise no target can be judged and the assessment means nothing.",
        ),
    ),
    rule(
        "SC803",
        "pilot-target-without-data",
        "info",
        "L2",
        ("试点目标无数据", "Pilot target without data"),
        (
            "试点 {pilot} 的目标 {title_zh} 无法计算：试点社区、试点期间内没有所需的记录",
            "Pilot {pilot}: {title} cannot be computed: the pilot's communities have no records "
            "it needs within its dates",
        ),
        (
            "目标所需的记录（例如计算平均满意度所需的已评价诉求）在试点社区、试点期间内一条也没有，"
            "因此无法判断是否达成。请补充数据，或确认该指标是否适合这个试点。"
            "有无法读取的输入（SC100 等）时不报告，因为所缺的数据可能就在其中。",
            "Not one record the target needs (for mean satisfaction: a scored request) is in the "
            "pilot's communities within its dates, so it cannot be judged. Add the data, or ask "
            "whether the indicator suits this pilot. Not reported when some input could not "
            "be read (SC100 ...): the missing records may be there.",
        ),
    ),
)
