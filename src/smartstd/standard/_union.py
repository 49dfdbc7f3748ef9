"""What needs every entity type: the union :data:`AnyEntity` and :class:`Dataset`.

Both are public in :mod:`smartstd.standard.dataset` (:class:`Dataset`'s
``__module__`` says so, as its reprs and pickles always did), which loads this
module on their first use, so that naming an entity type or reading one record
does not import them all.
"""

# no ``from __future__ import annotations``: the annotations are evaluated here,
# so pydantic need not read them in smartstd.standard.dataset (Dataset's module)

from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Union

from pydantic import Field

from smartstd.standard._base import Entity, F
from smartstd.standard._envelope import Envelope
from smartstd.standard.governance import (
    Agreement,
    Assignment,
    DataAccessGrant,
    DataCategory,
    DutySeparation,
    Purpose,
    ResponsibilityDomain,
)
from smartstd.standard.organization import Organization
from smartstd.standard.participation import Consultation, ServiceRequest
from smartstd.standard.people import Household, Resident
from smartstd.standard.place import Building, Community, Dwelling, Facility, Grid
from smartstd.standard.programme import Pilot
from smartstd.standard.safety import Alert, Device, Observation
from smartstd.standard.service import Service, ServiceProfile, ServiceRecord

__all__ = ["AnyEntity", "Dataset"]

#: Any entity, discriminated by ``type``.
AnyEntity = Annotated[
    Union[
        Community,
        Grid,
        Building,
        Dwelling,
        Facility,
        Household,
        Resident,
        Organization,
        Service,
        ServiceProfile,
        ServiceRecord,
        ServiceRequest,
        Consultation,
        Device,
        Observation,
        Alert,
        ResponsibilityDomain,
        Assignment,
        DataCategory,
        Purpose,
        DataAccessGrant,
        Agreement,
        DutySeparation,
        Pilot,
    ],
    Field(discriminator="type"),
]


class Dataset(Envelope):
    """A whole dataset: the envelope and its entities."""

    __module__ = "smartstd.standard.dataset"

    __i18n__ = ("数据集", "Dataset", "信封与全部实体。", "The envelope and all its entities.")
    entities: list[AnyEntity] = F("实体", "Entities", default_factory=list)

    @property
    def envelope(self) -> Envelope:
        """The envelope alone."""
        return Envelope.model_validate(self.model_dump(exclude={"entities"}, exclude_unset=True))

    def of_type(self, type_name: str) -> Iterator[Entity]:
        """The entities of one type, in order."""
        return (e for e in self.entities if e.type == type_name)

    def by_id(self) -> dict[tuple[str, str], Entity]:
        """Entities by ``(type, id)``."""
        return {(e.type, e.id): e for e in self.entities}

    def counts(self) -> dict[str, int]:
        """How many entities of each type."""
        return dict(sorted(Counter(e.type for e in self.entities).items()))
