"""Modal questions: yes/no, one line, a note."""
