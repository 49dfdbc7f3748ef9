"""A community's places and people as entities.

The community, its grids, buildings, dwellings, households, residents and facilities.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartstd._generate._clock import date_of, iso
from smartstd._generate._draw import weighted
from smartstd._generate._plan import CommunityPlan
from smartstd._generate._shapes import footprint, point, zh_en
from smartstd._generate._text import FACILITIES

__all__ = ["Neighbourhood"]


class Neighbourhood(CommunityPlan):
    """Writes the community's places and people."""

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
            else weighted(self.rng, (("basic", 5), ("growing", 3.5), ("benchmark", 1.5)))
        )
        return {
            "id": c.id,
            "type": "Community",
            "name": zh_en(f"{c.zh}社区", f"{c.en} Community"),
            "division_code": d.code,
            "street_office_id": self.org("street_office"),
            "residents_committee_id": c.rc,
            "address": zh_en(
                f"广州市{d.zh}{st.zh}{c.road[0]}{num}号",
                f"{num} {c.road[1]}, {st.en} Street, {d.en} District, Guangzhou",
            ),
            "boundary": {"type": "Polygon", "coordinates": [ring]},
            "centroid": point(self.lon, self.lat),
            "area_km2": self.area,
            "registered_population": registered,
            "floating_population": len(self.residents) - registered,
            "household_count": len(self.households),
            "tier": tier,
            "postal_address": self._postal(road=c.road[0], number=f"{num}号"),
            # 统计用区划代码: county (6), street (3), community committee (3)
            "statistical_code": f"{d.code}{self.c.street + 1:03d}{c.index + 1:03d}",
        }

    def _postal(self, **parts: str) -> dict[str, str]:
        """A structured address (1.1.0) in the community's street."""
        d, st = self.reg.district, self.street
        out = {"country": "CN", "province": "广东省", "city": "广州市"}
        out.update(district=d.zh, street=st.zh, **parts)
        if d.code == "440113" and st.zh == "钟村街":
            out["postal_code"] = "511495"
        return out

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
                "name": zh_en(f"{c.zh}社区第{g + 1}网格", f"{c.en} Community Grid {g + 1}"),
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
                "name": zh_en(*b.name),
                "address": zh_en(
                    f"广州市{d.zh}{st.zh}{c.road[0]}{ez}{b.number}栋",
                    f"Building {b.number}, {ee}, {c.road[1]}, {st.en} Street, "
                    f"{d.en} District, Guangzhou",
                ),
                "category": "mixed_use" if nb >= 6 and i == nb - 1 else "residential",
                "floors_above": b.floors,
                "floors_below": 1 if b.floors >= 8 else 0,
                "dwelling_count": b.dwellings,
                "built_year": b.built_year,
                "location": point(b.lon, b.lat),
                "managed_by_id": c.pm,
                "elevator_count": b.elevators,
                "footprint": footprint(b.lon, b.lat, b.dwellings),
                "postal_address": self._postal(road=c.road[0], building=f"{ez}{b.number}栋"),
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
                tenure = weighted(rng, table)
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
                "moved_in_on": date_of(moved),
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
                "name": zh_en(zh, en),
                "location": point(lon, lat),
                "operator_id": self.org(f.operator),
            }
            if f.capacity is not None:
                out["capacity"] = f.capacity
            out["opening_hours"] = f.hours
            out["barrier_free"] = f.barrier_free
            out["postal_address"] = self._postal(road=c.road[0], building=zh)
            yield out
