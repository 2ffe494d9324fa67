"""Everything a nurse does to an onion. Each change names (optionally) the
version it was made against and answers with the client as it now is, or
with a typed problem."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from collections.abc import Callable
from typing import Annotated, Protocol

import strawberry

from graphsvc.domain import Client as DomainClient
from graphsvc.domain import (
    Frequency,
    KnowsTie,
    Membership,
    Need,
    Observation,
    Person,
    Reason,
    Ring,
    SupportKind,
    SupportTie,
    TieStatus,
    ValidationError,
)
from graphsvc.domain.commands import (
    Command,
    RemoveKnows,
    RemoveMember,
    RemoveSupport,
    ResolveNeed,
    SaveKnows,
    SaveMember,
    SaveNeed,
    SaveRating,
    SaveSupport,
    UpdateMember,
)
from graphsvc.domain.values import check_day

from .context import Info
from .inputs import (
    AddMemberInput,
    AddNeedInput,
    AdmitClientInput,
    KnowsInput,
    LinkSupporterInput,
    NeedRefInput,
    RecordLsns6AnswerInput,
    RecordRatingInput,
    RemoveMemberInput,
    UndoInput,
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

# The client is read back after the change has been committed: a field of
# hers that fails (say, a strength history asked for with its dates the wrong
# way round) must not turn an acknowledged change into a null result, as a
# non-null `client` would by GraphQL's null propagation.
_READ_BACK = "The client as she now is; null only when reading her back failed (see errors)."


@strawberry.type(description="A change went through; the client as she now is.")
class NetworkChange:
    client: Client | None = strawberry.field(description=_READ_BACK)
    version: int
    changed: bool = strawberry.field(description="False when the change was already there.")


NetworkChangeResult = Annotated[
    NetworkChange | ValidationProblem | NotFoundProblem | ForbiddenProblem | ConflictProblem,
    strawberry.union("NetworkChangeResult"),
]


@strawberry.type(description="Her answer is recorded, as an Observation; the client as she now is.")
class Lsns6AnswerRecorded:
    client: Client | None = strawberry.field(description=_READ_BACK)
    observation_id: strawberry.ID


Lsns6AnswerResult = Annotated[
    Lsns6AnswerRecorded | ValidationProblem | NotFoundProblem | ForbiddenProblem,
    strawberry.union("Lsns6AnswerResult"),
]


MINUTES_IN_A_WEEK = 7 * 24 * 60


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:20]}"


class NetworkInput(Protocol):
    """What every change's input names: the client, and the version seen."""

    @property
    def client_id(self) -> strawberry.ID: ...
    @property
    def expected_version(self) -> int | None: ...


async def _change(
    info: Info, input: NetworkInput, build: Callable[[], Command]
) -> NetworkChangeResult:
    """Build the command from the input and send it to the network service:
    the client as she now is, or the problem that stopped it (an input value
    the domain refuses included)."""
    client_id, expected_version = str(input.client_id), input.expected_version

    async def run() -> NetworkChange:
        ctx = info.context
        command = build()
        result = await ctx.network.change(ctx.principal, client_id, command, expected_version)
        with contextlib.suppress(KeyError):  # not loaded yet in this request
            ctx.onions.clear(client_id)  # the client must be read as she is now
        return NetworkChange(
            client=Client(id=strawberry.ID(client_id)),
            version=result.version,
            changed=result.changed,
        )

    return await as_result(run)


class HelpInput(Protocol):
    """What an input says of someone's help with a need."""

    @property
    def kind(self) -> SupportKind: ...
    @property
    def frequency(self) -> Frequency | None: ...
    @property
    def hours_per_week(self) -> float | None: ...
    @property
    def minutes_per_week(self) -> float | None: ...
    @property
    def status(self) -> TieStatus: ...
    @property
    def since(self) -> datetime.date | None: ...


def _past(day: datetime.date | None, path: str) -> datetime.date | None:
    """A day a change says something began or was seen: from 1900 to today."""
    return None if day is None else check_day(path, day, today=datetime.date.today())


