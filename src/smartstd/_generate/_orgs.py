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
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

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


def _landline(rng: random.Random) -> str:
    return f"020-{rng.choice(('3482', '3451', '3986', '8482', '3463'))}{rng.randrange(10000):04d}"


_SOCIAL_WORK = (
    ("启航", "Qihang"),
    ("同心", "Tongxin"),
    ("和乐", "Hele"),
    ("善缘", "Shanyuan"),
    ("阳光", "Yangguang"),
    ("众行", "Zhongxing"),
    ("知行", "Zhixing"),
    ("乐群", "Lequn"),
    ("明德", "Mingde"),
    ("仁爱", "Ren'ai"),
    ("悦享", "Yuexiang"),
)
_ELDERLY = (
    ("安颐", "Anyi"),
    ("康乐", "Kangle"),
    ("福寿", "Fushou"),
    ("乐龄", "Leling"),
    ("颐和", "Yihe"),
    ("长青", "Changqing"),
    ("松鹤", "Songhe"),
    ("悦龄", "Yueling"),
    ("怡年", "Yinian"),
    ("康宁", "Kangning"),
    ("安康", "Ankang"),
)
_PM_A = (
    ("锦", "Jin"),
    ("粤", "Yue"),
    ("祥", "Xiang"),
    ("穗", "Sui"),
    ("华", "Hua"),
    ("骏", "Jun"),
    ("南", "Nan"),
    ("恒", "Heng"),
    ("新", "Xin"),
    ("嘉", "Jia"),
    ("泰", "Tai"),
    ("永", "Yong"),
    ("宏", "Hong"),
    ("信", "Xin"),
    ("卓", "Zhuo"),
    ("金", "Jin"),
)
_PM_B = (
    ("城", "cheng"),
    ("安", "an"),
    ("和", "he"),
    ("庭", "ting"),
    ("业", "ye"),
    ("盛", "sheng"),
    ("宁", "ning"),
    ("达", "da"),
    ("兴", "xing"),
    ("丰", "feng"),
    ("基", "ji"),
    ("利", "li"),
)
_EXTRA_VOLUNTEERS = (
    ("长者关爱志愿队", "Elderly Care Volunteers"),
    ("环保志愿队", "Green Volunteers"),
    ("青年志愿服务队", "Youth Volunteers"),
    ("巾帼志愿队", "Women's Volunteer Team"),
    ("党员志愿服务队", "Party Member Volunteers"),
)


