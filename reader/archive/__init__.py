"""The archive: article files, their parsing and the folder scan. No Textual here."""
