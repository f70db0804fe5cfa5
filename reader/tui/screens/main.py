"""The main screen: the archive list and the article, side by side or one at a time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header

from reader.i18n import month_name, plural, t
from reader.tui.widgets.archive_list import ArchiveList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.localized import Localized

NARROW_BELOW = 100  # columns: below this, one pane at a time


class MainScreen(Localized, Screen):
    """List on the left, article on the right; below 100 columns one of them fills the screen."""

    BINDINGS = [
        Binding("tab", "switch_pane", "Pane", id="switch_pane"),
        Binding("escape", "back", "Back", id="back"),
        Binding("left_square_bracket", "previous_article", "Previous article", show=False,
                id="previous_article"),
        Binding("right_square_bracket", "next_article", "Next article", id="next_article"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArchiveList(id="archive-list")
        yield ArticleView(id="article-view")
        yield Footer()

    def on_mount(self) -> None:
        self.app.start_reading()

    @property
    def archive_list(self) -> ArchiveList:
        return self.query_one(ArchiveList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")

    def show_reading(self, reading: bool) -> None:
        """In the narrow layout, which pane fills the screen."""
        self.set_class(reading, "reading")
        (self.article_view if reading else self.archive_list).focus()

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("previous_article", "next_article", "switch_pane"):
            return self.article_view.article is not None
        if action == "back":
            return self.article_view.has_focus
        return True

    def action_switch_pane(self) -> None:
        self.show_reading(not self.article_view.has_focus)

    def action_back(self) -> None:
        self.show_reading(False)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(1)

    def _step_article(self, step: int) -> None:
        view = self.article_view
        if view.article is None:
            return
        target = self.archive_list.neighbour(view.article.id, step)
        if target is not None:
            self.app.open_article(target)
        else:
            self.notify(t("This is the last article.") if step > 0
                        else t("This is the first article."))

    # -- toggled from the article pane's bindings -----------------------------

    def action_toggle_bookmark(self) -> None:
        view = self.article_view
        if view.article is not None:
            self.app.toggle_bookmark(view.article, view.paragraph)

    def action_note_paragraph(self) -> None:
        view = self.article_view
        if view.article is not None:
            self.app.edit_note(view.article, view.paragraph)

    def action_note_article(self) -> None:
        view = self.article_view
        if view.article is not None:
            self.app.edit_note(view.article, None)

    def action_period(self, mode: str) -> None:
        """`f` narrows the list to a year or month; `:` jumps there."""
        from reader.archive.listing import parse_period
        from reader.tui.dialogs.prompt import PromptDialog

        def chosen(text: str | None) -> None:
            if not text:
                return
            period = parse_period(text)
            if period is None:
                self.notify(t("Not a year or month: {text!r}. Try 2024 or 2024-05.", text=text),
                            severity="warning")
                return
            year, month = period
            name = f"{month_name(month)} {year}" if month else str(year)
            if mode == "jump":
                if not self.archive_list.jump(year, month):
                    self.notify(t("No articles from {name}.", name=name), severity="warning")
                return
            shown = self.archive_list.narrow(period)
            self.app.refresh_bindings()
            count = plural(shown, "{n} article", "{n} articles")
            self.notify(t("{name}: {count}. Esc shows all.", name=name, count=count))

        question = (t("Show only a year or a month:") if mode == "narrow"
                    else t("Go to a year or month:"))
        self.app.push_screen(PromptDialog(question, t("Enter = go    Esc = cancel"),
                                          placeholder=t("2024 or 2024-05")), chosen)

    def on_archive_list_opened(self, message: ArchiveList.Opened) -> None:
        self.app.open_article(message.article_id)
