"""Two listings of one folder lined up: runs of names alike, in order.

readdir keeps a folder's order from one listing to the next (a hash's, or the order the
names were made in), so a listing stored in that order and the new one match as a few
runs of equal slices (a few list compares for thousands of names); only the names between
runs are looked at one by one. After MISSES steps between runs the order has moved, and
index_walk.py matches the names by a dict instead.
"""

from __future__ import annotations

from collections.abc import Sequence

MISSES = 64  # names out of their stored place before a folder's names are matched by a dict


def runs_of(old: list[str], new: list[str]) -> list[tuple[int, int, int]] | None:
    """Runs (i, j, length) where old[i:i + length] == new[j:j + length], in order: readdir's
    order kept, a name added or gone is a step between two runs. None after MISSES steps."""
    n, m = len(old), len(new)
    runs = []
    i = j = misses = 0
    while i < n and j < m:
        length = common(old, i, new, j)
        if length:
            runs.append((i, j, length))
            i += length
            j += length
            continue
        misses += 1
        if misses > MISSES:
            return None
        if j + 1 < m and old[i] == new[j + 1]:
            j += 1  # new[j] added
        elif i + 1 < n and old[i + 1] == new[j]:
            i += 1  # old[i] gone
        else:
            try:
                i = old.index(new[j], i + 1)  # those before it gone (or moved)
            except ValueError:
                j += 1  # new[j] added, or met before (moved)
    return runs


def common(old: Sequence, i: int, new: Sequence, j: int, step: int = 16) -> int:
    """How many items (names; bytes, for dirents.py) old[i:] and new[j:] start with alike:
    slices compared, `step` at first, each twice the last while they match, halved when
    they do not."""
    most = min(len(old) - i, len(new) - j)
    same = 0
    while same < most:
        end = min(same + step, most)
        if old[i + same:i + end] == new[j + same:j + end]:
            same = end
            step *= 2
        elif end - same == 1:
            break
        else:
            step = (end - same) // 2
    return same


def between(runs: list[tuple[int, int, int]], n: int, m: int) -> tuple[list[int], list[int]]:
    """The places in old (n names) and in new (m) that no run covers."""
    old: list[int] = []
    new: list[int] = []
    i = j = 0
    for start_old, start_new, length in runs:
        old.extend(range(i, start_old))
        new.extend(range(j, start_new))
        i, j = start_old + length, start_new + length
    old.extend(range(i, n))
    new.extend(range(j, m))
    return old, new


def split(runs: list[tuple[int, int, int]], holes: list[int]) -> list[tuple[int, int, int]]:
    """The runs less the places in new that were looked at (`holes`, ascending)."""
    split = []
    at = 0
    for i, j, length in runs:
        while length:
            while at < len(holes) and holes[at] < j:
                at += 1
            cut = min(holes[at] - j, length) if at < len(holes) else length
            if cut:
                split.append((i, j, cut))
            i, j, length = i + cut + 1, j + cut + 1, length - cut - 1
            if length < 0:
                break
    return split


def kept_runs(places: list[int], look: set[int], n: int) -> list[tuple[int, int, int]]:
    """Runs (i, j, length) of the names kept as stored (places[j] = i), in new's order, when
    no runs_of were found (one by one: a folder whose order moved, once)."""
    runs: list[tuple[int, int, int]] = []
    start_i = start_j = length = 0
    for j, i in enumerate(places):
        if i == n or j in look:
            continue
        if length and i == start_i + length and j == start_j + length:
            length += 1
            continue
        if length:
            runs.append((start_i, start_j, length))
        start_i, start_j, length = i, j, 1
    if length:
        runs.append((start_i, start_j, length))
    return runs
