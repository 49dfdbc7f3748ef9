"""Text pools and templates: services, facilities, requests, consultations, alerts.

Request texts are Chinese, as residents write them; ``{b}`` stands for a
building name. Nothing here names or identifies a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ALERT_TEXT",
    "CONSULTATIONS",
    "FACILITIES",
    "REJECT_TEXT",
    "REQUEST_TEXT",
    "RESPONSE_TEXT",
    "SERVICES",
    "VOTE_FAILED",
    "WITHDRAW_TEXT",
    "ConsultationTemplate",
    "FacilityTemplate",
    "ServiceTemplate",
]


@dataclass(frozen=True)
class ServiceTemplate:
    """A service of the catalogue; provider and responsible are role tags."""

    category: str
    zh: str
    en: str
    need_level: str
    provider: str
    responsible: str
    channels: tuple[str, ...]
    fee: str
    sla_hours: float
    min_age: int | None = None
    max_age: int | None = None
    groups: tuple[str, ...] = ()
    desc_zh: str = ""
    desc_en: str = ""


#: The service catalogue, most important first (a community with fewer
#: services takes the first ones).
SERVICES: tuple[ServiceTemplate, ...] = (
    ServiceTemplate(
        "elderly_care",
        "长者饭堂助餐服务",
        "Elderly canteen meals",
        "basic_living",
        "elderly_org",
        "street_office",
        ("in_person", "home_visit"),
        "subsidised",
        24,
        min_age=60,
        desc_zh="60 岁及以上长者就餐补贴，行动不便者可送餐上门。",
        desc_en="Subsidised meals for people aged 60 and over; delivered to those who cannot come.",
    ),
    ServiceTemplate(
        "elderly_care",
        "居家养老上门服务",
        "Home care for older people",
        "basic_living",
        "elderly_org",
        "street_office",
        ("home_visit", "phone"),
        "subsidised",
        48,
        min_age=60,
        desc_zh="助洁、助浴、助医等上门照护。",
        desc_en="Cleaning, bathing and escorting to the doctor at home.",
    ),
    ServiceTemplate(
        "elderly_care",
        "独居长者关爱探访",
        "Visits to older people living alone",
        "safety",
        "social_work",
        "street_office",
        ("home_visit", "phone"),
        "free",
        72,
        groups=("elderly_living_alone", "empty_nest_elderly"),
        desc_zh="社工与志愿者定期探访、电话问候。",
        desc_en="Regular visits and calls by social workers and volunteers.",
    ),
    ServiceTemplate(
        "health",
        "家庭医生签约服务",
        "Family doctor contract",
        "health",
        "health_centre",
        "health_centre",
        ("in_person", "phone", "wechat"),
        "free",
        48,
        desc_zh="签约家庭医生团队，提供基本医疗与健康管理。",
        desc_en="A family-doctor team for basic care and health management.",
    ),
    ServiceTemplate(
        "social_assistance",
        "最低生活保障申请代办",
        "Help applying for the minimum living allowance",
        "basic_living",
        "street_office",
        "street_office",
        ("in_person",),
        "free",
        72,
        groups=("low_income",),
        desc_zh="协助低收入家庭申请低保与临时救助。",
        desc_en="Helps low-income households apply for the allowance and emergency aid.",
    ),
    ServiceTemplate(
        "disability_support",
        "残疾人康复与辅具服务",
        "Rehabilitation and assistive devices",
        "health",
        "social_work",
        "street_office",
        ("in_person", "home_visit"),
        "subsidised",
        72,
        groups=("disabled",),
        desc_zh="康复训练、辅具适配与无障碍改造咨询。",
        desc_en="Rehabilitation, assistive devices and accessibility advice.",
    ),
    ServiceTemplate(
        "childcare",
        "社区托育点",
        "Community childcare point",
        "development",
        "social_work",
        "street_office",
        ("in_person",),
        "subsidised",
        48,
        max_age=3,
        desc_zh="3 岁以下婴幼儿普惠托育。",
        desc_en="Affordable day care for children under three.",
    ),
    ServiceTemplate(
        "education",
        "四点半课堂",
        "After-school class",
        "development",
        "university",
        "street_office",
        ("in_person",),
        "free",
        72,
        min_age=6,
        max_age=12,
        desc_zh="高校学生志愿者辅导小学生功课。",
        desc_en="University student volunteers help primary pupils with homework.",
    ),
    ServiceTemplate(
        "employment",
        "就业指导与招聘服务",
        "Job guidance and recruitment",
        "development",
        "social_work",
        "street_office",
        ("in_person", "wechat", "web"),
        "free",
        72,
        desc_zh="求职登记、技能培训信息与社区招聘会。",
        desc_en="Job-seeker registration, training news and community job fairs.",
    ),
    ServiceTemplate(
        "culture_sports",
        "社区文体活动",
        "Community culture and sports",
        "belonging",
        "rc",
        "street_office",
        ("in_person", "wechat"),
        "free",
        168,
        desc_zh="广场舞、粤剧私伙局、亲子活动等。",
        desc_en="Square dancing, Cantonese opera groups, family activities.",
    ),
    ServiceTemplate(
        "housing_repair",
        "房屋维修服务",
        "Housing repairs",
        "safety",
        "pm",
        "pm",
        ("app", "phone", "in_person"),
        "paid",
        72,
        desc_zh="户内水电维修，公共部位报修免费。",
        desc_en="Plumbing and electrical repairs at home; common parts repaired free.",
    ),
    ServiceTemplate(
        "legal_aid",
        "一居一法律顾问咨询",
        "Community legal adviser",
        "safety",
        "street_office",
        "street_office",
        ("in_person", "phone"),
        "free",
        72,
        desc_zh="律师每月驻点提供免费法律咨询。",
        desc_en="A lawyer gives free legal advice in the community every month.",
    ),
    ServiceTemplate(
        "safety",
        "平安家庭防诈骗宣传",
        "Anti-fraud home safety visits",
        "safety",
        "police_station",
        "police_station",
        ("in_person", "wechat"),
        "free",
        168,
        desc_zh="民警入户宣传防诈骗与居家安全知识。",
        desc_en="Police officers visit homes to warn about fraud and home safety.",
    ),
    ServiceTemplate(
        "environment",
        "垃圾分类上门指导",
        "Waste sorting guidance",
        "health",
        "volunteer",
        "street_office",
        ("in_person", "wechat"),
        "free",
        168,
        desc_zh="志愿者在投放点与入户指导垃圾分类。",
        desc_en="Volunteers guide waste sorting at the bins and at home.",
    ),
    ServiceTemplate(
        "health",
        "慢性病随访管理",
        "Chronic disease follow-up",
        "health",
        "health_centre",
        "health_centre",
        ("in_person", "home_visit", "phone"),
        "free",
        72,
        min_age=35,
        desc_zh="高血压、糖尿病患者定期随访。",
        desc_en="Regular follow-up of people with hypertension or diabetes.",
    ),
    ServiceTemplate(
        "convenience",
        "便民缴费与代办服务",
        "Bill payment and errands",
        "basic_living",
        "rc",
        "street_office",
        ("in_person", "app", "wechat"),
        "free",
        48,
        desc_zh="水电燃气缴费、证明开具等代办。",
        desc_en="Paying utility bills and getting certificates, done for you.",
    ),
)


@dataclass(frozen=True)
class FacilityTemplate:
    """A community facility; ``{c}`` is the community, ``{e}`` the first estate."""

    kind: str
    zh: str
    en: str
    operator: str
    capacity: int | None
    hours: str
    barrier_free: bool


FACILITIES: tuple[FacilityTemplate, ...] = (
    FacilityTemplate(
        "community_center",
        "{c}社区党群服务中心",
        "{C} Community Service Centre",
        "rc",
        200,
        "Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00",
        True,
    ),
    FacilityTemplate(
        "elderly_canteen",
        "{c}社区长者饭堂",
        "{C} Community Elderly Canteen",
        "elderly_org",
        60,
        "Mo-Su 11:00-13:00,17:00-18:30",
        True,
    ),
    FacilityTemplate(
        "elderly_care_station",
        "{c}社区颐康服务站",
        "{C} Community Elderly Care Station",
        "elderly_org",
        30,
        "Mo-Fr 08:30-17:30",
        True,
    ),
    FacilityTemplate(
        "clinic",
        "{c}社区卫生服务站",
        "{C} Community Health Station",
        "health_centre",
        40,
        "Mo-Su 08:00-12:00,14:30-17:30",
        True,
    ),
    FacilityTemplate(
        "micro_fire_station",
        "{c}社区微型消防站",
        "{C} Community Micro Fire Station",
        "street_office",
        8,
        "24/7",
        False,
    ),
    FacilityTemplate(
        "waste_sorting",
        "{e}垃圾分类投放点",
        "{E} Waste Sorting Point",
        "pm",
        None,
        "Mo-Su 07:00-09:00,19:00-21:00",
        True,
    ),
    FacilityTemplate(
        "childcare",
        "{c}社区托育点",
        "{C} Community Childcare Point",
        "social_work",
        25,
        "Mo-Fr 08:00-18:00",
        True,
    ),
    FacilityTemplate(
        "parking", "{e}地下停车场", "{E} Underground Car Park", "pm", 320, "24/7", True
    ),
    FacilityTemplate(
        "ev_charging",
        "{e}电动自行车集中充电点",
        "{E} E-bike Charging Point",
        "pm",
        40,
        "24/7",
        False,
    ),
    FacilityTemplate(
        "library",
        "{c}社区图书室",
        "{C} Community Library",
        "rc",
        30,
        "Tu-Su 09:00-12:00,14:00-20:00",
        True,
    ),
    FacilityTemplate(
        "sports",
        "{c}社区健身广场",
        "{C} Community Fitness Square",
        "street_office",
        None,
        "Mo-Su 06:00-22:00",
        True,
    ),
    FacilityTemplate(
        "park", "{c}社区口袋公园", "{C} Community Pocket Park", "street_office", None, "24/7", True
    ),
    FacilityTemplate(
        "waste_sorting",
        "{e}第二垃圾分类投放点",
        "{E} Waste Sorting Point 2",
        "pm",
        None,
        "Mo-Su 07:00-09:00,19:00-21:00",
        True,
    ),
)

#: Request category -> descriptions.
REQUEST_TEXT: dict[str, tuple[str, ...]] = {
    "repair": (
        "{b}电梯经常停运，请尽快检修。",
        "{b}楼道声控灯坏了，晚上出入不便。",
        "{b}外墙渗水，影响室内墙面。",
        "{b}单元门门禁损坏，无法正常关闭。",
        "{b}楼顶水箱漏水，楼道积水。",
        "{b}消防通道应急指示灯不亮。",
        "小区地下车库排水沟堵塞，下雨积水。",
        "{b}楼下路面破损，老人容易绊倒。",
    ),
    "environment": (
        "{b}旁垃圾分类投放点清运不及时，有异味。",
        "小区内有宠物粪便无人清理。",
        "{b}楼下绿化带积水，蚊虫较多。",
        "夜间附近工地施工噪音扰民。",
        "小区河涌有漂浮垃圾，请清理。",
        "{b}楼道有人长期堆放废品。",
    ),
    "safety_hazard": (
        "{b}楼道堆放杂物，堵塞消防通道。",
        "有居民在{b}楼道内给电动自行车充电，存在火灾隐患。",
        "{b}附近井盖松动，存在安全隐患。",
        "小区围墙破损，外来人员可随意进出。",
        "{b}外墙瓷砖有脱落迹象。",
    ),
    "complaint": (
        "物业费收支公示不清楚，希望公开明细。",
        "快递柜超时收费不合理。",
        "{b}高空抛物问题屡禁不止。",
        "小区公共停车位被长期占用。",
        "长者饭堂排队时间太长。",
    ),
    "inquiry": (
        "咨询长者饭堂的办理条件和收费标准。",
        "咨询居住证办理需要哪些材料。",
        "咨询家庭医生签约流程。",
        "咨询加装电梯的补贴政策。",
        "咨询适龄儿童入学积分如何办理。",
        "咨询高龄津贴申领条件。",
    ),
    "suggestion": (
        "建议在社区广场增设休息座椅。",
        "建议增加周末的长者活动。",
        "建议在{b}附近增设电动自行车集中充电点。",
        "建议社区开设暑期四点半课堂。",
        "建议在小区主干道增设减速带。",
    ),
    "dispute": (
        "{b}楼上漏水引起邻里纠纷，请求调解。",
        "租户与房东就押金退还产生纠纷，请求调解。",
        "因停车位使用与邻居发生争执，请求协调。",
        "{b}住户装修噪音与邻居产生矛盾。",
    ),
    "praise": (
        "感谢物业维修师傅及时上门修好水管。",
        "感谢社区网格员帮忙办理长者优待证。",
        "社工站组织的中秋活动很受欢迎，特此表扬。",
        "感谢志愿者每周上门陪伴家中老人。",
    ),
}

#: Request category -> answers given when resolved.
RESPONSE_TEXT: dict[str, tuple[str, ...]] = {
    "repair": ("已安排维修人员上门处理，现已修复，请留意使用情况。", "已更换损坏部件并完成检修。"),
    "environment": (
        "已安排保洁人员清理，并加密巡查频次。",
        "已联系城管部门现场处理，后续将持续跟进。",
    ),
    "safety_hazard": (
        "已现场清理隐患并张贴提示，后续纳入日常巡查。",
        "已联合物业完成整改，隐患已消除。",
    ),
    "complaint": (
        "已约谈相关单位并督促整改，整改情况将在公告栏公示。",
        "已核实情况并向您说明处理结果。",
    ),
    "inquiry": (
        "已电话答复办理条件和所需材料，也可到党群服务中心现场咨询。",
        "已通过微信发送办事指南。",
    ),
    "suggestion": (
        "感谢建议，已提交居民议事会讨论并纳入年度计划。",
        "建议已采纳，将在下季度实施。",
    ),
    "dispute": ("已组织双方调解并达成一致意见。", "已由人民调解员调解，双方签订调解协议。"),
    "praise": ("感谢您的肯定，已转达相关人员。",),
}

REJECT_TEXT = ("经核实不属于社区受理范围，已告知相应渠道。", "诉求内容重复，已并入原工单办理。")
WITHDRAW_TEXT = ("诉求人已撤回，本工单办结。",)


@dataclass(frozen=True)
class ConsultationTemplate:
    """A consultation; ``{e}``/``{E}`` is an estate, ``{n}`` a building number."""

    kind: str
    zh: str
    en: str
    organizer: str
    decider: str
    eligible: str
    options: tuple[tuple[str, str, str], ...]
    decision_zh: str
    decision_en: str
    related: tuple[str, ...] = field(default=())


CONSULTATIONS: tuple[ConsultationTemplate, ...] = (
    ConsultationTemplate(
        "vote",
        "{e} {n} 栋加装电梯意见表决",
        "Vote on adding a lift to {E} Building {n}",
        "rc",
        "rc",
        "building",
        (
            ("agree", "同意", "Agree"),
            ("disagree", "不同意", "Disagree"),
            ("abstain", "弃权", "Abstain"),
        ),
        "同意票达到参与表决业主的三分之二以上，启动加装电梯报建程序。",
        "At least two thirds of the owners who voted agreed; the lift application goes ahead.",
        ("suggestion", "inquiry"),
    ),
    ConsultationTemplate(
        "survey",
        "垃圾分类投放点位与时间调整问卷",
        "Survey on waste-sorting points and hours",
        "rc",
        "rc",
        "households",
        (
            ("keep", "维持现状", "Keep as is"),
            ("extend", "延长投放时间", "Longer hours"),
            ("move", "调整投放点位", "Move the points"),
        ),
        "选择“{w}”的居民最多，下月起执行。",
        "'{W}' got the most votes; in force next month.",
        ("environment",),
    ),
    ConsultationTemplate(
        "online_poll",
        "长者饭堂菜单与供餐时间网上投票",
        "Online poll on the elderly canteen menu",
        "elderly_org",
        "rc",
        "adults",
        (
            ("earlier", "提前供餐时间", "Serve earlier"),
            ("more_dishes", "增加菜式", "More dishes"),
            ("delivery", "增加送餐上门", "More home delivery"),
        ),
        "得票最多的是“{w}”，长者饭堂据此调整。",
        "'{W}' won; the canteen will change accordingly.",
        ("complaint", "suggestion"),
    ),
    ConsultationTemplate(
        "hearing",
        "小区停车管理方案听证会",
        "Hearing on the estate's parking plan",
        "oc",
        "oc",
        "households",
        (),
        "听证后形成停车管理方案，夜间临停收费下调。",
        "After the hearing a parking plan was agreed; night-time fees go down.",
        ("complaint", "dispute"),
    ),
    ConsultationTemplate(
        "council_meeting",
        "社区微改造项目居民议事会",
        "Residents' council on micro-renovation",
        "street_office",
        "rc",
        "representatives",
        (
            ("plaza", "广场休息座椅", "Benches on the square"),
            ("lighting", "楼道照明改造", "Stairwell lighting"),
            ("greening", "绿化提升", "More greenery"),
        ),
        "议事会确定优先实施“{w}”。",
        "The council put '{W}' first.",
        ("suggestion",),
    ),
    ConsultationTemplate(
        "survey",
        "社区服务需求年度调查",
        "Annual survey of service needs",
        "social_work",
        "rc",
        "households",
        (
            ("elderly", "养老服务", "Elderly care"),
            ("children", "儿童托管", "After-school care"),
            ("jobs", "就业服务", "Job services"),
        ),
        "调查显示最需要的是“{w}”，纳入下年度服务计划。",
        "'{W}' was most needed and goes into next year's plan.",
        ("suggestion", "inquiry"),
    ),
)

#: Decision of a lift vote that falls short of two thirds.
VOTE_FAILED = (
    "同意票未达参与表决业主的三分之二，暂缓加装电梯，继续协商。",
    "Fewer than two thirds of the owners who voted agreed; the lift waits while talks go on.",
)

#: Alert category -> (a handled event, a false alarm, an event still being handled).
ALERT_TEXT: dict[str, tuple[str, str, str]] = {
    "fire": (
        "{b}烟感报警，现场确认为厨房起火，已扑灭。",
        "{b}烟感报警，经核实为厨房油烟，误报。",
        "{b}烟感报警，微型消防站队员正赶往现场。",
    ),
    "gas_leak": (
        "{b}燃气探测器报警，已关闭阀门并通风。",
        "{b}燃气探测器报警，经检测浓度正常，误报。",
        "{b}燃气探测器报警，已通知燃气公司上门检查。",
    ),
    "flood": (
        "{b}地下室水浸传感器报警，已排水处置。",
        "{b}水浸传感器报警，为保洁冲洗地面所致。",
        "{b}水浸传感器报警，物业人员正在排查。",
    ),
    "elevator_entrapment": (
        "{b}电梯困人，维保人员到场解救。",
        "{b}电梯困人告警，经核实无人被困。",
        "{b}电梯困人，维保人员正在赶来。",
    ),
    "intrusion": (
        "小区围墙处检测到翻越行为，保安到场处置。",
        "周界告警，经查看为流浪猫触发。",
        "周界告警，保安正在巡查。",
    ),
    "crowding": (
        "社区广场人员聚集，已安排疏导。",
        "广场人流告警，为正常文体活动。",
        "社区广场人流较大，持续关注。",
    ),
    "suspicious_activity": (
        "发现可疑人员在停车场徘徊，已通知民警。",
        "可疑行为告警，经核实为快递员。",
        "可疑行为告警，正在调看视频核实。",
    ),
    "fall": (
        "长者按下紧急呼叫按钮，工作人员上门协助并送医。",
        "紧急按钮误触，电话确认长者平安。",
        "长者按下紧急呼叫按钮，工作人员正在上门。",
    ),
    "cyber_incident": (
        "平台检测到异常登录尝试，已封禁来源地址。",
        "异常流量告警，为系统升级所致。",
        "平台检测到异常登录尝试，正在分析。",
    ),
    "data_breach": (
        "发现一批导出文件权限设置错误，已撤回并评估影响。",
        "疑似数据外泄告警，经核查无数据外泄。",
        "疑似数据外泄，已启动应急预案调查。",
    ),
}
