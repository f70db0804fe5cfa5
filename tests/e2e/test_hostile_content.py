"""library.toml is untrusted (import-library, sync, hand edits): its ids, titles, labels and note
texts may carry escape sequences, C1 controls, DEL, BEL, bidi overrides and Rich markup. None of
it may reach the terminal, be read as markup or crash the app or the CLI; what is stored stays
byte for byte. config.toml values and typed prompt text with brackets are shown literally too.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import time
import tomllib
import unicodedata
import uuid
from pathlib import Path

import pytest
from support.app import flat, make_app, screen_line, widget_text
from support.terminal import EXIT_MARK, TmuxPane, app_env, installed_script
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets._toast import Toast

# -- the hostile library ------------------------------------------------------------------------

OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
OSC_CLIPBOARD = "\x1b]52;c;UFdORUQ=\x07"
CONTROLS = (OSC_TITLE + OSC_CLIPBOARD + "\x1b[2J" + "\x9b31m" + "\x85" + "\x9c" + "\x7f"
            + "\x07" + "\u202e" + "\u2066" + "\u2069")
MARKUP = "[/] [bold] [link=https://evil.example]x[/link]"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

GOOD = "2026/report.txt"
BRACKETED = "[x] report.txt"
GONE = "[gone] [/]missing\x1b]2;GONE-ID\x07\u202e.txt"  # shown as its escapes: visible text
SKIPPED_ID = "b-bad\x1b]2;SKIPPED-ID\x07[/]\u202e[bold]"  # an unusable entry: named in a warning


def hostile_strings(controls: str = CONTROLS, markup: str = MARKUP) -> dict[str, str]:
    """Every text field of the library; with controls="" and markup="" the clean twin."""
    return {
        "b1_id": f"b-1{controls}{markup}",
        "b1_title": f"Жиналыс{controls} {markup} есебі",
        "b1_label": f"Маңызды{controls} {markup} белгі",
        "b2_id": f"b-2{controls}",
        "b2_title": f"Қаңтар{controls} есебі",
        "b2_label": f"{markup} жапсырма{controls}",
        "b3_id": f"b-3{controls}",
        "b3_title": f"Жоқ{controls} {markup} мақала",
        "n1_id": f"n-1{controls}{markup}",
        "n1_title": f"Жиналыс{controls} {markup} есебі",
        "n1_text": f"Ескерту{controls} {markup} мәтіні\n\tекінші{controls} жол",
        "n2_id": f"n-2{controls}",
        "n2_title": f"Қаңтар{controls} есебі",
        "n2_text": f"{markup} тұтас{controls} мақалаға",
    }


def toml_string(text: str) -> str:
    """A TOML basic string; every control, DEL, C1 and bidi control as \\uXXXX."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif unicodedata.category(c) == "Cc" or c in BIDI:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def library_toml(s: dict[str, str]) -> str:
    """Bookmarks on the good article, the bracketed one and a missing one, and one unusable
    (paragraph -1: left out with a warning); a paragraph note and a whole-article note. b-1 is
    the newest, so it is highlighted on the bookmarks screen."""
    q = toml_string
    return f"""version = 1

[[bookmarks]]
id = {q(s["b1_id"])}
article = {q(GOOD)}
title = {q(s["b1_title"])}
date = 2026-02-02
paragraph = 0
label = {q(s["b1_label"])}
created = 2026-11-25T10:03:00Z

[[bookmarks]]
id = {q(s["b2_id"])}
article = {q(BRACKETED)}
title = {q(s["b2_title"])}
date = 2026-01-15
paragraph = 0
label = {q(s["b2_label"])}
created = 2026-11-25T10:02:00Z

[[bookmarks]]
id = {q(s["b3_id"])}
article = {q(GONE)}
title = {q(s["b3_title"])}
paragraph = 1
label = ""
created = 2026-11-25T10:01:00Z

[[bookmarks]]
id = {q(SKIPPED_ID)}
article = {q(GOOD)}
title = {q(s["b1_title"])}
paragraph = -1
label = {q(s["b1_label"])}
created = 2026-11-25T10:00:00Z

[[notes]]
id = {q(s["n1_id"])}
article = {q(GOOD)}
title = {q(s["n1_title"])}
paragraph = 0
text = {q(s["n1_text"])}
created = 2026-11-25T10:05:00Z
updated = 2026-11-25T10:06:00Z

[[notes]]
id = {q(s["n2_id"])}
article = {q(BRACKETED)}
title = {q(s["n2_title"])}
text = {q(s["n2_text"])}
created = 2026-11-25T10:04:00Z
updated = 2026-11-25T10:04:00Z
"""


