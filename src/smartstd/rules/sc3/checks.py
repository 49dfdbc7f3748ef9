"""SC3xx participation: service requests (诉求/工单) and consultations (议事协商).

Every rule of this family looks at one record, so all are entity rules and
stream. Deadline rules take the envelope's ``generated_at`` as now
(:attr:`Context.now`) and say nothing when the envelope has none.

* SC301 the history is listed in time order, nothing happens before submission
  and nothing after the dataset was generated;
* SC302 a resolved, closed or rejected request carries a response;
* SC303 an open request is past its ``due_at``;
* SC304 the first response came later than the SLA (by channel and category);
* SC305 an anonymous request names or describes its requester;
* SC306 the history follows the published lifecycle (:mod:`smartstd.standard.lifecycle`);
* SC307 a consultation's window and counts agree with each other;
* SC308 a consultation closed long ago has no decision;
* SC309 a request is rated before it is resolved.

A ServiceRequest has no reference to a Service in SCDS 1.0.0, so SC304 cannot
use a Service's ``response_sla_hours``; profiles set SLAs per channel and
category instead.

居民参与：诉求的办理记录顺序、答复、办理时限、响应时限、匿名保护、状态流转，
以及议事协商的时间窗、人数与决定。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from smartstd.conformance.rule import Context, Hit, entity_rule
from smartstd.pointer import Path
from smartstd.scanner import scan
from smartstd.standard.lifecycle import (
    INITIAL_STATUS,
    OPEN311_STATUS,
    RESOLVED_STATUSES,
    is_allowed,
)

__all__ = [
    "anonymous_identifies_requester",
    "closed_without_response",
    "consultation_window_invalid",
    "consultation_without_decision",
    "first_response",
    "invalid_status_transition",
    "request_history_out_of_order",
    "request_overdue",
    "response_sla_breached",
    "satisfaction_without_resolution",
    "sla_hours",
]

#: Statuses that are not a response by the handler (the requester's own acts).
_NOT_A_RESPONSE = frozenset({INITIAL_STATUS, "withdrawn"})


# --------------------------------------------------------------------------- helpers


def _plain(value: float) -> float | int:
    """A number for a message: ``72`` rather than ``72.0``."""
    return int(value) if value == int(value) else value


def _mapping(ctx: Context, code: str, name: str) -> Mapping[str, Any]:
    value = ctx.param(code, name)
    return value if isinstance(value, Mapping) else {}


def _strings(ctx: Context, code: str, name: str) -> frozenset[str]:
    value = ctx.param(code, name)
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset()


def _hours(delta: dt.timedelta) -> float | int:
    return _plain(round(delta.total_seconds() / 3600, 1))


def _iso(value: dt.datetime) -> str:
    return value.isoformat()


def _sorted_events(e: Any) -> list[tuple[int, Any]]:
    """The events with their indexes, by time; ties keep the listed order."""
    return sorted(enumerate(e.events or ()), key=lambda pair: pair[1].at)


# --------------------------------------------------------------------------- SC301


@entity_rule("SC301", types=("ServiceRequest",))
def request_history_out_of_order(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC301: events in time order, none (and no response) before submission or after generation.

    When ``submitted_at`` itself is later than ``generated_at``, it is the
    wrong time: the events are then compared with each other only, not with it.
    """
    submitted = e.submitted_at
    late = _after_generation(e, ctx.now) if ctx.now is not None else None
    if late is not None:
        yield late
    # a submission after the dataset was made is the one wrong time, not every event before it
    check_submitted = late is None or late.path != ("submitted_at",)
    previous: Any = None
    for i, ev in enumerate(e.events or ()):
        if check_submitted and ev.at < submitted:
            yield Hit(
                "SC301",
                ("events", i, "at"),
                {"at": _iso(ev.at), "earlier": "submitted_at", "earlier_at": _iso(submitted)},
            )
        elif previous is not None and ev.at < previous.at:
            yield Hit(
                "SC301",
                ("events", i, "at"),
                {
                    "at": _iso(ev.at),
                    "earlier": f"events/{i - 1}/at",
                    "earlier_at": _iso(previous.at),
                },
            )
        previous = ev
    if check_submitted and e.response is not None and e.response.at < submitted:
        yield Hit(
            "SC301",
            ("response", "at"),
            {"at": _iso(e.response.at), "earlier": "submitted_at", "earlier_at": _iso(submitted)},
        )


