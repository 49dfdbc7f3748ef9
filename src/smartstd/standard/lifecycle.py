"""The service-request lifecycle: a state machine published with the standard.

Allowed transitions (诉求状态流转)::

    submitted    -> acknowledged, assigned, rejected, withdrawn
    acknowledged -> assigned, in_progress, rejected, withdrawn
    assigned     -> in_progress, rejected, withdrawn
    in_progress  -> resolved, assigned (reassigned)
    resolved     -> closed, in_progress (reopened)
    closed       -> in_progress (reopened, within a profile-set number of days)
    rejected, withdrawn: final

Each status maps to Open311's ``open`` or ``closed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

__all__ = [
    "FINAL_STATUSES",
    "INITIAL_STATUS",
    "OPEN311_STATUS",
    "RESOLVED_STATUSES",
    "TRANSITIONS",
    "is_allowed",
    "open311_status",
    "to_mermaid",
]

INITIAL_STATUS = "submitted"

#: Status -> the statuses it may move to.
TRANSITIONS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "submitted": frozenset({"acknowledged", "assigned", "rejected", "withdrawn"}),
        "acknowledged": frozenset({"assigned", "in_progress", "rejected", "withdrawn"}),
        "assigned": frozenset({"in_progress", "rejected", "withdrawn"}),
        "in_progress": frozenset({"resolved", "assigned"}),
        "resolved": frozenset({"closed", "in_progress"}),
        "closed": frozenset({"in_progress"}),
        "rejected": frozenset(),
        "withdrawn": frozenset(),
    }
)

#: Statuses with no way out.
FINAL_STATUSES: frozenset[str] = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)

#: Statuses in which a request counts as resolved.
RESOLVED_STATUSES: frozenset[str] = frozenset({"resolved", "closed"})

#: Status -> Open311 ``open`` / ``closed``.
OPEN311_STATUS: Mapping[str, Literal["open", "closed"]] = MappingProxyType(
    {
        "submitted": "open",
        "acknowledged": "open",
        "assigned": "open",
        "in_progress": "open",
        "resolved": "closed",
        "closed": "closed",
        "rejected": "closed",
        "withdrawn": "closed",
    }
)


def is_allowed(old: str, new: str) -> bool:
    """Whether a request may move from ``old`` to ``new``.

    >>> is_allowed("submitted", "assigned"), is_allowed("rejected", "in_progress")
    (True, False)
    """
    return new in TRANSITIONS.get(old, frozenset())


def open311_status(status: str) -> Literal["open", "closed"]:
    """The Open311 status of a request status.

    Raises:
        KeyError: for a status not in the lifecycle.
    """
    return OPEN311_STATUS[status]


def to_mermaid() -> str:
    """The lifecycle as a Mermaid state diagram."""
    lines = ["stateDiagram-v2", f"    [*] --> {INITIAL_STATUS}"]
    for old, targets in TRANSITIONS.items():
        lines.extend(f"    {old} --> {new}" for new in sorted(targets))
    lines.extend(f"    {s} --> [*]" for s in sorted(FINAL_STATUSES | {"closed"}))
    return "\n".join(lines) + "\n"