def make_archive(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "2026").mkdir(exist_ok=True)
    (root / GOOD).write_text(
        " date 2026-02-02 Жиналыс есебі\nБірінші абзац: отырыс өтті.\n"
        "Екінші абзац: қатысушылар сөйледі.\nДереккөз: osdp.kz\n", encoding="utf-8")
    (root / BRACKETED).write_text(
        " date 2026-01-15 Қаңтар есебі\nҚаңтардағы абзац: жиналыс болды.\n"
        "Дереккөз: osdp.kz\n", encoding="utf-8")
    return root


def same_entries(now: bytes, before: bytes) -> bool:
    """Every entry as it was, but for the anchor (quote, prefix, suffix, text_hash) that an
    entry of the earlier version gets when its article is first read (issue 12)."""
    def entries(data: bytes) -> dict:
        doc = tomllib.loads(data.decode("utf-8"))
        for key in ("bookmarks", "notes", "highlights"):
            for entry in doc.get(key, []):
                for field in ("quote", "prefix", "suffix", "text_hash"):
                    entry.pop(field, None)
        return doc

    return entries(now) == entries(before)


def write_library(config_dir: Path, strings: dict[str, str]) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "library.toml"
    path.write_text(library_toml(strings), encoding="utf-8")
    return path


def bad_chars(text: str, allowed: str = "\n") -> list[str]:
    """C0 (but `allowed`), DEL, C1, bidi controls and undecodable bytes, as code points."""
    return [f"U+{ord(c):04X}" for c in text
            if (unicodedata.category(c) == "Cc" and c not in allowed) or c in BIDI
            or "\udc80" <= c <= "\udcff"]


def screen_is(app, name: str) -> bool:
    """By class name: the screens' modules are being moved about."""
    return type(app.screen).__name__ == name


def toast_text(app) -> str:
    """What the toasts on screen draw, and what the app was asked to show."""
    drawn = [widget_text(toast) for toast in app.screen.query(Toast)]
    asked = [f"{n.title} {n.message}" for n in app._notifications]
    return "\n".join(drawn + asked)


# -- 1. the installed program in a real terminal, every byte it sends ----------------------------

class HostilePane(TmuxPane):
    """A TmuxPane on a socket named hostile_*, whose output bytes all go to a file."""

    def __init__(self, env: dict[str, str], cols: int, rows: int, capture: Path) -> None:
        super().__init__(env, cols, rows, socket=f"hostile_{uuid.uuid4().hex[:10]}")
        self._tmux("pipe-pane", "-o", "-t", "e2e", f"cat >> {shlex.quote(str(capture))}")

    def run(self, argv: list[str], status_file: Path) -> None:
        status = shlex.quote(str(status_file))
        wrapper = (f'TERM=xterm-256color "$@"; s=$?; echo "EXIT=$s" > {status}'
                   f'; echo "{EXIT_MARK}$s."; exec sleep 3600')
        command = shlex.join(["sh", "-c", wrapper, "sh", *argv])
        self._tmux("respawn-pane", "-k", "-t", "e2e", command)

    def wait_gone(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} still on screen after {timeout}s:\n{screen}")
            time.sleep(0.05)


def _no_crash(screen: str) -> str:
    assert "Traceback" not in screen and "Error" not in screen, screen
    return screen


