"""Loading a whole population (the demo neighbourhood, a generated one) in
slices, each slice one write."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graphsvc.domain import Population, Principal, Role
from graphsvc.store.port import NetworkRepository

from .access import Action, scope_allows
from .audit import AuditRecord, AuditTrail
from .errors import Forbidden

CLIENTS_PER_SLICE = 200


async def load_population(
    repository: NetworkRepository,
    audit: AuditTrail,
    principal: Principal,
    population: Population | Iterable[Population],
    *,
    clients_per_slice: int = CLIENTS_PER_SLICE,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Write every team, organisation, professional and onion; returns the
    number of clients written. A population may come in pieces (a generator
    streaming a national-size one); ``progress`` hears the clients of each slice."""
    if principal.role is not Role.SYSTEM or not (
        scope_allows(principal.scopes, "CareTeam", Action.WRITE)
        and scope_allows(principal.scopes, "Organization", Action.WRITE)
    ):
        raise Forbidden("loading a population needs a system client with write scopes")
    pieces = [population] if isinstance(population, Population) else population
    written = 0
    for piece in pieces:
        for part in piece.chunks(clients_per_slice):
            count = await repository.save_population(part)
            written += count
            if progress is not None:
                progress(count)
    audit.record(AuditRecord.of(principal, "population.load", None, f"ok: {written} clients"))
    return written
