"""What the data says organisations do, judged against the charter (SC616, SC610).

Four kinds of record say that an organisation acts in a domain:

=========================  =====================  =====================================
record                     field                  domain
=========================  =====================  =====================================
ServiceRequest             ``assigned_to_id``     from ``category`` (request mapping)
Alert                      ``handled_by_id``      from ``category`` (alert mapping)
Device (not retired)       ``operator_id``        from ``kind`` (device mapping)
Service (not retired)      ``responsible_id``,    ``domain_id``, else from ``category``
                           ``provider_id``        (service mapping)
=========================  =====================  =====================================

and a device that captures personal data (``captures_personal_data``, or a
kind in :data:`~smartstd.standard.domains.PERSONAL_DATA_DEVICE_KINDS`) says
that its operator collects each of its ``data_category_ids``.

Each becomes a compact :class:`UsageFact`; :class:`UsageJudge` decides it:
the organisation needs a role of SC616's ``roles`` (responsible or
accountable) in force on the record's date in the domain, a parent of it or
a sub-domain of it (a service's provider may instead be party to an
agreement in force that covers the domain), or, for collected data, a grant
on the category whose whole chain holds. When only an expired role or grant
would have covered it, the finding is SC610 instead of SC616; when every role
covering it rests on an agreement signed after the record's date, SC622.

数据中的行为（承办诉求、处置告警、运维设备、提供服务）与章程的交叉核对。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from smartstd.graph._params import Params, strings
from smartstd.graph.access import AccessEvaluator
from smartstd.graph.facts import UsageFact, usage_facts
from smartstd.graph.model import USAGE_TYPES, Charter
from smartstd.graph.validity import in_force, signed_after

__all__ = ["USAGE_TYPES", "UsageFact", "UsageJudge", "Verdict", "usage_facts"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """A judged fact that is not covered: SC616 or SC610 with its message parameters."""

    code: str
    params: Mapping[str, Any]


class UsageJudge:
    """Decides usage facts against one charter; answers are memoised per distinct fact."""

    def __init__(self, charter: Charter, on: dt.date, params: Params | None = None) -> None:
        self.charter = charter
        self.on = on
        self.roles = strings(params, "SC616", "roles")
        self.access = AccessEvaluator(charter, params)
        self._memo: dict[
            tuple[str, str, str | None, str | None, dt.date | None], Verdict | None
        ] = {}

    def _related(self, a: str, b: str) -> bool:
        """Whether domains ``a`` and ``b`` are the same, or one is above the other."""
        index = self.charter.index
        return a == b or index.is_ancestor(a, b) or index.is_ancestor(b, a)

    def _role_items(self, org: str, domain: str, agreements: bool) -> list[Any]:
        idx = self.charter.index
        items: list[Any] = [
            a
            for a in idx.by_org.get(org, ())
            if a.role in self.roles and self._related(a.domain_id, domain)
        ]
        if agreements:
            items += [
                agr
                for agr in idx.agreements_by_party.get(org, ())
                if any(self._related(d, domain) for d in agr.domain_ids)
            ]
        return items

    def judge(self, fact: UsageFact) -> Verdict | None:
        """``None`` when the charter covers the fact, else the finding it deserves."""
        key = (fact.activity, fact.organization, fact.domain, fact.category, fact.day)
        if key in self._memo:
            return self._memo[key]
        verdict = self._judge(fact)
        self._memo[key] = verdict
        return verdict

    def _judge(self, fact: UsageFact) -> Verdict | None:
        day = fact.day or self.on
        field = ".".join(str(p) for p in fact.path)
        if fact.activity == "device-data":
            assert fact.category is not None
            grants = [
                g
                for g in self.charter.index.grants_by_org.get(fact.organization, ())
                if g.data_category_id == fact.category
            ]
            effective = self.access.effective(day)
            if any(effective.get(g.id) for g in grants):
                return None
            items: list[Any] = grants
            target = fact.category
        else:
            assert fact.domain is not None
            items = self._role_items(
                fact.organization, fact.domain, fact.activity == "service-provider"
            )
            live = [i for i in items if in_force(i, day)]
            if live:
                return self._in_advance(live, day, field, fact)
            target = fact.domain
        expired = [
            i
            for i in items
            if i.valid_until is not None
            and i.valid_until < day
            and (i.valid_from is None or i.valid_from <= i.valid_until)
        ]
        if expired:
            last = max(expired, key=lambda i: (i.valid_until, i.id))
            return Verdict(
                "SC610",
                {
                    "subject_type": "",
                    "subject": "",
                    "expired": last.id,
                    "until": last.valid_until.isoformat(),
                    "used_on": day.isoformat(),
                    "field": field,
                    "organization": fact.organization,
                },
            )
        return Verdict(
            "SC616",
            {
                "field": field,
                "organization": fact.organization,
                "target": target,
                "on": day.isoformat(),
                "activity": fact.activity,
            },
        )

    def _in_advance(
        self, live: list[Any], day: dt.date, field: str, fact: UsageFact
    ) -> Verdict | None:
        """SC622 when every role covering the record rests on an agreement signed after it."""
        agreements = self.charter.agreements
        late: list[Any] = []
        for item in live:
            agr = item if item.type == "Agreement" else agreements.get(item.agreement_id or "")
            if agr is None or not signed_after(agr, day):
                return None
            late.append(agr)
        first = min(late, key=lambda a: (a.signed_at, a.id))
        return Verdict(
            "SC622",
            {
                "subject_type": "",
                "subject": "",
                "agreement": first.id,
                "signed": first.signed_at.isoformat(),
                "begins": day.isoformat(),
                "field": field,
                "organization": fact.organization,
            },
        )

    def judge_all(self, facts: Iterable[UsageFact]) -> list[tuple[UsageFact, Verdict]]:
        """Judge many facts; return those not covered with their verdicts."""
        out = []
        for fact in facts:
            verdict = self.judge(fact)
            if verdict is not None:
                out.append((fact, verdict))
        return out
