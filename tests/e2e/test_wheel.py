"""The built wheel, installed into a fresh venv, ships and finds its styles and sample archive.

The source tree hides packaging mistakes (styles/ lives beside reader/ there), so these
run the installed package from outside the source tree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ID = "000_8da56fbcbfc7ef32.txt"
TITLE = "Қазақстан Республикасының"
# What a wheel is built from: everything but caches, environments and the tests.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
    "tests", "bench",
)


def _run(args: list[str | Path], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess:
    """Run a command; on failure show what it said."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                            timeout=300, **kwargs)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the source tree (the build must not litter the tree)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
          "-w", dist], cwd=source)
    [built] = dist.glob("kz_reader-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed; textual and rich come from the test env.

    `--system-site-packages` would give the base interpreter's packages, not this venv's, so
    a .pth line adds the test env's site-packages after the venv's own (the wheel wins).
    """
    base = tmp_path_factory.mktemp("venv")
    target = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", target], cwd=base)
    python = target / "bin" / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                        cwd=base).stdout.strip())
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "test_env.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    # --ignore-installed: the test env's own kz-reader (visible through the .pth) must
    # neither satisfy the requirement nor be uninstalled.
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
          wheel], cwd=base)
    return target


def test_wheel_ships_styles_and_sample(wheel: Path) -> None:
    """Every .tcss of styles/ and the sample article are inside the wheel, under reader/."""
    names = set(zipfile.ZipFile(wheel).namelist())
    styles = {f"reader/styles/{p.name}" for p in (ROOT / "styles").glob("*.tcss")}
    assert styles, "no styles/*.tcss in the source tree"
    assert styles <= names, sorted(styles - names)
    assert f"reader/sample/{SAMPLE_ID}" in names
    assert "reader/tui/app.py" in names and "reader/cli/main.py" in names


def test_installed_console_script_lists_the_sample(venv: Path, tmp_path: Path) -> None:
    """`kz-reader list --json` from the wheel lists the bundled article."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "KZ_READER_CONFIG_DIR": str(tmp_path / "config")}
    out = _run([venv / "bin" / "kz-reader", "list", "--json"], cwd=tmp_path, env=env).stdout
    [article] = json.loads(out)
    assert article["id"] == SAMPLE_ID
    assert article["date"] == "2026-02-02"
    assert article["title"].startswith(TITLE)
    assert article["source"] == "osdp.kz"


def test_installed_app_finds_its_stylesheets(venv: Path, tmp_path: Path) -> None:
    """Run from outside the source tree, the app's CSS paths are the installed .tcss files."""
    code = (
        "import json, reader\n"
        "from reader.userdata.paths import bundled_archive, styles_dir\n"
        "from reader.tui.app import KzReaderApp\n"
        "print(json.dumps({'package': reader.__file__, 'styles': str(styles_dir()),\n"
        "  'sample': str(bundled_archive()), 'css': [str(p) for p in KzReaderApp.CSS_PATH]}))\n"
    )
    found = json.loads(_run([venv / "bin" / "python", "-c", code], cwd=tmp_path).stdout)
    package = Path(found["package"]).parent
    assert package.is_relative_to(venv), found  # the wheel's copy, not the source tree
    assert Path(found["styles"]) == package / "styles"
    assert (Path(found["sample"]) / SAMPLE_ID).is_file()
    assert found["css"], found
    for css in found["css"]:
        assert Path(css).is_file() and Path(css).parent == package / "styles", css


def test_tests_and_installed_script_use_the_same_code() -> None:
    """The tests import reader from the source tree while the e2e tests start the installed
    console script: with a non-editable install both must hold the same files."""
    import reader

    imported = Path(reader.__file__).resolve().parent
    script = Path(sys.executable).parent / "kz-reader"
    assert script.is_file(), f"{script} is missing: install the package first"
    code = ("import reader, reader.userdata.paths; print(reader.__file__); "
            "print(reader.userdata.paths.styles_dir())")
    lines = _run([sys.executable, "-c", code], cwd=Path("/")).stdout.splitlines()
    installed, styles = Path(lines[0]).resolve().parent, Path(lines[1])
    for source in sorted(imported.rglob("*.py")) + sorted(imported.rglob("*.txt")):
        copy = installed / source.relative_to(imported)
        assert copy.is_file(), f"{copy} is not installed: reinstall the package"
        assert copy.read_bytes() == source.read_bytes(), f"{copy} is stale: reinstall"
    for tcss in (ROOT / "styles").glob("*.tcss"):
        assert (styles / tcss.name).read_bytes() == tcss.read_bytes(), f"{tcss.name} is stale"
