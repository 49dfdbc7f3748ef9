"""Catalogue entries SC5xx: services and needs, consent and counts (level L2)."""

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
    ),
    rule(
        "SC506",
        "profile-without-consent",
        "error",
        "L2",
        ("服务档案缺少有效同意", "Service profile without consent"),
        (
            "服务档案依据处理目的 {purpose} 保存，但档案主体没有有效的同意（{reason}，{at}）",
            "The service profile is kept for purpose {purpose}, but its subject's consent does "
            "not hold ({reason}, {at})",
        ),
        (
            "个人信息保护法要求处理个人信息有合法性基础；服务档案写明其依据的同意目的"
            "（consent_purpose_id）时，档案的居民（住户档案则为该户任一居民）必须在档案更新"
            "（updated_at）时持有对该目的的同意（Resident.consents），且未撤回。"
            "never：从未同意；not-at-update：同意晚于更新或更新前已撤回；withdrawn：已撤回，"
            "撤回后档案仍被保存（应停止处理并删除）。撤回自 withdrawn_at 起生效。",
            "PIPL requires a legal basis for processing. A service profile that names the "
            "purpose it is kept for (consent_purpose_id) needs its resident (for a household "
            "profile, one of the household's residents) to hold a consent to that purpose "
            "(Resident.consents) given no later than the profile's updated_at and not withdrawn "
            "by then. Reasons: never (no consent to the purpose), not-at-update (given after the "
            "update, or withdrawn before it), withdrawn (withdrawn by the dataset's "
            "generated_at, yet the profile is still kept: processing stops and the profile goes "
            "from withdrawn_at on).",
        ),
    ),
    rule(
        "SC507",
        "sensitive-data-without-separate-consent",
        "error",
        "L2",
        ("敏感个人信息缺少单独同意", "Sensitive data without separate consent"),
        (
            "服务档案含敏感个人信息（{sensitive}），但所同意的处理目的 {purpose} "
            "未声明任何敏感数据类别，不构成单独同意",
            "The service profile holds sensitive personal data ({sensitive}), but the purpose "
            "consented to, {purpose}, declares no sensitive data category: that is no separate "
            "consent",
        ),
        (
            "个人信息保护法第二十九条：处理敏感个人信息（残疾、特殊群体身份、健康等）须取得单独同意。"
            "档案的居民属于特殊群体（special_groups），或档案记录类别属于 "
            "sensitive_need_categories 的需求时，档案所依据的同意目的必须声明敏感数据类别"
            "（sensitivity 为 sensitive_personal 或写明 sensitive_kind），即居民是为敏感信息"
            "单独同意的。未写明同意目的的档案依其他合法性基础保存，不在此检查。",
            "PIPL art. 29: processing sensitive personal information (a disability, a special "
            "group, health ...) needs separate consent. When the profile's resident belongs to a "
            "special group, or the profile records a need of a category in "
            "sensitive_need_categories, the purpose consented to must declare a sensitive data "
            "category (sensitivity sensitive_personal, or a sensitive_kind): the consent was "
            "given for the sensitive data in particular. A profile naming no consent purpose "
            "is kept under another legal basis and not judged here.",
        ),
        params=(
            Param(
                "sensitive_need_categories",
                ["health", "disability_support", "social_assistance"],
                "属敏感个人信息的需求类别；配置只能增加。",
                "Need categories that are sensitive personal data; a profile may only add some.",
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC508",
        "community-count-mismatch",
        "warning",
        "L2",
        ("社区统计数与数据不符", "Community count mismatch"),
        (
            "社区的 {field} 为 {stated}，数据中实有 {counted}（容差 {tolerance}）",
            "The community's {field} is {stated}, but the data holds {counted} "
            "(tolerance {tolerance})",
        ),
        (
            "社区填报的户数（household_count）、流动人口（floating_population）和户籍人口"
            "（registered_population）应与数据中该社区房屋里的住户和居民一致（流动人口按"
            "residence_type 为 non_local 计，户籍人口按 registered 计）。只有数据集对该社区"
            '完整时才比较：参数 complete_communities 列出这些社区的 id（"*" 表示全部），'
            "默认不比较；tolerance 是允许的相对差（默认 0，即必须相等）。",
            "A community's household_count, floating_population and registered_population "
            "should agree with the households and residents living in its dwellings in the data "
            "(floating: residence_type non_local; registered: registered). They are compared "
            "only for communities the dataset is complete for: the parameter "
            'complete_communities lists their ids ("*" for all), none by default; tolerance is '
            "the relative difference allowed (0 by default: they must be equal).",
        ),
        params=(
            Param(
                "complete_communities",
                [],
                '数据集完整覆盖的社区 id；"*" 表示全部。',
                'Ids of the communities the dataset is complete for; "*" for every one.',
                tighten="superset",
            ),
            Param(
                "tolerance",
                0.0,
                "允许的相对差（0.05 即 5%）；配置只能降低。",
                "The relative difference allowed (0.05 is 5%); a profile may only lower it.",
                tighten="lower",
            ),
        ),
    ),
)
