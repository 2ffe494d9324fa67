"""Everything a nurse does to an onion. Each change names (optionally) the
version it was made against and answers with the client as it now is, or
with a typed problem."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from typing import Annotated

import strawberry

from graphsvc.domain import (
    KnowsTie,
    Membership,
    Need,
    Observation,
    Person,
    Ring,
    SupportTie,
)
from graphsvc.store.port import WriteResult

from .context import Info
from .inputs import (
    AddMemberInput,
    AddNeedInput,
    KnowsInput,
    LinkSupporterInput,
    NeedRefInput,
    RecordRatingInput,
    RemoveMemberInput,
    UnlinkSupporterInput,
    UpdateMemberInput,
)
from .problems import (
    ConflictProblem,
    ForbiddenProblem,
    NotFoundProblem,
    ValidationProblem,
    as_result,
)
from .types import Client


@strawberry.type(description="A change went through; the client as she now is.")
class NetworkChange:
    client: Client
    version: int
    changed: bool = strawberry.field(description="False when the change was already there.")


NetworkChangeResult = Annotated[
    NetworkChange | ValidationProblem | NotFoundProblem | ForbiddenProblem | ConflictProblem,
    strawberry.union("NetworkChangeResult"),
]


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:20]}"


def _change(info: Info, client_id: str, result: WriteResult) -> NetworkChange:
    with contextlib.suppress(KeyError):  # not loaded yet in this request
        info.context.onions.clear(client_id)  # the client must be read as she is now
    return NetworkChange(
        client=Client(id=strawberry.ID(client_id)), version=result.version, changed=result.changed
    )


def _given_fields(values: object, *names: str) -> dict[str, object]:
    """The fields of an input that were given (null included), by name."""
    return {n: v for n in names if (v := getattr(values, n)) is not strawberry.UNSET}


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Put someone in a ring of the client's onion.")
    async def add_member(self, info: Info, input: AddMemberInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ring = Ring(input.ring)
            prefix = "rp" if ring is Ring.INFORMAL else "pr"
            person_id = str(input.person_id or _new_id(prefix))
            person = Person(person_id, input.name, ring, input.role, input.contact)
            tie = Membership(
                person_id,
                str(input.client_id),
                ring,
                input.role,
                input.relationship,
                input.contact_frequency,
                input.closeness,
                input.since,
            )
            ctx = info.context
            result = await ctx.network.save_member(
                ctx.principal, person, tie, input.expected_version
            )
            return _change(info, tie.client_id, result)

        return await as_result(run)

    @strawberry.mutation(description="Change someone's details or place in the onion.")
    async def update_member(self, info: Info, input: UpdateMemberInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            person = _given_fields(input, "name", "role", "contact")
            membership = _given_fields(
                input, "ring", "role", "relationship", "contact_frequency", "closeness", "since"
            )
            result = await ctx.network.update_member(
                ctx.principal,
                str(input.client_id),
                str(input.person_id),
                person,
                membership,
                input.expected_version,
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Take someone out of the onion, with the help she gave.")
    async def remove_member(self, info: Info, input: RemoveMemberInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            result = await ctx.network.remove_member(
                ctx.principal, str(input.client_id), str(input.person_id), input.expected_version
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Record a need: an Omaha System problem of the client.")
    async def add_need(self, info: Info, input: AddNeedInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            need = Need(
                str(input.need_id or _new_id("need")),
                str(input.client_id),
                input.code,
                since=input.since or datetime.date.today(),
            )
            result = await ctx.network.save_need(ctx.principal, need, input.expected_version)
            return _change(info, need.client_id, result)

        return await as_result(run)

    @strawberry.mutation(description="Mark a need as resolved.")
    async def resolve_need(self, info: Info, input: NeedRefInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            result = await ctx.network.resolve_need(
                ctx.principal, str(input.client_id), str(input.need_id), input.expected_version
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Say who helps with a need, how often and how long.")
    async def link_supporter(self, info: Info, input: LinkSupporterInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            tie = SupportTie(
                str(input.supporter_id),
                str(input.need_id),
                input.kind,
                input.frequency,
                input.hours_per_week,
                input.status,
                input.since,
            )
            result = await ctx.network.link_supporter(
                ctx.principal, str(input.client_id), tie, input.expected_version
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Someone no longer helps with a need.")
    async def unlink_supporter(
        self, info: Info, input: UnlinkSupporterInput
    ) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            result = await ctx.network.unlink_supporter(
                ctx.principal,
                str(input.client_id),
                str(input.supporter_id),
                str(input.need_id),
                input.expected_version,
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Two people of the onion know each other.")
    async def add_knows(self, info: Info, input: KnowsInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            tie = KnowsTie(str(input.person_a), str(input.person_b), input.closeness)
            result = await ctx.network.add_knows(
                ctx.principal, str(input.client_id), tie, input.expected_version
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Forget that two people know each other.")
    async def remove_knows(self, info: Info, input: KnowsInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            result = await ctx.network.remove_knows(
                ctx.principal,
                str(input.client_id),
                str(input.person_a),
                str(input.person_b),
                input.expected_version,
            )
            return _change(info, str(input.client_id), result)

        return await as_result(run)

    @strawberry.mutation(description="Record a Knowledge, Behavior or Status rating of a need.")
    async def record_rating(self, info: Info, input: RecordRatingInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            rating = Observation(
                str(input.rating_id or _new_id("obs")),
                str(input.client_id),
                str(input.need_id),
                input.dimension,
                input.value,
                input.effective or datetime.date.today(),
            )
            result = await ctx.network.record_rating(ctx.principal, rating, input.expected_version)
            return _change(info, rating.client_id, result)

        return await as_result(run)
