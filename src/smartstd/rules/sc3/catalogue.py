"""Catalogue entries SC3xx: participation, requests and consultations (level L2)."""

from __future__ import annotations

from smartstd.rules.info import Param, rule

RULES = (
    rule(
        "SC301",
        "request-history-out-of-order",
        "error",
        "L2",
        ("办理记录时间顺序错误", "Request history out of order"),
        (
            "时间 {at} 早于 {earlier}（{earlier_at}）",
            "The time {at} is earlier than {earlier} ({earlier_at})",
        ),
        (
            "诉求的办理记录（events）是一段历史，须按发生时间先后排列；"
            "任何办理记录和答复都不能早于诉求的提交时间 submitted_at，"
            "提交时间、办理记录和答复也都不能晚于数据集的生成时间 generated_at"
            "（原因代码 after-generated-at，每条诉求只报第一个这样的时间）。"
            "时间倒置通常是时区写错、年份写错、补录时填错时间或系统导出时打乱了顺序，"
            "会使响应时长、办结时长等指标出错。",
            "A request's events are its history: they are listed in the order they happened, "
            "no event or response is earlier than submitted_at, and neither submitted_at nor "
            "any event or response is later than the dataset's generated_at (reason code "
            "after-generated-at, reported once per request, at the first such time). Times out "
            "of order usually come from a wrong offset, a wrong year, a back-filled event or an "
            "export that shuffled the list, and they corrupt response and resolution times.",
        ),
        variants={
            "after-generated-at": (
                "时间 {at} 晚于数据集的生成时间 {later}（{later_at}）",
                "The time {at} is later than the dataset's {later} ({later_at})",
            ),
        },
    ),
    rule(
        "SC302",
        "closed-without-response",
        "error",
        "L2",
        ("办结未答复", "Closed without response"),
        (
            "诉求状态为 {status}，但没有对诉求人的答复（response）",
            "The request is {status} but carries no response to the requester",
        ),
        (
            "办结、关闭或不予受理的诉求必须给诉求人一个答复：说明办理结果或不予受理的理由，"
            "并写明答复时间。撤回的诉求不需要答复。没有答复的办结工单无法核实，"
            "也无法计算响应率。",
            "A request that is resolved, closed or rejected must carry a response to the "
            "requester: what was done, or why it was not accepted, and when. A withdrawn "
            "request needs none. A closed ticket without an answer cannot be verified and "
            "breaks the response rate.",
        ),
        params=(
            Param(
                "statuses",
                ["resolved", "closed", "rejected"],
                "需要答复的诉求状态。",
                "The request statuses that require a response.",
                tighten="superset",
            ),
        ),
    ),
    rule(
        "SC303",
        "request-overdue",
        "warning",
        "L2",
        ("诉求逾期", "Request overdue"),
        (
            "诉求仍在办理（{status}），已超过办理时限 {due_at}（截至 {now} 逾期 {hours} 小时）",
            "The request is still open ({status}) past its due time {due_at} "
            "({hours} hours overdue at {now})",
        ),
        (
            "在数据集生成时间 generated_at，仍处于未办结状态（Open311 open）的诉求"
            "不应超过其办理时限 due_at。可用 grace_hours 给出宽限小时数。"
            "恰好在时限那一刻不算逾期。",
            "At the dataset's generated_at, a request that is still open (Open311 open) "
            "should not be past its due_at. grace_hours gives a tolerance. Being exactly at "
            "the deadline is not overdue.",
        ),
        params=(
            Param(
                "grace_hours",
                0,
                "超过办理时限多少小时后才报告。",
                "Hours past due_at before the request is reported.",
                tighten="lower",
            ),
        ),
    ),
    rule(
        "SC304",
        "response-sla-breached",
        "warning",
        "L2",
        ("超过响应时限", "Response SLA breached"),
        (
            "从提交到首次响应用了 {hours} 小时（{state}），超过 {sla_hours} 小时的响应时限"
            "（渠道 {channel}，类别 {category}）",
            "{hours} hours passed between submission and the first response ({state}), "
            "over the {sla_hours}-hour limit (channel {channel}, category {category})",
        ),
        (
            "首次响应是答复（response）或第一条由承办方作出的办理记录"
            "（受理、派单、办理、办结、关闭或不予受理）中较早的一个。"
            "从 submitted_at 到首次响应的时长不应超过响应时限；"
            "尚未响应的未办结诉求按生成时间 generated_at 计算。"
            "时限默认 default_sla_hours 小时，可按渠道（channel_sla_hours）"
            "和诉求类别（category_sla_hours）分别设置，匹配多个时取最严格的一个。"
            "SCDS 1.0.0 的诉求不引用服务项目，因此不使用 Service 的 response_sla_hours。",
            "The first response is the earlier of the response and the first event made by "
            "the handler (acknowledged, assigned, in progress, resolved, closed or rejected). "
            "The time from submitted_at to it must not exceed the SLA; an open request with "
            "no response yet is measured to generated_at. The SLA is default_sla_hours, "
            "overridden per channel (channel_sla_hours) and per category "
            "(category_sla_hours); when several match, the strictest applies. In SCDS 1.0.0 "
            "a request names no Service, so a Service's response_sla_hours is not used.",
        ),
        params=(
            Param(
                "default_sla_hours",
                72,
                "没有按渠道或类别设置时的响应时限（小时）。",
                "The response SLA in hours when no channel or category override matches.",
                tighten="lower",
            ),
            Param(
                "channel_sla_hours",
                {},
                '按诉求渠道设置的响应时限（小时），例如 {"hotline_12345": 48}。',
                'Response SLAs in hours by channel, e.g. {"hotline_12345": 48}.',
                tighten="lower-each:default_sla_hours",
            ),
            Param(
                "category_sla_hours",
                {},
                '按诉求类别设置的响应时限（小时），例如 {"safety_hazard": 24}。',
                'Response SLAs in hours by category, e.g. {"safety_hazard": 24}.',
                tighten="lower-each:default_sla_hours",
            ),
        ),
    ),
    rule(
        "SC305",
        "anonymous-request-identifies-requester",
        "error",
        "L2",
        ("匿名诉求泄露身份", "Anonymous request identifies requester"),
        (
            "匿名诉求暴露了诉求人身份（{what}）",
            "An anonymous request identifies its requester ({what})",
        ),
        (
            "标记为匿名（anonymous: true）的诉求不能记录诉求人（requester_id），"
            "诉求内容中也不能出现手机号码或身份证号码，否则匿名形同虚设，"
            "举报人可能因此受到打击报复。删除这些信息，或取消匿名标记。"
            "检查结果不会重复找到的号码。",
            "A request marked anonymous must not name its requester (requester_id), and its "
            "description must not contain a mobile or identity number; otherwise anonymity "
            "is an illusion and a whistle-blower may suffer for it. Remove them, or drop the "
            "anonymous flag. The finding never repeats the number it found.",
        ),
    ),
    rule(
        "SC306",
        "invalid-status-transition",
        "error",
        "L2",
        ("状态流转不合规", "Invalid status transition"),
        (
            "诉求状态不能从 {from_status} 变为 {to_status}（{reason}）",
            "The request's status cannot go from {from_status} to {to_status} ({reason})",
        ),
        (
            "按时间排序的办理记录从 submitted 开始，每一步都须是标准发布的诉求状态机允许的流转"
            "（与当前状态相同的记录视为备注）；最后一条记录的状态须等于诉求的 status。"
            "已关闭（closed）的诉求只能在 reopen_days 天内重新办理（in_progress）；"
            "rejected 和 withdrawn 是终态。reason 为 not-allowed、reopen-window-passed "
            "或 differs-from-history。办理记录未按时间排列（SC301）而按列出的顺序流转合规时，"
            "只报告 SC301。",
            "The events, sorted by time, start at submitted and each step must be a transition "
            "the published request lifecycle allows (an event repeating the current status is "
            "a note); the last event's status must equal the request's status. A closed "
            "request may be reopened (in_progress) only within reopen_days; rejected and "
            "withdrawn are final. reason is not-allowed, reopen-window-passed or "
            "differs-from-history. When the events are not listed in time order (SC301) but "
            "their steps are allowed in the order listed, only SC301 is reported.",
        ),
        params=(
            Param(
                "reopen_days",
                30,
                "关闭后多少天内允许重新办理。",
                "Days after closing within which a closed request may be reopened.",
                tighten="lower",
            ),
        ),
    ),
    rule(
        "SC307",
        "consultation-window-invalid",
        "error",
        "L2",
        ("协商时间或人数矛盾", "Consultation window invalid"),
        (
            "议事协商的数据自相矛盾：{field} 为 {value}，而 {other_field} 为 {other}（{reason}）",
            "The consultation contradicts itself: {field} is {value} but {other_field} is "
            "{other} ({reason})",
        ),
        (
            "议事协商的结束时间 closes_at 须晚于开始时间 opens_at；实际参与人数 "
            "participant_count 不能超过应参与人数 eligible_count；单选的表决中各选项票数之和"
            "不能超过参与人数（multi_choice_kinds 中的协商形式允许多选，不检查票数）。",
            "A consultation closes (closes_at) after it opens (opens_at); participant_count "
            "does not exceed eligible_count; and in a single-choice consultation the votes of "
            "all options add up to no more than participant_count (kinds listed in "
            "multi_choice_kinds allow several choices and are not checked for votes).",
        ),
        params=(
            Param(
                "multi_choice_kinds",
                ["survey"],
                "允许一人选多个选项的协商形式，不检查票数之和。",
                "Consultation kinds where one participant may choose several options "
                "(their votes are not added up).",
                tighten="subset",
            ),
        ),
    ),
    rule(
        "SC308",
        "consultation-without-decision",
        "warning",
        "L2",
        ("协商无结果", "Consultation without decision"),
        (
            "议事协商已于 {closes_at} 结束（{days_since} 天前），超过 {days} 天仍没有决定",
            "The consultation closed on {closes_at} ({days_since} days ago) and has had no "
            "decision for more than {days} days",
        ),
        (
            "议事协商结束后应及时形成并公开决定（decision：摘要、决定时间、决定方），"
            "让参与的居民知道结果。在生成时间 generated_at，结束已超过 days 天仍无决定的协商"
            "会被报告；恰好 days 天不报告。",
            "Once a consultation closes, its decision (summary, when, by whom) should follow "
            "and be published, so that the residents who took part learn the outcome. A "
            "consultation closed more than days days before generated_at with no decision is "
            "reported; exactly days days is not.",
        ),
        params=(
            Param(
                "days",
                30,
                "结束后多少天内应形成决定。",
                "Days after closing within which a decision is expected.",
                tighten="lower",
            ),
        ),
    ),
    rule(
        "SC309",
        "satisfaction-without-resolution",
        "warning",
        "L2",
        ("未办结先评价", "Satisfaction without resolution"),
        (
            "诉求状态为 {status}，尚未办结，却已有满意度评价 {satisfaction}",
            "The request is {status}, not resolved, yet has a satisfaction score of {satisfaction}",
        ),
        (
            "满意度评价是对办理结果的评价，只应出现在已办结（resolved）或已关闭（closed）的诉求上。"
            "未办结就有评价，说明评价时机或状态有误，会使平均满意度失真。",
            "A satisfaction score rates the outcome, so it belongs to a request that is "
            "resolved or closed. A score on an unresolved request means the score or the status "
            "is wrong, and it skews mean satisfaction.",
        ),
    ),
)