def _drive(tmp_path: Path, strings: dict[str, str], hostile: bool) -> tuple[bytes, list[str], int]:
    """Open the article, the note editor, the bookmarks screen and its label prompt, the notes
    screen, quit; returns (every byte sent to the terminal, the screens seen, exit status)."""
    archive = make_archive(tmp_path / "archive")
    env = app_env(tmp_path)
    config = Path(env["KZ_READER_CONFIG_DIR"])
    library = write_library(config, strings)
    stored = library.read_bytes()
    capture, status_file = tmp_path / "tty.bytes", tmp_path / "status"
    screens: list[str] = []
    pane = HostilePane(env, 200, 50, capture)  # wide: labels whole in the article pane
    try:
        pane.run([str(installed_script()), "--archive", str(archive),
                  "--config-dir", str(config)], status_file)
        screens.append(_no_crash(pane.wait_for("Жиналыс есебі")))
        pane.keys("Enter")
        screens.append(_no_crash(pane.wait_for("min read")))  # the article's meta line
        if hostile:  # the marks under the paragraph: ★ label, ✎ note
            screens[-1] = _no_crash(pane.wait_for("белгі"))
            assert "★ Маңызды" in screens[-1] and "✎ Ескерту" in screens[-1], screens[-1]
        pane.keys("n")
        screens.append(_no_crash(pane.wait_for("ctrl+s = save")))
        pane.keys("Escape")
        _no_crash(pane.wait_gone("ctrl+s = save"))
        pane.keys("B")
        screens.append(_no_crash(pane.wait_for("missing: [gone]")))
        pane.keys("r")
        screens.append(_no_crash(pane.wait_for("Bookmark label")))
        pane.keys("Escape")
        _no_crash(pane.wait_gone("Bookmark label"))
        pane.keys("C-n")
        screens.append(_no_crash(pane.wait_for("article: [x] report.txt")))
        pane.keys("q")
        status = pane.wait_exit()
        screens.append(pane.screen())
        time.sleep(0.3)  # let `cat` write the last bytes
    finally:
        pane.close()
    assert status_file.read_text().strip() == f"EXIT={status}"
    assert same_entries(library.read_bytes(), stored), \
        "opening and leaving entries changed library.toml"
    return capture.read_bytes(), screens, status


OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")  # whole, to BEL or ST


def oscs(raw: bytes) -> set[bytes]:
    """The OSC sequences sent, hyperlink ids (a counter) made equal."""
    return {re.sub(rb"id=\d+", b"id=N", osc) for osc in OSC.findall(raw)}


def test_hostile_library_sends_no_control_of_its_own_to_the_terminal(tmp_path: Path) -> None:
    """The real program in tmux, every output byte captured: the stored escapes, C1, DEL and
    bidi controls never reach the terminal, only Textual's own OSCs (as with a clean library)
    appear, markup shows as typed, and q exits 0 leaving library.toml untouched."""
    clean, clean_screens, clean_status = _drive(tmp_path / "clean", hostile_strings("", ""),
                                                hostile=False)
    assert clean_status == 0, clean_screens[-1]
    own = oscs(clean)  # Textual's own: OSC 22 (pointer shape), OSC 8 (the source link)
    assert b"\x1b]0;" not in clean and b"\x1b]52;" not in clean, own

    raw, screens, status = _drive(tmp_path / "hostile", hostile_strings(), hostile=True)
    assert status == 0, screens[-1]
    assert b"PWNED-TITLE" not in raw and b"UFdORUQ=" not in raw
    assert b"\x1b]0;" not in raw and b"\x1b]2;" not in raw and b"\x1b]52;" not in raw
    assert oscs(raw) <= own, oscs(raw) - own
    assert not re.search(rb"\x1b\]8;[^\x07\x1b]*;https://evil", raw), "markup became a link"
    assert raw.count(b"\x1b[2J") <= clean.count(b"\x1b[2J")
    bells = OSC.sub(b"", raw).count(b"\x07")
    assert bells <= OSC.sub(b"", clean).count(b"\x07"), f"{bells} BEL of the content rang"
    assert b"\x7f" not in raw
    text = raw.decode("utf-8", "surrogateescape")
    c1 = sorted({f"U+{ord(c):04X}" for c in text if "\x80" <= c <= "\x9f"})
    lone = sorted({f"byte {ord(c) - 0xDC00:#x}" for c in text if "\udc80" <= c <= "\udcff"})
    bidi = sorted({f"U+{ord(c):04X}" for c in text if c in BIDI})
    assert not c1 and not lone and not bidi, (c1, lone, bidi)

    article, editor, bookmarks, prompt, notes = screens[1:6]
    assert "[/] [bold] [link=https://evil.example]x[/link]" in article, article
    assert "Ескерту" in editor and "[/] [bold]" in editor and "мәтіні" in editor, editor
    assert "Маңызды" in bookmarks and "[/] [bold]" in bookmarks, bookmarks
    assert "missing: [gone] [/]missing" in bookmarks, bookmarks
    assert "белгі" in prompt, prompt  # the field shows the end of the cleaned label
    assert "Ескерту [/] [bold]" in notes and "[x] report.txt" in notes, notes


