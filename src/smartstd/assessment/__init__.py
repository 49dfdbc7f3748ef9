"""Pilot assessment (试点评估): indicators computed from the data, against a pilot's targets.

* :mod:`~smartstd.assessment.definition` - indicator definitions as data, their meta-schema;
* :mod:`~smartstd.assessment.expr` - the small expression language of the definitions;
* :mod:`~smartstd.assessment.collector` - the streaming, mergeable computation;
* :mod:`~smartstd.assessment.plan` - each entity type's work compiled to one function;
* :mod:`~smartstd.assessment.records` - the record the collector takes from a model;
* :mod:`~smartstd.assessment.stats` - Wilson, Newcombe and the seeded bootstrap;
* :mod:`~smartstd.assessment.api` - :func:`assess` and the judging of targets;
* :mod:`~smartstd.assessment.model` - the report every output format renders;
* :mod:`~smartstd.assessment.wording` - how values, scopes and targets are written;
* :mod:`~smartstd.assessment.formats` - text, JSON, CSV, Markdown and (from
  :mod:`~smartstd.assessment.html`) HTML.

试点评估：按数据计算指标，对照试点目标，输出可公示的报告。
"""

from __future__ import annotations

from smartstd.assessment.api import DIMENSIONS, assess, evaluate
from smartstd.assessment.definition import Indicator, core_indicators, load_indicators
from smartstd.assessment.model import Assessment, Breakdown, Comparison, Result, TargetResult
from smartstd.assessment.period import Period, parse_period

__all__ = [
    "DIMENSIONS",
    "Assessment",
    "Breakdown",
    "Comparison",
    "Indicator",
    "Period",
    "Result",
    "TargetResult",
    "assess",
    "core_indicators",
    "evaluate",
    "load_indicators",
    "parse_period",
]
