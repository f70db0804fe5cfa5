"""The search index (SQLite FTS5), its builder and worker process, the query language,
snippets, and the one matcher the index and the highlighter share."""
