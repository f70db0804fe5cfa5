"""The --help texts: what each command is for and examples to copy.

Kept apart from cli.py so the parser stays readable. tests/test_cli_help.py runs every
"  kz-reader ..." line under "Examples:" against a temporary archive, so keep them true
(they assume an archive at ~/kz-archive, named in config.toml, holding the sample article).
"""

from __future__ import annotations

import argparse
import textwrap

from reader.i18n import t

SAMPLE = "000_8da56fbcbfc7ef32.txt"

def description(command: str) -> str | None:
    """What a command is for, in the interface language (None: only its one-line help)."""
    texts = {
        "import": t(
            "Copy article files into the archive. Each file is checked first: one that is "
            "empty, binary or has no readable text is refused, with the reason. An existing "
            "file is never overwritten: a name that is taken is skipped (\"already there\" when "
            "the content is the same). Exit status: 0 every file is in the archive now, 1 some "
            "were skipped or refused, 2 bad usage (the bundled sample archive cannot be "
            "imported into)."
        ),
        "import-library": t(
            "Merge bookmarks and notes from `kz-reader export --format json` (FILE, or - for "
            "standard input) into library.toml. An entry whose id is already there is skipped, "
            "and so is a second bookmark on the same paragraph; nothing already there is "
            "changed. Exit status: 1 when some entries were unusable."
        ),
        "completion": t(
            "Print a completion script for bash or zsh: subcommands, options, folders and "
            "files.\n\n"
            "To load it in every new shell:\n"
            '  bash: add   eval "$(kz-reader completion bash)"   to ~/.bashrc\n'
            '  zsh:  add   eval "$(kz-reader completion zsh)"    to ~/.zshrc, after compinit'
        ),
        "index": t(
            "Build the search index, or bring it up to date. Every command does this by "
            "itself, looking only in folders whose time changed (a file added, removed or "
            "renamed over); --full also reads every file's size and time, which finds a file "
            "edited in place. On a terminal a progress bar shows; the summary line goes to "
            "standard output. Another kz-reader indexing the same archive is waited for."
        ) + "\n\n" + t(
            "--shared leaves the index readable by users who may not write to its folder "
            "($KZ_READER_INDEX_DIR, which they set too): they search it as it is, and the "
            "owner's cron job keeps it up to date."
        ),
        "export": t(
            "Bookmarks, notes and highlights with the text each points at, found where it is "
            "now: a Markdown digest that reads on its own (the default), JSON that `kz-reader "
            "import-library` reads back, or --format obsidian DIR: one Markdown file an "
            "article, with YAML front matter, for Obsidian or any notes folder (a second "
            "export rewrites the files it wrote and touches no other)."
        ),
        "bookmarks": t(
            "Each bookmark where it is now: found again after its article was edited "
            "(edited) or moved (moved), or not (orphaned: its paragraph is gone; missing: its "
            "article is). What was found again is written back to library.toml."
        ),
        "sync": t(
            "Merge library.toml (bookmarks, notes, highlights) and the reading positions of "
            "state.toml with a git repository, both ways: REMOTE is any git URL "
            "(ssh://host/path/notes.git, host:notes.git) or a folder (made when missing). It "
            "is remembered; sync in config.toml may name it too. An empty repository gets "
            "this machine's library; a new machine takes the repository's and adds its own."
        ) + "\n\n" + t(
            "Nothing is lost: an entry changed on one side takes that change; a deletion on "
            "either side stays deleted, even over an edit on the other; a note changed on "
            "both sides keeps both texts, between marker lines, for you to resolve. Reading "
            "positions: the newer one; read marks: all of them. Exit status: 0 synced, 2 "
            "error (nothing here changed: the remote unreachable, a push refused, a remote "
            "that is not kz-reader's or is from a newer version, a broken library.toml)."
        ),
        "search": t(
            'Words match any inflected form and Latin spellings (konstitutsiya); "a phrase" in '
            "quotes; prefix* matches word beginnings. Exit status: 0 found, 1 nothing found, "
            "2 error."
        ) + "\n\n" + t(
            "--in library searches what you wrote instead: bookmark labels and note texts, "
            "newest first. --from and --to are then the day a bookmark or note was made, and "
            "--source the source line of its article."
        ),
    }
    return texts.get(command)