def _pm_name(i: int) -> tuple[str, str]:
    a_zh, a_en = _PM_A[i % len(_PM_A)]
    b_zh, b_en = _PM_B[(i * 5 + i // len(_PM_A)) % len(_PM_B)]
    n = i // (len(_PM_A) * len(_PM_B))
    extra_zh = "" if n == 0 else f"第{n + 1}"
    extra_en = "" if n == 0 else f" No. {n + 1}"
    sep = "'" if b_en[0] in "aeo" else ""
    return (
        f"广州{a_zh}{b_zh}{extra_zh}物业服务有限公司",
        f"Guangzhou {a_en}{sep}{b_en}{extra_en} Property Services Co., Ltd.",
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
    rng = random.Random(f"smartstd:{seed}:orgs")
    dist = district(division_code)
    dz, de = dist.zh, dist.en
    n_streets = min(len(dist.streets), max(1, math.ceil(communities / 5)))
    streets = list(dist.streets[:n_streets])
    orgs: list[Org] = []

    def add(org: Org) -> Org:
        orgs.append(org)
        return org

    div = division_code
    # ------------------------------------------------------------ district level
    shared: dict[str, Org] = {}
    bureaus = (
        (
            "data_bureau",
            "district_government",
            f"{dz}政务服务和数据管理局",
            f"{de} District Government Services and Data Administration Bureau",
        ),
        (
            "civil_affairs",
            "district_government",
            f"{dz}民政局",
            f"{de} District Civil Affairs Bureau",
        ),
        ("health_bureau", "district_government", f"{dz}卫生健康局", f"{de} District Health Bureau"),
        (
            "housing_bureau",
            "district_government",
            f"{dz}住房和城乡建设局",
            f"{de} District Housing and Urban-Rural Development Bureau",
        ),
        (
            "urban_management",
            "district_government",
            f"{dz}城市管理和综合执法局",
            f"{de} District Urban Management and Law Enforcement Bureau",
        ),
        (
            "police_bureau",
            "municipal_government",
            f"广州市公安局{dz}分局",
            f"{de} Branch, Guangzhou Public Security Bureau",
        ),
        (
            "fire_brigade",
            "district_government",
            f"广州市{dz}消防救援大队",
            f"{de} Fire and Rescue Brigade, Guangzhou",
        ),
    )
    slugs = {
        "data_bureau": "data-bureau",
        "civil_affairs": "civil-affairs-bureau",
        "health_bureau": "health-bureau",
        "housing_bureau": "housing-bureau",
        "urban_management": "urban-management-bureau",
        "police_bureau": "police-bureau",
        "fire_brigade": "fire-brigade",
    }
    for role, kind, zh, en in bureaus:
        shared[role] = add(
            Org(
                f"org-{slugs[role]}",
                kind,
                role,
                zh,
                en,
                credit_code=_credit(rng, "11", div, "00"),
                phone=_landline(rng),
            )
        )
    # ------------------------------------------------------------ partners
    partners = (
        (
            "telecom",
            "telecom_operator",
            "南粤通信股份有限公司广州分公司",
            "Nanyue Telecom Co., Ltd., Guangzhou Branch",
            "91",
            "440101",
            "MA",
        ),
        (
            "vendor",
            "enterprise",
            "广州穗智科技有限公司",
            "Guangzhou Suizhi Technology Co., Ltd.",
            "91",
            "440101",
            "MA",
        ),
        (
            "university",
            "university",
            "华南城市理工大学",
            "South China University of Urban Technology",
            "12",
            "440000",
            "45",
        ),
        (
            "institute",
            "research_institute",
            "广州城市智能治理研究院",
            "Guangzhou Institute of Urban Intelligent Governance",
            "12",
            "440101",
            "MB",
        ),
    )
    for role, kind, zh, en, auth, cdiv, prefix in partners:
        shared[role] = add(
            Org(f"org-{role}", kind, role, zh, en, credit_code=_credit(rng, auth, cdiv, prefix))
        )
    # ------------------------------------------------------------ street level
    street_orgs: list[dict[str, Org]] = []
    for si, st in enumerate(streets):
        a = st.abbr
        sw_zh, sw_en = _SOCIAL_WORK[si % len(_SOCIAL_WORK)]
        el_zh, el_en = _ELDERLY[si % len(_ELDERLY)]
        road = (
            dist.roads[si % len(dist.roads)]
            if dist.roads
            else (f"{st.short_zh}路", f"{st.en} Road")
        )
        num = 10 + 2 * rng.randrange(60)
        office_addr = (
            f"广州市{dz}{st.zh}{road[0]}{num}号",
            f"{num} {road[1]}, {st.en} Street, {de} District, Guangzhou",
        )
        so = add(
            Org(
                f"org-{a}-street-office",
                "street_office",
                "street_office",
                f"{dz}{st.office_zh}",
                f"{st.en} Street Office, {de} District",
                street=si,
                credit_code=_credit(rng, "11", div, "00"),
                phone=_landline(rng),
                address=office_addr,
            )
        )
        ps = add(
            Org(
                f"org-{a}-police-station",
                "police_station",
                "police_station",
                f"广州市公安局{dz}分局{st.short_zh}派出所",
                f"{st.en} Police Station, {de} Branch, Guangzhou Public Security Bureau",
                street=si,
                credit_code=_credit(rng, "11", div, "00"),
                parent_id=shared["police_bureau"].id,
                phone=_landline(rng),
            )
        )
        hc = add(
            Org(
                f"org-{a}-health-centre",
                "district_government",
                "health_centre",
                f"{dz}{st.zh}社区卫生服务中心",
                f"{st.en} Street Community Health Service Centre, {de}",
                street=si,
                credit_code=_credit(rng, "12", div, "4"),
                parent_id=shared["health_bureau"].id,
                phone=_landline(rng),
            )
        )
        sw = add(
            Org(
                f"org-{a}-social-work",
                "social_organization",
                "social_work",
                f"{dz}{sw_zh}社会工作服务中心（{st.zh}社工服务站）",
                f"{de} {sw_en} Social Work Service Centre ({st.en} Social Work Station)",
                street=si,
                credit_code=_credit(rng, "52", div, "MJ"),
                phone=_landline(rng),
            )
        )
        eo = add(
            Org(
                f"org-{a}-elderly-care",
                "social_organization",
                "elderly_org",
                f"{dz}{el_zh}长者服务中心（{st.zh}颐康中心）",
                f"{de} {el_en} Elderly Services Centre ({st.en} Yikang Centre)",
                street=si,
                credit_code=_credit(rng, "52", div, "MJ"),
                phone=_landline(rng),
            )
        )
        street_orgs.append(
            {
                "street_office": so,
                "police_station": ps,
                "health_centre": hc,
                "social_work": sw,
                "elderly_org": eo,
            }
        )
    # ------------------------------------------------------------ communities, property managers
    per_street: dict[int, int] = {}
    infos: list[CommunityInfo] = []
    width = max(2, len(str(math.ceil(communities / n_streets))))
    for ci in range(communities):
        si = ci % n_streets
        k = per_street.get(si, 0) + 1
        per_street[si] = k
        st = streets[si]
        slug = f"{st.abbr}{k:0{width}d}"
        zh, en = community_name(ci)
        n_estates = 2
        estates = [
            (
                zh + ESTATE_SUFFIXES[(ci + j) % len(ESTATE_SUFFIXES)][0],
                f"{en} {ESTATE_SUFFIXES[(ci + j) % len(ESTATE_SUFFIXES)][1]}",
            )
            for j in range(n_estates)
        ]
        road = (
            dist.roads[(ci * 3 + 1) % len(dist.roads)] if dist.roads else (f"{zh}路", f"{en} Road")
        )
        infos.append(CommunityInfo(ci, si, slug, f"comm-{slug}", zh, en, estates, road))
    n_pm = max(1, math.ceil(communities / 4))
    pms: list[Org] = []
    for pi in range(n_pm):
        zh, en = _pm_name(pi)
        served = [c for c in infos if c.index // 4 == pi]
        pm = add(
            Org(
                f"org-pm-{pi + 1:02d}",
                "property_management",
                "pm",
                zh,
                en,
                credit_code=_credit(rng, "91", rng.choice((div, "440101")), "MA"),
                community_ids=[c.id for c in served],
                phone=_landline(rng),
            )
        )
        pms.append(pm)
        for c in served:
            c.pm = pm.id
    for si in range(n_streets):
        street_ids = [c.id for c in infos if c.street == si]
        for org in street_orgs[si].values():
            if org.role != "health_centre":
                org.community_ids = list(street_ids)
    for c in infos:
        st = streets[c.street]
        rc = add(
            Org(
                f"org-{c.slug}-rc",
                "residents_committee",
                "rc",
                f"{c.zh}社区居民委员会",
                f"{c.en} Community Residents' Committee",
                street=c.street,
                community=c.index,
                community_ids=[c.id],
                phone=_landline(rng),
                address=(
                    f"广州市{dz}{st.zh}{c.road[0]}{c.index % 7 * 12 + 8}号",
                    f"{c.index % 7 * 12 + 8} {c.road[1]}, {st.en} Street, {de} District, Guangzhou",
                ),
            )
        )
        oc = add(
            Org(
                f"org-{c.slug}-oc",
                "owners_committee",
                "oc",
                f"{c.estates[0][0]}业主委员会",
                f"{c.estates[0][1]} Owners' Committee",
                street=c.street,
                community=c.index,
                community_ids=[c.id],
            )
        )
        vol = add(
            Org(
                f"org-{c.slug}-volunteers",
                "volunteer_group",
                "volunteer",
                f"{c.zh}社区志愿服务队",
                f"{c.en} Community Volunteer Team",
                street=c.street,
                community=c.index,
                parent_id=rc.id,
                community_ids=[c.id],
            )
        )
        rep = add(
            Org(
                f"org-{c.slug}-residents-reps",
                "resident_representative",
                "resident_rep",
                f"{c.zh}社区居民代表会议",
                f"{c.en} Community Residents' Representative Assembly",
                street=c.street,
                community=c.index,
                community_ids=[c.id],
            )
        )
        c.rc, c.oc, c.rep = rc.id, oc.id, rep.id
        c.volunteers.append(vol.id)
    # ------------------------------------------------------------ extra volunteer groups
    extra = 0
    while len(orgs) < min_orgs:
        c = infos[extra % len(infos)]
        k = len(c.volunteers) - 1
        zh, en = _EXTRA_VOLUNTEERS[k % len(_EXTRA_VOLUNTEERS)]
        n = k // len(_EXTRA_VOLUNTEERS)
        zh_n = zh if n == 0 else f"{zh}{n + 1}"
        en_n = en if n == 0 else f"{en} {n + 1}"
        v = add(
            Org(
                f"org-{c.slug}-volunteers-{k + 2}",
                "volunteer_group",
                "volunteer",
                f"{c.zh}社区{zh_n}",
                f"{c.en} Community {en_n}",
                street=c.street,
                community=c.index,
                parent_id=c.rc,
                community_ids=[c.id],
            )
        )
        c.volunteers.append(v.id)
        extra += 1
    return Registry(
        dist, streets, orgs, infos, shared, street_orgs, pms, {o.id: o.zh for o in orgs}
    )
