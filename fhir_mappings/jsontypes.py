"""The JSON shapes the mapping layer reads and writes."""

from __future__ import annotations

from typing import Any

JsonObject = dict[str, Any]
JsonPath = tuple[str | int, ...]  # keys and list indexes from the root of a resource
