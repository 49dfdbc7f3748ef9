"""The state of a comparison of two schemas: the changes recorded and sub-comparisons.

:class:`_Walker` is the base of the differ of :mod:`smartstd.schemas.compatibility`
and of its keyword mixins (:mod:`smartstd.schemas._scalars`,
:mod:`smartstd.schemas._containers`).

模式比较的基础：记录变化，并对子模式作判断。
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from smartstd.schemas.change import Change, ChangeKind

BOUND_KEYS = frozenset(
    {
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "multipleOf",
    }
)


def member_kind(shape: Any, tightened: bool) -> ChangeKind:
    """The kind of an ``allOf`` member added (tightened) or removed."""
    keys = set(shape) - {"type"} if isinstance(shape, dict) else set()
    if keys == {"pattern"}:
        return ChangeKind.PATTERN_TIGHTENED if tightened else ChangeKind.PATTERN_LOOSENED
    if keys and keys <= BOUND_KEYS:
        return ChangeKind.BOUND_TIGHTENED if tightened else ChangeKind.BOUND_LOOSENED
    return ChangeKind.CONSTRAINT_CHANGED


def verdict_kind(
    backward: bool, forward: bool, tightened: ChangeKind, loosened: ChangeKind
) -> ChangeKind:
    """``tightened`` for (breaks, ok), ``loosened`` for (ok, breaks), else a constraint change."""
    if forward and not backward:
        return tightened
    if backward and not forward:
        return loosened
    return ChangeKind.CONSTRAINT_CHANGED


class _Walker(ABC):
    """Two schemas side by side: the changes recorded, and verdicts on sub-schemas.

    The walk itself (:meth:`node`, :meth:`alt`) is the differ's
    (:mod:`smartstd.schemas.compatibility`); the keyword comparisons are its
    mixins' (:mod:`smartstd.schemas._scalars`, :mod:`smartstd.schemas._containers`).
    """

    def __init__(self, schema: str, old_root: Any, new_root: Any) -> None:
        self.schema = schema
        self.old_root = old_root
        self.new_root = new_root
        self.changes: list[Change] = []
        self._active: set[tuple[str, str]] = set()

    def add(
        self,
        kind: ChangeKind,
        path: Sequence[str],
        backward: bool,
        forward: bool,
        keyword: str = "",
        old: Any = None,
        new: Any = None,
    ) -> None:
        self.changes.append(
            Change(kind, self.schema, tuple(path), backward, forward, keyword, old, new)
        )

    def sub(self, old: Any, new: Any, path: Sequence[str]) -> list[Change]:
        """The changes between two sub-schemas, without recording them."""
        other = type(self)(self.schema, self.old_root, self.new_root)
        other._active = set(self._active)
        other.node(old, new, tuple(path))
        return other.changes

    def verdicts(self, old: Any, new: Any, path: Sequence[str]) -> tuple[bool, bool]:
        """``(old ⊆ new, new ⊆ old)`` as far as the comparison can tell."""
        subs = self.sub(old, new, path)
        return all(c.backward for c in subs), all(c.forward for c in subs)

    def entails(self, old: list[Any], new: list[Any], path: Sequence[str]) -> tuple[bool, bool]:
        """Verdicts for the conjunctions of ``old`` and of ``new`` (each side all at once)."""
        table = {
            (i, j): self.verdicts(a, b, path) for i, a in enumerate(old) for j, b in enumerate(new)
        }
        backward = all(any(table[i, j][0] for i in range(len(old))) for j in range(len(new)))
        forward = all(any(table[i, j][1] for j in range(len(new))) for i in range(len(old)))
        return backward, forward

    @abstractmethod
    def node(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        """Record the changes between two sub-schemas at ``path``."""

    @abstractmethod
    def alt(self, old: Any, new: Any, path: tuple[str, ...]) -> None:
        """Record the changes between two alternatives of one JSON type each."""
