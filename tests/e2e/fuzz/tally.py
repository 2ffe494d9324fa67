"""What each fuzzed surface was answered, counted per status code."""

from __future__ import annotations

from collections import Counter

SURFACES = ("graphql", "fhir", "web")


class Tally:
    def __init__(self) -> None:
        self._counts: Counter[tuple[str, int]] = Counter()

    def record(self, surface: str, status: int) -> None:
        self._counts[surface, status] += 1

    def total(self, surface: str) -> int:
        return sum(n for (s, _), n in self._counts.items() if s == surface)

    def __bool__(self) -> bool:
        return bool(self._counts)

    def lines(self) -> list[str]:
        lines = []
        for surface in SURFACES:
            statuses = sorted(
                (status, n) for (s, status), n in self._counts.items() if s == surface
            )
            if statuses:
                by_status = ", ".join(f"{status}: {n}" for status, n in statuses)
                lines.append(f"{surface}: {self.total(surface)} requests ({by_status})")
        return lines


TALLY = Tally()