# -- 2. the app in-process (Pilot): what each widget holds ---------------------------------------

@pytest.fixture
def hostile_app(tmp_path: Path, config_dir: Path):
    archive = make_archive(tmp_path / "archive")
    library = write_library(config_dir, hostile_strings())
    return make_app(archive, config_dir), library


async def test_note_editor_and_label_prompt_hold_no_control(hostile_app) -> None:
    """The editor and the label prompt are filled from library.toml: their values are the
    stored text cleaned (markup as typed), and leaving them unchanged writes nothing."""
    app, library = hostile_app
    stored = library.read_bytes()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one("ArticleView")
        shown = widget_text(view)
        assert not bad_chars(shown), bad_chars(shown)
        assert ("★ Маңызды [/] [bold] [link=https://evil.example]x[/link] белгі"
                in flat(shown.replace("▌", " "))), shown  # wrapped beside the cursor bar
        assert "✎ Ескерту" in shown and "мәтіні" in shown, shown

        await pilot.press("n")
        await pilot.pause()
        assert screen_is(app, "NoteEditor")
        area = app.screen.query_one(TextArea)
        assert not bad_chars(area.text, "\n\t"), bad_chars(area.text, "\n\t")
        assert area.text.startswith("Ескерту") and MARKUP in area.text, repr(area.text)
        drawn = widget_text(area)
        assert not bad_chars(drawn), bad_chars(drawn)
        assert "[/] [bold]" in drawn, drawn
        await pilot.press("escape")
        await pilot.pause()
        assert not screen_is(app, "NoteEditor")

        await pilot.press("B")
        await pilot.pause()
        assert screen_is(app, "BookmarksScreen")
        await pilot.press("r")
        await pilot.pause()
        assert screen_is(app, "PromptDialog")
        value = app.screen.query_one(Input).value
        assert not bad_chars(value, ""), bad_chars(value, "")
        assert value.startswith("Маңызды") and MARKUP in value and value.endswith("белгі"), value
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen_is(app, "NotesScreen")
        await pilot.press("e")
        await pilot.pause()
        assert screen_is(app, "NoteEditor")
        area = app.screen.query_one(TextArea)
        assert not bad_chars(area.text, "\n\t"), bad_chars(area.text, "\n\t")
        heading = widget_text(app.screen.query(Static).first())
        assert not bad_chars(heading), bad_chars(heading)
        assert "Жиналыс [/] [bold]" in heading, heading  # the note's stored title
        await pilot.press("escape")
        await pilot.pause()
        toasts = toast_text(app)
        assert not bad_chars(toasts), bad_chars(toasts)
        drawn = "\n".join(widget_text(toast) for toast in app.screen.query(Toast))
        assert "b-bad" in drawn and "[/]" in drawn and "[bold]" in drawn, drawn  # the warning
        await pilot.press("q")
    assert same_entries(library.read_bytes(), stored)


