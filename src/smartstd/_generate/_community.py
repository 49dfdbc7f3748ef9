"""One community's data: places, people, services, participation, safety.

A community is planned first (buildings, dwellings, household sizes,
residents, profile subjects, devices: small lists of tuples), then its
entities are yielded in the dataset's order. Only the plan of the current
community is in memory; observations are produced on the fly.

Timestamps are whole seconds, written in Guangzhou time (+08:00). "Now" is
the dataset's ``generated_at``; nothing happens after it, and every window
(requests 180 days, consultations and service records a year, alerts 90 days,
observations a week) lies inside the charter's validity.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from smartstd._generate._charter import DC, PURPOSE
from smartstd._generate._counts import Counts
from smartstd._generate._orgs import CommunityInfo, Registry
from smartstd._generate._text import (
    ALERT_TEXT,
    CONSULTATIONS,
    FACILITIES,
    REJECT_TEXT,
    REQUEST_TEXT,
    RESPONSE_TEXT,
    SERVICES,
    VOTE_FAILED,
    WITHDRAW_TEXT,
    ServiceTemplate,
)
from smartstd.identifiers import (
    find_id_numbers,
    find_mobiles,
    hash_id_number,
    id_number_check_digit,
    mask_mobile,
)
from smartstd.standard.domains import SERVICE_CATEGORY_DOMAINS

__all__ = ["SENSITIVE_DEVICE_KINDS", "SENSITIVE_NEEDS", "TZ", "CommunityGen", "iso"]

TZ = dt.timezone(dt.timedelta(hours=8))
HOUR = 3600
DAY = 86400
_fromts = dt.datetime.fromtimestamp


_DATES: dict[int, str] = {}  # days since the epoch -> "YYYY-MM-DDT" (a few thousand at most)
_HOURS_MINUTES = tuple(f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60))
_SECONDS = tuple(f"{s:02d}+08:00" for s in range(60))


def iso(t: int) -> str:
    """An epoch second as an RFC 3339 timestamp in Guangzhou time.

    The same string as ``datetime.fromtimestamp(t, TZ).isoformat()``, built
    from cached pieces: timestamps are most of the output.
    """
    day, sec = divmod(t + 8 * HOUR, DAY)
    date = _DATES.get(day)
    if date is None:
        date = _DATES[day] = dt.date.fromordinal(719163 + day).isoformat() + "T"
    return f"{date}{_HOURS_MINUTES[sec // 60]}{_SECONDS[sec % 60]}"


def _at_hours(t: int, rng: random.Random, lo: int = 9, hi: int = 18) -> int:
    """``t`` moved to a random time between ``lo`` and ``hi`` o'clock (Guangzhou), same day."""
    midnight = t - (t + 8 * HOUR) % DAY
    return midnight + rng.randint(lo * HOUR, hi * HOUR - 1)


def _day(t: int) -> str:
    return _fromts(t, TZ).date().isoformat()


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


