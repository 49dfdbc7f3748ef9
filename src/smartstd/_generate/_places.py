"""Geography and name pools for the generator: Guangzhou's districts and streets.

Streets (街道) are real; their centroids are approximate (WGS 84, about a
kilometre). Communities, estates and every organisation below the street are
invented. Community names come from a fixed pool in a fixed order, so the
first community of a district is always the same (the example's story can
name it) whatever the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

from smartstd.identifiers import GUANGZHOU_DISTRICTS

__all__ = [
    "DISTRICT_CENTROIDS",
    "District",
    "Street",
    "community_name",
    "district",
]


@dataclass(frozen=True)
class Street:
    """A street (街道) of a district."""

    zh: str
    en: str
    abbr: str
    lon: float
    lat: float

    @property
    def office_zh(self) -> str:
        """The street office's name without the district: 钟村街道办事处."""
        return self.zh[:-1] + "街道办事处"

    @property
    def short_zh(self) -> str:
        """The name without 街: 钟村."""
        return self.zh[:-1]


@dataclass(frozen=True)
class District:
    """A district of Guangzhou with the streets the generator uses."""

    code: str
    zh: str
    en: str
    lon: float
    lat: float
    streets: tuple[Street, ...]
    roads: tuple[tuple[str, str], ...]


#: Approximate centroids (longitude, latitude) of Guangzhou's districts.
DISTRICT_CENTROIDS: dict[str, tuple[float, float]] = {
    "440103": (113.244, 23.126),
    "440104": (113.267, 23.129),
    "440105": (113.318, 23.084),
    "440106": (113.361, 23.125),
    "440111": (113.273, 23.158),
    "440112": (113.459, 23.106),
    "440113": (113.384, 22.938),
    "440114": (113.220, 23.404),
    "440115": (113.525, 22.801),
    "440117": (113.586, 23.548),
    "440118": (113.810, 23.261),
}

# Panyu: the eleven streets (the five towns are left out), with centroids.
_PANYU = (
    Street("钟村街", "Zhongcun", "zc", 113.320, 22.990),
    Street("大石街", "Dashi", "ds", 113.305, 23.025),
    Street("洛浦街", "Luopu", "lp", 113.290, 23.055),
    Street("市桥街", "Shiqiao", "sq", 113.365, 22.945),
    Street("沙头街", "Shatou", "st", 113.345, 22.930),
    Street("东环街", "Donghuan", "dh", 113.385, 22.950),
    Street("桥南街", "Qiaonan", "qn", 113.370, 22.920),
    Street("小谷围街", "Xiaoguwei", "xgw", 113.395, 23.055),
    Street("石壁街", "Shibi", "sb", 113.275, 22.995),
    Street("大龙街", "Dalong", "dl", 113.405, 22.975),
    Street("沙湾街", "Shawan", "sw", 113.330, 22.905),
)

_PANYU_ROADS = (
    ("汉溪大道东", "Hanxi Avenue East"),
    ("迎宾路", "Yingbin Road"),
    ("番禺大道北", "Panyu Avenue North"),
    ("兴南大道", "Xingnan Avenue"),
    ("市广路", "Shiguang Road"),
    ("禺山大道", "Yushan Avenue"),
    ("南大路", "Nanda Road"),
    ("富华西路", "Fuhua Road West"),
    ("桥兴大道", "Qiaoxing Avenue"),
    ("清河东路", "Qinghe Road East"),
)

# Other districts: a few real streets each; centroids are offsets from the district's.
_OTHER_STREETS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "440103": (
        ("沙面街", "Shamian", "sm"),
        ("华林街", "Hualin", "hl"),
        ("逢源街", "Fengyuan", "fy"),
        ("多宝街", "Duobao", "db"),
        ("彩虹街", "Caihong", "ch"),
        ("石围塘街", "Shiweitang", "swt"),
    ),
    "440104": (
        ("北京街", "Beijing", "bj"),
        ("人民街", "Renmin", "rm"),
        ("光塔街", "Guangta", "gt"),
        ("东山街", "Dongshan", "ds"),
        ("农林街", "Nonglin", "nl"),
        ("华乐街", "Huale", "hl"),
    ),
    "440105": (
        ("滨江街", "Binjiang", "bj"),
        ("素社街", "Sushe", "ss"),
        ("南华西街", "Nanhuaxi", "nhx"),
        ("江海街", "Jianghai", "jh"),
        ("赤岗街", "Chigang", "cg"),
        ("新港街", "Xingang", "xg"),
    ),
    "440106": (
        ("石牌街", "Shipai", "sp"),
        ("五山街", "Wushan", "ws"),
        ("天河南街", "Tianhenan", "thn"),
        ("林和街", "Linhe", "lh"),
        ("沙河街", "Shahe", "sh"),
        ("员村街", "Yuancun", "yc"),
    ),
    "440111": (
        ("三元里街", "Sanyuanli", "syl"),
        ("松洲街", "Songzhou", "sz"),
        ("景泰街", "Jingtai", "jt"),
        ("同德街", "Tongde", "td"),
        ("京溪街", "Jingxi", "jx"),
        ("棠景街", "Tangjing", "tj"),
    ),
    "440112": (
        ("黄埔街", "Huangpu", "hp"),
        ("红山街", "Hongshan", "hs"),
        ("鱼珠街", "Yuzhu", "yz"),
        ("大沙街", "Dasha", "ds"),
        ("萝岗街", "Luogang", "lg"),
        ("夏港街", "Xiagang", "xg"),
    ),
    "440114": (
        ("新华街", "Xinhua", "xh"),
        ("新雅街", "Xinya", "xy"),
        ("秀全街", "Xiuquan", "xq"),
        ("花城街", "Huacheng", "hc"),
    ),
    "440115": (
        ("南沙街", "Nansha", "ns"),
        ("珠江街", "Zhujiang", "zj"),
        ("龙穴街", "Longxue", "lx"),
    ),
    "440117": (
        ("街口街", "Jiekou", "jk"),
        ("江埔街", "Jiangpu", "jp"),
        ("城郊街", "Chengjiao", "cj"),
    ),
    "440118": (
        ("荔城街", "Licheng", "lc"),
        ("增江街", "Zengjiang", "zj"),
        ("朱村街", "Zhucun", "zc"),
        ("永宁街", "Yongning", "yn"),
    ),
}