def _support(supporter_id: str, need_id: str, help: HelpInput, path: str) -> SupportTie:
    """The help as a tie; its time given in hours or in minutes a week."""
    hours, minutes = help.hours_per_week, help.minutes_per_week
    if hours is not None and minutes is not None:
        raise ValidationError(
            f"{path}.minutesPerWeek".lstrip("."),
            "give hours or minutes a week, not both",
            code=Reason.HOURS_AND_MINUTES,
        )
    if minutes is not None:
        if not 0 <= minutes <= MINUTES_IN_A_WEEK:
            raise ValidationError(
                f"{path}.minutesPerWeek".lstrip("."),
                f"must be between 0 and {MINUTES_IN_A_WEEK} minutes a week, got {minutes:g}",
                code=Reason.OUT_OF_RANGE,
                minimum=0,
                maximum=MINUTES_IN_A_WEEK,
            )
        hours = minutes / 60
    return SupportTie(
        supporter_id,
        need_id,
        help.kind,
        help.frequency,
        0.0 if hours is None else hours,
        help.status,
        _past(help.since, f"{path}.since".lstrip(".")),
    )


def _given_fields(values: object, *names: str) -> dict[str, object]:
    """The fields of an input that were given (null included), by name."""
    return {n: v for n in names if (v := getattr(values, n)) is not strawberry.UNSET}


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Take a new client into care by one of your teams, with her GP if named: "
        "she is then in the team's client list, with her FHIR Patient and CareTeam."
    )
    async def admit_client(self, info: Info, input: AdmitClientInput) -> NetworkChangeResult:
        async def run() -> NetworkChange:
            ctx = info.context
            client = DomainClient(
                _new_id("client"),
                input.name,
                input.neighbourhood,
                input.birth_date,
                input.address,
            )
            gp = input.general_practitioner_id
            result = await ctx.network.admit(
                ctx.principal, client, str(input.team_id), None if gp is None else str(gp)
            )
            return NetworkChange(
                client=Client(id=strawberry.ID(client.id)),
                version=result.version,
                changed=result.changed,
            )

        return await as_result(run)

    @strawberry.mutation(
        description="Undo your own last change of the network, as a new change, if nobody "
        "changed the network since (else a ConflictError); NotFoundError when you made none."
    )
    async def undo_last_change(self, info: Info, input: UndoInput) -> NetworkChangeResult:
        client_id = str(input.client_id)

        async def run() -> NetworkChange:
            ctx = info.context
            result = await ctx.network.undo_last_change(
                ctx.principal, client_id, input.expected_version
            )
            with contextlib.suppress(KeyError):  # not loaded yet in this request
                ctx.onions.clear(client_id)
            return NetworkChange(
                client=Client(id=strawberry.ID(client_id)),
                version=result.version,
                changed=result.changed,
            )

        return await as_result(run)

    @strawberry.mutation(description="Put someone in a ring of the client's onion.")
    async def add_member(self, info: Info, input: AddMemberInput) -> NetworkChangeResult:
        def command() -> SaveMember:
            ring = Ring(input.ring)
            prefix = "rp" if ring is Ring.INFORMAL else "pr"
            person_id = str(input.person_id or _new_id(prefix))
            # a relative's own role is her relationship; a professional's, her
            # role (a directory entry's is the directory's: NetworkService)
            own_role = input.relationship if ring is Ring.INFORMAL else input.role
            person = Person(person_id, input.name, ring, own_role, input.contact)
            tie = Membership(
                person_id,
                str(input.client_id),
                ring,
                input.role,
                input.relationship,
                input.contact_frequency,
                input.closeness,
                _past(input.since, "since"),
            )
            supports = tuple(
                _support(person_id, str(h.need_id), h, f"helpsWith[{i}]")
                for i, h in enumerate(input.helps_with)
            )
            knows = tuple(KnowsTie(person_id, str(k.person_id), k.closeness) for k in input.knows)
            return SaveMember(person, tie, supports, knows)

        return await _change(info, input, command)

    @strawberry.mutation(description="Change someone's details or place in the onion.")
    async def update_member(self, info: Info, input: UpdateMemberInput) -> NetworkChangeResult:
        def command() -> UpdateMember:
            # the role is her place in this onion: on the tie, never the person's
            person = _given_fields(input, "name", "contact")
            membership = _given_fields(
                input, "ring", "role", "relationship", "contact_frequency", "closeness", "since"
            )
            if isinstance(since := membership.get("since"), datetime.date):
                _past(since, "since")
            return UpdateMember(str(input.person_id), person, membership)

        return await _change(info, input, command)

    @strawberry.mutation(description="Take someone out of the onion, with the help she gave.")
    async def remove_member(self, info: Info, input: RemoveMemberInput) -> NetworkChangeResult:
        return await _change(info, input, lambda: RemoveMember(str(input.person_id)))

    @strawberry.mutation(description="Record a need: an Omaha System problem of the client.")
    async def add_need(self, info: Info, input: AddNeedInput) -> NetworkChangeResult:
        def command() -> SaveNeed:
            need_id = str(input.need_id or _new_id("need"))
            since = _past(input.since, "since") or datetime.date.today()
            return SaveNeed(Need(need_id, str(input.client_id), input.code, since=since))

        return await _change(info, input, command)

    @strawberry.mutation(description="Mark a need as resolved.")
    async def resolve_need(self, info: Info, input: NeedRefInput) -> NetworkChangeResult:
        return await _change(info, input, lambda: ResolveNeed(str(input.need_id)))

    @strawberry.mutation(description="Say who helps with a need, how often and how long.")
    async def link_supporter(self, info: Info, input: LinkSupporterInput) -> NetworkChangeResult:
        def command() -> SaveSupport:
            return SaveSupport(_support(str(input.supporter_id), str(input.need_id), input, ""))

        return await _change(info, input, command)

    @strawberry.mutation(description="Someone no longer helps with a need.")
    async def unlink_supporter(
        self, info: Info, input: UnlinkSupporterInput
    ) -> NetworkChangeResult:
        return await _change(
            info, input, lambda: RemoveSupport(str(input.supporter_id), str(input.need_id))
        )

    @strawberry.mutation(description="Two people of the onion know each other.")
    async def add_knows(self, info: Info, input: KnowsInput) -> NetworkChangeResult:
        def command() -> SaveKnows:
            return SaveKnows(KnowsTie(str(input.person_a), str(input.person_b), input.closeness))

        return await _change(info, input, command)

    @strawberry.mutation(description="Forget that two people know each other.")
    async def remove_knows(self, info: Info, input: KnowsInput) -> NetworkChangeResult:
        return await _change(
            info, input, lambda: RemoveKnows(str(input.person_a), str(input.person_b))
        )

    @strawberry.mutation(description="Record a Knowledge, Behavior or Status rating of a need.")
    async def record_rating(self, info: Info, input: RecordRatingInput) -> NetworkChangeResult:
        def command() -> SaveRating:
            return SaveRating(
                Observation(
                    str(input.rating_id or _new_id("obs")),
                    str(input.client_id),
                    str(input.need_id),
                    input.dimension,
                    input.value,
                    _past(input.effective, "effective") or datetime.date.today(),
                )
            )

        return await _change(info, input, command)

    @strawberry.mutation(
        description="Record the client's own answer to an LSNS-6 item; it then counts "
        "instead of the item counted in her onion."
    )
    async def record_lsns6_answer(
        self, info: Info, input: RecordLsns6AnswerInput
    ) -> Lsns6AnswerResult:
        client_id = str(input.client_id)

        async def run() -> Lsns6AnswerRecorded:
            ctx = info.context
            recorded = await ctx.lsns6_answers.record(
                ctx.principal,
                client_id,
                input.item,
                input.score,
                _past(input.effective, "effective") or datetime.date.today(),
            )
            with contextlib.suppress(KeyError):  # not analysed yet in this request
                ctx.analyses.clear(client_id)
            return Lsns6AnswerRecorded(
                client=Client(id=strawberry.ID(client_id)), observation_id=strawberry.ID(recorded)
            )

        found = await as_result(run)
        assert not isinstance(found, ConflictProblem)  # no version is named
        return found
