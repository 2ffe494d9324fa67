"""What each column of the research files means: name, meaning, type, unit
and allowed values, written beside the files as ``codebook.csv``."""

from __future__ import annotations

from dataclasses import dataclass

from .gap import GapKind
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
