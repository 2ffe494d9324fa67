"""Undo on each real database: a nurse's undo never goes over a colleague's
change that was made while it was on its way."""

from __future__ import annotations

import asyncio

from graphsvc.domain import Membership, Person, Ring
from graphsvc.domain.commands import SaveMember, UpdateMember
from graphsvc.domain.errors import NotFound, VersionConflict
from graphsvc.services.network import NetworkService
from graphsvc.store.audit_log import AuditLogFile
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.port import WriteResult

from ..conftest import ADMIN, nurse
from .builders import TEAM, network_writer, population


async def test_an_undo_racing_a_colleagues_edit_never_loses_it(
    repository: CypherRepository, audit_log: AuditLogFile
) -> None:
    network = NetworkService(repository, audit_log, network_writer(repository), audit_log.of_client)
    await network.load_population(ADMIN, population(1))
    anja, bep = nurse(TEAM.id, "nurse-1"), nurse(TEAM.id, "nurse-2")
    for i in range(12):
        kees = f"kees-{i}"
        added = SaveMember(
            Person(kees, "Kees", Ring.INFORMAL, "neighbour"),
            Membership(kees, "client-0", Ring.INFORMAL, closeness=1),
        )
        await network.change(anja, "client-0", added)
        edit, undo = await asyncio.gather(
            network.change(bep, "client-0", UpdateMember(kees, {}, {"closeness": 3})),
            network.undo_last_change(anja, "client-0", None),
            return_exceptions=True,
        )
        onion = await repository.get_onion("client-0")
        there = {m.person.id: m.membership.closeness for m in onion.members}
        if isinstance(edit, WriteResult):
            # her edit went through: the undo came after it and so was refused
            assert isinstance(undo, VersionConflict), (i, type(undo).__name__)
            assert there[kees] == 3
        else:
            # the undo came first: Kees was gone before the colleague's edit
            assert isinstance(edit, NotFound), (i, type(edit).__name__)
            assert isinstance(undo, WriteResult), (i, type(undo).__name__)
            assert kees not in there
