"""`kz-reader sync` end to end, with real git: two config folders are two machines, a bare
repository the remote, in a folder and over the real OpenSSH sshd on 127.0.0.1 (the `url`
fixture runs each of the issue's cases both ways).

The installed kz-reader runs as a user would run it, in an account where git was never
configured (a HOME without .gitconfig). A sync killed with SIGKILL is killed at a chosen git
command by a git wrapper, so each point is hit every time, with no timing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.archive import SAMPLE_ID
from support.git_remote import GIT, bare_remote
from support.git_remote import git as _git
from support.ssh import Sshd, free_port, start_sshd
from support.terminal import installed_script

from reader.userdata.library import Library
from reader.userdata.sync_merge import versions


class Machine:
    """One machine: its config folder, a home with no git settings, its environment."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root / name
        self.home = self.root / "home"
        self.config = self.root / "config"
        self.home.mkdir(parents=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "LANG": "C.UTF-8",
        }

    @property
    def library(self) -> Library:
        return Library(self.config / "library.toml")

    def sync(self, *args: str, expect: int = 0, **env: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(installed_script()), "--config-dir", str(self.config),
                               "sync", *args], env=self.env | env, capture_output=True,
                              text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert done.returncode == expect, (done.returncode, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def data(self) -> dict:
        path = self.config / "library.toml"
        return tomllib.loads(path.read_text("utf-8")) if path.exists() else {}

    def state(self) -> dict:
        return tomllib.loads((self.config / "state.toml").read_text("utf-8"))

    def files(self) -> dict[str, bytes]:
        """Every file of the config folder (the clone included), to compare before/after;
        but config.toml (any first command writes the commented default) and the empty
        lock files."""
        return {str(p.relative_to(self.config)): p.read_bytes()
                for p in sorted(self.config.rglob("*")) if p.is_file()
                and p.name != "config.toml" and not p.name.endswith(".lock")}


def entries(machine: Machine) -> dict[str, dict]:
    """id -> entry, every kind; fails on an id twice (a sync must never double one)."""
    found: dict[str, dict] = {}
    for kind in ("bookmarks", "notes", "highlights"):
        for entry in machine.data().get(kind, []):
            assert entry["id"] not in found, f"{entry['id']} twice in {machine.config}"
            found[entry["id"]] = entry
    return found


def one_line_error(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2
    assert done.stderr.startswith("kz-reader: ") and done.stderr.count("\n") == 1, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr
    assert done.stdout == ""


def refs(repo: Path) -> str:
    return _git("for-each-ref", "--format=%(refname) %(objectname)", cwd=repo)


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return bare_remote(tmp_path)


@pytest.fixture
def a(tmp_path: Path) -> Machine:
    return Machine(tmp_path, "a")


@pytest.fixture
def b(tmp_path: Path) -> Machine:
    return Machine(tmp_path, "b")


@pytest.fixture(params=["folder", "ssh"])
def url(request: pytest.FixtureRequest, remote: Path, a: Machine, b: Machine,
        tmp_path: Path) -> str:
    """The remote as the machines name it: its folder, or the same bare repository over the
    real sshd on 127.0.0.1 (an ssh:// URL, git run through ssh with the test's key)."""
    if request.param == "folder":
        return str(remote)
    import pwd

    sshd = request.getfixturevalue("sshd")
    ssh = _ssh_command(sshd, tmp_path)
    for machine in (a, b):
        machine.env["GIT_SSH_COMMAND"] = ssh
    return f"ssh://{pwd.getpwuid(os.getuid()).pw_name}@127.0.0.1:{sshd.port}{remote}"


def like(machine: Machine, other: Machine) -> Machine:
    """A further machine that reaches the remote the way `other` does."""
    if "GIT_SSH_COMMAND" in other.env:
        machine.env["GIT_SSH_COMMAND"] = other.env["GIT_SSH_COMMAND"]
    return machine


def bookmark(machine: Machine, paragraph: int, label: str = "") -> str:
    return machine.library.add_bookmark(SAMPLE_ID, "Конституция", None, paragraph, label).id


def note(machine: Machine, text: str, note_id: str | None = None, paragraph: int = 1) -> str:
    return machine.library.save_note(SAMPLE_ID, "Конституция", paragraph, text, note_id).id


def both_synced(a: Machine, b: Machine, remote: str) -> None:
    a.sync(remote)
    b.sync(remote)
    a.sync()


# Spreading ----------------------------------------------------------------------------------

def test_entries_spread_both_ways(a: Machine, b: Machine, remote: Path) -> None:
    mine = [bookmark(a, 1, "реформа"), note(a, "Конституция туралы ескерту")]
    theirs = [bookmark(b, 3, "бюджет"), note(b, "Екінші машина", paragraph=4)]
    high = b.library.add_highlight(SAMPLE_ID, "Конституция", None, _span(), _anchor(), "үзінді")
    first = a.sync(str(remote))
    assert first.stdout.strip() == (f"synced with {remote}: the repository's content made, "
                                    "2 sent")
    second = b.sync(str(remote))
    assert second.stdout.strip() == f"synced with {remote}: 2 new from remote, 3 sent"
    third = a.sync()  # remembered
    assert third.stdout.strip() == f"synced with {remote}: 3 new from remote"
    assert a.sync().stdout.strip() == (f"synced with {remote}: nothing to sync: both sides "
                                       "hold the same")
    assert set(entries(a)) == set(entries(b)) == {*mine, *theirs, high.id}
    assert entries(a) == entries(b)
    assert [n.text for n in sorted(a.library.notes, key=lambda n: n.paragraph or 0)] == [
        "Конституция туралы ескерту", "Екінші машина"]


def _span():  # type: ignore[no-untyped-def]
    from reader.userdata.selectors import Span

    return Span(2, 0, 2, 10)


def _anchor():  # type: ignore[no-untyped-def]
    from reader.userdata.selectors import Anchor

    return Anchor("Отырыс бар", "", "ысында", "sha256:x")


def test_positions_take_the_newer_and_read_marks_add_up(a: Machine, b: Machine,
                                                         remote: Path) -> None:
    def state(machine: Machine, positions: dict, seen: dict, read: list, last: str) -> None:
        lines = [f'last_article = "{last}"', f"read = {json.dumps(read)}", "[positions]"]
        lines += [f'"{k}" = {v}' for k, v in positions.items()] + ["[seen]"]
        lines += [f'"{k}" = {v}' for k, v in seen.items()]
        machine.config.mkdir(parents=True, exist_ok=True)
        (machine.config / "state.toml").write_text("\n".join(lines) + "\n", "utf-8")

    state(a, {"x.txt": 3, "y.txt": 1}, {"x.txt": "2026-01-02T10:00:00Z",
                                        "y.txt": "2026-01-01T10:00:00Z"}, ["x.txt"], "x.txt")
    state(b, {"x.txt": 7, "y.txt": 9, "z.txt": 2}, {"x.txt": "2026-01-01T10:00:00Z",
                                                    "y.txt": "2026-01-03T10:00:00Z"},
          ["y.txt"], "y.txt")
    both_synced(a, b, str(remote))
    for machine, last in ((a, "x.txt"), (b, "y.txt")):
        got = machine.state()
        assert got["positions"] == {"x.txt": 3, "y.txt": 9, "z.txt": 2}
        assert set(got["read"]) == {"x.txt", "y.txt"}
        assert got["last_article"] == last  # where each machine was is its own


# Deletions and conflicts ----------------------------------------------------------------------

def test_a_delete_on_one_side_and_an_edit_of_another_on_the_other(a: Machine, b: Machine,
                                                                   url: str) -> None:
    gone, kept = bookmark(a, 1, "өшіріледі"), bookmark(a, 2, "қалады")
    both_synced(a, b, url)
    a.library.remove_bookmark(gone)
    b.library.rename_bookmark(kept, "жаңа атау")
    assert "1 sent" in a.sync().stdout
    assert b.sync().stdout.strip().endswith("1 deleted here, 1 sent")
    a.sync()
    for machine in (a, b):
        assert {e["id"]: e.get("label") for e in entries(machine).values()} == {
            kept: "жаңа атау"}
    deleted = tomllib.loads((a.config / "sync" / "deleted.toml").read_text("utf-8"))
    assert gone in deleted["bookmarks"]


def test_the_same_note_edited_on_both_sides_keeps_both(a: Machine, b: Machine,
                                                       url: str) -> None:
    shared = note(a, "бастапқы мәтін")
    both_synced(a, b, url)
    note(a, "бірінші машинада өзгертілді", shared)
    note(b, "екінші машинада өзгертілді", shared)
    a.sync()
    done = b.sync()
    assert done.stdout.splitlines()[0].startswith(f"conflict: note {shared} was changed")
    assert done.stdout.strip().endswith("1 conflict")
    a.sync()
    for machine in (a, b):
        [entry] = entries(machine).values()
        assert entry["conflict"] is True
        assert versions(entry["text"]) == ["бірінші машинада өзгертілді",
                                           "екінші машинада өзгертілді"]
    listed = subprocess.run([str(installed_script()), "--config-dir", str(a.config), "notes"],
                            env=a.env, capture_output=True, text=True, timeout=60)
    assert "бірінші машинада" in listed.stdout and "екінші машинада" in listed.stdout
    assert "<<<<<<< kz-reader" in listed.stdout
    # resolved on one machine: one text, no flag, everywhere
    note(b, "екеуінен біреуі", shared)
    b.sync()
    a.sync()
    [entry] = entries(a).values()
    assert entry["text"] == "екеуінен біреуі" and "conflict" not in entry


def test_deleted_on_one_side_relabelled_on_the_other_deletion_wins(
        a: Machine, b: Machine, tmp_path: Path, url: str) -> None:
    target = bookmark(a, 2, "бастапқы")
    both_synced(a, b, url)
    c = like(Machine(tmp_path, "c"), a)  # a third machine that has it too, and an old export
    c.sync(url)
    exported = subprocess.run([str(installed_script()), "--config-dir", str(c.config),
                               "export", "--format", "json"], env=c.env, capture_output=True,
                              text=True, timeout=60).stdout
    a.library.remove_bookmark(target)
    b.library.rename_bookmark(target, "жаңа атау")
    a.sync()
    assert "1 deleted here" in b.sync().stdout
    c.library.rename_bookmark(target, "үшінші")
    assert "1 deleted here" in c.sync().stdout
    fresh = like(Machine(tmp_path, "d"), a)  # imports the old export, syncs: stays deleted
    (fresh.root / "old.json").write_text(exported, "utf-8")
    subprocess.run([str(installed_script()), "--config-dir", str(fresh.config),
                    "import-library", str(fresh.root / "old.json")], env=fresh.env,
                   check=True, capture_output=True, timeout=60)
    assert target in entries(fresh)
    fresh.sync(url)
    for machine in (a, b, c, fresh):
        assert target not in entries(machine), machine.config


# Killed mid-way -------------------------------------------------------------------------------

KILLER = """#!/bin/sh
case " $* " in *" $KILL_AT "*) hit=1;; *) hit=0;; esac
if [ $hit = 1 ] && [ "$KILL_WHEN" = before ]; then kill -9 $PPID; exit 1; fi
if [ $hit = 1 ] && [ "$KILL_WHEN" = run ] && [ ! -e "$RAN" ]; then : > "$RAN"; $RUN; fi
"{git}" "$@"
status=$?
if [ $hit = 1 ] && [ "$KILL_WHEN" = after ]; then kill -9 $PPID; fi
exit $status
"""


@pytest.mark.parametrize(("at", "when"), [
    ("fetch", "after"), ("commit-tree", "after"), ("push", "before"), ("push", "after"),
    ("update-ref", "after"), ("reset", "before"),
])
def test_a_sync_killed_mid_way_then_run_again(a: Machine, b: Machine, url: str,
                                              tmp_path: Path, at: str, when: str) -> None:
    """SIGKILL at a git command (before or after it ran): the next sync loses nothing and
    doubles nothing, not even the conflict's texts."""
    shared = note(a, "бастапқы")
    old = bookmark(a, 1)
    both_synced(a, b, url)
    note(a, "мұнда өзгертілді", shared)
    mine = [bookmark(a, 5, "a"), note(a, "жаңа a", paragraph=6)]
    a.library.remove_bookmark(old)
    note(b, "онда өзгертілді", shared)
    theirs = [bookmark(b, 7, "b")]
    b.sync()
    bin_dir = tmp_path / "killer"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(KILLER.format(git=GIT))
    (bin_dir / "git").chmod(0o755)
    killed = a.sync(expect=-9, PATH=f"{bin_dir}:{a.env['PATH']}", KILL_AT=at, KILL_WHEN=when)
    assert killed.stdout == ""
    a.sync()
    b.sync()
    a.sync()
    assert entries(a) == entries(b)
    assert set(entries(a)) == {shared, *mine, *theirs}
    text = entries(a)[shared]["text"]
    assert versions(text) == ["онда өзгертілді", "мұнда өзгертілді"]
    assert a.sync().stdout.strip().endswith("nothing to sync: both sides hold the same")


def test_the_remote_moving_during_a_sync(a: Machine, b: Machine, remote: Path,
                                        tmp_path: Path) -> None:
    """Another machine pushes between this sync's fetch and its push: the push is refused,
    and the sync fetches and merges again instead of failing or overwriting."""
    both_synced(a, b, str(remote))
    mine, theirs = bookmark(a, 4, "a"), bookmark(b, 5, "b")
    bin_dir = tmp_path / "runner"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(KILLER.format(git=GIT))
    (bin_dir / "git").chmod(0o755)
    other = f"{installed_script()} --config-dir {b.config} sync"
    done = a.sync(PATH=f"{bin_dir}:{a.env['PATH']}", KILL_AT="push", KILL_WHEN="run",
                  RUN=other, RAN=str(tmp_path / "ran"))
    assert (tmp_path / "ran").exists()
    assert done.stdout.strip() == f"synced with {remote}: 1 new from remote, 1 sent"
    b.sync()
    assert set(entries(a)) == set(entries(b)) and {mine, theirs} <= set(entries(a))


# Bad input and failures: one line, exit 2, nothing here changed --------------------------------

def test_the_remote_unreachable(a: Machine, remote: Path) -> None:
    bookmark(a, 1)
    before = a.files()
    port = free_port()  # nothing listens there
    done = a.sync(f"ssh://127.0.0.1:{port}/x.git", expect=2,
                  GIT_SSH_COMMAND="ssh -F /dev/null -o BatchMode=yes")
    one_line_error(done, "cannot reach", "Connection refused")
    assert a.files() == before  # not even a half-made clone
    a.sync(str(remote))
    before = a.files()
    one_line_error(a.sync(str(remote.parent / "nowhere" / "x.git"), expect=2), "cannot reach")
    one_line_error(a.sync(f"ssh://127.0.0.1:{port}/x.git", expect=2,
                          GIT_SSH_COMMAND="ssh -F /dev/null -o BatchMode=yes"), "cannot reach")
    assert a.files() == before
    assert "nothing to sync" in a.sync().stdout  # the remembered remote is the good one


def _commit_files(repo: Path, files: dict[str, str], tmp_path: Path, branch: str = "main",
                  ) -> None:
    work = tmp_path / "work"
    shutil.rmtree(work, ignore_errors=True)
    _git("clone", "-q", str(repo), str(work))
    for name, text in files.items():
        (work / name).write_text(text, "utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    _git("add", "-A", cwd=work, env=env)
    _git("commit", "-q", "-m", "x", cwd=work, env=env)
    _git("push", "-q", "origin", f"HEAD:refs/heads/{branch}", cwd=work, env=env)


@pytest.mark.parametrize(("files", "branch", "words"), [
    ({"README.md": "# my dotfiles\n"}, "main", ["is not a kz-reader repository"]),
    ({"README.md": "# my dotfiles\n"}, "master", ["is not a kz-reader repository"]),
    ({"kz-reader.toml": "format = 1\n", "library.toml": "version = 1\n[[bookmarks]\n"},
     "main", ["library.toml does not parse"]),
    ({"kz-reader.toml": "format = [\n"}, "main", ["kz-reader.toml does not parse"]),
    ({"kz-reader.toml": "format = 2\n", "library.toml": "version = 2\n"}, "main",
     ["written by a newer kz-reader", "format = 2", "never changed"]),
    ({"kz-reader.toml": "format = 1\n", "library.toml": "version = 2\n"}, "main",
     ["written by a newer kz-reader", "version = 2"]),
], ids=["other-repository", "other-branch", "library-broken", "marker-broken", "newer-format",
        "newer-library"])
def test_a_remote_that_cannot_be_used(a: Machine, remote: Path, url: str, tmp_path: Path,
                                      files: dict, branch: str, words: list) -> None:
    bookmark(a, 1)
    _commit_files(remote, files, tmp_path, branch)
    before, remote_refs = a.files(), refs(remote)
    one_line_error(a.sync(url, expect=2), *words)
    one_line_error(a.sync(url, "--dry-run", expect=2), *words)
    assert a.files() == before and refs(remote) == remote_refs  # never written, or downgraded


def test_a_broken_library_is_never_overwritten(a: Machine, b: Machine, remote: Path,
                                               url: str) -> None:
    bookmark(a, 1)
    both_synced(a, b, url)
    bookmark(a, 2)
    a.sync()
    broken = b"version = 1\n[[bookmarks]\nid = 'b-x'\n"
    (b.config / "library.toml").write_bytes(broken)
    before, remote_refs = b.files(), refs(remote)
    one_line_error(b.sync(expect=2), "library.toml is not valid TOML", "line 2",
                   "read-only until it is fixed")
    assert b.files() == before and refs(remote) == remote_refs
    newer = b"version = 2\n"
    (b.config / "library.toml").write_bytes(newer)
    one_line_error(b.sync(expect=2), "written by a newer kz-reader (version = 2)")
    assert (b.config / "library.toml").read_bytes() == newer


@pytest.mark.parametrize(("args", "words"), [
    (["my notes.git"], ["contains spaces"]),
    (["ssh://host/a b.git"], ["contains spaces"]),
    (["--", "--upload-pack=evil"], ["starts with '-'"]),
    (["ssh://[::1"], ["cannot reach"]),
    (["nosuchtransport::whatever"], ["cannot reach"]),
    (["ext::sh -c touch% /tmp/kz-pwned"], ["contains spaces"]),
    (["ext::sh"], ["cannot reach", "'ext' not allowed"]),
    ([], ["no remote to sync with"]),
], ids=["space", "space-url", "option", "bad-url", "bad-transport", "ext-space", "ext",
        "none"])
def test_bad_remotes(a: Machine, args: list, words: list) -> None:
    bookmark(a, 1)
    before = a.files()
    one_line_error(a.sync(*args, expect=2), *words)
    assert a.files() == before


def test_no_git_on_the_machine(a: Machine, remote: Path, tmp_path: Path) -> None:
    bookmark(a, 1)
    before = a.files()
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    one_line_error(a.sync(str(remote), expect=2, PATH=str(empty)), "git is not installed")
    assert a.files() == before and refs(remote) == ""


# Volume, dry run, JSON, identity ---------------------------------------------------------------

def test_fifty_entries_made_on_each_side_between_syncs(a: Machine, b: Machine,
                                                       url: str) -> None:
    both_synced(a, b, url)
    made_a = [bookmark(a, i, f"a{i}") for i in range(50)]
    made_b = [note(b, f"b{i}", paragraph=i) for i in range(50)]
    assert a.sync().stdout.strip().endswith("50 sent")
    assert b.sync().stdout.strip().endswith("50 new from remote, 50 sent")
    assert a.sync().stdout.strip().endswith("50 new from remote")
    assert set(entries(a)) == set(entries(b)) == {*made_a, *made_b}


def test_dry_run_writes_nothing(a: Machine, b: Machine, tmp_path: Path) -> None:
    folder = tmp_path / "new-remote.git"
    bookmark(a, 1, "бірінші")
    before = a.files()
    done = a.sync(str(folder), "--dry-run")
    assert done.stdout.splitlines() == [
        f"remote  + bookmark {next(iter(entries(a)))}  Конституция",
        f"dry run, nothing written; with {folder}: the repository's content made, 1 sent"]
    assert not folder.exists() and a.files() == before
    a.sync(str(folder))
    both = [bookmark(b, 2, "екінші"), note(b, "жазба")]
    b.sync(str(folder))
    a.library.rename_bookmark(next(iter(entries(a))), "өзгерді")
    before, remote_refs = a.files(), refs(folder)
    lines = a.sync("--dry-run").stdout.splitlines()
    assert sorted(lines[:-1]) == sorted([f"here  + bookmark {both[0]}  Конституция",
                                         f"here  + note {both[1]}  Конституция",
                                         f"remote  ~ bookmark {next(iter(entries(a)))}  "
                                         "Конституция"])
    assert lines[-1] == (f"dry run, nothing written; with {folder}: 2 new from remote, "
                         "1 sent")
    assert a.files() == before and refs(folder) == remote_refs


def test_json_for_scripts(a: Machine, b: Machine, remote: Path) -> None:
    made = bookmark(a, 1)
    a.sync(str(remote))
    theirs = note(b, "жазба")
    data = json.loads(b.sync(str(remote), "--json").stdout)
    assert data == {
        "remote": str(remote), "dry_run": False, "created": False, "pushed": True,
        "here": {"added": [{"kind": "bookmarks", "id": made}], "changed": [], "deleted": [],
                 "positions": 0, "read": 0},
        "there": {"added": [{"kind": "notes", "id": theirs}], "changed": [], "deleted": [],
                  "positions": 0, "read": 0},
        "conflicts": [],
        "summary": f"synced with {remote}: 1 new from remote, 1 sent",
    }
    again = json.loads(a.sync("--json", "--dry-run").stdout)
    assert again["dry_run"] is True and again["here"]["added"] == [
        {"kind": "notes", "id": theirs}] and again["pushed"] is False


def test_an_account_where_git_was_never_configured(a: Machine, remote: Path) -> None:
    assert not list(a.home.iterdir())
    bookmark(a, 1)
    a.sync(str(remote))
    assert not (a.home / ".gitconfig").exists()
    assert not (a.home / ".config" / "git").exists()
    author = _git("log", "-1", "--format=%an <%ae>", "main", cwd=remote)
    assert author.startswith("kz-reader (") and "@" in author
    assert _git("config", "--list", "--local", cwd=a.config / "sync").count("user.") == 0
    assert (a.config / "sync").stat().st_mode & 0o777 == 0o700


def test_config_toml_names_the_remote(a: Machine, remote: Path) -> None:
    bookmark(a, 1)
    a.config.mkdir(parents=True, exist_ok=True)
    (a.config / "config.toml").write_text(f'sync = "{remote}"\n', "utf-8")
    assert a.sync().stdout.strip() == (f"synced with {remote}: the repository's content made, "
                                       "1 sent")
    assert "version = 1" in _git("show", "main:library.toml", cwd=remote)


# Over the real sshd -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    server = start_sshd(tmp_path_factory.mktemp("sync-sshd"))
    try:
        yield server
    finally:
        server.stop()


def _ssh_command(sshd: Sshd, folder: Path) -> str:
    """ssh with the test's key and a known_hosts that holds the server's host key."""
    host_key = (sshd.folder / "host_ed25519.pub").read_text().split()[:2]
    known = folder / "known_hosts"
    known.write_text(f"[127.0.0.1]:{sshd.port} {' '.join(host_key)}\n")
    return (f"ssh -F /dev/null -i {sshd.key} -p {sshd.port} -o BatchMode=yes "
            f"-o StrictHostKeyChecking=yes -o UserKnownHostsFile={known}")


def test_over_ssh(sshd: Sshd, a: Machine, b: Machine, remote: Path, tmp_path: Path) -> None:
    import pwd

    user = pwd.getpwuid(os.getuid()).pw_name
    ssh = _ssh_command(sshd, tmp_path)
    url = f"ssh://{user}@127.0.0.1:{sshd.port}{remote}"
    scp_like = f"{user}@127.0.0.1:{remote}"  # host:path, the port from GIT_SSH_COMMAND
    shared = note(a, "бастапқы")
    gone = bookmark(a, 1)
    first = a.sync(url, GIT_SSH_COMMAND=ssh)
    assert first.stdout.strip() == f"synced with {url}: the repository's content made, 2 sent"
    made = bookmark(b, 3, "ssh")
    assert b.sync(scp_like, GIT_SSH_COMMAND=ssh).stdout.strip() == (
        f"synced with {scp_like}: 2 new from remote, 1 sent")
    a.library.remove_bookmark(gone)
    note(a, "a", shared)
    note(b, "b", shared)
    a.sync(GIT_SSH_COMMAND=ssh)
    assert b.sync(GIT_SSH_COMMAND=ssh).stdout.strip().endswith("1 conflict")
    a.sync(GIT_SSH_COMMAND=ssh)
    assert entries(a) == entries(b)
    assert set(entries(a)) == {shared, made}
    assert versions(entries(a)[shared]["text"]) == ["a", "b"]
    # the server goes away: one line, nothing here changed
    before = a.files()
    wrong = _ssh_command(sshd, tmp_path).replace(str(sshd.port), str(free_port()))
    one_line_error(a.sync(expect=2, GIT_SSH_COMMAND=wrong), "cannot reach")
    assert a.files() == before


def test_summary_counts_are_exact_after_a_day(a: Machine, b: Machine, remote: Path) -> None:
    """A day's work on both machines: the summary is what each side got."""
    both_synced(a, b, str(remote))
    before = dt.datetime.now(dt.UTC)
    for i in range(3):
        bookmark(b, 10 + i)
    bookmark(a, 20)
    b.sync()
    done = a.sync()
    assert done.stdout.strip() == f"synced with {remote}: 3 new from remote, 1 sent"
    assert all(e["created"] >= before.replace(microsecond=0) for e in entries(a).values())


# The core API, as the app calls it --------------------------------------------------------------

def test_the_app_way_in_a_worker_thread(a: Machine, b: Machine, remote: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """sync() in a thread with the app's own Library object: its lists show the result."""
    import threading

    from reader.userdata.sync_repo import summary, sync

    theirs = bookmark(b, 3, "b")
    b.sync(str(remote))
    for name, value in a.env.items():
        monkeypatch.setenv(name, value)
    library = a.library
    results: list = []
    worker = threading.Thread(target=lambda: results.append(sync(
        a.config, library, a.config / "state.toml", str(remote), batch=True)))
    worker.start()
    worker.join(120)
    [report] = results
    assert [x.id for x in library.bookmarks] == [theirs]  # shown without reading again
    assert summary(report) == f"synced with {remote}: 1 new from remote"


def test_a_remote_that_never_answers_ends_at_the_timeout(a: Machine, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.userdata.sync_repo import SyncError, sync

    bookmark(a, 1)
    slow = tmp_path / "slow-ssh"
    slow.write_text("#!/bin/sh\nexec sleep 300\n")
    slow.chmod(0o755)
    for name, value in a.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(slow))
    before = a.files()
    with pytest.raises(SyncError, match="no answer within 1 seconds"):
        sync(a.config, a.library, a.config / "state.toml", "ssh://host/x.git", timeout=1,
             batch=True)
    assert a.files() == before
