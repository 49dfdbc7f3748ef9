"""SC3xx: participation, requests and consultations (参与、诉求与协商).

Everything about the family is in this folder:

* ``catalogue.py``: each rule's code, name, severity, level, texts in zh-CN and
  en, and parameters (with how a profile may tighten them). Imports only
  :mod:`smartstd.rules.info`, never the models.
* ``checks.py``: the logic, registered with the engine when
  :mod:`smartstd.conformance.rules` is imported.
* ``examples/SCnnn.json``: each rule's bad and good examples, whole records
  (read by :mod:`smartstd.rules.example`, shown by ``smartstd rules`` and the
  docs); ``tests/rules/test_examples.py`` runs each through the checker.
* ``cases/invalid/SCnnn-<what>/``: whole datasets that break one rule, with
  ``expected.yaml`` naming the findings; ``tests/test_cases.py`` checks each.
"""
