"""The bundled sample archive, so a first run shows a real article."""
