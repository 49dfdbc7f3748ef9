"""Rule parameters for the graph: configuration first, then the catalogue's defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smartstd.catalogue import get_rule

__all__ = ["Params", "param", "strings"]

#: Rule parameters by rule code, as in a profile or ``smartstd.toml``.
Params = Mapping[str, Mapping[str, Any]]


def param(params: Params | None, code: str, name: str) -> Any:
    """The value of parameter ``name`` of rule ``code``."""
    if params is not None:
        values = params.get(code)
        if values is not None and name in values:
            return values[name]
    return get_rule(code).param_defaults()[name]


def strings(params: Params | None, code: str, name: str) -> frozenset[str]:
    """A parameter that is a list of strings (a single string is a list of one)."""
    value = param(params, code, name)
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(v for v in value if isinstance(v, str))
    default = get_rule(code).param_defaults()[name]
    return frozenset(v for v in default if isinstance(v, str))
