"""Core responsibility domains and the published mappings to them.

The standard ships a core list of responsibility domains (责任领域). A
charter may add sub-domains under them (``ResponsibilityDomain.parent_id``).
Request categories, alert categories, device kinds and service categories map
to a domain, so a charter can be crossed with the data (rule SC616).

核心责任领域及从诉求类别、告警类别、设备类型、服务类别到责任领域的公开映射。
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ALERT_CATEGORY_DOMAINS",
    "CORE_DOMAINS",
    "DEVICE_KIND_DOMAINS",
    "MAPPINGS",
    "PERSONAL_DATA_DEVICE_KINDS",
    "REQUEST_CATEGORY_DOMAINS",
    "SERVICE_CATEGORY_DOMAINS",
    "CoreDomain",
    "domain_for",
]


@dataclass(frozen=True)
class CoreDomain:
    """A core responsibility domain of the standard."""

    id: str
    zh: str
    en: str
    affects_residents: bool
    exclusive: bool


_CORE = [
    CoreDomain("public_safety", "公共安全", "Public safety", True, False),
    CoreDomain("fire_safety", "消防安全", "Fire safety", True, True),
    CoreDomain("property_maintenance", "物业维护", "Property maintenance", True, True),
    CoreDomain("environment_sanitation", "环境卫生", "Environment and sanitation", True, False),
    CoreDomain("elderly_care", "养老服务", "Elderly care", True, False),
    CoreDomain("childcare", "托育服务", "Childcare", True, False),
    CoreDomain("health", "健康服务", "Health", True, False),
    CoreDomain("social_assistance", "社会救助", "Social assistance", True, False),
    CoreDomain("resident_data", "居民数据", "Resident data", True, True),
    CoreDomain("feedback_handling", "诉求办理", "Feedback handling", True, True),
    CoreDomain("community_affairs", "社区事务", "Community affairs", True, False),
    CoreDomain("infrastructure_iot", "基础设施与物联网", "Infrastructure and IoT", False, False),
    CoreDomain("information_security", "信息安全", "Information security", False, True),
    CoreDomain("service_delivery", "服务供给", "Service delivery", True, False),
]

#: The core domains by id, in published order.
CORE_DOMAINS: Mapping[str, CoreDomain] = MappingProxyType({d.id: d for d in _CORE})

#: Request category -> domain.
REQUEST_CATEGORY_DOMAINS: Mapping[str, str] = MappingProxyType(
    {
        "suggestion": "community_affairs",
        "dispute": "community_affairs",
        "complaint": "feedback_handling",
        "inquiry": "feedback_handling",
        "praise": "feedback_handling",
        "repair": "property_maintenance",
        "safety_hazard": "public_safety",
        "environment": "environment_sanitation",
    }
)

#: Alert category -> domain.
ALERT_CATEGORY_DOMAINS: Mapping[str, str] = MappingProxyType(
    {
        "fire": "fire_safety",
        "gas_leak": "fire_safety",
        "intrusion": "public_safety",
        "crowding": "public_safety",
        "suspicious_activity": "public_safety",
        "fall": "elderly_care",
        "flood": "property_maintenance",
        "elevator_entrapment": "property_maintenance",
        "cyber_incident": "information_security",
        "data_breach": "information_security",
    }
)

#: Device kind -> domain.
DEVICE_KIND_DOMAINS: Mapping[str, str] = MappingProxyType(
    {
        "cctv_camera": "public_safety",
        "face_recognition_gate": "public_safety",
        "smoke_detector": "fire_safety",
        "gas_detector": "fire_safety",
        "hydrant_pressure": "fire_safety",
        "access_control": "property_maintenance",
        "water_leak": "property_maintenance",
        "elevator_monitor": "property_maintenance",
        "parking_sensor": "infrastructure_iot",
        "smart_meter": "infrastructure_iot",
        "air_quality": "environment_sanitation",
        "emergency_button": "elderly_care",
    }
)

#: Service category -> domain.
SERVICE_CATEGORY_DOMAINS: Mapping[str, str] = MappingProxyType(
    {
        "elderly_care": "elderly_care",
        "childcare": "childcare",
        "health": "health",
        "social_assistance": "social_assistance",
        "disability_support": "social_assistance",
        "housing_repair": "property_maintenance",
        "safety": "public_safety",
        "environment": "environment_sanitation",
        "culture_sports": "community_affairs",
        "employment": "service_delivery",
        "education": "service_delivery",
        "legal_aid": "service_delivery",
        "convenience": "service_delivery",
    }
)

#: Device kinds that capture personal data: their operator needs a data grant (SC616).
PERSONAL_DATA_DEVICE_KINDS: frozenset[str] = frozenset(
    {"cctv_camera", "face_recognition_gate", "access_control"}
)

#: Every published mapping by the code list it maps from.
MAPPINGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "request_category": REQUEST_CATEGORY_DOMAINS,
        "alert_category": ALERT_CATEGORY_DOMAINS,
        "device_kind": DEVICE_KIND_DOMAINS,
        "service_category": SERVICE_CATEGORY_DOMAINS,
    }
)


def domain_for(code_list: str, code: str) -> str | None:
    """The core domain a code maps to, or ``None`` (e.g. an extension code).

    >>> domain_for("request_category", "repair")
    'property_maintenance'
    """
    return MAPPINGS.get(code_list, {}).get(code)
