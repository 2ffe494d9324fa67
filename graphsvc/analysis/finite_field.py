"""Linear algebra modulo a prime, exact where floating point would round.

The disclosure audit asks which combinations of published figures pin down
a few clients; over the rationals that is exact row reduction, here done
modulo a large prime with numpy. A dependency over the rationals is always
one modulo the prime, so the audit never misses a disclosure; the rare
dependency that exists only modulo the prime makes it more careful, never
less."""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

P = 2_147_483_647  # 2**31 - 1: a product of two residues fits in int64

Matrix = npt.NDArray[np.int64]


# below 2**16, so their inverses fit in a table; more than one, for the rare
# matrix whose rank drops modulo one of them
SMALL_PRIMES = (65_521, 65_519, 65_497, 65_479, 65_449)


@functools.cache
def inverses(p: int) -> Matrix:
    """The inverse of every residue modulo ``p`` (0 for 0), by Fermat."""
    result = np.ones(p, dtype=np.int64)
    base = np.arange(p, dtype=np.int64)
    exponent = p - 2
    while exponent:
        if exponent & 1:
            result = result * base % p
        base = base * base % p
        exponent >>= 1
    return result


def row_reduce(matrix: Matrix, columns: int | None = None, p: int = P) -> tuple[Matrix, list[int]]:
    """The reduced row echelon form modulo ``p`` and its pivot columns,
    pivoting only in the first ``columns`` columns (all by default): the rest
    ride along, so ``[A | I]`` gives which rows of A make each reduced row."""
    m = matrix.astype(np.int64) % p
    rows = m.shape[0]
    pivots: list[int] = []
    r = 0
    for c in range(m.shape[1] if columns is None else columns):
        if r == rows:
            break
        below = np.flatnonzero(m[r:, c])
        if below.size == 0:
            continue
        k = r + int(below[0])
        if k != r:
            m[[r, k]] = m[[k, r]]
        m[r] = m[r] * pow(int(m[r, c]), p - 2, p) % p
        factors = m[:, c].copy()
        factors[r] = 0
        others = np.flatnonzero(factors)
        if others.size:
            m[others] = (m[others] - factors[others, None] * m[r]) % p
        pivots.append(c)
        r += 1
    return m, pivots


def null_space(matrix: Matrix, p: int = P) -> Matrix:
    """A basis of {x : matrix @ x = 0} modulo ``p``, one basis vector per
    column (shape: columns of ``matrix`` x dimension of the null space)."""
    reduced, pivots = row_reduce(matrix, p=p)
    return null_space_of_reduced(reduced, pivots, matrix.shape[1], p)


def null_space_of_reduced(reduced: Matrix, pivots: list[int], n: int, p: int = P) -> Matrix:
    """:func:`null_space` of the first ``n`` columns of a reduced matrix."""
    taken = set(pivots)
    free = [c for c in range(n) if c not in taken]
    basis = np.zeros((n, len(free)), dtype=np.int64)
    basis[free, np.arange(len(free))] = 1
    if pivots and free:
        basis[pivots] = (-reduced[: len(pivots)][:, free]) % p
    return basis
