"""config.toml: created once with commented defaults, never rewritten; mistakes only warn."""

import os
import re
import tomllib
from pathlib import Path

import pytest

from reader.userdata.config import DEFAULT_CONFIG, Config, load_config


def write(cfg: Path, text: str) -> Path:
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "config.toml").write_text(text, "utf-8")
    return cfg / "config.toml"


def test_first_run_creates_the_commented_default_0600(tmp_path):
    cfg = tmp_path / "cfg"
    old = os.umask(0)
    try:
        config, warnings = load_config(cfg)
    finally:
        os.umask(old)
    path = cfg / "config.toml"
    assert (config, warnings) == (Config(), [])
    assert path.read_text("utf-8") == DEFAULT_CONFIG
    assert path.stat().st_mode & 0o777 == 0o600
    assert cfg.stat().st_mode & 0o777 == 0o700
    assert tomllib.loads(DEFAULT_CONFIG) == {}  # everything is commented out
    for key in ("archive", "theme", "language", "[keys]", "bookmarks"):
        assert re.search(rf"^# {re.escape(key)}", DEFAULT_CONFIG, re.M), key


def test_default_is_created_once_and_never_rewritten(tmp_path):
    cfg = tmp_path / "cfg"
    load_config(cfg)
    path = write(cfg, 'theme = "nord"\n')
    stamp = path.stat().st_mtime_ns
    config, warnings = load_config(cfg)
    assert config.theme == "nord" and warnings == []
    assert path.read_text("utf-8") == 'theme = "nord"\n' and path.stat().st_mtime_ns == stamp
    path.write_text("", "utf-8")  # emptied by the user: still theirs
    load_config(cfg)
    assert path.read_text("utf-8") == ""


def test_every_commented_setting_works_when_uncommented(tmp_path):
    text = re.sub(r"^# (\S+ = |\[keys\])", r"\1", DEFAULT_CONFIG, flags=re.M)
    write(tmp_path, text)
    config, warnings = load_config(tmp_path)
    assert warnings == []
    assert config.archive == Path.home() / "kz-archive"
    assert (config.theme, config.language) == ("textual-dark", "kk")
    assert config.keys["bookmarks"] == "B"


def test_values_are_read(tmp_path):
    write(
        tmp_path,
        'archive = "~/arch"\ntheme = "gruvbox"\nlanguage = "en"\n[keys]\nbookmarks = "ctrl+b"\n',
    )
    config, warnings = load_config(tmp_path)
    assert warnings == []
    assert config == Config(Path.home() / "arch", "gruvbox", "en", {"bookmarks": "ctrl+b"})


def test_sync_on_start_quit_is_true_or_false_default_false(tmp_path):
    assert load_config(tmp_path)[0].sync_on_start_quit is False
    write(tmp_path, 'sync = "host:notes.git"\nsync_on_start_quit = true\n')
    config, warnings = load_config(tmp_path)
    assert warnings == [] and config.sync_on_start_quit is True
    assert config.sync == "host:notes.git"
    path = write(tmp_path, "sync_on_start_quit = 'true'\n")
    config, [warning] = load_config(tmp_path)
    assert config.sync_on_start_quit is False
    assert warning == (f"{path}: sync_on_start_quit must be true or false, not str 'true'; "
                       "using the default")


def test_relative_archive_is_relative_to_the_config_folder(tmp_path):
    write(tmp_path, 'archive = "articles"\n')
    assert load_config(tmp_path)[0].archive == tmp_path / "articles"


def test_unknown_key_warns_and_the_rest_is_used(tmp_path):
    path = write(tmp_path, 'colour = "red"\ntheme = "nord"\n')
    config, warnings = load_config(tmp_path)
    assert config.theme == "nord"
    assert warnings == [f"{path}: unknown setting 'colour' (ignored)"]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("archive = 5", "archive"),
        ("theme = true", "theme"),
        ('language = "de"', "language"),
        ("language = 1", "language"),
        ("keys = 3", "keys"),
        ("[keys]\nquit = 1", "keys.quit"),
        ('sync_on_start_quit = "yes"', "sync_on_start_quit"),
        ("sync_on_start_quit = 1", "sync_on_start_quit"),
    ],
)
def test_wrong_type_warns_with_file_and_key_and_uses_the_default(tmp_path, line, key):
    path = write(tmp_path, line + "\n")
    config, warnings = load_config(tmp_path)
    assert config == Config()
    [warning] = warnings
    assert warning.startswith(f"{path}: {key} ") and "default" in warning


def test_broken_toml_warns_with_the_line_and_uses_defaults(tmp_path):
    path = write(tmp_path, 'theme = "nord"\nlanguage = \n')
    config, warnings = load_config(tmp_path)
    assert config == Config()
    [warning] = warnings
    assert str(path) in warning and "line 2" in warning and "\n" not in warning


def test_not_utf8_warns(tmp_path):
    tmp_path.joinpath("config.toml").write_bytes(b'theme = "\xff"\n')
    config, [warning] = load_config(tmp_path)
    assert config == Config() and "UTF-8" in warning


def test_cannot_create_is_a_warning_not_an_exception(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    config, [warning] = load_config(blocker / "cfg")  # a file where the folder should be
    assert config == Config() and "cannot create" in warning and "config.toml" in warning
