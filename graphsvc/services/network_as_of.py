"""A client's network as it was at a moment, rebuilt from the versions of
her FHIR resources (pure: no I/O; :mod:`.network_history` reads the versions).

Every change of a network, from any surface, is written as new versions of
the resources that stand for it, each stamped with ``lastUpdated``. So the
network at a moment T is the latest version at or before T of each of her
resources (those whose latest version then is a delete are gone), and of the
directory entries they refer to, projected by the same pure projection the
FHIR write path uses (:func:`fhir_mappings.projection.project`).

What the versions cannot give back is not made up:

- KNOWS ties are the graph's own, never a FHIR resource, so a network as it
  was has none, and the measures resting on them (density, effective size,
  constraint, informal density, the coordinator's betweenness) and the
  ``FRAGMENTED_FORMAL_NETWORK`` gap are left out of everything taken from
  history (:data:`graphsvc.analysis.KNOWS_METRICS`);
- the network's own version number is not a resource: a moment says when
  her resources last changed before it (``changed_at``) instead;
- a client is in the network at T when her Patient resource is (not yet
  written or deleted: absent).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from fhir_mappings import JsonObject, ResourceKey, project
from fhir_mappings.issues import FhirValidationError
from fhir_mappings.lsns6 import read_lsns6_answer
from graphsvc.analysis import (
    KNOWS_GAPS,
    ClientAnalysis,
    Lsns6Item,
    Thresholds,
    analyse_client,
    carer_load,
)
from graphsvc.domain import Onion
from graphsvc.store.resource_store import StoredResource

from .fhir_view import as_json, local_references

# How deep the references of a client's resources are followed for the
# directory entries they name: CareTeam -> PractitionerRole -> Practitioner
# and Organization; a practitioner's roles say her organisation.
REFERENCE_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Moment:
    """A point of a history: its period (``2025-03``, ``2025-W12``) and the
    instant the network is taken at, the period's end or now if sooner
    (``YYYY-MM-DDTHH:MM:SS.mmmZ``, as ``lastUpdated`` is stored)."""

    period: str
    at: str


def instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


def month_moments(first: date, last: date, now: datetime) -> list[Moment]:
    """The months from ``first``'s to ``last``'s that have begun by ``now``,
    each taken at its last millisecond (UTC) or ``now``."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start = datetime(year, month, 1, tzinfo=UTC)
        if start > now:
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        end = datetime(year, month, 1, tzinfo=UTC) - timedelta(milliseconds=1)
        out.append(Moment(f"{start:%Y-%m}", instant(min(end, now))))
    return out


def week_moments(first: date, last: date, now: datetime) -> list[Moment]:
    """The ISO weeks (Monday to Sunday) from ``first``'s to ``last``'s that
    have begun by ``now``, each taken at its Sunday's last millisecond (UTC)
    or ``now``."""
    out = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        if datetime.combine(monday, time.min, tzinfo=UTC) > now:
            break
        year, week, _ = monday.isocalendar()
        end = _end_of(monday + timedelta(days=6)).replace(microsecond=999_000)
        out.append(Moment(f"{year}-W{week:02d}", instant(min(end, now))))
        monday += timedelta(days=7)
    return out


@dataclass(frozen=True, slots=True)
class NetworkAsOf:
    """One client's network at a moment and what the analysis finds in it."""

    client_id: str
    at: str
    changed_at: str  # the last change of her resources at or before ``at``
    onion: Onion
    analysis: ClientAnalysis


class History:
    """The versions of some clients' resources and of the directory entries
    they name; sliced at any moment up to the one they were read until."""

    def __init__(self, versions: Iterable[StoredResource]) -> None:
        by_key: defaultdict[ResourceKey, list[StoredResource]] = defaultdict(list)
        for v in versions:
            by_key[ResourceKey(v.type, v.id)].append(v)
        self._versions = {k: sorted(vs, key=lambda v: v.version_id) for k, vs in by_key.items()}
        self._named: dict[tuple[ResourceKey, int], frozenset[ResourceKey]] = {}

    def at(self, moment: str) -> Slice:
        """Each resource's latest version at or before ``moment``; deleted
        ones are gone."""
        found = {}
        for key, versions in self._versions.items():
            latest = None
            for v in versions:
                if v.last_updated > moment:
                    break
                latest = v
            if latest is not None and not latest.deleted:
                found[key] = latest
        return Slice(found, self.named)

    def named(self, key: ResourceKey, stored: StoredResource) -> frozenset[ResourceKey]:
        """What a version refers to (worked out once per version)."""
        version = (key, stored.version_id)
        if version not in self._named:
            self._named[version] = frozenset(local_references([as_json(stored)]))
        return self._named[version]


