"""Code lists: the standard's controlled vocabularies, as data with labels.

A *closed* list (statuses, severities, roles) cannot be extended. An *open*
list (categories, kinds) may be extended by a profile with namespaced codes
(``gz:dragon_boat_club``); the prefix must be declared (rule SC107).

代码表：标准的受控词表，带中英文标签。封闭代码表不可扩展；开放代码表可由地方配置
以带命名空间前缀的代码扩展。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = [
    "CODE_LISTS",
    "CODE_LISTS_ADDED",
    "NAMESPACED_CODE_PATTERN",
    "UNIT_RANGES",
    "Code",
    "CodeList",
    "code_type",
]

#: An extension code of an open list: ``prefix:code``.
NAMESPACED_CODE_PATTERN = r"^[a-z][a-z0-9]{0,15}:[a-z0-9][a-z0-9_]{0,63}$"
#: Matched whole (``fullmatch``): Python's ``$`` also matches before a final newline.
_NS = re.compile(NAMESPACED_CODE_PATTERN)


@dataclass(frozen=True)
class Code:
    """One code of a list, with its labels (titles) and descriptions in both languages."""

    code: str
    zh: str
    en: str
    zh_desc: str = ""
    en_desc: str = ""
    #: More facts about the code, by name (an indicator's ``unit`` and
    #: ``direction``, from 1.1.0), published in ``codelists.json``.
    facts: tuple[tuple[str, str], ...] = ()

    def fact(self, name: str) -> str | None:
        """The fact ``name`` of this code (``"unit"``), or ``None``."""
        return dict(self.facts).get(name)

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` (``zh-CN`` or ``en``)."""
        return self.zh if lang.lower().startswith("zh") else self.en


