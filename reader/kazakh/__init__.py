"""Kazakh text: dates, and later normalisation, transliteration and stemming."""