async def test_bookmarks_and_notes_screens_show_markup_literally(hostile_app) -> None:
    """The lists, the delete question and a jump to an article whose file name holds [ and ]:
    no control drawn, the brackets as typed, no MarkupError."""
    app, library = hostile_app
    stored = library.read_bytes()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("B")
        await pilot.pause()
        listing = widget_text(app.screen.query_one(OptionList))
        assert not bad_chars(listing), bad_chars(listing)
        assert "[Маңызды [/] [bold] [link=https://ev" in listing, listing
        assert "[/] [bold] [link=https://evil.example]x[/link] жапсырма" in listing, listing
        assert "missing: [gone] [/]missing" in listing, listing
        assert "Қаңтардағы абзац" in listing, listing  # the [x] report.txt bookmark's place

        await pilot.press("d")
        await pilot.pause()
        assert screen_is(app, "ConfirmDialog")
        question = widget_text(app.screen.query(Static).first())
        assert not bad_chars(question), bad_chars(question)
        question = " ".join(question.split())  # the dialog wraps it
        assert "Жиналыс [/] [bold] [link=https://evil.example]x[/link] есебі" in question
        await pilot.press("n")
        await pilot.pause()

        await pilot.press("down")  # b-2, on [x] report.txt
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one("ArticleView")
        assert view.article is not None and view.article.id == BRACKETED
        shown = widget_text(view)
        assert not bad_chars(shown), bad_chars(shown)
        assert ("★ [/] [bold] [link=https://evil.example]x[/link] жапсырма"
                in flat(shown.replace("▌", " "))), shown
        assert "✎ [/] [bold]" in shown, shown

        await pilot.press("B", "down", "down", "enter")  # b-3: its article has gone
        await pilot.pause()
        toasts = toast_text(app)
        assert not bad_chars(toasts), bad_chars(toasts)
        assert "[gone] [/]missing" in toasts, toasts

        await pilot.press("ctrl+n")
        await pilot.pause()
        notes = widget_text(app.screen.query_one(OptionList))
        assert not bad_chars(notes), bad_chars(notes)
        assert "✎ Ескерту [/] [bold]" in notes and "article: [x] report.txt" in notes, notes
        await pilot.press("q")
    assert same_entries(library.read_bytes(), stored)


@pytest.mark.parametrize("typed", ["[/]", "[bold]2024[/]", "[link=https://evil.example]x"])
async def test_date_filter_prompt_takes_markup(tmp_path: Path, config_dir: Path,
                                               typed: str) -> None:
    """`f` with markup typed in: no crash, and the "not a year or month" toast quotes it."""
    app = make_app(make_archive(tmp_path / "archive"), config_dir)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        asked = screen_line(app, 39)  # the bottom line asks
        assert "Show only a year or a month:" in asked, asked
        await pilot.press(*typed)
        await pilot.pause()
        assert f"Show only a year or a month: {typed}" in screen_line(app, 39)
        await pilot.press("enter")
        await pilot.pause()
        toasts = toast_text(app)
        assert "Not a year or month" in toasts and typed in toasts, toasts
        drawn = "\n".join(widget_text(toast) for toast in app.screen.query(Toast))
        assert typed in drawn, drawn
        await pilot.press("q")