@dataclass(frozen=True)
class CodeList:
    """A code list: its name, labels, whether it is closed, and its codes."""

    name: str
    zh: str
    en: str
    closed: bool
    codes: tuple[Code, ...]

    @property
    def values(self) -> tuple[str, ...]:
        """The codes, in their published order."""
        return tuple(c.code for c in self.codes)

    def get(self, code: str) -> Code | None:
        """The code's entry, or ``None``."""
        for c in self.codes:
            if c.code == code:
                return c
        return None

    def accepts(self, code: str, extra: Mapping[str, object] | None = None) -> bool:
        """Whether ``code`` is allowed: a listed code, or a namespaced one in an open list."""
        if code in self.values or (extra is not None and code in extra):
            return True
        return (not self.closed) and bool(_NS.fullmatch(code))

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of a field taking a code of this list."""
        base: dict[str, Any] = {
            "type": "string",
            "x-codelist": self.name,
            "x-codelist-closed": self.closed,
        }
        if self.closed:
            base["enum"] = list(self.values)
        else:
            base["anyOf"] = [{"enum": list(self.values)}, {"pattern": NAMESPACED_CODE_PATTERN}]
        return base


def _mk(
    name: str, zh: str, en: str, closed: bool, codes: Mapping[str, tuple[str, str]]
) -> CodeList:
    return CodeList(name, zh, en, closed, tuple(Code(k, v[0], v[1]) for k, v in codes.items()))


_LISTS: list[CodeList] = [
    _mk(
        "classification",
        "数据集密级",
        "Dataset classification",
        True,
        {
            "public": ("公开", "Public"),
            "internal": ("内部", "Internal"),
            "restricted": ("受限", "Restricted"),
        },
    ),
    _mk(
        "crs",
        "坐标参考系",
        "Coordinate reference system",
        False,
        {
            "EPSG:4326": ("WGS 84", "WGS 84"),
            "EPSG:4490": ("CGCS2000 国家大地坐标系", "CGCS2000"),
            "GCJ-02": ("GCJ-02 火星坐标系", "GCJ-02 (Chinese web maps)"),
            "BD-09": ("BD-09 百度坐标系", "BD-09 (Baidu maps)"),
        },
    ),
    _mk(
        "community_tier",
        "社区建设层级",
        "Community tier",
        True,
        {
            "basic": ("基础型", "Basic"),
            "growing": ("成长型", "Growing"),
            "benchmark": ("标杆型", "Benchmark"),
        },
    ),
    _mk(
        "building_category",
        "建筑类别",
        "Building category",
        False,
        {
            "residential": ("住宅", "Residential"),
            "commercial": ("商业", "Commercial"),
            "mixed_use": ("商住混合", "Mixed use"),
            "public": ("公共建筑", "Public"),
            "industrial": ("工业", "Industrial"),
            "village_house": ("村民自建房", "Village house"),
            "other": ("其他", "Other"),
        },
    ),
    _mk(
        "tenure",
        "产权/租住类型",
        "Tenure",
        True,
        {
            "owned": ("自有", "Owned"),
            "rented": ("租赁", "Rented"),
            "public_rental": ("公共租赁住房", "Public rental"),
            "other": ("其他", "Other"),
        },
    ),
    _mk(
        "occupancy",
        "居住状态",
        "Occupancy",
        True,
        {
            "occupied": ("有人居住", "Occupied"),
            "vacant": ("空置", "Vacant"),
        },
    ),
    _mk(
        "facility_kind",
        "设施类型",
        "Facility kind",
        False,
        {
            "community_center": ("党群服务中心/社区服务中心", "Community center"),
            "elderly_canteen": ("长者饭堂", "Elderly canteen"),
            "elderly_care_station": ("长者服务站", "Elderly care station"),
            "childcare": ("托育点", "Childcare"),
            "clinic": ("社区卫生服务站", "Clinic"),
            "sports": ("体育设施", "Sports"),
            "park": ("公园", "Park"),
            "parking": ("停车场", "Parking"),
            "ev_charging": ("充电桩", "EV charging"),
            "waste_sorting": ("垃圾分类点", "Waste sorting"),
            "micro_fire_station": ("微型消防站", "Micro fire station"),
            "library": ("图书室", "Library"),
            "other": ("其他", "Other"),
        },
    ),
    _mk(
        "residence_type",
        "户籍类型",
        "Residence type",
        True,
        {
            "registered": ("户籍", "Registered (hukou)"),
            "non_local": ("非户籍", "Non-local"),
        },
    ),
    _mk(
        "age_band",
        "年龄段",
        "Age band",
        True,
        {
            "0-6": ("0-6 岁", "0-6"),
            "7-17": ("7-17 岁", "7-17"),
            "18-34": ("18-34 岁", "18-34"),
            "35-59": ("35-59 岁", "35-59"),
            "60-79": ("60-79 岁", "60-79"),
            "80+": ("80 岁及以上", "80 and over"),
        },
    ),
    _mk(
        "special_group",
        "特殊群体",
        "Special group",
        False,
        {
            "elderly_living_alone": ("独居老人", "Elderly living alone"),
            "empty_nest_elderly": ("空巢老人", "Empty-nest elderly"),
            "disabled": ("残疾人", "Disabled"),
            "low_income": ("低收入/低保", "Low income"),
            "left_behind_child": ("留守儿童", "Left-behind child"),
            "veteran": ("退役军人", "Veteran"),
            "single_parent": ("单亲家庭", "Single parent"),
            "serious_illness": ("重病患者", "Serious illness"),
        },
    ),
    _mk(
        "organization_kind",
        "组织类型",
        "Organisation kind",
        False,
        {
            "municipal_government": ("市政府部门", "Municipal government"),
            "district_government": ("区政府部门", "District government"),
            "street_office": ("街道办事处", "Street office"),
            "residents_committee": ("居民委员会", "Residents' committee"),
            "owners_committee": ("业主委员会", "Owners' committee"),
            "property_management": ("物业服务企业", "Property management"),
            "police_station": ("派出所", "Police station"),
            "enterprise": ("企业", "Enterprise"),
            "telecom_operator": ("电信运营商", "Telecom operator"),
            "university": ("高校", "University"),
            "research_institute": ("科研院所", "Research institute"),
            "social_organization": ("社会组织", "Social organisation"),
            "volunteer_group": ("志愿者队伍", "Volunteer group"),
            "resident_representative": ("居民代表", "Resident representative"),
        },
    ),
    _mk(
        "service_category",
        "服务类别",
        "Service category",
        False,
        {
            "elderly_care": ("养老服务", "Elderly care"),
            "childcare": ("托育服务", "Childcare"),
            "health": ("健康服务", "Health"),
            "employment": ("就业服务", "Employment"),
            "social_assistance": ("社会救助", "Social assistance"),
            "disability_support": ("助残服务", "Disability support"),
            "education": ("教育服务", "Education"),
            "culture_sports": ("文体服务", "Culture and sports"),
            "housing_repair": ("房屋维修", "Housing repair"),
            "legal_aid": ("法律援助", "Legal aid"),
            "safety": ("安全服务", "Safety"),
            "environment": ("环境服务", "Environment"),
            "convenience": ("便民服务", "Convenience"),
        },
    ),
    _mk(
        "need_level",
        "需求层次",
        "Need level",
        True,
        {
            "basic_living": ("基本生活", "Basic living"),
            "safety": ("安全", "Safety"),
            "health": ("健康", "Health"),
            "belonging": ("归属与社交", "Belonging"),
            "development": ("发展", "Development"),
        },
    ),
    _mk(
        "service_channel",
        "服务渠道",
        "Service channel",
        False,
        {
            "in_person": ("现场", "In person"),
            "home_visit": ("上门", "Home visit"),
            "phone": ("电话", "Phone"),
            "app": ("应用程序", "App"),
            "wechat": ("微信", "WeChat"),
            "web": ("网站", "Web"),
        },
    ),
    _mk(
        "fee",
        "收费方式",
        "Fee",
        True,
        {
            "free": ("免费", "Free"),
            "subsidised": ("补贴", "Subsidised"),
            "paid": ("付费", "Paid"),
        },
    ),
    _mk(
        "service_status",
        "服务状态",
        "Service status",
        True,
        {
            "active": ("在办", "Active"),
            "suspended": ("暂停", "Suspended"),
            "retired": ("停办", "Retired"),
        },
    ),
    _mk(
        "need_source",
        "需求来源",
        "Need source",
        True,
        {
            "self_reported": ("自主申报", "Self-reported"),
            "survey": ("问卷调查", "Survey"),
            "home_visit": ("入户走访", "Home visit"),
            "inferred": ("数据推断", "Inferred"),
        },
    ),
    _mk(
        "service_outcome",
        "服务结果",
        "Service outcome",
        True,
        {
            "completed": ("已完成", "Completed"),
            "partial": ("部分完成", "Partial"),
            "not_delivered": ("未提供", "Not delivered"),
            "referred": ("已转介", "Referred"),
        },
    ),
    _mk(
        "request_category",
        "诉求类别",
        "Request category",
        False,
        {
            "suggestion": ("建议", "Suggestion"),
            "complaint": ("投诉", "Complaint"),
            "inquiry": ("咨询", "Inquiry"),
            "repair": ("报修", "Repair"),
            "safety_hazard": ("安全隐患", "Safety hazard"),
            "environment": ("环境卫生", "Environment"),
            "dispute": ("纠纷调解", "Dispute"),
            "praise": ("表扬", "Praise"),
        },
    ),
    _mk(
        "request_channel",
        "诉求渠道",
        "Request channel",
        False,
        {
            "app": ("应用程序", "App"),
            "wechat": ("微信", "WeChat"),
            "hotline_12345": ("12345 热线", "Hotline 12345"),
            "web": ("网站", "Web"),
            "in_person": ("现场", "In person"),
            "grid_worker": ("网格员上报", "Grid worker"),
            "kiosk": ("自助终端", "Kiosk"),
        },
    ),
    _mk(
        "request_status",
        "诉求状态",
        "Request status",
        True,
        {
            "submitted": ("已提交", "Submitted"),
            "acknowledged": ("已受理", "Acknowledged"),
            "assigned": ("已派单", "Assigned"),
            "in_progress": ("办理中", "In progress"),
            "resolved": ("已办结", "Resolved"),
            "closed": ("已关闭", "Closed"),
            "rejected": ("不予受理", "Rejected"),
            "withdrawn": ("已撤回", "Withdrawn"),
        },
    ),
    _mk(
        "consultation_kind",
        "协商形式",
        "Consultation kind",
        False,
        {
            "hearing": ("听证会", "Hearing"),
            "survey": ("问卷", "Survey"),
            "vote": ("表决", "Vote"),
            "council_meeting": ("居民议事会", "Council meeting"),
            "online_poll": ("网上投票", "Online poll"),
        },
    ),
    _mk(
        "device_kind",
        "设备类型",
        "Device kind",
        False,
        {
            "cctv_camera": ("视频监控", "CCTV camera"),
            "face_recognition_gate": ("人脸识别门禁", "Face recognition gate"),
            "access_control": ("门禁", "Access control"),
            "smoke_detector": ("烟感", "Smoke detector"),
            "gas_detector": ("燃气探测器", "Gas detector"),
            "water_leak": ("水浸传感器", "Water leak sensor"),
            "elevator_monitor": ("电梯监测", "Elevator monitor"),
            "hydrant_pressure": ("消火栓水压", "Hydrant pressure"),
            "parking_sensor": ("车位传感器", "Parking sensor"),
            "air_quality": ("空气质量", "Air quality"),
            "smart_meter": ("智能水电表", "Smart meter"),
            "emergency_button": ("紧急呼叫按钮", "Emergency button"),
        },
    ),
    _mk(
        "device_status",
        "设备状态",
        "Device status",
        True,
        {
            "active": ("在线", "Active"),
            "fault": ("故障", "Fault"),
            "offline": ("离线", "Offline"),
            "retired": ("已停用", "Retired"),
        },
    ),
    _mk(
        "observation_quality",
        "观测质量",
        "Observation quality",
        True,
        {
            "good": ("正常", "Good"),
            "suspect": ("存疑", "Suspect"),
            "bad": ("错误", "Bad"),
            "missing": ("缺失", "Missing"),
        },
    ),
    _mk(
        "alert_category",
        "告警类别",
        "Alert category",
        False,
        {
            "fire": ("火情", "Fire"),
            "intrusion": ("入侵", "Intrusion"),
            "fall": ("跌倒", "Fall"),
            "gas_leak": ("燃气泄漏", "Gas leak"),
            "flood": ("水浸", "Flood"),
            "elevator_entrapment": ("电梯困人", "Elevator entrapment"),
            "crowding": ("人员聚集", "Crowding"),
            "suspicious_activity": ("可疑行为", "Suspicious activity"),
            "cyber_incident": ("网络安全事件", "Cyber incident"),
            "data_breach": ("数据泄露", "Data breach"),
        },
    ),
    _mk(
        "alert_severity",
        "告警级别",
        "Alert severity",
        True,
        {
            "info": ("提示", "Info"),
            "low": ("低", "Low"),
            "medium": ("中", "Medium"),
            "high": ("高", "High"),
            "critical": ("紧急", "Critical"),
        },
    ),
    _mk(
        "alert_status",
        "告警状态",
        "Alert status",
        True,
        {
            "open": ("未处理", "Open"),
            "acknowledged": ("已确认", "Acknowledged"),
            "dispatched": ("已派遣", "Dispatched"),
            "resolved": ("已处置", "Resolved"),
            "false_alarm": ("误报", "False alarm"),
        },
    ),
    _mk(
        "raci_role",
        "职责角色",
        "RACI role",
        True,
        {
            "accountable": ("负责（A）", "Accountable"),
            "responsible": ("执行（R）", "Responsible"),
            "consulted": ("咨询（C）", "Consulted"),
            "informed": ("知会（I）", "Informed"),
        },
    ),
    _mk(
        "sensitivity",
        "数据敏感度",
        "Sensitivity",
        True,
        {
            "public": ("公开", "Public"),
            "internal": ("内部", "Internal"),
            "personal": ("个人信息", "Personal"),
            "sensitive_personal": ("敏感个人信息", "Sensitive personal"),
        },
    ),
    _mk(
        "sensitive_kind",
        "敏感个人信息类型",
        "Sensitive kind",
        True,
        {
            "biometric": ("生物识别", "Biometric"),
            "health": ("医疗健康", "Health"),
            "financial": ("金融账户", "Financial"),
            "whereabouts": ("行踪轨迹", "Whereabouts"),
            "specific_identity": ("特定身份", "Specific identity"),
            "minor_under_14": ("不满十四周岁未成年人", "Minor under 14"),
            "religion": ("宗教信仰", "Religion"),
        },
    ),
    _mk(
        "data_action",
        "数据操作",
        "Data action",
        True,
        {
            "read": ("读取", "Read"),
            "write": ("写入", "Write"),
            "share": ("共享", "Share"),
            "delete": ("删除", "Delete"),
        },
    ),
    _mk(
        "legal_role",
        "法律角色",
        "Legal role",
        True,
        {
            "controller": ("个人信息处理者", "Controller"),
            "joint_controller": ("共同处理者", "Joint controller"),
            "processor": ("受托处理者", "Processor"),
            "sub_processor": ("再受托处理者", "Sub-processor"),
            "recipient": ("接收方", "Recipient"),
        },
    ),
    _mk(
        "legal_basis",
        "合法性基础",
        "Legal basis",
        True,
        {
            "consent": ("个人同意", "Consent"),
            "contract": ("订立或履行合同所必需", "Contract"),
            "legal_obligation": ("履行法定职责或义务", "Legal obligation"),
            "public_interest": ("公共利益", "Public interest"),
            "vital_interest": ("应对突发事件/保护生命健康", "Vital interest"),
        },
    ),
    _mk(
        "agreement_kind",
        "协议类型",
        "Agreement kind",
        False,
        {
            "cooperation": ("合作协议", "Cooperation"),
            "data_processing": ("委托处理协议", "Data processing"),
            "joint_control": ("共同处理协议", "Joint control"),
            "data_sharing": ("数据共享协议", "Data sharing"),
            "service_contract": ("服务合同", "Service contract"),
        },
    ),
    _mk(
        "benefit_kind",
        "收益类型",
        "Benefit kind",
        False,
        {
            "revenue": ("经营收入", "Revenue"),
            "performance_record": ("政绩/考核成绩", "Performance record"),
            "research_funding": ("科研经费", "Research funding"),
            "student_placement": ("学生实践岗位", "Student placement"),
            "public_service": ("公共服务改善", "Public service"),
            "data_access": ("数据使用权", "Data access"),
        },
    ),
    _mk(
        "pilot_status",
        "试点状态",
        "Pilot status",
        True,
        {
            "planned": ("计划中", "Planned"),
            "running": ("实施中", "Running"),
            "completed": ("已完成", "Completed"),
            "cancelled": ("已取消", "Cancelled"),
        },
    ),
    _mk(
        "comparator",
        "比较符",
        "Comparator",
        True,
        {
            "ge": ("不低于", "At least"),
            "gt": ("高于", "Greater than"),
            "le": ("不高于", "At most"),
            "lt": ("低于", "Less than"),
            "eq": ("等于", "Equal to"),
        },
    ),
    CodeList(
        "indicator",
        "指标",
        "Indicator",
        False,
        tuple(
            Code(code, zh, en, facts=(("unit", unit), ("direction", direction)))
            for code, (zh, en, unit, direction) in {
                "request_response_rate": (
                    "诉求响应率",
                    "Request response rate",
                    "ratio",
                    "higher_better",
                ),
                "median_response_hours": (
                    "响应时长中位数（小时）",
                    "Median response hours",
                    "hours",
                    "lower_better",
                ),
                "on_time_resolution_rate": (
                    "按期办结率",
                    "On-time resolution rate",
                    "ratio",
                    "higher_better",
                ),
                "mean_satisfaction": ("平均满意度", "Mean satisfaction", "score", "higher_better"),
                "participation_rate": (
                    "居民参与率（每百人）",
                    "Participation rate (per 100 residents)",
                    "per_100",
                    "higher_better",
                ),
                "consultation_turnout": (
                    "协商参与率",
                    "Consultation turnout",
                    "ratio",
                    "higher_better",
                ),
                "need_coverage": ("需求覆盖率", "Need coverage", "ratio", "higher_better"),
                "profile_freshness": ("档案新鲜度", "Profile freshness", "ratio", "higher_better"),
                "device_availability": (
                    "设备在线率",
                    "Device availability",
                    "ratio",
                    "higher_better",
                ),
                "critical_alert_ack_minutes": (
                    "紧急告警确认时长中位数（分钟）",
                    "Median critical-alert acknowledgement minutes",
                    "minutes",
                    "lower_better",
                ),
                "governance_completeness": (
                    "治理完备度",
                    "Governance completeness",
                    "ratio",
                    "higher_better",
                ),
            }.items()
        ),
    ),
    _mk(
        "indicator_unit",
        "指标单位",
        "Indicator unit",
        True,
        {
            "ratio": ("比率（0 至 1）", "Ratio (0 to 1)"),
            "score": ("评分（1 至 5）", "Score (1 to 5)"),
            "hours": ("小时", "Hours"),
            "minutes": ("分钟", "Minutes"),
            "count": ("计数", "Count"),
            "per_100": ("每百人", "Per 100 residents"),
        },
    ),
    _mk(
        "indicator_direction",
        "指标方向",
        "Indicator direction",
        True,
        {
            "higher_better": ("越高越好", "Higher is better"),
            "lower_better": ("越低越好", "Lower is better"),
        },
    ),
    _mk(
        "imputation_method",
        "推定方法",
        "Imputation method",
        True,
        {
            "point_in_polygon": ("按坐标落区推定", "Point in polygon"),
            "crosswalk": ("按对照表转换", "Crosswalk"),
            "default": ("取默认值", "Default value"),
            "derived": ("由其他字段推导", "Derived from other fields"),
            "manual": ("人工判断", "Manual judgement"),
        },
    ),
    _mk(
        "duty_separation_kind",
        "职责分离类型",
        "Duty separation kind",
        True,
        {
            "pair": ("不得兼任的两项职责", "Pair that may not be held together"),
            "at_most": ("至多兼任 k 项", "At most k of m"),
        },
    ),
]

#: Every code list of the standard, by name.
CODE_LISTS: dict[str, CodeList] = {cl.name: cl for cl in _LISTS}

#: The code lists a version of the standard added (an older version has none of them).
CODE_LISTS_ADDED: dict[str, str] = {
    "indicator_unit": "1.1.0",
    "indicator_direction": "1.1.0",
    "imputation_method": "1.1.0",
}

#: The range of a value in each indicator unit: ``(minimum, maximum)``, ``None`` for open.
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "ratio": (0.0, 1.0),
    "score": (1.0, 5.0),
    "hours": (0.0, None),
    "minutes": (0.0, None),
    "count": (0.0, None),
    "per_100": (0.0, None),
}


def code_type(list_name: str) -> Any:
    """The annotated ``str`` type of a field that takes a code of ``list_name``."""
    cl = CODE_LISTS[list_name]
    values = frozenset(cl.values)
    closed = cl.closed

    def check(value: str) -> str:
        if value in values or (not closed and _NS.fullmatch(value)):
            return value
        hint = "" if closed else " (or a namespaced extension code such as gz:my_code)"
        raise PydanticCustomError(
            "code_not_in_list",
            "'{value}' is not a code of the list {list}; expected one of {expected}{hint}",
            {
                # a lone surrogate (from a \ud800 escape) cannot be put in the message
                "value": value.encode("utf-8", "backslashreplace").decode("utf-8"),
                "list": cl.name,
                "expected": ", ".join(cl.values),
                "hint": hint,
            },
        )

    return Annotated[str, AfterValidator(check), WithJsonSchema(cl.json_schema())]
