"""The domain's enumerations, exposed to GraphQL under their own names."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from graphsvc.analysis import GapKind, Grouping, ItemSource, Lsns6Item, NetworkType, Severity
from graphsvc.domain import (
    Classification,
    Frequency,
    NeedStatus,
    OmahaDomain,
    RatingDimension,
    Ring,
    Role,
    SupportKind,
    TieStatus,
)
from graphsvc.services.analysis import Every

# strawberry.enum registers the class itself: the domain's enums are used in
# annotations as they are, and GraphQL shows their member names.
strawberry.enum(Ring, name="Ring", description="A ring of the onion.")
strawberry.enum(NeedStatus, name="NeedStatus")
strawberry.enum(
    Classification, name="Classification", description="The medical classification of a diagnosis."
)
strawberry.enum(Frequency, name="Frequency")
strawberry.enum(SupportKind, name="SupportKind")
strawberry.enum(TieStatus, name="TieStatus")
strawberry.enum(
    RatingDimension, name="RatingDimension", description="Omaha Problem Rating Scale for Outcomes."
)
strawberry.enum(OmahaDomain, name="OmahaDomain")
strawberry.enum(Role, name="Role")
strawberry.enum(GapKind, name="GapKind", description="What kind of gap in support.")
strawberry.enum(Severity, name="Severity")
strawberry.enum(NetworkType, name="NetworkType", description="In the spirit of Wenger's typology.")
strawberry.enum(
    Lsns6Item, name="Lsns6Item", description="An item of the Lubben Social Network Scale."
)
strawberry.enum(
    ItemSource, name="ItemSource", description="Counted in the onion, or the client's own answer."
)
strawberry.enum(Grouping, name="Grouping", description="How research aggregates are grouped.")
strawberry.enum(Every, name="Every", description="How far apart the points of a history are.")

__all__ = [
    "Classification",
    "ClientSortField",
    "Every",
    "Frequency",
    "GapKind",
    "Grouping",
    "ItemSource",
    "Lsns6Item",
    "NeedStatus",
    "NetworkType",
    "OmahaDomain",
    "RatingDimension",
    "Ring",
    "Role",
    "Severity",
    "SupportKind",
    "TieStatus",
]


@strawberry.enum(description="What a list of clients is sorted by.")
class ClientSortField(StrEnum):
    NAME = "name"
    NEIGHBOURHOOD = "neighbourhood"
    ID = "id"
