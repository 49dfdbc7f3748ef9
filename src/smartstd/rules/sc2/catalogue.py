"""Catalogue entries SC2xx: identity and references (level L2)."""

from __future__ import annotations

from smartstd.rules.info import Param, rule

RULES = (
    rule(
        "SC201",
        "duplicate-id",
        "error",
        "L2",
        ("标识重复", "Duplicate id"),
        ("{type} 标识 {id} 重复出现", "The {type} id {id} is used more than once"),
        (
            "同一类型的两个实体不能使用同一个 id，否则引用它的记录指向不明。合并重复记录，或给其中一个新的 id。",
            "Two entities of the same type cannot share an id, or references to it become ambiguous. Merge the duplicates or give one of them a new id.",
        ),
    ),
    rule(
        "SC202",
        "unresolved-reference",
        "error",
        "L2",
        ("引用无法解析", "Unresolved reference"),
        (
            "{field} 引用的 {expected} {target} 不在数据集中",
            "{field} names {expected} {target}, which is not in the dataset",
        ),
        (
            "以 _id 或 _ids 结尾的字段必须指向同一数据集（或一起检查的文件）中存在的实体。补上被引用的实体，或修正 id。"
            "引用与某个 id 只差大小写、全角半角或首尾空格时，发现项会问“是否应为”该 id（id 区分大小写）。",
            "A field ending in _id or _ids must name an entity present in the same dataset (or in a file checked with it). Add the referenced entity or correct the id."
            " When the reference differs from an id only in case, width or surrounding spaces, the finding asks whether that id was meant (ids are case-sensitive).",
        ),
    ),
    rule(
        "SC203",
        "reference-type-mismatch",
        "error",
        "L2",
        ("引用类型不符", "Reference type mismatch"),
        (
            "{field} 应指向 {expected}，但 {target} 是 {actual}",
            "{field} should name {expected}, but {target} is {actual}",
        ),
        (
            "引用必须指向正确类型的实体；指向组织时还须是合适的组织类型，例如 managed_by_id 应为物业服务企业，street_office_id 应为街道办事处。",
            "A reference must name an entity of the right type, and for organisations of the right kind: managed_by_id names a property management company, street_office_id a street office.",
        ),
    ),
    rule(
        "SC204",
        "community-mismatch",
        "error",
        "L2",
        ("社区不一致", "Community mismatch"),
        (
            "{field} 指向的 {target} 属于社区 {actual}，而本记录属于社区 {expected}",
            "{field} names {target}, which belongs to community {actual}, but this record belongs to community {expected}",
        ),
        (
            "实体所属社区必须与其所在的楼栋、网格或来源设备一致，否则统计和派单会落到错误的社区。",
            "An entity's community must match that of the building, grid or device it stands in or comes from; otherwise counts and dispatch go to the wrong community.",
        ),
    ),
    rule(
        "SC205",
        "invalid-division-code",
        "error",
        "L2",
        ("行政区划代码无效", "Invalid division code"),
        (
            "行政区划代码 {value} 无效（{reason}）",
            "The division code {value} is invalid ({reason})",
        ),
        (
            "division_code 必须是数据集日期（generated_at）时在用的 GB/T 2260 县级行政区划代码，"
            "例如番禺区 440113。代码随库附带的行政区划表核对（民政部历年县级以上行政区划代码，"
            "含撤销年份）：从未存在的代码（not-in-gbt2260，如 449999、440199）、"
            "已撤销的代码（abolished，如 2014 年撤销的萝岗区 440116）、尚未启用的代码"
            "（not-yet-in-use）和地级以上代码（not-county-level，不辖县的地级市如东莞 441900 除外）"
            "都不通过。发现项说明应改成什么：已撤销的区县给出其地域今属的区县代码（如萝岗区"
            " 440116 今属黄埔区 440112，东山区 440102 今属越秀区 440104），不存在的代码和"
            "地级代码列出该市现有的区县代码。12 位统计用区划代码 statistical_code（区县 6 位 +"
            "乡镇街道 3 位 + 村居 3 位）也在此检查：社区的前六位须与 division_code 相同，网格的"
            "前六位须是在用的区县代码，乡镇街道码和村居码都不能是 000。写法错误（JSON 数字、"
            "电子表格小数 440106.0、全角数字、把 12 位代码填进 division_code）在 L1 报为 SC103，"
            "并说明应写成什么。行政区划调整后无需等待新版本：用参数 table 指定一份更新的表"
            "（CSV：code,name,level,start,end）。",
            "division_code must be a GB/T 2260 county-level code in use on the dataset's date "
            "(generated_at), e.g. 440113 for Panyu. It is looked up in the division table shipped "
            "with the library (the Ministry of Civil Affairs' yearly lists of divisions at county "
            "level and above, with the years each code was in use): a code that never existed "
            "(not-in-gbt2260, e.g. 449999 or 440199), one abolished before then (abolished, e.g. "
            "440116 Luogang, abolished in 2014), one not yet in use (not-yet-in-use) and a code "
            "above county level (not-county-level; a prefecture with no counties, such as "
            "Dongguan 441900, is accepted) fail. The finding says what to write instead: for "
            "an abolished district, the code its area now belongs to (440116 Luogang is now "
            "440112 Huangpu, 440102 Dongshan is now 440104 Yuexiu); for a code that never "
            "existed or a prefecture's code, the county-level codes of that prefecture. The "
            "12-digit statistical code statistical_code (county 6 + township 3 + community 3) "
            "is checked here too: on a community its first six digits equal division_code, on "
            "a grid they are a county-level code in use, and neither the township nor the "
            "community part is 000. Codes written another way (a JSON number, a spreadsheet's "
            "440106.0, full-width digits, a 12-digit code in division_code) are SC103 at L1, "
            "with what to write. When divisions change, no new release is "
            "needed: the parameter table names a newer table (CSV: code,name,level,start,end).",
        ),
        params=(
            Param(
                "table",
                "",
                "更新的行政区划表文件（CSV，相对于当前目录）；空表示只用随库附带的表。",
                "A newer division table file (CSV, relative to the working directory); empty "
                "for the shipped table alone.",
            ),
        ),
    ),
    rule(
        "SC206",
        "invalid-credit-code",
        "error",
        "L2",
        ("统一社会信用代码无效", "Invalid credit code"),
        (
            "统一社会信用代码 {value} 无效（{reason}）",
            "The unified social credit code {value} is invalid ({reason})",
        ),
        (
            "credit_code 必须符合 GB 32100-2015：18 位，第 1 位登记管理部门码，第 2 位机构类别码，"
            "第 3-8 位登记管理机关行政区划码，第 9-17 位主体标识码，最后一位是按加权模 31 计算的"
            "校验码。发现项指出错在第几位；校验失败时给出前 17 位算出的校验码（通常是抄录错误，"
            "请核对证照）。字符集外的写法（小写字母、全角字符、空格或连字符、字母 I、O、S、V、Z）"
            "在 L1 报为 SC103，并指出字符的位置和应写成的代码（例如 O 应为 0）。",
            "credit_code must follow GB 32100-2015: 18 characters, 1 the registration "
            "authority, 2 the organisation type, 3-8 the registering office's division code, "
            "9-17 the organisation code, the last a weighted mod-31 check character. The "
            "finding names the position that is wrong; for a failed check, the check character "
            "the first 17 call for (usually a copying mistake: compare with the licence). "
            "Characters outside the alphabet (lower-case letters, full-width characters, spaces "
            "or hyphens, the letters I, O, S, V and Z) are SC103 at L1, with the position and "
            "the code to write (an O that should be 0, say).",
        ),
    ),
    rule(
        "SC207",
        "time-after-generation",
        "error",
        "L2",
        ("时间晚于数据集生成时间", "Time after generation"),
        (
            "{field} 为 {value}，晚于数据集的生成时间 generated_at（{generated_at}）",
            "{field} is {value}, later than the dataset's generated_at ({generated_at})",
        ),
        (
            "数据集只能记录生成之前已经发生的事：观测时间（Observation.observed_at）、设备安装与"
            "最近在线时间（Device.installed_at、last_seen_at）、服务提供时间"
            "（ServiceRecord.delivered_at）、服务档案的更新与需求评估时间"
            "（ServiceProfile.updated_at、needs.*.assessed_at）、"
            "居民出生年份和同意的给出与撤回时间（Resident.birth_year、consents.*.given_at、"
            "withdrawn_at）、入住日期（Household.moved_in_on）、建成年份（Building.built_year）"
            "和协商决定时间（Consultation.decision.decided_at）都不能晚于信封的 generated_at"
            "（日期按生成时间所在日、年份按生成年份比较）。晚于生成时间的值通常是年份写错、"
            "时区写错或测试数据。诉求的时间由 SC301 判断，告警的时间由 SC406 判断；"
            "协商的起止时间、办理期限、服务的纳入与结束时间和章程的有效期是计划，可以晚于生成时间。"
            "信封没有 generated_at 时不检查。",
            "A dataset records only what happened before it was made: an observation's time"
            " (Observation.observed_at), a device's installation and last contact"
            " (Device.installed_at, last_seen_at), a service's delivery"
            " (ServiceRecord.delivered_at), a service profile's update and needs assessments"
            " (ServiceProfile.updated_at, needs.*.assessed_at), a resident's birth year and consents given or"
            " withdrawn (Resident.birth_year, consents.*.given_at, withdrawn_at), a move-in"
            " date (Household.moved_in_on), a building's year (Building.built_year) and a"
            " consultation's decision (Consultation.decision.decided_at) are never later than"
            " the envelope's generated_at (a date is compared with generated_at's day, a year"
            " with its year). Such a value is usually a wrong year, a wrong offset or test"
            " data. A request's times are SC301's, an alert's SC406's; a consultation's window,"
            " a due date, an enrolment's start and end and a charter's validity are plans and may be"
            " later. Without generated_at nothing is checked.",
        ),
    ),
)
