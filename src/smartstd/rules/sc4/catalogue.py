"""Catalogue entries SC4xx: safety, security and privacy (level L2).

Messages never carry a full identity number or phone number: the rules put
masked values (``440113****002X``, ``138****5678``) in the parameters,
because reports get published.
"""

from __future__ import annotations

from smartstd.rules.info import Param, rule

#: SC405 default retention bounds (days) by device kind; other kinds that
#: capture personal data use ``min_days`` / ``max_days``.
_RETENTION_BOUNDS_BY_KIND: dict[str, list[int]] = {
    "cctv_camera": [30, 90],
    "face_recognition_gate": [0, 30],
}

#: SC410 default minimum protection levels (等保) by device kind.
_MIN_LEVEL_BY_KIND: dict[str, int] = {"face_recognition_gate": 3}

RULES = (
    rule(
        "SC401",
        "raw-id-number",
        "error",
        "L2",
        ("出现身份证号明文", "Raw identity number"),
        (
            "{field} 含身份证号明文（{masked}），只能保存加盐哈希 id_number_hash",
            "{field} contains a raw identity number ({masked}); store only the salted"
            " id_number_hash",
        ),
        (
            "公民身份号码（GB 11643-1999）在数据集中只能以加盐 SHA-256 摘要 id_number_hash"
            " 保存。本规则检查每条记录和数据集信封的每一个字符串（含嵌套对象、扩展字段和对象的键），"
            "按人们实际的写法查找：全角数字、零宽字符、不间断空格，以及用空格、连字符、点号分组"
            "（6-8-4、四位一组）都算。校验位正确的 18 位号码、15 位旧号码（出生日期有效）都是"
            "错误；校验位不符但地区码和出生日期有效的 18 位号码按“疑似身份证号”报告，掩码后带 ?。"
            "紧贴在字母与数字混排的词（哈希、UUID）中的数字不算。请用 smartstd.identifiers.hash_id_number"
            " 计算摘要后删除明文，包括备注等自由文本中的号码。",
            "A resident identity number (GB 11643-1999) is kept in a dataset only as the"
            " salted SHA-256 digest id_number_hash. This rule looks at every string of every"
            " record and of the dataset's envelope (nested objects, extension fields and"
            " object keys included), the way people write numbers: full-width digits,"
            " zero-width characters, no-break spaces and groups split by spaces, hyphens or"
            " dots (6-8-4, groups of four) all count. An 18-digit number with a valid check"
            " digit and a 15-digit number (the 1984-1999 form) with a valid birth date are"
            " errors; an 18-digit number with a wrong check digit but a valid area and date"
            " is reported as looking like an identity number (its masked form ends in ?)."
            " Digits inside a word that mixes letters and digits (a hash, a UUID) do not"
            " count. Compute the digest with smartstd.identifiers.hash_id_number and delete"
            " the raw number, also from free text such as notes.",
        ),
    ),
    rule(
        "SC402",
        "unmasked-phone",
        "error",
        "L2",
        ("手机号未脱敏", "Unmasked phone number"),
        (
            "{field} 含未脱敏的手机号（{masked}），{classification} 数据集须写成 138****1234",
            "{field} holds an unmasked mobile number ({masked}); a {classification} dataset"
            " must mask it as 138****1234",
        ),
        (
            "居民的手机号属个人信息。除 internal（内部）数据集外，任何字符串（实体字段、扩展字段、"
            "对象的键、数据集信封）都不得含完整手机号：Resident.phone 必须脱敏为前三位、四个星号、"
            "后四位（138****1234）。带 +86、0086、86 前缀，用空格、连字符、点号分组，全角数字或"
            "夹有零宽字符的写法都能查出。组织联系方式（Organization.contact）中的电话是公开的"
            "办公电话，不检查。允许明文的密级由参数 allowed_classifications 设定。",
            "A resident's mobile number is personal data. In any dataset that is not internal,"
            " no string (entity fields, extension fields, object keys, the envelope) may hold"
            " a full mobile number: Resident.phone must be masked as the first three digits,"
            " four asterisks and the last four (138****1234). Numbers with a +86, 0086 or 86"
            " prefix, grouped by spaces, hyphens or dots, in full-width digits or split by"
            " zero-width characters are all found. Organisation contact phones"
            " (Organization.contact) are public office numbers and are not checked. The"
            " parameter allowed_classifications sets which classifications may carry"
            " unmasked numbers.",
        ),
        (
            Param(
                "allowed_classifications",
                ["internal"],
                "可以保存未脱敏手机号的数据集密级",
                "Dataset classifications that may carry unmasked mobile numbers",
                tighten="subset",
            ),
        ),
    ),
    rule(
        "SC403",
        "personal-name-in-public-dataset",
        "error",
        "L2",
        ("公开数据集含居民姓名", "Personal name in a public dataset"),
        (
            "公开数据集中的居民记录含姓名（name）",
            "A resident's name (name) appears in a public dataset",
        ),
        (
            "居民姓名属个人信息，不能出现在密级为 public（公开）的数据集中。发布前删除"
            " Resident.name，或把数据集标为 internal / restricted 并限定使用范围。",
            "A resident's name is personal data and must not appear in a dataset classified"
            " public. Drop Resident.name before publishing, or classify the dataset internal"
            " or restricted and limit who receives it.",
        ),
    ),
    rule(
        "SC404",
        "camera-without-privacy-notice",
        "error",
        "L2",
        ("采集个人信息的设备未设置告知标识", "Camera without privacy notice"),
        (
            "设备（{kind}）采集个人信息，但 privacy_notice 不是 true",
            "The {kind} device captures personal data but privacy_notice is not true",
        ),
        (
            "在公共场所安装图像采集、个人身份识别设备，应当设置显著的提示标识（个人信息保护法"
            "第二十六条）。采集个人信息的设备（captures_personal_data 为 true，或类型为视频"
            "监控、人脸识别门禁、门禁）必须写明 privacy_notice: true；缺失或为 false 都是错误。"
            "已停用（retired）的设备不检查。",
            "Image capture and personal identification equipment in public places needs a"
            " visible notice (PIPL art. 26). A device that captures personal data"
            " (captures_personal_data true, or of kind cctv_camera, face_recognition_gate or"
            " access_control) must state privacy_notice: true; missing or false is an error."
            " Retired devices are not checked.",
        ),
    ),
    rule(
        "SC405",
        "retention-out-of-bounds",
        "warning",
        "L2",
        ("保存期限不在允许范围内", "Retention out of bounds"),
        (
            "设备（{kind}）采集个人信息，保存天数 retention_days 为 {retention}，"
            "应在 {min_days} 至 {max_days} 天之间",
            "The {kind} device captures personal data; its retention_days is {retention},"
            " but must be between {min_days} and {max_days}",
        ),
        (
            "采集个人信息的设备必须写明保存天数，并且不短于公共安全所需、不长于处理目的所需"
            "（个人信息保护法第十九条）。默认范围：视频监控 30-90 天（公共安全视频一般要求"
            "至少保存 30 天），人脸识别门禁 0-30 天（生物识别信息尽量少存），其他采集个人信息"
            "的设备（如门禁）7-90 天。地方配置可以通过 min_days、max_days 和 kind_bounds 调整。"
            "未写 retention_days 时参数 retention 为 missing。已停用设备不检查。",
            "A device that captures personal data must state how many days it keeps the data,"
            " no shorter than public safety needs and no longer than its purpose needs (PIPL"
            " art. 19). Default bounds: cctv_camera 30-90 days (public-security video is"
            " commonly required to be kept at least 30 days), face_recognition_gate 0-30 days"
            " (keep biometric data as little as possible), any other device capturing"
            " personal data (e.g. access_control) 7-90 days. Profiles adjust them with"
            " min_days, max_days and kind_bounds. Without retention_days the retention"
            " parameter is missing. Retired devices are not checked.",
        ),
        (
            Param(
                "min_days",
                7,
                "未在 kind_bounds 中列出的设备类型的最短保存天数",
                "Minimum retention days for device kinds not listed in kind_bounds",
                tighten="higher",
            ),
            Param(
                "max_days",
                90,
                "未在 kind_bounds 中列出的设备类型的最长保存天数",
                "Maximum retention days for device kinds not listed in kind_bounds",
                tighten="lower",
            ),
            Param(
                "kind_bounds",
                _RETENTION_BOUNDS_BY_KIND,
                "按设备类型设定的 [最短, 最长] 保存天数",
                "[minimum, maximum] retention days by device kind",
                tighten="range-each",
            ),
        ),
    ),
    rule(
        "SC406",
        "alert-timeline-invalid",
        "error",
        "L2",
        ("告警时间线矛盾", "Alert timeline invalid"),
        (
            "告警时间线矛盾（{reason}）：{field} 为 {value}，{other} 为 {other_value}",
            "The alert's timeline is inconsistent ({reason}): {field} is {value}, {other} is"
            " {other_value}",
        ),
        (
            "告警的时间必须前后一致：确认时间不早于发现时间，处置完成时间不早于发现时间和确认"
            "时间，状态为 resolved（已处置）时必须有 resolved_at，任何时间都不晚于数据集的"
            " generated_at。原因代码：acknowledged-before-detected、resolved-before-detected、"
            "resolved-before-acknowledged、resolved-without-time、after-generated-at。状态为 open"
            " 而已有 acknowledged_at 的告警（重新打开）不算错误。",
            "An alert's times must agree: acknowledged no earlier than detected, resolved no"
            " earlier than detected or acknowledged, a resolved alert has resolved_at, and no"
            " time is later than the dataset's generated_at. Reason codes:"
            " acknowledged-before-detected, resolved-before-detected,"
            " resolved-before-acknowledged, resolved-without-time, after-generated-at. An open"
            " alert that carries acknowledged_at (re-opened) is not an error.",
        ),
    ),
    rule(
        "SC407",
        "critical-alert-unacknowledged",
        "warning",
        "L2",
        ("紧急告警未及时确认", "Critical alert not acknowledged in time"),
        (
            "紧急告警发现后 {minutes} 分钟未确认（{state}），超过 {ack_minutes} 分钟时限",
            "A critical alert went {minutes} minutes without acknowledgement ({state}); the"
            " limit is {ack_minutes} minutes",
        ),
        (
            "级别为 critical（紧急）的告警必须在 ack_minutes 分钟内确认。已有 acknowledged_at"
            " 的，看确认时间与发现时间之差；状态为 open 且没有确认时间的，看数据集 generated_at"
            " 时已经过去多久。恰好等于时限不算超时。参数 state 为 acknowledged-late（确认晚了）"
            "或 still-unacknowledged（至今未确认）。",
            "An alert of severity critical must be acknowledged within ack_minutes minutes."
            " With acknowledged_at, the delay is acknowledged_at minus detected_at; an open"
            " alert without acknowledged_at is measured at the dataset's generated_at. Exactly"
            " the limit is in time. The state parameter is acknowledged-late or"
            " still-unacknowledged.",
        ),
        (
            Param(
                "ack_minutes",
                15,
                "紧急告警确认时限（分钟）",
                "Minutes within which a critical alert must be acknowledged",
                tighten="lower",
            ),
        ),
    ),
    rule(
        "SC408",
        "device-silent",
        "warning",
        "L2",
        ("设备长时间无数据", "Device silent"),
        (
            "设备状态为 active，但最后一次上报（{last_seen}）距数据集生成已超过"
            " {max_silence_hours} 小时",
            "The device is active, but its last report ({last_seen}) is more than"
            " {max_silence_hours} hours before the dataset was generated",
        ),
        (
            "状态为 active（在线）的设备，其 last_seen_at 距数据集 generated_at 不应超过"
            " max_silence_hours 小时；从未上报（没有 last_seen_at）也算。长时间无数据的设备"
            "应改为 offline 或 fault 并安排检修，否则设备在线率等指标失真。参数 last_seen 为"
            "时间或 never，hours 为相隔小时数。",
            "A device whose status is active should have a last_seen_at no more than"
            " max_silence_hours hours before the dataset's generated_at; a device never seen"
            " (no last_seen_at) counts too. Mark a silent device offline or fault and get it"
            " repaired, or indicators such as device availability are wrong. The last_seen"
            " parameter is a time or never; hours is the gap in hours.",
        ),
        (
            Param(
                "max_silence_hours",
                24,
                "在线设备最长无数据小时数",
                "Hours an active device may go without being seen",
                tighten="lower",
            ),
        ),
    ),
    rule(
        "SC409",
        "sensitive-data-in-public-dataset",
        "error",
        "L2",
        ("公开数据集含敏感个人信息", "Sensitive data in a public dataset"),
        (
            "公开数据集含敏感个人信息：{data}",
            "A public dataset contains sensitive personal data: {data}",
        ),
        (
            "敏感个人信息（个人信息保护法第二十八条：生物识别、特定身份、医疗健康、金融账户、"
            "行踪轨迹等）不能出现在 public（公开）数据集中。本规则认定三类：居民的特殊群体"
            "标记 Resident.special_groups；服务档案中类别属于 sensitive_need_categories"
            "（默认 health、disability_support、social_assistance）的需求；以及类型属于"
            " sensitive_device_kinds（默认 face_recognition_gate）或采集 sensitivity 为"
            " sensitive_personal 的数据类别的设备所产生的观测值（每台设备报告一次，"
            "位于其第一条观测，count 为条数）。数据类别和设备本身的描述不算。",
            "Sensitive personal data (PIPL art. 28: biometrics, specific identity, health,"
            " financial accounts, whereabouts ...) must not appear in a dataset classified"
            " public. This rule counts three things: a resident's special_groups; the needs"
            " of a service profile whose category is in sensitive_need_categories (by default"
            " health, disability_support, social_assistance); and the observations of a"
            " device whose kind is in sensitive_device_kinds (by default"
            " face_recognition_gate) or that collects a data category of sensitivity"
            " sensitive_personal (reported once per device, at its first observation, with"
            " their count). The descriptions of data categories and devices are not"
            " themselves sensitive data.",
        ),
        (
            Param(
                "sensitive_need_categories",
                ["health", "disability_support", "social_assistance"],
                "属敏感个人信息的需求类别",
                "Need categories that are sensitive personal data",
                tighten="superset",
            ),
            Param(
                "sensitive_device_kinds",
                ["face_recognition_gate"],
                "观测值属敏感个人信息的设备类型",
                "Device kinds whose observations are sensitive personal data",
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC410",
        "protection-level-too-low",
        "error",
        "L2",
        ("等保级别过低", "Protection level too low"),
        (
            "设备（{kind}）采集个人信息，等保级别 protection_level 为 {level}，"
            "至少应为 {min_level}",
            "The {kind} device captures personal data; its protection_level is {level}, at"
            " least {min_level} is required",
        ),
        (
            "采集个人信息的设备所在系统须按网络安全等级保护定级。默认至少二级，人脸识别门禁"
            "（生物识别）至少三级；缺少 protection_level 也是错误（参数 level 为 missing）。"
            "地方配置可以通过 min_level 和 kind_min_levels 调整。已停用设备不检查。",
            "The system behind a device that captures personal data must be graded under the"
            " classified protection scheme (等保). By default level 2 at least, level 3 for"
            " face_recognition_gate (biometrics); a missing protection_level is an error too"
            " (the level parameter is missing). Profiles adjust this with min_level and"
            " kind_min_levels. Retired devices are not checked.",
        ),
        (
            Param(
                "min_level",
                2,
                "采集个人信息设备的最低等保级别",
                "Minimum protection level of a device capturing personal data",
                tighten="higher",
            ),
            Param(
                "kind_min_levels",
                _MIN_LEVEL_BY_KIND,
                "按设备类型设定的最低等保级别",
                "Minimum protection level by device kind",
                tighten="higher-each:min_level",
            ),
        ),
    ),
    rule(
        "SC411",
        "bank-card-number",
        "error",
        "L2",
        ("出现银行卡号", "Bank card number"),
        (
            "{field} 含银行卡号（{masked}），金融账户属敏感个人信息，不得出现在数据集中",
            "{field} holds a bank card number ({masked}); financial accounts are sensitive"
            " personal information and do not belong in a dataset",
        ),
        (
            "金融账户属于《个人信息保护法》第二十八条所列的敏感个人信息，本标准没有任何字段"
            "需要银行卡号。本规则在每条记录和数据集信封的每一个字符串中查找 16 至 19 位、"
            "Luhn 校验正确、以发卡机构号段开头（银联 62、4、5、3、9、2221-2720）的号码，"
            "连写或四位一组（空格、连字符、点号、全角数字、零宽字符都算）。统一社会信用代码"
            "不算。请删除卡号；确需关联账户时只保存业务系统内部的编号。",
            "Financial accounts are sensitive personal information under PIPL article 28,"
            " and no field of the standard needs a card number. This rule looks at every"
            " string of every record and of the envelope for 16 to 19 digits with a valid"
            " Luhn check digit that start with an issuer range (UnionPay 62, 4, 5, 3, 9,"
            " 2221-2720), written in one run or in groups of four (spaces, hyphens, dots,"
            " full-width digits and zero-width characters all count). Unified social credit"
            " codes do not count. Delete the number; where an account must be linked, keep"
            " only the business system's own reference.",
        ),
    ),
)
