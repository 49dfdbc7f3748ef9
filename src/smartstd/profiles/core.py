"""The core a profile builds on: where a field path leads in an entity type's published schema.

地方配置所依据的核心标准：字段路径在实体类型已发布模式中的位置。
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from smartstd.schemas._jsonschema import alternatives


@cache
def core_schema(entity: str, version: str) -> dict[str, Any]:
    """The published schema of an entity type of a core version (cached)."""
    from smartstd.schemas import load_schema

    return load_schema(entity, version)


def core_node(
    entity: str, path: Sequence[str], version: str
) -> tuple[list[dict[str, Any]], bool, dict[str, Any]] | None:
    """The alternatives of a core field, whether it is required, and the schema root."""
    root = core_schema(entity, version)
    nodes: list[Any] = [root]
    required = False
    for i, seg in enumerate(path):
        nxt: list[Any] = []
        required = False
        for n in nodes:
            for alt in alternatives(n, root):
                if seg == "*":
                    if isinstance(alt.get("items"), dict):
                        nxt.append(alt["items"])
                else:
                    props = alt.get("properties")
                    if isinstance(props, dict) and seg in props:
                        nxt.append(props[seg])
                        if seg in (alt.get("required") or []) and i == len(path) - 1:
                            required = True
        if not nxt:
            return None
        nodes = nxt
    alts = [a for n in nodes for a in alternatives(n, root)]
    return alts, required, root
