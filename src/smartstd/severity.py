"""How serious a finding is and the conformance levels: the bottom of every import.

:class:`Severity` and :class:`Level` are re-exported by :mod:`smartstd.report`;
the rule catalogue (:mod:`smartstd.rules.info`) takes them from here, so that
the catalogue does not import the report that renders its messages. This
module imports nothing of the project.

严重程度与一致性等级。
"""

from __future__ import annotations

import enum

__all__ = ["Level", "Severity"]


class Severity(str, enum.Enum):
    """How serious a finding is. Only errors lower the conformance level."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Order for comparisons: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def __str__(self) -> str:
        return self.value


class Level(str, enum.Enum):
    """Conformance levels (see RULES.md): L1 structural, L2 consistent, L3 governed."""

    NONE = "none"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"

    @property
    def rank(self) -> int:
        """Order for comparisons: none 0, L1 1, L2 2, L3 3."""
        return {"none": 0, "L1": 1, "L2": 2, "L3": 3}[self.value]

    def __str__(self) -> str:
        return self.value
