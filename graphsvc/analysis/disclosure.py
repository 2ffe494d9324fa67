"""Which published figures, combined, pin down fewer than k clients.

A researcher who sees figures F_1..F_m, each a sum over the clients of a
cell (a count is a sum of ones), can work out exactly every combination
y_1 F_1 + ... + y_m F_m, and by arithmetic nothing else. Such a combination
is a sum over clients, client u weighted c_u = the sum of y_i over the
figures holding u. It discloses when it rests on fewer than k clients: c is
nonzero on some clients and only on fewer than k of them. ALL minus the
shown teams resting on the one client of a suppressed team is the plainest
case; three groupings and their totals can combine in less obvious ways.

Clients held by exactly the same figures always get the same weight: they
form one *atom*, weighing as many clients as it holds. A combination resting
only on a set S of atoms exists iff the rows for S of a basis of the null
space of the figure-by-atom matrix are linearly dependent (c is a
combination of the figures iff it is orthogonal to that null space). So the
audit looks for dependent sets among the rows of the light atoms (fewer than
k clients) whose weights add up to less than k: sets of at most k-1 rows.

The search runs modulo a small prime, one modulo which the matrix keeps the
rank it has modulo 2**31 - 1 (so its null space is that of the rationals,
reduced), on a random projection to k+1 dimensions, where sets of up to k-1
rows keep their independence but for a chance of about one in 65521**3;
whatever it finds is checked on the full rows modulo 2**31 - 1 and dropped if
independent there. (That the rank modulo 2**31 - 1 is the rank over the
rationals is the one thing left to chance, about one in 2**31.) It does not try
every set: with up to k-3 rows fixed, two more close a dependent set exactly
when they point the same way once the fixed rows are factored out, which a
hash of their normalised directions shows. The last two levels are done for
all rows at once, so the cost grows with the cube of the number of light
atoms (a few hundred take seconds); :data:`MAX_LIGHT_ATOMS` is where the
caller should coarsen first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .finite_field import (
    SMALL_PRIMES,
    Matrix,
    P,
    inverses,
    null_space,
    null_space_of_reduced,
    row_reduce,
)

Indices = npt.NDArray[np.intp]

MAX_LIGHT_ATOMS = 300


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A combination of shown figures that rests on fewer than k clients."""

    units: frozenset[int]
    figures: tuple[int, ...]  # the figures it combines (indices into those given)


@dataclass(frozen=True, slots=True)
class Atoms:
    """Units grouped by the figures that hold them."""

    members: tuple[tuple[int, ...], ...]  # the units of each atom
    figures: tuple[tuple[int, ...], ...]  # the figures holding each atom

    @staticmethod
    def of(figures: Sequence[Collection[int]]) -> Atoms:
        holding: defaultdict[int, list[int]] = defaultdict(list)
        for f, units in enumerate(figures):
            for u in units:
                holding[u].append(f)
        atoms: defaultdict[tuple[int, ...], list[int]] = defaultdict(list)
        for u, fs in sorted(holding.items()):
            atoms[tuple(fs)].append(u)
        return Atoms(tuple(tuple(us) for us in atoms.values()), tuple(atoms))

    def light(self, min_cell: int) -> list[int]:
        return [a for a, us in enumerate(self.members) if len(us) < min_cell]


def find_disclosures(
    figures: Sequence[Collection[int]], min_cell: int, *, seed: int = 0
) -> list[Disclosure]:
    """Every way found to combine ``figures`` (each the set of units it sums
    over) into a figure about 1 to ``min_cell - 1`` units; empty when none."""
    if min_cell < 2:
        return []
    atoms = Atoms.of(figures)
    light = atoms.light(min_cell)
    if not light:
        return []
    m, n = len(figures), len(atoms.members)
    a = np.zeros((m, n), dtype=np.int64)
    for col, fs in enumerate(atoms.figures):
        a[list(fs), col] = 1
    reduced, pivots = row_reduce(np.hstack([a, np.eye(m, dtype=np.int64)]), columns=n)
    exact = null_space_of_reduced(reduced, pivots, n)[light]
    p = next((q for q in SMALL_PRIMES if len(row_reduce(a, p=q)[1]) == len(pivots)), None)
    if p is None:
        raise ArithmeticError("the figures lose rank modulo every small prime tried")
    small = null_space(a, p)[light]
    size = min_cell - 1
    rng = np.random.default_rng(seed)
    projection = rng.integers(0, p, size=(small.shape[1], size + 2))
    rows = small @ projection % p
    weights = np.array([len(atoms.members[i]) for i in light], dtype=np.int64)
    found: dict[frozenset[int], Disclosure] = {}
    for chosen in _Search(rows, weights, size, p, rng).run():
        left = null_space(exact[list(chosen)].T)
        if left.shape[1] == 0:
            continue  # dependent only modulo the small prime
        per_atom = np.zeros(n, dtype=np.int64)
        per_atom[[light[i] for i in chosen]] = left[:, 0]
        units = frozenset(
            u for i, w in zip(chosen, left[:, 0], strict=True) if w for u in atoms.members[light[i]]
        )
        if units not in found:
            found[units] = Disclosure(units, _figures_making(per_atom, reduced, pivots, n))
    return list(found.values())


