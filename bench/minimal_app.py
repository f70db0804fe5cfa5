"""The baseline for bench/startup.py: the least a Textual app can do, show one line.

kz-reader's start-up time is reported as a ratio to this, measured in the same run, so the
figure says what kz-reader adds rather than how fast the machine is.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

LINE = "Қазақстан Республикасының Конституциясы"


class MinimalApp(App):
    """One Static line; q quits."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(LINE)


if __name__ == "__main__":
    MinimalApp().run()
