"""The Textual app: wiring between the screens and the core. No logic of its own."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.signal import Signal

from reader.archive.scan import Catalog, scan_archive
from reader.i18n import format_count, plural, t
from reader.search.index import Index
from reader.search.index_rows import IndexCatalog
from reader.session import Session
from reader.terminal_text import printable_id, terminal_safe
from reader.tui.annotations import RETRY_SECONDS, Annotations
from reader.tui.archive_feed import ArchiveFeed, first_screen
from reader.tui.keys import APP_BINDINGS, keymap_from
from reader.tui.screens.main import MainScreen
from reader.tui.signals import run_with_signals
from reader.tui.sync_action import AppSync
from reader.tui.widgets.localized import localize_bindings
from reader.userdata.files import atomic_write
from reader.userdata.library import LibraryError
from reader.userdata.paths import cache_dir, styles_dir
from reader.userdata.state import ReadingState, load_state, save_state

# The first screen's style sheets (search.tcss: the index bar shown under the list) are
# parsed before the first frame; the other screens' once it is drawn (Textual's parsing of
# them was ~1% of the start-up's CPU time), and always before any other screen is pushed.
STYLESHEETS = ["base.tcss", "main.tcss", "search.tcss"]
LATER_STYLESHEETS = ["dialogs.tcss", "lists.tcss", "help.tcss", "tags.tcss"]
STATE_DEBOUNCE = 1.0  # seconds: state.toml is written at most this often
PREPARE_AFTER = 2.0  # seconds after start: a large library.toml is made ready for changes


class KzReaderApp(App):
    """kz-reader: read an archive of Kazakh meeting reports from the terminal."""

    TITLE = "kz-reader"
    CSS_PATH = [styles_dir() / name for name in STYLESHEETS]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = APP_BINDINGS

    def __init__(self, session: Session, catalog: Catalog | IndexCatalog,
                 article_id: str | None = None, open_index: Callable[[], Index] | None = None,
                 total: int | None = None, list_index: Index | None = None) -> None:
        """`catalog` in memory (a Catalog), or, with `list_index`, read from that index as
        the list is drawn (its IndexCatalog; `total` says how many there are)."""
        super().__init__()
        localize_bindings(self)  # key descriptions in the interface language
        self.session = session
        self.library = session.library
        self.state: ReadingState = load_state(session.state_path)
        if total is None:
            assert isinstance(catalog, Catalog)
            total = len(catalog.summaries)
        self.feed = ArchiveFeed(self, catalog, total, open_index, list_index)
        self.annotations = Annotations(self)
        self.syncing = AppSync(self)  # the palette's Sync, and sync_on_start_quit
        self.marks_changed: Signal[None] = Signal(self, "marks-changed")
        self._open_id = article_id
        self.open_paragraph: int | None = None  # kz-reader ID#N: where ID opens (0-based)
        self._state_timer = None
        self.keymap: dict[str, str] = {}
        self.crash_report: str | None = None  # set when an unexpected exception ended the app
        self.release_gc = False  # True: collections are off until the first frame (run_app)
        self._later_styles = False  # LATER_STYLESHEETS read
        self.show_count()
        theme = self.state.theme or session.config.theme
        if theme in self.available_themes:
            self.theme = theme
        elif theme:
            session.warnings.append(t("unknown theme {theme}; themes: {themes}",
                                      theme=repr(theme),
                                      themes=", ".join(sorted(self.available_themes))))
        if session.config.keys:
            self.keymap, warnings = keymap_from(session.config.keys)
            session.warnings.extend(warnings)
            self.set_keymap(self.keymap)

    def _remember_theme(self, theme) -> None:
        """A theme chosen in the palette is kept in state.toml for the next start."""
        if theme.name != self.state.theme:
            self.state.theme = theme.name
            self.state_changed()

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast shows its text literally and terminal-safe: messages carry file names,
        config values and library text, none of which may be read as markup or escapes."""
        kwargs = {} if timeout is None else {"timeout": timeout}
        super().notify(terminal_safe(str(message), lines=True), title=terminal_safe(title),
                       severity=severity, markup=False, **kwargs)

    def action_help_quit(self) -> None:
        """ctrl+c: Textual's hint says it in markup, which every toast here shows literally."""
        keys = [key for key, active in self.active_bindings.items()
                if active.binding.action in ("quit", "app.quit")]
        if keys:  # ours (q, or its remapping) before Textual's ctrl+q
            self.notify(t("Press {key} to quit.", key=min(keys, key=len)),
                        title=t("Do you want to quit?"))

    def _fatal_error(self) -> None:
        """An unexpected exception: the full traceback goes to a crash log, the reader gets
        one line once the terminal is restored (see run_app), and the exit status is 1."""
        self.crash_report = crash_log(self._exception)
        self._close_messages_no_wait()

    @property
    def catalog(self) -> Catalog | IndexCatalog:
        return self.feed.catalog

    def show_count(self, shown: int | None = None, period: str = "") -> None:
        """The archive's name and size in the top line; with `f` narrowing the list to a
        period, which and how many of them are shown."""
        count = self.feed.total
        name = terminal_safe(printable_id(self.session.archive.name))
        words = plural(count, "{n} article", "{n} articles")
        if shown is not None:
            words = t("{period}: {shown} of {all}", period=period, shown=format_count(shown),
                      all=words)
        # Not `self.sub_title = ...`: the App's reactive repaints the whole screen (all of the
        # article beside the list at 140x40, ~10 ms); only the top line shows it.
        self.set_reactive(KzReaderApp.sub_title, f"{name} · {words}")
        from textual.messages import Update

        from reader.tui.widgets.title_bar import TitleBar

        for screen in self.screen_stack:
            for bar in screen.query(TitleBar):
                bar.refresh()
                # Told to its screen now, not from the bar's next idle: that came after the
                # screen drew the list `f` changed, a frame (16 ms or more) later.
                screen.post_message(Update(bar))

    # -- start and stop -------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.call_after_refresh(self._first_frame_drawn)
        self.call_after_refresh(self.syncing.on_start)  # after the first frame, if asked

    def _first_frame_drawn(self) -> None:
        """Collections back on, as run_app found them. What was made so far is kept out of
        them for good (gc.freeze): Textual's classes, styles and the first screen live as
        long as the app, and a first collection looking at all of them would be a pause of
        its own right after the first frame."""
        if self.release_gc:
            self.release_gc = False
            gc.freeze()
            gc.enable()
        self._read_later_styles()

    def _read_later_styles(self) -> None:
        """The other screens' style sheets, parsed now (those already parsed come from
        Textual's cache). Their rules style none of the main screen's widgets."""
        if not self._later_styles:
            self._later_styles = True
            for name in LATER_STYLESHEETS:
                self.stylesheet.read(styles_dir() / name)
            self.stylesheet.parse()

    def push_screen(self, *args, **kwargs):  # type: ignore[override]
        """Every other screen comes through here: its style sheets are read before it."""
        self._read_later_styles()
        return super().push_screen(*args, **kwargs)

    async def action_quit(self) -> None:
        """q: with sync_on_start_quit, the sync runs first, for a limited time."""
        if self.syncing.may_quit():
            self.exit()

    def start_reading(self) -> None:
        """Called by the main screen once its panes exist."""
        screen = self.main_screen
        self.library.keep_pending = True  # a refused save stays in memory, retried on a timer
        if len(self.library.bookmarks) + len(self.library.notes) > 1000:
            # The first change made as fast as later ones, in a thread; not while the first
            # screen is being drawn (it would take the interpreter from it for 0.7 s).
            self.set_timer(PREPARE_AFTER, lambda: self.run_worker(
                self.library.prepare, thread=True, group="library"))
        self.set_interval(RETRY_SECONDS, self.annotations.retry)
        screen.show_catalog()
        self.feed.start()
        for warning in self.session.warnings:
            self.notify(warning, title="config.toml", severity="warning", timeout=10)
        if self.library.broken:
            self.notify(self.library.broken,
                        title="library.toml", severity="error", timeout=15)
        if self.library.skipped:
            shown = "; ".join(self.library.skipped[:5])
            more = len(self.library.skipped) - 5
            self.notify(t("{n} entries left out (kept in the file): {which}", n=len(
                self.library.skipped), which=shown + (f"; … +{more}" if more > 0 else "")),
                        title="library.toml", severity="warning", timeout=15)
        target = self._open_id or self.state.last_article
        if target is not None and (self.session.archive / target).is_file():
            screen.open_article(target, self.open_paragraph if self._open_id else None)
        else:
            screen.show_reading(False)

    def show_catalog(self) -> None:
        """The feed has a new catalogue (the whole list, or the index changed)."""
        self.main_screen.show_catalog()
        self.main_screen.show_count()

    def on_index_status_progress(self) -> None:
        self.feed.progress()

    def on_index_status_updated(self, message) -> None:
        self.feed.updated(message.error, message.changed)

    def keep_drafts(self) -> None:
        """The note being typed goes to drafts.toml: on leaving, by a key or a signal."""
        from reader.tui.dialogs.note_editor import NoteEditor

        for screen in list(self.screen_stack):
            if isinstance(screen, NoteEditor):
                with contextlib.suppress(Exception):
                    screen.keep_now()

    def on_unmount(self) -> None:
        self.syncing.stop()  # a git still running ends; the exit never waits for it
        self.keep_drafts()
        self.flush_state()
        with contextlib.suppress(LibraryError):  # a last try; still refused = lost, as said
            self.library.save_pending()
        self.feed.close()

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def refresh_marks(self) -> None:
        """The library changed: every pane showing its marks redraws them."""
        self.marks_changed.publish(None)

    def jump_to(self, article_id: str, paragraph: int | None) -> None:
        """From the bookmarks, notes or search screen to a place in an article."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if self.catalog.get(article_id) is None:
            self.notify(t("The article {id} is missing from the archive.", id=article_id),
                        severity="error")
            return
        self.main_screen.open_article(article_id, paragraph or 0)

    # -- state.toml, debounced -------------------------------------------------

    def state_changed(self) -> None:
        if self._state_timer is None:
            self._state_timer = self.set_timer(STATE_DEBOUNCE, self.flush_state)

    def flush_state(self) -> None:
        if self._state_timer is not None:
            self._state_timer.stop()
            self._state_timer = None
        try:
            save_state(self.session.state_path, self.state)
        except OSError as error:
            self.notify(t("Cannot save the reading position: {error}",
                          error=error.strerror or error),
                        severity="warning")

    # -- screens ----------------------------------------------------------------

    def action_search(self) -> None:
        from reader.tui.screens.search import SearchScreen

        if self.feed.open_index is None:
            self.notify(t("Search needs the index, which is not available here."),
                        severity="warning")
        elif not isinstance(self.screen, SearchScreen):
            # One search screen, kept once made (installed): Textual removes a popped screen
            # that is not installed and then lays out and draws the screen under it a second
            # time, as it does the screen it mounts (each ~12 KB at 140x40 over SSH). The
            # reader finds the last query again, selected, with its results.
            if not self.is_screen_installed("search"):
                self.install_screen(SearchScreen(), "search")
            self.push_screen("search")

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_bookmarks(self) -> None:
        from reader.tui.screens.bookmarks import BookmarksScreen

        if not isinstance(self.screen, BookmarksScreen):
            self.push_screen(BookmarksScreen())

    def action_notes(self) -> None:
        from reader.tui.screens.notes import NotesScreen

        if not isinstance(self.screen, NotesScreen):
            self.push_screen(NotesScreen())

    def action_highlights(self) -> None:
        from reader.tui.screens.highlights import HighlightsScreen

        if not isinstance(self.screen, HighlightsScreen):
            self.push_screen(HighlightsScreen())

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("Search for commands…")))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=t("Search for themes…")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding that applies here is in the command palette too."""
        for command in super().get_system_commands(screen):  # Textual's own, translated
            yield command._replace(title=t(command.title), help=t(command.help))
        yield SystemCommand(t("Sync"), t("Merge bookmarks, notes and reading positions with "
                                         "the git remote (kz-reader sync), in the background"),
                            self.syncing.start)
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            node = active.node

            def run(node=node, action=binding.action) -> None:
                self.call_later(self.run_action, action, node)

            yield SystemCommand(binding.description, t("Key: {key}", key=key), run)


