"""SC5xx services and needs (服务档案): freshness, coverage, eligibility, households.

* SC501 (entity rule) a service profile not updated for ``max_age_days``;
* SC502 a recorded need with no active enrolment in an active service of its category;
* SC503 an open enrolment of a resident outside the service's eligibility;
* SC504 a household whose size differs from the residents that name it;
* SC505 an open enrolment in a retired service;
* SC506 a service profile kept without its subject's consent to its purpose,
  or after the consent was withdrawn; SC507 sensitive data in a profile whose
  consented purpose declares no sensitive category (no separate consent);
* SC508 a community's household count or population that the households and
  residents in the data contradict (for the communities the dataset is
  complete for).

The cross-record rules keep compact, mergeable states:

* services: ``id -> (category, status)`` and, for SC503, the eligibility of
  the services that have one (the catalogue is small);
* residents (SC503): one packed integer per resident (birth year, age band,
  residence type) keyed by a 64-bit hash of the id, and the special groups of
  the residents that have any;
* households (SC504): size and place per household, and the household each
  resident record names, by a 64-bit hash of what it says of the resident
  (so that a record repeated as it is counts once, also across worker
  processes);
* checks whose service (or resident) was not seen yet wait in a list and are
  settled at the end; anything still unknown then is left to SC202.

A split file gives the same findings as one process. When an id repeats
(SC201's error) the earlier record wins; only when the repeat falls in
another worker's share than the first may a check settled by that worker
see the later record instead.

服务与需求：服务档案更新、需求是否有服务、服务对象条件、户人数、已停办服务的登记。
"""

from __future__ import annotations

# importing the modules registers their rules (the engine orders them by code)
from smartstd.rules.sc5.checks._communities import CommunityCountRule, CommunityCountState
from smartstd.rules.sc5.checks._consent import ConsentRule, ConsentState
from smartstd.rules.sc5.checks._coverage import (
    ServiceCoverageRule,
    ServiceCoverageState,
    service_profile_stale,
)
from smartstd.rules.sc5.checks._eligibility import EligibilityRule, EligibilityState
from smartstd.rules.sc5.checks._households import HouseholdSizeRule, HouseholdSizeState

__all__ = [
    "CommunityCountRule",
    "CommunityCountState",
    "ConsentRule",
    "ConsentState",
    "EligibilityRule",
    "EligibilityState",
    "HouseholdSizeRule",
    "HouseholdSizeState",
    "ServiceCoverageRule",
    "ServiceCoverageState",
    "service_profile_stale",
]
