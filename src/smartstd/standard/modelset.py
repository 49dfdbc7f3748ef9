"""The models of each version of the standard, by name (``models_for("1.0.0")``).

The classes of :mod:`smartstd.standard` are the latest version's (1.1.0). A
field a later version added says so (``F(..., added_in="1.1.0")``), so an
older version's models are *derived* from them, not written twice: every
model class gets a subclass of the same name that leaves out the fields
added after that version and accepts that version's extension field keys
(1.0.0: ``prefix:snake_case`` only). Nested models are derived the same
way, so a 1.1.0-only key is an unknown field (SC106) at every depth of
1.0.0 data. The JSON Schemas of a version are generated from its models.

A derived class is a subclass of the latest one: a 1.0.0 ``Building`` *is*
a ``Building``, so code written for the latest models reads older data (a
field the older version lacks reads as absent: use ``getattr(e, name, None)``).

每个标准版本的模型：最新版本（1.1.0）的模型写在代码中；旧版本的模型由其派生，
去掉之后版本新增的字段，并使用旧版本的扩展字段规则。
"""

from __future__ import annotations

import copy
import re
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache, cached_property
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from pydantic_core import from_json

from smartstd.errors import UnknownNameError
from smartstd.standard._base import EXTENSION_FIELD_PATTERNS, LATEST, SCDSModel, added_in

__all__ = ["ModelSet", "judged_version", "models_for", "standard_versions"]


