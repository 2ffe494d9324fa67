"""The research sweep (onions streamed in pages, analysed by a pool of
processes) gives exactly what one process gives, and what the nurse's own
path (her onion read alone, then analysed) gives for each client, on both
databases: the same rows, pseudonyms and graphs, the same aggregates and
the same research files, byte for byte."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from pathlib import Path

import networkx as nx

from graphsvc.analysis import Grouping, build_graph, deidentified_graph, research_row
from graphsvc.analysis.lsns6 import Lsns6Item
from graphsvc.analysis.pseudonyms import pseudonymous_id
from graphsvc.domain import Client, Membership, Onion, Person, Population, Principal, Role
from graphsvc.domain.commands import SaveMember
from graphsvc.runtime import sweep_reader
from graphsvc.seeding.generator import generate_population
from graphsvc.services.analysis import AnalysisService, DeidentifiedClient
from graphsvc.services.fhir_write import FhirWriteService
from graphsvc.services.lsns6_answers import Lsns6Answers
from graphsvc.services.network import NetworkService
from graphsvc.services.network_history import NetworkHistory
from graphsvc.services.research_files import write_research_files
from graphsvc.store.cypher_repository import CypherRepository
from graphsvc.store.fhir_commit import CypherFhirWriter
from graphsvc.store.resource_store import CypherResourceStore

from ..conftest import ADMIN, nurse
from .builders import client_with_team, edit, load

RESEARCHER = Principal(Role.RESEARCHER, "researcher-1")
SECRET = b"a research secret of 32 bytes.."


class _Audit:
    def record(self, entry: object) -> None:
        pass


def _service(repo: CypherRepository, network: NetworkService, workers: int) -> AnalysisService:
    runner = repo._runner
    resources = CypherResourceStore(runner)
    writes = FhirWriteService(repo, resources, CypherFhirWriter(runner), _Audit())
    return AnalysisService(
        repo,
        _Audit(),
        research_secret=SECRET,
        lsns6_answers=Lsns6Answers(network, resources, writes),
        history=NetworkHistory(resources),
        workers=workers,
        sweep_elsewhere=partial(sweep_reader, runner),
    )


def _graph(client: DeidentifiedClient, scope: str) -> tuple[object, ...]:
    g = client.graph(scope)
    return (sorted(g.nodes(data=True)), sorted(nx.to_edgelist(g)))


async def test_the_sweep_in_a_pool_is_the_sweep_in_one_process(
    repository: CypherRepository, network: NetworkService, tmp_path: Path
) -> None:
    population = generate_population(2, 12, seed=3)
    await network.load_population(ADMIN, population)
    ids = sorted(o.client.id for o in population.onions)
    # a client no team serves (between the others by id) is not in the sweep
    await load(repository, Population(onions=(Onion(Client(ids[6] + "x", "Nobody's"), None),)))
    assert (await repository.get_onion(ids[6] + "x")).team_id is None
    serial = _service(repository, network, workers=1)
    pooled = _service(repository, network, workers=2)
    first = min(population.onions, key=lambda o: o.client.id)
    answers = Lsns6Answers(network, CypherResourceStore(repository._runner), _writes(repository))
    await answers.record(
        nurse(first.team_id or ""),
        first.client.id,
        Lsns6Item.RELATIVES_IN_TOUCH,
        0,
        date(2025, 1, 6),
    )

    done: list[int] = []
    one = [c async for c in serial.deidentified(RESEARCHER, workers=1, page=5)]
    many = [
        c async for c in pooled.deidentified(RESEARCHER, workers=2, page=5, progress=done.append)
    ]
    assert len(one) == len(population.onions) == sum(done)
    assert [(c.pseudonym, c.row) for c in many] == [(c.pseudonym, c.row) for c in one]
    assert [_graph(c, "team-x") for c in many] == [_graph(c, "team-x") for c in one]
    # the rows alone (what the research aggregates read), the onions left in the workers
    rows = [r async for r in pooled.pseudonymous_rows(RESEARCHER, workers=2, page=5)]
    assert [(r.pseudonym, r.row) for r in rows] == [(c.pseudonym, c.row) for c in one]

    # each client as the nurse's path reads and analyses her, alone
    for cid, client in zip(ids, one, strict=True):
        onions = await repository.get_onions([cid])
        found = (await serial.analyse(RESEARCHER, onions))[cid]
        row = research_row(onions[cid], found, on=date.today())
        team = None if row.team is None else pseudonymous_id(row.team, SECRET, kind="team")
        assert client.pseudonym == pseudonymous_id(cid, SECRET, kind="client")
        assert (client.row.team, client.row.metrics) == (team, row.metrics)
        assert (client.row.gap_kinds, client.row.age) == (row.gap_kinds, row.age)
        alone = deidentified_graph(build_graph(onions[cid]), SECRET, scope="team-x")
        assert _graph(client, "team-x") == (
            sorted(alone.nodes(data=True)),
            sorted(nx.to_edgelist(alone)),
        )
    assert one[0].row.metrics["lsns6_relatives"] != _without_answers(one[0])

    for by in Grouping:
        assert await pooled.research(RESEARCHER, by) == await serial.research(RESEARCHER, by)
    await write_research_files(serial, RESEARCHER, tmp_path / "one", months=0)
    await write_research_files(pooled, RESEARCHER, tmp_path / "many", months=0)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    assert len(files) > 5
    for name in files:
        assert (tmp_path / "many" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


async def test_a_sweep_while_nurses_write(
    repository: CypherRepository, network: NetworkService
) -> None:
    """Every client whose id the sweep read once is swept once, each as her
    network was before or after a nurse added someone to it meanwhile; every
    addition lands, and a client admitted during the sweep waits for the next."""
    population = generate_population(2, 30, seed=5)
    await network.load_population(ADMIN, population)
    ids = sorted(o.client.id for o in population.onions)
    sizes = {o.client.id: len({m.person.id for m in o.members}) for o in population.onions}
    pooled = _service(repository, network, workers=2)
    sweep = pooled.pseudonymous_rows(RESEARCHER, workers=2, page=2)
    rows = [await anext(sweep)]  # the ids are read: the sweep has begun

    async def add_everyone_a_neighbour() -> None:
        for k, cid in reversed(list(enumerate(ids))):  # the last pages first
            helper = f"neighbour-during-sweep-{k}"
            added = SaveMember(
                Person(helper, f"Buurvrouw {k}", "informal"),
                Membership(helper, cid, "informal", relationship="neighbour"),
            )
            assert (await edit(repository, cid, added)).changed
        await client_with_team(repository, "zz-admitted-during-the-sweep")

    async def read_the_rest() -> None:
        rows.extend([r async for r in sweep])

    await asyncio.gather(add_everyone_a_neighbour(), read_the_rest())
    assert [r.pseudonym for r in rows] == [
        pseudonymous_id(cid, SECRET, kind="client") for cid in ids
    ]
    for cid, row in zip(ids, rows, strict=True):
        assert row.row.metrics["network_size"] in (sizes[cid], sizes[cid] + 1)
    after = await repository.get_onions(ids)
    assert all(
        len({m.person.id for m in o.members}) == sizes[o.client.id] + 1 for o in after.values()
    )


def _writes(repo: CypherRepository) -> FhirWriteService:
    runner = repo._runner
    return FhirWriteService(repo, CypherResourceStore(runner), CypherFhirWriter(runner), _Audit())


def _without_answers(client: DeidentifiedClient) -> float | None:
    """Her LSNS-6 relatives subscale as her network alone would give it."""
    from graphsvc.analysis import analyse_client

    return analyse_client(client._onion).strength.lsns6_relatives
