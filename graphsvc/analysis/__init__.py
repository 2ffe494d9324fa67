"""Analysis of care networks: gaps in support, network strength, continuity,
and de-identified research aggregates. Pure: domain objects in, findings out.

Start with :func:`analyse_client` (one onion) or :func:`analyse_population`
(carers' loads counted across all onions given); :func:`team_gaps` judges a
team by its counts; :func:`build_graph` gives the onion as a NetworkX graph.
"""

from .adjacency import ego_adjacency, onion_adjacency
from .aggregate import (
    MIN_CELL,
    Cell,
    Distribution,
    GapCount,
    Grouping,
    ResearchRow,
    aggregate,
    care_began,
    group_of,
    research_row,
)
from .analyse import ClientAnalysis, analyse_client, analyse_population
from .anonymity import Anonymised, QuasiIdentifier, k_anonymise
from .calendar_release import CalendarRelease, release_calendar
from .client_gaps import find_gaps
from .concentration import herfindahl_hirschman
from .contacts import close_contacts, is_close_contact
from .continuity import Visit, continuity_of_care
from .coordinator import coordinator
from .coverage import Coverage, coverage
from .deidentify import deidentified_graph
from .ego_network import network_density, network_size
from .gap import Gap, GapKind, Severity
from .graph import EdgeType, NodeKind, build_graph, node_key, support_graph
from .informal_care import INTENSIVE_HOURS, InformalCarer, informal_carers
from .load import CarerLoad, carer_load
from .lsns6 import ItemSource, Lsns6, Lsns6Item, Lsns6ItemScore, item_score, lsns6
from .pseudonyms import pseudonymous_id
from .release import release
from .roles import RelationshipGroup, is_gp, is_team_nurse, relationship_group
from .score import ScoreParts
from .strength import METRICS, Strength, client_strength
from .structural_holes import constraint, effective_size
from .team_gaps import clients_with_each_gap, team_gaps
from .thresholds import DEFAULT_THRESHOLDS, Thresholds
from .trend import (
    KNOWS_GAPS,
    KNOWS_METRICS,
    TREND_GAPS,
    TREND_GROUPINGS,
    TREND_METRICS,
    TrendCell,
    TrendKey,
    TrendRow,
    release_trend,
)
from .typology import NetworkType, network_type

__all__ = [
    "DEFAULT_THRESHOLDS",
    "INTENSIVE_HOURS",
    "KNOWS_GAPS",
    "KNOWS_METRICS",
    "METRICS",
    "MIN_CELL",
    "TREND_GAPS",
    "TREND_GROUPINGS",
    "TREND_METRICS",
    "Anonymised",
    "CalendarRelease",
    "CarerLoad",
    "Cell",
    "ClientAnalysis",
    "Coverage",
    "Distribution",
    "EdgeType",
    "Gap",
    "GapCount",
    "GapKind",
    "Grouping",
    "InformalCarer",
    "ItemSource",
    "Lsns6",
    "Lsns6Item",
    "Lsns6ItemScore",
    "NetworkType",
    "NodeKind",
    "QuasiIdentifier",
    "RelationshipGroup",
    "ResearchRow",
    "ScoreParts",
    "Severity",
    "Strength",
    "Thresholds",
    "TrendCell",
    "TrendKey",
    "TrendRow",
    "Visit",
    "aggregate",
    "analyse_client",
    "analyse_population",
    "build_graph",
    "care_began",
    "carer_load",
    "client_strength",
    "clients_with_each_gap",
    "close_contacts",
    "constraint",
    "continuity_of_care",
    "coordinator",
    "coverage",
    "deidentified_graph",
    "effective_size",
    "ego_adjacency",
    "find_gaps",
    "group_of",
    "herfindahl_hirschman",
    "informal_carers",
    "is_close_contact",
    "is_gp",
    "is_team_nurse",
    "item_score",
    "k_anonymise",
    "lsns6",
    "network_density",
    "network_size",
    "network_type",
    "node_key",
    "onion_adjacency",
    "pseudonymous_id",
    "relationship_group",
    "release",
    "release_calendar",
    "release_trend",
    "research_row",
    "support_graph",
    "team_gaps",
]
