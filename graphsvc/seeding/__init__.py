"""Populations to start from: the seed file format and a generator.

The demo neighbourhood lives in :mod:`graphsvc.seeding.demo` (not imported
here, so that ``python -m graphsvc.seeding.demo`` runs it cleanly).
"""

from .codec import (
    FORMAT,
    dump_population,
    dumps_population,
    load_population,
    loads_population,
    population_from_json,
    population_to_json,
)
from .draw import REFERENCE_DATE
from .generator import (
    LabelledOnion,
    generate_colleague_ties,
    generate_population,
    generate_staffing,
    iter_labelled_onions,
    iter_onions,
    iter_population,
)
from .networks import Archetype

__all__ = [
    "FORMAT",
    "REFERENCE_DATE",
    "Archetype",
    "LabelledOnion",
    "dump_population",
    "dumps_population",
    "generate_colleague_ties",
    "generate_population",
    "generate_staffing",
    "iter_labelled_onions",
    "iter_onions",
    "iter_population",
    "load_population",
    "loads_population",
    "population_from_json",
    "population_to_json",
]
