"""The golden reports: moving code must not change a byte of what ``smartstd check`` prints.

``tests/golden/`` holds the JSON reports of the example community, of every
``tests/cases/`` folder and of a small district-style generated dataset with
planted defects, and the SHA-256 of the generator's output for a few seeds
(see ``tests/golden/regen.py`` for exactly what is recorded). A refactoring
must leave them byte-identical.

A change that alters reports **on purpose** (a new rule, a new field in the
JSON report, a reworded message, a generator that writes something new)
regenerates them and commits the new files with the change::

    python tests/golden/regen.py

金标准报告回归测试：有意改变报告时，运行 ``python tests/golden/regen.py`` 重新生成并一并提交。
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

GOLDEN = Path(__file__).parent / "golden"


def _regen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_golden_regen", GOLDEN / "regen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regen()
SUBJECTS = REGEN.subjects()


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_report_is_byte_identical_to_its_golden_file(name: str) -> None:
    path = GOLDEN / name
    assert path.exists(), f"no golden file {name}: run python tests/golden/regen.py"
    got = SUBJECTS[name]()
    assert got == path.read_text("utf-8"), (
        f"{name} differs from its golden file; if the change is on purpose, "
        "run python tests/golden/regen.py and commit the result"
    )


def test_every_golden_file_has_a_subject() -> None:
    files = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.json")}
    assert files == set(SUBJECTS)
