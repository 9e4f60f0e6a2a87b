"""The terminal app. Only this package imports Textual."""
