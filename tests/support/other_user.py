"""Running kz-reader as another user (`nobody`, through setpriv, when the tests run as root),
as a second reader on a shared server is."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

import reader

NOBODY = 65534


def readable_site(base: Path) -> Path:
    """The installed packages copied where another user can read them: a contributor's clone
    sits in a private (0700) home, and the venv inside it is closed to `nobody`."""
    site = base / "site"
    skip = shutil.ignore_patterns("__pycache__", "pip", "_pytest", "hypothesis", "setuptools")
    shutil.copytree(sysconfig.get_paths()["purelib"], site, ignore=skip)
    package = Path(reader.__file__).parent  # an editable install lives in the clone
    shutil.rmtree(site / "reader", ignore_errors=True)
    shutil.copytree(package, site / "reader", ignore=skip)
    styles = package.parent / "styles"
    if not (site / "reader" / "styles").is_dir() and styles.is_dir():
        shutil.copytree(styles, site / "reader" / "styles")
    for folder in (site, *site.rglob("*")):
        folder.chmod(0o755 if folder.is_dir() else 0o644)
    return site


def as_other_user(argv: list[str]) -> list[str]:
    """argv run as nobody when we are root; unchanged otherwise (the caller then takes write
    access away with chmod, which is the same refusal for its own user)."""
    if os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")  # util-linux, on every Debian
    assert setpriv, "setpriv is missing: apt-get install -y util-linux"
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv]
