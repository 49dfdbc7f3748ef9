"""smartstd: the Smart Community Data Standard (SCDS, 智慧社区数据标准).

Typed models and published JSON Schemas define the shared data of a
community; validators and a stakeholder-responsibility graph check
conformance and role boundaries.

Importing the package does no work: the public names below load their
modules on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartstd._lazy import lazy_names
from smartstd._version import __version__

if TYPE_CHECKING:
    from smartstd.assessment import assess
    from smartstd.conformance.engine import CheckOptions, check, iter_findings
    from smartstd.errors import ConfigError, InputError, SmartstdError, UsageError
    from smartstd.interchange import convert, export
    from smartstd.loader import load
    from smartstd.report import Finding, Level, Report, Severity
    from smartstd.standard.dataset import STANDARD_VERSION, Dataset, Envelope

__all__ = [
    "STANDARD_VERSION",
    "CheckOptions",
    "ConfigError",
    "Dataset",
    "Envelope",
    "Finding",
    "InputError",
    "Level",
    "Report",
    "Severity",
    "SmartstdError",
    "UsageError",
    "__version__",
    "assess",
    "check",
    "convert",
    "export",
    "iter_findings",
    "load",
]

_LAZY: dict[str, str] = {
    "STANDARD_VERSION": "smartstd.standard.dataset",
    "CheckOptions": "smartstd.conformance.engine",
    "assess": "smartstd.assessment",
    "ConfigError": "smartstd.errors",
    "check": "smartstd.conformance.engine",
    "convert": "smartstd.interchange",
    "export": "smartstd.interchange",
    "iter_findings": "smartstd.conformance.engine",
    "Dataset": "smartstd.standard.dataset",
    "Envelope": "smartstd.standard.dataset",
    "Finding": "smartstd.report",
    "InputError": "smartstd.errors",
    "Level": "smartstd.report",
    "Report": "smartstd.report",
    "Severity": "smartstd.report",
    "SmartstdError": "smartstd.errors",
    "UsageError": "smartstd.errors",
    "load": "smartstd.loader",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)
