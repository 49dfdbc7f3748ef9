"""What a data rule is, and the registry of rules.

Two kinds of rule, both small units registered by code:

* an **entity rule** looks at one entity at a time (streaming, in any worker
  process) and yields :class:`Hit` s;
* a **dataset rule** needs more than one record: it keeps a compact,
  mergeable state that it fills from each entity (:meth:`DatasetRule.collect`),
  merges across worker processes (:meth:`DatasetRule.merge`) and turns into
  hits at the end (:meth:`DatasetRule.finish`).

A hit says what and where inside the record; the engine adds the file, line,
column, entity and the configured severity, and makes a
:class:`~smartstd.report.Finding` of it.

A dataset rule may also ask for records that other findings already cover,
so that one defect does not cascade into findings elsewhere:

* ``wants_invalid = True``: :meth:`DatasetRule.collect` also gets the raw
  dictionary of a record that failed structural validation (SC103-SC108);
* ``wants_lost = True``: it also gets a stand-in for a record that could not
  be read at all (SC100, SC101, SC109), a dictionary with the key
  :data:`LOST_RECORD` and what the text still shows of its ``id``, ``type``
  and ``household_id`` (possibly nothing: a whole document that could not be
  read is one stand-in without an id).

数据规则：逐条实体规则（流式）与数据集规则（保存可合并的紧凑状态，最后产生结果）。
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from smartstd.report import Path

__all__ = [
    "APPLIES",
    "DATASET_RULES",
    "ENTITY_RULES",
    "ENVELOPE_RULES",
    "LOST_RECORD",
    "WORKERS_FORK",
    "Context",
    "DatasetRule",
    "EntityRuleFn",
    "Hit",
    "Where",
    "entity_rule",
    "envelope_rule",
    "idle_rule_words",
    "load_checks",
    "register_dataset_rule",
]


#: The key that marks a stand-in for a record that could not be read (see the
#: module's docstring); its value is ``True``.
LOST_RECORD = "\x00lost"

#: Whether worker processes are forked (Linux) rather than spawned. Forked
#: workers share the parent's memory image, the string-hash secret included,
#: so dataset-rule states may key by the built-in ``hash``.
WORKERS_FORK = sys.platform.startswith("linux")


class Where(NamedTuple):
    """Where a record is: its file and its place in that file.

    A named tuple: one is made for every record checked, and a tuple is the
    cheapest immutable record Python has.

    Attributes:
        file: the input file as given.
        line: for NDJSON, the record's 1-based line; ``None`` for a JSON or YAML document.
        base: the path of the record inside the document (``("entities", 12)``
            for a JSON dataset; ``()`` for an NDJSON line).
        entity_type: the record's ``type``.
        entity_id: the record's ``id``.
    """

    file: str | None
    line: int | None
    base: Path
    entity_type: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found, before the engine places it.

    Attributes:
        code: the rule code.
        path: the path inside the record (entity rules) or inside the record
            named by ``where`` (dataset rules).
        params: message parameters (plain JSON values).
        where: for dataset rules, the record the hit is about; entity rules leave
            it ``None`` (the engine knows the record).
    """

    code: str
    path: Path = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    where: Where | None = None


