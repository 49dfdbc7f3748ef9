"""Places: communities, grids, buildings, dwellings and facilities (空间)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from smartstd.standard._base import (
    INTEGRAL,
    Area,
    Entity,
    F,
    Id,
    LocalizedText,
    Point,
    Polygon,
    PostalAddress,
    refs,
)
from smartstd.standard.codes import code_type

__all__ = ["Building", "Community", "Dwelling", "Facility", "Grid"]

_NonNeg = Annotated[int, Field(ge=0), INTEGRAL]


class Community(Entity):
    """A community (社区), the unit a residents' committee serves."""

    __i18n__ = (
        "社区",
        "Community",
        "居民委员会辖区内的社区，标准中数据的基本单元。",
        "A community served by one residents' committee; the basic unit of the standard's data.",
    )
    __references__ = refs(
        ("street_office_id", "Organization", ("street_office",)),
        ("residents_committee_id", "Organization", ("residents_committee",)),
    )
    type: Literal["Community"] = F("实体类型", "Entity type", default="Community")
    name: LocalizedText = F("名称", "Name", "社区名称。", "The community's name.")
    division_code: str = F(
        "行政区划代码",
        "Division code",
        "所属区县的 GB/T 2260 六位行政区划代码。",
        "The GB/T 2260 six-digit code of the county-level division it lies in.",
        pattern=r"^[0-9]{6}$",
    )
    street_office_id: Id | None = F(
        "所属街道办",
        "Street office",
        "管辖的街道办事处。",
        "The street office it belongs to.",
        default=None,
    )
    residents_committee_id: Id | None = F(
        "居委会",
        "Residents' committee",
        "服务本社区的居民委员会。",
        "The residents' committee serving it.",
        default=None,
    )
    address: LocalizedText | None = F("地址", "Address", default=None)
    boundary: Polygon | None = F(
        "边界",
        "Boundary",
        "社区范围（GeoJSON 面）。",
        "The community's boundary (GeoJSON Polygon).",
        default=None,
    )
    centroid: Point | None = F("中心点", "Centroid", default=None)
    area_km2: float | None = F("面积（平方公里）", "Area (km²)", gt=0, le=10000, default=None)
    registered_population: _NonNeg | None = F("户籍人口", "Registered population", default=None)
    floating_population: _NonNeg | None = F(
        "流动人口",
        "Floating population",
        "居住但无本地户籍的人口。",
        "People living here without local household registration.",
        default=None,
    )
    household_count: _NonNeg | None = F("户数", "Household count", default=None)
    tier: code_type("community_tier") | None = F(
        "建设层级",
        "Tier",
        "智慧社区建设层级：基础型、成长型、标杆型。",
        "Smart-community tier: basic, growing or benchmark.",
        default=None,
    )
    postal_address: PostalAddress | None = F(
        "结构化地址",
        "Postal address",
        "社区的分项地址，与自由文本地址并存（1.1.0 起）。",
        "The community's address in parts, beside the free-text address (from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )
    statistical_code: str | None = F(
        "统计用区划代码",
        "Statistical division code",
        "国家统计局统计用区划代码，12 位（区县 6 位 + 乡镇街道 3 位 + 村居委会 3 位）。",
        "The National Bureau of Statistics' 12-digit statistical division code"
        " (county 6 + township 3 + community/village committee 3).",
        pattern=r"^[0-9]{12}$",
        default=None,
        added_in="1.1.0",
    )


class Grid(Entity):
    """A grid (网格): the unit a grid worker covers inside a community."""

    __i18n__ = (
        "网格",
        "Grid",
        "网格化管理的基本单元。",
        "The basic unit of grid management inside a community.",
    )
    __references__ = refs(("community_id", "Community"), ("building_ids.*", "Building"))
    type: Literal["Grid"] = F("实体类型", "Entity type", default="Grid")
    community_id: Id = F("所属社区", "Community")
    code: str = F("网格编码", "Grid code", min_length=1, max_length=64)
    name: LocalizedText | None = F("名称", "Name", default=None)
    boundary: Polygon | None = F("边界", "Boundary", default=None)
    building_ids: list[Id] = F(
        "楼栋", "Buildings", "网格内的楼栋。", "Buildings in the grid.", default_factory=list
    )
    statistical_code: str | None = F(
        "统计用区划代码",
        "Statistical division code",
        "国家统计局统计用区划代码，12 位（区县 6 位 + 乡镇街道 3 位 + 村居委会 3 位）。",
        "The National Bureau of Statistics' 12-digit statistical division code"
        " (county 6 + township 3 + community/village committee 3).",
        pattern=r"^[0-9]{12}$",
        default=None,
        added_in="1.1.0",
    )


class Building(Entity):
    """A building (楼栋)."""

    __i18n__ = ("楼栋", "Building", "社区内的一栋建筑。", "A building in a community.")
    __references__ = refs(
        ("community_id", "Community"),
        ("grid_id", "Grid"),
        (
            "managed_by_id",
            "Organization",
            ("property_management", "residents_committee", "owners_committee"),
        ),
    )
    type: Literal["Building"] = F("实体类型", "Entity type", default="Building")
    community_id: Id = F("所属社区", "Community")
    grid_id: Id | None = F("所属网格", "Grid", default=None)
    name: LocalizedText = F("名称", "Name")
    address: LocalizedText | None = F("地址", "Address", default=None)
    category: code_type("building_category") | None = F("建筑类别", "Category", default=None)
    floors_above: Annotated[int, Field(ge=1, le=200), INTEGRAL] | None = F(
        "地上层数", "Floors above ground", default=None
    )
    floors_below: Annotated[int, Field(ge=0, le=20), INTEGRAL] | None = F(
        "地下层数", "Floors below ground", default=None
    )
    dwelling_count: _NonNeg | None = F("套数", "Dwelling count", default=None)
    built_year: Annotated[int, Field(ge=1800, le=2100), INTEGRAL] | None = F(
        "建成年份", "Year built", default=None
    )
    location: Point | None = F("位置", "Location", default=None)
    managed_by_id: Id | None = F(
        "物业管理方",
        "Managed by",
        "负责物业管理的组织。",
        "The organisation managing the property.",
        default=None,
    )
    elevator_count: _NonNeg | None = F("电梯数", "Elevator count", default=None)
    footprint: Area | None = F(
        "轮廓",
        "Footprint",
        "楼栋的占地轮廓（GeoJSON 面或多面，1.1.0 起）。",
        "The building's outline on the ground (GeoJSON Polygon or MultiPolygon, from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )
    postal_address: PostalAddress | None = F(
        "结构化地址",
        "Postal address",
        "楼栋的分项地址，与自由文本地址并存（1.1.0 起）。",
        "The building's address in parts, beside the free-text address (from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )


class Dwelling(Entity):
    """A dwelling (房屋/套): one unit of a building."""

    __i18n__ = ("房屋", "Dwelling", "楼栋中的一套住房。", "One dwelling unit of a building.")
    __references__ = refs(("building_id", "Building"))
    type: Literal["Dwelling"] = F("实体类型", "Entity type", default="Dwelling")
    building_id: Id = F("所属楼栋", "Building")
    unit_number: str = F("房号", "Unit number", min_length=1, max_length=32)
    floor: Annotated[int, Field(ge=-20, le=200), INTEGRAL] | None = F("楼层", "Floor", default=None)
    area_m2: Annotated[float, Field(gt=0, le=10000)] | None = F(
        "建筑面积（平方米）", "Floor area (m²)", default=None
    )
    tenure: code_type("tenure") | None = F("产权/租住", "Tenure", default=None)
    occupancy: code_type("occupancy") | None = F("居住状态", "Occupancy", default=None)


class Facility(Entity):
    """A community facility (设施): a canteen, a clinic, a micro fire station."""

    __i18n__ = ("设施", "Facility", "社区公共服务设施。", "A community facility.")
    __references__ = refs(("community_id", "Community"), ("operator_id", "Organization"))
    type: Literal["Facility"] = F("实体类型", "Entity type", default="Facility")
    community_id: Id = F("所属社区", "Community")
    kind: code_type("facility_kind") = F("设施类型", "Kind")
    name: LocalizedText = F("名称", "Name")
    location: Point | None = F("位置", "Location", default=None)
    operator_id: Id | None = F("运营方", "Operator", default=None)
    capacity: _NonNeg | None = F(
        "容量", "Capacity", "可同时服务的人数。", "How many people it serves at once.", default=None
    )
    opening_hours: str | None = F(
        "开放时间",
        "Opening hours",
        "OpenStreetMap opening_hours 语法。",
        "OpenStreetMap opening_hours syntax, e.g. Mo-Fr 08:00-18:00.",
        max_length=256,
        default=None,
    )
    barrier_free: bool | None = F("无障碍", "Barrier-free", default=None)
    footprint: Area | None = F(
        "轮廓",
        "Footprint",
        "设施的占地轮廓（GeoJSON 面或多面，1.1.0 起）。",
        "The facility's outline on the ground (GeoJSON Polygon or MultiPolygon, from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )
    postal_address: PostalAddress | None = F(
        "结构化地址",
        "Postal address",
        "设施的分项地址，与自由文本地址并存（1.1.0 起）。",
        "The facility's address in parts, beside the free-text address (from 1.1.0).",
        default=None,
        added_in="1.1.0",
    )
