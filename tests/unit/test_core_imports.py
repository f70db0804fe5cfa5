"""The core reads and writes the reader's files without Textual or Rich: the app is a thin
view on it, and scripts or another front end can use it alone."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

VIEWS = ("reader.tui", "reader.cli", "reader.render", "reader.__main__")


def _core_modules() -> list[str]:
    """Every module of the package but the views (the app, the command line, the Rich
    renderer), found by walking it, so a new core module is checked without a list."""
    names = []
    for info in pkgutil.walk_packages([str(Path(reader.__file__).parent)], "reader."):
        if not info.name.startswith(VIEWS) and not info.name.startswith("reader.sample"):
            names.append(info.name)
    return names


def test_no_core_module_loads_textual_or_rich() -> None:
    modules = _core_modules()
    assert "reader.userdata.library" in modules or "reader.userdata.library" in modules
    script = ("import importlib, sys\n"
              f"for name in {modules!r}:\n"
              "    importlib.import_module(name)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, check=True)
    assert ran.stdout.strip() == "[]", ran.stdout
