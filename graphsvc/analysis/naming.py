"""How explanations name people and needs: by name, as a nurse would."""

from __future__ import annotations

from collections.abc import Sequence

from graphsvc.domain import Frequency, Onion


class Naming:
    """Names of the people and needs of one onion; an id the onion does not
    know is shown as it is rather than failing an explanation."""

    def __init__(self, onion: Onion) -> None:
        self.client = onion.client.name
        self._people = {m.person.id: m.person.name for m in onion.members}
        self._needs = {n.id: n.display for n in onion.needs}

    def person(self, person_id: str) -> str:
        return self._people.get(person_id, person_id)

    def need(self, need_id: str) -> str:
        return self._needs.get(need_id, need_id)

    def people(self, person_ids: Sequence[str]) -> str:
        return listing([self.person(p) for p in person_ids])

    def needs(self, need_ids: Sequence[str]) -> str:
        return listing([self.need(n) for n in need_ids])


def listing(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def hours(value: float) -> str:
    """25 -> '25', 20.5 -> '20.5', 0.25 -> '0.25'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


_OFTEN = {
    Frequency.DAILY: "daily",
    Frequency.SEVERAL_TIMES_A_WEEK: "several times a week",
    Frequency.WEEKLY: "weekly",
    Frequency.MONTHLY: "monthly",
    Frequency.LESS_OFTEN: "now and then",
}


def often(frequency: Frequency) -> str:
    return _OFTEN[frequency]
