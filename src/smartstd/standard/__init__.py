"""The standard itself (SCDS 1.1.0): models, code lists, domains, the request lifecycle.

The classes here are the latest version's; an older version's models are
reachable by name: ``models_for("1.0.0").Building``. No I/O and no checks
beyond field constraints live here.
"""

from __future__ import annotations

from smartstd.standard._base import (
    Area,
    Entity,
    Geometry,
    Imputation,
    LocalizedText,
    MultiPolygon,
    Point,
    Polygon,
    PostalAddress,
    Provenance,
    Ref,
    SCDSModel,
)
from smartstd.standard.codes import CODE_LISTS, Code, CodeList
from smartstd.standard.dataset import (
    CHARTER_TYPES,
    ENTITY_TYPES,
    STANDARD_VERSION,
    AnyEntity,
    Dataset,
    Envelope,
    entity_adapter,
)
from smartstd.standard.governance import (
    Agreement,
    Assignment,
    Benefit,
    DataAccessGrant,
    DataCategory,
    Duty,
    DutySeparation,
    Obligation,
    Purpose,
    ResponsibilityDomain,
)
from smartstd.standard.modelset import ModelSet, judged_version, models_for, standard_versions
from smartstd.standard.organization import Contact, Organization
from smartstd.standard.participation import (
    Consultation,
    ConsultationOption,
    Decision,
    RequestEvent,
    RequestLocation,
    RequestResponse,
    ServiceRequest,
)
from smartstd.standard.people import Consent, Household, Resident
from smartstd.standard.place import Building, Community, Dwelling, Facility, Grid
from smartstd.standard.programme import Pilot, Target
from smartstd.standard.safety import Alert, Device, Observation
from smartstd.standard.service import (
    Eligibility,
    Enrolment,
    Need,
    Service,
    ServiceProfile,
    ServiceRecord,
)

__all__ = [
    "CHARTER_TYPES",
    "CODE_LISTS",
    "ENTITY_TYPES",
    "STANDARD_VERSION",
    "Agreement",
    "Alert",
    "AnyEntity",
    "Area",
    "Assignment",
    "Benefit",
    "Building",
    "Code",
    "CodeList",
    "Community",
    "Consent",
    "Consultation",
    "ConsultationOption",
    "Contact",
    "DataAccessGrant",
    "DataCategory",
    "Dataset",
    "Decision",
    "Device",
    "Duty",
    "DutySeparation",
    "Dwelling",
    "Eligibility",
    "Enrolment",
    "Entity",
    "Envelope",
    "Facility",
    "Geometry",
    "Grid",
    "Household",
    "Imputation",
    "LocalizedText",
    "ModelSet",
    "MultiPolygon",
    "Need",
    "Obligation",
    "Observation",
    "Organization",
    "Pilot",
    "Point",
    "Polygon",
    "PostalAddress",
    "Provenance",
    "Purpose",
    "Ref",
    "RequestEvent",
    "RequestLocation",
    "RequestResponse",
    "Resident",
    "ResponsibilityDomain",
    "SCDSModel",
    "Service",
    "ServiceProfile",
    "ServiceRecord",
    "ServiceRequest",
    "Target",
    "entity_adapter",
    "judged_version",
    "models_for",
    "standard_versions",
]
