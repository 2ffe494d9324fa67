"""FHIR REST search, the pure part: the terms stored beside each resource
(:func:`index_terms`), reading a search into groups of those terms
(:func:`parse_search`), and following ``_include``/``_revinclude``.

Storage matches a resource when every group of the query has at least one of
its strings among the resource's tokens (exact equality) and its date range
meets the query's bounds: ``date_end >= date_from`` and ``date_start <= date_to``.
"""

from .index import IndexTerms, compartment_client, include_targets, index_terms
from .parameters import (
    INCLUDES,
    REVINCLUDES,
    SEARCH_PARAMETERS,
    SEARCHABLE_TYPES,
    Include,
    ParamType,
    SearchParameter,
)
from .query import DEFAULT_COUNT, MAX_COUNT, SearchQuery, parse_search, revinclude_groups

__all__ = [
    "DEFAULT_COUNT",
    "INCLUDES",
    "MAX_COUNT",
    "REVINCLUDES",
    "SEARCHABLE_TYPES",
    "SEARCH_PARAMETERS",
    "Include",
    "IndexTerms",
    "ParamType",
    "SearchParameter",
    "SearchQuery",
    "compartment_client",
    "include_targets",
    "index_terms",
    "parse_search",
    "revinclude_groups",
]
