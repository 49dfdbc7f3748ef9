"""The standard itself (SCDS 1.1.0): models, code lists, domains, the request lifecycle.

The classes here are the latest version's; an older version's models are
reachable by name: ``models_for("1.0.0").Building``. No I/O and no checks
beyond field constraints live here.

The names below load their module on first use (``smartstd.standard.Building``
imports :mod:`smartstd.standard.place` alone), so that a tool which reads a
few entity types builds only their models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartstd._lazy import lazy_names

if TYPE_CHECKING:
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

#: The module of each public name.
_LAZY: dict[str, str] = {
    "CHARTER_TYPES": "smartstd.standard.dataset",
    "CODE_LISTS": "smartstd.standard.codes",
    "ENTITY_TYPES": "smartstd.standard.dataset",
    "STANDARD_VERSION": "smartstd.standard.dataset",
    "Agreement": "smartstd.standard.governance",
    "Alert": "smartstd.standard.safety",
    "AnyEntity": "smartstd.standard.dataset",
    "Area": "smartstd.standard._base",
    "Assignment": "smartstd.standard.governance",
    "Benefit": "smartstd.standard.governance",
    "Building": "smartstd.standard.place",
    "Code": "smartstd.standard.codes",
    "CodeList": "smartstd.standard.codes",
    "Community": "smartstd.standard.place",
    "Consent": "smartstd.standard.people",
    "Consultation": "smartstd.standard.participation",
    "ConsultationOption": "smartstd.standard.participation",
    "Contact": "smartstd.standard.organization",
    "DataAccessGrant": "smartstd.standard.governance",
    "DataCategory": "smartstd.standard.governance",
    "Dataset": "smartstd.standard.dataset",
    "Decision": "smartstd.standard.participation",
    "Device": "smartstd.standard.safety",
    "Duty": "smartstd.standard.governance",
    "DutySeparation": "smartstd.standard.governance",
    "Dwelling": "smartstd.standard.place",
    "Eligibility": "smartstd.standard.service",
    "Enrolment": "smartstd.standard.service",
    "Entity": "smartstd.standard._base",
    "Envelope": "smartstd.standard.dataset",
    "Facility": "smartstd.standard.place",
    "Geometry": "smartstd.standard._base",
    "Grid": "smartstd.standard.place",
    "Household": "smartstd.standard.people",
    "Imputation": "smartstd.standard._base",
    "LocalizedText": "smartstd.standard._base",
    "ModelSet": "smartstd.standard.modelset",
    "MultiPolygon": "smartstd.standard._base",
    "Need": "smartstd.standard.service",
    "Obligation": "smartstd.standard.governance",
    "Observation": "smartstd.standard.safety",
    "Organization": "smartstd.standard.organization",
    "Pilot": "smartstd.standard.programme",
    "Point": "smartstd.standard._base",
    "Polygon": "smartstd.standard._base",
    "PostalAddress": "smartstd.standard._base",
    "Provenance": "smartstd.standard._base",
    "Purpose": "smartstd.standard.governance",
    "Ref": "smartstd.standard._base",
    "RequestEvent": "smartstd.standard.participation",
    "RequestLocation": "smartstd.standard.participation",
    "RequestResponse": "smartstd.standard.participation",
    "Resident": "smartstd.standard.people",
    "ResponsibilityDomain": "smartstd.standard.governance",
    "SCDSModel": "smartstd.standard._base",
    "Service": "smartstd.standard.service",
    "ServiceProfile": "smartstd.standard.service",
    "ServiceRecord": "smartstd.standard.service",
    "ServiceRequest": "smartstd.standard.participation",
    "Target": "smartstd.standard.programme",
    "entity_adapter": "smartstd.standard.dataset",
    "judged_version": "smartstd.standard.modelset",
    "models_for": "smartstd.standard.modelset",
    "standard_versions": "smartstd.standard.modelset",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)
