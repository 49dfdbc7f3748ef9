"""Importing this package registers every family's checks with the engine.

The checks live beside their catalogue entries and cases, in
``smartstd/rules/<family>/checks.py`` (see :mod:`smartstd.rules`).
"""

from __future__ import annotations

from smartstd.rules.sc1 import checks as _sc1
from smartstd.rules.sc2 import checks as _sc2
from smartstd.rules.sc3 import checks as _sc3
from smartstd.rules.sc4 import checks as _sc4
from smartstd.rules.sc5 import checks as _sc5
from smartstd.rules.sc6 import checks as _sc6
from smartstd.rules.sc7 import checks as _sc7
from smartstd.rules.sc8 import checks as _sc8

__all__: list[str] = []

#: The modules whose import registered the rules, one a family.
FAMILY_CHECKS = (_sc1, _sc2, _sc3, _sc4, _sc5, _sc6, _sc7, _sc8)