def _pt(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    r = rng.random() * sum(w for _, w in table)
    for key, w in table:
        r -= w
        if r < 0:
            return key
    return table[-1][0]


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), each part at least one if possible."""
    n = len(weights)
    if n == 0:
        return []
    floor_each = 1 if total >= n else 0
    rest = total - floor_each * n
    s = sum(weights)
    raw = [rest * w / s for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(n), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: rest - sum(parts)]:
        parts[i] += 1
    return [p + floor_each for p in parts]


_HOUSEHOLD_SIZES = (("1", 0.24), ("2", 0.29), ("3", 0.24), ("4", 0.13), ("5", 0.07), ("6", 0.03))
_REQUEST_CATEGORIES = (
    ("repair", 30),
    ("environment", 22),
    ("complaint", 12),
    ("inquiry", 12),
    ("suggestion", 8),
    ("safety_hazard", 7),
    ("dispute", 5),
    ("praise", 4),
)
_CHANNELS = (
    ("hotline_12345", 25),
    ("wechat", 25),
    ("app", 20),
    ("grid_worker", 12),
    ("in_person", 8),
    ("web", 5),
    ("kiosk", 5),
)
#: Response deadline of a request category, hours.
REQUEST_SLA_HOURS = {
    "repair": 72,
    "environment": 48,
    "safety_hazard": 24,
    "complaint": 120,
    "inquiry": 72,
    "suggestion": 240,
    "dispute": 168,
    "praise": 120,
}
# category -> ((role tag, weight), ...) of organisations responsible for its domain
_HANDLERS: dict[str, tuple[tuple[str, float], ...]] = {
    "repair": (("pm", 1.0),),
    "environment": (("pm", 0.6), ("street_office", 0.4)),
    "safety_hazard": (("pm", 0.6), ("police_station", 0.4)),
    "complaint": (("street_office", 0.5), ("rc", 0.5)),
    "inquiry": (("rc", 0.7), ("street_office", 0.3)),
    "praise": (("rc", 1.0),),
    "suggestion": (("rc", 0.7), ("street_office", 0.3)),
    "dispute": (("rc", 0.7), ("street_office", 0.3)),
}
_DEVICE_KINDS = (
    ("smoke_detector", 14),
    ("cctv_camera", 12),
    ("access_control", 6),
    ("elevator_monitor", 6),
    ("water_leak", 4),
    ("emergency_button", 4),
    ("parking_sensor", 4),
    ("face_recognition_gate", 3),
    ("gas_detector", 3),
    ("hydrant_pressure", 3),
    ("smart_meter", 3),
    ("air_quality", 2),
)
# alert category -> (device kind or "", weight, severities)
_ALERTS: dict[str, tuple[str, float, tuple[tuple[str, float], ...]]] = {
    "fire": ("smoke_detector", 5, (("high", 0.7), ("critical", 0.3))),
    "gas_leak": ("gas_detector", 2, (("high", 0.6), ("critical", 0.4))),
    "flood": ("water_leak", 3, (("medium", 0.7), ("high", 0.3))),
    "elevator_entrapment": ("elevator_monitor", 4, (("high", 0.7), ("critical", 0.3))),
    "intrusion": ("cctv_camera", 3, (("medium", 1.0),)),
    "crowding": ("cctv_camera", 2, (("info", 0.5), ("low", 0.5))),
    "suspicious_activity": ("cctv_camera", 4, (("low", 0.6), ("medium", 0.4))),
    "fall": ("emergency_button", 5, (("high", 0.6), ("critical", 0.4))),
    "cyber_incident": ("", 1.5, (("medium", 0.6), ("high", 0.4))),
    "data_breach": ("", 0.3, (("high", 1.0),)),
}
_ALERT_HANDLER = {
    "fire": "pm",
    "gas_leak": "pm",
    "flood": "pm",
    "elevator_entrapment": "pm",
    "intrusion": "police_station",
    "crowding": "police_station",
    "suspicious_activity": "police_station",
    "fall": "elderly_org",
    "cyber_incident": "vendor",
    "data_breach": "vendor",
}
#: Need categories that are sensitive personal data (SC409's default list): withheld when public.
SENSITIVE_NEEDS = frozenset({"health", "disability_support", "social_assistance"})
#: Device kinds whose readings are sensitive (biometric, whereabouts): withheld when public.
SENSITIVE_DEVICE_KINDS = frozenset({"face_recognition_gate", "access_control"})
#: Special group -> the need it usually brings.
_GROUP_NEEDS = {
    "disabled": "disability_support",
    "low_income": "social_assistance",
    "serious_illness": "health",
    "veteran": "legal_aid",
    "single_parent": "employment",
}
_ACK_MINUTES = {
    "critical": (1, 4),
    "high": (2, 10),
    "medium": (5, 45),
    "low": (10, 180),
    "info": (30, 600),
}
_ORIGINS = (
    "450921",
    "431102",
    "441581",
    "360730",
    "510181",
    "420116",
    "445281",
    "441423",
    "430524",
)
_MOBILE_PREFIXES = (
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "158",
    "159",
    "177",
    "180",
    "186",
    "189",
    "199",
)


@dataclass
class _Resident:
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
class _Building:
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
class _Device:
    id: str
    kind: str
    building: _Building | None
    lon: float
    lat: float
    operator: str
    status: str
    installed: int
    last_seen: int


@dataclass
class _Service:
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


class CommunityGen:
    """Plans and yields the entities of one community."""

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
        self.year = _fromts(now, TZ).year
        self.rng = random.Random(f"smartstd:{seed}:community:{info.index}")
        self.street = reg.streets[info.street]
        self.so = reg.street_orgs[info.street]
        self._plan()

    # ================================================================= plan
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
        counts = _allocate(n.dwellings, [rng.uniform(0.6, 1.4) for _ in range(nb)])
        first_estate = (nb + 1) // 2 if nb > 1 else nb
        self.buildings: list[_Building] = []
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
                _Building(
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
        sizes = [int(_weighted(rng, _HOUSEHOLD_SIZES)) for _ in range(n.households)]
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
        self.residents: list[_Resident] = []
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
                r = _Resident(rid, hi, age, by, None if exact else _band(age), rtype, groups)
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
        self.services: list[_Service] = []
        for i in range(self.n.services):
            tpl = SERVICES[i % len(SERVICES)]
            self.services.append(_Service(f"svc-{c.slug}-{i + 1:02d}", tpl, self.org(tpl.provider)))

    def _plan_devices(self) -> None:
        rng, n = self.rng, self.n
        kinds = [k for k, _ in _DEVICE_KINDS]
        alloc = _allocate(n.devices, [float(w) for _, w in _DEVICE_KINDS])
        with_lifts = [b for b in self.buildings if b.elevators]
        self.devices: list[_Device] = []
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

    def _device(self, kind: str, with_lifts: list[_Building], width: int) -> _Device:
        rng, c = self.rng, self.c
        did = f"dev-{c.slug}-{len(self.devices) + 1:0{width}d}"
        building: _Building | None = None
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
        installed = _at_hours(self.now - rng.randint(200, 6 * 365) * DAY, rng)
        if status == "active":
            last = self.now - rng.randint(10, 1800)
        elif status == "fault":
            last = self.now - rng.randint(300, 6 * HOUR)
        elif status == "offline":
            last = self.now - rng.randint(2 * DAY, 12 * DAY)
        else:
            last = self.now - rng.randint(40, 160) * DAY
        last = max(last, installed + DAY)
        return _Device(did, kind, building, lon, lat, operator, status, installed, last)

    def _eligible(self, r: _Resident, tpl: ServiceTemplate) -> bool:
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
                    _at_hours(self.now - rng.randint(540, 900) * DAY, rng),
                )
            )
        gates = [d for d in self.devices if d.kind == "face_recognition_gate"]
        if gates:
            first_install = min(d.installed for d in gates)
            for i in self.adults:
                if rng.random() < 0.35:
                    t = min(self.now - DAY, first_install + rng.randint(1, 400) * DAY)
                    res[i].consents.append((PURPOSE["access_management"], _at_hours(t, rng, 8, 21)))

    # ================================================================= emit
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

    def _community(self) -> dict[str, Any]:
        c, st, d = self.c, self.street, self.reg.district
        registered = sum(1 for r in self.residents if r.rtype == "registered")
        num = 18 + 2 * (c.index % 40)
        x1, y1 = self.x0 + self.dlon, self.y0 + self.dlat
        ring = [
            [round(x, 6), round(y, 6)]
            for x, y in (
                (self.x0, self.y0),
                (x1, self.y0),
                (x1, y1),
                (self.x0, y1),
                (self.x0, self.y0),
            )
        ]
        tier = (
            "growing"
            if c.index == 0
            else _weighted(self.rng, (("basic", 5), ("growing", 3.5), ("benchmark", 1.5)))
        )
        return {
            "id": c.id,
            "type": "Community",
            "name": _t(f"{c.zh}社区", f"{c.en} Community"),
            "division_code": d.code,
            "street_office_id": self.org("street_office"),
            "residents_committee_id": c.rc,
            "address": _t(
                f"广州市{d.zh}{st.zh}{c.road[0]}{num}号",
                f"{num} {c.road[1]}, {st.en} Street, {d.en} District, Guangzhou",
            ),
            "boundary": {"type": "Polygon", "coordinates": [ring]},
            "centroid": _pt(self.lon, self.lat),
            "area_km2": self.area,
            "registered_population": registered,
            "floating_population": len(self.residents) - registered,
            "household_count": len(self.households),
            "tier": tier,
        }

    def _grids(self) -> Iterator[dict[str, Any]]:
        c = self.c
        step = self.dlon / self.n_grids
        for g in range(self.n_grids):
            xa, xb = self.x0 + g * step, self.x0 + (g + 1) * step
            ya, yb = self.y0, self.y0 + self.dlat
            ring = [
                [round(x, 6), round(y, 6)]
                for x, y in ((xa, ya), (xb, ya), (xb, yb), (xa, yb), (xa, ya))
            ]
            yield {
                "id": f"grid-{c.slug}-{g + 1}",
                "type": "Grid",
                "community_id": c.id,
                "code": f"{c.slug.upper()}-G{g + 1:02d}",
                "name": _t(f"{c.zh}社区第{g + 1}网格", f"{c.en} Community Grid {g + 1}"),
                "boundary": {"type": "Polygon", "coordinates": [ring]},
            }

    def _buildings(self) -> Iterator[dict[str, Any]]:
        c, st, d = self.c, self.street, self.reg.district
        nb = len(self.buildings)
        for i, b in enumerate(self.buildings):
            ez, ee = c.estates[b.estate]
            out: dict[str, Any] = {
                "id": b.id,
                "type": "Building",
                "community_id": c.id,
                "grid_id": f"grid-{c.slug}-{b.grid + 1}",
                "name": _t(*b.name),
                "address": _t(
                    f"广州市{d.zh}{st.zh}{c.road[0]}{ez}{b.number}栋",
                    f"Building {b.number}, {ee}, {c.road[1]}, {st.en} Street, "
                    f"{d.en} District, Guangzhou",
                ),
                "category": "mixed_use" if nb >= 6 and i == nb - 1 else "residential",
                "floors_above": b.floors,
                "floors_below": 1 if b.floors >= 8 else 0,
                "dwelling_count": b.dwellings,
                "built_year": b.built_year,
                "location": _pt(b.lon, b.lat),
                "managed_by_id": c.pm,
                "elevator_count": b.elevators,
            }
            yield out

    def _dwellings(self) -> Iterator[dict[str, Any]]:
        rng = self.rng
        for di, (bi, unit, floor, area) in enumerate(self.dwellings):
            b = self.buildings[bi]
            hi = self.dwelling_hh.get(di)
            if hi is None:
                tenure = "owned" if rng.random() < 0.85 else "other"
                occupancy = "vacant"
            else:
                rtype = self.households[hi][3]
                table = (
                    (("owned", 85), ("rented", 10), ("public_rental", 3), ("other", 2))
                    if rtype == "registered"
                    else (("rented", 75), ("owned", 22), ("other", 3))
                )
                tenure = _weighted(rng, table)
                occupancy = "occupied"
            yield {
                "id": f"dw-{b.id[5:]}-{unit}",
                "type": "Dwelling",
                "building_id": b.id,
                "unit_number": unit,
                "floor": floor,
                "area_m2": area,
                "tenure": tenure,
                "occupancy": occupancy,
            }

    def _dwelling_id(self, di: int) -> str:
        bi, unit, _, _ = self.dwellings[di]
        return f"dw-{self.buildings[bi].id[5:]}-{unit}"

    def _households(self) -> Iterator[dict[str, Any]]:
        for hid, dw, size, rtype, moved in self.households:
            yield {
                "id": hid,
                "type": "Household",
                "dwelling_id": self._dwelling_id(dw),
                "size": size,
                "residence_type": rtype,
                "moved_in_on": _day(moved),
            }

    def _residents(self) -> Iterator[dict[str, Any]]:
        for r in self.residents:
            out: dict[str, Any] = {
                "id": r.id,
                "type": "Resident",
                "household_id": self.households[r.household][0],
            }
            if r.birth_year is not None:
                out["birth_year"] = r.birth_year
            else:
                out["age_band"] = r.band
            out["residence_type"] = r.rtype
            if r.groups and not self.public:
                out["special_groups"] = list(r.groups)
            if r.phone:
                out["phone"] = r.phone
            if r.id_hash:
                out["id_number_hash"] = r.id_hash
            if r.consents:
                out["consents"] = [{"purpose_id": p, "given_at": iso(t)} for p, t in r.consents]
            yield out

    def _facilities(self) -> Iterator[dict[str, Any]]:
        c = self.c
        for i in range(self.n.facilities):
            f = FACILITIES[i % len(FACILITIES)]
            rnd = i // len(FACILITIES)
            ez, ee = c.estates[rnd % len(c.estates)]
            zh = f.zh.format(c=c.zh, e=ez)
            en = f.en.format(C=c.en, E=ee)
            if rnd:
                zh, en = f"{zh}（{rnd + 1}）", f"{en} ({rnd + 1})"
            lon, lat = self._inside(0.05)
            out: dict[str, Any] = {
                "id": f"fac-{c.slug}-{i + 1:02d}",
                "type": "Facility",
                "community_id": c.id,
                "kind": f.kind,
                "name": _t(zh, en),
                "location": _pt(lon, lat),
                "operator_id": self.org(f.operator),
            }
            if f.capacity is not None:
                out["capacity"] = f.capacity
            out["opening_hours"] = f.hours
            out["barrier_free"] = f.barrier_free
            yield out

    def _services_out(self) -> Iterator[dict[str, Any]]:
        for s in self.services:
            tpl = s.tpl
            out: dict[str, Any] = {
                "id": s.id,
                "type": "Service",
                "name": _t(tpl.zh, tpl.en),
                "description": _t(tpl.desc_zh, tpl.desc_en),
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

    # ------------------------------------------------------------ profiles
    _NEEDS: ClassVar[dict[str, tuple[tuple[str, float], ...]]] = {
        "elderly": (
            ("elderly_care", 6),
            ("health", 4),
            ("culture_sports", 1.5),
            ("convenience", 1),
            ("housing_repair", 1),
        ),
        "person": (
            ("employment", 2),
            ("culture_sports", 2),
            ("legal_aid", 1.5),
            ("convenience", 1.5),
            ("health", 1.5),
        ),
        "special": (
            ("social_assistance", 3),
            ("disability_support", 3),
            ("health", 2),
            ("legal_aid", 1),
            ("employment", 1),
        ),
        "child": (("childcare", 1), ("education", 1)),
        "household": (
            ("employment", 2),
            ("culture_sports", 2),
            ("housing_repair", 2),
            ("legal_aid", 1.5),
            ("environment", 1),
            ("safety", 1),
            ("convenience", 1.5),
            ("health", 1.5),
        ),
    }
    _NEED_LEVEL: ClassVar[dict[str, str]] = {
        "elderly_care": "basic_living",
        "health": "health",
        "social_assistance": "basic_living",
        "disability_support": "health",
        "childcare": "development",
        "education": "development",
        "employment": "development",
        "culture_sports": "belonging",
        "housing_repair": "safety",
        "legal_aid": "safety",
        "safety": "safety",
        "environment": "health",
        "convenience": "basic_living",
    }

    def _profiles(
        self,
    ) -> Generator[dict[str, Any], None, list[tuple[str, _Service, int, int | None]]]:
        rng, c, res = self.rng, self.c, self.residents
        records: list[tuple[str, _Service, int, int | None]] = []
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
                    cat = _weighted(rng, table)
                    if cat not in cats:
                        cats.append(cat)
            updated = _at_hours(self.now - rng.randint(1, 170) * DAY, rng)
            needs: list[dict[str, Any]] = []
            enrolments: list[dict[str, Any]] = []
            for cat in cats:
                assessed = _at_hours(updated - rng.randint(5, 365) * DAY, rng)
                needs.append(
                    {
                        "category": cat,
                        "need_level": self._NEED_LEVEL[cat],
                        "priority": rng.choice((2, 3, 3, 4, 4, 5))
                        if label != "household"
                        else rng.choice((1, 2, 3)),
                        "assessed_at": iso(assessed),
                        "source": _weighted(
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
                    enrolled = min(_at_hours(enrolled, rng), updated)
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
        self, records: list[tuple[str, _Service, int, int | None]]
    ) -> Iterator[dict[str, Any]]:
        rng, c = self.rng, self.c
        start_window = self.now - 360 * DAY
        rows: list[tuple[int, str, _Service]] = []
        for pid, s, enrolled, _ in records:
            lo = max(enrolled + HOUR, start_window)
            if lo >= self.now - HOUR:
                continue
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                t = rng.randint(lo, self.now - HOUR)
                shifted = _at_hours(t, rng, 8, 20)
                rows.append((shifted if lo <= shifted <= self.now - HOUR else t, pid, s))
        rows.sort(key=lambda r: r[0])
        width = max(4, len(str(len(rows))))
        for n, (t, pid, s) in enumerate(rows, 1):
            outcome = _weighted(
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
                    _weighted(rng, (("5", 50), ("4", 32), ("3", 12), ("2", 4), ("1", 2)))
                )
            yield out

    # ------------------------------------------------------------ requests
    def _handler(self, category: str, exclude: str | None = None) -> str | None:
        table = tuple((t, w) for t, w in _HANDLERS[category] if self.org(t) != exclude)
        if not table:
            return None
        return self.org(_weighted(self.rng, table))

    def _requests(self) -> Generator[dict[str, Any], None, list[tuple[str, str, int]]]:
        rng, c, now = self.rng, self.c, self.now
        n = self.n.requests
        times = []
        for _ in range(n):
            t = now - rng.randint(30 * 60, 180 * DAY)
            if rng.random() < 0.85:  # most requests come in between 07:00 and 23:00
                shifted = _at_hours(t, rng, 7, 23)
                t = shifted if shifted <= now - 30 * 60 else t
            times.append(t)
        times.sort()
        width = max(4, len(str(n)))
        out_list: list[tuple[str, str, int]] = []
        for i, t0 in enumerate(times):
            rid = f"req-{c.slug}-{i + 1:0{width}d}"
            req = self._request(rid, t0)
            out_list.append((rid, req["category"], t0))
            yield req
        return out_list

    def _request(self, rid: str, t0: int) -> dict[str, Any]:
        rng = self.rng
        cat = _weighted(rng, _REQUEST_CATEGORIES)
        channel = _weighted(rng, _CHANNELS)
        sla = REQUEST_SLA_HOURS[cat] * HOUR
        due = t0 + sla
        intake = self.org("street_office") if channel == "hotline_12345" else self.c.rc
        handler = self._handler(cat) or intake
        alt = self._handler(cat, exclude=handler)
        requester: _Resident | None = None
        anonymous = False
        if channel == "grid_worker":
            pass
        elif channel != "in_person" and rng.random() < 0.08:
            anonymous = True
        elif self.adults:
            requester = self.residents[rng.choice(self.adults)]
        # ---- the path through the lifecycle
        r = rng.random()
        steps: list[tuple[str, str | None, str | None]] = [("submitted", None, None)]
        if r < 0.03:
            steps += [("acknowledged", intake, "已受理"), ("rejected", intake, None)]
            final_fraction = rng.uniform(0.05, 0.4)
        elif r < 0.05:
            if rng.random() < 0.5:
                steps.append(("acknowledged", intake, "已受理"))
            steps.append(("withdrawn", requester.id if requester else intake, "诉求人撤回"))
            final_fraction = rng.uniform(0.05, 0.4)
        else:
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
            final_fraction = rng.uniform(0.25, 0.95)
        # the first response within hours (SC304: at most 72 h whatever the category),
        # the rest spread up to the last step, inside final_fraction of the deadline
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
            times.append(_at_hours(times[-1] + rng.randint(DAY, 5 * DAY), rng, 8, 22))
        # what has happened by now
        kept = [(s, t) for s, t in zip(steps, times, strict=True) if t <= self.now]
        status = kept[-1][0][0]
        events: list[dict[str, Any]] = []
        assigned_to: str | None = None
        for (st, actor, note), t in kept:
            ev: dict[str, Any] = {"at": iso(t), "status": st}
            if st == "submitted":
                actor = (
                    requester.id if requester else (self.c.rc if channel == "grid_worker" else None)
                )
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
            out["location"] = {"building_id": b.id, "geometry": _pt(b.lon, b.lat)}
        if requester is not None:
            out["requester_id"] = requester.id
        if anonymous:
            out["anonymous"] = True
        out["status"] = status
        if assigned_to:
            out["assigned_to_id"] = assigned_to
        out["due_at"] = iso(due)
        out["events"] = events
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
                _weighted(rng, (("5", 45), ("4", 30), ("3", 15), ("2", 6), ("1", 4)))
            )
        if cat in ("repair", "environment", "safety_hazard") and rng.random() < 0.3:
            out["media_urls"] = [f"https://media.example.org/scds/{rid}/1.jpg"]
        return out

    @staticmethod
    def _first_handler(steps: list[tuple[str, str | None, str | None]]) -> str | None:
        for st, actor, _ in steps:
            if st == "in_progress":
                return actor
        return None

    # ------------------------------------------------------------ consultations
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
            topic = _t(tpl.zh.format(e=ez, n=num), tpl.en.format(E=ee, n=num))
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
                votes = _allocate(participants, weights) if participants else [0] * len(tpl.options)
                if participants and participants < len(tpl.options):
                    votes = [1 if j < participants else 0 for j in range(len(tpl.options))]
                out["options"] = [
                    {"key": key, "label": _t(zh, en), "votes": v}
                    for (key, zh, en), v in zip(tpl.options, votes, strict=True)
                ]
                winner = tpl.options[max(range(len(votes)), key=lambda j: votes[j])]
            if closes <= now:
                decided = _at_hours(closes + rng.randint(1, 7) * DAY, rng, 10, 17)
                decided = max(min(decided, now - HOUR), closes)
                wz, we = (winner[1], winner[2]) if winner else ("", "")
                summary = _t(tpl.decision_zh.format(w=wz), tpl.decision_en.format(W=we))
                if tpl.kind == "vote" and 3 * out["options"][0]["votes"] < 2 * max(1, participants):
                    summary = _t(*VOTE_FAILED)
                out["decision"] = {
                    "summary": summary,
                    "decided_at": iso(decided),
                    "decided_by_id": self.org(tpl.decider),
                }
            related = [rid for rid, cat, t in requests if cat in tpl.related and t < opens]
            if related:
                out["related_request_ids"] = related[-2:]
            yield out

    # ------------------------------------------------------------ devices
    def _devices_out(self) -> Iterator[dict[str, Any]]:
        rng, c = self.rng, self.c
        for d in self.devices:
            out: dict[str, Any] = {
                "id": d.id,
                "type": "Device",
                "community_id": c.id,
                "kind": d.kind,
            }
            if d.building is not None:
                out["building_id"] = d.building.id
            out["location"] = _pt(d.lon, d.lat)
            out["operator_id"] = d.operator
            if d.operator == c.pm:
                out["owner_id"] = c.oc
            elif d.operator == self.org("police_station"):
                out["owner_id"] = self.org("police_bureau")
            elif d.operator == self.org("elderly_org"):
                out["owner_id"] = self.org("street_office")
            else:
                out["owner_id"] = d.operator
            out["status"] = d.status
            if d.kind == "cctv_camera":
                cats = [DC["video_images"]]
            elif d.kind == "face_recognition_gate":
                cats = [DC["face_templates"], DC["access_records"]]
            elif d.kind == "access_control":
                cats = [DC["access_records"]]
            else:
                cats = [DC["device_telemetry"]]
            personal = d.kind in ("cctv_camera", "face_recognition_gate", "access_control")
            out["captures_personal_data"] = personal
            out["data_category_ids"] = cats
            if personal:
                gate = d.kind == "face_recognition_gate"
                out["retention_days"] = (
                    rng.choice((15, 30)) if gate else rng.choice((30, 30, 60, 90))
                )
                out["privacy_notice"] = True
                out["protection_level"] = (
                    3 if d.kind == "face_recognition_gate" else rng.choice((2, 3))
                )
            out["installed_at"] = iso(d.installed)
            out["last_seen_at"] = iso(d.last_seen)
            yield out

    def _observations(self) -> Iterator[dict[str, Any]]:
        live = [
            d
            for d in self.devices
            if d.status != "retired" and not (self.public and d.kind in SENSITIVE_DEVICE_KINDS)
        ]
        total = self.n.observations
        if not live or not total:
            return
        per = _allocate(total, [1.0] * len(live))
        template = f"obs-{self.c.slug}-%0{max(6, len(str(total)))}d"
        random_ = self.rng.random
        counter = 0
        for d, cnt in zip(live, per, strict=True):
            if cnt == 0:
                continue
            sample = _sampler(d.kind, self.rng)
            step = max(60, 7 * DAY // cnt)
            if d.last_seen - step * (cnt - 1) <= d.installed:
                step = max(1, (d.last_seen - d.installed - 1) // max(1, cnt - 1))
            dev_id = d.id
            ts = d.last_seen - step * (cnt - 1)  # the last reading is at last_seen
            for _ in range(cnt):
                counter += 1
                prop, value, unit = sample(ts)
                q = random_()
                out: dict[str, Any] = {
                    "id": template % counter,
                    "type": "Observation",
                    "device_id": dev_id,
                    "observed_at": iso(ts),
                    "property": prop,
                }
                if q < 0.004:
                    if unit:
                        out["unit"] = unit
                    out["quality"] = "missing"
                else:
                    out["value"] = value
                    if unit:
                        out["unit"] = unit
                    out["quality"] = "suspect" if q < 0.015 else "good"
                yield out
                ts += step

    # ------------------------------------------------------------ alerts
    def _alerts(self, requests: list[tuple[str, str, int]]) -> Iterator[dict[str, Any]]:
        rng, c, now = self.rng, self.c, self.now
        n = self.n.alerts
        by_kind: dict[str, list[_Device]] = {}
        for d in self.devices:
            if d.status != "retired":
                by_kind.setdefault(d.kind, []).append(d)
        table = tuple(
            (cat, w) for cat, (kind, w, _) in _ALERTS.items() if not kind or kind in by_kind
        )
        hazards = [(rid, t) for rid, cat, t in requests if cat == "safety_hazard"]
        rows: list[tuple[int, str, _Device | None, str | None]] = []
        for i in range(n):
            recent = i >= n - max(1, n // 10)
            if hazards and rng.random() < 0.1:
                rid, t = rng.choice(hazards)
                detected = t + rng.randint(5, 30) * 60
                if detected <= now - 60:
                    rows.append((detected, "suspicious_activity", None, rid))
                    continue
            cat = _weighted(rng, table)
            kind = _ALERTS[cat][0]
            dev = rng.choice(by_kind[kind]) if kind else None
            hi = dev.last_seen if dev else now
            lo = max(now - 90 * DAY, (dev.installed + DAY) if dev else now - 90 * DAY)
            if recent:
                lo = max(lo, hi - 12 * HOUR)
            lo = min(lo, hi - 120)
            rows.append((rng.randint(lo, hi - 60), cat, dev, None))
        rows.sort(key=lambda r: r[0])
        width = max(3, len(str(n)))
        for i, (detected, cat, dev, req_id) in enumerate(rows):
            sev = _weighted(rng, _ALERTS[cat][2]) if req_id is None else "medium"
            age = now - detected
            real_text, false_text, pending_text = ALERT_TEXT[cat]
            false_alarm = rng.random() < (0.7 if cat == "fire" else 0.25)
            lo_m, hi_m = _ACK_MINUTES[sev]
            ack = detected + rng.randint(lo_m * 60, hi_m * 60)
            if sev in ("info", "low") and age < 6 * HOUR and rng.random() < 0.5:
                status, ack_t, res_t = "open", None, None
            elif ack > now:
                # not yet acknowledged: only low-severity alerts may wait
                if sev == "critical":
                    ack = detected + max(30, (now - detected) // 2)
                    status, ack_t, res_t = "acknowledged", ack, None
                else:
                    status, ack_t, res_t = "open", None, None
            else:
                resolved = (
                    ack + rng.randint(10 * 60, 8 * HOUR)
                    if not false_alarm
                    else ack + rng.randint(180, 1200)
                )
                if resolved <= now:
                    status = "false_alarm" if false_alarm else "resolved"
                    ack_t, res_t = ack, resolved
                else:
                    status = "dispatched" if rng.random() < 0.5 else "acknowledged"
                    ack_t, res_t = ack, None
            out: dict[str, Any] = {
                "id": f"alert-{c.slug}-{i + 1:0{width}d}",
                "type": "Alert",
                "community_id": c.id,
                "category": cat,
                "severity": sev,
                "detected_at": iso(detected),
            }
            if dev is not None:
                out["device_id"] = dev.id
                out["location"] = _pt(dev.lon, dev.lat)
            if req_id is not None:
                out["request_id"] = req_id
            out["status"] = status
            if status != "open":
                out["handled_by_id"] = self.org(_ALERT_HANDLER[cat])
            if ack_t is not None:
                out["acknowledged_at"] = iso(ack_t)
            if res_t is not None:
                out["resolved_at"] = iso(res_t)
            bname = dev.building.name[0] if dev is not None and dev.building is not None else ""
            text = (
                false_text
                if status == "false_alarm"
                else real_text
                if status == "resolved"
                else pending_text
            )
            if req_id is not None:
                text = "居民反映安全隐患，网格员到场核查。"
            out["description"] = text.format(b=bname)
            yield out


# ===================================================================== observation samplers
_Sample = Callable[[int], tuple[str, Any, str | None]]


def _hour(t: int) -> int:
    return ((t + 8 * HOUR) // HOUR) % 24


def _sampler(kind: str, rng: random.Random) -> _Sample:
    """A function from a time to (property, value, unit) for a device kind."""
    state = {
        "n": 0,
        "pm": rng.uniform(15, 30),
        "energy": rng.uniform(2000, 12000),
        "battery": rng.uniform(70, 100),
    }
    rand, unif = rng.random, rng.uniform

    def battery() -> float:
        state["battery"] = max(5.0, state["battery"] - rand() * 0.05)
        return round(state["battery"], 1)

    def smoke(t: int) -> tuple[str, Any, str | None]:
        state["n"] += 1
        if state["n"] % 12 == 0:
            return "battery_level", battery(), "%"
        return "smoke_density", round(0.004 + 0.04 * rand() * rand(), 3), "%/m"

    def gas(t: int) -> tuple[str, Any, str | None]:
        state["n"] += 1
        if state["n"] % 12 == 0:
            return "battery_level", battery(), "%"
        return "methane_lel", round(1.2 * rand() * rand(), 2), "%"

    def leak(t: int) -> tuple[str, Any, str | None]:
        return "water_leak", rand() < 0.001, None

    def elevator(t: int) -> tuple[str, Any, str | None]:
        state["n"] += 1
        m = state["n"] % 3
        if m == 0:
            r = rand()
            return (
                "elevator_status",
                "normal" if r < 0.96 else "maintenance" if r < 0.99 else "fault",
                None,
            )
        if m == 1:
            busy = 7 <= _hour(t) <= 22
            return "car_load", int(unif(0, 900 if busy else 200)), "kg"
        return "running_speed", round(unif(0, 1.75), 2), "m/s"

    def hydrant(t: int) -> tuple[str, Any, str | None]:
        return "water_pressure", round(0.3 + 0.05 * (rand() + rand()), 3), "MPa"

    def parking(t: int) -> tuple[str, Any, str | None]:
        h = _hour(t)
        return "occupied", rand() < (0.9 if h < 7 or h >= 20 else 0.5), None

    def air(t: int) -> tuple[str, Any, str | None]:
        m = state["n"] % 4
        state["n"] += 1
        h = _hour(t)
        if m == 0:
            state["pm"] = min(
                80.0, max(5.0, state["pm"] + (rand() - 0.5) * 5 + (22 - state["pm"]) * 0.1)
            )
            return "pm2_5", round(state["pm"], 1), "ug/m3"
        if m == 1:
            return "pm10", round(state["pm"] * unif(1.4, 1.9), 1), "ug/m3"
        if m == 2:
            return (
                "temperature",
                round(29 + 3.5 * math.sin((h - 9) / 24 * 2 * math.pi) + (rand() - 0.5) * 0.8, 1),
                "Cel",
            )
        return (
            "relative_humidity",
            round(
                min(99.0, 80 - 10 * math.sin((h - 9) / 24 * 2 * math.pi) + (rand() - 0.5) * 4), 1
            ),
            "%",
        )

    def meter(t: int) -> tuple[str, Any, str | None]:
        state["energy"] += unif(0.1, 2.5)
        return "energy_total", round(state["energy"], 2), "kW.h"

    def button(t: int) -> tuple[str, Any, str | None]:
        state["n"] += 1
        if state["n"] % 4 == 0:
            return "pressed", False, None
        return "battery_level", battery(), "%"

    def camera(t: int) -> tuple[str, Any, str | None]:
        state["n"] += 1
        if state["n"] % 5 == 0:
            return "online", True, None
        return "stream_bitrate", int(2400 + 1200 * rand()), "kbit/s"

    def gate(t: int) -> tuple[str, Any, str | None]:
        h = _hour(t)
        peak = 7 <= h <= 9 or 17 <= h <= 20
        return (
            "passage_count",
            int(unif(30, 140) if peak else unif(0, 40) if 6 <= h <= 23 else unif(0, 5)),
            "{count}",
        )

    def door(t: int) -> tuple[str, Any, str | None]:
        h = _hour(t)
        return "door_open_count", int(unif(5, 60) if 6 <= h <= 23 else unif(0, 4)), "{count}"

    table: dict[str, _Sample] = {
        "smoke_detector": smoke,
        "gas_detector": gas,
        "water_leak": leak,
        "elevator_monitor": elevator,
        "hydrant_pressure": hydrant,
        "parking_sensor": parking,
        "air_quality": air,
        "smart_meter": meter,
        "emergency_button": button,
        "cctv_camera": camera,
        "face_recognition_gate": gate,
        "access_control": door,
    }
    return table.get(kind, hydrant)
