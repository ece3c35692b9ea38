"""A node of the RRMA federation: a regional directory published as linked data."""

__version__ = "0.1.0"
