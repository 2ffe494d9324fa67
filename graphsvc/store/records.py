"""Domain objects <-> property maps as stored on nodes and relationships.

Dates are ISO strings and enums their values, so both databases hold the same
plain properties. ``digest`` is a fingerprint of the properties, kept beside
them so a write can tell whether anything changed (and only then move the
client's network version).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from graphsvc.domain import (
    Client,
    Diagnosis,
    Help,
    KnowsTie,
    Member,
    Membership,
    Need,
    Observation,
    Onion,
    Organization,
    Person,
    Population,
    SupportTie,
    Team,
)
from graphsvc.domain.folding import fold

Props = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _props(**values: Any) -> Props:
    return {k: _plain(v) for k, v in values.items()}


def digest(props: Mapping[str, Any]) -> str:
    canonical = json.dumps(props, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def with_digest(props: Props) -> Props:
    return {**props, "digest": digest(props)}


def as_list(value: Any) -> list[Any]:
    """FalkorDB gives null for an empty nested pattern comprehension."""
    return [] if value is None else list(value)


# -- encoders ---------------------------------------------------------------


def team_props(team: Team) -> Props:
    return _props(name=team.name, neighbourhood=team.neighbourhood, kind="nursing-team")


def organization_props(org: Organization) -> Props:
    return _with_folded_name(_props(name=org.name, kind=org.kind), org.name)


def _with_folded_name(props: Props, name: str) -> Props:
    """A name with accents keeps a folded copy, which the directory search
    compares ("Zoe" finds Zoë). Only then, so that other digests stay as they were."""
    folded = fold(name)
    if folded != name.lower():
        props["folded_name"] = folded
    return props


def person_props(person: Person) -> Props:
    props = _props(name=person.name, ring=person.ring, role=person.role, contact=person.contact)
    if person.organization:  # only then, so that the digests of people stay as they were
        props["organization"] = True
    return _with_folded_name(props, person.name)


def client_props(client: Client) -> Props:
    props = _props(
        name=client.name, neighbourhood=client.neighbourhood, birth_date=client.birth_date
    )
    if client.address is not None:  # only then, so that the digests stay as they were
        props["address"] = client.address
    return props


def membership_props(m: Membership) -> Props:
    return _props(
        ring=m.ring,
        role=m.role,
        relationship=m.relationship,
        contact_frequency=m.contact_frequency,
        closeness=m.closeness,
        since=m.since,
    )


def member_tie_props(m: Member) -> Props:
    """A member's IN_NETWORK_OF: her membership, and the help she gives as one
    JSON text (a property cannot hold a list of maps)."""
    return {**membership_props(m.membership), "helps": _json_list(m.helps)}


def _json_list(items: tuple[Help, ...] | tuple[Diagnosis, ...]) -> str | None:
    """What only FHIR says, kept as one JSON text (a property cannot hold a
    list of maps); None when there is nothing."""
    listed = [_props(**{f.name: getattr(i, f.name) for f in fields(i)}) for i in items]
    return json.dumps(listed) if listed else None


def helps_from(text: object) -> tuple[Help, ...]:
    if not isinstance(text, str):
        return ()
    return tuple(Help(**item) for item in json.loads(text))


def diagnoses_from(text: object) -> tuple[Diagnosis, ...]:
    if not isinstance(text, str):
        return ()
    return tuple(Diagnosis(**item) for item in json.loads(text))


def need_props(n: Need) -> Props:
    return _props(code=n.code, display=n.display, domain=n.domain, status=n.status, since=n.since)


def support_props(s: SupportTie) -> Props:
    return _props(
        kind=s.kind,
        frequency=s.frequency,
        hours_per_week=s.hours_per_week,
        status=s.status,
        since=s.since,
    )


def knows_props(k: KnowsTie) -> Props:
    return _props(closeness=k.closeness)


def observation_props(o: Observation) -> Props:
    return _props(dimension=o.dimension, value=o.value, effective=o.effective)


def population_params(population: Population) -> Props:
    """The ``$teams``, ``$organizations``, ``$staff`` and ``$onions`` of the
    statement that writes networks (fhir_commit)."""
    return {
        "teams": [{"id": t.id, "props": team_props(t)} for t in population.teams],
        "organizations": [
            {"id": o.id, "props": organization_props(o)} for o in population.organizations
        ],
        "staff": [
            {
                "id": s.person.id,
                "props": with_digest(person_props(s.person)),
                "organization_ids": list(s.organization_ids),
            }
            for s in population.staff
        ],
        "onions": [onion_item(o) for o in population.onions],
    }


def network_state(onion: Onion) -> str:
    """A fingerprint of what a client's network holds of her own at its
    version (her details, team, ties, needs, help, KNOWS, ratings; not the
    shared people's and organisations' own properties, which others change),
    stored on her node by the commit that writes that version. A read whose
    network does not give the fingerprint stored beside it saw a commit
    half-way (Neo4j reads at read committed) and is read again."""
    o = onion.canonical()
    owned = [
        o.version,
        client_props(o.client),
        _json_list(o.diagnoses),
        o.team_id,
        [[m.person.id, member_tie_props(m)] for m in o.members],
        [[n.id, need_props(n)] for n in o.needs],
        [[s.supporter_id, s.need_id, support_props(s)] for s in o.supports],
        [[k.person_a, k.person_b, knows_props(k)] for k in o.knows],
        [[ob.id, ob.need_id, observation_props(ob)] for ob in o.observations],
    ]
    return digest({"network": owned})


def now() -> str:
    """The time stamp of a write (FHIR lastUpdated), UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def onion_item(onion: Onion) -> Props:
    """One client's onion as the ``$onions`` item of fhir_commit: her own
    details and team, and the parts of her network to write (all of them, or
    those that changed)."""
    item: Props = {
        "id": onion.client.id,
        "props": {**client_props(onion.client), "diagnoses": _json_list(onion.diagnoses)},
        "team_ids": [] if onion.team_id is None else [onion.team_id],
        "members": [
            {
                "id": m.person.id,
                "props": with_digest(person_props(m.person)),
                "tie": with_digest(member_tie_props(m)),
            }
            for m in onion.members
        ],
        "needs": [{"id": n.id, "props": with_digest(need_props(n))} for n in onion.needs],
        "supports": [
            {
                "supporter_id": s.supporter_id,
                "need_id": s.need_id,
                "props": with_digest(support_props(s)),
            }
            for s in onion.supports
        ],
        "knows": [
            {"person_a": k.person_a, "person_b": k.person_b, "props": with_digest(knows_props(k))}
            for k in onion.knows
        ],
        "observations": [
            {
                "id": o.id,
                "props": with_digest(observation_props(o)),
                "need_ids": [] if o.need_id is None else [o.need_id],
            }
            for o in onion.observations
        ],
    }
    item["props"] = with_digest(item["props"])
    return item


