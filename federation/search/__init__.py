"""Cross-region search over the index: full text, filters, facet counts (issue 5)."""
