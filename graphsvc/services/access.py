"""Who may read and write what. One set of rules for every surface.

- nurse: reads and writes the clients her team serves;
- coach (also back office): reads the clients of the teams she is given;
- researcher: no personal data at all, only de-identified aggregates;
- system: what its SMART-style scopes allow (``system/CareTeam.read``,
  ``system/*.write``, ``system/*.*``; v2 letters ``cruds`` also accepted),
  limited to its teams when the token names any.

A nurse or coach asking for a client outside her teams is told the client
does not exist, so that existence itself does not leak.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from enum import StrEnum

from fhir_mappings.resource_types import PROJECTED_TYPES
from graphsvc.domain import NotFound, Principal, Role, ValidationError

from .errors import Forbidden


class Action(StrEnum):
    READ = "read"
    WRITE = "write"


# The FHIR resource type whose scope governs the onion of a client.
NETWORK_RESOURCE = "CareTeam"
# What an answer about a client's network is read from: a system client reads
# a network through GraphQL only with the read scopes /fhir asks for all of it
NETWORK_READ_TYPES = (
    "CarePlan",
    "CareTeam",
    "Condition",
    "Observation",
    "Organization",
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "RelatedPerson",
)
_V2_LETTERS = {Action.READ: set("rs"), Action.WRITE: set("cud")}


def scope_allows(scopes: Iterable[str], resource_type: str, action: Action) -> bool:
    for scope in scopes:
        context, _, rest = scope.partition("/")
        if context not in {"system", "user"}:
            continue
        resource, _, permission = rest.partition(".")
        if resource not in {"*", resource_type}:
            continue
        if permission in {"*", action.value}:
            return True
        letters = set(permission)
        if letters and letters <= set("cruds") and letters & _V2_LETTERS[action]:
            return True
    return False


def check_team_access(
    principal: Principal,
    team_ids: Iterable[str],
    action: Action,
    client_id: str,
    *,
    whole: bool = True,
) -> None:
    """Raise unless the principal may do ``action`` on a client served by
    ``team_ids`` (``whole``: see :func:`check_network_scope`)."""
    teams = frozenset(team_ids)
    match principal.role:
        case Role.NURSE:
            if not teams & principal.teams:
                raise NotFound("client", client_id)
        case Role.COACH:
            if not teams & principal.teams:
                raise NotFound("client", client_id)
            if action is Action.WRITE:
                raise Forbidden("a coach reads the network but does not change it")
        case Role.SYSTEM:
            check_network_scope(principal, action, whole=whole)
            if acts_for_others(principal, teams):
                raise NotFound("client", client_id)
        case Role.RESEARCHER:
            raise Forbidden("researchers see de-identified aggregates only")


def check_network_scope(principal: Principal, action: Action, *, whole: bool = True) -> None:
    """A system client reads a network with the read scope of every type it is
    read from (a CareTeam scope alone would show her needs, ratings and
    relatives), unless what is read is shown only type by type as its scopes
    allow (``whole=False``: $everything), which needs the CareTeam's; it
    changes one with the CareTeam's write scope (and, per change, those of
    the types the change writes: :func:`scoped_writes`)."""
    whole_read = action is Action.READ and whole
    wanted = NETWORK_READ_TYPES if whole_read else (NETWORK_RESOURCE,)
    refused = [t for t in wanted if not scope_allows(principal.scopes, t, action)]
    if refused:
        said = ", ".join(f"{t}.{action.value}" for t in refused)
        raise Forbidden(f"scope does not allow {said}, which a client's network is made of")


def acts_for_others(principal: Principal, team_ids: Iterable[str]) -> bool:
    """A system client whose token names teams acts for those teams only:
    true when it names teams and none of ``team_ids`` is one of them."""
    return (
        principal.role is Role.SYSTEM
        and bool(principal.teams)
        and not frozenset(team_ids) & principal.teams
    )


def check_relied_on(principal: Principal, teams: Iterable[str], entry: str) -> None:
    """A system client that acts for some teams changes no directory entry
    another of ``teams`` relies on (services/reliance.py)."""
    if acts_for_others(principal, ()) and set(teams) - principal.teams:
        raise Forbidden(
            f"this client acts for {', '.join(sorted(principal.teams))} only; "
            f"{entry} is in the networks or staff of another team"
        )


def check_team_admin(principal: Principal, team_id: str | None, action: Action) -> None:
    """Teams, organisations and staff: a nurse may read her own team; writing
    them is for system clients with a write scope (directory feeds)."""
    if principal.role is Role.SYSTEM:
        if not scope_allows(principal.scopes, "Organization", action):
            raise Forbidden(f"scope does not allow Organization.{action.value}")
        if acts_for_others(principal, (team_id,) if team_id else ()):
            raise NotFound("team", team_id or "")
        return
    if principal.role in {Role.NURSE, Role.COACH} and action is Action.READ:
        if team_id is not None and team_id in principal.teams:
            return
        raise NotFound("team", team_id or "")
    raise Forbidden(f"a {principal.role.value} may not {action.value} teams and organisations")


def visible_teams(principal: Principal, team_id: str) -> None:
    """A nurse or coach lists only her own teams' clients."""
    if principal.role in {Role.NURSE, Role.COACH} and team_id not in principal.teams:
        raise NotFound("team", team_id)
    if principal.role is Role.RESEARCHER:
        raise Forbidden("researchers see de-identified aggregates only")
    if principal.role is Role.SYSTEM:
        check_network_scope(principal, Action.READ)
        if acts_for_others(principal, (team_id,)):
            raise NotFound("team", team_id)


