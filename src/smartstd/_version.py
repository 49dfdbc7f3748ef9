"""The package's version (the standard's version lives in :mod:`smartstd.versions`)."""

__version__ = "0.1.0"
