"""A population as JSON: the format of seed files (``graphsvc-population/1``).

Keys are camelCase, dates ISO strings, enums their values. A key whose value
is None is left out; every other key is required, and keys the format does
not know are refused, so that a typo in a hand-edited seed cannot pass
unnoticed. Inside an onion the client is implied: members, needs and
observations carry no clientId, which is why an onion must be consistent
(``Onion.check_consistent``) to be written or read.

Anything malformed raises :class:`~graphsvc.domain.ValidationError` whose
``field`` is the path of the offending value, e.g. ``onions[3].needs[0].code``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import Enum
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from graphsvc.domain import (
    Client,
    Frequency,
    KnowsTie,
    Member,
    Membership,
    Need,
    NeedStatus,
    Observation,
    Onion,
    Organization,
    OrganizationKind,
    Person,
    Population,
    RatingDimension,
    Ring,
    Staff,
    SupportKind,
    SupportTie,
    Team,
    TieStatus,
    ValidationError,
)
from graphsvc.domain.values import check_enum, check_id

FORMAT = "graphsvc-population/1"
ROOT = "$"

JSONObject = dict[str, Any]
T = TypeVar("T")
E = TypeVar("E", bound=Enum)


# ---------------------------------------------------------------- writing


def population_to_json(pop: Population) -> JSONObject:
    """The population as plain JSON data (dicts, lists, str, int, float)."""
    return {
        "format": FORMAT,
        "teams": [_team_out(t) for t in pop.teams],
        "organizations": [_organization_out(o) for o in pop.organizations],
        "staff": [_staff_out(s) for s in pop.staff],
        "onions": [_onion_out(o, f"onions[{i}]") for i, o in enumerate(pop.onions)],
    }


def _present(**fields: object) -> JSONObject:
    out: JSONObject = {}
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, date):
            value = value.isoformat()
        out[key] = value
    return out


def _team_out(t: Team) -> JSONObject:
    return _present(id=t.id, name=t.name, neighbourhood=t.neighbourhood)


def _organization_out(o: Organization) -> JSONObject:
    return _present(id=o.id, name=o.name, kind=o.kind)


def _person_out(p: Person) -> JSONObject:
    return _present(id=p.id, name=p.name, ring=p.ring, role=p.role, contact=p.contact)


def _staff_out(s: Staff) -> JSONObject:
    return {"person": _person_out(s.person), "organizationIds": list(s.organization_ids)}


def _member_out(m: Member) -> JSONObject:
    ms = m.membership
    out: JSONObject = {"person": _person_out(m.person)}
    out.update(
        _present(
            ring=ms.ring,
            role=ms.role,
            relationship=ms.relationship,
            contactFrequency=ms.contact_frequency,
            closeness=ms.closeness,
            since=ms.since,
        )
    )
    out["organizationIds"] = list(m.organization_ids)
    return out


def _onion_out(o: Onion, path: str) -> JSONObject:
    with _within(path):
        o.check_consistent()
    c = o.client
    out: JSONObject = {
        "client": _present(
            id=c.id,
            name=c.name,
            neighbourhood=c.neighbourhood,
            birthDate=c.birth_date,
            address=c.address,
        )
    }
    out.update(_present(teamId=o.team_id))
    out["version"] = o.version
    out["members"] = [_member_out(m) for m in o.members]
    out["needs"] = [_present(id=n.id, code=n.code, status=n.status, since=n.since) for n in o.needs]
    out["supports"] = [
        _present(
            supporterId=s.supporter_id,
            needId=s.need_id,
            kind=s.kind,
            frequency=s.frequency,
            hoursPerWeek=s.hours_per_week,
            status=s.status,
            since=s.since,
        )
        for s in o.supports
    ]
    out["knows"] = [
        _present(personA=k.person_a, personB=k.person_b, closeness=k.closeness) for k in o.knows
    ]
    out["observations"] = [
        _present(
            id=b.id, needId=b.need_id, dimension=b.dimension, value=b.value, effective=b.effective
        )
        for b in o.observations
    ]
    return out


# ---------------------------------------------------------------- reading


def population_from_json(data: object) -> Population:
    """The population a JSON document describes, checked throughout."""
    if isinstance(data, dict) and "format" in data and data["format"] != FORMAT:
        raise ValidationError("format", f"{_kind(data['format'])} is not {FORMAT!r}")
    root = _Fields(data, ROOT, ("format", "teams", "organizations", "staff", "onions"))
    teams = root.items("teams", _team_in)
    organizations = root.items("organizations", _organization_in)
    staff = root.items("staff", _staff_in)
    onions = root.items("onions", _onion_in)
    _unique("teams", (t.id for t in teams), "id")
    _unique("organizations", (o.id for o in organizations), "id")
    _unique("staff", (s.person.id for s in staff), "person.id")
    _unique("onions", (o.client.id for o in onions), "client.id")
    _unique_across(onions, "needs", lambda o: (n.id for n in o.needs))
    _unique_across(onions, "observations", lambda o: (b.id for b in o.observations))
    return Population(teams, organizations, staff, onions)


class _Fields:
    """One JSON object being read: checks its keys and types, names paths."""

    __slots__ = ("_data", "path")

    def __init__(
        self, value: object, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> None:
        if not isinstance(value, dict):
            raise ValidationError(path, f"must be an object, got {_kind(value)}")
        for key in value:
            if key not in required and key not in optional:
                raise ValidationError(self._join(path, str(key)), "is not a field of this format")
        for key in required:
            if key not in value:
                raise ValidationError(self._join(path, key), "is missing")
        self._data: Mapping[str, object] = value
        self.path = path

    @staticmethod
    def _join(path: str, key: str) -> str:
        return key if path == ROOT else f"{path}.{key}"

    def at(self, key: str) -> str:
        return self._join(self.path, key)

    def _get(self, key: str, kinds: type | tuple[type, ...], what: str) -> Any:
        value = self._data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise ValidationError(self.at(key), f"must be {what}, got {_kind(value)}")
        return value

    def _required(self, key: str, kinds: type | tuple[type, ...], what: str) -> Any:
        value = self._get(key, kinds, what)
        if value is None:
            raise ValidationError(self.at(key), f"must be {what}, got null")
        return value

    def text(self, key: str) -> str:
        value: str = self._required(key, str, "text")
        return value

    def opt_text(self, key: str) -> str | None:
        value: str | None = self._get(key, str, "text")
        return value

    def whole(self, key: str) -> int:
        value: int = self._required(key, int, "a whole number")
        return value

    def opt_whole(self, key: str) -> int | None:
        value: int | None = self._get(key, int, "a whole number")
        return value

    def number(self, key: str) -> float:
        value: float = self._required(key, (int, float), "a number")
        return value

    def day(self, key: str) -> date:
        value = self.opt_day(key)
        if value is None:
            raise ValidationError(self.at(key), "must be a date (YYYY-MM-DD), got null")
        return value

    def opt_day(self, key: str) -> date | None:
        text: str | None = self._get(key, str, "a date (YYYY-MM-DD)")
        if text is None:
            return None
        try:
            if len(text) != 10:
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(self.at(key), f"{text!r} is not a date (YYYY-MM-DD)") from None

    def choice(self, key: str, kind: type[E]) -> E:
        return check_enum(self.at(key), kind, self.text(key))

    def opt_choice(self, key: str, kind: type[E]) -> E | None:
        value = self.opt_text(key)
        return None if value is None else check_enum(self.at(key), kind, value)

    def items(self, key: str, read: Callable[[object, str], T]) -> tuple[T, ...]:
        values: list[object] = self._required(key, list, "a list")
        base = self.at(key)
        return tuple(read(v, f"{base}[{i}]") for i, v in enumerate(values))

    def nested(self, key: str, read: Callable[[object, str], T]) -> T:
        return read(self._data.get(key), self.at(key))


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value) if isinstance(value, str | int | float | None) else repr(value)


@contextmanager
def _within(path: str) -> Iterator[None]:
    """Put ``path`` in front of the field a domain rule names."""
    try:
        yield
    except ValidationError as e:
        raise ValidationError(f"{path}.{e.field}", e.message) from None


@contextmanager
def _building(path: str) -> Iterator[None]:
    """Domain constructors name fields 'entity.field'; the file knows them by path."""
    try:
        yield
    except ValidationError as e:
        if e.field.startswith(f"{path}."):
            raise
        raise ValidationError(f"{path}.{e.field.rpartition('.')[2]}", e.message) from None


def _team_in(value: object, path: str) -> Team:
    f = _Fields(value, path, ("id", "name"), ("neighbourhood",))
    with _building(path):
        return Team(f.text("id"), f.text("name"), f.opt_text("neighbourhood"))


def _organization_in(value: object, path: str) -> Organization:
    f = _Fields(value, path, ("id", "name", "kind"))
    with _building(path):
        return Organization(f.text("id"), f.text("name"), f.choice("kind", OrganizationKind))


def _person_in(value: object, path: str) -> Person:
    f = _Fields(value, path, ("id", "name", "ring"), ("role", "contact"))
    with _building(path):
        return Person(
            f.text("id"),
            f.text("name"),
            f.choice("ring", Ring),
            f.opt_text("role"),
            f.opt_text("contact"),
        )


def _staff_in(value: object, path: str) -> Staff:
    f = _Fields(value, path, ("person", "organizationIds"))
    return Staff(f.nested("person", _person_in), _ids(f, "organizationIds"))


def _ids(f: _Fields, key: str) -> tuple[str, ...]:
    return f.items(key, lambda v, p: check_id(p, v))


def _client_in(value: object, path: str) -> Client:
    f = _Fields(value, path, ("id", "name"), ("neighbourhood", "birthDate", "address"))
    with _building(path):
        return Client(
            f.text("id"),
            f.text("name"),
            f.opt_text("neighbourhood"),
            f.opt_day("birthDate"),
            f.opt_text("address"),
        )


_MEMBER_OPTIONAL = ("role", "relationship", "contactFrequency", "closeness", "since")


def _member_in(value: object, path: str, client_id: str) -> Member:
    f = _Fields(value, path, ("person", "ring", "organizationIds"), _MEMBER_OPTIONAL)
    person = f.nested("person", _person_in)
    with _building(path):
        membership = Membership(
            person.id,
            client_id,
            f.choice("ring", Ring),
            f.opt_text("role"),
            f.opt_text("relationship"),
            f.opt_choice("contactFrequency", Frequency),
            f.opt_whole("closeness"),
            f.opt_day("since"),
        )
    return Member(person, membership, _ids(f, "organizationIds"))


def _need_in(value: object, path: str, client_id: str) -> Need:
    f = _Fields(value, path, ("id", "code", "status"), ("since",))
    with _building(path):
        return Need(
            f.text("id"),
            client_id,
            f.text("code"),
            f.choice("status", NeedStatus),
            f.opt_day("since"),
        )


def _support_in(value: object, path: str) -> SupportTie:
    f = _Fields(
        value,
        path,
        ("supporterId", "needId", "kind", "hoursPerWeek", "status"),
        ("frequency", "since"),
    )
    with _building(path):
        return SupportTie(
            f.text("supporterId"),
            f.text("needId"),
            f.choice("kind", SupportKind),
            f.opt_choice("frequency", Frequency),
            f.number("hoursPerWeek"),
            f.choice("status", TieStatus),
            f.opt_day("since"),
        )


def _knows_in(value: object, path: str) -> KnowsTie:
    f = _Fields(value, path, ("personA", "personB"), ("closeness",))
    with _building(path):
        return KnowsTie(f.text("personA"), f.text("personB"), f.opt_whole("closeness"))


def _observation_in(value: object, path: str, client_id: str) -> Observation:
    f = _Fields(value, path, ("id", "dimension", "value", "effective"), ("needId",))
    with _building(path):
        return Observation(
            f.text("id"),
            client_id,
            f.opt_text("needId"),
            f.choice("dimension", RatingDimension),
            f.whole("value"),
            f.day("effective"),
        )


_ONION_KEYS = ("client", "version", "members", "needs", "supports", "knows", "observations")


def _onion_in(value: object, path: str) -> Onion:
    f = _Fields(value, path, _ONION_KEYS, ("teamId",))
    client = f.nested("client", _client_in)
    team_id = f.opt_text("teamId")
    if team_id is not None:
        check_id(f.at("teamId"), team_id)
    version = f.whole("version")
    if version < 0:
        raise ValidationError(f.at("version"), f"must not be negative, got {version}")
    onion = Onion(
        client=client,
        team_id=team_id,
        version=version,
        members=f.items("members", lambda v, p: _member_in(v, p, client.id)),
        needs=f.items("needs", lambda v, p: _need_in(v, p, client.id)),
        supports=f.items("supports", _support_in),
        knows=f.items("knows", _knows_in),
        observations=f.items("observations", lambda v, p: _observation_in(v, p, client.id)),
    )
    _unique(f.at("members"), (m.person.id for m in onion.members), "person.id")
    _unique(f.at("needs"), (n.id for n in onion.needs), "id")
    with _within(path):
        onion.check_consistent()
    return onion


def _unique(path: str, ids: Iterable[str], key: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise ValidationError(f"{path}[{i}].{key}", f"{ident!r} appears more than once")
        seen.add(ident)


def _unique_across(
    onions: tuple[Onion, ...], part: str, ids: Callable[[Onion], Iterable[str]]
) -> None:
    seen: set[str] = set()
    for i, onion in enumerate(onions):
        for j, ident in enumerate(ids(onion)):
            if ident in seen:
                raise ValidationError(
                    f"onions[{i}].{part}[{j}].id", f"{ident!r} appears more than once"
                )
            seen.add(ident)


# ---------------------------------------------------------------- files


def dumps_population(pop: Population, *, indent: int | None = 1) -> str:
    """The text of a seed file: readable by default, compact with indent=None."""
    separators = None if indent is not None else (",", ":")
    text = json.dumps(
        population_to_json(pop), indent=indent, ensure_ascii=False, separators=separators
    )
    return text + "\n"


def loads_population(text: str) -> Population:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}"
        raise ValidationError(ROOT, f"not JSON: {e.msg} at {where}") from None
    return population_from_json(data)


def dump_population(pop: Population, path: str | PathLike[str], *, indent: int | None = 1) -> None:
    Path(path).write_text(dumps_population(pop, indent=indent), encoding="utf-8")


def load_population(path: str | PathLike[str]) -> Population:
    return loads_population(Path(path).read_text(encoding="utf-8"))
