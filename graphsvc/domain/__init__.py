"""The onion at the centre of everything: pure entities and rules, no I/O."""

from .audit import AuditRecord
from .client import Client
from .diagnosis import Classification, Diagnosis
from .errors import DomainError, NotFound, Reason, ValidationError, VersionConflict
from .help import Help, frequency_band
from .need import Need, NeedStatus
from .observation import Observation, RatingDimension
from .omaha import OMAHA_SYSTEM, OmahaDomain, OmahaProblem, catalogue, omaha_problem
from .onion import Member, Onion
from .organization import Organization, OrganizationKind, Team
from .person import Person
from .population import Population, Staff
from .principal import Principal, Role
from .rings import Ring
from .ties import Frequency, KnowsTie, Membership, SupportKind, SupportTie, TieStatus

__all__ = [
    "OMAHA_SYSTEM",
    "AuditRecord",
    "Classification",
    "Client",
    "Diagnosis",
    "DomainError",
    "Frequency",
    "Help",
    "KnowsTie",
    "Member",
    "Membership",
    "Need",
    "NeedStatus",
    "NotFound",
    "Observation",
    "OmahaDomain",
    "OmahaProblem",
    "Onion",
    "Organization",
    "OrganizationKind",
    "Person",
    "Population",
    "Principal",
    "RatingDimension",
    "Reason",
    "Ring",
    "Role",
    "Staff",
    "SupportKind",
    "SupportTie",
    "Team",
    "TieStatus",
    "ValidationError",
    "VersionConflict",
    "catalogue",
    "frequency_band",
    "omaha_problem",
]
