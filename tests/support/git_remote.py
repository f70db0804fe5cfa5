"""git for the sync tests: the binary (a failure naming the Debian package when it is
missing: these tests never skip), a run that fails the test with git's own words, and an
empty bare repository to serve as a remote."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def _git_binary() -> str:
    found = shutil.which("git")
    if found is None:
        raise AssertionError("`git` is not installed, and the sync tests need it: "
                             "`apt-get install -y git` (.ci/run does this)")
    return found


GIT = _git_binary()


def git(*args: str, cwd: Path | None = None, env: dict | None = None) -> str:
    """git's output (stripped); the test fails with git's message when it fails."""
    done = subprocess.run([GIT, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def bare_remote(folder: Path) -> Path:
    repo = folder / "remote.git"
    git("init", "-q", "--bare", str(repo))
    return repo


def gated_git(folder: Path) -> tuple[Path, Path, str]:
    """A `git` in folder/bin that, each time, says it started (a file) and waits for the
    gate file before running the real one: (started, gate, the PATH that puts it first)."""
    import os

    bin_dir = folder / "bin"
    bin_dir.mkdir()
    started, gate = folder / "git-started", folder / "git-gate"
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\n: > "{started}"\n'
                       f'while [ ! -e "{gate}" ]; do sleep 0.02; done\n'
                       f'exec "{GIT}" "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    return started, gate, f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
