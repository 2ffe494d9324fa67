"""FHIR R4 <-> the onion: pure mapping functions, no I/O.

Import: :func:`parse_resource` validates one resource (or Bundle);
:func:`unpack_bundle` keys a Bundle's entries and rewrites its request-local
references; :func:`project` turns stored resources into the domain's
Population, saying where each object came from. Export:
:func:`export_onion` lays a client's current onion over the stored resources.
"""

from .bundles import BundleEntry, unpack_bundle
from .compare import Difference, differences, first_difference
from .export import Export, export_onion, onion_differences
from .issues import FhirValidationError, Issue, operation_outcome
from .jsontypes import JsonObject, JsonPath
from .keys import ResourceKey, contained_key, key_of
from .lookup import ChainedLookup, ResourceIndex
from .parsing import ACCEPTED_TYPES, parse_resource
from .projection import (
    ActivitySupport,
    GraphKind,
    GraphRef,
    Origin,
    Projection,
    ReferenceLink,
    project,
)
from .references import (
    KeptAsIs,
    Lookup,
    ReferenceContext,
    Resolution,
    Resolved,
    resolve_reference,
)
from .rewriting import rewrite_references
from .rings import explicit_ring, infer_ring
from .search import (
    INCLUDES,
    REVINCLUDES,
    SEARCH_PARAMETERS,
    Include,
    IndexTerms,
    SearchParameter,
    SearchQuery,
    include_targets,
    index_terms,
    parse_search,
    revinclude_groups,
)
from .timing import Schedule, read_schedule, write_schedule

__all__ = [
    "ACCEPTED_TYPES",
    "INCLUDES",
    "REVINCLUDES",
    "SEARCH_PARAMETERS",
    "ActivitySupport",
    "BundleEntry",
    "ChainedLookup",
    "Difference",
    "Export",
    "FhirValidationError",
    "GraphKind",
    "GraphRef",
    "Include",
    "IndexTerms",
    "Issue",
    "JsonObject",
    "JsonPath",
    "KeptAsIs",
    "Lookup",
    "Origin",
    "Projection",
    "ReferenceContext",
    "ReferenceLink",
    "Resolution",
    "Resolved",
    "ResourceIndex",
    "ResourceKey",
    "Schedule",
    "SearchParameter",
    "SearchQuery",
    "contained_key",
    "differences",
    "explicit_ring",
    "export_onion",
    "first_difference",
    "include_targets",
    "index_terms",
    "infer_ring",
    "key_of",
    "onion_differences",
    "operation_outcome",
    "parse_resource",
    "parse_search",
    "project",
    "read_schedule",
    "resolve_reference",
    "revinclude_groups",
    "rewrite_references",
    "unpack_bundle",
    "write_schedule",
]
