"""How many requests each surface gets. The suite sends a few hundred per
surface; ``make fuzz`` sets ``GRAPHSVC_FUZZ_REQUESTS`` (10,000 by default)
and then each surface must have had at least that many."""

from __future__ import annotations

import math
import os

from hypothesis import HealthCheck, settings

SUITE_REQUESTS = 300
_GIVEN = os.environ.get("GRAPHSVC_FUZZ_REQUESTS", "")
REQUESTS = (
    int(_GIVEN) if _GIVEN.isascii() and _GIVEN.isdigit() and int(_GIVEN) > 0 else SUITE_REQUESTS
)
ENFORCED = _GIVEN.isascii() and _GIVEN.isdigit() and int(_GIVEN) > 0


def examples(share: float, requests_per_example: float = 1) -> settings:
    """Hypothesis settings for a test that takes ``share`` of its surface's
    requests, sending ``requests_per_example`` each time (a tenth more, as
    Hypothesis may stop a little short)."""
    wanted = math.ceil(REQUESTS * share * 1.1 / requests_per_example)
    return settings(
        max_examples=max(wanted, 1),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
