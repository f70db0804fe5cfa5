"""Every key binding by id, in one table: the help screen, the command palette and the
[keys] remapping (with its unknown-name and clash warnings) all read it, so none can go stale.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from reader.i18n import t
from reader.lazy_re import lazy_compile

APP_BINDINGS: list[BindingType] = [
    Binding("slash", "search", "Search", id="search"),
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Keys", id="help"),
    Binding("B", "bookmarks", "Bookmarks", id="bookmarks"),
    Binding("ctrl+n", "notes", "Notes", id="notes"),
    Binding("H", "highlights", "Highlights", show=False, id="highlights"),
]
KEY_NAME = lazy_compile(r"[A-Za-z0-9_+-]+|[!-~]")  # Textual's key names, or one printable


def binding_groups() -> list[tuple[str, list[BindingType]]]:
    """(heading, bindings) for each place keys apply, "Everywhere" first."""
    # Imported here, not at the top: the app loads this module before its first frame,
    # and these screens are needed only when [keys] is set or the help opens.
    from reader.tui.dialogs.note_editor import NoteArea, NoteEditor
    from reader.tui.dialogs.tag_prompt import TagInput, TagPrompt
    from reader.tui.screens.bookmarks import BookmarksScreen
    from reader.tui.screens.highlights import HighlightsScreen
    from reader.tui.screens.library_list import LibraryListScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.notes import NotesScreen
    from reader.tui.widgets.archive_list import ArchiveList
    from reader.tui.widgets.article_view import ArticleView

    return [
        ("Everywhere", APP_BINDINGS + [Binding("ctrl+p", "", "Command palette")]),
        ("Archive list", ArchiveList.BINDINGS + MainScreen.BINDINGS[:1]),
        ("Article", [b for b in ArticleView.BINDINGS if b not in ArticleView.SELECTION_BINDINGS]
         + [Binding("n", "", "On a highlight: a note on it", id="note")]  # (as remapped)
         + MainScreen.BINDINGS),
        ("Choosing a passage (after v)", ArticleView.SELECTION_BINDINGS),
        ("Bookmarks", LibraryListScreen.BINDINGS + BookmarksScreen.BINDINGS
         + [Binding("enter", "", "Open at the bookmark", id="library_open")]),
        ("Notes", LibraryListScreen.BINDINGS + NotesScreen.BINDINGS
         + [Binding("enter", "", "Open at the note", id="library_open")]),
        ("Note editor", NoteArea.BINDINGS + NoteEditor.BINDINGS),
        ("Highlights", LibraryListScreen.BINDINGS + HighlightsScreen.BINDINGS
         + [Binding("enter", "", "Open at the highlight", id="library_open")]),
        ("Tag prompt", TagInput.BINDINGS + TagPrompt.BINDINGS + [Binding("enter", "", "Save")]),
    ]


def _with_ids(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.id]


def keymap_from(keys: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """[keys] of config.toml -> (the keymap to apply, one warning per problem): an unknown
    action, a value that is no key name, a key another action uses where both apply."""
    groups = [_with_ids(bindings) for _, bindings in binding_groups()]
    known = {b.id for members in groups for b in members}
    warnings = [t("[keys] {action}: no such action; known: {known}", action=action,
                  known=", ".join(sorted(known))) for action in sorted(set(keys) - known)]
    keymap: dict[str, str] = {}
    for action, key in keys.items():
        if action not in known:
            continue
        if all(KEY_NAME.fullmatch(part.strip()) for part in key.split(",")):
            keymap[action] = key
        else:
            warnings.append(t("[keys] {action} = {key}: not a key name", action=action,
                              key=repr(key)))
    return keymap, warnings + _clashes(keymap, groups)


def _clashes(keymap: dict[str, str], groups: list[list[Binding]]) -> list[str]:
    """A remapped key that another action already uses where both apply."""

    def keys_of(binding: Binding) -> set[str]:
        chosen = keymap.get(binding.id or "", binding.key)
        return {key.strip() for key in chosen.split(",")}

    everywhere = groups[0]
    clashes: list[str] = []
    for action in sorted(keymap):
        for members in groups:
            mine = next((b for b in members if b.id == action), None)
            if mine is None:
                continue
            others = members + (everywhere if members is not everywhere else [])
            for other in others:
                shared = keys_of(mine) & keys_of(other) if other.id != action else set()
                message = t("[keys] {action} = {key}: {shared} is also the key of {other}",
                            action=action, key=repr(keymap[action]),
                            shared=", ".join(sorted(shared)), other=other.id)
                if shared and message not in clashes:
                    clashes.append(message)
    return clashes
