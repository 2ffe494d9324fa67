"""What a search of the directory (the professionals and organisations a
nurse links into an onion) looks for.

A nurse types a name ("Bakker") or what someone is, in Dutch or English
("huisarts", "apotheek", "general practitioner"). The directory holds roles
as they were sent (mostly English: "general practitioner", "pharmacist"), so
a word for a role stands for every word of its group in :data:`ROLE_GROUPS`,
and for the kind of organisation it names. The database compares what is
stored in lower case with these terms (lower case, without accents).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Reason, ValidationError
from .folding import fold
from .organization import OrganizationKind

# Words that name one kind of professional or organisation, Dutch and English
# (a term matches inside a name or role: "pharmac" finds pharmacy and
# pharmacist), and the kind of organisation they work in.
ROLE_GROUPS: tuple[tuple[frozenset[str], OrganizationKind | None], ...] = (
    (
        frozenset({"huisarts", "general practitioner", "gp", "family doctor", "dokter"}),
        OrganizationKind.GP_PRACTICE,
    ),
    (frozenset({"apotheek", "apotheker", "pharmac"}), OrganizationKind.PHARMACY),
    (frozenset({"fysiotherap", "fysio", "physiotherap", "physio"}), OrganizationKind.PHYSIOTHERAPY),
    (frozenset({"ziekenhuis", "hospital", "specialist"}), OrganizationKind.HOSPITAL),
    (
        frozenset({"maatschappelijk werk", "social work", "welzijn", "wijkteam"}),
        OrganizationKind.SOCIAL_WORK,
    ),
    (frozenset({"gemeente", "wmo", "municipality"}), OrganizationKind.MUNICIPALITY),
    (frozenset({"verpleegkundige", "verzorgende", "nurse", "wijkverpleging"}), None),
    (frozenset({"ergotherap", "occupational therap"}), None),
    (frozenset({"casemanager", "case manager", "dementie", "dementia"}), None),
    (frozenset({"specialist ouderengeneeskunde", "elderly care physician"}), None),
    (frozenset({"dietist", "dietitian", "dietician"}), None),
    (frozenset({"logopedist", "speech therap"}), None),
    (frozenset({"tandarts", "dentist"}), None),
    (frozenset({"thuiszorg", "huishoudelijke hulp", "home help", "home care"}), None),
    (frozenset({"vrijwilliger", "volunteer"}), OrganizationKind.THIRD_SECTOR),
)

# Words of an assistant's role (Dutch "assistent", English "assistant").
ASSISTANTS = ("assist",)

# How many entries a search gives at most, and when none is asked for.
MAX_RESULTS = 50
DEFAULT_RESULTS = 20


@dataclass(frozen=True, slots=True)
class DirectoryQuery:
    """Terms any of which a name, role or organisation name holds; kinds of
    organisation whose people are found too; ``roles``: terms one of which
    the person's own role must hold (None: any role), and
    ``role_excludes`` terms it must not (an assistant is not what she
    assists: "GP assistant" is no GP)."""

    terms: tuple[str, ...]
    kinds: tuple[str, ...]
    roles: tuple[str, ...] | None
    limit: int
    role_excludes: tuple[str, ...] = ()


def _group_terms(word: str) -> tuple[set[str], set[str]]:
    terms, kinds = {word}, set[str]()
    for group, kind in ROLE_GROUPS:
        if any(
            t == word or (len(word) >= 3 and (t.startswith(word) or word.startswith(t)))
            for t in group
        ):
            terms |= group
            if kind is not None:
                kinds.add(kind.value)
    return terms, kinds


def directory_query(
    search: str, role: str | None = None, first: int | None = None
) -> DirectoryQuery:
    """The query for what a nurse typed; refused when there is nothing to look for."""
    needle = " ".join(fold(search).split())
    if len(needle) < 2:
        raise ValidationError(
            "search",
            "type at least two letters of a name or role",
            code=Reason.TOO_SHORT,
            minimum=2,
        )
    limit = DEFAULT_RESULTS if first is None else first
    if not 1 <= limit <= MAX_RESULTS:
        raise ValidationError(
            "first",
            f"must be 1-{MAX_RESULTS}",
            code=Reason.OUT_OF_RANGE,
            minimum=1,
            maximum=MAX_RESULTS,
        )
    terms, kinds = _group_terms(needle)
    # as typed too (lower case, accents kept): names written before names were
    # folded have no folded copy to compare with
    terms.add(" ".join(search.lower().split()))
    roles: tuple[str, ...] | None = None
    excludes: tuple[str, ...] = ()
    if role is not None and (wanted := " ".join(fold(role).split())):
        roles = tuple(sorted(_group_terms(wanted)[0]))
        excludes = () if any(a in wanted for a in ASSISTANTS) else ASSISTANTS
    return DirectoryQuery(tuple(sorted(terms)), tuple(sorted(kinds)), roles, limit, excludes)
