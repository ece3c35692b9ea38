"""The change feed: an LDES event stream of record versions, in fixed-size pages."""