# The command lines of the examples; what each one does is in _why().
_EXAMPLES: dict[str, list[str]] = {
    "": [
        "kz-reader",
        f"kz-reader {SAMPLE}",
        "kz-reader --archive ~/kz-archive",
        "kz-reader list --json",
        "kz-reader show --help",
    ],
    "list": [
        "kz-reader list",
        "kz-reader list --json",
        "kz-reader --archive ~/kz-archive list",
    ],
    "show": [
        f"kz-reader show {SAMPLE}",
        f"kz-reader show ~/kz-archive/{SAMPLE}",
        f"kz-reader show {SAMPLE} --latin --plain",
    ],
    "search": [
        "kz-reader search Конституция",
        'kz-reader search "саяси кеңес" --limit 5',
        "kz-reader search konstitutsiya --json",
        "kz-reader search реформа --in library",
    ],
    "bookmarks": [
        "kz-reader bookmarks",
        "kz-reader bookmarks --json",
        "kz-reader bookmarks --tag budget",
    ],
    "notes": [
        "kz-reader notes",
        "kz-reader notes --json",
    ],
    "highlights": [
        "kz-reader highlights",
        "kz-reader highlights --json --tag budget",
    ],
    "export": [
        "kz-reader export > digest.md",
        "kz-reader export --format json > library.json",
        "kz-reader export --format obsidian ~/vault/kz-reader",
        "kz-reader export --tag budget > budget.md",
    ],
    "check": [
        "kz-reader check",
        "kz-reader check --archive ~/kz-archive",
    ],
    "index": [
        "kz-reader index",
        "kz-reader index --full --archive ~/kz-archive",
        "kz-reader index --shared",
    ],
    "import": [
        "kz-reader import report.txt",
        "kz-reader import --into 2026/02 report.txt other.txt",
    ],
    "import-library": [
        "kz-reader import-library library.json",
        "kz-reader export --format json | kz-reader --config-dir ~/copy import-library -",
    ],
    "completion": [
        "kz-reader completion bash",
        "kz-reader completion zsh",
    ],
    "sync": [
        "kz-reader sync ~/kz-notes.git",
        "kz-reader sync",
        "kz-reader sync --dry-run",
        "kz-reader sync --json",
    ],
}


def _why(command: str) -> list[str]:
    """What each example of a command does, in the interface language."""
    texts = {
        "": [
            t("the reader; reopens the last article"),
            t("the reader, on that article"),
            t("the reader on another archive"),
            t("every article, for a script"),
            t("each command has its own help"),
        ],
        "list": [
            t("date, id and title, newest first"),
            t("id, date, title, source, paragraphs, words"),
            t("another archive"),
        ],
        "show": [t("by id"), t("by path"), t("in the Latin alphabet, no styles")],
        "search": [
            t("any inflected form"), t("a phrase"), t("a Latin spelling; JSON"),
            t("in your bookmark labels and notes"),
        ],
        "bookmarks": [t("one line each"), t("for a script, each with its status"),
                      t("only those tagged budget")],
        "notes": [t("each note under its article"), t("for a script")],
        "highlights": [t("each passage quoted"), t("for a script, only those tagged budget")],
        "export": [t("a Markdown digest"), t("for another tool, or a backup"),
                   t("one Markdown file an article, for Obsidian"),
                   t("only what is tagged budget")],
        "check": [t("every problem, one line each"), t("another archive")],
        "index": [t("what changed since the last look"), t("every file, for a nightly job"),
                  t("one index for every user of a server")],
        "import": [t("into the top of the archive"), t("into a folder of it")],
        "import-library": [t("a file from export --format json"), t("standard input")],
        "completion": [t("print the bash script"), t("print the zsh script")],
        "sync": [t("with a folder (made when missing); remembered"),
                 t("again, with the remote remembered"),
                 t("what would change on each side; nothing written"), t("for a script")],
    }
    return texts[command]


def epilog(command: str) -> str:
    """The "Examples:" block for a command ("" is the top level)."""
    rows = list(zip(_EXAMPLES[command], _why(command), strict=True))
    width = min(max(len(line) for line, _ in rows), 44) + 2
    lines = [
        f"  {line:<{width}}# {why}" if len(line) < width else f"  {line}\n  {'':<{width}}# {why}"
        for line, why in rows
    ]
    return t("Examples:") + "\n" + "\n".join(lines)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Raw, so the examples keep their lines; prose paragraphs are still wrapped."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for block in text.split("\n\n"):
            literal = block.startswith(t("Examples:")) or "\n " in block or block.startswith(" ")
            filled = textwrap.fill(" ".join(block.split()), width, initial_indent=indent,
                                   subsequent_indent=indent)
            out.append(super()._fill_text(block, width, indent) if literal else filled)
        return "\n\n".join(out)
