"""The data rules, one module per family; importing this package registers them."""

from __future__ import annotations

import importlib

__all__: list[str] = []

for _family in ("sc1", "sc2", "sc3", "sc4", "sc5", "sc6", "sc7", "sc8"):
    try:
        importlib.import_module(f"smartstd.conformance.rules.{_family}")
    except ModuleNotFoundError as _exc:  # a family not yet written
        if _exc.name != f"smartstd.conformance.rules.{_family}":
            raise
