"""The command line: kz-reader and its subcommands (the entry point is main.main)."""
