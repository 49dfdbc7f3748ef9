"""A package's names loaded on first use (PEP 562), defined once for every package.

``import smartstd`` must stay cheap: the names a package exports are looked
up in a table of ``name -> module`` and imported when first asked for.

包的公开名称按需加载（PEP 562）：首次访问时才导入其所在模块。
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, namespace: dict[str, Any], table: Mapping[str, str], listed: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of a package with lazy names.

    Args:
        package: the package's name (for the error of an unknown name).
        namespace: the package's ``globals()``: a name, once loaded, is kept there.
        table: where each lazy name lives, by name.
        listed: the names ``dir()`` lists beside the namespace's own.

    Use: ``__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)``.
    """
    names = frozenset(listed)

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | names)

    return __getattr__, __dir__