# -- decoders ---------------------------------------------------------------


def team_from(props: Mapping[str, Any]) -> Team:
    return Team(id=props["id"], name=props["name"], neighbourhood=props.get("neighbourhood"))


def organization_from(props: Mapping[str, Any]) -> Organization:
    return Organization(id=props["id"], name=props["name"], kind=props.get("kind", "other"))


def person_from(props: Mapping[str, Any]) -> Person:
    return Person(
        id=props["id"],
        name=props["name"],
        ring=props["ring"],
        role=props.get("role"),
        contact=props.get("contact"),
        organization=props.get("organization") is True,
    )


def client_from(props: Mapping[str, Any]) -> Client:
    return Client(
        id=props["id"],
        name=props["name"],
        neighbourhood=props.get("neighbourhood"),
        birth_date=props.get("birth_date"),
        address=props.get("address"),
    )


def membership_from(person_id: str, client_id: str, props: Mapping[str, Any]) -> Membership:
    return Membership(
        person_id=person_id,
        client_id=client_id,
        ring=props["ring"],
        role=props.get("role"),
        relationship=props.get("relationship"),
        contact_frequency=props.get("contact_frequency"),
        closeness=props.get("closeness"),
        since=props.get("since"),
    )


def need_from(client_id: str, props: Mapping[str, Any]) -> Need:
    return Need(
        id=props["id"],
        client_id=client_id,
        code=props["code"],
        status=props["status"],
        since=props.get("since"),
    )


def support_from(supporter_id: str, need_id: str, props: Mapping[str, Any]) -> SupportTie:
    return SupportTie(
        supporter_id=supporter_id,
        need_id=need_id,
        kind=props["kind"],
        frequency=props.get("frequency"),
        hours_per_week=props.get("hours_per_week", 0.0),
        status=props.get("status", "active"),
        since=props.get("since"),
    )


def knows_from(person_a: str, person_b: str, props: Mapping[str, Any]) -> KnowsTie:
    return KnowsTie(person_a=person_a, person_b=person_b, closeness=props.get("closeness"))


def observation_from(client_id: str, need_id: str | None, props: Mapping[str, Any]) -> Observation:
    return Observation(
        id=props["id"],
        client_id=client_id,
        need_id=need_id,
        dimension=props["dimension"],
        value=props["value"],
        effective=props["effective"],
    )


def onion_from(row: Mapping[str, Any]) -> Onion:
    client = client_from(row["client"])
    cid = client.id
    affiliations: dict[str, list[str]] = {}
    for a in as_list(row["affiliations"]):
        affiliations.setdefault(a["person_id"], []).append(a["organization_id"])
    focus = {f["observation_id"]: f["need_id"] for f in as_list(row["rating_focus"])}
    members = tuple(
        Member(
            person=person_from(m["person"]),
            membership=membership_from(m["person"]["id"], cid, m["membership"]),
            organization_ids=tuple(affiliations.get(m["person"]["id"], [])),
            helps=helps_from(m["membership"].get("helps")),
        )
        for m in as_list(row["members"])
    )
    needs = tuple(need_from(cid, n) for n in as_list(row["needs"]))
    supports = tuple(
        support_from(s["supporter_id"], s["need_id"], s["props"]) for s in as_list(row["supports"])
    )
    knows = tuple(
        knows_from(k["person_a"], k["person_b"], k["props"]) for k in as_list(row["knows"])
    )
    observations = tuple(
        observation_from(cid, focus.get(o["id"]), o) for o in as_list(row["observations"])
    )
    return Onion(
        client=client,
        team_id=row.get("team_id"),
        version=int(row["client"].get("version", 0)),
        members=members,
        needs=needs,
        supports=supports,
        knows=knows,
        observations=observations,
        diagnoses=diagnoses_from(row["client"].get("diagnoses")),
    ).canonical()
