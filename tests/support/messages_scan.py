"""Every message the interface shows, found in the source, for the catalogue test.

A test tool: the catalogue test reads it, and so can a translator.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "reader"
def _files() -> list[Path]:
    """Every module of the package: a message is wherever t() is called."""
    return sorted(ROOT.rglob("*.py"))


def _strings(node: ast.AST) -> list[str]:
    """A literal, or the parts of a conditional of literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def ui_messages() -> set[str]:
    messages: set[str] = set()
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "t" and node.args:
                    messages.update(_strings(node.args[0]))
                elif name == "plural" and len(node.args) == 3:
                    messages.update(_strings(node.args[1]) + _strings(node.args[2]))
                elif name == "Binding" and len(node.args) >= 3:
                    messages.update(m for m in _strings(node.args[2]) if m)
            elif isinstance(node, ast.Assign) and any(
                    getattr(target, "id", "") in ("HEADING", "EMPTY") for target in node.targets):
                messages.update(_strings(node.value))
            elif isinstance(node, ast.Assign) and any(
                    getattr(target, "id", "") in ("PROBLEM_MESSAGES", "SEARCH_SYNTAX")
                    for target in node.targets):
                messages.update(m for pair in node.value.elts for m in _strings(pair.elts[1]))
            elif isinstance(node, ast.Assign) and path.name == "walk.py" and any(
                    getattr(target, "id", "").isupper() for target in node.targets):
                messages.update(m for m in _strings(node.value) if " " in m)
            elif isinstance(node, ast.Tuple) and path.name == "keys.py" and node.elts:
                first = node.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    messages.add(first.value)
    messages.discard("")
    return messages | EXTRA


# Shown but not written as t("...") in our code: Textual's own footer label for the
# command palette key, and the titles and help of Textual's own palette commands.
EXTRA = {
    "palette",
    "Theme", "Change the current theme",
    "Quit the application as soon as possible",
    "Show help for the focused widget and a summary of available keys",
    "Hide the keys and widget help panel",
    "Minimize", "Minimize the widget and restore to normal size",
    "Maximize", "Maximize the focused widget",
    "Screenshot", "Save an SVG 'screenshot' of the current screen",
}