def _core(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def standard_versions() -> tuple[str, ...]:
    """Every version of the standard whose models this package has, oldest first."""
    return tuple(sorted(EXTENSION_FIELD_PATTERNS, key=_core))


def judged_version(declared: str | None) -> str:
    """The version whose models judge data that declares ``declared``.

    Data declaring a version this package has models for is judged by that
    version's models; anything else (no version, a migration-only or unknown
    version, which SC105/SC704 report) by the latest.
    """
    return declared if declared in EXTENSION_FIELD_PATTERNS else LATEST


#: Records validated one type's model at a time before the union is built.
_BEFORE_UNION = 2048


class ModelSet:
    """The models of one version of the standard.

    Attributes:
        version: the version (``"1.0.0"``).
        entity_types: every entity type's class, by name, in the standard's order.
        any_entity: the discriminated union of the entity types (an annotation).
        envelope: the envelope's class.
        dataset: the dataset's class (envelope and entities).
        models: every model class of the version (entities and nested objects), by name.
        extension_pattern: the pattern of an extension field key.

    The latest version's :attr:`any_entity`, :attr:`dataset` and
    :attr:`models`, which need every entity type, load on first use.
    """

    def __init__(
        self,
        version: str,
        entity_types: Mapping[str, type[Any]],
        envelope: type[Any],
        extension_pattern: str,
        whole: Callable[[], tuple[Any, type[Any], Mapping[str, type[Any]]]],
    ) -> None:
        self.version = version
        self.entity_types = entity_types
        self.envelope = envelope
        self.extension_pattern = extension_pattern
        self._whole = whole
        self._adapter: TypeAdapter[Any] | None = None
        self._union_json: Callable[..., Any] | None = None
        self._by_type: dict[str, Callable[..., Any]] = {}
        self._before_union = _BEFORE_UNION

    def __repr__(self) -> str:
        return f"ModelSet(version={self.version!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # a worker process finds the same version's models (they are built, not pickled)
        return models_for, (self.version,)

    @cached_property
    def _loaded(self) -> tuple[Any, type[Any], Mapping[str, type[Any]]]:
        return self._whole()

    @property
    def any_entity(self) -> Any:
        """The discriminated union of the entity types (an annotation)."""
        return self._loaded[0]

    @property
    def dataset(self) -> type[Any]:
        """The dataset's class (envelope and entities)."""
        return self._loaded[1]

    @property
    def models(self) -> Mapping[str, type[Any]]:
        """Every model class of the version (entities and nested objects), by name."""
        return self._loaded[2]

    def entity_adapter(self) -> TypeAdapter[Any]:
        """A cached ``TypeAdapter`` of :attr:`any_entity`, built on first use (every model)."""
        if self._adapter is None:
            if self.version == LATEST:
                from smartstd.standard.dataset import entity_adapter

                self._adapter = entity_adapter()  # the one of smartstd.standard
            else:
                self._adapter = TypeAdapter(self.any_entity)
        return self._adapter

    def build(self) -> TypeAdapter[Any]:
        """Build every model's validator and serializer now, then the union; return the union.

        What importing the models did before they were built on first use:
        a large check meets most types and dumps their models, so it builds
        them all at once (each nested model before the models that hold it,
        whose build then reuses it); a small check builds only what it meets.
        """
        done: set[type[Any]] = set()

        def visit(cls: type[Any]) -> None:
            if cls in done:
                return
            done.add(cls)
            for info in cls.model_fields.values():
                for sub in _model_classes(info.annotation):
                    visit(sub)
            cls.model_rebuild()  # a no-op once built

        visit(self.dataset)
        return self.entity_adapter()

    def json_validator(self) -> Callable[[str | bytes], Any]:
        """A function that validates one entity's JSON text: the model, or a ``ValidationError``.

        It answers as :meth:`entity_adapter`'s ``validate_json`` does, and is that
        method once the union is built. Before, it reads the record's own
        ``type`` (a parse of the text) and tries that type's model alone, so a check of a few
        records builds only the models it meets; a record it cannot place, or
        that its type's model refuses, goes to the union (the same model, the
        union's own error). After a few thousand records it builds the union.
        """
        if self._union_json is not None:
            return self._union_json
        if self._adapter is not None:
            self._union_json = self._adapter.validator.validate_json
            return self._union_json
        return self._validate_json_by_type

    def _union(self) -> Callable[..., Any]:
        if self._union_json is None:
            self._union_json = self.entity_adapter().validator.validate_json
        return self._union_json

    def _validate_json_by_type(self, data: str | bytes) -> Any:
        union = self._union_json
        if union is not None or self._before_union <= 0:
            return (union or self._union())(data)
        self._before_union -= 1
        # the record's own ``type``, read as the union's parser reads it (the last
        # of repeated keys; a nested object's ``type`` is not the record's)
        try:
            value = from_json(data)
        except ValueError:
            return self._union()(data)  # the union's own error
        name = value.get("type") if type(value) is dict else None
        if type(name) is not str:
            return self._union()(data)  # no type: the union's tag error
        cls = self.entity_types.get(name)
        if cls is None:
            return self._union()(data)  # no type, or no entity type: the union's tag error
        validate = self._by_type.get(name)
        if validate is None:
            cls.model_rebuild()  # its validator, when not built yet (a no-op after)
            validate = self._by_type[name] = cls.__pydantic_validator__.validate_json
        try:
            return validate(data)
        except ValidationError:
            return self._union()(data)  # the union's answer, which may be another error

    def __getattr__(self, name: str) -> type[Any]:
        """A model class by name: ``models_for("1.0.0").Building``."""
        if name.startswith("_"):
            raise AttributeError(name)
        models = self.models
        if name in models:
            return models[name]
        raise AttributeError(f"SCDS {self.version} has no model {name!r}")

    def has_field(self, type_name: str, name: str) -> bool:
        """Whether a model (``"Building"``, ``"Envelope"``) of this version has a field."""
        cls: type[Any] | None
        if type_name in self.entity_types:
            cls = self.entity_types[type_name]
        elif type_name == "Envelope":
            cls = self.envelope
        else:
            cls = self.models.get(type_name)
        return cls is not None and name in cls.model_fields


def _latest() -> ModelSet:
    from smartstd.standard import dataset as ds

    def whole() -> tuple[Any, type[Any], Mapping[str, type[Any]]]:
        models: dict[str, type[Any]] = {}
        _collect(ds.Dataset, models)
        return ds.AnyEntity, ds.Dataset, models

    return ModelSet(LATEST, ds.ENTITY_TYPES, ds.Envelope, EXTENSION_FIELD_PATTERNS[LATEST], whole)


def _collect(cls: type[BaseModel], out: dict[str, type[Any]]) -> None:
    """Every model class reachable from ``cls`` (``cls`` included), by name."""
    if cls.__name__ in out:
        return
    out[cls.__name__] = cls
    for info in cls.model_fields.values():
        for sub in _model_classes(info.annotation):
            _collect(sub, out)


def _model_classes(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, SCDSModel):
        return [tp]
    return [c for arg in get_args(tp) for c in _model_classes(arg)]


def _substitute(tp: Any, convert: Callable[[type[SCDSModel]], type[SCDSModel]]) -> Any:
    """``tp`` with every model class replaced by ``convert(cls)`` (``tp`` itself when none is)."""
    if isinstance(tp, type) and issubclass(tp, SCDSModel):
        return convert(tp)
    origin = get_origin(tp)
    if origin is None or origin is typing.Literal:
        return tp
    if origin is Annotated:
        base = _substitute(tp.__origin__, convert)
        if base is tp.__origin__:
            return tp
        args = (base, *tp.__metadata__)
        return Annotated[args]
    args = get_args(tp)
    new = tuple(_substitute(a, convert) for a in args)
    if all(a is b for a, b in zip(args, new, strict=True)):
        return tp
    if origin is Union or origin is types.UnionType:
        return Union[new]
    return origin[new if len(new) > 1 else new[0]]


def _derive(version: str) -> ModelSet:
    """The models of an older ``version``, derived from the latest ones."""
    latest = models_for(LATEST)
    pattern = EXTENSION_FIELD_PATTERNS[version]
    key = re.compile(pattern)
    done: dict[type[SCDSModel], type[SCDSModel]] = {}

    def later(info: Any) -> bool:
        since = added_in(info)
        return since is not None and _core(since) > _core(version)

    def convert(cls: type[SCDSModel]) -> type[SCDSModel]:
        found = done.get(cls)
        if found is not None:
            return found
        namespace = {
            # found again by pickle (worker processes): smartstd.standard.modelset.V1_0_0.Building
            "__module__": __name__,
            "__qualname__": f"{_namespace_name(version)}.{cls.__name__}",
            "__doc__": cls.__doc__,
            "__standard_version__": version,
            "__extension_key__": key,
        }
        new = typing.cast(type[SCDSModel], type(cls.__name__, (cls,), namespace))
        done[cls] = new
        fields = new.__pydantic_fields__
        for name, info in list(fields.items()):
            if later(info):
                del fields[name]
                continue
            annotation = _substitute(info.annotation, convert)
            if annotation is not info.annotation:
                info = copy.copy(info)
                info.annotation = annotation
                fields[name] = info
        new.model_rebuild(force=True)
        return new

    entity_types = {name: convert(cls) for name, cls in latest.entity_types.items()}
    envelope = convert(latest.envelope)
    dataset = convert(latest.dataset)
    any_entity = Annotated[
        Union[tuple(entity_types.values())],
        Field(discriminator="type"),
    ]
    models = {cls.__name__: derived for cls, derived in done.items()}
    return ModelSet(version, entity_types, envelope, pattern, lambda: (any_entity, dataset, models))


def _namespace_name(version: str) -> str:
    return "V" + version.replace(".", "_")


def __getattr__(name: str) -> Any:
    """``V1_0_0``: an older version's models as a namespace (how pickle finds them)."""
    for version in EXTENSION_FIELD_PATTERNS:
        if name == _namespace_name(version) and version != LATEST:
            return types.SimpleNamespace(**models_for(version).models)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def models_for(version: str) -> ModelSet:
    """The models of a version of the standard (``"1.0.0"``, ``"1.1.0"``).

    Raises:
        UnknownNameError: (a :class:`KeyError`) for a version whose models this package
            does not have.
    """
    if version not in EXTENSION_FIELD_PATTERNS:
        known = ", ".join(standard_versions())
        raise UnknownNameError(key="no_models_for_version", version=version, known=known)
    return _latest() if version == LATEST else _derive(version)
