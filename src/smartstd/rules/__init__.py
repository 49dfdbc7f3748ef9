"""The conformance rules, one folder per family.

``smartstd/rules/scN/`` holds everything about the rules ``SCNxx``:

* ``catalogue.py``: the rules as data (code, name, severity, level, texts,
  parameters); light, importable without the models;
* ``checks.py``: the logic, registered with the engine
  (:mod:`smartstd.conformance.rules` imports every family's checks);
* ``examples/SCnnn.json``: each rule's bad and good examples as whole records
  (:mod:`smartstd.rules.example`), run by ``tests/rules/test_examples.py``;
* ``cases/invalid/SCnnn-<what>/``: whole bad datasets, each with the findings
  it must produce, run by ``tests/test_cases.py``.

:mod:`smartstd.rules.catalogue` collects the catalogue (re-exported as
:mod:`smartstd.catalogue`). Importing this package loads nothing else.

规则：每个规则族一个目录，包含目录数据、检查逻辑和测试用例。
"""

from __future__ import annotations

#: The rule families, in code order; each is a sub-package ``smartstd.rules.<family>``.
FAMILIES = ("sc1", "sc2", "sc3", "sc4", "sc5", "sc6", "sc7", "sc8", "sc9")

__all__ = ["FAMILIES"]
