"""The audit trail as FHIR R4 AuditEvents, for the people who may see a
client's data: who looked at or changed her data, when, on whose behalf and
with what outcome (NEN 7513 asks that the client's carers can answer this).
Reading them is itself recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fhir_mappings import JsonObject
from graphsvc.domain import NotFound, Principal, Role
from graphsvc.domain.audit import AuditRecord
from graphsvc.domain.values import is_id
from graphsvc.store.port import NetworkRepository

from .access import Action, acts_for_others, check_team_access, scope_allows
from .audit import AuditTrail
from .errors import Forbidden

EVENT_TYPE = {
    "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
    "code": "rest",
    "display": "RESTful Operation",
}
ACTIONS = "https://graphsvc.example/fhir/CodeSystem/audit-action"
SUBJECTS = "https://graphsvc.example/fhir/NamingSystem/subject"
PATIENT_ROLE = {
    "system": "http://terminology.hl7.org/CodeSystem/object-role",
    "code": "1",
    "display": "Patient",
}


def _action(record: AuditRecord) -> str:
    """FHIR's C, R, U, D or E for what the record says was done."""
    verb = record.action.rsplit(".", 1)[-1]
    if verb in {"read", "search", "list", "clients"}:
        return "R"
    if verb in {"remove", "delete"}:
        return "D"
    if verb in {"admit", "load"}:
        return "C"
    return "U" if "." in record.action else "E"


def audit_event(record: AuditRecord) -> JsonObject:
    agents: list[JsonObject] = [
        {
            "who": {"identifier": {"system": SUBJECTS, "value": record.subject}},
            "requestor": True,
            "role": [{"text": record.role}],
            **({"network": {"address": record.source, "type": "2"}} if record.source else {}),
        }
    ]
    for team in (record.on_behalf_of or "").split(","):
        if team:
            agents.append({"who": {"reference": f"Organization/{team}"}, "requestor": False})
    entities: list[JsonObject] = [
        {"what": {"reference": f"Patient/{record.client_id}"}, "role": PATIENT_ROLE}
    ]
    entities += [{"what": {"reference": ref}} for ref in record.resources]
    event: JsonObject = {
        "resourceType": "AuditEvent",
        "id": record.hash[:32] or "unchained",
        "type": EVENT_TYPE,
        "subtype": [{"system": ACTIONS, "code": record.action}],
        "action": _action(record),
        "recorded": record.at,
        "outcome": "0" if record.outcome.startswith("ok") else "4",
        "outcomeDesc": record.outcome,
        "agent": agents,
        "source": {"observer": {"display": "graphsvc"}},
        "entity": entities,
    }
    if record.request_id:
        event["source"]["site"] = record.request_id
    return event


class AuditEvents:
    def __init__(
        self,
        repository: NetworkRepository,
        audit: AuditTrail,
        records: Callable[[str], Sequence[AuditRecord]],
    ) -> None:
        self._repo = repository
        self._audit = audit
        self._records = records

    async def of_client(self, principal: Principal, client_id: str) -> list[JsonObject]:
        """The client's audit trail, newest first, for a nurse or coach of her
        team or a system allowed to read AuditEvents."""
        action = "fhir.AuditEvent.search"
        if principal.role is Role.RESEARCHER:
            raise Forbidden("researchers see de-identified aggregates only")
        if principal.role is Role.SYSTEM and not scope_allows(
            principal.scopes, "AuditEvent", Action.READ
        ):
            raise Forbidden("scope does not allow AuditEvent.read")
        access = await self._repo.client_access(client_id) if is_id(client_id) else None
        try:
            teams = access.team_ids if access else frozenset()
            if principal.role is not Role.SYSTEM:
                check_team_access(principal, teams, Action.READ, client_id)
            elif acts_for_others(principal, teams):  # its AuditEvent scope is checked above
                raise NotFound("client", client_id)
            if access is None:
                raise NotFound("client", client_id)
        except (NotFound, Forbidden):
            self._audit.record(AuditRecord.of(principal, action, client_id, "denied"))
            raise
        found = list(self._records(client_id))
        self._audit.record(AuditRecord.of(principal, action, client_id, f"ok: {len(found)}"))
        return [audit_event(r) for r in reversed(found)]
