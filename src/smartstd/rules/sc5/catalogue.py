"""Catalogue entries SC5xx: services and needs (level L2)."""

from __future__ import annotations

from smartstd.rules.info import Param, rule

RULES = (
    rule(
        "SC501",
        "service-profile-stale",
        "warning",
        "L2",
        ("服务档案过期", "Service profile stale"),
        (
            "服务档案最后更新于 {updated_at}，已有 {days} 天，超过 {max_age_days} 天",
            "The service profile was last updated on {updated_at}, {days} days ago, "
            "more than {max_age_days} days",
        ),
        (
            "服务档案记录住户或居民的需求与服务，需要定期复核（例如每年一次入户走访）。"
            "在数据集生成时间 generated_at，updated_at 早于 max_age_days 天的档案被视为过期，"
            "其中的需求可能已经变化。恰好 max_age_days 天不报告。",
            "A service profile records a household's or resident's needs and services and "
            "should be reviewed regularly (say a yearly home visit). A profile whose "
            "updated_at is more than max_age_days before the dataset's generated_at is stale: "
            "its needs may have changed. Exactly max_age_days is not reported.",
        ),
        '{"type": "ServiceProfile", "updated_at": "2024-03-01T10:00:00+08:00"}\n'
        "(generated_at 2026-06-30T18:00:00+08:00)",
        '{"type": "ServiceProfile", "updated_at": "2026-03-01T10:00:00+08:00"}',
        params=(
            Param(
                "max_age_days",
                365,
                "档案多少天未更新即视为过期。",
                "Days without an update after which a profile is stale.",
                tighten="lower",
            ),
        ),
    ),
    rule(
        "SC502",
        "need-unserved",
        "warning",
        "L2",
        ("需求无服务", "Need unserved"),
        (
            "档案记录了 {category} 类需求，但没有在任何在办的同类服务中有效登记",
            "The profile records a need for {category} but no active enrolment in an active "
            "service of that category",
        ),
        (
            "档案中的每项需求都应有对应的服务：在生成时间 generated_at 仍有效的登记"
            "（已开始、未结束），且所登记的服务项目状态为 active、类别与需求相同。"
            "未被服务的需求会拉低需求覆盖率，也可能意味着困难群众被遗漏。"
            "登记引用了数据集中不存在的服务时由 SC202 报告，本规则不重复报告。",
            "Every need of a profile should be met by a service: an enrolment that runs at "
            "generated_at (started and not ended) in a Service whose status is active and "
            "whose category is the need's. An unserved need lowers need coverage and may mean "
            "a vulnerable resident was missed. An enrolment naming a service that is not in "
            "the dataset is SC202's finding, not repeated here.",
        ),
        '{"type": "ServiceProfile", "needs": [{"category": "elderly_care", ...}],\n'
        ' "enrolments": []}',
        '{"type": "ServiceProfile", "needs": [{"category": "elderly_care", ...}],\n'
        ' "enrolments": [{"service_id": "svc-meal", "enrolled_at": "2026-01-05T09:00:00+08:00"}]}\n'
        "(svc-meal: category elderly_care, status active)",
    ),
    rule(
        "SC503",
        "eligibility-mismatch",
        "warning",
        "L2",
        ("不符合服务对象条件", "Eligibility mismatch"),
        (
            "居民 {resident} 登记了服务 {service}，"
            "但不符合其服务对象条件：{reason} 应为 {expected}",
            "Resident {resident} is enrolled in service {service} but does not meet its "
            "eligibility: {reason} must be {expected}",
        ),
        (
            "居民个人档案（resident_id）中仍有效的服务登记，须符合服务项目的 eligibility："
            "年龄（按出生年份在 generated_at 时计算，因生日未知取两年的范围；或按年龄段）"
            "须完全落在 min_age 与 max_age 之外才报告；限定特殊群体时，居民须属于其中之一；"
            "限定户籍类型时，已记录的户籍类型须在其中。住户档案不检查，"
            "因为标准没有说明登记属于哪位成员。结果中不包含居民的特殊群体信息。",
            "An open enrolment of a resident's profile (resident_id) must fit the Service's "
            "eligibility: the age (from birth_year at generated_at, a two-year range since the "
            "birthday is unknown, or from age_band) is reported only when wholly outside "
            "min_age..max_age; when special groups are listed, the resident belongs to one of "
            "them; when residence types are listed, a recorded residence type is one of them. "
            "Household profiles are not checked, as the standard does not say which member an "
            "enrolment is for. The finding never repeats the resident's special groups.",
        ),
        '{"type": "Service", "id": "svc-meal", "eligibility": {"min_age": 60}}\n'
        '{"type": "Resident", "id": "res-7", "birth_year": 1990}\n'
        '{"type": "ServiceProfile", "resident_id": "res-7",\n'
        ' "enrolments": [{"service_id": "svc-meal", ...}]}',
        '{"type": "Resident", "id": "res-7", "birth_year": 1950}',
    ),
    rule(
        "SC504",
        "household-size-mismatch",
        "warning",
        "L2",
        ("户人数不一致", "Household size mismatch"),
        (
            "住户人数为 {size}，但有 {residents} 位居民记录在该户",
            "The household's size is {size}, but {residents} residents name it",
        ),
        (
            "当数据集中至少有一位居民的 household_id 指向某户时，该户的 size 应等于"
            "指向它的居民人数。不一致通常说明人员迁入迁出后没有同步更新。"
            "没有任何居民指向的住户不检查。原样重复的居民记录（SC201）只算一人；"
            "结构不合规的居民记录照样计入。",
            "When at least one Resident's household_id names a household, the household's "
            "size should equal the number of residents that name it. A difference usually "
            "means moves in or out were not recorded on both. Households that no resident "
            "names are not checked. A resident record repeated as it is (SC201) counts once; "
            "a resident whose record is otherwise invalid still counts.",
        ),
        '{"type": "Household", "id": "hh-1", "size": 3}\n'
        '{"type": "Resident", "id": "res-1", "household_id": "hh-1"}',
        '{"type": "Household", "id": "hh-1", "size": 1}\n'
        '{"type": "Resident", "id": "res-1", "household_id": "hh-1"}',
    ),
    rule(
        "SC505",
        "enrolment-in-retired-service",
        "error",
        "L2",
        ("登记了已停办的服务", "Enrolment in retired service"),
        (
            "登记的服务 {service} 已停办（retired），但登记仍未结束",
            "The enrolment in service {service}, which is retired, has not ended",
        ),
        (
            "服务项目停办（status: retired）后，所有登记都应写明结束时间 ended_at；"
            "在生成时间 generated_at 仍未结束的登记会让人以为服务仍在提供。"
            "服务项目没有停办日期，因此不检查停办后的服务记录（ServiceRecord）。",
            "When a Service is retired, every enrolment in it should have ended (ended_at); "
            "an enrolment still open at generated_at suggests a service that is no longer "
            "delivered. A Service carries no retirement date, so service records delivered "
            "after retirement are not checked.",
        ),
        '{"type": "Service", "id": "svc-old", "status": "retired"}\n'
        '{"type": "ServiceProfile", "enrolments": [{"service_id": "svc-old",\n'
        '  "enrolled_at": "2025-01-01T09:00:00+08:00"}]}',
        '{"type": "ServiceProfile", "enrolments": [{"service_id": "svc-old",\n'
        '  "enrolled_at": "2025-01-01T09:00:00+08:00", '
        '"ended_at": "2025-12-31T18:00:00+08:00"}]}',
    ),
)
