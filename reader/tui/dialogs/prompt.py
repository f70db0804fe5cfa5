"""A one-line question: a bookmark's label (a dialog), a year or month for the list (the
bottom line)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.terminal_text import terminal_safe
from reader.tui.widgets.asked_about import ASKED_ABOUT, AskedAbout
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.localized import Localized

if TYPE_CHECKING:
    from textual.widget import AwaitMount


class SafeInput(Input):
    """A pasted control or escape sequence would be drawn as it is: it goes, as on screen."""

    def _on_paste(self, event: events.Paste) -> None:
        event.text = terminal_safe(event.text, lines=True)


class PromptDialog(Localized, ModalScreen[str | None]):
    """Returns what the reader typed (stripped); None on Escape, or when a given value was
    left as it was (what is stored stays byte for byte, even if the field showed it cleaned)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt_cancel")]

    def __init__(self, question: str, hint: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question, self.hint = question, hint
        self.value, self.placeholder = value, placeholder
        self.shown = terminal_safe(value)  # a label from library.toml is untrusted text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(terminal_safe(self.question), classes="dialog-question", markup=False)
            yield SafeInput(self.shown, placeholder=self.placeholder, id="answer")
            yield Static(self.hint, classes="dialog-hint", markup=False)
        yield KeyFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        unchanged = bool(self.value) and event.value == self.shown
        self.dismiss(None if unchanged else event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinePrompt(Horizontal):
    """A question on the bottom line, in place of the key footer: `:` and `f` in the list.

    A dialog is a screen of its own: pushing it styles a new screen and draws the list
    dimmed behind it, closing it draws the whole main screen again (tens of milliseconds
    each at 140x40). On this line only that line changes; the panes stay where they are,
    and the widget asked about keeps its look (widgets/asked_about.py)."""

    DEFAULT_CSS = """
    LinePrompt {
        dock: bottom;
        height: 1;
        display: none;
        background: $footer-background;
    }
    LinePrompt > .line-prompt-question {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    LinePrompt > Input, LinePrompt > Input:focus {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
    }
    LinePrompt > .line-prompt-hint {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt_cancel")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._answer: Callable[[str | None], None] | None = None
        self._back_to: Widget | None = None
        self.mounting: AwaitMount | None = None  # see line_prompt
        self._asked: tuple[str, str] = ("", "")

    def compose(self) -> ComposeResult:
        yield Static("", classes="line-prompt-question", markup=False)
        yield SafeInput(id="line-answer")
        yield Static("", classes="line-prompt-hint", markup=False)

    @property
    def asking(self) -> bool:
        return bool(self.display)

    def ask(self, question: str, hint: str, answer: Callable[[str | None], None],
            placeholder: str = "") -> None:
        """Shows the question; `answer` gets what was typed (stripped), or None on Escape."""
        if (question, hint) != self._asked:  # (an update lays the line out again)
            self._asked = (question, hint)
            self.query_one(".line-prompt-question", Static).update(terminal_safe(question))
            self.query_one(".line-prompt-hint", Static).update(hint)
        field = self.query_one(Input)
        field.value, field.placeholder = "", placeholder
        self._answer = answer
        screen = self.screen
        self._back_to = back = screen.focused
        if isinstance(back, AskedAbout):  # it keeps its look: the question is about it
            back.add_class(ASKED_ABOUT)
        self._show(True)
        screen.set_focus(field)  # now, not after a refresh: keys typed at once land here

    def _show(self, shown: bool) -> None:
        self.display = shown
        for footer in self.screen.query(KeyFooter):  # the same line: the panes never move
            footer.display = not shown

    def _close(self, value: str | None) -> None:
        answer, self._answer = self._answer, None
        back, self._back_to = self._back_to, None
        self._show(False)
        if back is not None and back.is_attached:
            self.screen.set_focus(back)  # (its Focus takes ASKED_ABOUT off: asked_about.py)
        if answer is not None:
            answer(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value.strip())

    def action_cancel(self) -> None:
        self._close(None)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """The focus went elsewhere (Tab, a click): the question is dropped."""
        focused = self.screen.focused
        if self.asking and focused is not None and self not in focused.ancestors_with_self:
            if self._back_to is not None:
                self._back_to.remove_class(ASKED_ABOUT)
            self._answer, self._back_to = None, None
            self._show(False)


async def line_prompt(screen: Screen) -> LinePrompt:
    """The screen's LinePrompt, mounted the first time (the main screen asks once its first
    frame is drawn, so neither Input's import nor its styles are on the start's path)."""
    found = screen.query(LinePrompt)
    if found:
        prompt = found.first()
    else:
        prompt = LinePrompt(id="line-prompt")
        prompt.mounting = screen.mount(prompt)
    if prompt.mounting is not None:
        await prompt.mounting  # (a `:` pressed while the first mount is still on its way)
        prompt.mounting = None
    return prompt
