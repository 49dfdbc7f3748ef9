"""A community's services as entities: the catalogue, service profiles, service records."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any, ClassVar

from smartstd._generate._charter import PURPOSE
from smartstd._generate._clock import DAY, HOUR, at_hours, iso
from smartstd._generate._data import load
from smartstd._generate._draw import weighted, weights
from smartstd._generate._plan import CommunityPlan, Service
from smartstd._generate._shapes import zh_en
from smartstd.standard.domains import SERVICE_CATEGORY_DOMAINS

__all__ = ["SENSITIVE_NEEDS", "Services"]

#: Need categories that are sensitive personal data (SC409's default list): withheld when public.
SENSITIVE_NEEDS = frozenset({"health", "disability_support", "social_assistance"})

_DATA = load("community")
#: Special group -> the need it usually brings.
_GROUP_NEEDS: dict[str, str] = dict(_DATA["group_needs"])


class Services(CommunityPlan):
    """Writes the community's services, the profiles of who needs them, and what was delivered."""

    #: Kind of profile -> (need category, weight).
    _NEEDS: ClassVar[dict[str, tuple[tuple[str, float], ...]]] = {
        label: weights(table) for label, table in _DATA["needs"].items()
    }
    #: Need category -> need level.
    _NEED_LEVEL: ClassVar[dict[str, str]] = dict(_DATA["need_levels"])

    def _services_out(self) -> Iterator[dict[str, Any]]:
        for s in self.services:
            tpl = s.tpl
            out: dict[str, Any] = {
                "id": s.id,
                "type": "Service",
                "name": zh_en(tpl.zh, tpl.en),
                "description": zh_en(tpl.desc_zh, tpl.desc_en),
                "domain_id": SERVICE_CATEGORY_DOMAINS[tpl.category],
                "category": tpl.category,
                "need_level": tpl.need_level,
                "provider_id": s.provider,
                "responsible_id": self.org(tpl.responsible),
            }
            elig: dict[str, Any] = {}
            if tpl.min_age is not None:
                elig["min_age"] = tpl.min_age
            if tpl.max_age is not None:
                elig["max_age"] = tpl.max_age
            if tpl.groups:
                elig["special_groups"] = list(tpl.groups)
            if elig:
                out["eligibility"] = elig
            out["channels"] = list(tpl.channels)
            out["fee"] = tpl.fee
            out["status"] = "active"
            out["response_sla_hours"] = float(tpl.sla_hours)
            yield out

    def _profiles(
        self,
    ) -> Generator[dict[str, Any], None, list[tuple[str, Service, int, int | None]]]:
        rng, c, res = self.rng, self.c, self.residents
        records: list[tuple[str, Service, int, int | None]] = []
        width = max(3, len(str(len(self.profile_plan))))
        for pi, (label, i) in enumerate(self.profile_plan):
            pid = f"prof-{c.slug}-{pi + 1:0{width}d}"
            subject = None if label == "household" else res[i]
            if label == "child" and subject is not None:
                cats = ["childcare" if subject.age <= 3 else "education"]
            else:
                offered = {s.tpl.category for s in self.services}
                table = tuple(
                    (cat, w if cat in offered else w * 0.05)
                    for cat, w in self._NEEDS[label]
                    if not (self.public and cat in SENSITIVE_NEEDS)
                )
                cats = []
                if label == "special" and subject is not None:
                    cats = list(
                        dict.fromkeys(_GROUP_NEEDS[g] for g in subject.groups if g in _GROUP_NEEDS)
                    )
                    cats = cats[:2]
                k = max(len(cats), 1 + (rng.random() < 0.45) + (rng.random() < 0.15))
                for _ in range(k * 3):
                    if len(cats) >= k:
                        break
                    cat = weighted(rng, table)
                    if cat not in cats:
                        cats.append(cat)
            updated = at_hours(self.now - rng.randint(1, 170) * DAY, rng)
            needs: list[dict[str, Any]] = []
            enrolments: list[dict[str, Any]] = []
            for cat in cats:
                assessed = at_hours(updated - rng.randint(5, 365) * DAY, rng)
                needs.append(
                    {
                        "category": cat,
                        "need_level": self._NEED_LEVEL[cat],
                        "priority": rng.choice((2, 3, 3, 4, 4, 5))
                        if label != "household"
                        else rng.choice((1, 2, 3)),
                        "assessed_at": iso(assessed),
                        "source": weighted(
                            rng,
                            (
                                ("home_visit", 4),
                                ("survey", 3),
                                ("self_reported", 3),
                                ("inferred", 1),
                            ),
                        ),
                    }
                )
                options = [
                    s
                    for s in self.services
                    if s.tpl.category == cat
                    and (
                        (subject is None and not (s.tpl.min_age or s.tpl.max_age or s.tpl.groups))
                        or (subject is not None and self._eligible(subject, s.tpl))
                    )
                ]
                if self.public:  # an enrolment restricted to a special group would reveal it
                    options = [s for s in options if not s.tpl.groups]
                if options and rng.random() < 0.95:
                    s = rng.choice(options)
                    enrolled = (
                        assessed
                        + rng.randint(1, max(1, min(14, (updated - assessed) // DAY))) * DAY
                    )
                    enrolled = min(at_hours(enrolled, rng), updated)
                    enrolments.append({"service_id": s.id, "enrolled_at": iso(enrolled)})
                    records.append((pid, s, enrolled, None))
            out: dict[str, Any] = {"id": pid, "type": "ServiceProfile"}
            if subject is None:
                out["household_id"] = self.households[i][0]
            else:
                out["resident_id"] = subject.id
            out["needs"] = needs
            if enrolments:
                out["enrolments"] = enrolments
            out["assessed_by_id"] = self.org("social_work") if rng.random() < 0.7 else self.c.rc
            out["updated_at"] = iso(updated)
            out["consent_purpose_id"] = PURPOSE["service_profiling"]
            yield out
        return records

    def _records(
        self, records: list[tuple[str, Service, int, int | None]]
    ) -> Iterator[dict[str, Any]]:
        rng, c = self.rng, self.c
        start_window = self.now - 360 * DAY
        rows: list[tuple[int, str, Service]] = []
        for pid, s, enrolled, _ in records:
            lo = max(enrolled + HOUR, start_window)
            if lo >= self.now - HOUR:
                continue
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                t = rng.randint(lo, self.now - HOUR)
                shifted = at_hours(t, rng, 8, 20)
                rows.append((shifted if lo <= shifted <= self.now - HOUR else t, pid, s))
        rows.sort(key=lambda r: r[0])
        width = max(4, len(str(len(rows))))
        for n, (t, pid, s) in enumerate(rows, 1):
            outcome = weighted(
                rng, (("completed", 90), ("partial", 5), ("referred", 3), ("not_delivered", 2))
            )
            out: dict[str, Any] = {
                "id": f"rec-{c.slug}-{n:0{width}d}",
                "type": "ServiceRecord",
                "service_id": s.id,
                "profile_id": pid,
                "delivered_at": iso(t),
                "provider_id": s.provider,
                "outcome": outcome,
            }
            if outcome in ("completed", "partial") and rng.random() < 0.6:
                out["satisfaction"] = int(
                    weighted(rng, (("5", 50), ("4", 32), ("3", 12), ("2", 4), ("1", 2)))
                )
            yield out
