"""Helper for frozen dataclasses that normalise their fields while validating."""

from __future__ import annotations

from typing import Any


def settle(entity: Any, **fields: Any) -> None:
    """Store normalised values on a frozen dataclass from its __post_init__."""
    for name, value in fields.items():
        object.__setattr__(entity, name, value)
