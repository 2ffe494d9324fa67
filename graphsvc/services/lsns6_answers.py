"""The client's own LSNS-6 answers: recorded by a nurse as one FHIR
Observation per item (fhir_mappings.lsns6), read back for the analysis, where
an answered item replaces the one counted in the onion.

The graph does not hold them; they are resources in the client's
compartment, written through the one FHIR write path (its access rules and
audit apply) and read from her compartment by code.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from fhir_mappings import ResourceKey
from fhir_mappings.lsns6 import ITEMS, LSNS6, SCORE_MAX, SCORE_MIN, lsns6_answer_resource
from fhir_mappings.search.text import token_escape
from graphsvc.analysis import Lsns6Item
from graphsvc.domain import Principal, Reason, ValidationError
from graphsvc.store.port import ResourceStore
from graphsvc.store.resource_store import StoredResource

from .fhir_write import FhirWriteService, ResourceChange
from .network import NetworkService
from .network_as_of import lsns6_answers

_CODES = tuple(f"code|{token_escape(LSNS6)}|{item}" for item in ITEMS)


class StoredAnswers:
    """The answers as the resource store holds them, read only."""

    def __init__(self, resources: ResourceStore) -> None:
        self._resources = resources

    async def of_clients(self, client_ids: Iterable[str]) -> dict[str, dict[Lsns6Item, int]]:
        """Each client's latest answer to each item she answered (the latest
        day, then the latest written; the rule a network as it was uses too)."""
        found_in = await self._resources.coded_in_compartments(client_ids, "Observation", _CODES)
        by_client: defaultdict[str, list[StoredResource]] = defaultdict(list)
        for stored in found_in:
            if stored.client_id is not None:
                by_client[stored.client_id].append(stored)
        found = {cid: lsns6_answers(resources) for cid, resources in by_client.items()}
        return {cid: answers for cid, answers in found.items() if answers}


class Lsns6Answers(StoredAnswers):
    def __init__(
        self, network: NetworkService, resources: ResourceStore, writes: FhirWriteService
    ) -> None:
        super().__init__(resources)
        self._network = network
        self._writes = writes

    async def record(
        self, principal: Principal, client_id: str, item: Lsns6Item, score: int, effective: date
    ) -> str:
        """Record her answer to one item; the id of the Observation written."""
        await self._network.onion(principal, client_id)  # hers to see, or NotFound/Forbidden
        answer_id = f"lsns6-{uuid.uuid4().hex}"
        try:
            resource = lsns6_answer_resource(
                answer_id=answer_id,
                client_id=client_id,
                item=item.value,
                score=score,
                effective=effective,
            )
        except ValueError as exc:
            raise ValidationError(
                "score", str(exc), code=Reason.OUT_OF_RANGE, minimum=SCORE_MIN, maximum=SCORE_MAX
            ) from None
        key = ResourceKey("Observation", answer_id)
        await self._writes.apply(principal, [ResourceChange(key, resource)])
        return answer_id
