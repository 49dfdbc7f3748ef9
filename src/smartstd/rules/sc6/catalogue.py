"""Catalogue entries SC6xx: governance and role boundaries (level L3).

These rules read the governance charter (responsibility domains, RACI
assignments, data categories, purposes, data access grants, agreements and
duty separations) as a graph, and cross it with the data (SC616). They run in
:mod:`smartstd.graph.checks`; the conformance engine reaches them through
:mod:`smartstd.rules.sc6.checks`.

SC601-SC616 are the rules of ``RULES.md``. SC617-SC620 were added for what
the graph must also report: failed charter assertions (``smartstd graph
test``), validity periods that end before they begin, agreements without
parties and cycles in the domain hierarchy. SC621-SC624 check the study's
governance (issue 14): public services led by government, agreements signed
in advance, one definition of in force, and several parties.

治理与职责边界规则（L3）：把治理章程视为一张图进行检查，并与数据交叉核对。
"""

from __future__ import annotations

from smartstd.rules.info import Param, rule

_RESIDENT_KINDS = ["residents_committee", "owners_committee", "resident_representative"]

#: SC621: the public-service domains and the kinds of public body that lead them.
_PUBLIC_DOMAINS = ("public_safety", "health", "elderly_care")
_PUBLIC_KINDS = ("municipal_government", "district_government", "street_office", "police_station")

#: SC624: organisation kinds by sector.
_SECTORS = {
    "government": _PUBLIC_KINDS,
    "residents": ("residents_committee", "owners_committee", "resident_representative"),
    "social": ("social_organization", "volunteer_group", "university", "research_institute"),
    "market": ("enterprise", "telecom_operator", "property_management"),
}

