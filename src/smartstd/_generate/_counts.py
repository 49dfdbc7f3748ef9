"""How much the generator makes: :class:`Counts` (public as :class:`smartstd.generate.Counts`)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from smartstd.errors import UsageError

__all__ = ["Counts"]


@dataclass(frozen=True)
class Counts:
    """How much to generate: per community, except ``communities`` and ``organizations``.

    Attributes:
        communities: communities, spread over the district's streets (five a street).
        buildings_per_community: buildings, in two estates.
        dwellings: dwellings, shared out among the buildings.
        households: households, one per occupied dwelling (at most ``dwellings``).
        residents: residents; household sizes (1-6, mean about 2.6) are adjusted
            so they add up to exactly this (between ``households`` and six times it).
        facilities: community facilities (centre, canteen, clinic, fire station...).
        organizations: the least number of organisations in the dataset. The
            structure (district bureaus, partners, street and community bodies,
            property managers) is always generated; extra volunteer groups fill
            up to this number.
        services: services of the community's catalogue.
        profiles: service profiles (of residents or households; fewer if the
            community has fewer people).
        requests: service requests over the last 180 days.
        consultations: consultations over the last year; the last one is open.
        devices: devices of every kind.
        observations: device readings over the last week.
        alerts: alerts over the last 90 days.
    """

    communities: int = 1
    buildings_per_community: int = 12
    dwellings: int = 400
    households: int = 350
    residents: int = 900
    facilities: int = 13
    organizations: int = 20
    services: int = 15
    profiles: int = 100
    requests: int = 200
    consultations: int = 5
    devices: int = 60
    observations: int = 5000
    alerts: int = 30

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise UsageError(key="counts_not_count", name=f.name, value=value)
        if self.communities < 1:
            raise UsageError(key="counts_no_community", value=self.communities)
        if self.households > self.dwellings:
            raise UsageError(
                key="counts_households_over_dwellings",
                households=self.households,
                dwellings=self.dwellings,
            )
        if not self.households <= self.residents <= 6 * self.households:
            raise UsageError(
                key="counts_residents_range",
                residents=self.residents,
                households=self.households,
                most=6 * self.households,
            )
        if self.dwellings and not self.buildings_per_community:
            raise UsageError(key="counts_no_building", dwellings=self.dwellings)
