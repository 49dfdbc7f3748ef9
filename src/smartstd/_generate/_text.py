"""Text pools and templates: services, facilities, requests, consultations, alerts.

The texts themselves are package data (``data/generate/services.json``,
``facilities.json``, ``requests.json``, ``consultations.json``,
``alerts.json``); this module gives them their types. Request texts are
Chinese, as residents write them; ``{b}`` stands for a building name.
Nothing here names or identifies a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartstd._generate._data import load

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


def _service(d: dict[str, Any]) -> ServiceTemplate:
    return ServiceTemplate(
        **{**d, "channels": tuple(d["channels"]), "groups": tuple(d.get("groups", ()))}
    )


def _consultation(d: dict[str, Any]) -> ConsultationTemplate:
    options = tuple((key, zh, en) for key, zh, en in d["options"])
    return ConsultationTemplate(**{**d, "options": options, "related": tuple(d.get("related", ()))})


#: The service catalogue, most important first (a community with fewer
#: services takes the first ones).
SERVICES: tuple[ServiceTemplate, ...] = tuple(_service(d) for d in load("services")["services"])

#: Community facilities, in the order a community gets them.
FACILITIES: tuple[FacilityTemplate, ...] = tuple(
    FacilityTemplate(**d) for d in load("facilities")["facilities"]
)

_REQUESTS = load("requests")
#: Request category -> descriptions.
REQUEST_TEXT: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _REQUESTS["descriptions"].items()
}
#: Request category -> answers to a resolved request.
RESPONSE_TEXT: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _REQUESTS["responses"].items()}
#: Answers to a rejected request.
REJECT_TEXT: tuple[str, ...] = tuple(_REQUESTS["rejections"])
#: Answers to a withdrawn request.
WITHDRAW_TEXT: tuple[str, ...] = tuple(_REQUESTS["withdrawals"])

#: The consultations, in the order a community holds them.
CONSULTATIONS: tuple[ConsultationTemplate, ...] = tuple(
    _consultation(d) for d in load("consultations")["consultations"]
)
_FAILED_ZH, _FAILED_EN = load("consultations")["vote_failed"]
#: The decision of a vote without a two-thirds majority: zh, en.
VOTE_FAILED: tuple[str, str] = (_FAILED_ZH, _FAILED_EN)

#: Alert category -> (text when resolved, when a false alarm, while open).
ALERT_TEXT: dict[str, tuple[str, str, str]] = {
    k: (v["resolved"], v["false_alarm"], v["pending"]) for k, v in load("alerts")["texts"].items()
}
