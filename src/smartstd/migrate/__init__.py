"""Migration of datasets between versions of the standard, without silent loss.

A **step** moves data from one version to the next (``1.0.0 -> 1.1.0``, or
back); the library keeps a registry of steps and chains them
(:func:`find_path`). A step is a list of small **operations** on the entities
of one type: :class:`Rename` a field, :class:`Split` one field into several,
:class:`Join` several into one, :class:`Recode` the codes of a changed code
list, :class:`Drop` a field the target version no longer has, or
:class:`Custom` code.

No value is ever dropped silently:

* everything a step does not touch is copied as it is, extension fields
  (``gz:lingnan_style``) and the envelope's own extensions included;
* each operation says what it carried where, and what it could not carry
  (a :class:`Loss`, with its path and value);
* after every step, an independent audit compares each value of the input
  with the output: a value that is neither where it was, nor vouched for by
  an operation, nor reported, is reported as lost ("not carried"), so even a
  faulty custom operation cannot lose data quietly;
* a migration with losses fails (nothing is written) unless the caller
  accepts the loss explicitly (``accept_loss=True``, ``--accept-loss``).

The standard's own steps (1.0.0 <-> 1.1.0) are published as data
(``smartstd/data/migrations/*.json``, :func:`builtin_steps`); only what
data cannot say is Python (:data:`CUSTOM_OPERATIONS`). The test suite
registers a test-only version with renames, splits and merges to prove the
rest of the machinery.

迁移：在标准版本之间迁移数据，绝不静默丢失数据。无法迁移的值会连同路径一起报告，
除非使用者明确接受损失，否则迁移失败。
"""

from __future__ import annotations

from smartstd.migrate.document import (
    MigrationResult,
    migrate,
    migrate_document,
    migrate_entity,
)
from smartstd.migrate.operations import (
    Custom,
    Drop,
    Join,
    Loss,
    Operation,
    OpResult,
    Recode,
    Rename,
    Split,
)
from smartstd.migrate.steps import (
    CUSTOM_OPERATIONS,
    Step,
    builtin_steps,
    find_path,
    register_step,
    registered_steps,
    step_from_data,
    step_to_data,
    steps,
    unregister_step,
)

__all__ = [
    "CUSTOM_OPERATIONS",
    "Custom",
    "Drop",
    "Join",
    "Loss",
    "MigrationResult",
    "OpResult",
    "Operation",
    "Recode",
    "Rename",
    "Split",
    "Step",
    "builtin_steps",
    "find_path",
    "migrate",
    "migrate_document",
    "migrate_entity",
    "register_step",
    "registered_steps",
    "step_from_data",
    "step_to_data",
    "steps",
    "unregister_step",
]
