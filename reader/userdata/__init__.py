"""What the reader owns on disk: its files (atomic writes, locks), the library, the
reading state, the settings, drafts, and export/import of the library."""
