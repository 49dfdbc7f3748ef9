"""The organisations of a generated dataset and the communities they serve.

The registry is built from the seed and the counts alone, without the data,
so the charter can be generated on its own and still match the data. It is
small (a few organisations per community) and is the only state kept for
the whole run.

Organisations by level:

* district: the data bureau (政务服务数据管理局), civil affairs, health,
  housing and urban management bureaus, the public-security branch bureau
  and the fire-and-rescue brigade; they are the accountable parties;
* partners: a telecom operator, the platform vendor, a university and a
  research institute (invented names);
* per street: the street office, the police station, the community health
  service centre, a social-work organisation (社工服务站) and an elderly-care
  organisation (颐康中心);
* property management companies, each serving up to four communities;
* per community: the residents' committee, the owners' committee, volunteer
  groups and the residents' representative assembly.

Their names, kinds and the shapes of their codes are package data
(``data/generate/organisations.json``); this module draws the codes and
phone numbers and wires the organisations together.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from smartstd._generate._data import load, pairs
from smartstd._generate._places import ESTATE_SUFFIXES, District, Street, community_name, district
from smartstd.identifiers import make_credit_code

__all__ = ["CommunityInfo", "Org", "Registry", "build_registry"]

_ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass
class Org:
    """An organisation of the dataset, with its role tag for the charter."""

    id: str
    kind: str
    role: str
    zh: str
    en: str
    street: int | None = None
    community: int | None = None
    credit_code: str | None = None
    parent_id: str | None = None
    community_ids: list[str] = field(default_factory=list)
    phone: str | None = None
    address: tuple[str, str] | None = None

    def entity(self) -> dict[str, Any]:
        """The Organization entity."""
        out: dict[str, Any] = {
            "id": self.id,
            "type": "Organization",
            "name": {"zh-CN": self.zh, "en": self.en},
            "kind": self.kind,
        }
        if self.credit_code:
            out["credit_code"] = self.credit_code
        if self.parent_id:
            out["parent_id"] = self.parent_id
        if self.community_ids:
            out["community_ids"] = list(self.community_ids)
        if self.phone or self.address:
            contact: dict[str, Any] = {}
            if self.phone:
                contact["phone"] = self.phone
            if self.address:
                contact["address"] = {"zh-CN": self.address[0], "en": self.address[1]}
            out["contact"] = contact
        return out


@dataclass
class CommunityInfo:
    """What every part of the generator needs to know about one community."""

    index: int
    street: int
    slug: str
    id: str
    zh: str
    en: str
    estates: list[tuple[str, str]]
    road: tuple[str, str]
    pm: str = ""
    rc: str = ""
    oc: str = ""
    rep: str = ""
    volunteers: list[str] = field(default_factory=list)


@dataclass
class Registry:
    """The organisations and communities of one generated dataset."""

    district: District
    streets: list[Street]
    orgs: list[Org]
    communities: list[CommunityInfo]
    #: role tag -> organisation (district-level and partner organisations).
    shared: dict[str, Org]
    #: per street: role tag -> organisation.
    street_orgs: list[dict[str, Org]]
    #: property management companies.
    pms: list[Org]
    #: organisation id -> Chinese name.
    names: dict[str, str] = field(default_factory=dict)

    def by_role(self, role: str) -> list[Org]:
        """Every organisation with role tag ``role``, in output order."""
        return [o for o in self.orgs if o.role == role]


def _org_code(rng: random.Random, prefix: str, alphabet: str) -> str:
    """A GB 11714 organisation code: eight characters and a check character."""
    body = prefix + "".join(rng.choice(alphabet) for _ in range(8 - len(prefix)))
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(body, weights, strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def _credit(rng: random.Random, authority_type: str, division: str, prefix: str = "") -> str:
    # Government bodies and public institutions have all-digit organisation codes;
    # enterprises and social organisations registered since 2015 start with letters.
    alphabet = "0123456789" if authority_type[0] == "1" else _ALNUM
    return make_credit_code(authority_type + division + _org_code(rng, prefix, alphabet))


_DATA = load("organisations")
_SOCIAL_WORK = pairs(_DATA["social_work_names"])
_ELDERLY = pairs(_DATA["elderly_care_names"])
_PM_A = pairs(_DATA["property_managers"]["first"])
_PM_B = pairs(_DATA["property_managers"]["second"])
_EXTRA_VOLUNTEERS = pairs(_DATA["extra_volunteers"]["names"])


def _landline(rng: random.Random) -> str:
    return f"020-{rng.choice(tuple(_DATA['landline_prefixes']))}{rng.randrange(10000):04d}"


def _pm_name(i: int) -> tuple[str, str]:
    a_zh, a_en = _PM_A[i % len(_PM_A)]
    b_zh, b_en = _PM_B[(i * 5 + i // len(_PM_A)) % len(_PM_B)]
    n = i // (len(_PM_A) * len(_PM_B))
    extra_zh = "" if n == 0 else f"第{n + 1}"
    extra_en = "" if n == 0 else f" No. {n + 1}"
    sep = "'" if b_en[0] in "aeo" else ""
    names = _DATA["property_managers"]
    words = {"a_zh": a_zh, "a_en": a_en, "b_zh": b_zh, "b_en": sep + b_en}
    return (
        names["zh"].format(**words, extra_zh=extra_zh),
        names["en"].format(**words, extra_en=extra_en),
    )


class _Builder:
    """Builds a :class:`Registry` level by level, drawing codes from one random stream."""

    def __init__(self, seed: int, communities: int, division_code: str) -> None:
        self.rng = random.Random(f"smartstd:{seed}:orgs")
        self.dist = district(division_code)
        self.div = division_code
        self.n_communities = communities
        self.n_streets = min(len(self.dist.streets), max(1, math.ceil(communities / 5)))
        self.streets = list(self.dist.streets[: self.n_streets])
        self.orgs: list[Org] = []
        self.shared: dict[str, Org] = {}
        self.street_orgs: list[dict[str, Org]] = []
        self.infos: list[CommunityInfo] = []
        self.pms: list[Org] = []
        self.words: dict[str, Any] = {"dz": self.dist.zh, "de": self.dist.en}

    def add(self, org: Org) -> Org:
        self.orgs.append(org)
        return org

    def credit(self, shape: dict[str, str]) -> str:
        division = shape["division"].format(div=self.div)
        return _credit(self.rng, shape["authority"], division, shape["prefix"])

    def org(self, tpl: dict[str, Any], words: dict[str, Any], **where: Any) -> Org:
        """An organisation from its template, drawing its credit code before its phone."""
        credit = self.credit(tpl["credit"]) if "credit" in tpl else None
        if "parent" in tpl and "parent_id" not in where:
            where["parent_id"] = self.shared[tpl["parent"]].id
        phone = _landline(self.rng) if tpl.get("phone") else None
        address = tpl.get("address")
        return self.add(
            Org(
                tpl["id"].format(**words),
                tpl["kind"],
                tpl["role"],
                tpl["zh"].format(**words),
                tpl["en"].format(**words),
                credit_code=credit,
                phone=phone,
                address=(address["zh"].format(**words), address["en"].format(**words))
                if address
                else None,
                **where,
            )
        )

    def district_level(self) -> None:
        """The district bureaus (the accountable parties) and the partners."""
        for tpl in _DATA["district"]:
            full = {**tpl, "id": f"org-{tpl['slug']}", "credit": _DATA["district_credit"]}
            self.shared[tpl["role"]] = self.org(full, self.words)
        for tpl in _DATA["partners"]:
            self.shared[tpl["role"]] = self.org({**tpl, "id": f"org-{tpl['role']}"}, self.words)

    def street_level(self) -> None:
        """Per street: office, police station, health centre, social work, elderly care."""
        for si, st in enumerate(self.streets):
            sw_zh, sw_en = _SOCIAL_WORK[si % len(_SOCIAL_WORK)]
            el_zh, el_en = _ELDERLY[si % len(_ELDERLY)]
            words = {
                **self.words,
                "abbr": st.abbr,
                "street_zh": st.zh,
                "street_en": st.en,
                "street_short": st.short_zh,
                "office_zh": st.office_zh,
                "sw_zh": sw_zh,
                "sw_en": sw_en,
                "el_zh": el_zh,
                "el_en": el_en,
            }
            road = _DATA["street_road"]
            road_zh, road_en = (
                self.dist.roads[si % len(self.dist.roads)]
                if self.dist.roads
                else (road["zh"].format(**words), road["en"].format(**words))
            )
            num = 10 + 2 * self.rng.randrange(60)
            words.update(road_zh=road_zh, road_en=road_en, num=num)
            self.street_orgs.append(
                {tpl["role"]: self.org(tpl, words, street=si) for tpl in _DATA["street"]}
            )

    def communities(self) -> None:
        """The communities, their names, estates and roads, spread over the streets."""
        dist, n_streets = self.dist, self.n_streets
        per_street: dict[int, int] = {}
        width = max(2, len(str(math.ceil(self.n_communities / n_streets))))
        road = _DATA["community_road"]
        for ci in range(self.n_communities):
            si = ci % n_streets
            k = per_street.get(si, 0) + 1
            per_street[si] = k
            slug = f"{self.streets[si].abbr}{k:0{width}d}"
            zh, en = community_name(ci)
            estates = [
                (
                    zh + ESTATE_SUFFIXES[(ci + j) % len(ESTATE_SUFFIXES)][0],
                    f"{en} {ESTATE_SUFFIXES[(ci + j) % len(ESTATE_SUFFIXES)][1]}",
                )
                for j in range(2)
            ]
            c_road = (
                dist.roads[(ci * 3 + 1) % len(dist.roads)]
                if dist.roads
                else (road["zh"].format(c_zh=zh), road["en"].format(c_en=en))
            )
            self.infos.append(CommunityInfo(ci, si, slug, f"comm-{slug}", zh, en, estates, c_road))

    def property_managers(self) -> None:
        """Property management companies, each serving up to four communities."""
        shape = _DATA["property_managers"]["credit"]
        divisions = tuple(d.format(div=self.div) for d in shape["divisions"])
        for pi in range(max(1, math.ceil(self.n_communities / 4))):
            zh, en = _pm_name(pi)
            served = [c for c in self.infos if c.index // 4 == pi]
            division = self.rng.choice(divisions)
            pm = self.add(
                Org(
                    f"org-pm-{pi + 1:02d}",
                    "property_management",
                    "pm",
                    zh,
                    en,
                    credit_code=_credit(self.rng, shape["authority"], division, shape["prefix"]),
                    community_ids=[c.id for c in served],
                    phone=_landline(self.rng),
                )
            )
            self.pms.append(pm)
            for c in served:
                c.pm = pm.id
        for si in range(self.n_streets):
            street_ids = [c.id for c in self.infos if c.street == si]
            for org in self.street_orgs[si].values():
                if org.role != "health_centre":
                    org.community_ids = list(street_ids)

    def community_level(self) -> None:
        """Per community: residents' committee, owners' committee, volunteers, representatives."""
        for c in self.infos:
            st = self.streets[c.street]
            words = {
                **self.words,
                "slug": c.slug,
                "c_zh": c.zh,
                "c_en": c.en,
                "estate_zh": c.estates[0][0],
                "estate_en": c.estates[0][1],
                "street_zh": st.zh,
                "street_en": st.en,
                "road_zh": c.road[0],
                "road_en": c.road[1],
                "num": c.index % 7 * 12 + 8,
            }
            made: dict[str, Org] = {}
            for tpl in _DATA["community"]:
                parent = made[tpl["parent"]].id if "parent" in tpl else None
                made[tpl["role"]] = self.org(
                    tpl,
                    words,
                    street=c.street,
                    community=c.index,
                    parent_id=parent,
                    community_ids=[c.id],
                )
            c.rc, c.oc, c.rep = made["rc"].id, made["oc"].id, made["resident_rep"].id
            c.volunteers.append(made["volunteer"].id)

    def extra_volunteers(self, min_orgs: int) -> None:
        """More volunteer groups, one community after another, up to ``min_orgs``."""
        tpl = _DATA["extra_volunteers"]
        extra = 0
        while len(self.orgs) < min_orgs:
            c = self.infos[extra % len(self.infos)]
            k = len(c.volunteers) - 1
            zh, en = _EXTRA_VOLUNTEERS[k % len(_EXTRA_VOLUNTEERS)]
            n = k // len(_EXTRA_VOLUNTEERS)
            words = {
                "slug": c.slug,
                "k": k + 2,
                "c_zh": c.zh,
                "c_en": c.en,
                "name_zh": zh if n == 0 else f"{zh}{n + 1}",
                "name_en": en if n == 0 else f"{en} {n + 1}",
            }
            v = self.add(
                Org(
                    tpl["id"].format(**words),
                    "volunteer_group",
                    "volunteer",
                    tpl["zh"].format(**words),
                    tpl["en"].format(**words),
                    street=c.street,
                    community=c.index,
                    parent_id=c.rc,
                    community_ids=[c.id],
                )
            )
            c.volunteers.append(v.id)
            extra += 1

    def registry(self) -> Registry:
        names = {o.id: o.zh for o in self.orgs}
        return Registry(
            self.dist,
            self.streets,
            self.orgs,
            self.infos,
            self.shared,
            self.street_orgs,
            self.pms,
            names,
        )


def build_registry(seed: int, communities: int, min_orgs: int, division_code: str) -> Registry:
    """Build the organisations and communities for a dataset.

    Args:
        seed: the generator's seed.
        communities: how many communities.
        min_orgs: the least number of organisations; extra volunteer groups
            fill up to it.
        division_code: the district (GB/T 2260).
    """
    b = _Builder(seed, communities, division_code)
    b.district_level()
    b.street_level()
    b.communities()
    b.property_managers()
    b.community_level()
    b.extra_volunteers(min_orgs)
    return b.registry()
