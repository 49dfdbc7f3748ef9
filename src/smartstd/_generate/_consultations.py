"""A community's consultations: votes, surveys and polls, the last one still open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartstd._generate._clock import DAY, HOUR, at_hours, iso
from smartstd._generate._draw import allocate
from smartstd._generate._plan import CommunityPlan
from smartstd._generate._shapes import zh_en
from smartstd._generate._text import CONSULTATIONS, VOTE_FAILED

__all__ = ["Consultations"]


class Consultations(CommunityPlan):
    """Writes the community's consultations."""

    def _consultations(self, requests: list[tuple[str, str, int]]) -> Iterator[dict[str, Any]]:
        rng, c, now = self.rng, self.c, self.now
        n = self.n.consultations
        adults = len(self.adults)
        for i in range(n):
            tpl = CONSULTATIONS[i % len(CONSULTATIONS)]
            if i == n - 1:  # the last one is still open
                opens = now - rng.randint(2, 6) * DAY
                closes = now + rng.randint(5, 12) * DAY
            else:
                opens = (
                    now - int(330 * DAY * (n - 1 - i) / max(1, n - 1)) - rng.randint(20, 30) * DAY
                )
                closes = opens + rng.randint(7, 21) * DAY
            opens -= (opens + 8 * HOUR) % DAY - 9 * HOUR  # 09:00 that day
            closes -= (closes + 8 * HOUR) % DAY - 18 * HOUR  # 18:00 that day
            no_lift = [b for b in self.buildings if not b.elevators] or self.buildings
            b = rng.choice(no_lift) if no_lift else None
            if tpl.eligible == "building" and b is not None:
                eligible = b.dwellings
            elif tpl.eligible == "adults":
                eligible = adults
            elif tpl.eligible == "representatives":
                eligible = max(1, min(adults, 25 + len(self.households) // 20))
            else:
                eligible = len(self.households)
            turnout = (
                rng.uniform(0.55, 0.9)
                if tpl.eligible in ("building", "representatives")
                else rng.uniform(0.15, 0.45)
            )
            if closes > now:
                turnout *= (now - opens) / (closes - opens)
            participants = min(eligible, int(eligible * turnout))
            ez, ee = c.estates[b.estate if b else 0]
            num = b.number if b else 1
            topic = zh_en(tpl.zh.format(e=ez, n=num), tpl.en.format(E=ee, n=num))
            out: dict[str, Any] = {
                "id": f"cons-{c.slug}-{i + 1:02d}",
                "type": "Consultation",
                "community_id": c.id,
                "topic": topic,
                "kind": tpl.kind,
                "organizer_id": self.org(tpl.organizer),
                "opens_at": iso(opens),
                "closes_at": iso(closes),
                "eligible_count": eligible,
                "participant_count": participants,
            }
            winner = None
            if tpl.options:
                weights = [rng.uniform(0.5, 3.0) for _ in tpl.options]
                if tpl.kind == "vote":
                    weights[0] *= 3.0
                votes = allocate(participants, weights) if participants else [0] * len(tpl.options)
                if participants and participants < len(tpl.options):
                    votes = [1 if j < participants else 0 for j in range(len(tpl.options))]
                out["options"] = [
                    {"key": key, "label": zh_en(zh, en), "votes": v}
                    for (key, zh, en), v in zip(tpl.options, votes, strict=True)
                ]
                winner = tpl.options[max(range(len(votes)), key=lambda j: votes[j])]
            if closes <= now:
                decided = at_hours(closes + rng.randint(1, 7) * DAY, rng, 10, 17)
                decided = max(min(decided, now - HOUR), closes)
                wz, we = (winner[1], winner[2]) if winner else ("", "")
                summary = zh_en(tpl.decision_zh.format(w=wz), tpl.decision_en.format(W=we))
                if tpl.kind == "vote" and 3 * out["options"][0]["votes"] < 2 * max(1, participants):
                    summary = zh_en(*VOTE_FAILED)
                out["decision"] = {
                    "summary": summary,
                    "decided_at": iso(decided),
                    "decided_by_id": self.org(tpl.decider),
                }
            related = [rid for rid, cat, t in requests if cat in tpl.related and t < opens]
            if related:
                out["related_request_ids"] = related[-2:]
            yield out