RULES = (
    rule(
        "SC601",
        "no-accountable",
        "error",
        "L3",
        ("没有负责方", "No accountable party"),
        (
            "责任领域 {domain} 在 {on} 没有有效的负责方（A）",
            "Domain {domain} has no accountable party in force on {on}",
        ),
        (
            "章程涉及的每个责任领域（章程声明的子领域，以及任何分工、目的、"
            "协议或职责分离引用到的核心领域）都必须恰好有一个负责方（RACI 中的 A），"
            "在检查日期（数据集的 generated_at）有效。"
            "子领域没有自己的负责方时沿用上级领域的负责方。参数 required_domains "
            '可要求更多核心领域（"*" 表示全部核心领域）。',
            "Every domain the charter touches (its declared sub-domains, and every core domain "
            "that an assignment, purpose, agreement or duty separation names) "
            "needs exactly one accountable party (the A of RACI) in force on the check date (the "
            "dataset's generated_at). A sub-domain without its own "
            "accountable party inherits its parent's. The parameter required_domains adds core "
            'domains that must be covered ("*" for all of them).',
        ),
        params=(
            Param(
                "required_domains",
                [],
                '必须有负责方的额外领域 id；"*" 表示全部核心领域。',
                'Extra domain ids that must have an accountable party; "*" for every core domain.',
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC602",
        "multiple-accountable",
        "error",
        "L3",
        ("负责方不唯一", "Several accountable parties"),
        (
            "责任领域 {domain} 在 {on} 有 {count} 个负责方（{organizations}），只能有一个",
            "Domain {domain} has {count} accountable parties in force on {on} ({organizations}); "
            "exactly one must answer for it",
        ),
        (
            "一个领域有多个负责方时，出了问题谁都可以推给别人。这正是多方共建中“行为上的交叉”。"
            "只保留一个负责方，其余改为执行方（R）或咨询方（C）。",
            "When several parties are accountable for one domain, each can point at the others "
            "when something goes wrong: the overlap the paper complains of. "
            "Keep one accountable party and make the others responsible (R) or consulted (C).",
        ),
    ),
    rule(
        "SC603",
        "no-responsible",
        "error",
        "L3",
        ("没有执行方", "No responsible party"),
        (
            "责任领域 {domain} 在 {on} 没有有效的执行方（R）",
            "Domain {domain} has no responsible party in force on {on}",
        ),
        (
            "每个领域至少要有一个执行方（RACI 中的 R）实际承担工作；只有负责方而无人执行的领域，"
            "居民的诉求无人办理。子领域可沿用上级领域的执行方。",
            "Every domain needs at least one responsible party (the R of RACI) doing the work; a "
            "domain with an accountable party but nobody responsible "
            "leaves residents' requests with no one to handle them. A sub-domain may inherit its "
            "parent's responsible parties.",
        ),
        params=(
            Param(
                "required_domains",
                [],
                '必须有执行方的额外领域 id；"*" 表示全部核心领域。',
                'Extra domain ids that must have a responsible party; "*" for every core domain.',
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC604",
        "overlapping-responsibility",
        "error",
        "L3",
        ("职责交叉", "Overlapping responsibility"),
        (
            "排他领域 {domain} 有多个执行方（{organizations}），但牵头方不是恰好一个（牵头方："
            "{leads}）",
            "Exclusive domain {domain} has several responsible parties ({organizations}) but not "
            "exactly one lead (leads: {leads})",
        ),
        (
            "排他领域（如消防安全、物业维护、居民数据）同一时间只能由一方牵头执行。多个执行方时，"
            "须用 lead: true 指定恰好一个牵头方。"
            "参数 exclusive_domains 可把更多领域视为排他。",
            "An exclusive domain (fire safety, property maintenance, resident data ...) is run "
            "by one party at a time. With several responsible parties, "
            "mark exactly one of them lead: true. The parameter exclusive_domains makes more "
            "domains exclusive.",
        ),
        params=(
            Param(
                "exclusive_domains",
                [],
                "除领域自身声明外，另视为排他的领域 id。",
                "Domain ids treated as exclusive besides those that say so themselves.",
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC605",
        "delegation-cycle",
        "error",
        "L3",
        ("转授循环", "Delegation cycle"),
        (
            "{length} 个授权构成转授循环：{members}",
            "A delegation cycle of {length} grant(s): {members}",
        ),
        (
            "转授（delegated_from_id）必须最终追溯到一个原始授权。循环的转授链没有源头，"
            "也就没有人真正授予过这项访问权。结果列出循环中的每个授权；断开循环，"
            "让链条从原始授权开始。自我转授是长度为 1 的循环。",
            "A delegation (delegated_from_id) must lead back to an original grant. A cycle has "
            "no origin, so nobody ever really granted the access. "
            "The finding names every member of the cycle; break it so the chain starts at an "
            "original grant. A grant delegated from itself is a cycle of one.",
        ),
    ),
    rule(
        "SC606",
        "delegation-exceeds-grant",
        "error",
        "L3",
        ("转授超出来源授权", "Delegation exceeds its grant"),
        (
            "授权 {grant} 比其转授来源 {source} 更宽（{wider}）：{detail}",
            "Grant {grant} is wider than {source}, the grant it is delegated from, in {wider}: "
            "{detail}",
        ),
        (
            "转授只能收窄，不能放宽：转授的授权在操作（actions）、数据类别（categories）、"
            "目的（purposes）和时间（time）上都必须在来源授权之内。结果指出哪一项更宽。",
            "A delegation may only narrow a grant: the delegated grant must stay within its "
            "source in actions, data category, purpose and time. "
            "The finding says which of actions, categories, purposes or time is wider.",
        ),
    ),
    rule(
        "SC607",
        "purpose-not-allowed",
        "error",
        "L3",
        ("目的不被允许", "Purpose not allowed"),
        (
            "授权 {grant} 允许 {organization} 为目的 {purpose} 处理 {category}，但 {declared_by} "
            "未为该数据类别声明该目的",
            "Grant {grant} lets {organization} process {category} for purpose {purpose}, but "
            "{declared_by} does not declare that purpose for that category",
        ),
        (
            "个人信息只能为明确、合理的目的处理（个人信息保护法第六条）。"
            "授权的目的必须在该目的的 data_category_ids 中列出所授权的数据类别；"
            "授权依据某协议时，协议列出的目的和数据类别也必须包含它。",
            "Personal information may be processed only for a clear and reasonable purpose (PIPL "
            "art. 6). A grant's purpose must list the granted data "
            "category in its data_category_ids, and when the grant rests on an agreement, the "
            "purposes and categories the agreement lists must include it too.",
        ),
    ),
    rule(
        "SC608",
        "sensitive-access-without-basis",
        "error",
        "L3",
        ("敏感数据缺少合法性基础", "Sensitive access without basis"),
        (
            "授权 {grant} 让 {organization} 访问敏感度为 {sensitivity} 的类别 {category}，"
            "合法性基础为 {basis}；须为 {allowed} 之一",
            "Grant {grant} gives {organization} access to {sensitivity} category {category} with "
            "legal basis {basis}; it needs one of {allowed}",
        ),
        (
            "敏感个人信息（生物识别、医疗健康、行踪轨迹、"
            "不满十四周岁未成年人等）只有在具有特定目的和充分必要性时才能处理，"
            "通常需要单独同意（个人信息保护法第二十八、二十九条）。"
            "访问敏感类别的授权必须写明 legal_basis，且属于参数 sensitive_bases "
            "所列之一（默认不接受仅凭合同）。",
            "Sensitive personal information (biometrics, health, whereabouts, minors under 14 "
            "...) may be processed only for a specific purpose with "
            "sufficient necessity, usually with separate consent (PIPL arts. 28-29). A grant on "
            "a sensitive category must state its legal_basis, and it must be "
            "one of the parameter sensitive_bases (a contract alone is not enough by default).",
        ),
        params=(
            Param(
                "sensitivities",
                ["sensitive_personal"],
                "视为敏感的数据敏感度。",
                "Sensitivities treated as sensitive.",
                tighten="superset",
            ),
            Param(
                "sensitive_bases",
                ["consent", "legal_obligation", "public_interest", "vital_interest"],
                "敏感数据可接受的合法性基础。",
                "Legal bases accepted for sensitive data.",
                tighten="subset",
            ),
        ),
    ),
    rule(
        "SC609",
        "processor-without-agreement",
        "error",
        "L3",
        ("受托处理缺少协议", "Processor without agreement"),
        (
            "{organization} 依授权 {grant} 以 {legal_role} 身份处理数据，但没有其作为一方的 "
            "{required} 协议（{reason}）",
            "{organization} processes data as {legal_role} under grant {grant} without a "
            "{required} agreement it is party to ({reason})",
        ),
        (
            "委托他人处理个人信息，须与受托人约定处理目的、期限、方式、"
            "种类和保护措施（个人信息保护法第二十一条）；共同处理须约定各自权利义务（第二十条）。"
            "受托处理者和再受托处理者的授权必须引用一份其作为一方的委托处理协议，"
            "共同处理者必须引用共同处理协议。reason 为 missing（未引用协议）、"
            "unknown（协议不存在）、wrong-kind（协议类型不对）或 not-a-party（不是协议一方）。",
            "Entrusting personal information to another party requires an agreement on purpose, "
            "duration, method, kinds of data and protection (PIPL art. 21); "
            "joint processing requires an agreement on each party's rights and duties (art. 20). "
            "A processor's or sub-processor's grant must name a "
            "data_processing agreement it is party to, a joint controller's a joint_control "
            "agreement. reason is missing (no agreement named), unknown "
            "(no such agreement), wrong-kind or not-a-party.",
        ),
        params=(
            Param(
                "processor_roles",
                ["processor", "sub_processor"],
                "需要委托处理协议的法律角色。",
                "Legal roles that need a data processing agreement.",
            ),
            Param(
                "processor_agreement_kinds",
                ["data_processing"],
                "可作为委托处理依据的协议类型。",
                "Agreement kinds that can govern a processor.",
            ),
            Param(
                "joint_agreement_kinds",
                ["joint_control"],
                "可作为共同处理依据的协议类型。",
                "Agreement kinds that can govern a joint controller.",
            ),
        ),
    ),
    rule(
        "SC610",
        "expired-in-force",
        "error",
        "L3",
        ("失效后仍在使用", "Expired but in force"),
        (
            "{subject_type} {subject} 在 {used_on} 仍在生效或被使用，但其依据 {expired} 已于 "
            "{until} 失效",
            "{subject_type} {subject} is in force or used on {used_on}, after {expired} expired "
            "on {until}",
        ),
        (
            "分工、授权和协议都有有效期。依据某协议的分工或授权不能比协议本身活得更久；"
            "数据中的诉求、告警、设备和服务也不能在唯一的分工或授权失效后继续由该组织承办。"
            "续签协议，或把依赖它的分工和授权的 valid_until 改到协议失效之前。",
            "Assignments, grants and agreements have validity periods. An assignment or grant "
            "that rests on an agreement cannot outlive it, and a request, "
            "alert, device or service in the data cannot keep being handled by an organisation "
            "after the only assignment or grant that let it do so expired. "
            "Renew the agreement, or end what depends on it no later than the agreement.",
        ),
    ),
    rule(
        "SC611",
        "duties-not-separated",
        "error",
        "L3",
        ("职责未分离", "Duties not separated"),
        (
            "{organization} 同时承担职责分离 {separation} 中的 {held} 项（{duties}），最多允许 "
            "{max_held} 项",
            "{organization} holds {held} of the duties of separation {separation} ({duties}); at "
            "most {max_held} are allowed",
        ),
        (
            "职责分离（DutySeparation）列出同一组织不得同时承担的领域和角色，"
            "例如“信息安全的负责方”与“居民数据的执行方”。同一组织在检查日期承担的此类职责数超过 "
            "max_held 时报告。",
            "A duty separation lists domain and role pairs that one organisation may not hold "
            "together, such as accountable for information security and "
            "responsible for resident data. It is reported when one organisation holds more of "
            "them than max_held on the check date.",
        ),
    ),
    rule(
        "SC612",
        "beneficiary-accountable",
        "warning",
        "L3",
        ("受益方担任负责方", "Beneficiary accountable"),
        (
            "{organization} 依协议 {agreement} 从领域 {domain} 获得收益（{benefit}），"
            "同时又是该领域的负责方",
            "{organization} benefits from domain {domain} under agreement {agreement} "
            "({benefit}) and is also accountable for it",
        ),
        (
            "负责方要对领域的成效负责并接受评价；如果它同时从该领域获得经营收入、"
            "考核成绩或数据使用权，就是在评价自己。"
            "收益的领域取收益自身的 domain_ids，未写时取协议的 domain_ids。参数 "
            "conflicting_benefits 列出构成冲突的收益类型。",
            "The accountable party answers for a domain's results and is evaluated on them; if "
            "it also earns revenue, a performance record or data access "
            "from that domain, it evaluates itself. A benefit's domains are its own domain_ids, "
            "or the agreement's when it names none. The parameter "
            "conflicting_benefits lists the kinds of benefit that conflict.",
        ),
        params=(
            Param(
                "conflicting_benefits",
                [
                    "revenue",
                    "performance_record",
                    "research_funding",
                    "student_placement",
                    "data_access",
                ],
                "与担任负责方相冲突的收益类型。",
                "Benefit kinds that conflict with being accountable.",
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC613",
        "residents-not-consulted",
        "error",
        "L3",
        ("未咨询居民", "Residents not consulted"),
        (
            "领域 {domain} 涉及居民，但在 {on} 没有居委会、业委会或居民代表参与（{roles}）",
            "Domain {domain} affects residents, but no residents' committee, owners' committee "
            "or resident representative takes part in it ({roles}) on {on}",
        ),
        (
            "居民参与不足是智慧社区建设的突出问题。涉及居民的领域（affects_residents，"
            "核心领域默认涉及）必须有代表居民的组织"
            "（参数 resident_kinds，默认居委会、业委会、居民代表）以参数 roles 中的角色参与，"
            "默认咨询、执行或负责。",
            "Residents taking little part is a main weakness of smart communities. A domain that "
            "affects residents (affects_residents; core domains do by "
            "default) needs an organisation that speaks for residents (parameter resident_kinds: "
            "residents' committee, owners' committee, resident "
            "representative) in one of the roles of the parameter roles (consulted, responsible "
            "or accountable by default).",
        ),
        params=(
            Param(
                "resident_kinds",
                _RESIDENT_KINDS,
                "代表居民的组织类型。",
                "Organisation kinds that speak for residents.",
            ),
            Param(
                "roles",
                ["consulted", "responsible", "accountable"],
                "算作参与的 RACI 角色。",
                "RACI roles that count as taking part.",
            ),
        ),
    ),
    rule(
        "SC614",
        "party-without-benefit-or-obligation",
        "error",
        "L3",
        ("协议方权责未写明", "Party without benefit or obligation"),
        (
            "协议 {agreement} 的一方 {organization} 没有写明{missing_zh}",
            "Party {organization} of agreement {agreement} has no {missing} written down",
        ),
        (
            "多方共建需要事先明确各方的责任和收益。协议的每一方都必须在 benefits 中写明收益、在 "
            "obligations 中写明义务；结果说明缺的是哪一项。",
            "Building a community with several parties needs each party's responsibilities and "
            "benefits agreed in advance. Every party of an agreement "
            "must have its gains under benefits and its duties under obligations; the finding "
            "says which is missing.",
        ),
    ),
    rule(
        "SC615",
        "orphan-organization",
        "warning",
        "L3",
        ("游离组织", "Orphan organisation"),
        (
            "组织 {organization} 在章程中没有任何角色、授权或协议",
            "Organisation {organization} has no role, grant or agreement in the charter",
        ),
        (
            "参与社区建设的组织都应在章程中有位置：某个领域的 RACI 角色、一项数据授权、一份协议，"
            "或作为数据管理方。"
            "不在章程中的组织，其行为不受任何边界约束。"
            "上级组织（parent_id）作为其下属的上级时不算游离。",
            "Every organisation that takes part should have a place in the charter: a RACI role "
            "in a domain, a data grant, an agreement, or stewardship of "
            "a data category. An organisation outside the charter acts without any boundary. A "
            "parent (parent_id) of an organisation with a place is not an orphan.",
        ),
    ),
    rule(
        "SC616",
        "action-outside-role",
        "error",
        "L3",
        ("越界行为", "Action outside role"),
        (
            "{field} 指向 {organization}，但该组织在 {on} 没有覆盖 {target} 的有效职责或授权",
            "{field} names {organization}, which holds no role or grant in force for {target} on "
            "{on}",
        ),
        (
            "数据与章程交叉核对：诉求的承办方、告警的处置方、"
            "服务的负责方必须在相应领域（按标准公布的映射由类别得到）担任执行方或负责方（参数 "
            "roles）；"
            "服务的提供方也可以是覆盖该领域的有效协议的一方；"
            "采集个人信息的设备的运维方必须在设备领域有角色，"
            "且对设备采集的每个数据类别持有有效授权。"
            "领域的上级或下级领域的角色也算覆盖。",
            "The data crossed with the charter: the organisation a request is assigned to, that "
            "handles an alert, or that is responsible for a service must be "
            "responsible or accountable (parameter roles) in the record's domain, found from its "
            "category through the standard's published mappings; a "
            "service's provider may instead be party to an agreement in force that covers the "
            "domain; a device's operator must have a role in the device's "
            "domain and, for a device that captures personal data, a grant in force for each "
            "data category it collects. A role in a parent or sub-domain counts.",
        ),
        params=(
            Param(
                "roles",
                ["responsible", "accountable"],
                "算作在领域内有职责的 RACI 角色。",
                "RACI roles that give an organisation a place in a domain.",
            ),
        ),
    ),
    rule(
        "SC617",
        "assertion-failed",
        "error",
        "L3",
        ("章程断言不成立", "Charter assertion failed"),
        (
            "章程断言 {assertion}（{kind}）不成立：期望 {expected}，实际 {actual}",
            "Charter assertion {assertion} ({kind}) failed: expected {expected}, found {actual}",
        ),
        (
            "章程可以写下对自身的期望（断言），"
            "如“某供应商永远不能为营销目的读取居民行踪”“只有这些组织可以写入居民数据”，"
            "由 smartstd graph test（以及 L3 检查）验证，就像 OpenFGA 的模型测试。"
            "断言写在章程文件顶层的 assertions 列表中，或写在单独的文件里交给 graph test -a。",
            'A charter may state what it expects of itself (assertions), such as "this vendor '
            "must never read residents' whereabouts for marketing\" or "
            '"exactly these parties may write resident data"; smartstd graph test (and an L3 '
            "check) verifies them, as OpenFGA's model tests do. "
            "Assertions are a top-level assertions list in the charter file, or a separate file "
            "given to graph test -a.",
        ),
    ),
    rule(
        "SC618",
        "validity-period-inverted",
        "error",
        "L3",
        ("有效期颠倒", "Validity period inverted"),
        (
            "{entity_type} {entity} 的有效期在开始（{valid_from}）之前就结束了（{valid_until}）",
            "{entity_type} {entity} ends ({valid_until}) before it begins ({valid_from})",
        ),
        (
            "valid_until 早于 valid_from 的分工、授权或协议永远不会生效，"
            "通常是日期写反或年份写错。",
            "An assignment, grant or agreement whose valid_until is before its valid_from is "
            "never in force; the dates are usually swapped or the year is wrong.",
        ),
    ),
    rule(
        "SC619",
        "agreement-without-parties",
        "error",
        "L3",
        ("协议缺少当事方", "Agreement without parties"),
        (
            "协议 {agreement} 只有 {count} 个当事方，至少需要 {min_parties} 个",
            "Agreement {agreement} has {count} parties; it needs at least {min_parties}",
        ),
        (
            "协议至少要有两方（参数 min_parties）：否则其收益、义务和授权都无从归属。",
            "An agreement needs at least two parties (parameter min_parties); otherwise its "
            "benefits, obligations and grants belong to nobody.",
        ),
        params=(
            Param(
                "min_parties",
                2,
                "协议最少当事方数。",
                "The least number of parties of an agreement.",
                tighten="higher",
            ),
        ),
    ),
    rule(
        "SC620",
        "domain-cycle",
        "error",
        "L3",
        ("领域层级循环", "Domain hierarchy cycle"),
        (
            "{length} 个责任领域的上级关系构成循环：{members}",
            "The parents of {length} responsibility domain(s) form a cycle: {members}",
        ),
        (
            "子领域的上级链必须终止于一个核心领域。循环的层级中，职责的继承无从确定。"
            "结果列出循环中的每个领域。",
            "The parents of a sub-domain must end at a core domain. In a cycle, inherited "
            "responsibility cannot be worked out. The finding names every member.",
        ),
    ),
    rule(
        "SC621",
        "public-service-not-publicly-led",
        "error",
        "L3",
        ("公共服务未由政府牵头", "Public service not led by a public body"),
        (
            "公共服务领域 {domain} 的负责方 {organization}（{kind}）不是公共机构；"
            "应由以下类型之一负责：{public_kinds}",
            "Public-service domain {domain} is led (accountable) by {organization} ({kind}), "
            "not by a public body ({public_kinds})",
        ),
        (
            "论文要求公共服务“由政府统一管理”，企业和社会组织参与合作。公共服务领域"
            "（参数 public_domains 及其子领域）的负责方（A）必须是公共机构（参数 public_kinds）；"
            "企业、社会组织可以做执行方（R）。地方配置可以增加领域、减少算作公共机构的类型。",
            "The study asks for public services to be led by government (由政府统一管理), with "
            "enterprises and social organisations cooperating. The accountable party (A) of a "
            "public-service domain (parameter public_domains and its sub-domains) must be a "
            "public body (parameter public_kinds); enterprises and social organisations may be "
            "responsible (R). A profile may add domains and remove kinds.",
        ),
        params=(
            Param(
                "public_domains",
                list(_PUBLIC_DOMAINS),
                "公共服务领域（含其子领域）；配置只能增加。",
                "Public-service domains (with their sub-domains); a profile may only add to them.",
                tighten="superset",
            ),
            Param(
                "public_kinds",
                list(_PUBLIC_KINDS),
                "算作公共机构的组织类型；配置只能减少。",
                "Organisation kinds that count as public bodies; a profile may only remove some.",
                tighten="subset",
            ),
        ),
    ),
    rule(
        "SC622",
        "agreement-not-in-advance",
        "error",
        "L3",
        ("协议未提前签订", "Agreement not signed in advance"),
        (
            "{subject_type} {subject} 始于 {begins}，早于协议 {agreement} 的签订日期 {signed}",
            "{subject_type} {subject} begins on {begins}, before agreement {agreement} was "
            "signed on {signed}",
        ),
        (
            "论文要求“提前明确各方责任和收益”。协议的签订日期（signed_at）不得晚于其生效日期"
            "（valid_from）；依据协议的分工和授权不得早于协议签订开始；数据中由某组织承办的诉求、"
            "告警、设备和服务，如果该组织的角色只来自一份协议，其日期不得早于协议签订。",
            "The study asks for each party's responsibilities and benefits to be fixed in "
            "advance (提前明确各方责任和收益). An agreement is signed (signed_at) no later than it "
            "takes effect (valid_from); an assignment or grant resting on it begins no earlier "
            "than it is signed; and a request, alert, device or service in the data that an "
            "organisation handles only by a role under an agreement is dated no earlier than "
            "the agreement's signing.",
        ),
    ),
    rule(
        "SC623",
        "agreement-not-yet-in-force",
        "error",
        "L3",
        ("所依据的协议尚未生效", "Agreement not yet in force"),
        (
            "{subject_type} {subject} 按自身日期在 {on} 有效，但其依据的协议 {agreement} "
            "自 {valid_from} 起才生效",
            "{subject_type} {subject} is in force on {on} by its own dates, but agreement "
            "{agreement} it rests on only takes effect on {valid_from}",
        ),
        (
            "“在某日有效”只有一个定义（smartstd.graph.validity）：分工或授权自身有效期覆盖该日，"
            "且所依据的协议在该日也有效。graph explain 据此拒绝依据未生效协议的访问；"
            "check 用同一定义报告本规则，两者的结论一致。把协议的 valid_from 提前，"
            "或把分工、授权的 valid_from 推迟到协议生效之日。",
            "There is one definition of in force on a day (smartstd.graph.validity): the "
            "assignment's or grant's own period covers the day, and so does the period of the "
            "agreement it rests on. graph explain denies access through a grant whose agreement "
            "is not yet in force; check reports this rule by the same definition, so the two "
            "agree. Move the agreement's valid_from earlier, or the dependent's later.",
        ),
    ),
    rule(
        "SC624",
        "single-sector-governance",
        "error",
        "L3",
        ("缺少多方参与", "Parties missing from governance"),
        (
            "章程在 {on} 只有 {present} 方承担角色（{roles}），缺少 {missing}；"
            "多方共建至少需要 {min_sectors} 方",
            "Only {present} hold roles ({roles}) in the charter on {on}; missing: {missing}. "
            "Multi-party governance needs at least {min_sectors} sectors",
        ),
        (
            "论文要求政府主导、多方共建：政府、居民自治组织、社会组织和企业各有职责。"
            "参数 sectors 把组织类型分为若干方；required_sectors 列出必须在章程中承担角色"
            "（参数 roles）的方（默认不限），min_sectors 是承担角色的方的最少数目"
            "（默认 2），只有政府部门的章程会被报告。番禺区配置要求政府和居民都参与、至少三方。"
            "SC613 另行要求每个涉及居民的领域都有居民一方参与。",
            "The study asks for government-led, multi-party construction: government, "
            "residents' self-governing bodies, social organisations and enterprises each hold "
            "responsibilities. The parameter sectors sorts organisation kinds into sectors; "
            "required_sectors lists those that must hold a role (parameter roles) somewhere in "
            "the charter (none by default), and min_sectors is the least number of sectors "
            "that do (2 by default), so a government-only charter is reported. The Panyu "
            "profile requires government and residents, and three sectors. SC613 asks, besides, "
            "for residents to take part in every domain that affects them.",
        ),
        params=(
            Param(
                "sectors",
                {k: list(v) for k, v in _SECTORS.items()},
                "各方包含的组织类型。",
                "The organisation kinds of each sector.",
            ),
            Param(
                "required_sectors",
                [],
                "必须承担角色的各方；配置只能增加。",
                "The sectors that must hold a role; a profile may only add to them.",
                tighten="superset",
            ),
            Param(
                "min_sectors",
                2,
                "承担角色的方的最少数目；配置只能提高。",
                "The least number of sectors holding a role; a profile may only raise it.",
                tighten="higher",
            ),
            Param(
                "roles",
                ["accountable", "responsible", "consulted"],
                "算作承担角色的 RACI 角色；配置只能减少。",
                "RACI roles that count as holding a role; a profile may only remove some.",
                tighten="subset",
            ),
        ),
    ),
)
