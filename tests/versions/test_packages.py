"""The schemas and profiles packages keep their public names, and stay light to import."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from types import ModuleType

import pytest

import smartstd.compat
import smartstd.profiles
import smartstd.schemas

#: What ``smartstd.compat`` exported when it was one module; callers still import these.
COMPAT_NAMES = [
    "MODES",
    "Bundle",
    "Change",
    "ChangeKind",
    "Diff",
    "diff_bundles",
    "diff_schemas",
    "load_bundle",
    "render_markdown",
    "render_text",
]


@pytest.mark.parametrize("module", [smartstd.schemas, smartstd.profiles, smartstd.compat])
def test_every_public_name_resolves_and_is_documented(module: ModuleType) -> None:
    names = list(module.__all__)
    assert len(set(names)) == len(names)
    for name in names:
        value = getattr(module, name)
        if callable(value):
            assert inspect.getdoc(value), f"{module.__name__}.{name}"


def test_compat_re_exports_the_package_objects() -> None:
    assert smartstd.compat.__all__ == COMPAT_NAMES
    homes = ("bundle", "change", "compatibility", "diff")
    for name in COMPAT_NAMES:
        home = [
            importlib.import_module(f"smartstd.schemas.{m}")
            for m in homes
            if name in vars(importlib.import_module(f"smartstd.schemas.{m}"))
        ]
        assert home and getattr(smartstd.compat, name) is getattr(home[0], name), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = smartstd.schemas.no_such_name  # type: ignore[attr-defined]
    assert "build_schemas" in dir(smartstd.schemas)


def test_comparing_schemas_loads_no_model() -> None:
    code = (
        "import sys\n"
        "import smartstd.compat, smartstd.schemas\n"
        "from smartstd.schemas.compatibility import diff_schemas\n"
        "assert diff_schemas({'type': 'string'}, {'type': 'integer'})\n"
        "assert not [m for m in sys.modules if m.startswith('pydantic')], 'pydantic imported'\n"
        "assert 'smartstd.standard' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
