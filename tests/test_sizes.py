"""No module over 800 lines, no function over 120 (issue #11), by ``tools/sizes.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Still over, each being split by its owner (issue #11); remove a line once it is not.
NOT_YET: frozenset[tuple[str, str]] = frozenset(
    {
        ("smartstd/profiles.py", ""),
        ("smartstd/profiles.py", "profile_hits"),
        ("smartstd/profiles.py", "profile_docs"),
    }
)


def _sizes() -> object:
    spec = importlib.util.spec_from_file_location("_sizes", ROOT / "tools" / "sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_sizes"] = module
    spec.loader.exec_module(module)
    return module


def test_no_module_or_function_over_the_limits() -> None:
    sizes = _sizes()
    found = sizes.over_limits(ROOT / "src" / "smartstd")  # type: ignore[attr-defined]
    new = [o for o in found if (o.path, o.name) not in NOT_YET]
    assert new == [], "split these (python tools/sizes.py):\n" + "\n".join(map(str, new))


def test_the_script_counts_decorators_and_nested_functions(tmp_path: Path) -> None:
    sizes = _sizes()
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(5))
    (pkg / "m.py").write_text(
        f"@decorator\n@another\ndef f():\n{body}\n    def g():\n        pass\n", "utf-8"
    )
    found = sizes.over_limits(pkg, module_limit=5, function_limit=7)  # type: ignore[attr-defined]
    assert [(o.kind, o.lines, o.path, o.name, o.line) for o in found] == [
        ("module", 10, "pkg/m.py", "", 1),
        ("function", 10, "pkg/m.py", "f", 1),
    ]