def _figures_making(weight: Matrix, reduced: Matrix, pivots: list[int], n: int) -> tuple[int, ...]:
    """The figures whose combination gives the per-atom ``weight`` (which is
    a combination of them): read off the reduced rows of [A | I]."""
    y = np.zeros(reduced.shape[1] - n, dtype=np.int64)
    for row, col in enumerate(pivots):
        if weight[col]:
            y = (y + int(weight[col]) * reduced[row, n:]) % P
    return tuple(int(i) for i in np.flatnonzero(y))


class _Search:
    """Sets of rows, linearly dependent modulo the prime ``p``, whose weights
    add up to at most ``budget`` (every weight at least 1)."""

    def __init__(
        self,
        rows: Matrix,
        weights: npt.NDArray[np.int64],
        budget: int,
        p: int,
        rng: np.random.Generator,
    ) -> None:
        self.p = p
        self.inverse = inverses(p)
        self.rows = rows
        self.w = weights
        self.budget = budget
        # a random linear hash of a normalised direction (each term < 2**56)
        self.hash = rng.integers(0, 2**40, size=rows.shape[1], dtype=np.int64)
        self.found: list[tuple[int, ...]] = []

    def run(self) -> list[tuple[int, ...]]:
        self._level((), np.arange(len(self.w)), self.rows, self.budget)
        return self.found

    def _level(self, prefix: tuple[int, ...], cands: Indices, vecs: Matrix, left: int) -> None:
        w = self.w
        zero = ~vecs.any(axis=1)
        self.found.extend((*prefix, int(i)) for i in cands[zero] if w[i] <= left)
        cands, vecs = cands[~zero], vecs[~zero]
        if len(cands) < 2:
            return
        keys = self._keys(vecs)
        order = np.lexsort((w[cands], keys))
        same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        for j in same:
            i1, i2 = cands[order[j]], cands[order[j + 1]]
            if w[i1] + w[i2] <= left:
                self.found.append((*prefix, int(i1), int(i2)))
        depth = len(prefix)
        if depth + 3 > self.budget:
            return
        if depth + 4 > self.budget:
            self._last_two(prefix, cands, vecs, left)
            return
        for x in range(len(cands) - 1):
            rest = left - int(w[cands[x]])
            later = np.flatnonzero(w[cands[x + 1 :]] <= rest - 1) + x + 1
            if later.size:
                quotient = self._factor_out(vecs[later], vecs[x])
                self._level((*prefix, int(cands[x])), cands[later], quotient, rest)

    def _last_two(self, prefix: tuple[int, ...], cands: Indices, vecs: Matrix, left: int) -> None:
        """Every row x with two later rows y, z that are parallel once x is
        factored out: the sets prefix + (x, y, z), for all x at once."""
        w = self.w[cands]
        n = len(cands)
        pivot = np.argmax(vecs != 0, axis=1)
        p = self.p
        scale = vecs[:, pivot].T * self.inverse[vecs[np.arange(n), pivot]][:, None] % p
        quotients = (vecs[None, :, :] - scale[:, :, None] * vecs[:, None, :]) % p
        index = np.arange(n)
        usable = (index[None, :] > index[:, None]) & (w[:, None] + w[None, :] + 1 <= left)
        usable &= quotients.any(axis=2)
        keys = np.where(usable, self._keys(quotients), -1 - (index[:, None] * n + index[None, :]))
        order = np.lexsort((np.broadcast_to(w, (n, n)), keys), axis=-1)
        ranked = np.take_along_axis(keys, order, axis=1)
        for x, j in zip(*np.nonzero(ranked[:, 1:] == ranked[:, :-1]), strict=True):
            y, z = order[x, j], order[x, j + 1]
            if w[x] + w[y] + w[z] <= left:
                self.found.append((*prefix, int(cands[x]), int(cands[y]), int(cands[z])))

    def _keys(self, vecs: Matrix) -> npt.NDArray[np.int64]:
        """A hash of each (nonzero) row's direction: the row scaled so that
        its first nonzero entry is 1."""
        lead = np.take_along_axis(vecs, np.argmax(vecs != 0, axis=-1)[..., None], axis=-1)
        normal = vecs * self.inverse[lead] % self.p
        keys: npt.NDArray[np.int64] = (normal * self.hash).sum(axis=-1)
        return keys

    def _factor_out(self, vecs: Matrix, row: Matrix) -> Matrix:
        """The rows modulo ``row`` (a nonzero row): its span maps to zero."""
        c = int(np.argmax(row != 0))
        scale = vecs[:, c] * self.inverse[row[c]] % self.p
        out: Matrix = (vecs - scale[:, None] * row[None, :]) % self.p
        return out
