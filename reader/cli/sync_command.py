"""`kz-reader sync [REMOTE] [--dry-run] [--json]`: the library merged with a git remote.

The work is reader/userdata/sync_repo.py's (the app calls the same); this prints it. Text
from the remote (titles, ids) is untrusted: printed through terminal_safe and printable_id.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli.parser import PROG, UsageError
from reader.i18n import t
from reader.session import Session
from reader.terminal_text import json_text, printable_id, terminal_safe
from reader.userdata.sync_merge import Side
from reader.userdata.sync_repo import (
    SyncError,
    SyncReport,
    configured_remote,
    summary,
    sync,
)

_SIGNS = (("added", "+"), ("changed", "~"), ("deleted", "-"))


def _kind(kind: str) -> str:
    words = {"bookmarks": t("bookmark"), "notes": t("note"), "highlights": t("highlight")}
    return words.get(kind, printable_id(kind))


def which_remote(session: Session, given: str | None) -> str:
    """REMOTE, else `sync` in config.toml (a relative folder: relative to the config
    folder, as `archive`), else the one the last sync used."""
    if given is not None:
        return given
    found = configured_remote(session.config_dir, session.config.sync)
    if found:
        return found
    raise UsageError(t("no remote to sync with: kz-reader sync REMOTE (a git URL or a folder; "
                       "it is remembered), or sync = \"…\" in config.toml"))


def _change_lines(report: SyncReport) -> list[str]:
    """Each change on each side, for --dry-run: `here  + note n-…  title`."""
    lines = []
    for where, side in ((t("here"), report.here), (t("remote"), report.there)):
        for name, sign in _SIGNS:
            for kind, entry_id in getattr(side, name):
                title = terminal_safe(report.titles.get((kind, entry_id), ""))
                lines.append(f"{where}  {sign} {_kind(kind)} {printable_id(entry_id)}  {title}"
                             .rstrip())
    return lines


def _conflict_lines(report: SyncReport) -> list[str]:
    return [t("conflict: {kind} {id} was changed on both machines; both versions are kept "
              "in it, between <<<<<<< kz-reader and >>>>>>> kz-reader lines: keep one and "
              "delete the rest", kind=_kind(kind), id=printable_id(entry_id))
            for kind, entry_id in report.conflicts]


def _side_json(side: Side) -> dict:
    def ids(pairs: list[tuple[str, str]]) -> list[dict]:
        return [{"kind": kind, "id": entry_id} for kind, entry_id in pairs]

    return {"added": ids(side.added), "changed": ids(side.changed),
            "deleted": ids(side.deleted), "positions": side.positions, "read": side.read}


def as_json(report: SyncReport) -> dict:
    return {
        "remote": report.remote,
        "dry_run": report.dry_run,
        "created": report.created,
        "pushed": report.pushed,
        "here": _side_json(report.here),
        "there": _side_json(report.there),
        "conflicts": [{"kind": kind, "id": entry_id} for kind, entry_id in report.conflicts],
        "summary": summary(report),
    }


def cmd_sync(session: Session, args: argparse.Namespace) -> int:
    remote = which_remote(session, args.remote)
    if session.library.broken:  # the usual message: never overwritten, nothing sent
        raise UsageError(session.library.broken)

    def waiting() -> None:
        print(f"{PROG}: " + t("waiting for another kz-reader sync to finish"), file=sys.stderr)

    try:
        report = sync(session.config_dir, session.library, session.state_path, remote,
                      dry_run=args.dry_run, on_wait=waiting)
    except SyncError as error:
        raise UsageError(str(error)) from None
    if args.json:
        print(json_text(as_json(report)))
        return 0
    lines = _change_lines(report) if report.dry_run else []
    lines += _conflict_lines(report)
    lines.append(summary(report))
    print("\n".join(lines))
    return 0
