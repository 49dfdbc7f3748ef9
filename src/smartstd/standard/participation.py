"""Participation (居民参与): service requests (诉求/工单) and consultations (议事协商)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from smartstd.standard._base import (
    INTEGRAL,
    Entity,
    F,
    Id,
    LocalizedText,
    Point,
    SCDSModel,
    Timestamp,
    refs,
)
from smartstd.standard.codes import code_type

__all__ = [
    "Consultation",
    "ConsultationOption",
    "Decision",
    "RequestEvent",
    "RequestLocation",
    "RequestResponse",
    "ServiceRequest",
]

_Rating = Annotated[int, Field(ge=1, le=5), INTEGRAL]
_NonNeg = Annotated[int, Field(ge=0), INTEGRAL]


class RequestLocation(SCDSModel):
    """Where a request is about: a building, a point or an address."""

    __i18n__ = (
        "诉求位置",
        "Request location",
        "诉求涉及的楼栋、坐标或地址。",
        "The building, point or address a request is about.",
    )
    building_id: Id | None = F("楼栋", "Building", default=None)
    geometry: Point | None = F("坐标", "Geometry", default=None)
    address: LocalizedText | None = F("地址", "Address", default=None)


class RequestEvent(SCDSModel):
    """One step of a request's history."""

    __i18n__ = (
        "办理记录",
        "Request event",
        "诉求办理过程中的一步。",
        "One step of a request's history.",
    )
    at: Timestamp = F("时间", "At")
    status: code_type("request_status") = F("状态", "Status")
    actor_id: Id | None = F("操作方", "Actor", default=None)
    note: str | None = F("备注", "Note", max_length=4000, default=None)
    public: bool = F(
        "是否公开", "Public", "是否对居民公开。", "Whether residents see it.", default=False
    )


class RequestResponse(SCDSModel):
    """The answer given to the requester."""

    __i18n__ = ("答复", "Response", "对诉求人的答复。", "The answer given to the requester.")
    text: str = F("答复内容", "Text", min_length=1, max_length=10000)
    at: Timestamp = F("答复时间", "At")
    by_id: Id | None = F("答复方", "By", default=None)


class ServiceRequest(Entity):
    """A resident's request (诉求/工单): suggestion, complaint, repair, hazard ..."""

    __i18n__ = (
        "诉求",
        "Service request",
        "居民提出的诉求工单，含状态流转。",
        "A resident's request (ticket), with its lifecycle.",
    )
    __references__ = refs(
        ("community_id", "Community"),
        ("location.building_id", "Building"),
        ("requester_id", "Resident"),
        ("assigned_to_id", "Organization"),
        ("events.*.actor_id", ("Organization", "Resident")),
        ("response.by_id", "Organization"),
    )
    type: Literal["ServiceRequest"] = F("实体类型", "Entity type", default="ServiceRequest")
    community_id: Id = F("所属社区", "Community")
    category: code_type("request_category") = F("诉求类别", "Category")
    channel: code_type("request_channel") = F("诉求渠道", "Channel")
    submitted_at: Timestamp = F("提交时间", "Submitted at")
    description: str | None = F("诉求内容", "Description", max_length=10000, default=None)
    location: RequestLocation | None = F("位置", "Location", default=None)
    requester_id: Id | None = F("诉求人", "Requester", default=None)
    anonymous: bool = F("匿名", "Anonymous", default=False)
    status: code_type("request_status") = F("状态", "Status")
    assigned_to_id: Id | None = F("承办方", "Assigned to", default=None)
    due_at: Timestamp | None = F("办理时限", "Due at", default=None)
    events: list[RequestEvent] = F("办理记录", "Events", default_factory=list)
    response: RequestResponse | None = F("答复", "Response", default=None)
    satisfaction: _Rating | None = F("满意度", "Satisfaction", default=None)
    media_urls: list[Annotated[str, Field(pattern=r"^https?://", max_length=2048)]] = F(
        "附件链接", "Media URLs", default_factory=list
    )
    history: Literal["complete", "partial"] = F(
        "办理记录完整性",
        "History",
        "complete：events 记录了全部状态流转；partial：只有部分（如从 12345 热线导入的已办结工单），"
        "规则 SC302/SC306 只检查记录中有的流转。",
        "complete: the events hold every transition; partial: only some (a closed request"
        " imported from a hotline, say), and rules SC302/SC306 judge only what they hold.",
        default="complete",
        added_in="1.1.0",
    )


class ConsultationOption(SCDSModel):
    """One option put to a consultation, with its result."""

    __i18n__ = (
        "选项",
        "Option",
        "协商中的一个选项及结果。",
        "One option of a consultation, with its result.",
    )
    key: str = F("选项代码", "Key", pattern=r"^[A-Za-z0-9_-]{1,32}$")
    label: LocalizedText = F("选项", "Label")
    votes: _NonNeg | None = F("票数", "Votes", default=None)


class Decision(SCDSModel):
    """What a consultation decided."""

    __i18n__ = ("决定", "Decision", "协商形成的决定。", "What the consultation decided.")
    summary: LocalizedText = F("摘要", "Summary")
    decided_at: Timestamp = F("决定时间", "Decided at")
    decided_by_id: Id | None = F("决定方", "Decided by", default=None)


class Consultation(Entity):
    """A consultation (议事协商): hearing, survey, vote, council meeting, poll."""

    __i18n__ = ("议事协商", "Consultation", "居民议事协商活动。", "A consultation of residents.")
    __references__ = refs(
        ("community_id", "Community"),
        ("organizer_id", "Organization"),
        ("decision.decided_by_id", "Organization"),
        ("related_request_ids.*", "ServiceRequest"),
    )
    type: Literal["Consultation"] = F("实体类型", "Entity type", default="Consultation")
    community_id: Id = F("所属社区", "Community")
    topic: LocalizedText = F("议题", "Topic")
    kind: code_type("consultation_kind") = F("协商形式", "Kind")
    organizer_id: Id | None = F("组织方", "Organizer", default=None)
    opens_at: Timestamp = F("开始时间", "Opens at")
    closes_at: Timestamp = F("结束时间", "Closes at")
    eligible_count: _NonNeg | None = F("应参与人数", "Eligible count", default=None)
    participant_count: _NonNeg | None = F("实际参与人数", "Participant count", default=None)
    options: list[ConsultationOption] = F("选项", "Options", default_factory=list)
    decision: Decision | None = F("决定", "Decision", default=None)
    related_request_ids: list[Id] = F("相关诉求", "Related requests", default_factory=list)
