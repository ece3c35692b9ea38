"""Harvesting a peer into the index: bootstrap from the dump, then walk the feed."""