_OFFSETS = (
    (-0.02, 0.01),
    (0.015, 0.012),
    (-0.01, -0.015),
    (0.02, -0.01),
    (0.0, 0.025),
    (0.025, 0.02),
)


def district(code: str) -> District:
    """The district with GB/T 2260 code ``code`` (one of Guangzhou's eleven).

    Raises:
        ValueError: for a code that is not a Guangzhou district.
    """
    if code not in GUANGZHOU_DISTRICTS:
        known = ", ".join(sorted(GUANGZHOU_DISTRICTS))
        raise ValueError(f"division_code must be one of Guangzhou's districts ({known})")
    zh, en = GUANGZHOU_DISTRICTS[code]
    lon, lat = DISTRICT_CENTROIDS[code]
    if code == "440113":
        return District(code, zh, en, lon, lat, _PANYU, _PANYU_ROADS)
    streets = tuple(
        Street(s_zh, s_en, abbr, round(lon + _OFFSETS[i][0], 3), round(lat + _OFFSETS[i][1], 3))
        for i, (s_zh, s_en, abbr) in enumerate(_OTHER_STREETS[code])
    )
    return District(code, zh, en, lon, lat, streets, ())


# Community names: curated first (the example community is the first), then
# combinations of the two character pools below.
_CURATED = (
    ("榕溪", "Rongxi"),
    ("锦湖", "Jinhu"),
    ("翠岭", "Cuiling"),
    ("福景", "Fujing"),
    ("康湾", "Kangwan"),
    ("丽泽", "Lize"),
    ("星岸", "Xing'an"),
    ("云溪", "Yunxi"),
    ("雅林", "Yalin"),
    ("青榕", "Qingrong"),
    ("润和", "Runhe"),
    ("金沙", "Jinsha"),
)
_FIRST = (
    ("榕", "Rong"),
    ("锦", "Jin"),
    ("翠", "Cui"),
    ("福", "Fu"),
    ("康", "Kang"),
    ("丽", "Li"),
    ("星", "Xing"),
    ("云", "Yun"),
    ("雅", "Ya"),
    ("青", "Qing"),
    ("润", "Run"),
    ("金", "Jin"),
    ("凤", "Feng"),
    ("紫", "Zi"),
    ("华", "Hua"),
    ("南", "Nan"),
    ("桂", "Gui"),
    ("荔", "Li"),
    ("怡", "Yi"),
    ("嘉", "Jia"),
    ("恒", "Heng"),
    ("瑞", "Rui"),
    ("泰", "Tai"),
    ("宝", "Bao"),
)
_SECOND = (
    ("溪", "xi"),
    ("湖", "hu"),
    ("岭", "ling"),
    ("景", "jing"),
    ("湾", "wan"),
    ("泽", "ze"),
    ("岸", "an"),
    ("苑", "yuan"),
    ("园", "yuan"),
    ("和", "he"),
    ("沙", "sha"),
    ("荆", "jing"),
    ("庭", "ting"),
    ("林", "lin"),
    ("山", "shan"),
    ("江", "jiang"),
    ("涌", "chong"),
    ("塘", "tang"),
    ("峰", "feng"),
    ("坊", "fang"),
    ("源", "yuan"),
    ("桥", "qiao"),
)


def _pool() -> tuple[tuple[str, str], ...]:
    seen = {zh for zh, _ in _CURATED}
    out = list(_CURATED)
    for a_zh, a_en in _FIRST:
        for b_zh, b_en in _SECOND:
            zh = a_zh + b_zh
            if a_zh == b_zh or zh in seen:
                continue
            seen.add(zh)
            sep = "'" if b_en[0] in "aeo" else ""
            out.append((zh, f"{a_en}{sep}{b_en}"))
    return tuple(out)


_NAMES = _pool()
_ROUNDS_ZH = ("", "二", "三", "四", "五", "六", "七", "八", "九")


def community_name(index: int) -> tuple[str, str]:
    """The (zh, en) base name of the ``index``-th community: 榕溪 / Rongxi.

    After the pool is used up, names repeat with a number (榕溪二 / Rongxi 2).
    """
    zh, en = _NAMES[index % len(_NAMES)]
    rnd = index // len(_NAMES)
    if rnd == 0:
        return zh, en
    suffix = _ROUNDS_ZH[rnd] if rnd < len(_ROUNDS_ZH) else str(rnd + 1)
    return zh + suffix, f"{en} {rnd + 1}"


#: Estate (小区) suffixes: zh, en.
ESTATE_SUFFIXES = (
    ("花园", "Garden"),
    ("新邨", "New Village"),
    ("华庭", "Court"),
    ("名苑", "Residence"),
)
