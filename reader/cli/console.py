"""Rich's console for the commands that print styled text (show, search): imported only
by them, so a command that prints JSON or plain lines never loads Rich."""

from __future__ import annotations

import sys

from rich.console import Console

from reader.cli.commands import write_out


class PipeConsole(Console):
    """Rich's Console ends the process with exit status 1 on a broken pipe, which for
    `search` means "nothing found": here it is a BrokenPipeError like any other write's."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


class Chunked:
    """What Rich writes to in a pipe: write_out, with stdout's own answers to Rich's questions."""

    def write(self, text: str) -> int:
        write_out(text)
        return len(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def __getattr__(self, name: str):  # isatty, fileno, encoding...
        return getattr(sys.stdout, name)
