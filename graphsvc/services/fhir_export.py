"""A client's network as FHIR R4: the resources it was read from with the
graph's current state laid over them (fhir_mappings.export_onion), plus the
service's own findings: each gap as a DetectedIssue, the network's strength
as an Observation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from fhir_mappings import JsonObject, export_onion
from fhir_mappings.findings import detected_issue, strength_observation
from fhir_mappings.search import compartment_client
from graphsvc.analysis import ClientAnalysis, GapKind
from graphsvc.domain import Onion, Principal, Ring, Role
from graphsvc.store.port import ResourceStore

from .access import Action, scope_allows
from .analysis import AnalysisService
from .fhir_view import originals, with_references
from .network import NetworkService


def _reference(onion: Onion, subject: str) -> str | None:
    for m in onion.members:
        if m.person.id == subject:
            kind = "RelatedPerson" if m.person.ring is Ring.INFORMAL else "Practitioner"
            return f"{kind}/{subject}"
    if any(n.id == subject for n in onion.needs):
        return f"Condition/{subject}"
    return None


def findings_as_fhir(onion: Onion, found: ClientAnalysis, when: str) -> list[JsonObject]:
    cid = onion.client.id
    resources: list[JsonObject] = []
    for gap in found.gaps:
        implicated = [r for s in gap.subjects if (r := _reference(onion, s)) is not None]
        resources.append(
            detected_issue(
                client_id=cid,
                kind=gap.kind.value,
                kind_display=GapKind(gap.kind).name.replace("_", " ").capitalize(),
                severity=gap.severity.label,
                explanation=gap.explanation,
                implicated=implicated,
                identified=when,
            )
        )
    strength = found.strength
    resources.append(
        strength_observation(
            client_id=cid,
            score=strength.score,
            network_type=strength.network_type.value,
            metrics=strength.metrics(),
            effective=when,
        )
    )
    return resources


def of_another_client(resource: JsonObject, client_id: str, base_urls: Sequence[str]) -> bool:
    """Whether the resource is in another client's compartment (her Patient,
    her RelatedPersons, her CareTeams...): never part of this one's record,
    whatever in this one's record refers to it."""
    owner = compartment_client(resource, base_urls=base_urls)
    return owner is not None and owner != client_id


class FhirExportService:
    def __init__(
        self,
        network: NetworkService,
        analysis: AnalysisService,
        resources: ResourceStore,
        base_urls: Sequence[str] = (),
    ) -> None:
        self._network = network
        self._analysis = analysis
        self._resources = resources
        self._base_urls = tuple(base_urls)

    async def everything(self, principal: Principal, client_id: str) -> list[JsonObject]:
        """Patient/$everything: the access rules of the onion apply."""
        # shown type by type as a system's scopes allow, below
        onion = await self._network.onion(principal, client_id, whole=False)
        stored = await originals(self._resources, {client_id: onion})
        # as the write path lays it (services.network_write): references kept as made
        export = export_onion(onion, await with_references(self._resources, stored[client_id]))
        found = (await self._analysis.analyse(principal, {client_id: onion}))[client_id]
        when = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        # what her record refers to is followed to export it, and may be
        # another client's (a reference written before it moved, say)
        resources = [
            resource
            for key, body in sorted(export.resources.items())
            if not of_another_client(
                resource := {**body, "resourceType": key.resource_type, "id": key.id},
                client_id,
                self._base_urls,
            )
        ]
        everything = resources + findings_as_fhir(onion, found, when)
        if principal.role is not Role.SYSTEM:
            return everything
        # a system sees of her record only the types its scopes name
        return [
            r for r in everything if scope_allows(principal.scopes, r["resourceType"], Action.READ)
        ]
