"""The --help texts: what each command is for and examples to copy.

Kept apart from cli.py so the parser stays readable. tests/test_cli_help.py runs every
"  kz-reader ..." line under "Examples:" against a temporary archive, so keep them true
(they assume an archive at ~/kz-archive, named in config.toml, holding the sample article).
"""

from __future__ import annotations

import argparse
import textwrap

SAMPLE = "000_8da56fbcbfc7ef32.txt"

DESCRIPTIONS: dict[str, str] = {
    "import": (
        "Copy article files into the archive. Each file is checked first: one that is empty, "
        "binary or has no readable text is refused, with the reason. An existing file is never "
        "overwritten: a name that is taken is skipped (\"already there\" when the content is the "
        "same). Exit status: 0 every file is in the archive now, 1 some were skipped or "
        "refused, 2 bad usage (the bundled sample archive cannot be imported into)."
    ),
    "import-library": (
        "Merge bookmarks and notes from `kz-reader export --format json` (FILE, or - for "
        "standard input) into library.toml. An entry whose id is already there is skipped, and "
        "so is a second bookmark on the same paragraph; nothing already there is changed. "
        "Exit status: 1 when some entries were unusable."
    ),
    "completion": (
        "Print a completion script for bash or zsh: subcommands, options, folders and files.\n\n"
        "To load it in every new shell:\n"
        '  bash: add   eval "$(kz-reader completion bash)"   to ~/.bashrc\n'
        '  zsh:  add   eval "$(kz-reader completion zsh)"    to ~/.zshrc, after compinit'
    ),
    "export": (
        "Bookmarks and notes with the text of each bookmarked paragraph: a Markdown digest "
        "that reads on its own (the default), or JSON that `kz-reader import-library` reads back."
    ),
}

_EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "": [
        ("kz-reader", "the reader; reopens the last article"),
        (f"kz-reader {SAMPLE}", "the reader, on that article"),
        ("kz-reader --archive ~/kz-archive", "the reader on another archive"),
        ("kz-reader list --json", "every article, for a script"),
        ("kz-reader show --help", "each command has its own help"),
    ],
    "list": [
        ("kz-reader list", "date, id and title, newest first"),
        ("kz-reader list --json", "id, date, title, source, paragraphs, words"),
        ("kz-reader --archive ~/kz-archive list", "another archive"),
    ],
    "show": [
        (f"kz-reader show {SAMPLE}", "by id"),
        (f"kz-reader show ~/kz-archive/{SAMPLE}", "by path"),
        (f"kz-reader show {SAMPLE} --latin --plain", "in the Latin alphabet, no styles"),
    ],
    "search": [
        ("kz-reader search Конституция", "any inflected form"),
        ('kz-reader search "саяси кеңес" --limit 5', "a phrase"),
        ("kz-reader search konstitutsiya --json", "a Latin spelling; JSON"),
    ],
    "bookmarks": [
        ("kz-reader bookmarks", "one line each"),
        ("kz-reader bookmarks --json", "with a missing flag"),
    ],
    "notes": [
        ("kz-reader notes", "each note under its article"),
        ("kz-reader notes --json", "for a script"),
    ],
    "export": [
        ("kz-reader export > digest.md", "a Markdown digest"),
        ("kz-reader export --format json > library.json", "for another tool, or a backup"),
    ],
    "check": [
        ("kz-reader check", "every problem, one line each"),
        ("kz-reader check --archive ~/kz-archive", "another archive"),
    ],
    "import": [
        ("kz-reader import report.txt", "into the top of the archive"),
        ("kz-reader import --into 2026/02 report.txt other.txt", "into a folder of it"),
    ],
    "import-library": [
        ("kz-reader import-library library.json", "a file from export --format json"),
        (
            "kz-reader export --format json | kz-reader --config-dir ~/copy import-library -",
            "standard input",
        ),
    ],
    "completion": [
        ("kz-reader completion bash", "print the bash script"),
        ("kz-reader completion zsh", "print the zsh script"),
    ],
}


def epilog(command: str) -> str:
    """The "Examples:" block for a command ("" is the top level)."""
    rows = _EXAMPLES[command]
    width = min(max(len(line) for line, _ in rows), 44) + 2
    lines = [
        f"  {line:<{width}}# {why}" if len(line) < width else f"  {line}\n  {'':<{width}}# {why}"
        for line, why in rows
    ]
    return "Examples:\n" + "\n".join(lines)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Raw, so the examples keep their lines; prose paragraphs are still wrapped."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for block in text.split("\n\n"):
            literal = block.startswith("Examples:") or "\n " in block or block.startswith(" ")
            filled = textwrap.fill(" ".join(block.split()), width, initial_indent=indent,
                                   subsequent_indent=indent)
            out.append(super()._fill_text(block, width, indent) if literal else filled)
        return "\n\n".join(out)


def commands_with_examples() -> list[str]:
    return [name for name in _EXAMPLES if name]
