"""Shared fixtures of the versions, compatibility, migration and profile tests.

The test-only version ``1.1.0-test`` exists only here: it renames
``Building.floors_above`` to ``floors_above_ground``, splits
``Resident.name`` into ``family_name`` and ``given_name``, adds
``Resident.preferred_language``, renames the facility kind
``elderly_canteen`` to ``community_canteen`` and merges the request channel
``kiosk`` into ``in_person``. Its schemas are the 1.0.0 schemas changed
accordingly, so the migration's output can be validated and the bundles
compared.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from smartstd import migrate as mig
from smartstd import versions
from smartstd.schemas import build_schemas

TEST_VERSION = "1.1.0-test"
HERE = Path(__file__).parent
EXAMPLE_PROFILE = HERE.parent.parent / "examples" / "guangzhou-panyu" / "profile.yaml"

_CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_COMPOUND = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "司徒",
    "东方",
    "皇甫",
    "慕容",
    "公孙",
    "令狐",
    "夏侯",
    "长孙",
)


def split_name(name: Any) -> tuple[Any, ...] | None:
    """A Chinese personal name into (family, given); ``None`` when it cannot be told."""
    if not isinstance(name, str) or not _CJK.match(name):
        return None
    n = 2 if name[:2] in _COMPOUND and len(name) > 2 else 1
    return name[:n], name[n:]


def join_name(parts: tuple[Any, ...]) -> Any | None:
    family, given = parts
    if (
        isinstance(family, str)
        and isinstance(given, str)
        and split_name(family + given) == (family, given)
    ):
        return family + given
    return None


UP = mig.Step(
    "1.0.0",
    TEST_VERSION,
    (
        mig.Rename("Building", "floors_above", "floors_above_ground"),
        mig.Split(
            "Resident",
            "name",
            ("family_name", "given_name"),
            split_name,
            "is not a Chinese name that can be split",
        ),
        mig.Recode("Facility", "kind", mapping={"elderly_canteen": "community_canteen"}),
        mig.Recode("ServiceRequest", "channel", merges={"kiosk": "in_person"}),
    ),
    {
        "en": "test-only: a renamed field, a split field and code list changes",
        "zh-CN": "仅用于测试",
    },
)
DOWN = mig.Step(
    TEST_VERSION,
    "1.0.0",
    (
        mig.Rename("Building", "floors_above_ground", "floors_above"),
        mig.Join("Resident", ("family_name", "given_name"), "name", join_name),
        mig.Drop("Resident", "preferred_language"),
        mig.Recode("Facility", "kind", mapping={"community_canteen": "elderly_canteen"}),
    ),
)


def schemas_of_test_version() -> dict[str, dict[str, Any]]:
    """The 1.0.0 schemas changed into those of the test-only version."""
    out = copy.deepcopy(build_schemas("1.0.0"))
    for doc in out.values():
        doc["$id"] = str(doc.get("$id", "")).replace("/1.0.0/", f"/{TEST_VERSION}/")
    b = out["Building.schema.json"]["properties"]
    b["floors_above_ground"] = b.pop("floors_above")
    r = out["Resident.schema.json"]["properties"]
    name = r.pop("name")
    r["family_name"] = copy.deepcopy(name)
    r["given_name"] = copy.deepcopy(name)
    r["preferred_language"] = {
        "anyOf": [{"type": "string", "maxLength": 16}, {"type": "null"}],
        "default": None,
    }
    text = json.dumps(out["Facility.schema.json"]).replace(
        '"elderly_canteen"', '"community_canteen"'
    )
    out["Facility.schema.json"] = json.loads(text)
    req = out["ServiceRequest.schema.json"]
    text = json.dumps(req).replace('"kiosk", ', "").replace(', "kiosk"', "")
    out["ServiceRequest.schema.json"] = json.loads(text)
    return out


@pytest.fixture(scope="module")
def test_version() -> Iterator[str]:
    """Register the test-only version and its two steps for one test module."""
    info = versions.VersionInfo(TEST_VERSION, title={"en": "test only", "zh-CN": "仅用于测试"})
    with versions.registered(info), mig.registered_steps(UP, DOWN):
        yield TEST_VERSION


@pytest.fixture(scope="session")
def test_version_schemas() -> dict[str, dict[str, Any]]:
    """The schemas of the test-only version, by file name."""
    return schemas_of_test_version()


@pytest.fixture(scope="session")
def test_steps() -> SimpleNamespace:
    """The test-only steps and the name functions they use."""
    return SimpleNamespace(up=UP, down=DOWN, split=split_name, join=join_name)


@pytest.fixture(scope="session")
def example_profile() -> Path:
    return EXAMPLE_PROFILE


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return HERE / "data"