CONFIG_CASES = {
    "theme": ('theme = "[/]"\n', "[/]"),
    "unknown_action": ('[keys]\n"[/]x" = "z"\n', "[/]x"),
    "bad_key_name": ('[keys]\nbookmark = "[/] [bold]"\n', "[/] [bold]"),
    "bad_language": ('language = "[bold]kk[/]"\n', "[bold]kk[/]"),
    "bad_type": ('archive = ["[/]", "[link=https://evil.example]x"]\n',
                 "[link=https://evil.example]x"),
    "unknown_setting": ('"[/]odd[bold]" = 1\n', "[/]odd[bold]"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
async def test_config_warning_with_brackets_shows_them(tmp_path: Path, config_dir: Path,
                                                       case: str) -> None:
    """A config.toml mistake holding Rich markup: the app starts, and the warning toast it
    draws quotes the brackets literally."""
    text, literal = CONFIG_CASES[case]
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text(text, encoding="utf-8")
    app = make_app(make_archive(tmp_path / "archive"), config_dir)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        drawn = "\n".join(widget_text(toast) for toast in app.screen.query(Toast))
        assert "config.toml" in drawn and literal in drawn, drawn
        assert not bad_chars(drawn), bad_chars(drawn)
        await pilot.press("q")


# -- 3. the command line ------------------------------------------------------------------------

CLI_COMMANDS = [
    ["bookmarks"], ["bookmarks", "--json"], ["notes"], ["notes", "--json"],
    ["export", "--format", "md"], ["export", "--format", "json"], ["list"],
    ["search", "абзац"], ["check"],
]


def test_cli_prints_library_text_cleaned_and_json_exactly(tmp_path: Path) -> None:
    """Every command that prints library text: no C0 but newline and tab, no DEL, C1 or bidi
    control on stdout or stderr; JSON gives back the stored strings exactly; library.toml is
    byte for byte what it was."""
    archive = make_archive(tmp_path / "archive")
    env = app_env(tmp_path)
    config = Path(env["KZ_READER_CONFIG_DIR"])
    s = hostile_strings()
    library = write_library(config, s)
    stored = library.read_bytes()
    outputs: dict[str, str] = {}
    errors: dict[str, str] = {}
    for command in CLI_COMMANDS:
        result = subprocess.run([str(installed_script()), *command, "--archive", str(archive),
                                 "--config-dir", str(config)], env=env, capture_output=True,
                                timeout=60)
        name = " ".join(command)
        out = result.stdout.decode("utf-8", "surrogateescape")
        err = result.stderr.decode("utf-8", "surrogateescape")
        assert result.returncode in (0, 1), (name, result.returncode, err)
        assert "Traceback" not in err, (name, err)
        assert not bad_chars(out, "\n\t"), (name, "stdout", bad_chars(out, "\n\t"))
        assert not bad_chars(err, "\n\t"), (name, "stderr", bad_chars(err, "\n\t"))
        outputs[name], errors[name] = out, err

    bookmarks = {b["id"]: b for b in json.loads(outputs["bookmarks --json"])}
    notes = {n["id"]: n for n in json.loads(outputs["notes --json"])}
    export = json.loads(outputs["export --format json"])
    for rows in (bookmarks, {b["id"]: b for b in export["bookmarks"]}):
        assert set(rows) == {s["b1_id"], s["b2_id"], s["b3_id"]}, list(rows)
        for n in "123":
            assert rows[s[f"b{n}_id"]]["title"] == s[f"b{n}_title"]
        assert rows[s["b1_id"]]["label"] == s["b1_label"]
        assert rows[s["b2_id"]]["label"] == s["b2_label"]
        assert rows[s["b2_id"]]["article"] == BRACKETED
        assert rows[s["b3_id"]]["article"] == GONE
    for rows in (notes, {n["id"]: n for n in export["notes"]}):
        assert set(rows) == {s["n1_id"], s["n2_id"]}, list(rows)
        for n in "12":
            assert rows[s[f"n{n}_id"]]["title"] == s[f"n{n}_title"]
            assert rows[s[f"n{n}_id"]]["text"] == s[f"n{n}_text"]

    assert "b-bad" in errors["bookmarks"] and "[/]" in errors["bookmarks"]  # named, left out
    assert "Маңызды" in outputs["bookmarks"] and "[/] [bold]" in outputs["bookmarks"]
    assert "Ескерту" in outputs["notes"] and "[/] [bold]" in outputs["notes"]
    assert "[link=https://evil.example]x[/link]" in outputs["export --format md"]
    assert BRACKETED in outputs["list"] and BRACKETED in outputs["search абзац"]
    assert same_entries(library.read_bytes(), stored)
