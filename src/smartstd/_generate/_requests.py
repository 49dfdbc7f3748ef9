"""A community's service requests, each along the published lifecycle within its deadline."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from smartstd._generate._clock import DAY, HOUR, at_hours, date_of, iso
from smartstd._generate._data import load
from smartstd._generate._draw import weighted, weights
from smartstd._generate._plan import CommunityPlan, Resident
from smartstd._generate._shapes import point
from smartstd._generate._text import REJECT_TEXT, REQUEST_TEXT, RESPONSE_TEXT, WITHDRAW_TEXT

__all__ = ["REQUEST_SLA_HOURS", "Requests"]

#: A step of a request's path: status, actor, note.
_Step = tuple[str, str | None, str | None]

_DATA = load("community")
_REQUEST_CATEGORIES = weights(_DATA["request_categories"])
_CHANNELS = weights(_DATA["channels"])
#: Response deadline of a request category, hours.
REQUEST_SLA_HOURS: dict[str, int] = dict(_DATA["request_sla_hours"])
# category -> ((role tag, weight), ...) of organisations responsible for its domain
_HANDLERS: dict[str, tuple[tuple[str, float], ...]] = {
    cat: weights(table) for cat, table in _DATA["request_handlers"].items()
}


class Requests(CommunityPlan):
    """Writes the community's service requests."""

    def _handler(self, category: str, exclude: str | None = None) -> str | None:
        table = tuple((t, w) for t, w in _HANDLERS[category] if self.org(t) != exclude)
        if not table:
            return None
        return self.org(weighted(self.rng, table))

    def _requests(self) -> Generator[dict[str, Any], None, list[tuple[str, str, int]]]:
        rng, c, now = self.rng, self.c, self.now
        n = self.n.requests
        times = []
        for _ in range(n):
            t = now - rng.randint(30 * 60, 180 * DAY)
            if rng.random() < 0.85:  # most requests come in between 07:00 and 23:00
                shifted = at_hours(t, rng, 7, 23)
                t = shifted if shifted <= now - 30 * 60 else t
            times.append(t)
        times.sort()
        width = max(4, len(str(n)))
        out_list: list[tuple[str, str, int]] = []
        imported = False
        for i, t0 in enumerate(times):
            rid = f"req-{c.slug}-{i + 1:0{width}d}"
            req = self._request(rid, t0)
            if req["channel"] == "hotline_12345":
                # handled in the city's 12345 system and imported from it (1.1.0 provenance)
                req["provenance"] = {
                    "source_system": "12345",
                    "source_id": f"GZ12345-{date_of(t0).replace('-', '')}-{i + 1:0{width}d}",
                }
                if not imported and req["status"] == "closed" and "location" in req:
                    as_imported_final_state(req)
                    imported = True
            out_list.append((rid, req["category"], t0))
            yield req
        return out_list

    def _request(self, rid: str, t0: int) -> dict[str, Any]:
        rng = self.rng
        cat = weighted(rng, _REQUEST_CATEGORIES)
        channel = weighted(rng, _CHANNELS)
        sla = REQUEST_SLA_HOURS[cat] * HOUR
        intake = self.org("street_office") if channel == "hotline_12345" else self.c.rc
        handler = self._handler(cat) or intake
        alt = self._handler(cat, exclude=handler)
        requester: Resident | None = None
        anonymous = False
        if channel == "grid_worker":
            pass
        elif channel != "in_person" and rng.random() < 0.08:
            anonymous = True
        elif self.adults:
            requester = self.residents[rng.choice(self.adults)]
        steps, final_fraction, handler = self._path(cat, channel, intake, handler, alt, requester)
        times = self._times(steps, t0, sla, final_fraction, intake)
        # what has happened by now
        kept = [(s, t) for s, t in zip(steps, times, strict=True) if t <= self.now]
        status = kept[-1][0][0]
        submitter = requester.id if requester else (self.c.rc if channel == "grid_worker" else None)
        events, assigned_to = self._events(kept, steps, submitter, handler)
        text = rng.choice(REQUEST_TEXT[cat])
        b = rng.choice(self.buildings) if self.buildings else None
        out: dict[str, Any] = {
            "id": rid,
            "type": "ServiceRequest",
            "community_id": self.c.id,
            "category": cat,
            "channel": channel,
            "submitted_at": iso(t0),
            "description": text.format(b=b.name[0] if b else self.c.estates[0][0]),
        }
        if b is not None and "{b}" in text:
            out["location"] = {"building_id": b.id, "geometry": point(b.lon, b.lat)}
        if requester is not None:
            out["requester_id"] = requester.id
        if anonymous:
            out["anonymous"] = True
        out["status"] = status
        if assigned_to:
            out["assigned_to_id"] = assigned_to
        out["due_at"] = iso(t0 + sla)
        out["events"] = events
        self._outcome(out, kept, handler, intake)
        return out

    def _path(
        self,
        cat: str,
        channel: str,
        intake: str,
        handler: str,
        alt: str | None,
        requester: Resident | None,
    ) -> tuple[list[_Step], float, str]:
        """The path through the lifecycle, the share of the deadline it takes, the handler."""
        rng = self.rng
        r = rng.random()
        steps: list[_Step] = [("submitted", None, None)]
        if r < 0.03:
            steps += [("acknowledged", intake, "已受理"), ("rejected", intake, None)]
            return steps, rng.uniform(0.05, 0.4), handler
        if r < 0.05:
            if rng.random() < 0.5:
                steps.append(("acknowledged", intake, "已受理"))
            steps.append(("withdrawn", requester.id if requester else intake, "诉求人撤回"))
            return steps, rng.uniform(0.05, 0.4), handler
        if cat in ("inquiry", "praise"):
            handler = intake
            steps.append(("acknowledged", intake, "已受理"))
        elif channel in ("grid_worker", "hotline_12345") and rng.random() < 0.6:
            steps.append(("assigned", intake, f"派单至{self.org_zh(handler)}"))
        else:
            steps += [
                ("acknowledged", intake, "已受理"),
                ("assigned", intake, f"派单至{self.org_zh(handler)}"),
            ]
        steps.append(("in_progress", handler, "已安排人员处理"))
        if alt and cat not in ("inquiry", "praise") and rng.random() < 0.04:
            steps += [
                ("assigned", intake, f"改派至{self.org_zh(alt)}"),
                ("in_progress", alt, "已安排人员处理"),
            ]
            handler = alt
        steps.append(("resolved", handler, "已办结"))
        if rng.random() < 0.02:
            steps += [
                ("in_progress", handler, "居民反映问题未解决，重新办理"),
                ("resolved", handler, "已办结"),
            ]
        return steps, rng.uniform(0.25, 0.95), handler

    def _times(
        self, steps: list[_Step], t0: int, sla: int, final_fraction: float, intake: str
    ) -> list[int]:
        """When each step happens; a resolved request is closed a few days later.

        The first response within hours (SC304: at most 72 h whatever the category),
        the rest spread up to the last step, inside ``final_fraction`` of the deadline.
        """
        rng = self.rng
        k = len(steps) - 1
        span = int(sla * final_fraction)
        quick = (
            rng.randint(300, 6 * HOUR) if rng.random() < 0.8 else rng.randint(6 * HOUR, 40 * HOUR)
        )
        first = max(60, min(quick, span // (k + 1)))
        times = [t0, t0 + first]
        gaps = [rng.expovariate(1.0) for _ in range(k - 1)]
        total = sum(gaps) or 1.0
        room = span - first - 60 * (k - 1)
        acc = 0.0
        for j, g in enumerate(gaps):
            acc += g
            times.append(max(times[-1] + 60, t0 + first + 60 * (j + 1) + int(room * acc / total)))
        if steps[-1][0] == "resolved":
            steps.append(
                (
                    "closed",
                    intake,
                    "居民已确认办结" if rng.random() < 0.6 else "超过评价期限，系统自动关闭",
                )
            )
            times.append(at_hours(times[-1] + rng.randint(DAY, 5 * DAY), rng, 8, 22))
        return times

    def _events(
        self,
        kept: list[tuple[_Step, int]],
        steps: list[_Step],
        submitter: str | None,
        handler: str,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The events that have happened, and whom the request is assigned to."""
        events: list[dict[str, Any]] = []
        assigned_to: str | None = None
        for (st, actor, note), t in kept:
            ev: dict[str, Any] = {"at": iso(t), "status": st}
            if st == "submitted":
                actor = submitter
            if actor:
                ev["actor_id"] = actor
            if note:
                ev["note"] = note
            ev["public"] = st not in ("assigned", "in_progress")
            events.append(ev)
            if st == "assigned":
                assigned_to = (
                    handler if note and note.startswith("改派") else self._first_handler(steps)
                )
            if st == "in_progress" and assigned_to is None:
                assigned_to = actor
        return events, assigned_to

    def _outcome(
        self, out: dict[str, Any], kept: list[tuple[_Step, int]], handler: str, intake: str
    ) -> None:
        """The answer, the satisfaction and the photos of a request, as far as it has gone."""
        rng, status, cat, rid = self.rng, out["status"], out["category"], out["id"]
        if status in ("resolved", "closed", "rejected", "withdrawn"):
            last_t = kept[-1][1] if status != "closed" else kept[-2][1]
            by = handler if status in ("resolved", "closed") else intake
            pool = (
                RESPONSE_TEXT[cat]
                if status in ("resolved", "closed")
                else REJECT_TEXT
                if status == "rejected"
                else WITHDRAW_TEXT
            )
            out["response"] = {"text": rng.choice(pool), "at": iso(last_t), "by_id": by}
        if status == "closed" and rng.random() < 0.7:
            out["satisfaction"] = int(
                weighted(rng, (("5", 45), ("4", 30), ("3", 15), ("2", 6), ("1", 4)))
            )
        if cat in ("repair", "environment", "safety_hazard") and rng.random() < 0.3:
            out["media_urls"] = [f"https://media.example.org/scds/{rid}/1.jpg"]

    @staticmethod
    def _first_handler(steps: list[_Step]) -> str | None:
        for st, actor, _ in steps:
            if st == "in_progress":
                return actor
        return None


def as_imported_final_state(req: dict[str, Any]) -> None:
    """A closed request as the 12345 system exports it: its final state only (1.1.0).

    The export keeps the closing and nothing before it, has no reply text and
    no community: the importer placed it by the point of its location
    (point in polygon), and says so.
    """
    req["events"] = [{k: v for k, v in req["events"][-1].items() if k != "note"}]
    req["history"] = "partial"
    for name in ("response", "satisfaction", "assigned_to_id"):
        req.pop(name, None)
    req["provenance"]["imputed"] = [
        {
            "field": "/community_id",
            "method": "point_in_polygon",
            "note": "12345 工单只有坐标，按社区边界落区 / the hotline ticket had only a point",
        }
    ]
