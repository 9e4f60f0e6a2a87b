"""planterm: a terminal tracker for multi-agency strategy action plans."""

__version__ = "0.1.0"
