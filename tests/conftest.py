"""Fixtures shared by the app tests: a private archive and config folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.archive import SAMPLE_ID, write_article

from reader.i18n import set_language
from reader.userdata.paths import bundled_archive


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """No test writes a search index into the real user's cache folder, and every test
    starts in English whatever the machine's locale (a test may choose Kazakh)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of the test's own; nothing of the real user is read or written."""
    folder = tmp_path / "config"
    monkeypatch.setenv("KZ_READER_CONFIG_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return folder



@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The sample article plus two more, in two months, so there is a newest, an oldest and
    a next and previous article."""
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(bundled_archive() / SAMPLE_ID, root / SAMPLE_ID)
    write_article(root, "2026/01/older.txt", "2026-01-15", "Қаңтардағы жиналыс",
                  [f"Бірінші жиналыстың {i}-ші абзацы." for i in range(1, 6)])
    write_article(root, "2025/12/oldest.txt", "2025-12-01", "Желтоқсандағы отырыс",
                  [f"Соңғы отырыстың {i}-ші абзацы." for i in range(1, 4)])
    return root
