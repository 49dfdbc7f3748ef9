"""One community's data: places, people, services, participation, safety.

A community is planned first (buildings, dwellings, household sizes,
residents, profile subjects, devices: small lists of tuples), then its
entities are yielded in the dataset's order. Only the plan of the current
community is in memory; observations are produced on the fly.

Timestamps are whole seconds, written in Guangzhou time (+08:00). "Now" is
the dataset's ``generated_at``; nothing happens after it, and every window
(requests 180 days, consultations and service records a year, alerts 90 days,
observations a week) lies inside the charter's validity.

The plan is :mod:`._plan`; the entities are written by one module per subject
(:mod:`._neighbourhood`, :mod:`._services`, :mod:`._requests`,
:mod:`._consultations`, :mod:`._devices`), brought together here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartstd._generate._consultations import Consultations
from smartstd._generate._devices import SENSITIVE_DEVICE_KINDS, Devices
from smartstd._generate._neighbourhood import Neighbourhood
from smartstd._generate._requests import Requests
from smartstd._generate._services import SENSITIVE_NEEDS, Services

__all__ = ["SENSITIVE_DEVICE_KINDS", "SENSITIVE_NEEDS", "CommunityGen"]


class CommunityGen(Neighbourhood, Services, Requests, Consultations, Devices):
    """Plans and yields the entities of one community."""

    def entities(self) -> Iterator[dict[str, Any]]:
        """Every entity of the community, in the dataset's order."""
        yield self._community()
        yield from self._grids()
        yield from self._buildings()
        yield from self._dwellings()
        yield from self._households()
        yield from self._residents()
        yield from self._facilities()
        yield from self._services_out()
        records = yield from self._profiles()
        yield from self._records(records)
        requests = yield from self._requests()
        yield from self._consultations(requests)
        yield from self._devices_out()
        yield from self._observations()
        yield from self._alerts(requests)
