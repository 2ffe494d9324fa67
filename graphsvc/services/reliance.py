"""Which teams rely on a directory entry: a professional or organisation in
the network of a client they serve, or working for them. A system client
that acts for some teams changes no entry another team relies on."""

from __future__ import annotations

import contextlib
from collections.abc import Collection

from graphsvc.domain import NotFound
from graphsvc.store.port import NetworkRepository


async def teams_relying_on(repo: NetworkRepository, person_ids: Collection[str]) -> set[str]:
    """The teams serving a client in whose network one of these people is,
    and the teams they work for."""
    in_networks = await repo.person_clients(sorted(person_ids))
    clients = sorted({c for found in in_networks.values() for c in found})
    teams = {t for a in (await repo.clients_access(clients)).values() for t in a.team_ids}
    for person_id in sorted(person_ids):
        try:
            _, organizations = await repo.get_person(person_id)
        except NotFound:
            continue
        for organization_id in organizations:
            with contextlib.suppress(NotFound):
                teams.add((await repo.get_team(organization_id)).id)
    return teams
