"""The conformance engine and its rules."""

from __future__ import annotations

__all__: list[str] = []
