"""The rule catalogue: every rule as data (re-exports :mod:`smartstd.rules.catalogue`).

The entries live beside each family's checks and cases, in
``smartstd/rules/scN/catalogue.py``. This module keeps the public import path.
"""

from __future__ import annotations

from smartstd.rules.catalogue import (
    LANGUAGES,
    Param,
    RuleInfo,
    all_rules,
    get_rule,
    normalize_lang,
    render_message,
    rule,
    select_codes,
    validate_catalogue,
)

__all__ = [
    "LANGUAGES",
    "Param",
    "RuleInfo",
    "all_rules",
    "get_rule",
    "normalize_lang",
    "render_message",
    "rule",
    "select_codes",
    "validate_catalogue",
]