@dataclass
class Context:
    r"""What rules may know besides the record: the envelope, the clock, parameters.

    Attributes:
        now: the dataset's ``generated_at`` (deadline rules take it as now);
            ``None`` when the envelope has none.
        classification: ``public``, ``internal`` or ``restricted``.
        extension_prefixes: prefixes declared by the dataset and its profiles.
        params: rule parameters by code (defaults merged with configuration
            and profiles).
        standard_version: the version the dataset declares.
        charter_present: whether governance entities are among the inputs.
        extra_codes: extension codes declared by profiles, by code list.
        profile: the compiled profile(s) in force (see :mod:`smartstd.profiles`).
        record_text: the JSON text of the record being checked, when it was
            read from NDJSON (rules may use it as a cheap pre-filter); ``None``
            for records of JSON and YAML documents.
        record_digit_run: whether the record's JSON text holds a run of 17
            ASCII digits or a ``\u`` escape (which could spell digits), when
            the engine screened its batch; ``None`` when not known.
    """

    now: dt.datetime | None = None
    classification: str = "public"
    extension_prefixes: frozenset[str] = frozenset()
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    standard_version: str = "1.0.0"
    charter_present: bool = False
    extra_codes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    profile: Any = None
    record_text: str | None = None
    record_digit_run: bool | None = None
    #: values rules derive from the parameters, kept for the rest of the check
    #: (see :meth:`memo`); parameters do not change during a check
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def param(self, code: str, name: str) -> Any:
        """A rule parameter (configuration first, then the catalogue's default)."""
        key = ("param", code, name)
        memo = self._memo
        if key in memo:
            return memo[key]
        values = self.params.get(code)
        if values is not None and name in values:
            value = values[name]
        else:
            from smartstd.catalogue import get_rule

            value = get_rule(code).param_defaults()[name]
        memo[key] = value
        return value

    def number(self, code: str, name: str) -> float:
        """A numeric rule parameter; a value that is not a number falls back to the default.

        A bool or a string in a configuration file (``grace_hours = "2"``)
        is not a number: the rule then runs with the catalogue's default
        (the configuration check reports the wrong type).
        """
        value = self.param(code, name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        from smartstd.catalogue import get_rule

        default = get_rule(code).param_defaults()[name]
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            return float(default)
        return 0.0

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value derived from the parameters, computed once per check (rules ask per record)."""
        memo = self._memo
        if key in memo:
            return memo[key]
        value = memo[key] = compute()
        return value


#: An entity rule: the entity (a model instance) and the context in, hits out.
EntityRuleFn = Callable[[Any, Context], Iterable[Hit]]

#: Entity rules by entity type name ("*" for every type): (codes, function).
ENTITY_RULES: dict[str, list[tuple[tuple[str, ...], EntityRuleFn]]] = {}

S = TypeVar("S")


class DatasetRule(Protocol, Generic[S]):
    """A rule that needs several records. Its state must pickle and merge."""

    codes: tuple[str, ...]

    @property
    def types(self) -> tuple[str, ...]:
        """The entity types it reads (``"*"``: every type); an attribute or a property."""
        ...

    def new_state(self) -> S:
        """An empty state."""
        ...

    def collect(self, state: S, entity: Any, where: Where, ctx: Context) -> Iterable[Hit]:
        """Add one entity (of one of :attr:`types`) to the state; may yield hits at once."""
        ...

    def merge(self, state: S, other: S) -> S:
        """Merge the state of another worker (records that came later in the input)."""
        ...

    def finish(self, state: S, ctx: Context) -> Iterable[Hit]:
        """The hits once every record was collected."""
        ...


#: Dataset rules, in registration order.
DATASET_RULES: list[DatasetRule[Any]] = []


def idle_rule_words(enabled: frozenset[str]) -> list[tuple[tuple[str, ...], list[bytes]]]:
    """The enabled dataset rules that need a type in the inputs: ``(codes, words)`` each.

    A rule that says ``requires_types = ("Pilot",)`` judges nothing without
    such a record; an input whose bytes hold none of the words cannot have one.
    """
    out = []
    for rule in DATASET_RULES:
        types: tuple[str, ...] = getattr(rule, "requires_types", ())
        if types and enabled.intersection(rule.codes):
            out.append((tuple(rule.codes), [t.encode("ascii") for t in types]))
    return out


#: Entity rules that only apply under some contexts (e.g. only when a profile is in force).
APPLIES: dict[EntityRuleFn, Callable[[Context], bool]] = {}


def entity_rule(
    *codes: str,
    types: tuple[str, ...] = ("*",),
    applies: Callable[[Context], bool] | None = None,
) -> Callable[[EntityRuleFn], EntityRuleFn]:
    """Register an entity rule for the codes it can produce and the types it reads.

    ``applies``, when given, is asked once per check: a rule that does not
    apply to the context (no profile in force, say) costs nothing per record.
    """

    def deco(fn: EntityRuleFn) -> EntityRuleFn:
        for t in types:
            ENTITY_RULES.setdefault(t, []).append((codes, fn))
        if applies is not None:
            APPLIES[fn] = applies
        return fn

    return deco


#: Envelope rules: (codes, function of the envelope's fields as read, a dict).
ENVELOPE_RULES: list[tuple[tuple[str, ...], Callable[[dict[str, Any]], Iterable[Hit]]]] = []


def envelope_rule(
    *codes: str,
) -> Callable[
    [Callable[[dict[str, Any]], Iterable[Hit]]], Callable[[dict[str, Any]], Iterable[Hit]]
]:
    """Register a rule that also looks at the envelope of every input (its fields, as read).

    Its hits' paths are inside the envelope; the engine places them in the
    file the envelope came from.
    """

    def deco(
        fn: Callable[[dict[str, Any]], Iterable[Hit]],
    ) -> Callable[[dict[str, Any]], Iterable[Hit]]:
        ENVELOPE_RULES.append((codes, fn))
        return fn

    return deco


def register_dataset_rule(rule: DatasetRule[Any]) -> DatasetRule[Any]:
    """Register a dataset rule instance."""
    DATASET_RULES.append(rule)
    return rule


def load_checks(codes: Iterable[str]) -> None:
    """Import the checks of the rule families ``codes`` belong to, each family once.

    A check imports only what its level needs: an L1 check loads the
    structural family alone, not the charter graph (networkx) or the
    assessment's definitions. The families live in
    ``smartstd/rules/<family>/checks.py``; importing one registers its rules.
    """
    for family in sorted({code[:3].lower() for code in codes if code[:2] == "SC"}):
        name = f"smartstd.rules.{family}.checks"
        # import_module even when the name is in sys.modules: another thread (a
        # Dask worker unpickling a task) may be importing it still, and
        # import_module waits until its rules are registered
        if name in sys.modules or importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def rule_order(rule: DatasetRule[Any]) -> str:
    """A dataset rule's place among the others: its first code.

    Families load on demand, so registration order depends on what ran
    before in the process; states travel between processes by position, so
    every process orders the rules by this key instead.
    """
    return rule.codes[0]
