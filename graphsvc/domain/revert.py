"""Undoing a change: the parts of a network a change touched, as they were
before it, so that putting them back is itself a change (history is never
rewritten).

:func:`revert_of` compares the network before and after a change (pure);
:class:`Revert` holds what to put back and what to take away; applied to the
network as the change left it, it gives the network as it was before. What
only FHIR says (the help of each member from the care plans, the
diagnoses) is not part of it: the care plans say that, not the graph.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, TypeVar

from .client import Client
from .errors import Reason, ValidationError
from .need import Need
from .observation import Observation
from .onion import Member, Onion
from .person import Person
from .ties import KnowsTie, Membership, SupportTie

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Revert:
    """Parts to put back as they were (replacing what is there now) and
    keys of parts to take away (made by the change undone)."""

    client: Client | None = None
    team_id: str | None = None
    members: tuple[Member, ...] = ()
    members_gone: tuple[str, ...] = ()
    needs: tuple[Need, ...] = ()
    needs_gone: tuple[str, ...] = ()
    supports: tuple[SupportTie, ...] = ()
    supports_gone: tuple[tuple[str, str], ...] = ()
    knows: tuple[KnowsTie, ...] = ()
    knows_gone: tuple[tuple[str, str], ...] = ()
    observations: tuple[Observation, ...] = ()
    observations_gone: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self == Revert()


def _member_key(m: Member) -> str:
    return m.person.id


def _support_key(s: SupportTie) -> tuple[str, str]:
    return (s.supporter_id, s.need_id)


def _knows_key(k: KnowsTie) -> tuple[str, str]:
    return (k.person_a, k.person_b)


def _diff(
    before: Iterable[T], after: Iterable[T], key: Callable[[T], Any]
) -> tuple[tuple[T, ...], tuple[Any, ...]]:
    """What to put back (in ``before``, and gone or different after) and the
    keys to take away (only in ``after``)."""
    was = {key(x): x for x in before}
    now = {key(x): x for x in after}
    back = tuple(x for k, x in was.items() if now.get(k) != x)
    gone = tuple(sorted(k for k in now if k not in was))
    return back, gone


def revert_of(before: Onion, after: Onion) -> Revert:
    """The change that takes ``after`` back to ``before`` (pure)."""
    b, a = before.without_fhir_only(), after.without_fhir_only()
    members, members_gone = _diff(b.members, a.members, _member_key)
    needs, needs_gone = _diff(b.needs, a.needs, lambda n: n.id)
    supports, supports_gone = _diff(b.supports, a.supports, _support_key)
    knows, knows_gone = _diff(b.knows, a.knows, _knows_key)
    observations, observations_gone = _diff(b.observations, a.observations, lambda o: o.id)
    return Revert(
        client=before.client if before.client != after.client else None,
        team_id=before.team_id if before.team_id != after.team_id else None,
        members=members,
        members_gone=members_gone,
        needs=needs,
        needs_gone=needs_gone,
        supports=supports,
        supports_gone=supports_gone,
        knows=knows,
        knows_gone=knows_gone,
        observations=observations,
        observations_gone=observations_gone,
    )


def _put(
    current: Iterable[T], back: Iterable[T], gone: Iterable[Hashable], key: Callable[[T], Any]
) -> tuple[T, ...]:
    replaced = {key(x): x for x in back}
    dropped = set(gone) | set(replaced)
    return (*(x for x in current if key(x) not in dropped), *replaced.values())


def apply_revert(onion: Onion, revert: Revert) -> Onion:
    """The network with the parts put back (members keep the help FHIR says
    they give, when they are still there)."""
    if revert.client is not None and revert.client.id != onion.client.id:
        raise ValidationError("client.id", "names another client")
    helps = {m.person.id: m.helps for m in onion.members}
    members = tuple(replace(m, helps=helps.get(m.person.id, ())) for m in revert.members)
    return replace(
        onion,
        client=revert.client or onion.client,
        team_id=revert.team_id or onion.team_id,
        members=_put(onion.members, members, revert.members_gone, _member_key),
        needs=_put(onion.needs, revert.needs, revert.needs_gone, lambda n: n.id),
        supports=_put(onion.supports, revert.supports, revert.supports_gone, _support_key),
        knows=_put(onion.knows, revert.knows, revert.knows_gone, _knows_key),
        observations=_put(
            onion.observations, revert.observations, revert.observations_gone, lambda o: o.id
        ),
    )


# -- as JSON text (kept with the record of the change) -------------------------


def _plain(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def revert_to_json(revert: Revert) -> str:
    body = {k: v for k, v in _plain(revert).items() if v not in (None, [])}
    for member in body.get("members", []):
        member.pop("helps", None)  # FHIR's, never put back from here
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _member(raw: Mapping[str, Any]) -> Member:
    return Member(
        Person(**raw["person"]),
        Membership(**raw["membership"]),
        tuple(raw.get("organization_ids", ())),
    )


def revert_from_json(text: str) -> Revert:
    """The revert a text holds; a ValidationError when it holds none."""
    try:
        raw = json.loads(text)
        return Revert(
            client=Client(**raw["client"]) if "client" in raw else None,
            team_id=raw.get("team_id"),
            members=tuple(_member(m) for m in raw.get("members", ())),
            members_gone=tuple(raw.get("members_gone", ())),
            needs=tuple(Need(**n) for n in raw.get("needs", ())),
            needs_gone=tuple(raw.get("needs_gone", ())),
            supports=tuple(SupportTie(**s) for s in raw.get("supports", ())),
            supports_gone=tuple((a, b) for a, b in raw.get("supports_gone", ())),
            knows=tuple(KnowsTie(**k) for k in raw.get("knows", ())),
            knows_gone=tuple((a, b) for a, b in raw.get("knows_gone", ())),
            observations=tuple(Observation(**o) for o in raw.get("observations", ())),
            observations_gone=tuple(raw.get("observations_gone", ())),
        )
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationError(
            "change", f"cannot be undone: {error}", code=Reason.CANNOT_UNDO
        ) from None
