"""Private parts of :mod:`smartstd.generate`: name pools, organisations, charter, communities.

Nothing here is public API; import from :mod:`smartstd.generate`.
"""
