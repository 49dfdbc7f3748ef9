"""A community's plan: its place, buildings, households, residents, services, devices.

The plan is drawn first, from the community's own random stream, as small
lists of records; the entities are written from it afterwards
(:mod:`._community`). Only the current community's plan is in memory.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from smartstd._generate._charter import PURPOSE
from smartstd._generate._clock import DAY, HOUR, TZ, at_hours
from smartstd._generate._counts import Counts
from smartstd._generate._data import load
from smartstd._generate._draw import allocate, weighted, weights
from smartstd._generate._orgs import CommunityInfo, Registry
from smartstd._generate._text import SERVICES, ServiceTemplate
from smartstd.identifiers import (
    find_id_numbers,
    find_mobiles,
    hash_id_number,
    id_number_check_digit,
    mask_mobile,
)

__all__ = ["Building", "CommunityPlan", "Device", "Resident", "Service"]

_DATA = load("community")
_HOUSEHOLD_SIZES = weights(_DATA["household_sizes"])
_DEVICE_KINDS = weights(_DATA["device_kinds"])
_ORIGINS: tuple[str, ...] = tuple(_DATA["birthplaces"])
_MOBILE_PREFIXES: tuple[str, ...] = tuple(_DATA["mobile_prefixes"])


@dataclass
class Resident:
    id: str
    household: int
    age: int
    birth_year: int | None
    band: str | None
    rtype: str
    groups: list[str]
    phone: str | None = None
    id_hash: str | None = None
    consents: list[tuple[str, int]] = field(default_factory=list)

    @property
    def adult(self) -> bool:
        return self.age >= 18


@dataclass
class Building:
    id: str
    number: int
    estate: int
    name: tuple[str, str]
    lon: float
    lat: float
    grid: int
    dwellings: int
    upf: int
    floors: int
    elevators: int
    built_year: int


@dataclass
class Device:
    id: str
    kind: str
    building: Building | None
    lon: float
    lat: float
    operator: str
    status: str
    installed: int
    last_seen: int


@dataclass
class Service:
    id: str
    tpl: ServiceTemplate
    provider: str


def _band(age: int) -> str:
    if age <= 6:
        return "0-6"
    if age <= 17:
        return "7-17"
    if age <= 34:
        return "18-34"
    if age <= 59:
        return "35-59"
    if age <= 79:
        return "60-79"
    return "80+"


_BAND_LOW = {"0-6": 0, "7-17": 7, "18-34": 18, "35-59": 35, "60-79": 60, "80+": 80}
_BAND_HIGH = {"0-6": 6, "7-17": 17, "18-34": 34, "35-59": 59, "60-79": 79, "80+": 120}


class CommunityPlan:
    """The plan of one community; the entity writers build on it."""

    def __init__(
        self,
        reg: Registry,
        info: CommunityInfo,
        counts: Counts,
        seed: int,
        now: int,
        salt: str,
        public: bool = True,
    ) -> None:
        self.reg = reg
        self.public = public
        self.c = info
        self.n = counts
        self.now = now
        self.salt = salt
        self.year = dt.datetime.fromtimestamp(now, TZ).year
        self.rng = random.Random(f"smartstd:{seed}:community:{info.index}")
        self.street = reg.streets[info.street]
        self.so = reg.street_orgs[info.street]
        self._plan()

    def org(self, tag: str) -> str:
        """The id of the community's organisation with role ``tag``."""
        c = self.c
        local = {
            "pm": c.pm,
            "rc": c.rc,
            "oc": c.oc,
            "resident_rep": c.rep,
            "volunteer": c.volunteers[0],
        }
        if tag in local:
            return local[tag]
        if tag in self.so:
            return self.so[tag].id
        return self.reg.shared[tag].id

    def org_zh(self, oid: str) -> str:
        """The Chinese name of an organisation."""
        return self.reg.names.get(oid, oid)

    def _plan(self) -> None:
        rng = self.rng
        n = self.n
        st = self.street
        k = sum(1 for c in self.reg.communities[: self.c.index] if c.street == self.c.street) + 1
        angle = k * 2.39996
        radius = 0.007 * math.sqrt(k)
        self.lon = st.lon + radius * math.cos(angle) + rng.uniform(-0.002, 0.002)
        self.lat = st.lat + radius * math.sin(angle) + rng.uniform(-0.002, 0.002)
        w_km, h_km = rng.uniform(0.55, 1.0), rng.uniform(0.45, 0.9)
        self.area = round(w_km * h_km, 2)
        self.dlon = w_km / (111.32 * math.cos(math.radians(self.lat)))
        self.dlat = h_km / 110.57
        self.x0, self.y0 = self.lon - self.dlon / 2, self.lat - self.dlat / 2
        self.n_grids = max(1, min(4, math.ceil(n.buildings_per_community / 4)))
        self._plan_buildings()
        self._plan_households()
        self._plan_services()
        self._plan_devices()
        self._plan_profiles()

    def _inside(self, margin: float = 0.1) -> tuple[float, float]:
        rng = self.rng
        return (
            self.x0 + self.dlon * rng.uniform(margin, 1 - margin),
            self.y0 + self.dlat * rng.uniform(margin, 1 - margin),
        )

    def _plan_buildings(self) -> None:
        rng, n, c = self.rng, self.n, self.c
        nb = n.buildings_per_community
        counts = allocate(n.dwellings, [rng.uniform(0.6, 1.4) for _ in range(nb)])
        first_estate = (nb + 1) // 2 if nb > 1 else nb
        self.buildings: list[Building] = []
        for i, cnt in enumerate(counts):
            estate = 0 if i < first_estate else 1
            number = i + 1 if estate == 0 else i - first_estate + 1
            upf = rng.choice((2, 3, 4)) if cnt <= 24 else rng.choice((4, 4, 6))
            floors = max(1, math.ceil(cnt / upf))
            while floors > 40:
                upf += 2
                floors = math.ceil(cnt / upf)
            built = rng.randint(1996, 2006) if estate == 0 else rng.randint(2008, 2019)
            lifts = 0
            if floors >= 8:
                lifts = 1 + (floors > 18) + (upf >= 6 and floors > 11)
            lon, lat = self._inside(0.08)
            grid = min(self.n_grids - 1, int((lon - self.x0) / self.dlon * self.n_grids))
            ez, ee = c.estates[estate]
            self.buildings.append(
                Building(
                    f"bldg-{c.slug}-{i + 1:02d}",
                    number,
                    estate,
                    (f"{ez} {number} 栋", f"{ee} Building {number}"),
                    lon,
                    lat,
                    grid,
                    cnt,
                    upf,
                    floors,
                    lifts,
                    built,
                )
            )

    def _compose(self, size: int) -> tuple[list[int], str]:
        """Ages of a household's members and its type."""
        rng = self.rng
        if size == 1:
            r = rng.random()
            if r < 0.35:
                return [rng.randint(60, 92)], "elderly_alone"
            if r < 0.75:
                return [rng.randint(20, 34)], "single"
            return [rng.randint(35, 59)], "single"
        if size == 2:
            r = rng.random()
            if r < 0.35:
                a = rng.randint(60, 86)
                return [a, max(60, a + rng.randint(-4, 4))], "elderly_couple"
            if r < 0.70:
                a = rng.randint(22, 34)
                return [a, max(20, a + rng.randint(-3, 3))], "couple"
            if r < 0.90:
                a = rng.randint(35, 59)
                return [a, max(30, a + rng.randint(-4, 4))], "couple"
            a = rng.randint(28, 48)
            return [a, rng.randint(0, min(17, a - 20))], "single_parent"
        parent = rng.randint(26, 50)
        ages = [parent, max(22, parent + rng.randint(-3, 3))]
        grandparents = 0
        if size >= 4 and rng.random() < 0.45:
            grandparents = 1 if size == 4 else rng.choice((1, 2))
        elif size == 3 and rng.random() < 0.15:
            grandparents = 1
        children = size - 2 - grandparents
        ages.extend(rng.randint(0, min(17, parent - 20)) for _ in range(children))
        ages.extend(
            rng.randint(max(60, parent + 20), max(62, min(92, parent + 36)))
            for _ in range(grandparents)
        )
        return ages, "family"

    def _id_hash(self, birth_year: int, registered: bool) -> str:
        rng = self.rng
        region = self.reg.district.code if registered else rng.choice(_ORIGINS)
        while True:
            birth = f"{birth_year:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            first17 = f"{region}{birth}{rng.randrange(1000):03d}"
            h = hash_id_number(first17 + id_number_check_digit(first17), self.salt)
            if not find_mobiles(h) and not find_id_numbers(h):
                return h

    def _plan_households(self) -> None:
        rng, n, c = self.rng, self.n, self.c
        sizes = [int(weighted(rng, _HOUSEHOLD_SIZES)) for _ in range(n.households)]
        total = sum(sizes)
        while total < n.residents:
            i = rng.randrange(len(sizes))
            if sizes[i] < 6:
                sizes[i] += 1
                total += 1
        while total > n.residents:
            i = rng.randrange(len(sizes))
            if sizes[i] > 1:
                sizes[i] -= 1
                total -= 1
        self.hh_width = max(4, len(str(n.households)))
        # dwellings: (building index, unit number, floor, area)
        self.dwellings: list[tuple[int, str, int, float]] = []
        for bi, b in enumerate(self.buildings):
            base = rng.uniform(60, 95) if b.upf >= 4 else rng.uniform(80, 130)
            for j in range(b.dwellings):
                floor = j // b.upf + 1
                unit = f"{floor}{j % b.upf + 1:02d}"
                self.dwellings.append((bi, unit, floor, round(base * rng.uniform(0.85, 1.25), 1)))
        occupied = rng.sample(range(len(self.dwellings)), n.households)
        self.households: list[
            tuple[str, int, int, str, int]
        ] = []  # id, dwelling, size, rtype, moved_in
        self.dwelling_hh: dict[int, int] = {}
        self.residents: list[Resident] = []
        self.hh_members: list[list[int]] = []
        res_width = max(5, len(str(n.residents)))
        for hi, (dw, size) in enumerate(zip(occupied, sizes, strict=True)):
            ages, htype = self._compose(size)
            registered = rng.random() < 0.58
            rtype = "registered" if registered else "non_local"
            built = self.buildings[self.dwellings[dw][0]].built_year
            if registered:
                moved = rng.randint(
                    int(dt.datetime(built, 6, 1, tzinfo=TZ).timestamp()), self.now - 30 * DAY
                )
            else:
                moved = self.now - rng.randint(30, 6 * 365) * DAY
            hid = f"hh-{c.slug}-{hi + 1:0{self.hh_width}d}"
            self.households.append((hid, dw, size, rtype, moved))
            self.dwelling_hh[dw] = hi
            members: list[int] = []
            low_income = rng.random() < 0.02
            for mi, age in enumerate(ages):
                groups: list[str] = []
                if htype == "elderly_alone" and rng.random() < 0.6:
                    groups.append("elderly_living_alone")
                if htype == "elderly_couple" and rng.random() < 0.25:
                    groups.append("empty_nest_elderly")
                if htype == "single_parent" and mi == 0:
                    groups.append("single_parent")
                if low_income and mi == 0:
                    groups.append("low_income")
                if age >= 5 and rng.random() < 0.012:
                    groups.append("disabled")
                if age >= 30 and rng.random() < 0.006:
                    groups.append("veteran")
                if age >= 18 and rng.random() < 0.005:
                    groups.append("serious_illness")
                exact = registered or rng.random() < 0.7
                by = self.year - age if exact else None
                rid = f"res-{c.slug}-{len(self.residents) + 1:0{res_width}d}"
                r = Resident(rid, hi, age, by, None if exact else _band(age), rtype, groups)
                if age >= 18 and rng.random() < 0.6:
                    r.phone = mask_mobile(
                        rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
                    )
                if by is not None:
                    r.id_hash = self._id_hash(by, registered)
                members.append(len(self.residents))
                self.residents.append(r)
            self.hh_members.append(members)
        self.adults = [i for i, r in enumerate(self.residents) if r.adult]

    def _plan_services(self) -> None:
        c = self.c
        self.services: list[Service] = []
        for i in range(self.n.services):
            tpl = SERVICES[i % len(SERVICES)]
            self.services.append(Service(f"svc-{c.slug}-{i + 1:02d}", tpl, self.org(tpl.provider)))

    def _plan_devices(self) -> None:
        rng, n = self.rng, self.n
        kinds = [k for k, _ in _DEVICE_KINDS]
        alloc = allocate(n.devices, [float(w) for _, w in _DEVICE_KINDS])
        with_lifts = [b for b in self.buildings if b.elevators]
        self.devices: list[Device] = []
        width = max(3, len(str(n.devices)))
        for kind, cnt in zip(kinds, alloc, strict=True):
            for _ in range(cnt):
                if kind == "elevator_monitor" and not with_lifts:
                    kind_now = "smoke_detector"
                else:
                    kind_now = kind
                self.devices.append(self._device(kind_now, with_lifts, width))
        # the first device is always active, so the community has observations
        if self.devices:
            self.devices[0].status = "active"
            self.devices[0].last_seen = self.now - rng.randint(10, 1800)

    def _device(self, kind: str, with_lifts: list[Building], width: int) -> Device:
        rng, c = self.rng, self.c
        did = f"dev-{c.slug}-{len(self.devices) + 1:0{width}d}"
        building: Building | None = None
        if kind == "elevator_monitor":
            building = rng.choice(with_lifts)
        elif kind in ("air_quality", "hydrant_pressure", "parking_sensor") or (
            kind == "cctv_camera" and rng.random() < 0.3
        ):
            building = None
        elif self.buildings:
            building = rng.choice(self.buildings)
        if building is not None:
            lon = building.lon + rng.uniform(-0.0002, 0.0002)
            lat = building.lat + rng.uniform(-0.0002, 0.0002)
        else:
            lon, lat = self._inside(0.05)
        if kind == "cctv_camera" and building is None:
            operator = self.org("police_station")  # public-space cameras (雪亮工程)
        elif kind in ("parking_sensor", "smart_meter"):
            operator = self.org("telecom")
        elif kind == "air_quality":
            operator = self.org("institute")
        elif kind == "emergency_button":
            operator = self.org("elderly_org")
        else:
            operator = self.org("pm")
        r = rng.random()
        status = (
            "active" if r < 0.92 else "fault" if r < 0.95 else "offline" if r < 0.98 else "retired"
        )
        installed = at_hours(self.now - rng.randint(200, 6 * 365) * DAY, rng)
        if status == "active":
            last = self.now - rng.randint(10, 1800)
        elif status == "fault":
            last = self.now - rng.randint(300, 6 * HOUR)
        elif status == "offline":
            last = self.now - rng.randint(2 * DAY, 12 * DAY)
        else:
            last = self.now - rng.randint(40, 160) * DAY
        last = max(last, installed + DAY)
        return Device(did, kind, building, lon, lat, operator, status, installed, last)

    def _eligible(self, r: Resident, tpl: ServiceTemplate) -> bool:
        low = r.age if r.birth_year is None else self.year - r.birth_year - 1
        high = r.age if r.birth_year is None else self.year - r.birth_year
        if r.birth_year is None and r.band is not None:
            low, high = _BAND_LOW[r.band], _BAND_HIGH[r.band]
        if tpl.min_age is not None and low < tpl.min_age:
            return False
        if tpl.max_age is not None and high > tpl.max_age:
            return False
        return not tpl.groups or any(g in r.groups for g in tpl.groups)

    def _plan_profiles(self) -> None:
        """Choose who has a service profile, so consents can be written on residents."""
        rng, n = self.rng, self.n
        res = self.residents
        elderly = [i for i, r in enumerate(res) if r.age >= 62]
        special = [
            i
            for i, r in enumerate(res)
            if r.age < 62
            and any(g in r.groups for g in ("disabled", "low_income", "serious_illness", "veteran"))
        ]
        children = [
            i
            for i, r in enumerate(res)
            if r.birth_year is not None and r.age <= 12 and (r.age <= 2 or r.age >= 7)
        ]
        for pool in (elderly, special, children):
            rng.shuffle(pool)
        households = list(range(len(self.households)))
        rng.shuffle(households)
        want = n.profiles
        plan: list[tuple[str, int]] = []
        # a public dataset shows no special groups, so their profiles are not singled out
        share = 0.0 if self.public else 0.10
        quotas = (
            ("elderly", elderly, 0.45),
            ("special", special, share),
            ("child", children, 0.20),
        )
        for label, pool, share in quotas:
            take = min(len(pool), round(want * share))
            plan.extend((label, i) for i in pool[:take])
        used_hh = {res[i].household for _, i in plan}
        rest = [h for h in households if h not in used_hh]
        plan.extend(("household", h) for h in rest[: max(0, want - len(plan))])
        if len(plan) < want:  # small communities: anyone left
            taken = {i for label, i in plan if label != "household"}
            extra = [i for i in range(len(res)) if i not in taken]
            plan.extend(
                ("elderly" if res[i].age >= 62 else "person", i) for i in extra[: want - len(plan)]
            )
        self.profile_plan = plan[:want]
        rng.shuffle(self.profile_plan)
        for label, i in self.profile_plan:
            r = res[self.hh_members[i][0]] if label == "household" else res[i]
            if label == "child" or (label == "household" and not r.adult):
                # a parent consents for a child
                members = self.hh_members[r.household]
                adults = [m for m in members if res[m].adult]
                if adults:
                    r = res[adults[0]]
            r.consents.append(
                (
                    PURPOSE["service_profiling"],
                    at_hours(self.now - rng.randint(540, 900) * DAY, rng),
                )
            )
        gates = [d for d in self.devices if d.kind == "face_recognition_gate"]
        if gates:
            first_install = min(d.installed for d in gates)
            for i in self.adults:
                if rng.random() < 0.35:
                    t = min(self.now - DAY, first_install + rng.randint(1, 400) * DAY)
                    res[i].consents.append((PURPOSE["access_management"], at_hours(t, rng, 8, 21)))