def readable_teams(principal: Principal) -> frozenset[str] | None:
    """The teams whose clients the principal may see; None for all of them
    (a system client without a team, a researcher reading de-identified)."""
    if principal.role in {Role.NURSE, Role.COACH}:
        return principal.teams
    if principal.role is Role.SYSTEM and principal.teams:
        return principal.teams
    return None


# FHIR resources outside any client's compartment: the directory of
# professionals and organisations.
DIRECTORY_RESOURCES = frozenset({"Practitioner", "PractitionerRole", "Organization", "Location"})


def check_type_access(principal: Principal, resource_type: str, action: Action) -> None:
    """What can be said from the resource type alone, before anything is read."""
    match principal.role:
        case Role.RESEARCHER:
            raise Forbidden("researchers see de-identified aggregates only")
        case Role.SYSTEM:
            if not scope_allows(principal.scopes, resource_type, action):
                raise Forbidden(f"scope does not allow {resource_type}.{action.value}")
        case Role.COACH if action is Action.WRITE:
            raise Forbidden("a coach reads the network but does not change it")
        case Role.NURSE if action is Action.WRITE and resource_type in DIRECTORY_RESOURCES:
            raise Forbidden(f"{resource_type} is directory data, written by directory feeds")


# What only a client's record holds: a resource of these types belongs in one
# client's compartment (its subject or patient names her).
CLIENT_RECORD_TYPES = PROJECTED_TYPES - DIRECTORY_RESOURCES


def check_outside_compartments(
    principal: Principal, resource_type: str, resource_id: str, *, stored: bool
) -> None:
    """A client's record that names no client is out of every team's reach:
    only a system client (by its scopes) reads or changes it. A nurse or coach
    is told a stored one does not exist, and may not write a new one."""
    if principal.role not in {Role.NURSE, Role.COACH}:
        return
    if resource_type not in CLIENT_RECORD_TYPES:
        return
    if stored:
        raise NotFound(resource_type, resource_id)
    where = "patient" if resource_type == "RelatedPerson" else "subject"
    raise ValidationError(
        f"{resource_type}.{where}",
        f"must name the client it is about (Patient/[id]); a {resource_type} "
        "about no client is out of every team's reach",
    )


def check_shared_write(principal: Principal, resource_type: str) -> None:
    """A resource of a type the onion does not use, about no client (a
    Medication, a Schedule): shared data, kept by the systems that own it."""
    if principal.role in {Role.NURSE, Role.COACH} and resource_type not in PROJECTED_TYPES:
        raise Forbidden(
            f"{resource_type} resources about no client are shared data, "
            "written by the systems that keep them"
        )


def check_resource_access(
    principal: Principal,
    resource_type: str,
    action: Action,
    client_id: str | None,
    team_ids: Iterable[str] = (),
) -> None:
    """FHIR REST: a system client needs a scope for the resource type (and,
    when its token names teams, the client must be theirs); a nurse or coach
    works on her teams' clients' compartments and reads the directory."""
    check_type_access(principal, resource_type, action)
    if client_id is None:
        return
    if principal.role is Role.SYSTEM:
        if acts_for_others(principal, team_ids):
            raise NotFound("client", client_id)
        return
    check_team_access(principal, team_ids, action, client_id)


def scoped_writes(principal: Principal) -> Callable[[Collection[str]], None] | None:
    """A system client writes through GraphQL only the FHIR resource types its
    scopes let it write on /fhir (a CareTeam scope alone writes no Condition)."""
    if principal.role is not Role.SYSTEM:
        return None

    def check(types: Collection[str]) -> None:
        refused = [t for t in sorted(types) if not scope_allows(principal.scopes, t, Action.WRITE)]
        if refused:
            said = ", ".join(f"{t}.write" for t in refused)
            raise Forbidden(f"scope does not allow {said}, which this change writes")

    return check
