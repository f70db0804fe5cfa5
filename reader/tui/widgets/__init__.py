"""One Textual widget a module."""
