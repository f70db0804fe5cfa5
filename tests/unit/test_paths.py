"""Where files go: the lookup order of the README's "Files"."""

from pathlib import Path

import pytest

from reader.userdata import paths


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("KZ_READER_CONFIG_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return monkeypatch


def test_default_is_dot_config_under_home(env, tmp_path):
    assert paths.config_dir(None) == tmp_path / "home" / ".config" / "kz-reader"


def test_xdg_config_home_beats_home(env, tmp_path):
    env.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert paths.config_dir(None) == tmp_path / "xdg" / "kz-reader"


def test_own_variable_beats_xdg(env, tmp_path):
    env.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    env.setenv("KZ_READER_CONFIG_DIR", str(tmp_path / "own"))
    assert paths.config_dir(None) == tmp_path / "own"


def test_cli_value_beats_everything(env, tmp_path):
    env.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    env.setenv("KZ_READER_CONFIG_DIR", str(tmp_path / "own"))
    assert paths.config_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert paths.config_dir("~/cfg") == tmp_path / "home" / "cfg"


def test_empty_or_relative_variables_are_ignored(env, tmp_path):
    env.setenv("KZ_READER_CONFIG_DIR", "")
    env.setenv("XDG_CONFIG_HOME", "relative/xdg")  # the XDG spec says: ignore it
    assert paths.config_dir(None) == tmp_path / "home" / ".config" / "kz-reader"


def test_config_dir_creates_nothing(env, tmp_path):
    env.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    paths.config_dir(None)
    assert not (tmp_path / "xdg").exists()
    assert not (tmp_path / "home").exists()


def test_cache_dir(env, tmp_path):
    assert paths.cache_dir() == tmp_path / "home" / ".cache" / "kz-reader"
    env.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert paths.cache_dir() == tmp_path / "cache" / "kz-reader"


def test_bundled_archive_holds_the_sample():
    assert (paths.bundled_archive() / "000_8da56fbcbfc7ef32.txt").is_file()


def test_styles_dir_in_the_source_tree():
    repo = Path(__file__).resolve().parents[2]
    assert paths.styles_dir() == repo / "styles"


def test_styles_dir_prefers_the_installed_package_folder(monkeypatch, tmp_path):
    (tmp_path / "reader" / "styles").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE", tmp_path / "reader")
    assert paths.styles_dir() == tmp_path / "reader" / "styles"
