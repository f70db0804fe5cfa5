"""Shell completion scripts, generated from the argparse parser so they never drift from it.

Completed: subcommands, every option, the values of --format and of the shell name, folders
after DIR options, files where a command takes an article file or id. Ids themselves are not
listed (that would scan the archive on every Tab); an article's path works wherever an id does.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

PROG = "kz-reader"


@dataclass
class Option:
    names: list[str]
    help: str
    value: str | None  # None: a flag; "dir", "file", "words:a b", or "any"
    label: str = "value"  # what the value is called (its metavar)


@dataclass
class Command:
    name: str
    help: str
    options: list[Option] = field(default_factory=list)
    positional: str | None = None  # the kind of its positional arguments, as Option.value
    many: bool = False  # more than one positional (FILE...)
    label: str = "argument"


def _kind(action: argparse.Action) -> str:
    if action.choices:
        return "words:" + " ".join(str(c) for c in action.choices)
    metavar = str(action.metavar or action.dest).upper()
    if metavar == "DIR":
        return "dir"
    return "file" if metavar in ("FILE", "ID") else "any"


def _describe(parser: argparse.ArgumentParser, name: str, help_text: str) -> Command:
    command = Command(name, help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            value = None if action.nargs == 0 else _kind(action)
            text = "" if action.help in (None, argparse.SUPPRESS) else str(action.help)
            label = str(action.metavar or action.dest).lower()
            command.options.append(Option(list(action.option_strings), text, value, label))
        else:
            command.positional = _kind(action)
            command.label = str(action.metavar or action.dest).lower()
            command.many = action.nargs in ("+", "*")
    return command


def describe(parser: argparse.ArgumentParser) -> tuple[Command, list[Command]]:
    """(the top level, the subcommands) as plain data."""
    top = _describe(parser, "", "")
    top.positional, top.many = "file", False  # `kz-reader FILE` opens an article
    subs: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: str(a.help or "") for a in action._choices_actions}
            for name, sub in action.choices.items():
                subs.append(_describe(sub, name, helps.get(name, "")))
    return top, subs


def _bash_value_cases(commands: list[Command]) -> list[str]:
    kinds: dict[str, list[str]] = {}
    for c in commands:
        for o in c.options:
            if o.value is not None:
                for n in o.names:
                    if n not in kinds.setdefault(o.value, []):
                        kinds[o.value].append(n)
    lines = []
    for kind, names in kinds.items():
        action = {"dir": "_kz_reader_dirs", "file": "_kz_reader_files"}.get(kind, ":")
        if kind.startswith("words:"):
            action = f'_kz_reader_words "{kind[6:]}"'
        lines.append(f"        {'|'.join(names)}) {action}; return ;;")
    return lines


def _bash_positional(c: Command) -> str:
    kind = c.positional or ""
    if kind.startswith("words:"):
        return f'_kz_reader_words "{kind[6:]}"'
    return {"dir": "_kz_reader_dirs", "file": "_kz_reader_files"}.get(kind, ":")


def bash_script(parser: argparse.ArgumentParser) -> str:
    top, subs = describe(parser)
    valued = sorted({n for c in [top, *subs] for o in c.options if o.value for n in o.names})
    top_opts = " ".join(n for o in top.options for n in o.names)
    cases = []
    for c in subs:
        opts = " ".join(n for o in c.options for n in o.names)
        limit = "else" if c.many else "elif ((npos == 0)); then"
        then = "" if _bash_positional(c) == ":" else f" {limit} {_bash_positional(c)};"
        cases.append(
            f'        {c.name}) if [[ $cur == -* ]]; then _kz_reader_words "{opts}";{then} fi ;;'
        )
    return "\n".join([
        f"# bash completion for {PROG}; load it with: eval \"$({PROG} completion bash)\"",
        "_kz_reader_reply() {",
        "    COMPREPLY=()",
        "    local line",
        '    while IFS= read -r line; do COMPREPLY+=("$line"); done',
        "}",
        '_kz_reader_words() { _kz_reader_reply < <(compgen -W "$1" -- "$cur"); }',
        "_kz_reader_files() {",
        "    compopt -o filenames 2>/dev/null",
        '    _kz_reader_reply < <(compgen -f -- "$cur")',
        "}",
        "_kz_reader_dirs() {",
        "    compopt -o filenames 2>/dev/null",
        '    _kz_reader_reply < <(compgen -d -- "$cur")',
        "}",
        "_kz_reader() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local cmd="" npos=0 i word',
        "    COMPREPLY=()",
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        word="${COMP_WORDS[i]}"',
        '        case "$word" in',
        f"            {'|'.join(valued)}) i=$((i + 1)) ;;",
        "            -*) ;;",
        '            *) if [[ -z $cmd ]]; then cmd="$word"; else npos=$((npos + 1)); fi ;;',
        "        esac",
        "    done",
        '    case "$prev" in',
        *_bash_value_cases([top, *subs]),
        "    esac",
        '    case "$cmd" in',
        f'        "") if [[ $cur == -* ]]; then _kz_reader_words "{top_opts}"; else',
        f'            _kz_reader_words "{" ".join(c.name for c in subs)}"',
        "            ((${#COMPREPLY[@]})) || _kz_reader_files; fi ;;",
        *cases,
        "    esac",
        "}",
        f"complete -F _kz_reader {PROG}",
        "",
    ])


def _zq(text: str) -> str:
    """Text for inside a single-quoted _arguments spec: no quote, no unescaped [ ] :."""
    for ch in "\\[]:":
        text = text.replace(ch, "\\" + ch)
    return text.replace("'", "'\\''")


def _zsh_action(kind: str | None) -> str:
    if kind is None:
        return ""
    if kind.startswith("words:"):
        return f"({kind[6:]})"
    return {"dir": "_files -/", "file": "_files"}.get(kind, " ")


def _zsh_specs(c: Command) -> list[str]:
    specs = []
    for o in c.options:
        help_text = _zq(o.help or o.names[-1].lstrip("-"))
        excl = "'(- *)'" if o.names[-1] in ("--help", "--version") else ""
        for name in o.names:
            if o.value is None:
                specs.append(f"{excl}'{name}[{help_text}]'")
            else:
                specs.append(f"'{name}=[{help_text}]:{_zq(o.label)}:{_zsh_action(o.value)}'")
    if c.name and c.positional:
        slot = "*" if c.many else "1"
        specs.append(f"'{slot}:{_zq(c.label)}:{_zsh_action(c.positional)}'")
    return specs


def zsh_script(parser: argparse.ArgumentParser) -> str:
    top, subs = describe(parser)
    commands = [f"    '{c.name}:{_zq(c.help)}'" for c in subs]
    cases = [
        f"        {c.name}) _arguments {' '.join(_zsh_specs(c))} && ret=0 ;;" for c in subs
    ]
    return "\n".join([
        f"#compdef {PROG}",
        f"# zsh completion for {PROG}; load it with: eval \"$({PROG} completion zsh)\"",
        "_kz_reader() {",
        '  local curcontext="$curcontext" state line ret=1',
        "  typeset -A opt_args",
        "  local -a commands",
        "  commands=(",
        *commands,
        "  )",
        f"  _arguments -C {' '.join(_zsh_specs(top))} '1: :->command' '*:: :->args' && ret=0",
        "  case $state in",
        "    command)",
        "      _describe -t commands 'kz-reader command' commands && ret=0",
        "      _files && ret=0 ;;",
        "    args)",
        '      curcontext="${curcontext%:*:*}:kz-reader-$words[1]:"',
        "      case $words[1] in",
        *cases,
        "      esac ;;",
        "  esac",
        "  return ret",
        "}",
        'if [[ "$funcstack[1]" == "_kz_reader" ]]; then',
        '  _kz_reader "$@"',
        "else",
        f"  compdef _kz_reader {PROG}",
        "fi",
        "",
    ])


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    return bash_script(parser) if shell == "bash" else zsh_script(parser)
