"""Key descriptions in the interface language, for the footer, the help and the palette.

Bindings are declared in English on the classes; each instance gets its own copy in the
chosen language when it is created, so the language can differ from one run to the next
(and from one test to the next) without re-importing anything.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from reader.i18n import language, t


def localize_bindings(node: DOMNode) -> None:
    if language() == "en":
        return
    # Textual keeps each node's bindings in `_bindings` (a BindingsMap copied per instance);
    # there is no public setter, and the Textual version is pinned in pyproject.toml.
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=t(b.description)) if b.description else b for b in bindings
        ]


class Localized:
    """Mix in before the Textual base class: `class MainScreen(Localized, Screen)`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)  # type: ignore[arg-type]
