"""The governance charter of a generated dataset (治理章程).

Built from the organisation registry alone (no randomness), so it is the same
whether it is written with the data or on its own. It is sound by the SC6xx
rules: every core domain and sub-domain has one accountable party (a district
bureau) and at least one responsible party (with a lead in exclusive
domains); residents are consulted wherever a domain affects them; every
grant's category is allowed by its purpose; sensitive grants have a legal
basis and an agreement; processors have a data-processing agreement; the
delegated grant is narrower than its source; every agreement party has a
benefit or an obligation written down; no beneficiary is accountable for a
domain; the duty separations hold; and every organisation takes part.

Output order keeps references pointing backwards: sub-domains, data
categories, purposes, agreements, assignments, grants, duty separations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from smartstd._generate._orgs import Org, Registry
from smartstd.standard.domains import CORE_DOMAINS

__all__ = ["DC", "PURPOSE", "SUBDOMAINS", "build_charter", "charter_dates"]

#: Data category ids by short key.
DC = {
    "resident_basic": "dc-resident-basic",
    "resident_contact": "dc-resident-contact",
    "special_groups": "dc-special-groups",
    "health_records": "dc-health-records",
    "video_images": "dc-video-images",
    "face_templates": "dc-face-templates",
    "access_records": "dc-access-records",
    "device_telemetry": "dc-device-telemetry",
    "request_records": "dc-request-records",
    "system_logs": "dc-system-logs",
    "statistics": "dc-aggregated-statistics",
}

#: Purpose ids by short key.
PURPOSE = {
    "resident_registry": "purpose-resident-registry",
    "service_profiling": "purpose-service-profiling",
    "health_services": "purpose-health-services",
    "request_handling": "purpose-request-handling",
    "public_safety_monitoring": "purpose-public-safety-monitoring",
    "access_management": "purpose-access-management",
    "device_operations": "purpose-device-operations",
    "emergency_response": "purpose-emergency-response",
    "research": "purpose-research",
    "security_audit": "purpose-security-audit",
}

# id, parent, zh, en, affects_residents, exclusive, zh description, en description
SUBDOMAINS: tuple[tuple[str, str, str, str, bool, bool, str, str], ...] = (
    (
        "elderly_care.meal_service",
        "elderly_care",
        "长者助餐",
        "Meal service for older people",
        True,
        False,
        "长者饭堂、助餐配餐与送餐上门。",
        "Elderly canteens, meal preparation and delivery.",
    ),
    (
        "public_safety.video_surveillance",
        "public_safety",
        "视频监控",
        "Video surveillance",
        True,
        True,
        "小区与公共区域视频图像的采集、存储与调阅。",
        "Capturing, storing and viewing video of estates and public spaces.",
    ),
    (
        "resident_data.service_profiles",
        "resident_data",
        "服务档案",
        "Service profiles",
        True,
        True,
        "住户与居民服务档案（需求评估、服务登记）的建立与更新。",
        "Keeping household and resident service profiles: needs assessments and enrolments.",
    ),
    (
        "infrastructure_iot.nb_iot_network",
        "infrastructure_iot",
        "物联网专网",
        "NB-IoT network",
        False,
        False,
        "烟感、水表、车位等传感器接入的窄带物联网。",
        "The narrow-band IoT network that smoke detectors, meters and parking sensors use.",
    ),
)

# domain -> role plan: A (one tag), R (tags), lead (tag), C (tags), I (tags).
_PLAN: dict[str, dict[str, Any]] = {
    "public_safety": {
        "A": "police_bureau",
        "R": ["police_station", "pm"],
        "C": ["rc", "resident_rep"],
        "I": ["street_office"],
    },
    "fire_safety": {
        "A": "fire_brigade",
        "R": ["pm", "street_office"],
        "lead": "street_office",
        "C": ["rc", "oc"],
    },
    "property_maintenance": {"A": "housing_bureau", "R": ["pm"], "lead": "pm", "C": ["oc", "rc"]},
    "environment_sanitation": {
        "A": "urban_management",
        "R": ["street_office", "pm", "volunteer", "institute"],
        "C": ["rc"],
    },
    "elderly_care": {
        "A": "civil_affairs",
        "R": ["elderly_org", "social_work", "street_office", "volunteer"],
        "C": ["rc", "resident_rep"],
    },
    "childcare": {"A": "health_bureau", "R": ["social_work", "street_office"], "C": ["rc"]},
    "health": {"A": "health_bureau", "R": ["health_centre"], "C": ["rc"]},
    "social_assistance": {
        "A": "civil_affairs",
        "R": ["street_office", "social_work"],
        "C": ["rc", "resident_rep"],
    },
    "resident_data": {
        "A": "data_bureau",
        "R": ["street_office", "rc"],
        "lead": "street_office",
        "C": ["resident_rep"],
    },
    "feedback_handling": {
        "A": "data_bureau",
        "R": ["street_office", "rc"],
        "lead": "street_office",
        "C": ["resident_rep"],
    },
    "community_affairs": {
        "A": "civil_affairs",
        "R": ["street_office", "rc", "volunteer"],
        "C": ["resident_rep", "oc"],
    },
    "infrastructure_iot": {"A": "data_bureau", "R": ["telecom", "vendor"], "I": ["street_office"]},
    "information_security": {
        "A": "data_bureau",
        "R": ["vendor", "institute"],
        "lead": "vendor",
        "I": ["street_office"],
    },
    "service_delivery": {
        "A": "civil_affairs",
        "R": ["street_office", "social_work", "university", "rc"],
        "C": ["resident_rep"],
    },
    "elderly_care.meal_service": {
        "A": "civil_affairs",
        "R": ["elderly_org"],
        "C": ["rc", "resident_rep"],
    },
    "public_safety.video_surveillance": {
        "A": "police_bureau",
        "R": ["police_station", "pm"],
        "lead": "police_station",
        "C": ["resident_rep"],
    },
    "resident_data.service_profiles": {
        "A": "data_bureau",
        "R": ["social_work", "street_office"],
        "lead": "social_work",
        "C": ["resident_rep"],
    },
    "infrastructure_iot.nb_iot_network": {"A": "data_bureau", "R": ["telecom"]},
}

_ROLE_NAMES = {"A": "accountable", "R": "responsible", "C": "consulted", "I": "informed"}

# key, zh, en, sensitivity, sensitive kind, steward tag, zh description, en description
_CATEGORIES: tuple[tuple[str, str, str, str, str | None, str, str, str], ...] = (
    (
        "resident_basic",
        "居民基本信息",
        "Resident basic information",
        "personal",
        None,
        "data_bureau",
        "出生年份、户籍类型、住户关系等。",
        "Birth year, residence type, household membership.",
    ),
    (
        "resident_contact",
        "居民联系方式",
        "Resident contact details",
        "personal",
        None,
        "data_bureau",
        "手机号码（公开数据中脱敏）。",
        "Mobile numbers (masked in public data).",
    ),
    (
        "special_groups",
        "特殊群体身份",
        "Special group status",
        "sensitive_personal",
        "specific_identity",
        "civil_affairs",
        "独居老人、残疾人、低保对象等身份（个人信息保护法第二十八条）。",
        "Living alone, disability, low income and similar status (PIPL art. 28).",
    ),
    (
        "health_records",
        "健康档案",
        "Health records",
        "sensitive_personal",
        "health",
        "health_bureau",
        "家庭医生签约、慢病随访与照护评估记录。",
        "Family-doctor contracts, chronic-disease follow-up and care assessments.",
    ),
    (
        "video_images",
        "视频图像",
        "Video images",
        "personal",
        None,
        "police_bureau",
        "公共区域与小区视频监控图像（个人信息保护法第二十六条）。",
        "Video of public spaces and estates (PIPL art. 26).",
    ),
    (
        "face_templates",
        "人脸特征",
        "Face templates",
        "sensitive_personal",
        "biometric",
        "data_bureau",
        "人脸识别门禁登记的人脸特征值。",
        "Face templates enrolled for face-recognition gates.",
    ),
    (
        "access_records",
        "通行记录",
        "Access records",
        "sensitive_personal",
        "whereabouts",
        "data_bureau",
        "门禁与人脸识别闸机的进出记录（行踪轨迹）。",
        "Entry and exit records of gates (whereabouts).",
    ),
    (
        "device_telemetry",
        "设备运行数据",
        "Device telemetry",
        "internal",
        None,
        "data_bureau",
        "传感器读数与设备状态，不含个人信息。",
        "Sensor readings and device status; no personal data.",
    ),
    (
        "request_records",
        "诉求工单",
        "Request records",
        "personal",
        None,
        "data_bureau",
        "居民诉求内容、办理过程与答复。",
        "Residents' requests, their handling and answers.",
    ),
    (
        "system_logs",
        "系统日志",
        "System logs",
        "internal",
        None,
        "data_bureau",
        "平台访问与操作日志，用于安全审计。",
        "Platform access and operation logs, for security audits.",
    ),
    (
        "statistics",
        "统计汇总数据",
        "Aggregated statistics",
        "public",
        None,
        "data_bureau",
        "去标识化的汇总统计与指标。",
        "De-identified aggregate statistics and indicators.",
    ),
)

# key, zh, en, domains, categories
_PURPOSES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "resident_registry",
        "人口信息登记",
        "Resident registry",
        ("resident_data", "community_affairs", "social_assistance"),
        ("resident_basic", "resident_contact", "special_groups"),
    ),
    (
        "service_profiling",
        "服务档案建档与需求评估",
        "Service profiles and needs assessment",
        (
            "service_delivery",
            "elderly_care",
            "social_assistance",
            "childcare",
            "health",
            "resident_data.service_profiles",
        ),
        ("resident_basic", "resident_contact", "special_groups", "health_records"),
    ),
    (
        "health_services",
        "基本公共卫生服务",
        "Basic public health services",
        ("health",),
        ("resident_basic", "health_records"),
    ),
    (
        "request_handling",
        "诉求受理与办理",
        "Handling residents' requests",
        (
            "feedback_handling",
            "property_maintenance",
            "environment_sanitation",
            "public_safety",
            "community_affairs",
        ),
        ("resident_contact", "request_records"),
    ),
    (
        "public_safety_monitoring",
        "公共安全视频监控",
        "Public safety video monitoring",
        ("public_safety", "public_safety.video_surveillance"),
        ("video_images",),
    ),
    (
        "access_management",
        "门禁通行管理",
        "Access management",
        ("property_maintenance", "public_safety"),
        ("face_templates", "access_records"),
    ),
    (
        "device_operations",
        "设备运行维护",
        "Device operations",
        (
            "infrastructure_iot",
            "infrastructure_iot.nb_iot_network",
            "fire_safety",
            "property_maintenance",
            "environment_sanitation",
        ),
        ("device_telemetry",),
    ),
    (
        "emergency_response",
        "紧急救助与应急处置",
        "Emergency response",
        ("elderly_care", "fire_safety", "public_safety"),
        ("device_telemetry", "resident_contact", "health_records"),
    ),
    (
        "research",
        "科研与统计分析（去标识化）",
        "Research and statistics (de-identified)",
        ("environment_sanitation", "infrastructure_iot", "community_affairs"),
        ("device_telemetry", "statistics"),
    ),
    (
        "security_audit",
        "信息安全审计",
        "Information security audit",
        ("information_security",),
        ("system_logs",),
    ),
)


# What a party gains where its agreement lists no benefit for it: (role, agreement kind) or
# role -> (kind, zh, en, domains). Accountable bureaus gain only public_service, which is not
# a conflicting benefit under SC612.
_GAINS: dict[tuple[str, str] | str, tuple[str, str, str, tuple[str, ...]]] = {
    "data_bureau": (
        "public_service", "辖区数据治理与公共服务水平提升。",
        "Better data governance and public services in the district.", (),
    ),
    "civil_affairs": (
        "public_service", "社区服务供给与居民需求更匹配。",
        "Community services that match residents' needs better.", (),
    ),
    ("street_office", "data_processing"): (
        "public_service", "依法合规用数，减少重复采集，办事更快。",
        "Lawful use of data, less collecting twice, faster casework.", (),
    ),
    ("street_office", "data_sharing"): (
        "public_service", "辖区治安防控更有效。",
        "More effective crime prevention in the street.", (),
    ),
    ("rc", "data_processing"): (
        "public_service", "居民少跑腿、少重复填表。",
        "Residents make fewer trips and fill in fewer forms.", (),
    ),
    ("rc", "service_contract"): (
        "public_service", "物业矛盾减少，社区更和谐。",
        "Fewer property disputes, a calmer community.", (),
    ),
    "vendor": (
        "revenue", "平台数据处理服务费。", "Fees for processing the platform's data.",
        ("resident_data", "infrastructure_iot"),
    ),
    "telecom": (
        "revenue", "物联网数据托管服务费。", "Fees for hosting IoT data.", ("infrastructure_iot",),
    ),
    "social_work": (
        "data_access", "依授权使用服务档案开展个案服务。",
        "Authorised use of service profiles for casework.", ("resident_data.service_profiles",),
    ),
    "elderly_org": (
        "data_access", "依授权使用长者健康与紧急呼叫信息。",
        "Authorised use of older people's health and emergency-call data.", ("elderly_care",),
    ),
    "pm": (
        "public_service", "公安视频联网提升小区治安。",
        "Police links to the cameras make the estate safer.", ("public_safety",),
    ),
}  # fmt: skip


def charter_dates(generated_at: dt.datetime) -> dict[str, dt.date]:
    """The dates the charter uses, around ``generated_at``'s year Y.

    Everything is signed in December of Y-2 and valid from 1 January Y-1 to
    31 December Y+1, which covers every timestamp of the data (at most a year
    before ``generated_at``).
    """
    y = generated_at.year
    return {
        "signed": dt.date(y - 2, 12, 18),
        "from": dt.date(y - 1, 1, 1),
        "until": dt.date(y + 1, 12, 31),
        "delegated_from": dt.date(y - 1, 7, 1),
        "delegated_until": dt.date(y + 1, 6, 30),
        "pilot_start": dt.date(y - 1, 7, 1),
        "pilot_end": dt.date(y + 1, 6, 30),
    }


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


class _Builder:
    def __init__(self, reg: Registry, generated_at: dt.datetime) -> None:
        self.reg = reg
        self.d = charter_dates(generated_at)
        self.out: list[dict[str, Any]] = []
        self.tags: dict[str, list[Org]] = {}
        for org in reg.orgs:
            self.tags.setdefault(org.role, []).append(org)
        self.street_abbr = [s.abbr for s in reg.streets]

    def orgs(self, tag: str) -> list[Org]:
        return self.tags.get(tag, [])

    def validity(self) -> dict[str, str]:
        return {
            "valid_from": self.d["from"].isoformat(),
            "valid_until": self.d["until"].isoformat(),
        }

    # -------------------------------------------------------------- agreements
    def agreement_of(self, org: Org) -> str | None:
        """The agreement under which ``org`` holds its roles, if any."""
        if org.role in ("telecom", "vendor", "university", "institute"):
            return "agr-district-cooperation"
        if org.role in ("social_work", "elderly_org", "health_centre") and org.street is not None:
            return f"agr-{self.street_abbr[org.street]}-services"
        if org.role == "volunteer" and org.street is not None:
            return f"agr-{self.street_abbr[org.street]}-services"
        if org.role == "pm":
            first = next(c for c in self.reg.communities if c.pm == org.id)
            return f"agr-{first.slug}-property"
        return None

    def agreement(
        self,
        aid: str,
        kind: str,
        name: dict[str, str],
        parties: list[Org],
        domains: list[str],
        purposes: list[str],
        categories: list[str],
        benefits: list[tuple[Org, str, str, str, list[str]]],
        obligations: list[tuple[Org, str, str]],
    ) -> None:
        # every party has a benefit and an obligation written down (SC614)
        gaining = {o.id for o, *_ in benefits}
        for party in parties:
            if party.id not in gaining:
                gain = _GAINS.get((party.role, kind)) or _GAINS[party.role]
                benefits.append((party, gain[0], gain[1], gain[2], list(gain[3])))
                gaining.add(party.id)
        self.out.append(
            {
                "id": aid,
                "type": "Agreement",
                "name": name,
                "kind": kind,
                "party_ids": [p.id for p in parties],
                "domain_ids": domains,
                "purpose_ids": [PURPOSE[p] for p in purposes],
                "data_category_ids": [DC[c] for c in categories],
                "benefits": [
                    {
                        "organization_id": o.id,
                        "kind": k,
                        "description": _t(zh, en),
                        "domain_ids": doms,
                    }
                    for o, k, zh, en, doms in benefits
                ],
                "obligations": [
                    {"organization_id": o.id, "description": _t(zh, en)}
                    for o, zh, en in obligations
                ],
                "signed_at": self.d["signed"].isoformat(),
                **self.validity(),
            }
        )

    def agreements(self) -> None:
        reg = self.reg
        sh = reg.shared
        dz, de = reg.district.zh, reg.district.en
        offices = self.orgs("street_office")
        self.agreement(
            "agr-district-cooperation",
            "cooperation",
            _t(f"{dz}智慧社区共建合作协议", f"{de} smart community co-construction agreement"),
            [
                sh["data_bureau"],
                sh["civil_affairs"],
                *offices,
                sh["telecom"],
                sh["vendor"],
                sh["university"],
                sh["institute"],
            ],
            [
                "infrastructure_iot",
                "information_security",
                "service_delivery",
                "environment_sanitation",
                "community_affairs",
            ],
            ["research", "device_operations"],
            ["device_telemetry", "statistics"],
            [
                *(
                    (
                        so,
                        "performance_record",
                        "智慧社区建设成效纳入街道年度绩效考核。",
                        "Smart-community results count in the street office's annual review.",
                        ["service_delivery", "infrastructure_iot"],
                    )
                    for so in offices
                ),
                (
                    sh["telecom"],
                    "revenue",
                    "物联网专网与视频专线服务收入。",
                    "Revenue from the IoT network and video lines.",
                    ["infrastructure_iot"],
                ),
                (
                    sh["vendor"],
                    "revenue",
                    "平台建设与运维合同收入。",
                    "Revenue from building and running the platform.",
                    ["infrastructure_iot", "information_security"],
                ),
                (
                    sh["university"],
                    "student_placement",
                    "每年提供 30 个学生社区实践与就业见习岗位。",
                    "Thirty student placements a year in community work.",
                    ["service_delivery"],
                ),
                (
                    sh["university"],
                    "data_access",
                    "使用去标识化统计数据开展教学与研究。",
                    "Use of de-identified statistics for teaching and research.",
                    ["community_affairs"],
                ),
                (
                    sh["institute"],
                    "research_funding",
                    "获得区级智慧社区治理课题研究经费。",
                    "District research funding on smart-community governance.",
                    ["infrastructure_iot", "environment_sanitation"],
                ),
            ],
            [
                (
                    sh["data_bureau"],
                    "统筹试点，组织年度评估，确保各方权责边界清晰。",
                    "Coordinates the pilot, evaluates it yearly, keeps every remit clear.",
                ),
                (
                    sh["civil_affairs"],
                    "将社区服务项目纳入政府购买服务目录并监督实施。",
                    "Lists community services for government purchase and supervises them.",
                ),
                *(
                    (
                        so,
                        "提供场地与组织保障，按季度公开诉求办理情况。",
                        "Provides premises and staff; publishes request handling quarterly.",
                    )
                    for so in offices
                ),
                (
                    sh["telecom"],
                    "保障物联网专网可用性不低于 99.9%。",
                    "Keeps the IoT network available at least 99.9% of the time.",
                ),
                (
                    sh["vendor"],
                    "按 SCDS 标准输出数据，平台通过等保三级测评。",
                    "Publishes data to SCDS; the platform passes classified protection level 3.",
                ),
                (
                    sh["university"],
                    "派驻学生与导师，开设四点半课堂等服务。",
                    "Sends students and tutors to run the after-school class and other services.",
                ),
                (
                    sh["institute"],
                    "运维空气质量监测点并每季度提交研究报告，承担安全评估。",
                    "Runs the air-quality sensors, reports quarterly, assesses security.",
                ),
            ],
        )
        self.agreement(
            "agr-district-dpa",
            "data_processing",
            _t(
                "智慧社区平台个人信息委托处理协议",
                "Smart community platform data processing agreement",
            ),
            [sh["data_bureau"], *offices, sh["vendor"], sh["telecom"]],
            ["resident_data", "feedback_handling", "infrastructure_iot", "information_security"],
            [
                "resident_registry",
                "service_profiling",
                "request_handling",
                "device_operations",
                "security_audit",
            ],
            [
                "resident_basic",
                "resident_contact",
                "special_groups",
                "request_records",
                "device_telemetry",
                "system_logs",
            ],
            [],
            [
                (
                    sh["data_bureau"],
                    "监督受托方履行个人信息保护义务，每年组织一次合规审计。",
                    "Supervises the processors and audits compliance once a year.",
                ),
                *(
                    (
                        so,
                        "作为个人信息处理者确定处理目的和方式，向受托方下达书面指示。",
                        "As controller, sets purposes and means; instructs processors in writing.",
                    )
                    for so in offices
                ),
                (
                    sh["vendor"],
                    "仅按委托方指示处理个人信息，数据境内存储，合同终止后 30 日内删除或返还。",
                    "Processes personal data only on instructions, stores it in China, "
                    "deletes or returns "
                    "it within 30 days of termination.",
                ),
                (
                    sh["telecom"],
                    "作为再受托方仅处理设备运行数据，不接触居民个人信息。",
                    "As sub-processor handles device telemetry only, no personal data.",
                ),
            ],
        )
        for si, st in enumerate(reg.streets):
            so_map = reg.street_orgs[si]
            so, sw, eo, hc, ps = (
                so_map[k]
                for k in (
                    "street_office",
                    "social_work",
                    "elderly_org",
                    "health_centre",
                    "police_station",
                )
            )
            comms = [c for c in reg.communities if c.street == si]
            rcs = [o for o in self.orgs("rc") if o.street == si]
            vols = [o for o in self.orgs("volunteer") if o.street == si]
            reps = [o for o in self.orgs("resident_rep") if o.street == si]
            pm_ids = {c.pm for c in comms}
            pms = [p for p in reg.pms if p.id in pm_ids]
            a = st.abbr
            self.agreement(
                f"agr-{a}-dpa",
                "data_processing",
                _t(
                    f"{st.zh}社区数据采集与服务档案委托处理协议",
                    f"{st.en} Street data collection and service profile processing agreement",
                ),
                [so, *rcs, sw, eo],
                [
                    "resident_data",
                    "resident_data.service_profiles",
                    "elderly_care",
                    "social_assistance",
                    "feedback_handling",
                ],
                [
                    "resident_registry",
                    "service_profiling",
                    "request_handling",
                    "emergency_response",
                ],
                [
                    "resident_basic",
                    "resident_contact",
                    "special_groups",
                    "health_records",
                    "request_records",
                    "device_telemetry",
                ],
                [],
                [
                    (
                        so,
                        "确定处理目的，对受托方开展年度检查。",
                        "Sets the purposes and inspects the processors every year.",
                    ),
                    *(
                        (
                            rc,
                            "仅为人口登记和诉求办理采集必要信息，不对外提供。",
                            "Collects only what registry and requests need; shares nothing.",
                        )
                        for rc in rcs
                    ),
                    (
                        sw,
                        "服务档案仅用于需求评估与服务转介，敏感信息加密存储。",
                        "Uses profiles only for needs and referrals; encrypts sensitive data.",
                    ),
                    (
                        eo,
                        "健康信息仅用于助餐、照护和紧急救助。",
                        "Uses health data only for meals, care and emergency help.",
                    ),
                ],
            )
            self.agreement(
                f"agr-{a}-services",
                "service_contract",
                _t(
                    f"{st.zh}社区综合服务购买合同",
                    f"{st.en} Street community services purchase contract",
                ),
                [so, sw, eo, hc, *vols, *reps],
                [
                    "elderly_care",
                    "elderly_care.meal_service",
                    "childcare",
                    "health",
                    "social_assistance",
                    "service_delivery",
                    "community_affairs",
                    "environment_sanitation",
                    "resident_data.service_profiles",
                ],
                ["service_profiling", "health_services", "emergency_response"],
                [
                    "resident_basic",
                    "resident_contact",
                    "special_groups",
                    "health_records",
                    "device_telemetry",
                ],
                [
                    (
                        so,
                        "performance_record",
                        "社区服务覆盖率与满意度纳入街道绩效。",
                        "Service coverage and satisfaction count in its performance review.",
                        ["service_delivery"],
                    ),
                    (
                        sw,
                        "revenue",
                        "政府购买社工服务项目经费。",
                        "Government funding for the social-work service project.",
                        ["social_assistance", "childcare", "service_delivery"],
                    ),
                    (
                        eo,
                        "revenue",
                        "长者饭堂与居家养老服务补贴。",
                        "Subsidies for the elderly canteen and home care.",
                        ["elderly_care"],
                    ),
                    (
                        hc,
                        "performance_record",
                        "家庭医生签约与慢病管理成效纳入考核。",
                        "Family-doctor and chronic-disease results count in its review.",
                        ["health"],
                    ),
                    *(
                        (
                            v,
                            "public_service",
                            "志愿服务时长记入时间银行，社区活动更丰富。",
                            "Volunteer hours are banked; the community gets more activities.",
                            ["community_affairs", "elderly_care"],
                        )
                        for v in vols
                    ),
                    *(
                        (
                            r,
                            "public_service",
                            "服务项目按居民意见调整，居民获得更好的服务。",
                            "Services change with residents' views; residents get better services.",
                            ["community_affairs", "service_delivery"],
                        )
                        for r in reps
                    ),
                ],
                [
                    (
                        so,
                        "按季度拨付经费，组织第三方评估。",
                        "Pays quarterly and commissions an independent evaluation.",
                    ),
                    (
                        sw,
                        "运营社工服务站，建立并每半年更新服务档案。",
                        "Runs the social-work station; updates profiles every six months.",
                    ),
                    (
                        eo,
                        "运营长者饭堂与颐康服务站，紧急呼叫 15 分钟内响应。",
                        "Runs the canteen and care station; answers emergencies in 15 minutes.",
                    ),
                    (
                        hc,
                        "提供家庭医生签约与慢病随访服务。",
                        "Provides family doctors and chronic-disease follow-up.",
                    ),
                    *(
                        (
                            v,
                            "每月组织不少于 4 次志愿服务活动。",
                            "Runs at least four volunteer activities a month.",
                        )
                        for v in vols
                    ),
                    *(
                        (
                            r,
                            "收集居民意见，参与服务项目评估。",
                            "Gathers residents' views and takes part in evaluations.",
                        )
                        for r in reps
                    ),
                ],
            )
            self.agreement(
                f"agr-{a}-video",
                "data_sharing",
                _t(f"{st.zh}视频图像信息共享协议", f"{st.en} Street video sharing agreement"),
                [ps, so, *pms],
                ["public_safety", "public_safety.video_surveillance"],
                ["public_safety_monitoring"],
                ["video_images"],
                [
                    (
                        ps,
                        "data_access",
                        "依法调阅小区视频图像，提升案件侦办效率。",
                        "Lawful access to estate video, for faster investigations.",
                        ["public_safety"],
                    ),
                ],
                [
                    (
                        ps,
                        "仅为维护公共安全调阅视频图像，不对外提供。",
                        "Views video only for public safety and never passes it on.",
                    ),
                    (so, "协调并监督视频资源共享。", "Coordinates and supervises the sharing."),
                    *(
                        (
                            p,
                            "视频图像保存不少于 30 日，按规定提供调阅。",
                            "Keeps video at least 30 days and provides it when lawfully asked.",
                        )
                        for p in pms
                    ),
                ],
            )
        by_id = {o.id: o for o in reg.orgs}
        for c in reg.communities:
            oc, pm, rc = by_id[c.oc], by_id[c.pm], by_id[c.rc]
            self.agreement(
                f"agr-{c.slug}-property",
                "service_contract",
                _t(
                    f"{c.estates[0][0]}物业服务合同",
                    f"{c.estates[0][1]} property services contract",
                ),
                [oc, pm, rc],
                [
                    "property_maintenance",
                    "fire_safety",
                    "public_safety",
                    "public_safety.video_surveillance",
                    "environment_sanitation",
                ],
                ["public_safety_monitoring", "access_management", "device_operations"],
                ["video_images", "face_templates", "access_records", "device_telemetry"],
                [
                    (
                        pm,
                        "revenue",
                        "物业服务费收入（住宅每月每平方米 2.2 元）。",
                        "Property fees (CNY 2.2 per square metre per month).",
                        ["property_maintenance"],
                    ),
                    (
                        oc,
                        "public_service",
                        "设施维护与安全防范达到合同约定标准。",
                        "Upkeep and security to the contracted standard.",
                        ["property_maintenance", "public_safety"],
                    ),
                ],
                [
                    (
                        oc,
                        "组织业主按时缴纳物业费，监督服务质量。",
                        "Makes sure owners pay on time and checks the service.",
                    ),
                    (
                        pm,
                        "维护设施设备、巡查消防设施、维护秩序；人脸识别须经同意并提供替代通行方式。",
                        "Maintains buildings and fire equipment and keeps order; "
                        "face recognition only "
                        "with consent and with another way in.",
                    ),
                    (
                        rc,
                        "指导和监督业主委员会与物业服务企业。",
                        "Guides and supervises the owners' committee and the property manager.",
                    ),
                ],
            )

    # -------------------------------------------------------------- assignments
    def assignments(self) -> None:
        sh = self.reg.shared
        domains = [*CORE_DOMAINS, *(s[0] for s in SUBDOMAINS)]
        for dom in domains:
            plan = _PLAN[dom]
            rows: list[tuple[Org, str, bool]] = [(sh[plan["A"]], "accountable", False)]
            responsible: list[Org] = []
            for tag in plan["R"]:
                responsible.extend(self.orgs(tag))
            lead_tag = plan.get("lead")
            lead_id = None
            if len(responsible) > 1 and lead_tag:
                lead_id = responsible[[o.role for o in responsible].index(lead_tag)].id
            rows.extend((o, "responsible", o.id == lead_id) for o in responsible)
            for letter in ("C", "I"):
                for tag in plan.get(letter, []):
                    rows.extend((o, _ROLE_NAMES[letter], False) for o in self.orgs(tag))
            for org, role, lead in rows:
                row: dict[str, Any] = {
                    "id": f"asg-{dom}-{role[0]}-{org.id[4:]}",
                    "type": "Assignment",
                    "domain_id": dom,
                    "organization_id": org.id,
                    "role": role,
                }
                if lead:
                    row["lead"] = True
                row.update(self.validity())
                agr = self.agreement_of(org)
                if agr and role == "responsible":
                    row["agreement_id"] = agr
                self.out.append(row)

    # -------------------------------------------------------------- grants
    def grant(
        self,
        org: Org,
        cat: str,
        actions: list[str],
        purpose: str,
        legal_role: str,
        basis: str,
        agreement: str | None,
        suffix: str = "",
        delegated_from: str | None = None,
    ) -> str:
        gid = f"grant-{org.id[4:]}-{DC[cat][3:]}{suffix}"
        row: dict[str, Any] = {
            "id": gid,
            "type": "DataAccessGrant",
            "organization_id": org.id,
            "data_category_id": DC[cat],
            "actions": actions,
            "purpose_id": PURPOSE[purpose],
            "legal_role": legal_role,
            "legal_basis": basis,
        }
        if agreement:
            row["agreement_id"] = agreement
        if delegated_from:
            row["delegated_from_id"] = delegated_from
            row["valid_from"] = self.d["delegated_from"].isoformat()
            row["valid_until"] = self.d["delegated_until"].isoformat()
        else:
            row.update(self.validity())
        self.out.append(row)
        return gid

    def grants(self) -> None:
        reg = self.reg
        sh = reg.shared
        rw, r, rwd = ["read", "write"], ["read"], ["read", "write", "delete"]
        dpa = "agr-district-dpa"
        self.grant(
            sh["data_bureau"],
            "system_logs",
            r,
            "security_audit",
            "controller",
            "legal_obligation",
            dpa,
        )
        self.grant(
            sh["vendor"],
            "resident_basic",
            rw,
            "resident_registry",
            "processor",
            "legal_obligation",
            dpa,
        )
        self.grant(
            sh["vendor"],
            "resident_contact",
            rw,
            "request_handling",
            "processor",
            "legal_obligation",
            dpa,
        )
        self.grant(
            sh["vendor"],
            "special_groups",
            rw,
            "service_profiling",
            "processor",
            "legal_obligation",
            dpa,
        )
        self.grant(
            sh["vendor"],
            "request_records",
            rw,
            "request_handling",
            "processor",
            "legal_obligation",
            dpa,
        )
        src = self.grant(
            sh["vendor"], "device_telemetry", rwd, "device_operations", "processor", "contract", dpa
        )
        self.grant(
            sh["vendor"], "system_logs", rw, "security_audit", "processor", "legal_obligation", dpa
        )
        self.grant(
            sh["telecom"],
            "device_telemetry",
            rw,
            "device_operations",
            "sub_processor",
            "contract",
            dpa,
            delegated_from=src,
        )
        coop = "agr-district-cooperation"
        self.grant(
            sh["institute"], "device_telemetry", rw, "research", "controller", "contract", coop
        )
        self.grant(sh["institute"], "statistics", r, "research", "recipient", "contract", coop)
        self.grant(sh["university"], "statistics", r, "research", "recipient", "contract", coop)
        for si, st in enumerate(reg.streets):
            so_map = reg.street_orgs[si]
            a = st.abbr
            so, sw, eo, hc, ps = (
                so_map[k]
                for k in (
                    "street_office",
                    "social_work",
                    "elderly_org",
                    "health_centre",
                    "police_station",
                )
            )
            self.grant(
                so,
                "resident_basic",
                ["read", "write", "share"],
                "resident_registry",
                "controller",
                "legal_obligation",
                dpa,
            )
            self.grant(
                so,
                "resident_contact",
                rw,
                "resident_registry",
                "controller",
                "legal_obligation",
                dpa,
            )
            self.grant(
                so, "special_groups", rw, "resident_registry", "controller", "legal_obligation", dpa
            )
            self.grant(
                so,
                "request_records",
                ["read", "write", "share"],
                "request_handling",
                "controller",
                "legal_obligation",
                dpa,
            )
            sdpa = f"agr-{a}-dpa"
            for rc in (o for o in self.orgs("rc") if o.street == si):
                self.grant(
                    rc,
                    "resident_basic",
                    rw,
                    "resident_registry",
                    "processor",
                    "legal_obligation",
                    sdpa,
                )
                self.grant(
                    rc,
                    "resident_contact",
                    rw,
                    "resident_registry",
                    "processor",
                    "legal_obligation",
                    sdpa,
                )
                self.grant(
                    rc,
                    "special_groups",
                    rw,
                    "resident_registry",
                    "processor",
                    "legal_obligation",
                    sdpa,
                )
                self.grant(
                    rc,
                    "request_records",
                    rw,
                    "request_handling",
                    "processor",
                    "legal_obligation",
                    sdpa,
                )
            self.grant(sw, "resident_basic", r, "service_profiling", "processor", "consent", sdpa)
            self.grant(sw, "resident_contact", r, "service_profiling", "processor", "consent", sdpa)
            self.grant(sw, "special_groups", rw, "service_profiling", "processor", "consent", sdpa)
            self.grant(eo, "resident_basic", r, "service_profiling", "processor", "consent", sdpa)
            self.grant(eo, "special_groups", r, "service_profiling", "processor", "consent", sdpa)
            self.grant(eo, "health_records", rw, "service_profiling", "processor", "consent", sdpa)
            self.grant(
                eo,
                "device_telemetry",
                rw,
                "emergency_response",
                "processor",
                "vital_interest",
                sdpa,
            )
            svc = f"agr-{a}-services"
            self.grant(
                hc, "resident_basic", r, "health_services", "controller", "legal_obligation", svc
            )
            self.grant(
                hc, "health_records", rw, "health_services", "controller", "legal_obligation", svc
            )
            self.grant(
                ps,
                "video_images",
                rwd,
                "public_safety_monitoring",
                "controller",
                "legal_obligation",
                f"agr-{a}-video",
            )
        for c in reg.communities:
            pm = next(p for p in reg.pms if p.id == c.pm)
            agr = f"agr-{c.slug}-property"
            sfx = f"-{c.slug}"
            self.grant(
                pm,
                "video_images",
                rwd,
                "public_safety_monitoring",
                "controller",
                "public_interest",
                agr,
                sfx,
            )
            self.grant(
                pm, "face_templates", rwd, "access_management", "controller", "consent", agr, sfx
            )
            self.grant(
                pm, "access_records", rwd, "access_management", "controller", "consent", agr, sfx
            )
            self.grant(
                pm, "device_telemetry", rw, "device_operations", "controller", "contract", agr, sfx
            )

    # -------------------------------------------------------------- the rest
    def domains(self) -> None:
        for did, parent, zh, en, affects, exclusive, dzh, den in SUBDOMAINS:
            self.out.append(
                {
                    "id": did,
                    "type": "ResponsibilityDomain",
                    "name": _t(zh, en),
                    "parent_id": parent,
                    "affects_residents": affects,
                    "exclusive": exclusive,
                    "description": _t(dzh, den),
                }
            )

    def categories(self) -> None:
        sh = self.reg.shared
        for key, zh, en, sens, kind, steward, dzh, den in _CATEGORIES:
            row: dict[str, Any] = {
                "id": DC[key],
                "type": "DataCategory",
                "name": _t(zh, en),
                "sensitivity": sens,
            }
            if kind:
                row["sensitive_kind"] = kind
            row["steward_id"] = sh[steward].id
            row["description"] = _t(dzh, den)
            self.out.append(row)

    def purposes(self) -> None:
        for key, zh, en, doms, cats in _PURPOSES:
            self.out.append(
                {
                    "id": PURPOSE[key],
                    "type": "Purpose",
                    "name": _t(zh, en),
                    "domain_ids": list(doms),
                    "data_category_ids": [DC[c] for c in cats],
                }
            )

    def separations(self) -> None:
        for sid, first, second, zh, en in _SEPARATIONS:
            self.out.append(
                {
                    "id": sid,
                    "type": "DutySeparation",
                    "duties": [
                        {"domain_id": first[0], "role": first[1]},
                        {"domain_id": second[0], "role": second[1]},
                    ],
                    "max_held": 1,
                    "rationale": _t(zh, en),
                }
            )

    def build(self) -> list[dict[str, Any]]:
        self.domains()
        self.categories()
        self.purposes()
        self.agreements()
        self.assignments()
        self.grants()
        self.separations()
        return self.out


def build_charter(reg: Registry, generated_at: dt.datetime) -> list[dict[str, Any]]:
    """The charter entities for the registry's organisations, in output order."""
    return _Builder(reg, generated_at).build()


#: The charter's separations of duties: id, the two duties (domain, role) one
#: organisation may not hold together, and the reason in both languages.
_SEPARATIONS: tuple[tuple[str, tuple[str, str], tuple[str, str], str, str], ...] = (
    (
        "sod-iot-builder-not-security-accountable",
        ("infrastructure_iot", "responsible"),
        ("information_security", "accountable"),
        "建设和运维物联网的一方不得同时对信息安全负总责，避免自查自评。",
        "Whoever builds and runs the IoT may not be accountable for information security: "
        "no marking one's own homework.",
    ),
    (
        "sod-security-self-audit",
        ("information_security", "responsible"),
        ("information_security", "accountable"),
        "信息安全的执行方与问责方必须分离。",
        "Who does information security and who answers for it must differ.",
    ),
    (
        "sod-feedback-evaluation",
        ("feedback_handling", "responsible"),
        ("feedback_handling", "accountable"),
        "办理诉求的一方不得同时考核诉求办理。",
        "Whoever handles requests may not also evaluate their handling.",
    ),
)