def _named_in(key: ResourceKey, stored: StoredResource) -> frozenset[ResourceKey]:
    return frozenset(local_references([as_json(stored)]))


class Slice:
    """The resources as they were at one moment."""

    def __init__(
        self,
        resources: Mapping[ResourceKey, StoredResource],
        named: Callable[[ResourceKey, StoredResource], frozenset[ResourceKey]] = _named_in,
    ) -> None:
        self.resources = dict(resources)
        self._named = named
        self._compartments: defaultdict[str, list[ResourceKey]] = defaultdict(list)
        self._roles: defaultdict[ResourceKey, list[ResourceKey]] = defaultdict(list)
        for key, stored in self.resources.items():
            if stored.client_id is not None:
                self._compartments[stored.client_id].append(key)
            if key.resource_type == "PractitionerRole":
                for target in named(key, stored):
                    if target.resource_type == "Practitioner":
                        self._roles[target].append(key)

    def of_client(self, client_id: str) -> dict[ResourceKey, StoredResource] | None:
        """Her compartment and the directory entries it names, or None when
        her Patient was not there (not yet written, or deleted)."""
        if ResourceKey("Patient", client_id) not in self.resources:
            return None
        keys = set(self._compartments.get(client_id, ()))
        frontier = set(keys)
        for _ in range(REFERENCE_DEPTH):
            named = {t for k in frontier for t in self._named(k, self.resources[k])}
            named |= {r for k in named for r in self._roles.get(k, ())}
            frontier = {k for k in named if k in self.resources} - keys
            if not frontier:
                break
            keys |= frontier
        return {k: self.resources[k] for k in sorted(keys)}


def lsns6_answers(resources: Iterable[StoredResource]) -> dict[Lsns6Item, int]:
    """Her latest answer to each LSNS-6 item among these resources (the latest
    day, then the latest written); services.lsns6_answers reads her answers
    now by the same rule."""
    latest: dict[Lsns6Item, tuple[date, str, int]] = {}
    for stored in resources:
        if stored.type != "Observation":
            continue
        answer = read_lsns6_answer(stored.content)
        if answer is None:
            continue
        item = Lsns6Item(answer.item)
        seen = (answer.effective, stored.last_updated, answer.score)
        if item not in latest or seen[:2] > latest[item][:2]:
            latest[item] = seen
    return {item: score for item, (_, _, score) in latest.items()}


def network_as_of(
    client_id: str,
    resources: Mapping[ResourceKey, StoredResource],
    at: str,
    *,
    thresholds: Thresholds,
    base_urls: tuple[str, ...] = (),
) -> NetworkAsOf | None:
    """Her onion from these resources (:meth:`Slice.of_client`) and its
    analysis; None when they do not make one (no Patient, or resources the
    projection refuses)."""
    view: dict[ResourceKey, JsonObject] = {k: as_json(s) for k, s in resources.items()}
    try:
        onion = project(view, base_urls=base_urls).onion(client_id)
    except FhirValidationError:
        return None
    if onion is None:
        return None
    answers = lsns6_answers(s for s in resources.values() if s.client_id == client_id)
    analysis = analyse_client(
        onion,
        carer_loads=carer_load([onion]),  # an informal carer is in one network only
        thresholds=thresholds,
        lsns6_answers=answers or None,
    )
    # without KNOWS ties the gaps resting on them would be found everywhere
    kept = tuple(g for g in analysis.gaps if g.kind not in KNOWS_GAPS)
    analysis = dataclasses.replace(analysis, gaps=kept)
    changed = max(s.last_updated for s in resources.values() if s.client_id == client_id)
    return NetworkAsOf(client_id, at, changed, onion, analysis)
