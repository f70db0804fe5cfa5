"""Updates the index in a process of its own, reporting progress on stdout.

The app starts this rather than updating in a thread: the first build of a large archive
uses a pool of processes and a few hundred megabytes, none of which should live in the
reader's own process, and a spawn from inside a running terminal app is fragile.

    python -m reader.search.update_process ARCHIVE [--quick]
prints "progress DONE TOTAL" lines, then one "done ADDED CHANGED REMOVED BUSY" line. The
first run of a session looks at every file (an edit in place); --quick, the app's later
runs while it is open, only in folders that changed, or asks the watcher (kz-reader index
--watch) when one runs: the app sees the index moved (data_version) and reads its list again.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from reader.search.index import Index
    from reader.search.index_file import ReadOnlyIndex

    quick = "--quick" in argv[1:]
    try:
        index = Index.open(Path(argv[0]))
    except ReadOnlyIndex as error:  # its last line is what the app shows
        print(error, file=sys.stderr)
        return 1
    if quick:
        from reader.search.watch_client import synced

        if synced(index.path):  # kz-reader index --watch took every change in: nothing to do
            index.close()
            print("done 0 0 0 0", flush=True)
            return 0
    try:
        result = index.update(
            progress=lambda done, total: print(f"progress {done} {total}", flush=True),
            check=quick is False,  # in the background, where reading every page costs nothing
            full=not quick)  # and where looking at every file (an edit in place) does too
    finally:
        index.close()
    print(f"done {result.added} {result.changed} {result.removed} {int(result.busy)}",
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
