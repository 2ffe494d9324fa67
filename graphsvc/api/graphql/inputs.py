"""Inputs of the mutations a nurse makes."""

from __future__ import annotations

import datetime

import strawberry

from .enums import (
    Frequency,
    Lsns6Item,
    RatingDimension,
    Ring,
    SupportKind,
    TieStatus,
)

VERSION_HELP = "The network version this change was made against; a stale one is a conflict."


@strawberry.input(description="A new client taken into care by a team.")
class AdmitClientInput:
    name: str
    team_id: strawberry.ID = strawberry.field(description="The team that serves her (yours).")
    birth_date: datetime.date | None = None
    address: str | None = strawberry.field(
        default=None, description='Her home address as one line ("Dorpsstraat 1, 1234 AB Utrecht").'
    )
    neighbourhood: str | None = strawberry.field(default=None, description="Her wijk.")
    general_practitioner_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Her GP: a general practitioner of the directory (see directory).",
    )


HOURS_HELP = "Hours a week, any amount (10 minutes is 0.1667); or give minutesPerWeek."
MINUTES_HELP = "Minutes a week, instead of hoursPerWeek (10 for ten minutes a week)."


@strawberry.input(description="A need she helps with, how and how much.")
class MemberHelpInput:
    need_id: strawberry.ID
    kind: SupportKind = SupportKind.PRACTICAL
    frequency: Frequency | None = None
    hours_per_week: float | None = strawberry.field(default=None, description=HOURS_HELP)
    minutes_per_week: float | None = strawberry.field(default=None, description=MINUTES_HELP)
    status: TieStatus = TieStatus.ACTIVE
    since: datetime.date | None = None


@strawberry.input(description="Someone of the onion she knows.")
class MemberKnowsInput:
    person_id: strawberry.ID
    closeness: int | None = strawberry.field(default=None, description="1 not very close .. 3.")


@strawberry.input
class AddMemberInput:
    client_id: strawberry.ID
    name: str
    ring: Ring
    person_id: strawberry.ID | None = strawberry.field(
        default=None, description="An existing person (a team nurse, the GP); new if omitted."
    )
    role: str | None = None
    relationship: str | None = None
    contact: str | None = None
    contact_frequency: Frequency | None = None
    closeness: int | None = None
    since: datetime.date | None = None
    helps_with: list[MemberHelpInput] = strawberry.field(
        default_factory=list,
        description="The needs she helps with, in the same change (her help with other "
        "needs stays as it was).",
    )
    knows: list[MemberKnowsInput] = strawberry.field(
        default_factory=list, description="Whom of the onion she knows, in the same change."
    )
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Fields left out keep their value; null clears them.")
class UpdateMemberInput:
    client_id: strawberry.ID
    person_id: strawberry.ID
    name: str | None = strawberry.UNSET
    ring: Ring | None = strawberry.UNSET
    role: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Her role in this onion (CareTeam.participant.role); a directory "
        "entry's own role is the directory's.",
    )
    relationship: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="A relative's relationship to the client (RelatedPerson.relationship); "
        "a professional has none.",
    )
    contact: str | None = strawberry.UNSET
    contact_frequency: Frequency | None = strawberry.UNSET
    closeness: int | None = strawberry.UNSET
    since: datetime.date | None = strawberry.UNSET
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="Undo your own last change of a client's network.")
class UndoInput:
    client_id: strawberry.ID
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input
class RemoveMemberInput:
    client_id: strawberry.ID
    person_id: strawberry.ID
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input
class AddNeedInput:
    client_id: strawberry.ID
    code: str = strawberry.field(description="Omaha System problem code, 01-42.")
    need_id: strawberry.ID | None = None
    since: datetime.date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input
class NeedRefInput:
    client_id: strawberry.ID
    need_id: strawberry.ID
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input
class LinkSupporterInput:
    client_id: strawberry.ID
    need_id: strawberry.ID
    supporter_id: strawberry.ID
    kind: SupportKind = SupportKind.PRACTICAL
    frequency: Frequency | None = None
    hours_per_week: float | None = strawberry.field(default=None, description=HOURS_HELP)
    minutes_per_week: float | None = strawberry.field(default=None, description=MINUTES_HELP)
    status: TieStatus = TieStatus.ACTIVE
    since: datetime.date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input
class UnlinkSupporterInput:
    client_id: strawberry.ID
    need_id: strawberry.ID
    supporter_id: strawberry.ID
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input
class KnowsInput:
    client_id: strawberry.ID
    person_a: strawberry.ID
    person_b: strawberry.ID
    closeness: int | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)


@strawberry.input(description="The client's own answer to one LSNS-6 item.")
class RecordLsns6AnswerInput:
    client_id: strawberry.ID
    item: Lsns6Item
    score: int = strawberry.field(
        description="Her answer scored 0-5: 0 none, 1 one, 2 two, 3 three or four, "
        "4 five to eight, 5 nine or more."
    )
    effective: datetime.date | None = strawberry.field(
        default=None, description="The day she answered; defaults to today."
    )


@strawberry.input
class RecordRatingInput:
    client_id: strawberry.ID
    need_id: strawberry.ID
    dimension: RatingDimension
    value: int = strawberry.field(description="1 (worst) to 5 (best).")
    effective: datetime.date | None = strawberry.field(
        default=None, description="Defaults to today."
    )
    rating_id: strawberry.ID | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION_HELP)
