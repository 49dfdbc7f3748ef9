"""Numbers a float can hold: JSON and YAML allow integers no float can, and NaN.

``1`` followed by 400 zeros is valid JSON; Python reads it as an integer, and
``float()`` or ``math.isfinite`` raise on it. Every reader of numbers that
become floats (readings, coordinates, bounds) asks :func:`finite_number` first.

能以有限浮点数表示的数：JSON 允许任意大的整数，浮点数无法容纳。
"""

from __future__ import annotations

import math

__all__ = ["finite_number"]


def finite_number(value: object) -> bool:
    """Whether ``value`` is a number (not a boolean) that a float holds, and not NaN or infinite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False