def crash_log(error: BaseException | None) -> str:
    """Write the traceback where a bug report can find it; the one line that names it."""
    import traceback

    kind = type(error).__name__ if error else "Error"
    line = t("internal error: {kind}: {error}", kind=kind, error=error)
    path = cache_dir() / "crash.log"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        details = "".join(traceback.format_exception(error)) if error else line
        atomic_write(path, terminal_safe(details, lines=True).encode("utf-8"))  # `cat`-safe
    except OSError:
        return line
    return t("{line} (the details are in {path})", line=line, path=path)


def _finish(app: KzReaderApp) -> int:
    """Run the app; a crash ends with one line on stderr and exit status 1, never 0."""
    status = run_with_signals(app)
    if app.crash_report is not None:
        message = " ".join(terminal_safe(app.crash_report).split())
        print(f"kz-reader: {message}", file=sys.stderr)
        return status or 1
    return status


def _tolerant_keyboard() -> None:
    """A byte that is not UTF-8 on the terminal (a cp1251 terminal over SSH, a binary paste)
    made Textual's input thread die with a traceback and exit 0: read it as U+FFFD instead.
    Textual (pinned) decodes keys with linux_driver's getincrementaldecoder; no public hook."""
    import codecs
    import functools

    from textual.drivers import linux_driver

    linux_driver.getincrementaldecoder = (  # type: ignore[assignment]
        lambda encoding: functools.partial(codecs.getincrementaldecoder(encoding),
                                           errors="replace"))


def run_app(session: Session, article_id: str | None, paragraph: int | None = None) -> int:
    """Start the app on the session's archive; returns the exit status.

    The first screen comes from the search index (a few milliseconds at 100,000 articles),
    the rest of the list follows in a thread, and the index is brought up to date in a
    process of its own. Without a usable index the folder is scanned instead.
    """
    held = not gc.isenabled()  # the command line turned collections off for the start
    try:
        _tolerant_keyboard()
        try:
            catalog, total, list_index = first_screen(session)
        except Exception as error:  # the cache is optional: read the folder directly
            session.warnings.append(t("search index unavailable ({error}); reading the "
                                      "folder", error=error))
            app = KzReaderApp(session, scan_archive(session.archive), article_id)
        else:
            app = KzReaderApp(session, catalog, article_id,
                              lambda: Index.open(session.archive), total, list_index)
        app.open_paragraph = paragraph
        app.release_gc = held
        return _finish(app)
    finally:
        if held:
            gc.enable()  # ended before its first frame
