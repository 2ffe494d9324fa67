"""Teams and organisations -> Organization: the directory entry a network's
references need when the graph knows a team or organisation that FHIR has no
resource for yet (a seeded neighbourhood, a generated population). Without
it, a CareTeam's managingOrganization would name nothing, and the next FHIR
write of that CareTeam would read the client as served by no team."""

from __future__ import annotations

from graphsvc.domain import Organization, OrganizationKind, Team

from ..code_systems import ORGANIZATION_KIND, coding
from ..jsontypes import JsonObject


def organization_resource(entry: Team | Organization) -> JsonObject:
    kind = entry.kind if isinstance(entry, Organization) else OrganizationKind.NURSING_TEAM
    resource: JsonObject = {
        "resourceType": "Organization",
        "id": entry.id,
        "active": True,
        "type": [{"coding": [coding(ORGANIZATION_KIND, kind.value)]}],
        "name": entry.name,
    }
    if isinstance(entry, Team) and entry.neighbourhood:
        resource["address"] = [{"use": "work", "district": entry.neighbourhood}]
    return resource
