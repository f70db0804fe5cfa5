"""The app's plain start is read without argparse (argv.app_args): whatever it reads, argparse
(parser._app_parser) reads the same way, and whatever it leaves to argparse, argparse reads."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli.argv import UsageError, app_args
from reader.cli.parser import _app_parser, _argparse_in_language

WORDS = ["--archive", "--config-dir", "--archive=", "--archive=a", "--config-dir=c=d",
         "--archive=-q", "--arch", "--archivex=1", "a", "b c", "", " ", "-", "--", "-h",
         "--help", "--version", "-x", "-1", "x=y", "list", "ж", "-ел", "2026/a.txt#3"]


def _argparse(argv: list[str]) -> dict | None:
    """What argparse makes of argv, or None when it refuses it."""
    try:
        with _argparse_in_language():
            return vars(_app_parser(False).parse_args(argv))
    except (UsageError, SystemExit):
        return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=5))
def test_what_app_args_reads_argparse_reads_the_same(argv: list[str]) -> None:
    fast = app_args(argv)
    if fast is not None:
        assert vars(fast) == _argparse(argv)


@pytest.mark.parametrize("argv", [
    [], ["a.txt"], ["--archive", "/x"], ["--archive=/x", "id"], ["id", "--config-dir", "c"],
    ["--archive", "a", "--archive", "b"], ["--archive", ""], ["--config-dir=", "x=y"],
])
def test_the_plain_starts_are_read_without_argparse(argv: list[str]) -> None:
    fast = app_args(argv)
    assert fast is not None
    assert vars(fast) == _argparse(argv)


@pytest.mark.parametrize("argv", [
    ["-h"], ["--archive"], ["--archive", "-x"], ["a", "b"], ["--", "-x"], ["-"], ["-ел"],
    ["--arch", "x"],
])
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert app_args(argv) is None


def test_the_command_line_loads_no_argparse_to_start_the_app() -> None:
    """(Nor tomllib or json: no file to parse, nothing to write as JSON.)"""
    script = ("import sys\n"
              "import reader.cli.main\n"
              "from reader.cli.argv import app_args\n"
              "app_args(['--archive', '/x', 'a.txt'])\n"
              "print(sorted(m for m in ('argparse', 'gettext', 'tomllib', 'json')"
              " if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, check=True)
    assert ran.stdout.strip() == "[]", ran.stdout
