"""Safety and security (安全): devices, their observations, and alerts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from smartstd.standard._base import INTEGRAL, Entity, F, Id, Point, Timestamp, refs
from smartstd.standard.codes import code_type

__all__ = ["Alert", "Device", "Observation"]


class Device(Entity):
    """A device (物联设备): camera, gate, detector, sensor, meter, button."""

    __i18n__ = ("设备", "Device", "社区物联网设备。", "A community IoT device.")
    __references__ = refs(
        ("community_id", "Community"),
        ("building_id", "Building"),
        ("operator_id", "Organization"),
        ("owner_id", "Organization"),
        ("data_category_ids.*", "DataCategory"),
    )
    type: Literal["Device"] = F("实体类型", "Entity type", default="Device")
    community_id: Id = F("所属社区", "Community")
    kind: code_type("device_kind") = F("设备类型", "Kind")
    building_id: Id | None = F("所在楼栋", "Building", default=None)
    location: Point | None = F("位置", "Location", default=None)
    operator_id: Id | None = F("运维方", "Operator", default=None)
    owner_id: Id | None = F("所有方", "Owner", default=None)
    status: code_type("device_status") = F("状态", "Status")
    captures_personal_data: bool = F("采集个人信息", "Captures personal data", default=False)
    data_category_ids: list[Id] = F("采集的数据类别", "Data categories", default_factory=list)
    retention_days: Annotated[int, Field(ge=0, le=3650), INTEGRAL] | None = F(
        "保存天数", "Retention (days)", default=None
    )
    privacy_notice: bool | None = F(
        "已设置告知标识",
        "Privacy notice posted",
        "是否设置显著的个人信息采集提示（个人信息保护法第二十六条）。",
        "Whether a visible notice is posted (PIPL art. 26).",
        default=None,
    )
    protection_level: Annotated[int, Field(ge=1, le=5), INTEGRAL] | None = F(
        "等保级别",
        "Protection level",
        "网络安全等级保护级别 1-5。",
        "Classified protection level (等保) 1-5.",
        default=None,
    )
    installed_at: Timestamp | None = F("安装时间", "Installed at", default=None)
    last_seen_at: Timestamp | None = F("最后在线时间", "Last seen at", default=None)


class Observation(Entity):
    """One reading of a device (观测值). The high-volume type."""

    __i18n__ = ("观测", "Observation", "设备的一次读数。", "One reading of a device.")
    __references__ = refs(("device_id", "Device"))
    type: Literal["Observation"] = F("实体类型", "Entity type", default="Observation")
    device_id: Id = F("设备", "Device")
    observed_at: Timestamp = F("观测时间", "Observed at")
    property: str = F(
        "观测属性",
        "Property",
        "如 smoke_density、pm2_5。",
        "e.g. smoke_density, pm2_5.",
        pattern=r"^[a-z][a-z0-9_]{0,63}$",
    )
    value: bool | int | float | str | None = F("值", "Value", default=None)
    unit: str | None = F(
        "单位", "Unit", "UCUM 单位代码。", "UCUM unit code.", max_length=32, default=None
    )
    quality: code_type("observation_quality") | None = F("质量", "Quality", default=None)


class Alert(Entity):
    """An alert (告警): fire, intrusion, fall, flood, data breach ..."""

    __i18n__ = (
        "告警",
        "Alert",
        "安全告警及其处置。",
        "A safety or security alert and its handling.",
    )
    __references__ = refs(
        ("community_id", "Community"),
        ("device_id", "Device"),
        ("request_id", "ServiceRequest"),
        ("handled_by_id", "Organization"),
    )
    type: Literal["Alert"] = F("实体类型", "Entity type", default="Alert")
    community_id: Id = F("所属社区", "Community")
    category: code_type("alert_category") = F("告警类别", "Category")
    severity: code_type("alert_severity") = F("级别", "Severity")
    detected_at: Timestamp = F("发现时间", "Detected at")
    device_id: Id | None = F("来源设备", "Device", default=None)
    request_id: Id | None = F("来源诉求", "Request", default=None)
    location: Point | None = F("位置", "Location", default=None)
    status: code_type("alert_status") = F("状态", "Status")
    handled_by_id: Id | None = F("处置方", "Handled by", default=None)
    acknowledged_at: Timestamp | None = F("确认时间", "Acknowledged at", default=None)
    resolved_at: Timestamp | None = F("处置完成时间", "Resolved at", default=None)
    description: str | None = F("说明", "Description", max_length=4000, default=None)
