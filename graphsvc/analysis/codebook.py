"""What each column of the research files means: name, meaning, type, unit
and allowed values, written beside the files as ``codebook.csv``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graphsvc.domain import Frequency, NeedStatus, OmahaDomain, Ring, SupportKind

from .gap import GapKind
from .graph import EdgeType
from .roles import RelationshipGroup
from .strength import METRICS
from .typology import NetworkType


@dataclass(frozen=True, slots=True)
class Column:
    file: str
    name: str
    meaning: str
    type: str  # string, integer, decimal, boolean
    unit: str
    allowed_values: str


_METRICS: dict[str, tuple[str, str, str, str]] = {
    # name: (meaning, type, unit, allowed values)
    "informal_members": ("members of the informal ring", "integer", "people", "0 or more"),
    "team_members": ("nurses of the team in the network", "integer", "people", "0 or more"),
    "formal_members": ("other professionals in the network", "integer", "people", "0 or more"),
    "close_contacts": (
        "informal members in touch at least monthly and, where recorded, close",
        "integer",
        "people",
        "0 or more",
    ),
    "active_needs": ("active needs (Omaha System problems)", "integer", "needs", "0 or more"),
    "informal_density": (
        "known ties among informal members over the pairs they make; empty below two members",
        "decimal",
        "share",
        "0 to 1",
    ),
    "supporters_per_need_min": (
        "fewest supporters of any active need; empty without active needs",
        "integer",
        "people",
        "0 or more",
    ),
    "supporters_per_need_mean": (
        "mean supporters per active need; empty without active needs",
        "decimal",
        "people",
        "0 or more",
    ),
    "shared_need_share": (
        "share of active needs with two or more supporters; empty without active needs",
        "decimal",
        "share",
        "0 to 1",
    ),
    "hours_hhi": (
        "Herfindahl-Hirschman index of the care hours per supporter; empty without hours",
        "decimal",
        "index",
        "0 to 1 (1: one person gives all hours)",
    ),
    "coordinator_betweenness": (
        "normalised betweenness centrality of the coordinating nurse; empty without one",
        "decimal",
        "index",
        "0 to 1",
    ),
    "score": ("network strength score", "decimal", "points", "0 to 100"),
}


def metric_column(file: str, name: str) -> Column:
    meaning, kind, unit, allowed = _METRICS.get(
        name, (f"network measure {name} (docs/analysis.md)", "decimal", "", "")
    )
    return Column(file, name, meaning, kind, unit, allowed)


GAP_NAMES = " ".join(k.name for k in GapKind)
TYPES = " ".join(t.value for t in NetworkType)


def client_file(name: str = "clients.csv") -> list[Column]:
    return [
        Column(name, "client", "pseudonym of the client (as in networks/*.graphml)",
               "string", "", "client- and 32 hex digits"),
        Column(name, "team", "pseudonym of the team serving her; * when not said",
               "string", "", "team- and 32 hex digits, or *"),
        Column(name, "neighbourhood", "neighbourhood, or only its municipality, or * "
               "(as coarse as k-anonymity needs)", "string", "", "a name, unknown or *"),
        Column(name, "age_band", "age in whole years at the time of the export, in a band "
               "(as wide as k-anonymity needs)", "string", "years",
               "LOW-HIGH (e.g. 80-84, 80-89, 60-79), TOP+ (90+, 80+), unknown or *"),
        Column(name, "network_type", "type of informal network after Wenger", "string", "",
               TYPES),
        *(metric_column(name, m) for m in METRICS),
        Column(name, "gaps", "gap kinds found in her network, space-separated", "string", "",
               f"any of: {GAP_NAMES}"),
    ]  # fmt: skip


def aggregate_file(name: str) -> list[Column]:
    return [
        Column(name, "group", "the group: team pseudonym, neighbourhood, network type, month "
               "care began (YYYY-MM) or all; (none) for clients without one", "string", "", ""),
        Column(name, "clients", "clients in the group; empty when suppressed", "integer",
               "clients", "5 or more, or empty"),
        Column(name, "suppressed", "whether this row's figures are withheld (too few clients, "
               "or they would give away a withheld figure)", "boolean", "", "true false"),
        Column(name, "measure", "a metric's name, or gap:KIND for the clients with that gap",
               "string", "", f"{' '.join(METRICS)} or gap:KIND"),
        Column(name, "count", "clients with a value of the metric, or with the gap", "integer",
               "clients", "0, 5 or more, or empty"),
        Column(name, "mean", "mean of the metric over those clients", "decimal",
               "as the metric", "empty for gaps"),
        Column(name, "median", "median (inclusive quartiles, linear between ranks)", "decimal",
               "as the metric", "empty for gaps"),
        Column(name, "p25", "25th percentile", "decimal", "as the metric", "empty for gaps"),
        Column(name, "p75", "75th percentile", "decimal", "as the metric", "empty for gaps"),
    ]  # fmt: skip


def trend_file(name: str = "trends.csv") -> list[Column]:
    """The research aggregates per month: the columns of an aggregates file
    after the month and the grouping, without the measures resting on KNOWS
    ties (they have no history)."""
    from .trend import TREND_GROUPINGS, TREND_METRICS

    columns = [
        Column(
            name,
            "month",
            "the month (YYYY-MM): every client's network as it was at its "
            "end (or when the file was written, for the month under way), rebuilt from the "
            "versions of her FHIR resources; clients not in care then are absent",
            "string",
            "",
            "YYYY-MM",
        ),
        Column(
            name,
            "grouping",
            "how the clients of that month are grouped",
            "string",
            "",
            " ".join(by.value for by in TREND_GROUPINGS),
        ),
    ]
    for column in aggregate_file(name):
        if column.name == "group":
            column = Column(
                name,
                "group",
                "the group: team pseudonym, neighbourhood, network "
                "type or all; (none) for clients without one",
                "string",
                "",
                "",
            )
        elif column.name == "measure":
            column = Column(
                name,
                "measure",
                "a metric's name, or gap:KIND for the clients "
                "with that gap (not those resting on KNOWS ties, which have no "
                "history)",
                "string",
                "",
                f"{' '.join(TREND_METRICS)} or gap:KIND",
            )
        columns.append(column)
    return columns  # fmt: skip


def _values(kind: type[StrEnum]) -> str:
    return " ".join(v.value for v in kind)


def graph_file(name: str = "networks/*.graphml") -> list[Column]:
    """The node and edge attributes of the GraphML networks."""
    return [
        Column(name, "node id", "pseudonym of the node: client- (as in clients.csv), person- "
               "or need- and 32 hex digits", "string", "", ""),
        Column(name, "node kind", "what the node is", "string", "", "client person need"),
        Column(name, "node ring", "a person's ring in this client's onion", "string", "",
               _values(Ring)),
        Column(name, "node person_ring", "what the person is, whatever her place here",
               "string", "", _values(Ring)),
        Column(name, "node code", "a need's Omaha System problem code", "string", "",
               "01 to 42"),
        Column(name, "node domain", "a need's Omaha System domain", "string", "",
               _values(OmahaDomain)),
        Column(name, "node status", "a need's status", "string", "", _values(NeedStatus)),
        Column(name, "node active", "whether a need is active", "boolean", "", "true false"),
        Column(name, "edge type", "what the edge joins", "string", "", _values(EdgeType)),
        Column(name, "edge ring", "IN_NETWORK_OF: the person's ring in the onion", "string", "",
               _values(Ring)),
        Column(name, "edge relationship_group", "IN_NETWORK_OF, informal ring: who she is to "
               "the client", "string", "", _values(RelationshipGroup)),
        Column(name, "edge contact_frequency", "IN_NETWORK_OF: how often they are in touch",
               "string", "", _values(Frequency)),
        Column(name, "edge closeness", "IN_NETWORK_OF, KNOWS: how close, as recorded (1 not very, "
               "2 sort of, 3 very close)", "integer", "", "1 2 3"),
        Column(name, "edge kinds", "SUPPORTS: kinds of help, comma-separated", "string", "",
               _values(SupportKind)),
        Column(name, "edge hours_per_week", "SUPPORTS: hours of help a week", "decimal",
               "hours a week", "0 or more"),
        Column(name, "edge frequency", "SUPPORTS: how often, the most frequent of her ties",
               "string", "", _values(Frequency)),
        Column(name, "edge ties", "SUPPORTS: ties of hers to this need", "integer", "ties",
               "1 or more"),
    ]  # fmt: skip
