"""kz-reader: a terminal reader for archives of Kazakh-language meeting reports."""

__version__ = "0.1.0"
