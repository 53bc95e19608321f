"""Pure: one optimal one-to-one assignment of rows to columns (the Hungarian method).

The header's labels are assigned to fields with it: every label against every field at once,
so that no order of the columns is assumed and two labels never claim one field.
"""

from __future__ import annotations

from collections.abc import Sequence

INF = float("inf")


def best_assignment(gains: Sequence[Sequence[float]]) -> list[int | None]:
    """For each row, the column it is assigned (or None), maximising the summed gains.

    Each column goes to one row at most; a pair whose gain is not positive is never made (a
    row may stay unassigned), and a gain of ``-inf`` forbids a pair outright. Ties go to the
    earlier row and column, so the result is deterministic.
    """
    n = len(gains)
    m = len(gains[0]) if n else 0
    if not n or not m:
        return [None] * n
    transposed = n > m
    rows = [list(col) for col in zip(*gains, strict=True)] if transposed else [list(r) for r in gains]
    # Minimise the cost -gain; an unwanted pair costs what leaving the row unassigned costs (0).
    cost = [[-g if g > 0 else 0.0 for g in row] for row in rows]
    by_row = _hungarian(cost)
    pairs = [(i, j) for i, j in enumerate(by_row) if j is not None and rows[i][j] > 0]
    out: list[int | None] = [None] * n
    for i, j in pairs:
        if transposed:
            out[j] = i
        else:
            out[i] = j
    return out


def _hungarian(cost: list[list[float]]) -> list[int | None]:
    """Minimum-cost assignment of every row (rows ≤ columns) to a distinct column.

    The classic O(n²m) method with potentials (Kuhn-Munkres, as in e-maxx's formulation):
    rows are added one by one, each along a shortest augmenting path in reduced costs.
    """
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner = [0] * (m + 1)  # column → its row (1-based; 0 = free); column 0 is the virtual start
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [INF] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], INF, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    out: list[int | None] = [None] * n
    for j in range(1, m + 1):
        if owner[j]:
            out[owner[j] - 1] = j - 1
    return out