def _after_generation(e: Any, now: dt.datetime) -> Hit | None:
    """SC301 at the first time of a request (as listed) later than the dataset's ``generated_at``.

    A dataset cannot hold what happened after it was made: such a time is a
    wrong year, a wrong offset or a test record. The times listed after it
    are then later too (or out of order, reported as such), so the request
    gets one finding of this kind.
    """
    times: list[tuple[Path, dt.datetime]] = [(("submitted_at",), e.submitted_at)]
    times += [(("events", i, "at"), ev.at) for i, ev in enumerate(e.events or ())]
    if e.response is not None:
        times.append((("response", "at"), e.response.at))
    for path, value in times:
        if value > now:
            return Hit(
                "SC301",
                path,
                {
                    "at": _iso(value),
                    "reason": "after-generated-at",
                    "later": "generated_at",
                    "later_at": _iso(now),
                },
            )
    return None


# --------------------------------------------------------------------------- SC302


@entity_rule("SC302", types=("ServiceRequest",))
def closed_without_response(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC302: a request finished by the handler must carry a response to the requester.

    A request whose history is partial (1.1.0: imported from a system that
    kept only its final state) is judged by what it holds: a response it does
    not hold is not reported.
    """
    if getattr(e, "history", "complete") == "partial":
        return
    if e.response is None and e.status in _strings(ctx, "SC302", "statuses"):
        yield Hit("SC302", ("status",), {"status": e.status})


# --------------------------------------------------------------------------- SC303


@entity_rule("SC303", types=("ServiceRequest",))
def request_overdue(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC303: an open request past ``due_at`` (plus ``grace_hours``) at ``generated_at``."""
    if ctx.now is None or e.due_at is None or OPEN311_STATUS.get(e.status) != "open":
        return
    grace = dt.timedelta(hours=ctx.number("SC303", "grace_hours"))
    if ctx.now > e.due_at + grace:
        yield Hit(
            "SC303",
            ("due_at",),
            {
                "due_at": _iso(e.due_at),
                "now": _iso(ctx.now),
                "hours": _hours(ctx.now - e.due_at),
                "status": e.status,
            },
        )


# --------------------------------------------------------------------------- SC304


def sla_hours(channel: str, category: str, ctx: Context) -> float:
    """The response SLA of a request, in hours.

    The strictest (smallest) of the overrides that match the request's channel
    (``channel_sla_hours``) and category (``category_sla_hours``); the default
    (``default_sla_hours``) when none matches.
    """
    found: list[float] = []
    for name, key in (("channel_sla_hours", channel), ("category_sla_hours", category)):
        value = _mapping(ctx, "SC304", name).get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            found.append(float(value))
    return min(found) if found else ctx.number("SC304", "default_sla_hours")


def first_response(e: Any) -> tuple[dt.datetime, tuple[str | int, ...]] | None:
    """When and where the handler first responded: the response or the first handling event.

    A handling event is one whose status is neither ``submitted`` nor
    ``withdrawn`` (those are the requester's acts).
    """
    best: tuple[dt.datetime, tuple[str | int, ...]] | None = None
    if e.response is not None:
        best = (e.response.at, ("response", "at"))
    for i, ev in _sorted_events(e):
        if ev.status in _NOT_A_RESPONSE:
            continue
        if best is None or ev.at < best[0]:
            best = (ev.at, ("events", i, "at"))
        break
    return best


@entity_rule("SC304", types=("ServiceRequest",))
def response_sla_breached(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC304: the first response came (or is still missing) later than the SLA allows.

    A partial history (1.1.0) may have lost the first response, so its
    earliest event held proves nothing about it: such a request is not judged.
    """
    if getattr(e, "history", "complete") == "partial":
        return
    sla = sla_hours(e.channel, e.category, ctx)
    first = first_response(e)
    state = "late-response"
    if first is not None:
        end, path = first
    elif OPEN311_STATUS.get(e.status) == "open" and ctx.now is not None:
        end, path, state = ctx.now, ("submitted_at",), "no-response-yet"
    elif e.status == "withdrawn":
        # withdrawn before anyone responded: the wait ends with the withdrawal
        withdrawals = [ev.at for ev in e.events or () if ev.status == "withdrawn"]
        if not withdrawals:
            return
        end, path, state = min(withdrawals), ("submitted_at",), "withdrawn-without-response"
    else:
        return
    elapsed = end - e.submitted_at
    if elapsed > dt.timedelta(hours=sla):
        yield Hit(
            "SC304",
            path,
            {
                "hours": _hours(elapsed),
                "sla_hours": _plain(sla),
                "channel": e.channel,
                "category": e.category,
                "state": state,
            },
        )


# --------------------------------------------------------------------------- SC305


@entity_rule("SC305", types=("ServiceRequest",))
def anonymous_identifies_requester(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC305: an anonymous request names its requester or carries a phone or ID number.

    The number found is never repeated in the finding.
    """
    if not e.anonymous:
        return
    if e.requester_id is not None:
        yield Hit("SC305", ("requester_id",), {"what": "requester_id"})
    text = e.description
    if not text:
        return
    kinds = {m.kind for m in scan(text)}  # the scanner of SC401/SC402: any way of writing
    if "mobile" in kinds:
        yield Hit("SC305", ("description",), {"what": "mobile"})
    if kinds & {"id-number", "id-number-suspect", "id-number-15"}:
        yield Hit("SC305", ("description",), {"what": "id_number"})


# --------------------------------------------------------------------------- SC306


@entity_rule("SC306", types=("ServiceRequest",))
def invalid_status_transition(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC306: the history, by time, follows the lifecycle and ends in ``status``.

    The history starts at ``submitted``; an event repeating the current status
    is a note, not a transition. A closed request may be reopened (to
    ``in_progress``) only within ``reopen_days`` of its closing.

    When the events are not listed in time order (SC301), the history is
    judged as listed too, and reported only if it is wrong both ways: a
    history whose steps are right but whose times are not is SC301's finding.

    A partial history (``history: partial``, 1.1.0) is judged by the
    transitions it holds: it starts at its first event, not at ``submitted``,
    and need not end in ``status``.
    """
    events = _sorted_events(e)
    if not events:
        return
    window = dt.timedelta(days=ctx.number("SC306", "reopen_days"))
    partial = getattr(e, "history", "complete") == "partial"
    hits = list(_transition_hits(e, events, window, partial))
    if hits and any(i != n for n, (i, _ev) in enumerate(events)):
        listed = list(enumerate(e.events))
        if not any(_transition_hits(e, listed, window, partial)):
            return
    yield from hits


def _transition_hits(
    e: Any, events: list[tuple[int, Any]], window: dt.timedelta, partial: bool = False
) -> Iterator[Hit]:
    """SC306's hits for the events in the order given (with their indexes)."""
    current = events[0][1].status if partial else INITIAL_STATUS
    closed_at: dt.datetime | None = None
    for i, ev in events:
        new = ev.status
        if new == current:
            continue
        reason = None
        if current == "closed" and new == "in_progress":
            if closed_at is not None and ev.at - closed_at > window:
                reason = "reopen-window-passed"
        elif not is_allowed(current, new):
            reason = "not-allowed"
        if reason is not None:
            yield Hit(
                "SC306",
                ("events", i, "status"),
                {"from_status": current, "to_status": new, "reason": reason},
            )
        current = new
        if new == "closed":
            closed_at = ev.at
    if current != e.status and not partial:
        yield Hit(
            "SC306",
            ("status",),
            {"from_status": current, "to_status": e.status, "reason": "differs-from-history"},
        )


# --------------------------------------------------------------------------- SC307


@entity_rule("SC307", types=("Consultation",))
def consultation_window_invalid(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC307: closes after it opens; participants within eligible; votes within participants."""
    if e.closes_at <= e.opens_at:
        yield Hit(
            "SC307",
            ("closes_at",),
            {
                "field": "closes_at",
                "value": _iso(e.closes_at),
                "other_field": "opens_at",
                "other": _iso(e.opens_at),
                "reason": "closes-before-opens",
            },
        )
    participants, eligible = e.participant_count, e.eligible_count
    if participants is not None and eligible is not None and participants > eligible:
        yield Hit(
            "SC307",
            ("participant_count",),
            {
                "field": "participant_count",
                "value": participants,
                "other_field": "eligible_count",
                "other": eligible,
                "reason": "more-participants-than-eligible",
            },
        )
    if participants is None or e.kind in _strings(ctx, "SC307", "multi_choice_kinds"):
        return
    votes = [o.votes for o in e.options or () if o.votes is not None]
    if votes and sum(votes) > participants:
        yield Hit(
            "SC307",
            ("options",),
            {
                "field": "options/*/votes",
                "value": sum(votes),
                "other_field": "participant_count",
                "other": participants,
                "reason": "more-votes-than-participants",
            },
        )


# --------------------------------------------------------------------------- SC308


@entity_rule("SC308", types=("Consultation",))
def consultation_without_decision(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC308: closed more than ``days`` days before ``generated_at`` and no decision."""
    if e.decision is not None or ctx.now is None:
        return
    days = ctx.number("SC308", "days")
    if ctx.now - e.closes_at > dt.timedelta(days=days):
        yield Hit(
            "SC308",
            ("closes_at",),
            {
                "closes_at": _iso(e.closes_at),
                "days_since": (ctx.now - e.closes_at).days,
                "days": _plain(days),
            },
        )


# --------------------------------------------------------------------------- SC309


@entity_rule("SC309", types=("ServiceRequest",))
def satisfaction_without_resolution(e: Any, ctx: Context) -> Iterator[Hit]:
    """SC309: a satisfaction score belongs to a resolved or closed request."""
    if e.satisfaction is not None and e.status not in RESOLVED_STATUSES:
        yield Hit("SC309", ("satisfaction",), {"satisfaction": e.satisfaction, "status": e.status})
