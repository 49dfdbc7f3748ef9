"""SC5xx: services and needs (服务与需求).

Everything about the family is in this folder:

* ``catalogue.py``: each rule's code, name, severity, level, texts in zh-CN and
  en, and parameters (with how a profile may tighten them). Imports only
  :mod:`smartstd.rules.info`, never the models.
* ``checks/``: the logic, registered with the engine when
  :mod:`smartstd.conformance.rules` is imported; one module per subject
  (coverage, eligibility, households, consent, communities; ``_shared``
  holds what they share).
* ``examples/SCnnn.json``: each rule's bad and good examples, whole records
  (read by :mod:`smartstd.rules.example`, shown by ``smartstd rules`` and the
  docs); ``tests/rules/test_examples.py`` runs each through the checker.
* ``cases/invalid/SCnnn-<what>/``: whole datasets that break one rule, with
  ``expected.yaml`` naming the findings; ``tests/test_cases.py`` checks each.
"""
